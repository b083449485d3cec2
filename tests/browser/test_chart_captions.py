"""A chart's caption lines (sample notice, source, credit) are page text under the chart on every
screen, so they wrap inside a phone (plotly draws no caption lines of its own). On a phone the map's
layout is part of its one drawing, not a relayout that draws it again."""
from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.conftest import draw_all_charts, wait_until

pytestmark = pytest.mark.browser

CAPTIONED = """() => [...document.querySelectorAll('.chart')].filter(chart => chart.getClientRects().length)
    .map(chart => {
        const gd = chart.querySelector('.js-plotly-plot');
        const box = chart.querySelector('.chart-caption');
        const rect = box.getBoundingClientRect();
        return {id: chart.querySelector('.dash-graph').id,
                svgLines: gd ? (gd.layout.annotations || []).filter(a => a.name === 'export-caption').length
                             : null,
                boxLines: box.textContent.split('\\n'),
                boxRight: rect.right, boxScroll: box.scrollWidth - box.clientWidth};
    })"""
READY = ("!!document.querySelector('#site-footer')"
         " && document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2"
         " && [...document.querySelectorAll('.js-plotly-plot')].every(g => g.querySelector('.main-svg'))")


def _ready(page: Any) -> None:
    """Every chart drawn: those below the fold are drawn as they are scrolled to."""
    wait_until(page, "!!document.querySelector('#site-footer')", timeout=40)
    draw_all_charts(page)
    wait_until(page, READY, timeout=40)


def _captions(page: Any, width: int) -> list[dict[str, Any]]:
    """Every shown chart's caption lines: page text inside the screen, none drawn in the plot."""
    charts = page.evaluate(CAPTIONED)
    assert len(charts) >= 2
    for chart in charts:
        assert chart["svgLines"] == 0, f"{chart['id']}: caption lines drawn in the plot"
        assert chart["boxRight"] <= width and chart["boxScroll"] <= 0, f"{chart['id']} caption overflows"
        assert any("ตัวอย่าง" in line or "Sample" in line or "sample" in line for line in chart["boxLines"])
    return charts


@pytest.mark.parametrize("path", ["/", "/?lang=en", "/province/50?lang=en"])
def test_captions_wrap_under_the_charts_on_a_phone(browser: Any, live_server: Any, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(live_server.url + path)
        _ready(page)
        charts = _captions(page, 390)
        maps = [c for c in charts if c["id"] in ("province-map", "district-map")]
        assert maps and all(len(c["boxLines"]) == 2 for c in maps), "a map credits its boundaries"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


# Every drawing call plotly gets, from the page's start: an init script (which the CSP does not block)
# wraps plotly's functions as plotly.js defines window.Plotly, before assets/staggered-draws.js wraps
# react, so a react counted here is a real drawing.
COUNT_DRAWS = """(() => {
    window.plotlyCalls = [];
    const chart = gd => {
        const graph = gd && gd.closest && (gd.closest('.dash-graph') || gd.parentElement);
        return graph ? graph.id : '';
    };
    let plotly;
    Object.defineProperty(window, 'Plotly', {configurable: true, get: () => plotly, set: value => {
        plotly = value;
        if (!value || value.countedForTest) return;
        value.countedForTest = true;
        for (const name of ['react', 'relayout', 'restyle']) {
            const original = value[name];
            value[name] = function (gd, update) {
                window.plotlyCalls.push({call: name, chart: chart(gd),
                                         keys: name === 'react' ? [] : Object.keys(update || {})});
                return original.apply(this, arguments);
            };
        }
    }});
})();"""
MAP_GD = "document.querySelector('#province-map .js-plotly-plot')"
MAP_IS = "document.getElementById('province-map').getAttribute('data-map-layout') === '{}'"
MAP_STATE = """() => {
    const gd = document.querySelector('#province-map .js-plotly-plot');
    const box = el => el.getBoundingClientRect();
    const q = selector => document.querySelector('#province-map ' + selector);
    return {layout: document.getElementById('province-map').getAttribute('data-map-layout'),
            domain_x: gd._fullLayout.geo.domain.x, domain_y: gd._fullLayout.geo.domain.y,
            legend_x: gd._fullLayout.legend.x, bar_x: gd._fullData[0].colorbar.x,
            bar_top: box(q('.colorbar')).top, map_bottom: box(q('.choroplethlayer')).bottom,
            map_height: box(q('.choroplethlayer')).height, wide: gd.wideLayout,
            box_height: document.getElementById('province-map').style.height};
}"""


def _drawn_once(page: Any, charts: list[dict[str, Any]]) -> None:
    """Each chart got one react since the last look, and nothing relayouted or restyled it."""
    calls = page.evaluate("window.plotlyCalls.splice(0)")
    reacts = Counter(call["chart"] for call in calls if call["call"] == "react")
    assert {chart["id"] for chart in charts} | {"province-map"} <= set(reacts), calls
    assert all(count == 1 for count in reacts.values()), reacts
    redraws = [call for call in calls if call["call"] != "react"]
    assert redraws == [], f"drawn again after react: {redraws}"


def _phone_state(page: Any) -> list[dict[str, Any]]:
    charts = _captions(page, 412)
    assert len(charts) >= 5
    shown = page.evaluate(MAP_STATE)
    assert shown["layout"] == "narrow" and shown["domain_x"] == [0, 1] and shown["domain_y"][0] > 0, shown
    assert shown["bar_x"] == 0 and shown["legend_x"] == 0, shown
    assert shown["bar_top"] >= shown["map_bottom"] and shown["map_height"] >= 300, shown
    return charts


def test_a_phone_draws_each_chart_once(browser: Any, live_server: Any) -> None:
    """412 px: the phone's map layout is part of the map's one drawing, at page load and after a
    filter change (the server's Patch brings the colour bar back), and no chart is relayouted to
    draw it a second time (each a long task on a phone)."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True)
    context.add_init_script(COUNT_DRAWS)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        _ready(page)
        wait_until(page, MAP_IS.format("narrow"))
        page.wait_for_timeout(1000)  # time for any second drawing to start
        charts = _phone_state(page)
        _drawn_once(page, charts)
        wide = page.evaluate(MAP_STATE)["wide"]  # the server's placement, kept for a wider screen
        assert wide["bar"]["colorbar.x"] == 1 and wide["layout"]["legend.x"] == 1, wide
        assert wide["layout"]["geo.domain.y"] is None, wide
        assert wide["height"] != page.evaluate(MAP_STATE)["box_height"], wide

        page.locator("#map-metric input[value='projects']").check()
        wait_until(page, f"{MAP_GD}.data[0].colorbar.tickmode === 'auto'")
        page.wait_for_timeout(1000)
        _drawn_once(page, _phone_state(page))
        assert page.evaluate(MAP_STATE)["wide"] == wide
    finally:
        context.close()


def test_turning_a_phone_switches_the_map(browser: Any, live_server: Any) -> None:
    """Wider than a phone the server's map layout comes back, and on a phone again it goes; the
    caption lines stay page text under the charts either way."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        _ready(page)
        wait_until(page, MAP_IS.format("narrow"))
        narrow_height = page.evaluate(MAP_STATE)["box_height"]
        page.set_viewport_size({"width": 1366, "height": 768})
        wait_until(page, MAP_IS.format("wide"))
        page.wait_for_timeout(500)
        _captions(page, 1366)
        shown = page.evaluate(MAP_STATE)
        assert shown["bar_x"] == 1 and shown["legend_x"] == 1 and shown["domain_y"] == [0, 1], shown
        assert shown["box_height"] == shown["wide"]["height"] != narrow_height, shown
        page.set_viewport_size({"width": 412, "height": 915})
        wait_until(page, MAP_IS.format("narrow"))
        page.wait_for_timeout(500)
        _phone_state(page)
        assert page.evaluate(MAP_STATE)["box_height"] == narrow_height
    finally:
        context.close()


def test_wide_screens_show_the_same_caption_lines(page: Any) -> None:
    page.goto(page.base_url + "/")
    _ready(page)
    page.wait_for_load_state("networkidle")
    charts = _captions(page, 1600)
    assert len({tuple(c["boxLines"][:1]) for c in charts}) == 1, "one source line under every chart"
