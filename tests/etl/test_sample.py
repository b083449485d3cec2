"""The bundled sample reproduces every figure of MOI SDG committee meeting 1/2566, checked by SQL on
the database the real ETL builds from data/raw; the generator is deterministic; the national-scale
set loads completely."""
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

SAMPLE_FILES = ("plans_2566.csv", "projects_2566.csv", "district_projects_2566.csv", "dataset.json")


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
                       "(SELECT 1 FROM plans WHERE plans.province_code = p.province_code)")
    assert missing == 0
    assert one(con, "SELECT count(*) FROM plans") == 76
    assert one(con, "SELECT count(DISTINCT province_code) FROM plans") == 76


def test_committee_order_is_the_commonest_component_and_project_details_the_rarest(
        con: duckdb.DuckDBPyConnection) -> None:
    row = con.execute("SELECT count_if(has_committee_order), count_if(has_framework), "
                      "count_if(has_action_plan), count_if(has_project_details) FROM plans").fetchone()
    assert row is not None
    assert row[0] == max(row) and row[3] == min(row) and row[0] > row[3]


# --- projects --------------------------------------------------------------------------------------
def test_project_total(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM projects WHERE fiscal_year = ?", 2566) == 742
    assert one(con, "SELECT count(*) FROM projects") == 742


def test_projects_by_region_match_the_seed(con: duckdb.DuckDBPyConnection) -> None:
    found = counts(con, "SELECT region_code, count(*) FROM projects JOIN provinces USING (province_code) "
                        "GROUP BY 1")
    assert found == {"north": 287, "south": 131, "northeast": 122, "central": 86, "east": 67, "west": 49}


@pytest.mark.parametrize(("goal", "expected"), [(2, 106), (11, 68), (8, 56), (14, 12), (17, 11), (5, 9)])
def test_published_goal_counts(con: duckdb.DuckDBPyConnection, goal: int, expected: int) -> None:
    assert one(con, "SELECT count(*) FROM projects WHERE goal = ?", goal) == expected


def test_unpublished_goals_lie_strictly_between_the_smallest_three_and_the_largest_three(
        con: duckdb.DuckDBPyConnection) -> None:
    found = counts(con, "SELECT goal, count(*) FROM projects "
                        "WHERE goal NOT IN (2, 11, 8, 14, 17, 5) GROUP BY 1")
    assert set(found) == {1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16}
    assert all(12 < n < 56 for n in found.values()), found


def test_bangkok_has_no_projects_and_every_other_province_has_some(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM projects WHERE province_code = ?", "10") == 0
    assert one(con, "SELECT count(DISTINCT province_code) FROM projects") == 76


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
    assert one(con, "SELECT count(*) - count(DISTINCT province_code || title) FROM projects") == 0
    assert one(con, "SELECT count(*) FROM projects WHERE title NOT LIKE 'โครงการ%' OR agency IS NULL") == 0
    low, high, off_grid = con.execute(
        "SELECT min(budget_thb), max(budget_thb), count_if(budget_thb % 1000 <> 0) FROM projects"
    ).fetchone() or ()
    assert low >= 50_000 and high <= 20_000_000 and off_grid == 0
    assert len(counts(con, "SELECT status, count(*) FROM projects GROUP BY 1")) == 4
    assert one(con, "SELECT count(*) FROM projects WHERE left(project_id, 2) <> province_code "
                    "OR NOT regexp_matches(project_id, '^\\d{2}-2566-\\d{3}$')") == 0


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
    found = counts(con, "SELECT category, count(*) FROM district_projects GROUP BY 1")
    assert found == {"poverty": 554, "water": 170, "other": 61, "drugs": 55, "classroom": 38}


def test_one_district_project_per_district_outside_bangkok(con: duckdb.DuckDBPyConnection) -> None:
    per_district = counts(con, """
        SELECT d.district_code, count(x.district_code) FROM districts d
        LEFT JOIN district_projects x USING (district_code)
        WHERE d.province_code <> '10' GROUP BY 1""")
    assert len(per_district) == 878 and set(per_district.values()) == {1}
    assert one(con, "SELECT count(*) FROM district_projects WHERE province_code = '10'") == 0
    assert one(con, "SELECT count(*) FROM district_projects x JOIN districts d USING (district_code) "
                    "WHERE d.province_code <> x.province_code") == 0


def test_dataset_row_says_sample(con: duckdb.DuckDBPyConnection) -> None:
    is_sample, source, years = con.execute(
        "SELECT is_sample, source, fiscal_years FROM dataset").fetchone() or ()
    assert is_sample is True and "1/2566" in source and "not official" in source and years == [2566]


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
