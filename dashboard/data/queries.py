"""All SQL the app runs: question-shaped functions `(conn, filters) -> DataFrame`.

Every value reaches DuckDB as a parameter (`$name`), never formatted into the text. Results
are cached (`dashboard.data.cache`, bounded by bytes) per database build (`Snapshot.version`) and
per the part of the filters that changes them, so repeated interactions cost a dictionary lookup;
a rebuild changes the version, so old entries are never read again and age out.
Returned frames are shared by the cache: treat them as read-only (use `df.assign`).
"""
from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from dashboard.data import cube, progress
from dashboard.data.cache import Store, cached, size_of
from dashboard.data.cube import YearCube
from dashboard.data.db import Snapshot
from dashboard.data.grid import GridQuery
from dashboard.data.state import Filters
from etl.schema import PROJECT_STATUSES

QUERY_CACHE_BYTES = 256 << 20  # per process: filtered frames and the per-year cubes
RESULTS = Store("queries", QUERY_CACHE_BYTES)


def _by_filters(conn: Snapshot, filters: Filters) -> Hashable:
    """A filtered query's key: the build and the filters that change its result."""
    return (conn.version, filters.data_key())


def _by_build(conn: Snapshot, filters: Filters) -> Hashable:
    """A query no filter changes (reference tables, dataset facts): one entry per build."""
    return conn.version


def _by_year(conn: Snapshot, filters: Filters) -> Hashable:
    """A query that only the fiscal year changes."""
    return (conn.version, filters.year)


def _by_province(conn: Snapshot, filters: Filters, code: str) -> Hashable:
    """A per-province query: the build, the year and the province code."""
    return (conn.version, filters.year, code)


def clear_cache() -> None:
    """Forget every cached result (tests use it to measure a cold query)."""
    RESULTS.clear()


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


@cached(RESULTS, _by_build)
def dataset_info(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row: where the data came from, whether it is sample data, when it was built."""
    return conn.df("SELECT source, source_th, is_sample, built_at FROM dataset LIMIT 1")


@cached(RESULTS, _by_build)
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


@cached(RESULTS, _by_build)
def default_year(conn: Snapshot, filters: Filters) -> int | None:
    """The fiscal year the build says to open on (dataset.json "default_year"), if any."""
    value = conn.df("SELECT default_year FROM dataset LIMIT 1")["default_year"]
    return int(value.iloc[0]) if len(value) and pd.notna(value.iloc[0]) else None


def years_ascending(conn: Snapshot) -> list[int]:
    """Every fiscal year the database has, oldest first."""
    return sorted(int(y) for y in fiscal_years(conn, Filters())["fiscal_year"])


def resolve_year(conn: Snapshot, filters: Filters) -> Filters:
    """The filters with a year the database has: the build's default year if unset or unknown, else
    the latest."""
    years = years_ascending(conn)
    if filters.year in years or not years:
        return filters
    preferred = default_year(conn, Filters())
    return filters.replace(year=preferred if preferred in years else years[-1])


def previous_year(conn: Snapshot, filters: Filters) -> int | None:
    """The fiscal year before the filters' year in the database (None for the first year)."""
    earlier = [y for y in years_ascending(conn) if filters.year is not None and y < filters.year]
    return earlier[-1] if earlier else None


@cached(RESULTS, _by_build)
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


@cached(RESULTS, _by_build)
def regions(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """The six regions in display order."""
    return conn.df("SELECT region_code, name_th, name_en, sort_order FROM regions ORDER BY sort_order")


@cached(RESULTS, _by_filters)
def province_year(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per province (all 77) with its plan for the year; `has_plan` false (and NULLs) without one."""
    return conn.df(
        """
        SELECT pv.province_code, pv.name_th, pv.name_en, pv.region_code, pv.is_pilot,
               pl.has_committee_order, pl.has_framework, pl.has_action_plan, pl.has_project_details,
               pl.completeness, pl.province_code IS NOT NULL AS has_plan
        FROM provinces pv
        LEFT JOIN plans pl ON pl.province_code = pv.province_code AND pl.fiscal_year = $year
        ORDER BY pv.province_code
        """,
        _params(filters, "year"),
    )


@cached(RESULTS, _by_year)
def year_facts(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """Projects and budget per province, goal and status in the year, from the ETL's project_status_counts
    mart (<= 77 x 17 x 5 rows)."""
    return conn.df("SELECT province_code, goal, status, projects, budget_thb FROM project_status_counts "
                   "WHERE fiscal_year = $year", _params(filters, "year"))


@cached(RESULTS, _by_year)
def year_cube(conn: Snapshot, filters: Filters) -> YearCube:
    """The year's province x goal counts, built once per database build and year (see cube.py)."""
    year_only = Filters(year=filters.year)
    return YearCube.build(province_year(conn, year_only), goals(conn, year_only), regions(conn, year_only),
                          year_facts(conn, year_only))


@cached(RESULTS, _by_filters)
def province_status(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per province (all 77): plan components for the year, project counts, selection.

    `completeness` is NULL where the province has no plan row for the year (not assessed);
    `projects` counts all goals, `goal_projects` only the selected goals (all if none);
    `selected` is whether the region and pilot filters keep the province; `completeness_prev`,
    `change` and `progress` compare with the previous fiscal year (see plan_change).
    """
    change = plan_change(conn, filters).set_index("province_code")
    status = cube.province_status(year_cube(conn, filters), filters)
    codes = status["province_code"]
    return status.assign(completeness_prev=codes.map(change["completeness_prev"]).to_numpy(),
                         change=codes.map(change["change"]).to_numpy(),
                         progress=codes.map(change["progress"]).to_numpy())


@cached(RESULTS, _by_filters)
def projects_by_goal(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per goal (all 17): projects in the selected provinces; `selected` marks chosen goals."""
    return cube.projects_by_goal(year_cube(conn, filters), filters)


@cached(RESULTS, _by_filters)
def projects_by_region(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per region (all 6): projects for the selected goals; `selected` marks chosen regions."""
    return cube.projects_by_region(year_cube(conn, filters), filters)


@cached(RESULTS, _by_filters)
def goal_region_counts(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per (selected goal, selected region), zeros included: the heatmap's cells."""
    return cube.goal_region_counts(year_cube(conn, filters), filters)


@cached(RESULTS, _by_filters)
def headline(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row of headline figures for the selected provinces, year and goals."""
    return cube.headline(year_cube(conn, filters), filters)


@cached(RESULTS, _by_filters)
def projects_by_status(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per project status (all five, "unknown" last): projects under the filters."""
    return cube.projects_by_status(year_cube(conn, filters), filters)


# --- change over fiscal years ---
@cached(RESULTS, _by_year)
def plan_change(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per province (all 77): plan completeness this year and the year before, the change-map
    class and the progress label (see progress.py for the rule)."""
    prev = previous_year(conn, filters)
    columns = ["province_code", "completeness"]
    now = province_year(conn, Filters(year=filters.year))[columns]
    before = province_year(conn, Filters(year=prev))[columns] if prev is not None else None
    return progress.plan_change(now, before)


def headline_previous(conn: Snapshot, filters: Filters) -> pd.DataFrame | None:
    """The headline figures of the previous fiscal year under the same filters (None: first year)."""
    prev = previous_year(conn, filters)
    return None if prev is None else headline(conn, filters.replace(year=prev))


@cached(RESULTS, _by_filters)
def trend(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per fiscal year (oldest first): provinces per completeness class (region and pilot
    filters), projects and budget (all filters but the year), from the per-year cubes."""
    rows = [{"fiscal_year": year, **cube.year_summary(year_cube(conn, filters.replace(year=year)), filters)}
            for year in years_ascending(conn)]
    return pd.DataFrame(rows)


def _by_code(conn: Snapshot, filters: Filters, code: str) -> Hashable:
    """A per-province query over every year: the build and the province code."""
    return (conn.version, code)


@cached(RESULTS, _by_build)
def province_history_all(conn: Snapshot, filters: Filters) -> ByProvince:
    """Every province's rows of province_history (without the progress labels), in one query."""
    return ByProvince(conn.df(
        """
        WITH years AS (SELECT unnest(CAST($years AS INTEGER[])) AS fiscal_year),
        pj AS (
            SELECT province_code, fiscal_year, sum(projects) AS projects, sum(budget_thb) AS budget_thb
            FROM project_status_counts GROUP BY province_code, fiscal_year
        )
        SELECT pv.province_code, y.fiscal_year, pl.has_committee_order, pl.has_framework,
               pl.has_action_plan, pl.has_project_details, pl.completeness,
               CAST(coalesce(pj.projects, 0) AS BIGINT) AS projects, coalesce(pj.budget_thb, 0) AS budget_thb
        FROM provinces pv CROSS JOIN years y
        LEFT JOIN plans pl ON pl.fiscal_year = y.fiscal_year AND pl.province_code = pv.province_code
        LEFT JOIN pj ON pj.fiscal_year = y.fiscal_year AND pj.province_code = pv.province_code
        ORDER BY pv.province_code, y.fiscal_year
        """,
        {"years": years_ascending(conn)},
    ))


@cached(RESULTS, _by_code)
def province_history(conn: Snapshot, filters: Filters, code: str) -> pd.DataFrame:
    """One row per fiscal year in the database (oldest first) for the province: its plan components,
    projects and budget, and the progress label against the year before."""
    frame = province_history_all(conn, filters).part(code)
    before = frame["completeness"].shift(1)
    labels = [progress.progress_label(now, prev, i > 0)
              for i, (now, prev) in enumerate(zip(frame["completeness"], before, strict=True))]
    return frame.assign(progress=labels)


@cached(RESULTS, _by_filters)
def pilots_change(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """pilots_comparison for the year with the change since the previous fiscal year: components and
    projects the year before (NULL in the first year) and the progress label."""
    now = pilots_comparison(conn, filters)
    prev = previous_year(conn, filters)
    change = plan_change(conn, filters).set_index("province_code")
    out = now.assign(
        completeness_prev=now["province_code"].map(change["completeness_prev"]),
        progress=now["province_code"].map(change["progress"]),
    )
    if prev is None:
        return out.assign(projects_prev=pd.Series([None] * len(now), dtype="Int64"))
    before = pilots_comparison(conn, filters.replace(year=prev)).set_index("province_code")
    return out.assign(projects_prev=now["province_code"].map(before["projects"]).astype("Int64"))
# --- end change over fiscal years ---


@cached(RESULTS, _by_filters)
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


# The download's fields in order; the numbers are already text and are written as they are
# (`budget` is the column `_CSV_BUDGET` makes in the same SELECT).
_CSV_FIELDS = ("pj.project_id", "CAST(pj.fiscal_year AS VARCHAR)", "pj.province_code", "pv.name_th",
               "pv.name_en", "r.name_th", "r.name_en", "CAST(pj.goal AS VARCHAR)", "g.short_th", "g.short_en",
               "pj.target", "pj.title", "pj.agency", "budget",
               "coalesce($labels[list_position($statuses, pj.status)], pj.status)")
_CSV_NUMBERS = (2, 8, 14)
# One field as Python's csv module writes it after the downloads' neutralising: NULL is empty; a text
# a spreadsheet would run as a formula gets a leading apostrophe; a field holding a comma, a quote or
# a line break is quoted with its quotes doubled (the apostrophe never needs quotes). One lambda over
# the row's fields, not an expression per field: DuckDB plans it in 2 ms instead of 13.
_CSV_FIELD = r"""lambda x, i: CASE WHEN x IS NULL THEN ''
    WHEN list_contains({numbers}, i) THEN x
    WHEN contains(x, ',') OR contains(x, '"') OR contains(x, chr(10)) OR contains(x, chr(13))
    THEN '"' || (CASE WHEN list_contains($formula, ascii(x)) THEN '''' ELSE '' END)
              || replace(x, '"', '""') || '"'
    ELSE (CASE WHEN list_contains($formula, ascii(x)) THEN '''' ELSE '' END) || x END"""


# Whole baht as an integer (925000, not 925000.0); other amounts as Python prints a float.
_CSV_BUDGET = ("(CASE WHEN pj.budget_thb IS NULL OR isnan(pj.budget_thb) THEN NULL "
               "WHEN isfinite(pj.budget_thb) AND pj.budget_thb = trunc(pj.budget_thb) "
               "THEN CAST(CAST(pj.budget_thb AS HUGEINT) AS VARCHAR) "
               "ELSE CAST(pj.budget_thb AS VARCHAR) END)")


def projects_csv(conn: Snapshot, filters: Filters, province_code: str | None, status_labels: dict[str, str],
                 plan_cells: dict[str, str], no_plan_cells: str, formula_start: tuple[str, ...]) -> bytes:
    """The data download's project rows (as `projects_export`, one province's when a code is given),
    written as CSV lines in UTF-8 by DuckDB, each ending in CRLF.

    DuckDB writes them because a year's national download is 100,000 rows and 50 MB: formatted
    value by value in Python it held the worker's interpreter for seconds, and every request that
    worker served waited. Status codes are shown as `status_labels` names; each row ends with its
    province's plan cells (`plan_cells`, already CSV text with a leading comma) or `no_plan_cells`;
    a text beginning with one of `formula_start` gets a leading apostrophe.
    """
    field = _CSV_FIELD.format(numbers=list(_CSV_NUMBERS))
    fields = f"array_to_string(list_transform([{', '.join(_CSV_FIELDS)}], {field}), ',')"
    row = conn.cursor.execute(
        f"""
        SELECT encode(string_agg(line, chr(13) || chr(10) ORDER BY province_code, goal, project_id)
                      || chr(13) || chr(10))
        FROM (
            SELECT pj.province_code, pj.goal, pj.project_id, {_CSV_BUDGET} AS budget,
                   concat({fields}, coalesce($cells[list_position($plan_codes, pj.province_code)],
                                             $no_plan)) AS line
            FROM projects pj
            JOIN provinces pv ON pv.province_code = pj.province_code
            JOIN regions r ON r.region_code = pv.region_code
            JOIN sdg_goals g ON g.goal = pj.goal
            WHERE pj.fiscal_year = $year AND {_GOAL_OK} AND {_REGION_OK} AND {_PILOT_OK}
              AND ($province IS NULL OR pj.province_code = $province)
        )
        """,
        {**_params(filters, "year", "goals", "regions", "pilots"), "province": province_code,
         "statuses": list(status_labels), "labels": list(status_labels.values()),
         "plan_codes": list(plan_cells), "cells": list(plan_cells.values()), "no_plan": no_plan_cells,
         "formula": [ord(c) for c in formula_start]},
    ).fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""


@cached(RESULTS, _by_build)
def pilot_order(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """The 15 pilot provinces in the seed's order (meeting mode steps through them)."""
    return conn.df(
        """
        SELECT p.pilot_order, pv.province_code, pv.name_th, pv.name_en
        FROM pilots p JOIN provinces pv ON pv.province_code = p.province_code
        ORDER BY p.pilot_order
        """
    )


@cached(RESULTS, _by_build)
def pilot_milestones(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per milestone of the UNDP localization process: periods and single days, by date."""
    return conn.df("SELECT milestone, kind, start_date, end_date, name_th, name_en FROM pilot_milestones "
                   "ORDER BY start_date, milestone")


# --- province pages ---
# Queries for one province take its code as well as the filters; only the year matters to them.
@cached(RESULTS, _by_year)
def province_profiles(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """Every province's row of `province_profile` for the year, by code: one grouped query serves
    every province page and export of the year (per province it cost four scans of the year)."""
    return conn.df(
        """
        SELECT pv.province_code, pv.name_th, pv.name_en, pv.region_code,
               r.name_th AS region_th, r.name_en AS region_en,
               pv.is_pilot, pi.pilot_order,
               pl.has_committee_order, pl.has_framework, pl.has_action_plan, pl.has_project_details,
               pl.completeness,
               coalesce(pj.projects, 0) AS projects,
               coalesce(pj.budget_thb, 0) AS budget_thb,
               coalesce(pj.goals_covered, 0) AS goals_covered,
               coalesce(dp.district_projects, 0) AS district_projects
        FROM provinces pv
        JOIN regions r ON r.region_code = pv.region_code
        LEFT JOIN pilots pi ON pi.province_code = pv.province_code
        LEFT JOIN plans pl ON pl.province_code = pv.province_code AND pl.fiscal_year = $year
        LEFT JOIN (SELECT province_code, count(*) AS projects, coalesce(sum(budget_thb), 0) AS budget_thb,
                          count(DISTINCT goal) AS goals_covered
                   FROM projects WHERE fiscal_year = $year GROUP BY province_code) pj
               ON pj.province_code = pv.province_code
        LEFT JOIN (SELECT province_code, count(*) AS district_projects
                   FROM district_projects WHERE fiscal_year = $year GROUP BY province_code) dp
               ON dp.province_code = pv.province_code
        ORDER BY pv.province_code
        """,
        _params(filters, "year"),
    )


@cached(RESULTS, _by_province)
def province_profile(conn: Snapshot, filters: Filters, code: str) -> pd.DataFrame:
    """One row for the province (none if the code is unknown): names, region, pilot rank, plan, totals.

    The plan columns are NULL when the province has no plan row for the year (not assessed).
    """
    profiles = province_profiles(conn, filters)
    return profiles[profiles["province_code"] == code].reset_index(drop=True)


# The projects grid asks for one block of rows at a time (AG Grid's infinite row model): order,
# column filters and the search box become SQL here. Column names come only from these maps;
# every value the browser sent is a parameter.
_GRID_TEXT = {
    "project_id": "pj.project_id",
    "title": "pj.title",
    "target": "coalesce(pj.target, '')",
    "agency": "coalesce(pj.agency, '')",
    "status": "st.status_name",
}
_GRID_NUMBER = {"goal": "pj.goal", "budget_thb": "pj.budget_thb"}
_GRID_SORT = {**_GRID_TEXT, "status": "st.status_name", **_GRID_NUMBER}
_TEXT_SQL = {
    "contains": "contains(lower({c}), lower({p}))",
    "notContains": "NOT contains(lower({c}), lower({p}))",
    "equals": "lower({c}) = lower({p})",
    "notEqual": "lower({c}) <> lower({p})",
    "startsWith": "starts_with(lower({c}), lower({p}))",
    "endsWith": "ends_with(lower({c}), lower({p}))",
    "blank": "{c} = ''",
    "notBlank": "{c} <> ''",
}
_NUMBER_SQL = {
    "equals": "{c} = {p}",
    "notEqual": "({c} IS NULL OR {c} <> {p})",
    "lessThan": "{c} < {p}",
    "lessThanOrEqual": "{c} <= {p}",
    "greaterThan": "{c} > {p}",
    "greaterThanOrEqual": "{c} >= {p}",
    "inRange": "{c} BETWEEN {p} AND {q}",
    "blank": "{c} IS NULL",
    "notBlank": "{c} IS NOT NULL",
}


def _grid_from(filters: Filters) -> tuple[str, dict[str, Any]]:
    """The grid's FROM clause: projects with their goal and status names in the page language."""
    statuses = list(PROJECT_STATUSES.items())
    th = filters.lang != "en"
    params: dict[str, Any] = {"status_codes": [code for code, _ in statuses],
                              "status_names": [names[0] if th else names[1] for _, names in statuses]}
    sql = f"""
        projects pj JOIN sdg_goals g ON g.goal = pj.goal
        CROSS JOIN LATERAL (
            SELECT coalesce(
                list_extract(CAST($status_names AS VARCHAR[]),
                             list_position(CAST($status_codes AS VARCHAR[]), pj.status)),
                pj.status) AS status_name
        ) st
        CROSS JOIN LATERAL (SELECT {"g.short_th" if th else "g.short_en"} AS goal_name) gn
    """
    return sql, params


def _grid_where(query: GridQuery) -> tuple[str, dict[str, Any]]:
    """The WHERE conditions for the grid's column filters and search text, with their parameters."""
    clauses = ["pj.province_code = $code", "pj.fiscal_year = $year"]
    params: dict[str, Any] = {}
    for i, column_filter in enumerate(query.filters):
        parts = []
        for j, cond in enumerate(column_filter.conditions):
            p, q = f"$f{i}_{j}", f"$f{i}_{j}_to"
            if cond.column in _GRID_TEXT:
                parts.append(_TEXT_SQL[cond.op].format(c=_GRID_TEXT[cond.column], p=p))
            else:
                parts.append(_NUMBER_SQL[cond.op].format(c=_GRID_NUMBER[cond.column], p=p, q=q))
            if cond.value is not None:
                params[p[1:]] = cond.value
            if cond.value_to is not None:
                params[q[1:]] = cond.value_to
        joiner = " OR " if column_filter.join == "OR" else " AND "
        clauses.append("(" + joiner.join(parts) + ")")
    if query.search:
        params["search"] = query.search
        searched = [*_GRID_TEXT.values(), "gn.goal_name", "CAST(pj.goal AS VARCHAR)"]
        clauses.append("(" + " OR ".join(f"contains(lower({c}), lower($search))" for c in searched) + ")")
    return " AND ".join(clauses), params


def province_projects_page(conn: Snapshot, filters: Filters, code: str, query: GridQuery) -> pd.DataFrame:
    """One block of the province's projects in the year, filtered, searched and sorted as the grid asks."""
    source, params = _grid_from(filters)
    where, where_params = _grid_where(query)
    order = [f"{_GRID_SORT[column]} {'DESC' if desc else 'ASC'} NULLS LAST" for column, desc in query.sort]
    order += ["pj.goal", "pj.project_id"]
    return conn.df(
        f"""
        SELECT pj.project_id, pj.title, pj.goal, gn.goal_name, g.color,
               pj.target, pj.agency, pj.budget_thb, st.status_name
        FROM {source}
        WHERE {where}
        ORDER BY {", ".join(order)}
        LIMIT $limit OFFSET $offset
        """,
        {**params, **where_params, **_params(filters, "year"), "code": code,
         "limit": query.limit, "offset": query.start},
    )


def province_projects_count(conn: Snapshot, filters: Filters, code: str, query: GridQuery) -> int:
    """How many of the province's projects in the year pass the grid's filters and search text."""
    source, params = _grid_from(filters)
    where, where_params = _grid_where(query)
    frame = conn.df(f"SELECT count(*) AS n FROM {source} WHERE {where}",
                    {**params, **where_params, **_params(filters, "year"), "code": code})
    return int(frame["n"].iloc[0])

@dataclass(frozen=True)
class ByProvince:
    """A query's rows for every province, ordered by province, so a page reads its province's rows
    without a query of its own: one query per year instead of one per province and year (each 2-7 ms,
    paid again by every worker after a build). `key` is the column that names the province."""

    frame: pd.DataFrame
    key: str = "province_code"

    @cached_property
    def spans(self) -> dict[str, tuple[int, int]]:
        """Each province's first row and the row after its last (its rows are consecutive)."""
        found: dict[str, tuple[int, int]] = {}
        for i, code in enumerate(self.frame[self.key].astype(str).tolist()):
            found[code] = (found.get(code, (i, i))[0], i + 1)
        return found

    @property
    def nbytes(self) -> int:
        return size_of(self.frame)

    def part(self, code: str) -> pd.DataFrame:
        """The province's rows (none when it has none), typed as its own query's result would be."""
        start, stop = self.spans.get(code, (0, 0))
        rows = self.frame.iloc[start:stop].drop(columns=self.key).reset_index(drop=True)
        return _as_queried(rows)


def _as_queried(part: pd.DataFrame) -> pd.DataFrame:
    """The rows typed as DuckDB types a result of them alone: a nullable column (boolean, Int32) with
    no missing value as its plain numpy type, a text column with only missing values (or no rows) as
    objects."""
    changed: dict[str, Any] = {}
    for name, column in part.items():
        dtype = column.dtype
        missing = column.isna()
        if isinstance(dtype, pd.StringDtype):
            if missing.all():  # or no rows at all
                changed[str(name)] = pd.Series([None] * len(column), dtype=object)
        elif (getattr(dtype, "na_value", None) is pd.NA and hasattr(dtype, "numpy_dtype")
              and not missing.any()):
            changed[str(name)] = column.to_numpy(dtype=dtype.numpy_dtype)
    return part.assign(**changed) if changed else part


@cached(RESULTS, _by_year)
def goal_mix_all(conn: Snapshot, filters: Filters) -> ByProvince:
    """goal_mix for every province of the year, in one query."""
    return ByProvince(conn.df(
        """
        WITH pj AS (
            SELECT pj.goal, pj.province_code, pv.region_code
            FROM projects pj JOIN provinces pv ON pv.province_code = pj.province_code
            WHERE pj.fiscal_year = $year
        ),
        in_province AS (SELECT province_code, goal, count(*) AS n FROM pj GROUP BY ALL),
        in_region AS (SELECT region_code, goal, count(*) AS n FROM pj GROUP BY ALL),
        in_country AS (SELECT goal, count(*) AS n FROM pj GROUP BY ALL),
        province_total AS (SELECT province_code, count(*) AS n FROM pj GROUP BY ALL),
        region_total AS (SELECT region_code, count(*) AS n FROM pj GROUP BY ALL),
        country_total AS (SELECT count(*) AS n FROM pj)
        SELECT pv.province_code, g.goal, g.short_th, g.short_en, g.color,
               coalesce(ip.n, 0) AS province_projects,
               coalesce(ir.n, 0) AS region_projects,
               coalesce(ic.n, 0) AS country_projects,
               coalesce(ip.n / nullif(pt.n, 0), 0) AS province_share,
               coalesce(ir.n / nullif(rt.n, 0), 0) AS region_share,
               coalesce(ic.n / nullif(ct.n, 0), 0) AS country_share
        FROM provinces pv CROSS JOIN sdg_goals g CROSS JOIN country_total ct
        LEFT JOIN in_province ip ON ip.province_code = pv.province_code AND ip.goal = g.goal
        LEFT JOIN in_region ir ON ir.region_code = pv.region_code AND ir.goal = g.goal
        LEFT JOIN in_country ic ON ic.goal = g.goal
        LEFT JOIN province_total pt ON pt.province_code = pv.province_code
        LEFT JOIN region_total rt ON rt.region_code = pv.region_code
        ORDER BY pv.province_code, g.goal
        """,
        _params(filters, "year"),
    ))


@cached(RESULTS, _by_province)
def goal_mix(conn: Snapshot, filters: Filters, code: str) -> pd.DataFrame:
    """One row per goal (all 17): projects and share of projects in the province, its region, the country.

    Shares are fractions of each scope's projects in the year (0 when the scope has none).
    """
    return goal_mix_all(conn, filters).part(code)


@cached(RESULTS, _by_year)
def district_programme_all(conn: Snapshot, filters: Filters) -> ByProvince:
    """district_programme for every province of the year, in one query."""
    return ByProvince(conn.df(
        """
        WITH dp AS (
            SELECT dp.district_code, dp.category, dp.title, c.sort_order
            FROM district_projects dp JOIN district_categories c ON c.category = dp.category
            WHERE dp.fiscal_year = $year
        ),
        per_cat AS (
            SELECT district_code, category, min(sort_order) AS sort_order, count(*) AS n
            FROM dp GROUP BY district_code, category
        ),
        main AS (
            SELECT district_code, category,
                   list(category ORDER BY sort_order) OVER (PARTITION BY district_code) AS categories
            FROM per_cat
            QUALIFY row_number() OVER (PARTITION BY district_code ORDER BY n DESC, sort_order) = 1
        ),
        titles AS (
            SELECT district_code, count(*) AS projects, list(title ORDER BY sort_order, title) AS titles
            FROM dp GROUP BY district_code
        )
        SELECT d.province_code, d.district_code, d.name_th, d.name_en,
               coalesce(t.projects, 0) AS projects,
               m.category, coalesce(m.categories, []::VARCHAR[]) AS categories,
               coalesce(t.titles, []::VARCHAR[]) AS titles
        FROM districts d
        LEFT JOIN main m ON m.district_code = d.district_code
        LEFT JOIN titles t ON t.district_code = d.district_code
        ORDER BY d.province_code, d.district_code
        """,
        _params(filters, "year"),
    ))


@cached(RESULTS, _by_province)
def district_programme(conn: Snapshot, filters: Filters, code: str) -> pd.DataFrame:
    """One row per district of the province (all of them): its district-programme projects in the year.

    `category` is the district's main category (most projects, then category order), NULL when it
    has none; `categories` lists every category it has, `titles` every project title.
    """
    return district_programme_all(conn, filters).part(code)


@cached(RESULTS, _by_year)
def district_category_counts_all(conn: Snapshot, filters: Filters) -> ByProvince:
    """district_category_counts for every province of the year, in one query."""
    return ByProvince(conn.df(
        """
        WITH n AS (
            SELECT province_code, category, count(*) AS projects
            FROM district_projects WHERE fiscal_year = $year GROUP BY ALL
        )
        SELECT pv.province_code, c.category, c.name_th, c.name_en, c.sort_order,
               coalesce(n.projects, 0) AS projects
        FROM provinces pv CROSS JOIN district_categories c
        LEFT JOIN n ON n.province_code = pv.province_code AND n.category = c.category
        ORDER BY pv.province_code, c.sort_order
        """,
        _params(filters, "year"),
    ))


@cached(RESULTS, _by_province)
def district_category_counts(conn: Snapshot, filters: Filters, code: str) -> pd.DataFrame:
    """One row per category (all five, in their order): the province's district projects in the year."""
    return district_category_counts_all(conn, filters).part(code)


@cached(RESULTS, _by_build)
def pilot_ring(conn: Snapshot, filters: Filters) -> ByProvince:
    """Every pilot's two neighbours in pilot order (`of_code` the pilot); no rows for the rest."""
    return ByProvince(conn.df(
        """
        WITH ring AS (
            SELECT province_code, pilot_order,
                   row_number() OVER (ORDER BY pilot_order) - 1 AS k, count(*) OVER () AS n
            FROM pilots
        )
        SELECT me.province_code AS of_code, x.direction, pv.province_code, pv.name_th, pv.name_en,
               ring.pilot_order
        FROM ring me
        CROSS JOIN (VALUES ('prev', -1), ('next', 1)) AS x(direction, step)
        JOIN ring ON ring.k = (me.k + x.step + me.n) % me.n
        JOIN provinces pv ON pv.province_code = ring.province_code
        ORDER BY me.province_code, x.step
        """), key="of_code")


@cached(RESULTS, lambda conn, filters, code: (conn.version, code))  # the same every year
def pilot_neighbours(conn: Snapshot, filters: Filters, code: str) -> pd.DataFrame:
    """Two rows, `prev` and `next`, for a pilot province (the order wraps round); none for others."""
    return pilot_ring(conn, filters).part(code)


@cached(RESULTS, _by_filters)
def pilots_comparison(conn: Snapshot, filters: Filters) -> pd.DataFrame:
    """One row per pilot province in pilot order: plan, projects, budget, top three goals, district projects.

    `top_goals` lists up to three goals with the most projects (ties: lower goal first).
    """
    return conn.df(
        """
        WITH pj AS (
            SELECT province_code, goal, count(*) AS n, sum(budget_thb) AS budget
            FROM projects WHERE fiscal_year = $year GROUP BY province_code, goal
        ),
        top AS (
            SELECT province_code, list(goal ORDER BY n DESC, goal) AS goals
            FROM (SELECT * FROM pj QUALIFY row_number() OVER (PARTITION BY province_code
                                                              ORDER BY n DESC, goal) <= 3)
            GROUP BY province_code
        ),
        totals AS (
            SELECT province_code, CAST(sum(n) AS BIGINT) AS projects, sum(budget) AS budget_thb,
                   count(*) AS goals_covered
            FROM pj GROUP BY province_code
        ),
        dp AS (
            SELECT province_code, count(*) AS district_projects
            FROM district_projects WHERE fiscal_year = $year GROUP BY province_code
        )
        SELECT p.pilot_order, pv.province_code, pv.name_th, pv.name_en,
               r.name_th AS region_th, r.name_en AS region_en,
               pl.has_committee_order, pl.has_framework, pl.has_action_plan, pl.has_project_details,
               pl.completeness,
               coalesce(t.projects, 0) AS projects, coalesce(t.budget_thb, 0) AS budget_thb,
               coalesce(t.goals_covered, 0) AS goals_covered,
               coalesce(top.goals, []::INTEGER[]) AS top_goals,
               coalesce(dp.district_projects, 0) AS district_projects
        FROM pilots p
        JOIN provinces pv ON pv.province_code = p.province_code
        JOIN regions r ON r.region_code = pv.region_code
        LEFT JOIN plans pl ON pl.province_code = pv.province_code AND pl.fiscal_year = $year
        LEFT JOIN totals t ON t.province_code = pv.province_code
        LEFT JOIN top ON top.province_code = pv.province_code
        LEFT JOIN dp ON dp.province_code = pv.province_code
        ORDER BY p.pilot_order
        """,
        _params(filters, "year"),
    )
# --- end province pages ---
