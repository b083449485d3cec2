"""The dashboard stays correct at scale: a 50,000-project national set (77 provinces, ten fiscal years),
built by the real ETL and served by gunicorn as `make run` serves it, shows exactly the totals that
SQL over the `projects` table gives - headline figures, goal and region bars, heatmap cells and map
values - on first load and after filter changes sent as the browser sends them. Not timed.

The expected values are computed here from `projects` and `plans` directly, not from the
`project_counts` mart or the app's queries, so a wrong pre-aggregation or filter cannot hide.
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bench.dash_client import DashClient, callback_payload, component_props, find_dependency, page_payload
from tests.conftest import LiveServer, build_db, run_etl, show_grid

PROJECTS = 50_000
REGIONS = ("north", "northeast", "central", "east", "west", "south")
OVERVIEW = "..province-map.figure"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scale_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m etl sample --projects 50000`, then `python -m etl build`, into a temp folder."""
    source = tmp_path_factory.mktemp("national") / "inputs"
    generated = run_etl("sample", "--out", str(source), "--projects", str(PROJECTS))
    assert generated.returncode == 0, generated.stderr
    return build_db(source, tmp_path_factory.mktemp("db") / "sdg.duckdb")


@pytest.fixture(scope="module")
def server(scale_db: Path) -> Iterator[LiveServer]:
    served = LiveServer(scale_db)
    yield served
    served.stop()


@pytest.fixture
def client(server: LiveServer) -> Iterator[DashClient]:
    dash = DashClient(server.url)
    yield dash
    dash.close()


@dataclass(frozen=True)
class Case:
    """One filter state of the overview."""

    year: int
    goals: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()
    pilots: bool = False


def sql(db: Path, query: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def _province_where(case: Case) -> tuple[str, list[Any]]:
    """SQL condition on provinces `pv` for the region and pilot filters."""
    clauses, params = ["TRUE"], []
    if case.regions:
        clauses.append(f"pv.region_code IN ({', '.join('?' * len(case.regions))})")
        params += list(case.regions)
    if case.pilots:
        clauses.append("pv.is_pilot")
    return " AND ".join(clauses), params


def _goal_where(case: Case) -> tuple[str, list[Any]]:
    if not case.goals:
        return "TRUE", []
    return f"pj.goal IN ({', '.join('?' * len(case.goals))})", list(case.goals)


def expected(db: Path, case: Case) -> dict[str, Any]:
    """What the overview must show for the case, straight from projects and plans."""
    pv_sql, pv_params = _province_where(case)
    goal_sql, goal_params = _goal_where(case)
    year = [case.year]
    joined = "projects pj JOIN provinces pv USING (province_code)"
    by_goal = dict(sql(db, f"SELECT pj.goal, count(*) FROM {joined} "
                           f"WHERE pj.fiscal_year = ? AND {pv_sql} GROUP BY 1", year + pv_params))
    pilot_sql = "pv.is_pilot" if case.pilots else "TRUE"
    by_region = dict(sql(db, f"SELECT pv.region_code, count(*) FROM projects pj JOIN provinces pv "
                             f"USING (province_code) WHERE pj.fiscal_year = ? AND {goal_sql} AND {pilot_sql} "
                             f"GROUP BY 1", year + goal_params))
    cells = {(g, r): n for g, r, n in sql(
        db, f"SELECT pj.goal, pv.region_code, count(*) FROM {joined} "
            f"WHERE pj.fiscal_year = ? AND {pilot_sql} GROUP BY 1, 2", year)}
    per_province = dict(sql(db, f"SELECT pj.province_code, count(*) FROM projects pj "
                                f"WHERE pj.fiscal_year = ? AND {goal_sql} GROUP BY 1", year + goal_params))
    codes = [c for (c,) in sql(db, "SELECT province_code FROM provinces ORDER BY 1")]
    completeness = dict(sql(db, "SELECT province_code, completeness FROM plans WHERE fiscal_year = ?", year))
    kept = sql(db, f"SELECT count(*), count(*) FILTER (WHERE pv.is_pilot) FROM provinces pv WHERE {pv_sql}",
               pv_params)[0]
    plans = sql(db, f"SELECT count(*), count(*) FILTER (WHERE pl.completeness = 4) FROM plans pl "
                    f"JOIN provinces pv USING (province_code) WHERE pl.fiscal_year = ? AND {pv_sql}",
                year + pv_params)[0]
    chosen = sql(db, f"SELECT count(*), count(DISTINCT pj.goal) FROM projects pj JOIN provinces pv "
                     f"USING (province_code) WHERE pj.fiscal_year = ? AND {pv_sql} AND {goal_sql}",
                 year + pv_params + goal_params)[0]
    goals = list(case.goals) or list(range(1, 18))
    regions = [r for r in REGIONS if not case.regions or r in case.regions]
    return {
        "goal_bars": [by_goal.get(g, 0) for g in range(1, 18)],
        "region_bars": [by_region.get(r, 0) for r in REGIONS],
        "heatmap": [[cells.get((g, r), 0) for g in goals] for r in regions],
        "map_goal_projects": [per_province.get(c, 0) for c in codes],
        "map_completeness": [-1 if completeness.get(c) is None else completeness[c] for c in codes],
        "headline": {"reported": [plans[0], kept[0]], "complete": [plans[1]], "projects": [chosen[0]],
                     "goals": [chosen[1], len(goals)], "pilots": [kept[1]]},
    }


def numbers(text: str) -> list[int]:
    """The integers written in a headline ("1,234 of 5,000" -> [1234, 5000])."""
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


def headline_values(props: dict[str, dict[str, Any]]) -> dict[str, list[int]]:
    return {key: numbers(str(props[f"headline-{key}"]["children"]))
            for key in ("reported", "complete", "projects", "goals", "pilots")}


def assigned(patch: dict[str, Any], *location: Any) -> Any:
    """The value a Dash Patch assigns at a location (the figure updates are Patches)."""
    for op in patch["operations"]:
        if op["operation"] == "Assign" and op["location"] == list(location):
            return op["params"]["value"]
    found = [op["location"] for op in patch["operations"]]
    raise AssertionError(f"the patch does not assign {location}: {found}")


def figure_value(figure: dict[str, Any], *location: Any) -> Any:
    """A value from a full figure (first load) or a Patch (after a filter change)."""
    if "operations" in figure:
        return assigned(figure, *location)
    node: Any = figure
    for key in location:
        node = node[key]
    return node


def test_the_national_set_is_what_was_asked(scale_db: Path) -> None:
    shape = sql(scale_db, "SELECT count(*), count(DISTINCT province_code), min(fiscal_year), "
                          "max(fiscal_year), count(DISTINCT goal) FROM projects")
    assert shape == [(PROJECTS, 77, 2566, 2575, 17)]
    assert sql(scale_db, "SELECT sum(projects) FROM project_counts") == [(PROJECTS,)]


def test_first_load_shows_sql_totals(scale_db: Path, client: DashClient) -> None:
    reply = client.call(page_payload("/"))
    assert reply.status == 200
    props = component_props(reply.json())
    want = expected(scale_db, Case(year=2575))
    assert props["year-filter"]["value"] == 2575, "the latest fiscal year opens first"
    assert headline_values(props) == want["headline"]
    assert props["goal-chart"]["figure"]["data"][0]["x"] == want["goal_bars"]
    assert props["region-chart"]["figure"]["data"][0]["x"] == want["region_bars"]
    assert props["goal-region-heatmap"]["figure"]["data"][0]["z"] == want["heatmap"]
    assert props["province-map"]["figure"]["data"][0]["z"] == want["map_completeness"]


CASES = [
    Case(year=2575, goals=(3,)),
    Case(year=2570, goals=(1, 6, 14), regions=("north", "south")),
    Case(year=2566, regions=("northeast",), pilots=True),
    Case(year=2572, goals=(5, 17), pilots=True),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.year}-g{'-'.join(map(str, c.goals))}"
                                                      f"-r{'-'.join(c.regions)}-p{int(c.pilots)}")
@pytest.mark.parametrize("metric", ["goal_projects", "completeness"])
def test_filter_change_shows_sql_totals(scale_db: Path, client: DashClient, case: Case, metric: str) -> None:
    deps = client.get_json("/_dash-dependencies")
    dep = find_dependency(deps, OVERVIEW)
    values = {"year-filter.value": case.year, "goal-filter.value": list(case.goals),
              "region-filter.value": list(case.regions), "pilot-toggle.value": case.pilots,
              "map-metric.value": metric, "overview-lang.data": "en"}
    reply = client.call(callback_payload(dep, values, ["goal-filter.value"]))
    assert reply.status == 200
    assert reply.wire_bytes <= 10 * 1024, "an interaction sends at most 10 KB compressed"
    out = reply.json()["response"]
    want = expected(scale_db, case)
    assert figure_value(out["goal-chart"]["figure"], "data", 0, "x") == want["goal_bars"]
    assert figure_value(out["region-chart"]["figure"], "data", 0, "x") == want["region_bars"]
    assert figure_value(out["goal-region-heatmap"]["figure"], "data", 0, "z") == want["heatmap"]
    map_z = figure_value(out["province-map"]["figure"], "data", 0, "z")
    assert map_z == (want["map_goal_projects"] if metric == "goal_projects" else want["map_completeness"])
    headlines = component_props(out["overview-headlines"]["children"])
    assert headline_values(headlines) == want["headline"]


# ---------------------------------------------------------------- the province grid at scale

BIG = "10"  # Bangkok has the most projects in the generated set
GRID = "..projects-grid.getRowsResponse"


def grid_block(client: DashClient, request: dict[str, Any], search: str = "") -> tuple[dict[str, Any], str]:
    """One block of the projects grid as the browser asks for it: (getRowsResponse, count shown)."""
    dep = find_dependency(client.get_json("/_dash-dependencies"), GRID)
    values = {"projects-grid.getRowsRequest": request, "province-grid-search.value": search,
              "province-state.data": {"code": BIG, "year": 2575, "lang": "en"}}
    reply = client.call(callback_payload(dep, values, ["projects-grid.getRowsRequest"]))
    assert reply.status == 200
    assert reply.wire_bytes <= 10 * 1024, "a block of rows is at most 10 KB compressed"
    out = reply.json()["response"]
    return out["projects-grid"]["getRowsResponse"], str(out["province-grid-count"]["children"])


def test_province_page_ships_no_rows(scale_db: Path, client: DashClient) -> None:
    props = component_props(client.call(page_payload(f"/province/{BIG}", "?year=2575&lang=en")).json())
    total = sql(scale_db, "SELECT count(*) FROM projects WHERE province_code = ? AND fiscal_year = 2575",
                [BIG])[0][0]
    assert total > 200, "the generated set gives the grid more than two blocks"
    assert props["projects-grid"]["rowModelType"] == "infinite" and "rowData" not in props["projects-grid"]
    assert props["province-grid-count"]["children"] == f"{total:,} projects"


def test_grid_pages_through_sql_order(scale_db: Path, client: DashClient) -> None:
    """Blocks of 100 sorted by budget, then filtered by goal, are SQL's rows and counts in SQL's order."""
    where = "province_code = ? AND fiscal_year = 2575"
    order = "ORDER BY budget_thb DESC NULLS LAST, goal, project_id"
    by_budget = [p for (p,) in sql(scale_db, f"SELECT project_id FROM projects WHERE {where} {order}", [BIG])]
    rows: list[str] = []
    for start in range(0, len(by_budget), 100):
        block, count = grid_block(client, {"startRow": start, "endRow": start + 100,
                                           "sortModel": [{"colId": "budget_thb", "sort": "desc"}]})
        assert block["rowCount"] == len(by_budget) and count == f"{len(by_budget):,} projects"
        rows += [r["project_id"] for r in block["rowData"]]
    assert rows == by_budget
    goal_6 = [pid for (pid,) in sql(scale_db, f"SELECT project_id FROM projects WHERE {where} AND goal = 6 "
                                              "ORDER BY goal, project_id", [BIG])]
    block, _ = grid_block(client, {"startRow": 0, "endRow": 100, "filterModel": {
        "goal": {"filterType": "number", "type": "equals", "filter": 6}}})
    assert [r["project_id"] for r in block["rowData"]] == goal_6[:100] and block["rowCount"] == len(goal_6)


@pytest.mark.browser
def test_scrolling_the_grid_loads_rows_from_the_server(scale_db: Path, server: LiveServer,
                                                       browser: Any) -> None:
    """Rows past the first block appear only after the grid asks the server for the next block."""
    ordered = [pid for (pid,) in sql(scale_db, "SELECT project_id FROM projects WHERE province_code = ? "
                                               "AND fiscal_year = 2575 ORDER BY goal, project_id", [BIG])]
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    page = context.new_page()
    starts: list[int] = []

    def record(request: Any) -> None:
        if request.method == "POST" and request.url.split("?")[0].endswith("/_dash-update-component"):
            body = json.loads(request.post_data or "{}")
            starts.extend(i["value"]["startRow"] for i in body.get("inputs", [])
                          if i.get("property") == "getRowsRequest" and isinstance(i.get("value"), dict))

    page.on("request", record)
    try:
        page.goto(f"{server.url}/province/{BIG}?year=2575")
        show_grid(page)
        wait_until(page, "document.querySelectorAll('#projects-grid .ag-row').length > 0")
        api = "window.dash_ag_grid.getApi('projects-grid')"
        wait_until(page, f"{api}.isLastRowIndexKnown()")
        assert page.evaluate(f"{api}.getDisplayedRowCount()") == len(ordered)
        assert starts == [0]
        page.evaluate(f"{api}.ensureIndexVisible(150, 'top')")
        wait_until(page, f"{api}.getDisplayedRowAtIndex(150) && {api}.getDisplayedRowAtIndex(150).data "
                         "!== undefined")
        assert page.evaluate(f"{api}.getDisplayedRowAtIndex(150).data.project_id") == ordered[150]
        assert 100 in starts, "the second block came from the server"
    finally:
        context.close()


def wait_until(page: Any, expression: str, timeout: float = 30.0) -> None:
    """Poll a JavaScript expression (no eval-based waits: the CSP forbids them)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(100)
