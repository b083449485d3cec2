"""Change over fiscal years in headless Chromium against the app under gunicorn: the year switch moves
every view, the change map draws 77 provinces with its legend classes, a province's history, and a map
click that keeps the overview's year."""
from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.conftest import draw_all_charts
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

MAP_PATHS = "#province-map .choroplethlocation"
DRAWN = f"document.querySelectorAll('{MAP_PATHS}').length >= 77"


def _gd(graph_id: str) -> str:
    return f"document.querySelector('#{graph_id} .js-plotly-plot')"


def _open(page: Any, query: str = "") -> None:
    page.goto(page.base_url + "/" + query)
    _wait(page, DRAWN, timeout=30)


def _title(page: Any, graph_id: str) -> str:
    """The chart's title as the page shows it: the heading above the plot."""
    return str(page.inner_text(f"#{graph_id}-title"))


def test_year_switch_moves_every_view(page: Any) -> None:
    _open(page, "?lang=en")
    draw_all_charts(page)  # the lower charts are drawn when scrolled near, as a reader would
    assert page.inner_text("#headline-complete") == "7"
    assert page.inner_text("#headline-complete-change") == "+3 since 2565"
    before = {g: _title(page, g) for g in ("province-map", "goal-chart", "region-chart", "status-chart")}
    assert all("FY2566" in title for title in before.values())
    assert "FY2565–2567" in _title(page, "trend-chart")
    page.click("#year-filter")
    page.get_by_role("option", name="FY2567 (2024)", exact=True).click()
    _wait(page, "window.location.search.includes('year=2567')")
    _wait(page, "document.querySelector('#headline-complete-change').innerText.includes('since 2566')")
    for graph_id in before:
        _wait(page, f"document.getElementById('{graph_id}-title').innerText.includes('FY2567')")
        assert "FY2567" in page.inner_text(f"#{graph_id}-subtitle")
    assert page.inner_text("#headline-complete") == "16"
    assert page.inner_text("#headline-projects") == "864"
    statuses = page.evaluate(f"{_gd('status-chart')}.data[0].x")
    assert sum(statuses) == 864
    page.click("#year-filter")
    page.get_by_role("option", name="FY2565 (2022)", exact=True).click()
    _wait(page, "document.querySelector('#headline-complete-change').innerText === 'Nothing to compare'")


def test_change_map_draws_77_provinces_with_its_legend_classes(page: Any) -> None:
    _open(page, "?metric=change&lang=en")
    assert page.locator(MAP_PATHS).count() == 77
    assert page.is_checked("#map-metric input[value='change']")
    ticks = page.evaluate(f"{_gd('province-map')}.data[0].colorbar.ticktext")
    assert {"Not assessed", "No plan either year", "New this year", "0 (unchanged)", "+1", "−1"} <= set(ticks)
    drawn = page.eval_on_selector_all("#province-map .cbaxis text, #province-map .colorbar text",
                                      "nodes => nodes.map(n => n.textContent)")
    assert "New this year" in drawn and "Not assessed" in drawn  # the legend shows the classes
    z = page.evaluate(f"{_gd('province-map')}.data[0].z")
    assert len(z) == 77 and z.count(-7) == 1 and z.count(5) == 8  # Bangkok; eight new plans
    assert "since 2565" in _title(page, "province-map")


def test_province_history_lists_every_year(page: Any) -> None:
    page.goto(page.base_url + "/province/30?year=2567&lang=en")
    _wait(page, "document.querySelector('#province-history') !== null", timeout=30)
    rows = page.eval_on_selector_all(
        "#province-history tbody tr",
        "rows => rows.map(r => [r.dataset.year, r.getAttribute('aria-current')])")
    assert rows == [["2565", None], ["2566", None], ["2567", "true"]]
    cells = page.inner_text("#province-history tbody tr[aria-current='true']")
    assert "/4" in cells and "THB" in cells
    assert "Progress since the previous year:" in page.inner_text("#province-history")


def test_map_click_from_2565_opens_the_province_in_2565(page: Any) -> None:
    _open(page, "?year=2565")
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
    page.wait_for_url(re.compile(r"/province/50\?year=2565$"))
    _wait(page, "document.querySelector('#province-history tr[aria-current]') !== null", timeout=30)
    current = "document.querySelector('#province-history tr[aria-current]')"
    assert page.evaluate(f"{current}.dataset.year") == "2565"
    nav = page.get_attribute("#nav-overview", "href")
    assert nav == "/?year=2565", json.dumps(nav)


def test_pilots_table_sorts_by_keyboard(page: Any) -> None:
    page.goto(page.base_url + "/pilots?lang=en")
    _wait(page, "document.querySelector('#pilots-table tbody tr') !== null", timeout=30)
    button = "#pilots-sort-projects"
    header = f"th:has({button})"
    assert page.get_attribute(header, "aria-sort") == "none"
    page.focus(button)
    page.keyboard.press("Enter")
    _wait(page, f"document.querySelector(`{header}`).getAttribute('aria-sort') === 'ascending'")
    _wait(page, "document.activeElement && document.activeElement.id === 'pilots-sort-projects'")
    counts = page.eval_on_selector_all("#pilots-table tbody tr td:nth-child(6)",
                                       "cells => cells.map(c => Number(c.innerText.replace(/,/g, '')))")
    assert counts == sorted(counts) and len(counts) == 15
    page.keyboard.press("Enter")
    _wait(page, f"document.querySelector(`{header}`).getAttribute('aria-sort') === 'descending'")
    assert "Change since previous year" in page.inner_text("#pilots-table thead")
