"""Province, pilots and not-found pages: figures, layouts and callbacks on the real sample build."""
from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash.exceptions import PreventUpdate

from dashboard import figures
from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.ui import ids
from etl.reference import read_reference
from geo import province_districts
from tests.dashboard.layout_tree import by_id as _by_id
from tests.dashboard.layout_tree import has_id as _has_id
from tests.dashboard.layout_tree import text as _text
from tests.dashboard.layout_tree import walk as _walk

CODES = [str(c) for c in read_reference("provinces")["province_code"]]
PILOTS = [str(c) for c in read_reference("pilots").sort_values("pilot_order")["province_code"]]
CATEGORIES_EN = set(read_reference("district_categories")["name_en"])
CATEGORIES_TH = set(read_reference("district_categories")["name_th"])


@pytest.fixture
def province(dash_app: ModuleType) -> ModuleType:
    from dashboard.pages import province

    return province


@pytest.fixture
def pilots_page(dash_app: ModuleType) -> ModuleType:
    from dashboard.pages import pilots

    return pilots


@pytest.fixture
def not_found_page(dash_app: ModuleType) -> ModuleType:
    from dashboard.pages import not_found_404

    return not_found_404


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize("lang", ["th", "en"])
def test_district_map_draws_each_district_once_with_named_legend(snap: db.Snapshot, base: Filters,
                                                                  lang: str) -> None:
    programme = queries.district_programme(snap, base, "50")
    counts = queries.district_category_counts(snap, base, "50")
    geojson = province_districts("50")
    fig = go.Figure(figures.district_map(programme, geojson, counts, lang, base.year))
    located = [loc for trace in fig.data for loc in trace.locations]
    assert sorted(located) == sorted(f["id"] for f in geojson["features"]) and len(located) == 25
    names = {trace.name for trace in fig.data}
    allowed = (CATEGORIES_EN if lang == "en" else CATEGORIES_TH) | {figures.t("district_none", lang)}
    assert names <= allowed
    assert all(trace.showlegend for trace in fig.data)
    assert fig.layout.legend.title.text == figures.t("district_legend", lang)
    # only this province's features are sent
    assert {f["properties"]["province_code"] for f in fig.data[0].geojson["features"]} == {"50"}
    colours = {trace.name: trace.colorscale[0][1] for trace in fig.data}
    assert len(set(colours.values())) == len(colours), "one colour per category"


def test_district_hover_escapes_titles(snap: db.Snapshot, base: Filters) -> None:
    programme = queries.district_programme(snap, base, "50")
    hostile = programme.assign(titles=[["<img src=x onerror=alert(1)>"] * n for n in programme["projects"]])
    fig = go.Figure(figures.district_map(hostile, province_districts("50"),
                               queries.district_category_counts(snap, base, "50"), "th"))
    hover = " ".join(h for trace in fig.data for h in trace.hovertext)
    assert "<img" not in hover and "&lt;img src=x onerror=alert(1)&gt;" in hover


@pytest.mark.parametrize("lang", ["th", "en"])
def test_district_hover_names_the_first_titles_and_counts_the_rest(snap: db.Snapshot, base: Filters,
                                                                  lang: str) -> None:
    programme = queries.district_programme(snap, base, "50")
    first = programme.index[0]
    titles = [f"Project {i} " + "x" * 80 for i in range(7)]
    listed = [titles if i == first else list(x) for i, x in programme["titles"].items()]
    counts = [7 if i == first else n for i, n in programme["projects"].items()]
    many = programme.assign(titles=listed, projects=counts)
    fig = go.Figure(figures.district_map(many, province_districts("50"),
                               queries.district_category_counts(snap, base, "50"), lang))
    row = programme.loc[first]
    hover = next(h for trace in fig.data for h in trace.hovertext
                 if h.startswith(f"<b>{row['name_en' if lang == 'en' else 'name_th']}</b>"))
    shown = [line for line in hover.split("<br>") if line.startswith("· ")]
    assert [line[2:].split(" x")[0] for line in shown] == ["Project 0", "Project 1", "Project 2"]
    assert all(len(line) - 2 <= figures.HOVER_TITLE_CHARS for line in shown)
    assert hover.endswith(figures.t("district_hover_more", lang, n="4"))
    other = row["name_th" if lang == "en" else "name_en"]
    assert f"({other})" not in hover, "one language per hover, the page's"


def test_goal_mix_chart(snap: db.Snapshot, base: Filters) -> None:
    mix = queries.goal_mix(snap, base, "50")
    labels = figures.MixLabels(province="Chiang Mai", region="North", country="Whole country")
    fig = go.Figure(figures.goal_mix_chart(mix, labels, "en", base.year))
    assert [t.name for t in fig.data] == ["Chiang Mai", "North", "Whole country"]
    assert all(len(t.y) == 17 for t in fig.data)
    assert fig.data[0].y[1] == "2 Zero Hunger"
    province_share = pd.Series(fig.data[0].x)
    assert province_share.sum() == pytest.approx(100, abs=0.2)
    assert "FY2566 (2023)" in fig.layout.title.text
    assert fig.layout.margin.l >= figures.label_width(list(fig.data[0].y), 13)
    assert fig.layout.xaxis.ticksuffix == "%" and fig.layout.xaxis.title.text is None


@pytest.mark.parametrize(
    ("labels", "at_least"),
    [(["1 No Poverty"], 60), (["16 สังคมสงบสุข ยุติธรรม และสถาบันเข้มแข็ง"], 200), ([], 16)],
)
def test_label_width_grows_with_text(labels: list[str], at_least: int) -> None:
    assert figures.label_width(labels, 13) >= at_least


def test_thai_marks_take_no_width() -> None:
    assert figures.label_width(["ที่"], 13) == figures.label_width(["ท"], 13)


@pytest.mark.parametrize(("lang", "tick"), [("th", "เม.ย. 2566"), ("en", "Apr 2023")])
def test_pilot_timeline_follows_the_seed(snap: db.Snapshot, lang: str, tick: str) -> None:
    milestones = queries.pilot_milestones(snap, Filters())
    fig = figures.pilot_timeline(milestones, lang)
    assert tick in fig.layout.xaxis.ticktext
    frame = fig.data[0]
    assert pd.Timestamp(frame.base[0]) == pd.Timestamp("2022-12-01")
    end = pd.Timestamp(frame.base[0]) + pd.Timedelta(milliseconds=frame.x[0])
    assert (end.year, end.month) == (2024, 4)
    kickoff = fig.layout.shapes[0]
    assert pd.Timestamp(kickoff.x0, unit="ms") == pd.Timestamp("2023-04-28")
    assert ("28 เม.ย. 2566" if lang == "th" else "28 Apr 2023") in fig.layout.annotations[0].text


# ---------------------------------------------------------------- province layout


def test_every_province_has_a_page(sample_env: Path, province: ModuleType) -> None:
    for code in CODES:
        page = province.layout(code=code)
        assert not _has_id(page, ids.NOT_FOUND), code
        grid = _by_id(page, ids.PROJECTS_GRID)
        district = go.Figure(_by_id(page, ids.DISTRICT_MAP).figure)  # pages send plain dicts
        assert grid.rowModelType == "infinite" and getattr(grid, "rowData", None) is None
        total = _sql(sample_env, "SELECT count(*) FROM projects WHERE province_code = ? "
                                 "AND fiscal_year = 2566", code)[0][0]
        assert _text(_by_id(page, ids.PROVINCE_GRID_COUNT)) == f"{total:,} โครงการ", code
        features = {loc for trace in district.data for loc in trace.locations}
        assert all(loc.startswith(code) for loc in features)
        assert _has_id(page, ids.PROVINCE_PILOT_BADGE) is (code in PILOTS)


@pytest.mark.parametrize("code", ["99", "00", "abc", "5", "500", "../../etc/passwd", "50/extra", "", None,
                                  "<script>alert(1)</script>", "5" * 10_000])
def test_unknown_code_shows_not_found(sample_env: Path, province: ModuleType, code: Any) -> None:
    page = province.layout(code=code)
    assert _has_id(page, ids.NOT_FOUND)
    assert _by_id(page, ids.NOT_FOUND_HOME).href == "/"
    assert not _has_id(page, ids.PROJECTS_GRID)


def test_not_found_in_english(sample_env: Path, province: ModuleType) -> None:
    page = province.layout(code="99", lang="en")
    assert "Page not found" in _text(page)
    assert _by_id(page, ids.NOT_FOUND_HOME).href == "/?lang=en"


def test_chiang_mai_page_in_thai(sample_env: Path, province: ModuleType) -> None:
    page = province.layout(code="50")
    text = _text(page)
    header = _text(_by_id(page, ids.PROVINCE_HEADER))
    assert header.index("เชียงใหม่") < header.index("Chiang Mai")
    assert "ภาคเหนือ" in header and "จังหวัดนำร่อง UNDP ลำดับที่ 3 จาก 15" in header
    assert _by_id(page, ids.PROVINCE_PREV_PILOT).href == "/province/57?year=2566"
    assert _by_id(page, ids.PROVINCE_NEXT_PILOT).href == "/province/58?year=2566"
    assert "มี 1 จาก 4 องค์ประกอบ" in text
    kickoff = province.day_text({"name_th": "Kick Off", "name_en": "Kick-off", "start_date": "2023-04-28"},
                                "th")
    assert [getattr(part, "children", part) for part in kickoff] == ["", "Kick Off", ": 28 เม.ย. 2566"]
    assert kickoff[1].lang == "en" and ": 28 เม.ย. 2566" in text
    assert _by_id(page, ids.PROVINCE_YEAR).value == 2566
    counts = _text(_by_id(page, ids.PROVINCE_CATEGORY_COUNTS))
    assert "แก้ไขปัญหาความยากจน" in counts and "25" in counts
    assert _by_id(page, ids.LANG_TOGGLE).href == "/province/50?year=2566&lang=en"


def test_chiang_mai_page_in_english_with_bad_year(sample_env: Path, province: ModuleType) -> None:
    page = province.layout(code="50", lang="en", year="abc")
    header = _text(_by_id(page, ids.PROVINCE_HEADER))
    assert header.index("Chiang Mai") < header.index("เชียงใหม่")
    assert "UNDP pilot province 3 of 15" in header
    assert _by_id(page, ids.PROVINCE_YEAR).value == 2566, "an unknown year falls back to the latest"
    assert _by_id(page, ids.PROVINCE_NEXT_PILOT).href == "/province/58?year=2566&lang=en"
    grid = _by_id(page, ids.PROJECTS_GRID)
    assert grid.columnDefs[1]["headerName"] == "Project title"
    block, count = province.grid_block(_request(), "", _state("50", lang="en"))
    assert {r["status"] for r in block["rowData"]} <= {"Not started", "In progress", "Completed", "Cancelled"}
    assert count == "68 projects"


def test_bangkok_not_assessed_is_explained(sample_env: Path, province: ModuleType) -> None:
    page = province.layout(code="10", lang="en")
    components = _text(_by_id(page, ids.PROVINCE_COMPONENTS))
    assert "Not assessed" in components and "76 provinces" in components
    assert _has_id(page, ids.PROVINCE_PILOT_PROCESS)
    assert _by_id(page, ids.PROVINCE_PREV_PILOT).href == "/province/96?year=2566&lang=en"


def test_non_pilot_has_no_pilot_parts(sample_env: Path, province: ModuleType) -> None:
    page = province.layout(code="11")
    for component_id in (ids.PROVINCE_PILOT_BADGE, ids.PROVINCE_PILOT_PROCESS, ids.PROVINCE_PREV_PILOT,
                         ids.PROVINCE_NEXT_PILOT):
        assert not _has_id(page, component_id)
    assert _has_id(page, ids.PROVINCE_ACTIONS), "room for the export buttons"


def test_grid_renders_text_only(sample_env: Path, province: ModuleType) -> None:
    grid = _by_id(province.layout(code="50"), ids.PROJECTS_GRID)
    assert not getattr(grid, "dangerously_allow_code", False)
    renderers = {c.get("cellRenderer") for c in grid.columnDefs} - {None}
    assert renderers == {"GoalChip"}, "the only renderer is the React text chip in assets/province.js"
    assert "GoalChip" in (Path(__file__).parents[2] / "assets" / "province.js").read_text(encoding="utf-8")
    assert "overlayNoRowsTemplate" not in (grid.dashGridOptions or {})
    assert {c["field"] for c in grid.columnDefs} >= {"title", "goal", "target", "agency", "budget_thb",
                                                    "status"}
    block, _ = province.grid_block(_request(), None, _state("50"))
    titles = [t for (t,) in _sql(sample_env, "SELECT title FROM projects WHERE province_code = '50' "
                                             "AND fiscal_year = 2566 ORDER BY goal, project_id")]
    assert [r["title"] for r in block["rowData"]] == titles, "titles are passed through untouched"
    json.dumps(block)  # plain JSON, no numpy values


def test_missing_database_gives_error_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           province: ModuleType, pilots_page: ModuleType) -> None:
    monkeypatch.setenv(db.DB_ENV, str(tmp_path / "missing.duckdb"))
    assert _has_id(province.layout(code="50"), ids.DB_ERROR)
    assert _has_id(pilots_page.layout(), ids.DB_ERROR)


# ---------------------------------------------------------------- callbacks


@pytest.mark.parametrize(
    ("year", "state", "href"),
    [(2566, {"code": "50", "lang": "th"}, "/province/50?year=2566"),
     (2567, {"code": "50", "lang": "en"}, "/province/50?year=2567&lang=en"),
     ("2566", {"code": "96", "lang": "xx"}, "/province/96?year=2566")],
)
def test_year_change_navigates(province: ModuleType, year: Any, state: Any, href: str) -> None:
    assert province.year_changed(year, state) == href


@pytest.mark.parametrize(
    ("year", "state"),
    [(None, {"code": "50"}), ("abc", {"code": "50"}), (2566, {"code": "../x"}), (2566, None), (2566, [1])],
)
def test_year_change_ignores_bad_input(province: ModuleType, year: Any, state: Any) -> None:
    with pytest.raises(PreventUpdate):
        province.year_changed(year, state)


def _request(start: int = 0, end: int = 100, sort: list[dict[str, Any]] | None = None,
             filters: dict[str, Any] | None = None) -> dict[str, Any]:
    """A getRowsRequest as the grid's infinite row model sends it."""
    return {"startRow": start, "endRow": end, "sortModel": sort or [], "filterModel": filters or {}}


def _state(code: str, year: int = 2566, lang: str = "th") -> dict[str, Any]:
    return {"code": code, "year": year, "lang": lang}


def _sql(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql, list(params)).fetchall()


CM = "FROM projects p JOIN sdg_goals g USING (goal) WHERE province_code = '50' AND fiscal_year = 2566"
# (grid request, search text, the same question in SQL: a condition and an order)
GRID_CASES = [
    (_request(), "", "true", "goal, project_id"),
    (_request(10, 30), "", "true", "goal, project_id LIMIT 20 OFFSET 10"),
    (_request(sort=[{"colId": "budget_thb", "sort": "desc"}]), "", "true",
     "budget_thb DESC NULLS LAST, goal, project_id"),
    (_request(sort=[{"colId": "title", "sort": "asc"}, {"colId": "goal", "sort": "desc"}]), "", "true",
     "title, goal DESC, goal, project_id"),
    (_request(), "น้ำ", "(title LIKE '%น้ำ%' OR agency LIKE '%น้ำ%' OR g.short_th LIKE '%น้ำ%')",
     "goal, project_id"),
    (_request(filters={"goal": {"filterType": "number", "type": "equals", "filter": 2}}), "", "goal = 2",
     "goal, project_id"),
    (_request(filters={"goal": {"filterType": "number", "operator": "OR", "conditions": [
        {"filterType": "number", "type": "lessThan", "filter": 3},
        {"filterType": "number", "type": "inRange", "filter": 10, "filterTo": 12}]}}), "",
     "(goal < 3 OR goal BETWEEN 10 AND 12)", "goal, project_id"),
    (_request(filters={"budget_thb": {"filterType": "number", "type": "greaterThan", "filter": 1_000_000},
                       "title": {"filterType": "text", "type": "contains", "filter": "เชียงใหม่"}}), "",
     "budget_thb > 1000000 AND title LIKE '%เชียงใหม่%'", "goal, project_id"),
    (_request(filters={"status": {"filterType": "text", "type": "equals", "filter": "ยกเลิก"}}), "",
     "status = 'cancelled'", "goal, project_id"),
    (_request(filters={"agency": {"filterType": "text", "type": "startsWith", "filter": "สำนักงานเกษตร"}}), "",
     "agency LIKE 'สำนักงานเกษตร%'", "goal, project_id"),
    (_request(), "'; DROP TABLE projects; --", "false", "goal, project_id"),
    (_request(filters={"title": {"filterType": "text", "type": "contains", "filter": "%"}}), "", "false",
     "goal, project_id"),
]


@pytest.mark.parametrize(("request_", "search", "where", "order"), GRID_CASES)
def test_grid_block_is_the_sql_answer(sample_env: Path, province: ModuleType, request_: dict[str, Any],
                                      search: str, where: str, order: str) -> None:
    """Each block of rows and the count beside the grid are what the same question asks of SQL."""
    block, count = province.grid_block(request_, search, _state("50"))
    total = _sql(sample_env, f"SELECT count(*) {CM} AND {where}")[0][0]
    limit = "" if "LIMIT" in order else " LIMIT 100"
    sql = f"SELECT project_id {CM} AND {where} ORDER BY {order}{limit}"
    expected = [pid for (pid,) in _sql(sample_env, sql)]
    assert [r["project_id"] for r in block["rowData"]] == expected
    assert block["rowCount"] == total and count == f"{total} โครงการ"


@pytest.mark.parametrize(
    ("request_", "search", "state"),
    [(None, "", _state("50")), ("x", "", _state("50")), ([1], "", _state("50")),
     (_request(), "", None), (_request(), "", {"code": "../x", "year": 2566}),
     (_request(), "", {"code": "50", "year": "abc"})],
)
def test_grid_block_ignores_bad_input(sample_env: Path, province: ModuleType, request_: Any, search: Any,
                                      state: Any) -> None:
    with pytest.raises(PreventUpdate):
        province.grid_block(request_, search, state)


@pytest.mark.parametrize("request_", [
    {}, {"startRow": -5, "endRow": "x"}, {"startRow": 1e300, "endRow": float("nan")},
    {"sortModel": "budget_thb"}, {"sortModel": [{"colId": "budget_thb; DROP TABLE projects", "sort": "asc"}]},
    {"sortModel": [{"colId": "title", "sort": "sideways"}, None, 3]},
    {"filterModel": {"title": {"filterType": "number", "type": "equals", "filter": 1}}},
    {"filterModel": {"goal": {"filterType": "number", "type": "equals", "filter": "1 OR 1=1"}}},
    {"filterModel": {"goal": {"type": "inRange", "filter": 1}, "nope": {"type": "contains", "filter": "x"}}},
    {"filterModel": {"title": {"operator": "OR", "conditions": "x"}}},
    {"filterModel": {"title": {"type": "contains", "filter": ["a"]}}},
    {"filterModel": [1, 2]},
])
def test_grid_block_answers_odd_requests(sample_env: Path, province: ModuleType, request_: Any) -> None:
    """Odd requests still get a block: the odd parts are ignored, never put into SQL."""
    block, _ = province.grid_block(request_, "", _state("50"))
    assert 0 < len(block["rowData"]) <= 100 or block["rowCount"] == 0
    json.dumps(block)


# ---------------------------------------------------------------- pilots and not found


def test_pilots_page_lists_15_with_links(sample_env: Path, pilots_page: ModuleType) -> None:
    table = _by_id(pilots_page.layout(), ids.PILOTS_TABLE)
    links = [n.href for n in _walk(table) if getattr(n, "href", None)]
    assert links == [f"/province/{code}?year=2566" for code in PILOTS]
    text = _text(table)
    assert "ไม่ได้ประเมิน" in text and "เชียงใหม่" in text


def test_pilots_page_in_english(sample_env: Path, pilots_page: ModuleType) -> None:
    page = pilots_page.layout(lang="en", year="9999")
    table = _by_id(page, ids.PILOTS_TABLE)
    assert "Not assessed" in _text(table) and "Chiang Mai" in _text(table)
    assert [n.href for n in _walk(table) if getattr(n, "href", None)][2] == "/province/50?year=2566&lang=en"
    assert _by_id(page, ids.PILOTS_YEAR).value == 2566


def test_pilots_year_change(pilots_page: ModuleType) -> None:
    assert pilots_page.pilots_year_changed(2566, "en") == "/pilots?year=2566&lang=en"
    with pytest.raises(PreventUpdate):
        pilots_page.pilots_year_changed("x", "th")


@pytest.mark.parametrize(("query", "title"), [({}, "ไม่พบหน้าที่ต้องการ"), ({"lang": "en"}, "Page not found"),
                                              ({"lang": ["en", "th"]}, "Page not found")])
def test_not_found_page(sample_env: Path, not_found_page: ModuleType, query: dict[str, Any],
                        title: str) -> None:
    page = not_found_page.layout(**query)
    assert title in _text(page)
    assert _has_id(page, ids.NOT_FOUND_HOME) and _has_id(page, ids.SAMPLE_BANNER)


@pytest.mark.parametrize(("code", "title"), [("50", "เชียงใหม่ · SDGs ระดับจังหวัด"), ("99", "ไม่พบหน้านี้"),
                                             (None, "ไม่พบหน้านี้")])
def test_page_title(province: ModuleType, code: Any, title: str) -> None:
    assert province.page_title(code=code) == title


# ---------------------------------------------------------------- through the real Flask app


def _route(client: Any, dash_app: ModuleType, pathname: str, search: str = "") -> dict[str, Any]:
    """Ask Dash pages' own router callback for a path, as the browser does on navigation."""
    client.get("/")  # Dash registers the router on the first request
    key = next(k for k in dash_app.app.callback_map if "_pages_content" in k)
    payload = {
        "output": key,
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    body: dict[str, Any] = response.get_json()["response"]
    return body


@pytest.mark.parametrize(
    ("pathname", "found"),
    [("/province/50", True), ("/province/10", True), ("/province/99", False), ("/province/abc", False),
     ("/province/../../etc/passwd", False), ("/province/50/extra", False), ("/province/", False),
     ("/nowhere", False), ("/pilots", None)],
)
def test_router_serves_pages_and_not_found(sample_env: Path, dash_app: ModuleType, pathname: str,
                                           found: bool | None) -> None:
    client = dash_app.server.test_client()
    served = json.dumps(_route(client, dash_app, pathname, "?lang=en"), ensure_ascii=False)
    assert "Traceback" not in served
    if found is None:
        assert f'"id": "{ids.PILOTS_TABLE}"' in served
    else:
        assert (f'"id": "{ids.NOT_FOUND}"' in served) is not found
        assert (f'"id": "{ids.PROJECTS_GRID}"' in served) is found


@pytest.mark.parametrize(("path", "status"), [
    ("/province/50", 200), ("/province/99", 404), ("/province/../../etc/passwd", 404),
    ("/province/%2e%2e/%2e%2e/etc/passwd", 404), ("/pilots", 200), ("/nowhere", 404)])
def test_every_path_answers_without_traceback(sample_env: Path, dash_app: ModuleType, path: str,
                                              status: int) -> None:
    response = dash_app.server.test_client().get(path)
    assert response.status_code == status
    assert "Traceback" not in response.get_data(as_text=True)


# ---------------------------------------------------------------- district geometry, sent once


def test_district_map_loads_geometry_from_a_url(sample_env: Path, province: ModuleType) -> None:
    """The page carries district codes and values; the boundaries come from one cacheable URL."""
    figure = go.Figure(_by_id(province.layout(code="50"), ids.DISTRICT_MAP).figure)
    urls = {trace.geojson for trace in figure.data}
    assert len(urls) == 1 and next(iter(urls)).startswith("/geo/districts/50.json?v=")
    assert sorted(loc for trace in figure.data for loc in trace.locations) == sorted(
        f["id"] for f in province_districts("50")["features"])


def test_district_geometry_route_serves_the_province_with_long_cache(dash_app: ModuleType) -> None:
    from dashboard.server.geo_route import district_geojson_url

    client = dash_app.server.test_client()
    url = district_geojson_url("50")
    response = client.get(url)
    assert response.status_code == 200
    assert response.get_json() == json.loads(json.dumps(province_districts("50")))
    assert "immutable" in response.headers["Cache-Control"] and "max-age=31536000" in response.headers[
        "Cache-Control"]
    assert "'self'" in response.headers["Content-Security-Policy"]
    again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


@pytest.mark.parametrize("code", ["99", "00", "ab", "5", "500", "..", "%2e%2e", "5%00"])
def test_district_geometry_route_refuses_unknown_codes(dash_app: ModuleType, code: str) -> None:
    response = dash_app.server.test_client().get(f"/geo/districts/{code}.json")
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)


def test_each_category_count_is_headed_by_its_category(sample_env: Path, province: ModuleType) -> None:
    from tests.dashboard.layout_tree import prop, walk

    table = _by_id(province.layout(code="50", year="2566", lang="en"), ids.PROVINCE_CATEGORY_COUNTS)
    rows = [n for n in walk(table) if type(n).__name__ == "Tr"]
    assert [prop(th, "scope") for th in walk(rows[0]) if type(th).__name__ == "Th"] == ["col", "col"]
    for row in rows[1:]:  # every count has its row's category (or "Total") as header
        cells = [type(c).__name__ for c in row.children]
        assert cells == ["Th", "Td"] and row.children[0].scope == "row"
    assert "Total" in _text(rows[-1])
