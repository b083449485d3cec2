"""Per-province queries answered from one query per year: each province's rows are exactly what a
query for that province alone returns (values and column types), for every province and year."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import db, queries
from dashboard.data.state import Filters
from etl.reference import read_reference

CODES = [f"{int(x):02d}" for x in read_reference("provinces")["province_code"]]


def _alone(snap: db.Snapshot, sql: str, params: dict[str, object]) -> pd.DataFrame:
    return snap.df(sql, params)


GOAL_MIX_ALONE = """
    WITH pj AS (
        SELECT pj.goal, pj.province_code, pv.region_code
        FROM projects pj JOIN provinces pv ON pv.province_code = pj.province_code
        WHERE pj.fiscal_year = $year
    ),
    me AS (SELECT region_code FROM provinces WHERE province_code = $code),
    counts AS (
        SELECT goal, count(*) FILTER (WHERE province_code = $code) AS province_projects,
               count(*) FILTER (WHERE region_code = (SELECT region_code FROM me)) AS region_projects,
               count(*) AS country_projects
        FROM pj GROUP BY goal
    ),
    totals AS (
        SELECT count(*) FILTER (WHERE province_code = $code) AS p,
               count(*) FILTER (WHERE region_code = (SELECT region_code FROM me)) AS r, count(*) AS c
        FROM pj
    )
    SELECT g.goal, g.short_th, g.short_en, g.color,
           coalesce(c.province_projects, 0) AS province_projects,
           coalesce(c.region_projects, 0) AS region_projects,
           coalesce(c.country_projects, 0) AS country_projects,
           coalesce(c.province_projects / nullif(t.p, 0), 0) AS province_share,
           coalesce(c.region_projects / nullif(t.r, 0), 0) AS region_share,
           coalesce(c.country_projects / nullif(t.c, 0), 0) AS country_share
    FROM sdg_goals g CROSS JOIN totals t LEFT JOIN counts c ON c.goal = g.goal
    ORDER BY g.goal
"""

CATEGORY_COUNTS_ALONE = """
    SELECT c.category, c.name_th, c.name_en, c.sort_order, count(dp.category) AS projects
    FROM district_categories c
    LEFT JOIN district_projects dp
           ON dp.category = c.category AND dp.province_code = $code AND dp.fiscal_year = $year
    GROUP BY ALL ORDER BY c.sort_order
"""

NEIGHBOURS_ALONE = """
    WITH ring AS (
        SELECT province_code, pilot_order, row_number() OVER (ORDER BY pilot_order) - 1 AS k,
               count(*) OVER () AS n
        FROM pilots
    ),
    me AS (SELECT k, n FROM ring WHERE province_code = $code)
    SELECT x.direction, pv.province_code, pv.name_th, pv.name_en, ring.pilot_order
    FROM me CROSS JOIN (VALUES ('prev', -1), ('next', 1)) AS x(direction, step)
    JOIN ring ON ring.k = (me.k + x.step + me.n) % me.n
    JOIN provinces pv ON pv.province_code = ring.province_code
    ORDER BY x.step
"""


@pytest.mark.parametrize("year", [2565, 2566, 2567])
def test_each_province_gets_the_rows_its_own_query_would(snap: db.Snapshot, year: int) -> None:
    filters = Filters(year=year)
    for code in CODES:
        params = {"year": year, "code": code}
        pd.testing.assert_frame_equal(queries.goal_mix(snap, filters, code),
                                      _alone(snap, GOAL_MIX_ALONE, params), check_exact=True)
        pd.testing.assert_frame_equal(queries.district_category_counts(snap, filters, code),
                                      _alone(snap, CATEGORY_COUNTS_ALONE, params), check_exact=True)


def test_pilots_get_their_neighbours_and_the_rest_none(snap: db.Snapshot) -> None:
    filters = Filters()
    pilots = 0
    for code in CODES:
        got = queries.pilot_neighbours(snap, filters, code)
        pd.testing.assert_frame_equal(got, _alone(snap, NEIGHBOURS_ALONE, {"code": code}), check_exact=True)
        pilots += bool(len(got))
    assert pilots == 15


def test_district_rows_and_history_keep_their_column_types(snap: db.Snapshot) -> None:
    # a province whose districts all lack a project, and one whose plan has every component
    filters = Filters(year=2566)
    for code in CODES:
        programme = queries.district_programme(snap, filters, code)
        if len(programme) and programme["category"].isna().all():
            assert programme["category"].dtype == object
        history = queries.province_history(snap, filters, code)
        if not history["completeness"].isna().any():
            assert history["completeness"].dtype.kind == "i"
    assert queries.pilot_neighbours(snap, filters, "11").empty  # Samut Prakan: not a pilot
