"""Change over fiscal years on the real ETL build of the three-year sample: every per-year query checked
against independent SQL for each year, and the progress rule as a table of cases."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.data import db, progress, queries
from dashboard.data.state import Filters

SAMPLE_YEARS = (2565, 2566, 2567)
NAN = float("nan")


@pytest.fixture(scope="module")
def raw(sample_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = duckdb.connect(str(sample_db), read_only=True)
    yield conn
    conn.close()


def _rows(raw: duckdb.DuckDBPyConnection, sql: str, *params: object) -> dict[object, object]:
    return {k: v for k, v in raw.execute(sql, list(params)).fetchall()}


@pytest.mark.parametrize(
    ("now", "before", "has_previous", "label", "z"),
    [
        (None, 3, True, "not_assessed", progress.CHANGE_NOT_ASSESSED),
        (NAN, None, False, "not_assessed", progress.CHANGE_NOT_ASSESSED),
        (2, None, False, progress.NO_COMPARISON, progress.CHANGE_NO_COMPARISON),
        (2, None, True, "new", progress.CHANGE_NEW),
        (1, 0, True, "new", progress.CHANGE_NEW),
        (0, None, True, "unchanged", progress.CHANGE_NO_PLAN_EITHER),
        (0, 0, True, "unchanged", progress.CHANGE_NO_PLAN_EITHER),
        (4, 1, True, "improved", 3),
        (2, 3, True, "declined", -1),
        (0, 2, True, "declined", -2),
        (3, 3, True, "unchanged", 0),
    ],
)
def test_progress_rule(now: object, before: object, has_previous: bool, label: str, z: int) -> None:
    assert progress.progress_label(now, before, has_previous) == label
    assert progress.change_class(now, before, has_previous) == z


def test_the_special_change_classes_are_not_component_counts() -> None:
    specials = {progress.CHANGE_NOT_ASSESSED, progress.CHANGE_NO_PLAN_EITHER, progress.CHANGE_NO_COMPARISON,
                progress.CHANGE_NEW}
    assert len(specials) == 4 and not specials & set(range(-4, 5))


def test_default_year_is_the_published_one_and_years_run_in_order(snap: db.Snapshot) -> None:
    assert queries.resolve_year(snap, Filters()).year == 2566
    assert queries.years_ascending(snap) == list(SAMPLE_YEARS)
    assert queries.previous_year(snap, Filters(year=2565)) is None
    assert queries.previous_year(snap, Filters(year=2567)) == 2566


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_headline_and_charts_per_year_match_sql(snap: db.Snapshot, raw: duckdb.DuckDBPyConnection,
                                                year: int) -> None:
    filters = Filters(year=year)
    head = queries.headline(snap, filters).iloc[0]
    assert head["projects"] == _rows(raw, "SELECT 1, count(*) FROM projects WHERE fiscal_year = ?", year)[1]
    assert head["provinces_reported"] == _rows(raw, "SELECT 1, count(*) FROM plans WHERE fiscal_year = ?",
                                               year)[1]
    assert head["complete_plans"] == _rows(raw, "SELECT 1, count(*) FROM plans WHERE fiscal_year = ? "
                                                "AND completeness = 4", year)[1]
    by_goal = queries.projects_by_goal(snap, filters).set_index("goal")
    budget = _rows(raw, "SELECT goal, sum(budget_thb) FROM projects WHERE fiscal_year = ? GROUP BY 1", year)
    assert {int(g): float(b) for g, b in by_goal["budget_thb"].items() if b} == pytest.approx(budget)
    by_region = queries.projects_by_region(snap, filters).set_index("region_code")
    region_budget = _rows(raw, "SELECT region_code, sum(budget_thb) FROM projects JOIN provinces "
                               "USING (province_code) WHERE fiscal_year = ? GROUP BY 1", year)
    assert by_region["budget_thb"].to_dict() == pytest.approx(region_budget)
    statuses = queries.projects_by_status(snap, filters).set_index("status")["projects"]
    expected = _rows(raw, "SELECT coalesce(status, 'unknown'), count(*) FROM projects WHERE fiscal_year = ? "
                          "GROUP BY 1", year)
    assert {k: int(v) for k, v in statuses.items() if v} == expected


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_status_and_budget_follow_goal_and_region_filters(snap: db.Snapshot, raw: duckdb.DuckDBPyConnection,
                                                          year: int) -> None:
    filters = Filters(year=year, goals=(2, 11), regions=("north",))
    statuses = queries.projects_by_status(snap, filters)
    expected = _rows(raw, "SELECT 1, count(*) FROM projects JOIN provinces USING (province_code) "
                          "WHERE fiscal_year = ? AND goal IN (2, 11) AND region_code = 'north'", year)[1]
    assert int(statuses["projects"].sum()) == expected
    by_goal = queries.projects_by_goal(snap, filters).set_index("goal")
    north_2 = _rows(raw, "SELECT 1, sum(budget_thb) FROM projects JOIN provinces USING (province_code) "
                         "WHERE fiscal_year = ? AND goal = 2 AND region_code = 'north'", year)[1]
    assert float(by_goal.loc[2, "budget_thb"]) == pytest.approx(float(str(north_2 or 0)))


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_plan_change_per_year_matches_sql(snap: db.Snapshot, raw: duckdb.DuckDBPyConnection,
                                          year: int) -> None:
    change = queries.plan_change(snap, Filters(year=year)).set_index("province_code")
    assert len(change) == 77
    prev = {2565: None, 2566: 2565, 2567: 2566}[year]
    now = _rows(raw, "SELECT province_code, completeness FROM plans WHERE fiscal_year = ?", year)
    before = _rows(raw, "SELECT province_code, completeness FROM plans WHERE fiscal_year = ?", prev or 0)
    for code, row in change.iterrows():
        assert row["progress"] == progress.progress_label(now.get(code), before.get(code), prev is not None)
    assert change.loc["10", "progress"] == "not_assessed"
    if prev is None:
        assert set(change["progress"]) == {"not_assessed", progress.NO_COMPARISON}
    else:
        improved = sum(1 for c, n in now.items() if before.get(c) and int(str(n)) > int(str(before[c])))
        assert (change["progress"] == "improved").sum() == improved


def test_headline_change_reads_plus_three_complete_plans_since_2565(snap: db.Snapshot) -> None:
    now = queries.headline(snap, Filters(year=2566)).iloc[0]
    before = queries.headline_previous(snap, Filters(year=2566))
    assert before is not None
    gained = int(now["complete_plans"] - before.iloc[0]["complete_plans"])
    assert (int(now["complete_plans"]), gained) == (7, 3)
    assert queries.headline_previous(snap, Filters(year=2565)) is None


@pytest.mark.parametrize("filters", [Filters(), Filters(goals=(2,)), Filters(regions=("south", "east")),
                                     Filters(pilots_only=True)])
def test_trend_per_year_matches_sql(snap: db.Snapshot, raw: duckdb.DuckDBPyConnection,
                                    filters: Filters) -> None:
    trend = queries.trend(snap, filters).set_index("fiscal_year")
    assert list(trend.index) == list(SAMPLE_YEARS)
    where = ["TRUE"]
    if filters.goals:
        where.append(f"goal IN ({','.join(str(g) for g in filters.goals)})")
    if filters.regions:
        where.append(f"region_code IN ({','.join(repr(r) for r in filters.regions)})")
    if filters.pilots_only:
        where.append("is_pilot")
    projects = _rows(raw, "SELECT fiscal_year, count(*) FROM projects JOIN provinces USING (province_code) "
                          f"WHERE {' AND '.join(where)} GROUP BY 1")
    assert trend["projects"].to_dict() == projects
    for year in SAMPLE_YEARS:
        row = trend.loc[year]
        classes = sum(int(row[f"class_{c}"]) for c in (-1, 0, 1, 2, 3, 4))
        kept = 77 if not (filters.regions or filters.pilots_only) else classes
        assert classes == kept
        if not (filters.regions or filters.pilots_only):
            complete = _rows(raw, "SELECT 1, count(*) FROM plans WHERE fiscal_year = ? "
                                  "AND completeness = 4", year)
            assert row["class_4"] == complete[1]


@pytest.mark.parametrize("code", ["50", "10", "30", "91"])
def test_province_history_matches_sql(snap: db.Snapshot, raw: duckdb.DuckDBPyConnection, code: str) -> None:
    history = queries.province_history(snap, Filters(), code)
    assert list(history["fiscal_year"]) == list(SAMPLE_YEARS)
    per_year = "FROM projects WHERE province_code = ? GROUP BY 1"
    projects = _rows(raw, f"SELECT fiscal_year, count(*) {per_year}", code)
    budget = _rows(raw, f"SELECT fiscal_year, sum(budget_thb) {per_year}", code)
    plans = _rows(raw, "SELECT fiscal_year, completeness FROM plans WHERE province_code = ?", code)
    for row in history.itertuples():
        assert row.projects == projects.get(row.fiscal_year, 0)
        assert row.budget_thb == pytest.approx(float(budget.get(row.fiscal_year) or 0))  # type: ignore[arg-type]
        assert (None if pd.isna(row.completeness) else int(row.completeness)) == plans.get(row.fiscal_year)
    assert history["progress"].iloc[0] in ("not_assessed", progress.NO_COMPARISON)
    if code == "10":
        assert set(history["progress"]) == {"not_assessed"}


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_pilots_change_per_year(snap: db.Snapshot, raw: duckdb.DuckDBPyConnection, year: int) -> None:
    pilots = queries.pilots_change(snap, Filters(year=year))
    assert len(pilots) == 15
    if year == 2565:
        assert pilots["projects_prev"].isna().all()
        return
    before = _rows(raw, "SELECT province_code, count(*) FROM projects WHERE fiscal_year = ? GROUP BY 1",
                   year - 1)
    for row in pilots.itertuples():
        assert row.projects_prev == before.get(row.province_code, 0)



@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_map_status_and_heatmap_per_year_match_sql(snap: db.Snapshot, raw: duckdb.DuckDBPyConnection,
                                                   year: int) -> None:
    status = queries.province_status(snap, Filters(year=year, goals=(3,))).set_index("province_code")
    projects = _rows(raw, "SELECT province_code, count(*) FROM projects WHERE fiscal_year = ? "
                          "GROUP BY 1", year)
    goal3 = _rows(raw, "SELECT province_code, count(*) FROM projects WHERE fiscal_year = ? AND goal = 3 "
                       "GROUP BY 1", year)
    assert {c: int(n) for c, n in status["projects"].items() if n} == projects
    assert {c: int(n) for c, n in status["goal_projects"].items() if n} == goal3
    change = queries.plan_change(snap, Filters(year=year)).set_index("province_code")
    assert (status["progress"] == change["progress"]).all()
    cells = queries.goal_region_counts(snap, Filters(year=year, regions=("south",)))
    south = _rows(raw, "SELECT goal, count(*) FROM projects JOIN provinces USING (province_code) "
                       "WHERE fiscal_year = ? AND region_code = 'south' GROUP BY 1", year)
    assert {int(g): int(n) for g, n in zip(cells["goal"], cells["projects"], strict=True) if n} == south
