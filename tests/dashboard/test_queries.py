"""Every query against the real ETL build of the sample, checked with the seed's published totals
(MOI SDG committee 1/2566) and with independent SQL."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import db, queries
from dashboard.data.state import Filters

SEED_REGIONS = {"north": 287, "south": 131, "northeast": 122, "central": 86, "east": 67, "west": 49}
SEED_GOALS = {2: 106, 8: 56, 11: 68, 14: 12, 17: 11, 5: 9}
SEED_COMPLETENESS = {4: 7, 3: 15, 2: 34, 1: 20}


def _scalar(snap: db.Snapshot, sql: str, params: list[object]) -> int:
    return int(snap.cursor.execute(sql, params).fetchone()[0])  # type: ignore[index]


def test_year_resolves_to_latest(snap: db.Snapshot) -> None:
    assert queries.resolve_year(snap, Filters()).year == 2566
    assert queries.resolve_year(snap, Filters(year=2599)).year == 2566
    assert queries.resolve_year(snap, Filters(year=2566, goals=(3,))).goals == (3,)


def test_headline_matches_seed(snap: db.Snapshot, base: Filters) -> None:
    row = queries.headline(snap, base).iloc[0]
    got = {k: int(row[k]) for k in row.index}
    assert got == {"provinces_reported": 76, "provinces_total": 77, "complete_plans": 7, "projects": 742,
                   "goals_covered": 17, "goals_total": 17, "pilots": 15}


def test_projects_by_region_matches_seed(snap: db.Snapshot, base: Filters) -> None:
    df = queries.projects_by_region(snap, base)
    assert dict(zip(df["region_code"], df["projects"].astype(int), strict=True)) == SEED_REGIONS
    assert df["selected"].all()


def test_projects_by_goal_matches_seed(snap: db.Snapshot, base: Filters) -> None:
    df = queries.projects_by_goal(snap, base)
    assert df["goal"].tolist() == list(range(1, 18))
    assert int(df["projects"].sum()) == 742
    counts = dict(zip(df["goal"].astype(int), df["projects"].astype(int), strict=True))
    assert {g: counts[g] for g in SEED_GOALS} == SEED_GOALS
    assert df.loc[df["is_c1"], "goal"].tolist() == [1, 11]
    assert df["color"].str.match(r"^#[0-9A-Fa-f]{6}$").all()


def test_province_status(snap: db.Snapshot, base: Filters) -> None:
    df = queries.province_status(snap, base)
    assert len(df) == 77 and df["province_code"].is_unique
    bangkok = df.set_index("province_code").loc["10"]
    assert pd.isna(bangkok["completeness"]), "Bangkok is not assessed"
    classes = df["completeness"].dropna().astype(int).value_counts().to_dict()
    assert classes == SEED_COMPLETENESS
    assert int(df["projects"].sum()) == 742
    assert int(df["is_pilot"].sum()) == 15
    assert df["selected"].all()
    components = df[["has_committee_order", "has_framework", "has_action_plan", "has_project_details"]]
    assert (components.dropna().astype(int).sum(axis=1) == df["completeness"].dropna().astype(int)).all()


@pytest.mark.parametrize(("goals", "regions", "pilots"), [
    ((2,), (), False),
    ((2,), ("north",), False),
    ((1, 11), ("south", "east"), True),
    ((), ("northeast",), True),
])
def test_filters_agree_with_independent_sql(snap: db.Snapshot, base: Filters, goals: tuple[int, ...],
                                            regions: tuple[str, ...], pilots: bool) -> None:
    filters = base.replace(goals=goals, regions=regions, pilots_only=pilots)
    expected = _scalar(
        snap,
        """SELECT count(*) FROM projects pj JOIN provinces pv USING (province_code)
           WHERE pj.fiscal_year = ? AND (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], pj.goal))
             AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], pv.region_code))
             AND (NOT ? OR pv.is_pilot)""",
        [2566, list(goals), list(goals), list(regions), list(regions), pilots],
    )
    assert int(queries.headline(snap, filters).iloc[0]["projects"]) == expected
    by_goal = queries.projects_by_goal(snap, filters)
    assert int(by_goal.loc[by_goal["selected"], "projects"].sum()) == expected
    by_region = queries.projects_by_region(snap, filters)
    assert int(by_region.loc[by_region["selected"], "projects"].sum()) == expected
    cells = queries.goal_region_counts(snap, filters)
    assert int(cells["projects"].sum()) == expected
    assert len(cells) == (len(goals) or 17) * (len(regions) or 6)
    status = queries.province_status(snap, filters)
    assert int(status.loc[status["selected"], "goal_projects"].sum()) == expected


def test_unknown_year_matches_nothing(snap: db.Snapshot) -> None:
    filters = Filters(year=2400)
    assert int(queries.headline(snap, filters).iloc[0]["projects"]) == 0
    assert queries.province_status(snap, filters)["completeness"].isna().all()


def test_cache_is_per_build_and_filters(snap: db.Snapshot, base: Filters) -> None:
    queries.clear_cache()
    first = queries.projects_by_goal(snap, base)
    assert queries.projects_by_goal(snap, base) is first
    assert queries.projects_by_goal(snap, base.replace(lang="en", metric="projects")) is first
    assert queries.projects_by_goal(snap, base.replace(goals=(2,))) is not first
    other = db.Snapshot(cursor=snap.cursor, version=snap.version + "-rebuilt")
    assert queries.projects_by_goal(other, base) is not first
