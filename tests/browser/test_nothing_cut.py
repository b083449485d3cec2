"""No label or title is cut at the widths of a phone, a laptop, a common office screen and a full-HD
monitor: every text of every chart lies inside its chart (goal labels, axis titles, legends,
captions), every chart's title and filters line inside its card, and the projects table's column
headings show in full."""
from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import LiveServer, draw_all_charts
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

PAGES = ("/?year=2566", "/?year=2566&lang=en&metric=change&goal=13", "/province/50?year=2566",
         "/province/10?year=2566&lang=en")

CUT = """() => {
    const cut = [];
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
        if (!gd.getClientRects().length) continue;
        const svg = gd.querySelector('svg.main-svg');
        const frame = svg.getBoundingClientRect();
        const chart = (gd.closest('[id]') || {}).id;
        for (const text of gd.querySelectorAll('svg text')) {
            const box = text.getBoundingClientRect();
            if (!text.textContent.trim() || !box.width || text.closest('.hoverlayer')) continue;
            if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5
                || box.bottom > frame.bottom + 0.5) {
                const left = Math.round(box.left - frame.left), right = Math.round(frame.right - box.right);
                cut.push(`${chart}: "${text.textContent.slice(0, 50)}" (${left} px from the left edge, `
                         + `${right} px from the right)`);
            }
        }
    }
    for (const heading of document.querySelectorAll('.chart-title, .chart-subtitle')) {
        const card = heading.closest('.card').getBoundingClientRect(), box = heading.getBoundingClientRect();
        if (heading.getClientRects().length && (heading.scrollWidth > heading.clientWidth + 1
                                                 || box.right > card.right + 0.5)) {
            const needs = heading.scrollWidth, has = heading.clientWidth;
            cut.push(`"${heading.textContent.slice(0, 50)}": ${needs} px in ${has} px`);
        }
    }
    for (const label of document.querySelectorAll('.ag-header-cell-text')) {
        if (label.scrollWidth > label.clientWidth + 1) {
            const needs = label.scrollWidth, has = label.clientWidth;
            cut.push(`grid heading "${label.textContent}": ${needs} px in ${has} px`);
        }
    }
    return cut;
}"""


@pytest.mark.parametrize("width", [412, 1024, 1366, 1920])
def test_no_label_or_title_is_cut(browser: Any, live_server: LiveServer, width: int) -> None:
    phone = width < 576
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    cut: dict[str, list[str]] = {}
    try:
        for path in PAGES:
            page.goto(live_server.url + path)
            _wait(page, "document.querySelectorAll('#react-entry-point .dash-graph[id]').length >= 2")
            if path.startswith("/province/"):
                page.locator("#projects-grid").scroll_into_view_if_needed()
                shown = 3 if phone else 7  # the grid draws the columns in view (a phone scrolls across)
                _wait(page, f"document.querySelectorAll('#projects-grid .ag-header-cell-text').length"
                            f" >= {shown}")
            draw_all_charts(page)  # every shown chart, not only those near the top
            page.wait_for_timeout(500)
            found = page.evaluate(CUT)
            if found:
                cut[path] = found
    finally:
        context.close()
    assert not cut, cut
