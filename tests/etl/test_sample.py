"""The bundled sample's FY2566 reproduces every figure of MOI SDG committee meeting 1/2566, checked by
SQL on the database the real ETL builds from data/raw; FY2565 and FY2567 follow a plausible path; the
generator is deterministic; the national-scale set loads completely."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.sample import write_sample
from etl.sample_common import COASTAL_PROVINCES
from etl.schema import DATASETS
from tests.conftest import RAW_DIR, build_db

SAMPLE_YEARS = (2565, 2566, 2567)
SAMPLE_FILES = (*(f"{name}_{year}.csv" for year in SAMPLE_YEARS
                  for name in ("plans", "projects", "district_projects")), "dataset.json")
FY = 2566  # the year whose totals were published


@pytest.fixture(scope="module")
def con(sample_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        yield connection


def counts(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> dict[object, int]:
    """A two-column query (key, count) as a dict."""
    return {key: int(n) for key, n in con.execute(sql, list(params)).fetchall()}


def one(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> object:
    row = con.execute(sql, list(params)).fetchone()
    assert row is not None
    return row[0]


# --- plans -----------------------------------------------------------------------------------------
def test_plan_completeness_counts_match_the_seed(con: duckdb.DuckDBPyConnection) -> None:
    found = counts(con, "SELECT completeness, count(*) FROM plans WHERE fiscal_year = ? GROUP BY 1", 2566)
    assert found == {4: 7, 3: 15, 2: 34, 1: 20}


def test_the_seven_complete_plans_are_the_provinces_the_seed_names(con: duckdb.DuckDBPyConnection) -> None:
    names = {r[0] for r in con.execute(
        "SELECT p.name_en FROM plans JOIN provinces p USING (province_code) "
        "WHERE fiscal_year = ? AND completeness = 4", [2566]).fetchall()}
    assert names == {"Chachoengsao", "Nakhon Ratchasima", "Rayong", "Lop Buri", "Samut Prakan",
                     "Kanchanaburi", "Sing Buri"}


def test_every_province_but_bangkok_has_one_plan_row(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM plans WHERE province_code = ?", "10") == 0
    missing = one(con, "SELECT count(*) FROM provinces p WHERE p.province_code <> '10' AND NOT EXISTS "
                       "(SELECT 1 FROM plans WHERE plans.province_code = p.province_code "
                       "AND fiscal_year = ?)", FY)
    assert missing == 0
    assert one(con, "SELECT count(*) FROM plans WHERE fiscal_year = ?", FY) == 76
    assert one(con, "SELECT count(DISTINCT province_code) FROM plans WHERE fiscal_year = ?", FY) == 76


def test_committee_order_is_the_commonest_component_and_project_details_the_rarest(
        con: duckdb.DuckDBPyConnection) -> None:
    row = con.execute("SELECT count_if(has_committee_order), count_if(has_framework), "
                      "count_if(has_action_plan), count_if(has_project_details) FROM plans "
                      "WHERE fiscal_year = ?", [FY]).fetchone()
    assert row is not None
    assert row[0] == max(row) and row[3] == min(row) and row[0] > row[3]


# --- projects --------------------------------------------------------------------------------------
def test_project_total(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM projects WHERE fiscal_year = ?", 2566) == 742
    assert one(con, "SELECT count(*) FROM projects WHERE fiscal_year = ?", FY) == 742


def test_projects_by_region_match_the_seed(con: duckdb.DuckDBPyConnection) -> None:
    found = counts(con, "SELECT region_code, count(*) FROM projects JOIN provinces USING (province_code) "
                        "WHERE fiscal_year = ? GROUP BY 1", FY)
    assert found == {"north": 287, "south": 131, "northeast": 122, "central": 86, "east": 67, "west": 49}


@pytest.mark.parametrize(("goal", "expected"), [(2, 106), (11, 68), (8, 56), (14, 12), (17, 11), (5, 9)])
def test_published_goal_counts(con: duckdb.DuckDBPyConnection, goal: int, expected: int) -> None:
    assert one(con, "SELECT count(*) FROM projects WHERE goal = ? AND fiscal_year = ?", goal, FY) == expected


def test_unpublished_goals_lie_strictly_between_the_smallest_three_and_the_largest_three(
        con: duckdb.DuckDBPyConnection) -> None:
    found = counts(con, "SELECT goal, count(*) FROM projects "
                        "WHERE goal NOT IN (2, 11, 8, 14, 17, 5) AND fiscal_year = ? GROUP BY 1", FY)
    assert set(found) == {1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16}
    assert all(12 < n < 56 for n in found.values()), found


def test_bangkok_has_no_projects_and_every_other_province_has_some(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM projects WHERE province_code = ?", "10") == 0
    assert one(con, "SELECT count(DISTINCT province_code) FROM projects WHERE fiscal_year = ?", FY) == 76


def test_marine_projects_only_in_coastal_provinces(con: duckdb.DuckDBPyConnection) -> None:
    regions = {r[0] for r in con.execute(
        "SELECT region_code FROM provinces WHERE province_code IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(COASTAL_PROVINCES)]).fetchall()}
    assert len(COASTAL_PROVINCES) == 22 and not regions & {"north", "northeast"}
    marine = {r[0] for r in con.execute(
        "SELECT DISTINCT province_code FROM projects WHERE goal = 14").fetchall()}
    assert marine and marine <= COASTAL_PROVINCES


def test_project_details_are_plausible(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM projects p LEFT JOIN sdg_targets t ON t.target = p.target "
                    "AND t.goal = p.goal WHERE t.target IS NULL") == 0
    assert one(con, "SELECT count(*) - count(DISTINCT fiscal_year || province_code || title) "
                    "FROM projects") == 0
    assert one(con, "SELECT count(*) FROM projects WHERE title NOT LIKE 'โครงการ%' OR agency IS NULL") == 0
    low, high, off_grid = con.execute(
        "SELECT min(budget_thb), max(budget_thb), count_if(budget_thb % 1000 <> 0) FROM projects"
    ).fetchone() or ()
    assert low >= 50_000 and high <= 20_000_000 and off_grid == 0
    assert len(counts(con, "SELECT status, count(*) FROM projects WHERE fiscal_year = ? GROUP BY 1", FY)) == 4
    assert one(con, "SELECT count(*) FROM projects WHERE left(project_id, 2) <> province_code "
                    "OR NOT regexp_matches(project_id, '^\\d{2}-' || fiscal_year || '-\\d{3}$')") == 0


def test_titles_name_their_province_or_one_of_its_districts(con: duckdb.DuckDBPyConnection) -> None:
    strays = one(con, """
        SELECT count(*) FROM projects p JOIN provinces v USING (province_code)
        WHERE NOT contains(p.title, 'จังหวัด' || v.name_th)
          AND NOT EXISTS (SELECT 1 FROM districts d WHERE d.province_code = p.province_code
                          AND contains(p.title, 'อำเภอ' || d.name_th))""")
    assert strays == 0


# --- district projects -----------------------------------------------------------------------------
def test_district_projects_by_category_match_the_seed(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM district_projects WHERE fiscal_year = ?", 2566) == 878
    found = counts(con, "SELECT category, count(*) FROM district_projects WHERE fiscal_year = ? "
                        "GROUP BY 1", FY)
    assert found == {"poverty": 554, "water": 170, "other": 61, "drugs": 55, "classroom": 38}


def test_one_district_project_per_district_outside_bangkok(con: duckdb.DuckDBPyConnection) -> None:
    per_district = counts(con, """
        SELECT d.district_code, count(x.district_code) FROM districts d
        LEFT JOIN district_projects x ON x.district_code = d.district_code AND x.fiscal_year = ?
        WHERE d.province_code <> '10' GROUP BY 1""", FY)
    assert len(per_district) == 878 and set(per_district.values()) == {1}
    assert one(con, "SELECT count(*) FROM district_projects WHERE province_code = '10'") == 0
    assert one(con, "SELECT count(*) FROM district_projects x JOIN districts d USING (district_code) "
                    "WHERE d.province_code <> x.province_code") == 0


def test_dataset_row_says_sample(con: duckdb.DuckDBPyConnection) -> None:
    is_sample, source, years, default_year = con.execute(
        "SELECT is_sample, source, fiscal_years, default_year FROM dataset").fetchone() or ()
    assert is_sample is True and "1/2566" in source and "not official" in source
    assert years == list(SAMPLE_YEARS) and default_year == FY


# --- the years around FY2566 ---------------------------------------------------------------------
def test_every_sample_year_is_loaded(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("plans", "projects", "district_projects"):
        years = counts(con, f"SELECT fiscal_year, count(*) FROM {table} GROUP BY 1")
        assert sorted(int(str(y)) for y in years) == list(SAMPLE_YEARS)


def test_fy2565_had_four_complete_plans(con: duckdb.DuckDBPyConnection) -> None:
    """So the overview reads "7, +3 since 2565" for FY2566."""
    assert one(con, "SELECT count(*) FROM plans WHERE fiscal_year = 2565 AND completeness = 4") == 4


@pytest.mark.parametrize("year", SAMPLE_YEARS[1:])
def test_most_provinces_add_components_and_a_few_fall_back(con: duckdb.DuckDBPyConnection, year: int) -> None:
    up, down, same = con.execute("""
        SELECT count_if(b.completeness > a.completeness), count_if(b.completeness < a.completeness),
               count_if(b.completeness = a.completeness)
        FROM plans b JOIN plans a ON a.province_code = b.province_code AND a.fiscal_year = b.fiscal_year - 1
        WHERE b.fiscal_year = ?""", [year]).fetchone() or ()
    assert up > same + down and 1 <= down <= 5


def test_bangkok_never_has_a_plan_and_some_provinces_report_late(con: duckdb.DuckDBPyConnection) -> None:
    per_year = counts(con, "SELECT fiscal_year, count(*) FROM plans GROUP BY 1")
    assert one(con, "SELECT count(*) FROM plans WHERE province_code = '10'") == 0
    assert per_year[2566] == 76 and per_year[2565] < 76 and per_year[2567] < 76


def test_projects_and_budgets_move_differently_by_region_and_goal(con: duckdb.DuckDBPyConnection) -> None:
    by_region = con.execute("""
        SELECT region_code, count_if(fiscal_year = 2567) / count_if(fiscal_year = 2566)
        FROM projects JOIN provinces USING (province_code) GROUP BY 1""").fetchall()
    by_goal = con.execute("""
        SELECT goal, count_if(fiscal_year = 2565) / count_if(fiscal_year = 2566)
        FROM projects GROUP BY 1""").fetchall()
    for ratios in (by_region, by_goal):
        values = [r for _, r in ratios]
        assert max(values) - min(values) > 0.3, ratios
    budgets = counts(con, "SELECT fiscal_year, sum(budget_thb) FROM projects GROUP BY 1")
    assert budgets[2565] < budgets[2566] < budgets[2567]


def test_older_years_have_more_completed_projects(con: duckdb.DuckDBPyConnection) -> None:
    shares = counts(con, "SELECT fiscal_year, round(100 * count_if(status = 'completed') / count(*)) "
                         "FROM projects GROUP BY 1")
    assert shares[2565] > shares[2566] > shares[2567]


def test_projects_only_where_a_plan_was_sent(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM projects pj LEFT JOIN plans pl "
                    "ON pl.province_code = pj.province_code AND pl.fiscal_year = pj.fiscal_year "
                    "WHERE pl.province_code IS NULL") == 0


# --- files and determinism -------------------------------------------------------------------------
def test_generation_is_deterministic_and_matches_the_committed_files(tmp_path: Path) -> None:
    first = write_sample(tmp_path / "a")
    second = write_sample(tmp_path / "b")
    assert [p.name for p in first] == list(SAMPLE_FILES)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
        committed = (RAW_DIR / a.name).read_bytes()
        assert a.read_bytes() == committed, f"data/raw/{a.name} is stale: run make sample"


def test_another_seed_gives_other_rows_with_the_same_totals(tmp_path: Path) -> None:
    paths = {p.name: p for p in write_sample(tmp_path, seed=7)}
    assert list(paths) == list(SAMPLE_FILES)
    projects = pd.read_csv(paths["projects_2566.csv"], encoding="utf-8-sig", dtype=str)
    assert paths["projects_2566.csv"].read_bytes() != (RAW_DIR / "projects_2566.csv").read_bytes()
    assert len(projects) == 742 and projects["เป้าหมายหลัก"].value_counts()["2"] == 106


@pytest.mark.parametrize("name", SAMPLE_FILES[:3])
def test_csv_files_are_utf8_bom_with_thai_headers_and_lf(name: str) -> None:
    raw = (RAW_DIR / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    header = raw[3:].split(b"\n", 1)[0].decode("utf-8").split(",")
    dataset = next(d for d in DATASETS if name.startswith(d.name + "_"))
    assert header == [c.header_th for c in dataset.columns]


# --- national scale --------------------------------------------------------------------------------
@pytest.mark.slow
def test_national_set_loads_completely(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    written = write_sample(raw, projects=50_000)
    projects = pd.concat([pd.read_csv(p, encoding="utf-8-sig", dtype=str)
                          for p in written if p.name.startswith("projects_")])
    plans = pd.read_csv(raw / "plans_2566_2575.csv", encoding="utf-8-sig", dtype=str)
    names = pd.read_csv(RAW_DIR.parent / "reference" / "provinces.csv", dtype=str)
    code_of = dict(zip(names["name_th"], names["province_code"], strict=True))
    assert len(projects) == 50_000 and projects["รหัสโครงการ"].is_unique

    db = build_db(raw, tmp_path / "national.duckdb")
    with duckdb.connect(str(db), read_only=True) as c:
        assert counts(c, "SELECT fiscal_year, count(*) FROM projects GROUP BY 1") == {
            int(k): n for k, n in projects["ปีงบประมาณ"].value_counts().items()}
        assert counts(c, "SELECT goal, count(*) FROM projects GROUP BY 1") == {
            int(k): n for k, n in projects["เป้าหมายหลัก"].value_counts().items()}
        assert counts(c, "SELECT province_code, count(*) FROM projects GROUP BY 1") == {
            code_of[k]: n for k, n in projects["จังหวัด"].value_counts().items()}
        assert one(c, "SELECT sum(budget_thb) FROM projects") == projects["งบประมาณ (บาท)"].astype(int).sum()
        assert one(c, "SELECT count(*) FROM plans") == len(plans) == 77 * 10
        assert one(c, "SELECT count(DISTINCT district_code) FROM district_projects") == 928
        assert one(c, "SELECT count(DISTINCT goal) FROM projects") == 17
        assert one(c, "SELECT list_sort(fiscal_years) FROM dataset") == list(range(2566, 2576))
        assert one(c, "SELECT is_sample FROM dataset") is True
        assert one(c, "SELECT count(*) FROM projects WHERE goal = 14 AND province_code NOT IN "
                      "(SELECT unnest(?::VARCHAR[]))", sorted(COASTAL_PROVINCES)) == 0


def test_national_generation_is_deterministic(tmp_path: Path) -> None:
    first = write_sample(tmp_path / "a", projects=3_000, seed=1)
    second = write_sample(tmp_path / "b", projects=3_000, seed=1)
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))


@pytest.mark.parametrize("projects", [0, 9])
def test_national_needs_one_project_per_fiscal_year(tmp_path: Path, projects: int) -> None:
    with pytest.raises(ValueError, match="at least 10"):
        write_sample(tmp_path, projects=projects)


def test_smallest_national_set_has_every_fiscal_year(tmp_path: Path) -> None:
    names = {p.name for p in write_sample(tmp_path, projects=10)}
    assert {f"projects_{year}.csv" for year in range(2566, 2576)} <= names
