"""The overview in headless Chromium against the app under gunicorn: the map draws, filters
update every view, the language switch, URL state, and no request leaves the host."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import chart_drawn, draw_all_charts, draw_chart
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

MAP_PATHS = "#province-map .choroplethlocation"
DRAWN = f"document.querySelectorAll('{MAP_PATHS}').length >= 77"


def _wait_query(page: Any, fragment: str) -> None:
    """Wait until the address bar (rewritten in place with history.replaceState) holds `fragment`."""
    _wait(page, f"window.location.search.includes({json.dumps(fragment)})")


def _open(page: Any, query: str = "") -> None:
    page.goto(page.base_url + "/" + query)
    _wait(page, DRAWN, timeout=30)


def _gd(graph_id: str) -> str:
    """JavaScript for the plotly graph div inside a dcc.Graph."""
    return f"document.querySelector('#{graph_id} .js-plotly-plot')"


def _trace(page: Any, graph_id: str, prop: str) -> Any:
    return page.evaluate(f"JSON.stringify({_gd(graph_id)}.data[0].{prop})")


def _choose(page: Any, dropdown_id: str, option: str) -> None:
    page.click(f"#{dropdown_id}")
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def _all_local(page: Any) -> None:
    host = urlsplit(page.base_url).netloc
    foreign = [u for u in page.requested_urls if urlsplit(u).scheme not in ("data", "blob")
               and urlsplit(u).netloc != host]
    assert not foreign, f"requests left the host: {foreign[:5]}"


def test_map_draws_77_provinces(page: Any, artifacts_dir: Path) -> None:
    _open(page)
    assert page.locator(MAP_PATHS).count() == 77
    assert page.locator("#goal-chart .point").count() == 17
    assert page.locator("#region-chart .point").count() == 6
    headline = page.inner_text("#overview-headlines")
    for figure in ("76 จาก 77", "742", "17 จาก 17", "15"):
        assert figure in headline
    assert "ข้อมูลตัวอย่าง" in page.inner_text("#sample-banner")
    draw_all_charts(page)  # a chart below the fold is drawn as it is scrolled to: all of them for the shot
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    shot = artifacts_dir / "overview.png"
    page.screenshot(path=str(shot), full_page=True)
    _all_local(page)


def test_goal_2_changes_map_and_charts(page: Any) -> None:
    _open(page, "?lang=en")
    hover_before = json.loads(_trace(page, "province-map", "hovertext"))
    opacity_before = json.loads(_trace(page, "goal-chart", "marker.opacity"))
    regions_before = json.loads(_trace(page, "region-chart", "x"))
    _choose(page, "goal-filter", "2 Zero Hunger")
    _wait_query(page, "goal=2")
    _wait(page,
        f"{_gd('province-map')}.data[0].hovertext[0].includes('goal 2')"
    )
    hover_after = json.loads(_trace(page, "province-map", "hovertext"))
    assert hover_after != hover_before and "Projects (goal 2)" in hover_after[40]
    assert page.locator(MAP_PATHS).count() == 77, "the patched map keeps its geometry"
    _wait(page,
        f"{_gd('goal-chart')}.data[0].marker.opacity.filter(o => o == 1).length == 1"
    )
    opacity_after = json.loads(_trace(page, "goal-chart", "marker.opacity"))
    assert opacity_after != opacity_before and opacity_after[1] == 1
    regions_after = json.loads(_trace(page, "region-chart", "x"))
    assert regions_after != regions_before and sum(regions_after) == 106
    assert "106" in page.inner_text("#headline-projects")
    page.click("#province-map")  # nothing selected under the click point must not break the page
    _all_local(page)


def test_goal_metric_recolours_map(page: Any) -> None:
    _open(page, "?goal=2&lang=en")
    page.get_by_label("Projects for selected goals").check()
    _wait_query(page, "metric=goal_projects")
    _wait(page,
        f"{_gd('province-map')}.data[0].z.reduce((a, b) => a + b, 0) == 106"
    )
    _wait(page, "document.getElementById('province-map-title').innerText.includes('Projects for goal 2')")
    assert page.locator("#province-map .gtitle").count() == 0, "the title is page text, not plotly's"


def test_bar_click_sets_filter_and_clear_resets(page: Any) -> None:
    _open(page, "?lang=en")
    bar = page.locator("#region-chart .point path").nth(0)
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    _wait_query(page, "region=north")
    assert "North" in page.inner_text("#region-filter")
    page.click("#clear-filters")
    _wait(page, "!window.location.search.includes('region')")
    assert "All regions" in page.inner_text("#region-filter")


def test_language_switch(page: Any) -> None:
    _open(page, "?goal=2")
    assert "จังหวัดที่ส่งแผน" in page.inner_text("#overview-headlines")
    page.click("#lang-toggle")
    _wait(page, "document.getElementById('overview-headlines').innerText.includes('reported')")
    _wait(page, DRAWN)
    assert "lang=en" in page.url and "goal=2" in page.url
    assert "Provinces that reported" in page.inner_text("#overview-headlines")
    assert "Plan components" in page.inner_text("#province-map")
    assert "Projects per SDG goal" in page.inner_text("#goal-chart-title")
    assert "Sample data" in page.inner_text("#sample-banner")
    assert "2 Zero Hunger" in page.inner_text("#goal-filter")
    page.click("#lang-toggle")
    _wait(page, "document.getElementById('overview-headlines').innerText.includes('จังหวัดที่ส่งแผน')")
    assert "lang=en" not in page.url
    _all_local(page)


def test_url_restores_filters(page: Any) -> None:
    _open(page, "?year=2566&goal=2&region=north&lang=en")
    assert "FY2566 (2023)" in page.inner_text("#year-filter")
    assert "2 Zero Hunger" in page.inner_text("#goal-filter")
    assert "North" in page.inner_text("#region-filter")
    assert page.url.endswith("/?year=2566&goal=2&region=north&lang=en")
    regions = json.loads(_trace(page, "region-chart", "marker.opacity"))
    assert regions[0] == 1 and regions.count(1) == 1


def test_unknown_url_values_fall_back(page: Any) -> None:
    _open(page, "?goal=abc&year=-1&region=%3Cscript%3E&lang=xx")
    assert "ทุกเป้าหมาย" in page.inner_text("#goal-filter")
    assert "742" in page.inner_text("#headline-projects")


def test_map_click_opens_province(page: Any) -> None:
    _open(page, "?lang=en")
    page.evaluate(
        """() => {
            const gd = document.querySelector('#province-map .js-plotly-plot');
            const i = gd.data[0].locations.indexOf('50');
            const path = document.querySelectorAll('#province-map .choroplethlocation')[i];
            const box = path.getBoundingClientRect();
            window.__target = [box.x + box.width / 2, box.y + box.height / 2];
        }"""
    )
    x, y = page.evaluate("window.__target")
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/province/50\?year=2566&lang=en$"))  # the overview's year is kept


def test_each_charts_first_drawing_is_a_task_of_its_own(page: Any) -> None:
    """assets/staggered-draws.js must load after plotly.js to wrap Plotly.react: otherwise the map and
    five charts draw in one long task in which the page ignores input."""
    _open(page)
    assert page.evaluate("() => window.Plotly.react.sdgStaggered === true")
    draw_all_charts(page)  # the lowest wait until scrolled near
    assert page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length") >= 6


def test_a_chart_far_below_is_drawn_when_it_comes_near(browser: Any, live_server: Any) -> None:
    """412x823 phone: the status chart, screens below the top, is not drawn at load (plotly's drawing
    of charts nobody sees cost seconds of a slow phone's time); scrolled to, it is drawn with its bars;
    printing draws every chart first, so the paper shows them all."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        draw_chart(page, "province-map")
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(1500)  # time for any chart that would draw at load
        assert not page.evaluate("!!document.querySelector('#status-chart .main-svg')")
        assert not page.evaluate("!!document.querySelector('#trend-chart .main-svg')")
        assert page.evaluate(chart_drawn("province-map"))

        draw_chart(page, "status-chart")
        assert page.locator("#status-chart .bars .point").count() > 0
        assert page.evaluate("!!document.querySelector('#status-chart .main-svg')")

        page.evaluate("window.scrollTo(0, 0)")
        shown = page.evaluate("Array.from(document.querySelectorAll('.dash-graph[id]')).map(g => g.id)")
        undrawn = [graph_id for graph_id in shown if not page.evaluate(chart_drawn(graph_id))]
        assert undrawn, "every chart was drawn although some were never near the screen"
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        for graph_id in shown:
            _wait(page, chart_drawn(graph_id), timeout=10)
        assert page.locator("#region-chart .point").count() == 6
    finally:
        context.close()
