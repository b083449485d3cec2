"""The overview at every width from a phone to a wall screen: no legend or control lies over a
province, and nothing scrolls sideways."""
from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import LiveServer
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

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
        _wait(page, DRAWN)
        page.locator("#province-map").scroll_into_view_if_needed()
        page.mouse.move(1, 1)
        page.wait_for_timeout(500)
        assert page.evaluate(COVERED) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
