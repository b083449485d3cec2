"""Province-page queries on the real ETL build of the sample, checked per fiscal year against independent SQL
and, for FY2566, the seed."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.data import db, queries
from dashboard.data.grid import GridQuery
from dashboard.data.state import Filters
from etl.reference import read_reference
from geo import is_province_code

CODES = [str(c) for c in read_reference("provinces")["province_code"]]
PILOTS = [str(c) for c in read_reference("pilots").sort_values("pilot_order")["province_code"]]
SAMPLE_YEARS = (2565, 2566, 2567)


@pytest.fixture(params=SAMPLE_YEARS)
def fy(request: pytest.FixtureRequest, base: Filters) -> Filters:
    """The default filters for each of the sample's fiscal years."""
    return base.replace(year=request.param)


@pytest.fixture(scope="module")
def raw(sample_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A plain read-only connection for the independent check queries."""
    conn = duckdb.connect(str(sample_db), read_only=True)
    yield conn
    conn.close()


def _one(raw: duckdb.DuckDBPyConnection, sql: str, *params: object) -> object:
    row = raw.execute(sql, list(params)).fetchone()
    assert row is not None
    return row[0]


@pytest.mark.parametrize(
    ("code", "ok"),
    [("50", True), ("10", True), ("99", True), ("5", False), ("500", False), ("ab", False),
     ("٥٠", False), ("", False), (None, False), (50, False), ("../", False)],
)
def test_is_province_code_checks_shape_only(code: object, ok: bool) -> None:
    assert is_province_code(code) is ok


def test_profile_for_every_province(snap: db.Snapshot, fy: Filters, raw: duckdb.DuckDBPyConnection) -> None:
    assert len(CODES) == 77
    for code in CODES:
        profile = queries.province_profile(snap, fy, code)
        assert len(profile) == 1, code
        row = profile.iloc[0]
        assert row["projects"] == _one(raw, "SELECT count(*) FROM projects WHERE province_code = ? "
                                            "AND fiscal_year = ?", code, fy.year)
        assert row["district_projects"] == _one(
            raw, "SELECT count(*) FROM district_projects WHERE province_code = ? AND fiscal_year = ?",
            code, fy.year)
        assert float(row["budget_thb"]) == _one(
            raw, "SELECT coalesce(sum(budget_thb), 0) FROM projects WHERE province_code = ? "
                 "AND fiscal_year = ?",
            code, fy.year)
        assert row["goals_covered"] == _one(raw, "SELECT count(DISTINCT goal) FROM projects "
                                                 "WHERE province_code = ? AND fiscal_year = ?", code, fy.year)
        assert bool(row["is_pilot"]) is (code in PILOTS)
        if bool(row["is_pilot"]):
            assert PILOTS[int(row["pilot_order"]) - 1] == code


@pytest.mark.parametrize("code", ["99", "00", "abc", "' OR 1=1 --"])
def test_profile_of_unknown_code_is_empty(snap: db.Snapshot, base: Filters, code: str) -> None:
    assert queries.province_profile(snap, base, code).empty


def test_chiang_mai_profile(snap: db.Snapshot, fy: Filters, raw: duckdb.DuckDBPyConnection) -> None:
    row = queries.province_profile(snap, fy, "50").iloc[0]
    assert (row["name_th"], row["name_en"], row["region_code"]) == ("เชียงใหม่", "Chiang Mai", "north")
    assert int(row["pilot_order"]) == 3
    plan = raw.execute("SELECT has_committee_order, has_framework, has_action_plan, has_project_details "
                       "FROM plans WHERE province_code = '50' AND fiscal_year = ?", [fy.year]).fetchone()
    if plan is None:  # not reported that year
        assert pd.isna(row["completeness"])
    else:
        assert [bool(row[c]) for c in ("has_committee_order", "has_framework", "has_action_plan",
                                       "has_project_details")] == list(plan)
        assert int(row["completeness"]) == sum(plan)
    budget = _one(raw, "SELECT coalesce(sum(budget_thb), 0) FROM projects WHERE province_code = '50' "
                       "AND fiscal_year = ?", fy.year)
    assert float(row["budget_thb"]) == budget


def test_bangkok_is_not_assessed(snap: db.Snapshot, base: Filters) -> None:
    row = queries.province_profile(snap, base, "10").iloc[0]
    assert pd.isna(row["completeness"]) and pd.isna(row["has_framework"])
    assert bool(row["is_pilot"]) and int(row["pilot_order"]) == 1


def test_unknown_year_matches_nothing(snap: db.Snapshot) -> None:
    row = queries.province_profile(snap, Filters(year=2400), "50").iloc[0]
    assert row["projects"] == 0 and row["district_projects"] == 0
    assert queries.province_projects_page(snap, Filters(year=2400), "50", GridQuery()).empty


@pytest.mark.parametrize("code", ["50", "57", "11", "96", "10"])
def test_projects_match_sql(snap: db.Snapshot, fy: Filters, raw: duckdb.DuckDBPyConnection,
                            code: str) -> None:
    projects = queries.province_projects_page(snap, fy, code, GridQuery(limit=10_000))
    expected = raw.execute("SELECT project_id FROM projects WHERE province_code = ? AND fiscal_year = ? "
                           "ORDER BY project_id", [code, fy.year]).fetchall()
    assert sorted(projects["project_id"]) == [r[0] for r in expected]
    assert projects["color"].str.match(r"^#[0-9A-Fa-f]{6}$").all()
    assert list(projects["goal"]) == sorted(projects["goal"])


@pytest.mark.parametrize("code", ["50", "30", "83"])
def test_goal_mix_shares(snap: db.Snapshot, fy: Filters, raw: duckdb.DuckDBPyConnection, code: str) -> None:
    mix = queries.goal_mix(snap, fy, code)
    assert list(mix["goal"]) == list(range(1, 18))
    country = _one(raw, "SELECT count(*) FROM projects WHERE fiscal_year = ?", fy.year)
    assert mix["country_projects"].sum() == country
    assert fy.year != 2566 or country == 742  # the seed's national total for FY2566
    region = _one(raw, "SELECT region_code FROM provinces WHERE province_code = ?", code)
    in_region = ("SELECT count(*) FROM projects JOIN provinces USING (province_code) WHERE region_code = ? "
                 "AND fiscal_year = ?")
    assert mix["region_projects"].sum() == _one(raw, in_region, region, fy.year)
    in_province = "SELECT count(*) FROM projects WHERE province_code = ? AND fiscal_year = ?"
    assert mix["province_projects"].sum() == _one(raw, in_province, code, fy.year)
    for scope in ("province", "region", "country"):
        assert mix[f"{scope}_share"].sum() == pytest.approx(1.0 if mix[f"{scope}_projects"].sum() else 0.0)
    by_goal = dict(raw.execute("SELECT goal, count(*) FROM projects WHERE province_code = ? "
                               "AND fiscal_year = ? GROUP BY goal", [code, fy.year]).fetchall())
    pairs = zip(mix["goal"], mix["province_projects"], strict=True)
    assert {int(g): int(n) for g, n in pairs if n} == by_goal


def test_goal_mix_of_province_without_projects_is_zero(snap: db.Snapshot, base: Filters) -> None:
    mix = queries.goal_mix(snap, base, "10")
    assert mix["province_projects"].sum() == 0 and mix["province_share"].sum() == 0
    assert mix["country_share"].sum() == pytest.approx(1.0)


def test_chiang_mai_district_programme(snap: db.Snapshot, fy: Filters,
                                       raw: duckdb.DuckDBPyConnection) -> None:
    programme = queries.district_programme(snap, fy, "50")
    assert len(programme) == 25 and programme["district_code"].str.startswith("50").all()
    assert programme["projects"].sum() == _one(
        raw, "SELECT count(*) FROM district_projects WHERE province_code = '50' AND fiscal_year = ?", fy.year)
    for row in programme.itertuples():
        assert (row.category is None) == (row.projects == 0)
        assert len(row.titles) == row.projects
        if row.projects:
            assert row.category in list(row.categories)


def test_bangkok_has_50_districts_without_programme(snap: db.Snapshot, base: Filters) -> None:
    programme = queries.district_programme(snap, base, "10")
    assert len(programme) == 50 and programme["projects"].sum() == 0


def test_category_counts_add_up_to_the_seed(snap: db.Snapshot, base: Filters) -> None:
    """Summed over the 77 provinces, the counts are the seed's 878 district projects by category."""
    totals: dict[str, int] = {}
    for code in CODES:
        counts = queries.district_category_counts(snap, base, code)
        assert list(counts["category"]) == ["poverty", "water", "other", "drugs", "classroom"]
        for category, n in zip(counts["category"], counts["projects"], strict=True):
            totals[category] = totals.get(category, 0) + int(n)
    assert totals == {"poverty": 554, "water": 170, "other": 61, "drugs": 55, "classroom": 38}


@pytest.mark.parametrize(
    ("code", "prev", "next_"),
    [("10", "96", "57"), ("57", "10", "50"), ("50", "57", "58"), ("96", "95", "10"), ("30", "41", "34")],
)
def test_pilot_neighbours_wrap_round(snap: db.Snapshot, base: Filters, code: str, prev: str,
                                     next_: str) -> None:
    neighbours = queries.pilot_neighbours(snap, base, code)
    assert list(neighbours["direction"]) == ["prev", "next"]
    assert list(neighbours["province_code"]) == [prev, next_]


@pytest.mark.parametrize("code", ["11", "99"])
def test_no_neighbours_for_other_provinces(snap: db.Snapshot, base: Filters, code: str) -> None:
    assert queries.pilot_neighbours(snap, base, code).empty


def test_next_links_visit_every_pilot_once(snap: db.Snapshot, base: Filters) -> None:
    seen, code = [], "10"
    for _ in range(15):
        seen.append(code)
        neighbours = queries.pilot_neighbours(snap, base, code).set_index("direction")
        code = str(neighbours.loc["next", "province_code"])
    assert seen == PILOTS and code == "10"


def test_pilots_comparison(snap: db.Snapshot, fy: Filters, raw: duckdb.DuckDBPyConnection) -> None:
    pilots = queries.pilots_comparison(snap, fy)
    assert list(pilots["province_code"]) == PILOTS
    for row in pilots.itertuples():
        assert row.projects == _one(raw, "SELECT count(*) FROM projects WHERE province_code = ? "
                                         "AND fiscal_year = ?", row.province_code, fy.year)
        assert row.district_projects == _one(
            raw, "SELECT count(*) FROM district_projects WHERE province_code = ? AND fiscal_year = ?",
            row.province_code, fy.year)
        top = raw.execute("SELECT goal, count(*) AS n FROM projects WHERE province_code = ? "
                          "AND fiscal_year = ? GROUP BY goal ORDER BY n DESC, goal LIMIT 3",
                          [row.province_code, fy.year]).fetchall()
        assert [int(g) for g in row.top_goals] == [g for g, _ in top]
    bangkok = pilots.iloc[0]
    assert bangkok["province_code"] == "10" and bangkok["projects"] == 0 and len(bangkok["top_goals"]) == 0
