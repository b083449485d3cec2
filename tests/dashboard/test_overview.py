"""The overview page's layout and callbacks, called directly and through the real Flask app."""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import plotly.graph_objects as go
import pytest
from dash import Patch
from dash._utils import to_json
from dash.exceptions import PreventUpdate

from dashboard.data import db
from dashboard.ui import ids
from tests.dashboard.layout_tree import by_id as _by_id
from tests.dashboard.layout_tree import text as _text


def test_layout_restores_url_state(sample_env: Path, overview: ModuleType) -> None:
    page = overview.layout(year="2566", goal="2", region="north", lang="en")
    assert _by_id(page, ids.YEAR_FILTER).value == 2566
    assert _by_id(page, ids.GOAL_FILTER).value == [2]
    assert _by_id(page, ids.REGION_FILTER).value == ["north"]
    assert _by_id(page, ids.PILOT_TOGGLE).value is False
    assert _by_id(page, ids.MAP_METRIC).value == "completeness"
    assert _by_id(page, ids.OVERVIEW_QUERY).data == "year=2566&goal=2&region=north&lang=en"
    assert _by_id(page, ids.LANG_TOGGLE).href == "/?year=2566&goal=2&region=north"
    text = _text(page)
    assert "Provinces that reported" in text and "Sample data" in text
    province_map = go.Figure(_by_id(page, ids.PROVINCE_MAP).figure).data[0]
    north = [i for i, code in enumerate(province_map.locations) if "50" <= code <= "58"]
    assert list(province_map.selectedpoints) == north, "provinces outside the region are dimmed"
    goal_chart = go.Figure(_by_id(page, ids.GOAL_CHART).figure)
    assert list(goal_chart.data[0].marker.opacity).count(1.0) == 1


def test_layout_default_is_thai_with_seed_headline(sample_env: Path, overview: ModuleType) -> None:
    page = overview.layout()
    text = _text(page)
    for figure in ("76 จาก 77", "7", "742", "17 จาก 17", "15"):
        assert figure in text
    assert "จังหวัดที่ส่งแผน" in text and "ข้อมูลตัวอย่าง" in text
    assert "Royal Thai Survey Department" in text or "กรมแผนที่ทหาร" in text
    assert len(go.Figure(_by_id(page, ids.PROVINCE_MAP).figure).data[0].locations) == 77


@pytest.mark.parametrize(("lang", "source_words"), [
    ("th", "สร้างให้ตรงกับยอดรวมที่รายงานในการประชุม"),
    ("en", "Sample data generated to match the totals"),
])
def test_footer_names_the_source_in_the_page_language(sample_env: Path, overview: ModuleType,
                                                      lang: str, source_words: str) -> None:
    assert source_words in _text(_by_id(overview.layout(lang=lang), ids.FOOTER))


@pytest.mark.parametrize("query", [
    {"goal": "abc", "year": "-1"},
    {"region": "x" * 10_000},
    {"goal": ["1", "<script>"], "lang": "../../etc/passwd", "metric": "1;DROP TABLE plans"},
])
def test_layout_ignores_bad_values(sample_env: Path, overview: ModuleType, query: dict[str, Any]) -> None:
    page = overview.layout(**query)
    assert _by_id(page, ids.YEAR_FILTER).value == 2566
    assert _by_id(page, ids.GOAL_FILTER).value in ([], [1])


def test_missing_database_gives_friendly_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                              overview: ModuleType) -> None:
    monkeypatch.setenv(db.DB_ENV, str(tmp_path / "nowhere.duckdb"))
    page = overview.layout(lang="en")
    assert "The data cannot be shown yet" in _text(_by_id(page, ids.DB_ERROR))
    with pytest.raises(PreventUpdate):
        overview.update_overview(2566, [2], [], False, "completeness", "en")


def _patch_ops(patch: Patch) -> list[dict[str, Any]]:
    return patch.to_plotly_json()["operations"]  # type: ignore[no-any-return]


def _op_value(patch: Patch, *location: object) -> Any:
    return next(op["params"]["value"] for op in _patch_ops(patch) if tuple(op["location"]) == location)


def _titles(overview: ModuleType, out: tuple[Any, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """The charts' titles and filters lines, by graph id: the callback's last outputs."""
    charts = [graph_id for graph_id, _ in overview.CHART_VIEWS]
    n = len(charts)
    return dict(zip(charts, out[-2 * n:-n], strict=True)), dict(zip(charts, out[-n:], strict=True))


def test_update_patches_values_only(sample_env: Path, overview: ModuleType) -> None:
    out = overview.update_overview(2566, [2], ["north"], False, "goal_projects", "en")
    map_patch, goal_patch, region_patch, heatmap_patch, _headlines, query, lang_href, *_change_views = out
    for patch in (map_patch, goal_patch, region_patch, heatmap_patch):
        assert isinstance(patch, Patch)
        keys = {op["location"][2] for op in _patch_ops(patch) if op["location"][0] == "data"}
        assert keys and not keys & {"geojson", "locations", "type", "hovertemplate"}
    z = _op_value(map_patch, "data", 0, "z")
    assert len(z) == 77 and sum(z) == 106, "goal-2 projects in all provinces (dimming shows the region)"
    assert len(_op_value(map_patch, "data", 0, "selectedpoints")) == 9, "the 9 northern provinces"
    titles, subtitles = _titles(overview, out)
    assert "goal 2" in titles["province-map"]
    assert subtitles["province-map"] == "FY2566 (2023) · goal 2 · regions: North"
    assert not any(op["location"][:2] == ["layout", "title"] for op in _patch_ops(map_patch)), \
        "the title is page text, not drawn by plotly"
    goal_x = _op_value(goal_patch, "data", 0, "x")
    assert len(goal_x) == 17 and _op_value(goal_patch, "data", 0, "marker")["opacity"].count(1.0) == 1
    assert _op_value(region_patch, "data", 0, "x")[0] == _op_value(heatmap_patch, "data", 0, "z")[0][0]
    assert _op_value(heatmap_patch, "data", 0, "y") == ["North"]
    assert _op_value(heatmap_patch, "data", 0, "x") == ["2"]
    assert query == "year=2566&goal=2&region=north&metric=goal_projects&lang=en"
    assert lang_href == "/?year=2566&goal=2&region=north&metric=goal_projects"


def test_update_response_is_small(sample_env: Path, overview: ModuleType) -> None:
    out = overview.update_overview(2566, [2], [], False, "completeness", "th")
    body = to_json(list(out)).encode()
    assert len(gzip.compress(body)) < 10_000


def test_update_with_garbage_inputs_uses_defaults(sample_env: Path, overview: ModuleType) -> None:
    out = overview.update_overview("x", "2; drop", {"a": 1}, "maybe", 42, None)
    assert out[5] == "year=2566"


@pytest.mark.parametrize(("click", "expected"), [
    ({"points": [{"customdata": 2}]}, [2]),
    ({"points": [{"customdata": "11"}]}, [11]),
])
def test_goal_bar_click_sets_filter(overview: ModuleType, click: Any, expected: list[int]) -> None:
    assert overview.goal_bar_clicked(click) == expected


@pytest.mark.parametrize("click", [None, {}, {"points": []}, {"points": [{"customdata": "../x"}]}, "x"])
def test_bad_clicks_change_nothing(overview: ModuleType, click: Any) -> None:
    with pytest.raises(PreventUpdate):
        overview.goal_bar_clicked(click)
    with pytest.raises(PreventUpdate):
        overview.region_bar_clicked(click)
    with pytest.raises(PreventUpdate):
        overview.province_clicked(click, "th")


def test_unknown_goal_click_changes_nothing(overview: ModuleType) -> None:
    with pytest.raises(PreventUpdate):
        overview.goal_bar_clicked({"points": [{"customdata": 99}]})


def test_region_bar_click_sets_filter(overview: ModuleType) -> None:
    assert overview.region_bar_clicked({"points": [{"customdata": "south"}]}) == ["south"]


def test_province_click_opens_page(overview: ModuleType) -> None:
    click = {"points": [{"customdata": "50", "location": "50"}]}
    assert overview.province_clicked(click, "en") == "/province/50?lang=en"
    assert overview.province_clicked(click, "th") == "/province/50"
    with pytest.raises(PreventUpdate):
        overview.province_clicked({"points": [{"customdata": "../../etc/passwd"}]}, "th")


def test_clear_filters(sample_env: Path, overview: ModuleType) -> None:
    assert overview.clear_filters(1) == (2566, [], [], False)


# ---------------------------------------------------------------- through the Flask app


def _callback_request(client: Any, dash_app: ModuleType, inputs: list[Any], lang: Any) -> Any:
    key = next(k for k in dash_app.app.callback_map if f"{ids.PROVINCE_MAP}.figure" in k)
    outputs = [dict(zip(("id", "property"), part.split("."), strict=True))
               for part in key.strip(".").split("...")]
    names = [ids.YEAR_FILTER, ids.GOAL_FILTER, ids.REGION_FILTER, ids.PILOT_TOGGLE, ids.MAP_METRIC,
             ids.MEASURE_SWITCH]
    values = [*inputs, *[None] * (len(names) - len(inputs))]  # the browser sends every input
    return client.post("/_dash-update-component", headers={"Accept-Encoding": "gzip"}, json={
        "output": key, "outputs": outputs,
        "inputs": [{"id": n, "property": "value", "value": v} for n, v in zip(names, values, strict=True)],
        "changedPropIds": [f"{ids.GOAL_FILTER}.value"],
        "state": [{"id": ids.OVERVIEW_LANG, "property": "data", "value": lang}],
    })


def test_app_serves_compressed_and_local_only(sample_env: Path, dash_app: ModuleType) -> None:
    client = dash_app.server.test_client()
    index = client.get("/?goal=abc&year=-1", headers={"Accept-Encoding": "gzip"})
    assert index.status_code == 200
    html = gzip.decompress(index.data).decode() if index.headers.get("Content-Encoding") == "gzip" else \
        index.data.decode()
    assert "cdn" not in html.lower() and "https://" not in html
    assert "/assets/app-scripts.js?v=" in html  # overview.js among the app's scripts, in one file
    client.get("/_dash-layout")
    response = _callback_request(client, dash_app, [2566, [2], [], False, "completeness"], "th")
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
    assert len(response.data) < 10_000
    payload = json.loads(gzip.decompress(response.data))["response"]
    assert set(payload) >= {ids.PROVINCE_MAP, ids.GOAL_CHART, ids.REGION_CHART, ids.GOAL_REGION_HEATMAP}


@pytest.mark.parametrize("inputs", [
    ["x", "y", 5, "z", None],
    [None, list(range(10_000)), ["north"] * 1000, [], {"a": 1}],
])
def test_malformed_callback_is_not_a_500(sample_env: Path, dash_app: ModuleType, inputs: list[Any]) -> None:
    client = dash_app.server.test_client()
    client.get("/")
    assert _callback_request(client, dash_app, inputs, "xx").status_code == 200


# --- change over fiscal years ---
def _texts(component: Any) -> list[str]:
    """Every string in a component tree, in order."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [text for child in component for text in _texts(child)]
    children = getattr(component, "children", None)
    return _texts(children) if children is not None else []


@pytest.mark.parametrize(("year", "lang", "expected"), [
    (2566, "en", "+3 since 2565"),
    (2566, "th", "+3 จากปี 2565"),
    (2565, "en", "Nothing to compare"),
])
def test_headline_complete_plans_show_change_since_previous_year(
        sample_env: Path, overview: ModuleType, year: int, lang: str, expected: str) -> None:
    out = overview.update_overview(year, [], [], False, "completeness", lang)
    cards = out[4]
    texts = " | ".join(_texts(cards))
    assert expected in texts
    if year == 2566:
        assert "7" in _texts(cards)


def test_year_switch_moves_every_view(sample_env: Path, overview: ModuleType) -> None:
    """2567 has other figures than 2566 in every chart, the status chart and the trend's title."""
    before = overview.update_overview(2566, [], [], False, "completeness", "en", "projects")
    after = overview.update_overview(2567, [], [], False, "completeness", "en", "projects")
    for i in (0, 1, 2, 3, 7):
        assert to_json(before[i]) != to_json(after[i]), i
    assert after[5] == "year=2567&lang=en"
    trend = {tuple(op["location"]): op["params"].get("value") for op in _patch_ops(after[8])}
    titles, subtitles = _titles(overview, after)
    assert titles["trend-chart"].endswith("FY2565–2567")
    assert "FY2565–2567" in subtitles["trend-chart"]  # the caption's years
    assert _titles(overview, before)[0]["status-chart"] != titles["status-chart"]
    assert len(trend[("data", 6, "y")]) == 3  # projects in each of the three years


def test_measure_budget_switches_goal_and_region_charts(sample_env: Path, overview: ModuleType) -> None:
    out = overview.update_overview(2566, [], [], False, "completeness", "en", "budget")
    region_ops = _patch_ops(out[2])
    titles, subtitles = _titles(overview, out)
    assert "Budget per SDG goal" in titles["goal-chart"]
    assert subtitles["goal-chart"].endswith("budget in THB million")
    assert any(op["params"].get("value") == "Budget (THB million)" for op in region_ops)
    assert out[5] == "year=2566&measure=budget&lang=en"


def test_change_metric_patches_the_change_classes(sample_env: Path, overview: ModuleType) -> None:
    out = overview.update_overview(2566, [], [], False, "change", "en")
    ops = {tuple(op["location"]): op["params"].get("value") for op in _patch_ops(out[0])}
    z = ops[("data", 0, "z")]
    assert len(z) == 77 and 5 in z and -7 in z  # new this year; Bangkok not assessed
    ticks = ops[("data", 0, "colorbar", "ticktext")]
    assert {"Not assessed", "No plan either year", "New this year", "0 (unchanged)"} <= set(ticks)
    # where the colour bar sits stays the browser's: a phone puts it under the map
    assert not {("data", 0, "colorbar", part) for part in ("x", "y", "len")} & set(ops)


@pytest.mark.parametrize(("query", "lang", "expected"), [
    ("year=2565", "th", "/province/50?year=2565"),
    ("year=2567&goal=2&lang=en", "en", "/province/50?year=2567&lang=en"),
    ("", "th", "/province/50"),
])
def test_map_click_keeps_year_and_language(overview: ModuleType, query: str, lang: str,
                                           expected: str) -> None:
    click = {"points": [{"customdata": "50"}]}
    assert overview.province_clicked(click, lang, query) == expected
