"""All SQL the app runs: question-shaped functions `(conn, filters) -> DataFrame`.

Every value reaches DuckDB as a parameter (`$name`), never formatted into the text. Results
are cached per database build (`Snapshot.version`) and per the part of the filters that
changes them, so repeated interactions cost a dictionary lookup; a rebuild changes the
version and so empties the cache for practical purposes (old entries age out).
Returned frames are shared by the cache: treat them as read-only (use `df.assign`).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any

import pandas as pd

from dashboard.db import Snapshot
from dashboard.state import Filters

_CACHE_SIZE = 1024
_cache: OrderedDict[Hashable, pd.DataFrame] = OrderedDict()
_cache_lock = threading.Lock()

QueryFn = Callable[[Snapshot, Filters], pd.DataFrame]


def cached(fn: QueryFn) -> QueryFn:
    """Memoise a query on (function, database build, filters that matter)."""

    @wraps(fn)
    def wrapper(conn: Snapshot, filters: Filters) -> pd.DataFrame:
        key = (fn.__name__, conn.version, filters.data_key())
        with _cache_lock:
            hit = _cache.get(key)
            if hit is not None:
                _cache.move_to_end(key)
                return hit
        result = fn(conn, filters)
        with _cache_lock:
            _cache[key] = result
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
        return result

    return wrapper


def clear_cache() -> None:
    """Forget every cached result (tests use it to measure a cold query)."""
    with _cache_lock:
        _cache.clear()


# Reusable predicates. `pv` is provinces, `pj` is projects.
_REGION_OK = ("(len(CAST($regions AS VARCHAR[])) = 0 "
              "OR list_contains(CAST($regions AS VARCHAR[]), pv.region_code))")
_PILOT_OK = "(NOT $pilots OR pv.is_pilot)"
_GOAL_OK = "(len(CAST($goals AS INTEGER[])) = 0 OR list_contains(CAST($goals AS INTEGER[]), pj.goal))"


def _params(filters: Filters, *names: str) -> dict[str, Any]:
    """The named parameters a query uses, from the filters (year -1 matches nothing)."""
    values: dict[str, Any] = {
        "year": filters.year if filters.year is not None else -1,
        "goals": list(filters.goals),
        "regions": list(filters.regions),
        "pilots": filters.pilots_only,
    }
    return {name: values[name] for name in names}


@cached
def dataset_info(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row: where the data came from, whether it is sample data, when it was built."""
    return conn.df("SELECT source, is_sample, built_at FROM dataset LIMIT 1")


@cached
def fiscal_years(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """Fiscal years (BE) that have plans or projects, newest first."""
    return conn.df(
        """
        SELECT fiscal_year FROM plans
        UNION
        SELECT DISTINCT fiscal_year FROM projects
        ORDER BY fiscal_year DESC
        """
    )


def resolve_year(conn: Snapshot, filters: Filters) -> Filters:
    """The filters with a year the database has (the latest one if unset or unknown)."""
    years = [int(y) for y in fiscal_years(conn, Filters())["fiscal_year"]]
    if filters.year in years or not years:
        return filters
    return filters.replace(year=years[0])


@cached
def goals(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """The 17 goals with names, official colours and whether the ministry leads them (C1)."""
    return conn.df(
        """
        SELECT g.goal, g.short_th, g.short_en, g.name_th, g.name_en, g.color,
               EXISTS (SELECT 1 FROM moi_roles r
                       WHERE r.role = 'C1' AND r.goal = g.goal AND coalesce(r.target, '') = '') AS is_c1
        FROM sdg_goals g ORDER BY g.goal
        """
    )


@cached
def regions(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """The six regions in display order."""
    return conn.df("SELECT region_code, name_th, name_en, sort_order FROM regions ORDER BY sort_order")


@cached
def province_status(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per province (all 77): plan components for the year, project counts, selection.

    `completeness` is NULL where the province has no plan row for the year (not assessed);
    `projects` counts all goals, `goal_projects` only the selected goals (all if none);
    `selected` is whether the region and pilot filters keep the province.
    """
    return conn.df(
        f"""
        WITH counts AS (
            SELECT pj.province_code, count(*) AS projects,
                   count(*) FILTER (WHERE {_GOAL_OK}) AS goal_projects
            FROM projects pj
            WHERE pj.fiscal_year = $year
            GROUP BY pj.province_code
        )
        SELECT pv.province_code, pv.name_th, pv.name_en, pv.region_code, pv.is_pilot,
               {_REGION_OK} AND {_PILOT_OK} AS selected,
               pl.has_committee_order, pl.has_framework, pl.has_action_plan, pl.has_project_details,
               pl.completeness,
               coalesce(c.projects, 0) AS projects,
               coalesce(c.goal_projects, 0) AS goal_projects
        FROM provinces pv
        LEFT JOIN plans pl ON pl.province_code = pv.province_code AND pl.fiscal_year = $year
        LEFT JOIN counts c ON c.province_code = pv.province_code
        ORDER BY pv.province_code
        """,
        _params(filters, "year", "goals", "regions", "pilots"),
    )


@cached
def projects_by_goal(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per goal (all 17): projects in the selected provinces; `selected` marks chosen goals."""
    return conn.df(
        f"""
        WITH counts AS (
            SELECT pj.goal, count(*) AS projects
            FROM projects pj JOIN provinces pv ON pv.province_code = pj.province_code
            WHERE pj.fiscal_year = $year AND {_REGION_OK} AND {_PILOT_OK}
            GROUP BY pj.goal
        )
        SELECT g.goal, g.short_th, g.short_en, g.color,
               EXISTS (SELECT 1 FROM moi_roles r
                       WHERE r.role = 'C1' AND r.goal = g.goal AND coalesce(r.target, '') = '') AS is_c1,
               coalesce(c.projects, 0) AS projects,
               (len(CAST($goals AS INTEGER[])) = 0
                OR list_contains(CAST($goals AS INTEGER[]), g.goal)) AS selected
        FROM sdg_goals g LEFT JOIN counts c ON c.goal = g.goal
        ORDER BY g.goal
        """,
        _params(filters, "year", "goals", "regions", "pilots"),
    )


@cached
def projects_by_region(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per region (all 6): projects for the selected goals; `selected` marks chosen regions."""
    return conn.df(
        f"""
        WITH counts AS (
            SELECT pv.region_code, count(*) AS projects
            FROM projects pj JOIN provinces pv ON pv.province_code = pj.province_code
            WHERE pj.fiscal_year = $year AND {_GOAL_OK} AND {_PILOT_OK}
            GROUP BY pv.region_code
        )
        SELECT r.region_code, r.name_th, r.name_en, r.sort_order,
               coalesce(c.projects, 0) AS projects,
               (len(CAST($regions AS VARCHAR[])) = 0
                OR list_contains(CAST($regions AS VARCHAR[]), r.region_code)) AS selected
        FROM regions r LEFT JOIN counts c ON c.region_code = r.region_code
        ORDER BY r.sort_order
        """,
        _params(filters, "year", "goals", "regions", "pilots"),
    )


@cached
def goal_region_counts(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per (selected goal, selected region), zeros included: the heatmap's cells."""
    return conn.df(
        f"""
        WITH counts AS (
            SELECT pj.goal, pv.region_code, count(*) AS projects
            FROM projects pj JOIN provinces pv ON pv.province_code = pj.province_code
            WHERE pj.fiscal_year = $year AND {_PILOT_OK}
            GROUP BY pj.goal, pv.region_code
        ),
        g AS (
            SELECT goal, short_th, short_en FROM sdg_goals
            WHERE len(CAST($goals AS INTEGER[])) = 0 OR list_contains(CAST($goals AS INTEGER[]), goal)
        ),
        r AS (
            SELECT region_code, name_th, name_en, sort_order FROM regions
            WHERE len(CAST($regions AS VARCHAR[])) = 0
               OR list_contains(CAST($regions AS VARCHAR[]), region_code)
        )
        SELECT g.goal, g.short_th, g.short_en, r.region_code, r.name_th, r.name_en,
               coalesce(c.projects, 0) AS projects
        FROM g CROSS JOIN r
        LEFT JOIN counts c ON c.goal = g.goal AND c.region_code = r.region_code
        ORDER BY g.goal, r.sort_order
        """,
        _params(filters, "year", "goals", "regions", "pilots"),
    )


@cached
def headline(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row of headline figures for the selected provinces, year and goals."""
    return conn.df(
        f"""
        WITH pv AS (
            SELECT * FROM provinces pv WHERE {_REGION_OK} AND {_PILOT_OK}
        ),
        pj AS (
            SELECT pj.goal FROM projects pj JOIN pv ON pv.province_code = pj.province_code
            WHERE pj.fiscal_year = $year AND {_GOAL_OK}
        ),
        pl AS (
            SELECT pl.* FROM plans pl JOIN pv ON pv.province_code = pl.province_code
            WHERE pl.fiscal_year = $year
        )
        SELECT (SELECT count(*) FROM pl) AS provinces_reported,
               (SELECT count(*) FROM pv) AS provinces_total,
               (SELECT count(*) FROM pl WHERE completeness = 4) AS complete_plans,
               (SELECT count(*) FROM pj) AS projects,
               (SELECT count(DISTINCT goal) FROM pj) AS goals_covered,
               CASE WHEN len(CAST($goals AS INTEGER[])) = 0 THEN (SELECT count(*) FROM sdg_goals)
                    ELSE len(CAST($goals AS INTEGER[])) END AS goals_total,
               (SELECT count(*) FROM pv WHERE is_pilot) AS pilots
        """,
        _params(filters, "year", "goals", "regions", "pilots"),
    )


@cached
def projects_export(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per project for the year, goals, regions and pilots in force: the data download."""
    return conn.df(
        f"""
        SELECT pj.project_id, pj.fiscal_year, pj.province_code,
               pv.name_th AS province_th, pv.name_en AS province_en,
               r.name_th AS region_th, r.name_en AS region_en,
               pj.goal, g.short_th AS goal_th, g.short_en AS goal_en, pj.target,
               pj.title, pj.agency, pj.budget_thb, pj.status
        FROM projects pj
        JOIN provinces pv ON pv.province_code = pj.province_code
        JOIN regions r ON r.region_code = pv.region_code
        JOIN sdg_goals g ON g.goal = pj.goal
        WHERE pj.fiscal_year = $year AND {_GOAL_OK} AND {_REGION_OK} AND {_PILOT_OK}
        ORDER BY pj.province_code, pj.goal, pj.project_id
        """,
        _params(filters, "year", "goals", "regions", "pilots"),
    )


@cached
def pilot_order(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """The 15 pilot provinces in the seed's order (meeting mode steps through them)."""
    return conn.df(
        """
        SELECT p.pilot_order, pv.province_code, pv.name_th, pv.name_en
        FROM pilots p JOIN provinces pv ON pv.province_code = p.province_code
        ORDER BY p.pilot_order
        """
    )
