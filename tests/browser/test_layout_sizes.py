"""The overview at every width from a phone to a wall screen: no legend or control lies over a
province, and nothing scrolls sideways."""
from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import LiveServer, chart_drawn, draw_chart
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

GD = "document.querySelector('#province-map .js-plotly-plot')"
DRAWN = "document.querySelectorAll('#province-map .choroplethlocation').length >= 77"

# every point on a grid over each legend of the map: does it lie inside a province's shape?
COVERED = """() => {
    const covers = [];
    const paths = [...document.querySelectorAll('#province-map .choroplethlocation')];
    const boxes = document.querySelectorAll('#province-map .legend, #province-map .colorbar');
    for (const box of boxes) {
        const r = box.getBoundingClientRect();
        for (let i = 0; i <= 10 && covers.length < 5; i += 1) {
            for (let j = 0; j <= 10; j += 1) {
                const x = r.left + r.width * i / 10, y = r.top + r.height * j / 10;
                const hit = paths.find(path => {
                    const b = path.getBoundingClientRect();
                    if (x < b.left || x > b.right || y < b.top || y > b.bottom) return false;
                    const point = new DOMPoint(x, y).matrixTransform(path.getScreenCTM().inverse());
                    return path.isPointInFill(point);
                });
                if (hit) { covers.push(box.getAttribute('class')); break; }
            }
        }
    }
    return covers;
}"""


@pytest.mark.parametrize("width", [360, 390, 768, 1024, 1366, 1920, 2560])
def test_no_legend_over_a_province_and_no_sideways_scroll(browser: Any, live_server: LiveServer,
                                                           width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 768})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        draw_chart(page, "province-map")
        _wait(page, DRAWN)
        page.mouse.move(1, 1)
        page.wait_for_timeout(500)
        assert page.evaluate(COVERED) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


MAP_BOXES = """() => {
    const box = el => { const r = el.getBoundingClientRect();
        return {left: r.left, top: r.top, width: r.width, height: r.height, bottom: r.bottom}; };
    const q = selector => document.querySelector('#province-map ' + selector);
    return {country: box(q('.choroplethlayer')), plot: box(q('.geo .bg')), colorbar: box(q('.colorbar')),
            legend: box(q('.legend')), bar_x: q('.js-plotly-plot').data[0].colorbar.x};
}"""


@pytest.mark.parametrize("metric", ["completeness", "change"])
def test_phone_map_gets_the_width_and_its_legend_goes_below(browser: Any, live_server: LiveServer,
                                                           metric: str) -> None:
    """390x844: the colour bar and legend sit under the map, which is drawn across the screen; a filter
    change (which replaces the colour bar) keeps it so."""
    width = 390
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + f"/?metric={metric}")
        draw_chart(page, "province-map")
        _wait(page, DRAWN)
        _wait(page, "document.getElementById('province-map').getAttribute('data-map-layout') === 'narrow'")
        page.wait_for_timeout(300)
        boxes = page.evaluate(MAP_BOXES)
        assert boxes["plot"]["width"] >= 0.6 * width, boxes
        assert boxes["country"]["height"] >= 300, boxes
        assert boxes["colorbar"]["top"] >= boxes["country"]["bottom"], boxes
        assert boxes["legend"]["top"] >= boxes["colorbar"]["bottom"] - 1, boxes
        page.locator("#map-metric input[value='projects']").check()
        _wait(page, f"{GD}.data[0].colorbar.tickmode === 'auto'")
        page.wait_for_timeout(300)
        _wait(page, f"!{GD}.fittingPhone")
        after = page.evaluate(MAP_BOXES)
        assert after["bar_x"] == 0 and after["colorbar"]["top"] >= after["country"]["bottom"], after
        assert after["country"]["height"] >= 300, after
    finally:
        context.close()


def test_wide_map_keeps_its_legend_beside(browser: Any, live_server: LiveServer) -> None:
    """From a tablet up the map keeps the server's layout, the colour bar to its right."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        _wait(page, DRAWN)
        _wait(page, "document.getElementById('province-map').getAttribute('data-map-layout') === 'wide'")
        boxes = page.evaluate(MAP_BOXES)
        assert boxes["colorbar"]["left"] >= boxes["country"]["left"] + boxes["country"]["width"], boxes
    finally:
        context.close()


TABLE_AND_HEATMAP = """() => {
    const table = [...document.querySelectorAll('#goal-region-table tbody tr')].map(
        row => [...row.querySelectorAll('td')].map(cell => Number(cell.textContent.replace(/,/g, ''))));
    const gd = document.querySelector('#goal-region-heatmap .js-plotly-plot');
    const z = gd ? gd.data[0].z : null;
    const visible = el => !!el && el.getClientRects().length > 0;
    return {table, heatmap: z ? z[0].map((_, goal) => z.map(region => region[goal])) : null,
            table_shown: visible(document.getElementById('goal-region-table')),
            heatmap_shown: visible(document.getElementById('goal-region-heatmap'))};
}"""


def test_phone_shows_the_heatmap_as_a_table(browser: Any, live_server: LiveServer) -> None:
    """390x844: the goal x region numbers as a table (goals down, regions across) that fits the screen,
    the same numbers as the heatmap, also after a filter change; a wide screen shows the heatmap."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/?year=2566")
        _wait(page, "document.querySelectorAll('#goal-region-table tbody tr').length === 17")
        page.locator("#goal-region-table").scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        seen = page.evaluate(TABLE_AND_HEATMAP)
        assert seen["table_shown"] and not seen["heatmap_shown"]
        assert seen["heatmap"] is None, "a phone drew the heatmap it does not show"
        assert len(seen["table"]) == 17 and all(len(row) == 6 for row in seen["table"])
        assert sum(map(sum, seen["table"])) == 742
        headers = page.eval_on_selector_all("#goal-region-table th[scope=col]",
                                            "cells => cells.map(c => c.textContent)")
        assert headers[1:] == ["ภาคเหนือ", "ภาคตะวันออกเฉียงเหนือ", "ภาคกลาง", "ภาคตะวันออก", "ภาคตะวันตก",
                               "ภาคใต้"]
        table_box = page.locator("#goal-region-table").bounding_box()
        assert table_box is not None and table_box["x"] + table_box["width"] <= 390
        page.locator("#pilot-toggle").check()
        _wait(page, "location.search.includes('pilots=1')")
        _wait(page, "document.querySelectorAll('#goal-region-table tbody tr').length === 17 && "
                    f"({TABLE_AND_HEATMAP})().table.flat().reduce((a, b) => a + b, 0) < 742")
        page.wait_for_timeout(500)
        after = page.evaluate(TABLE_AND_HEATMAP)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.set_viewport_size({"width": 1366, "height": 768})
        draw_chart(page, "goal-region-heatmap")  # shown now: drawn with the newest (filtered) figure
        _wait(page, chart_drawn("goal-region-heatmap"))
        wide = page.evaluate(TABLE_AND_HEATMAP)
        assert wide["heatmap_shown"] and not wide["table_shown"]
        assert wide["heatmap"] == after["table"]
    finally:
        context.close()
