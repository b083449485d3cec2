"""On a phone the charts' captions (sample notice, source, credit) wrap inside the screen: plotly
draws them as one-line SVG text, so there they are shown as page text under each chart instead; on a
wider screen the chart keeps its own caption lines."""
from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.browser

CAPTIONED = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .filter(gd => (gd.layout.annotations || []).some(a => a.name === 'export-caption'))
    .map(gd => {
        const lines = gd.layout.annotations.filter(a => a.name === 'export-caption');
        const graph = gd.closest('.dash-graph') || gd.parentElement;
        const box = graph.nextElementSibling && graph.nextElementSibling.classList.contains('phone-caption')
            ? graph.nextElementSibling : null;
        const rect = box ? box.getBoundingClientRect() : null;
        return {id: graph.id, svgShown: lines.filter(a => a.visible !== false).length, lines: lines.length,
                boxLines: box ? [...box.children].map(d => d.textContent) : null,
                boxRight: rect ? rect.right : null, boxWidth: rect ? rect.width : null,
                boxScroll: box ? box.scrollWidth - box.clientWidth : null};
    })"""
READY = ("!!document.querySelector('#site-footer')"
         " && document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2"
         " && [...document.querySelectorAll('.js-plotly-plot')].every(g => g.querySelector('.main-svg'))")


@pytest.mark.parametrize("path", ["/", "/?lang=en", "/province/50?lang=en"])
def test_captions_wrap_under_the_charts_on_a_phone(browser: Any, live_server: Any, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(live_server.url + path)
        wait_until(page, READY, timeout=40)
        wait_until(page, "[...document.querySelectorAll('.phone-caption')].length >= 2", timeout=20)
        charts = page.evaluate(CAPTIONED)
        assert len(charts) >= 2
        for chart in charts:
            assert chart["svgShown"] == 0, f"{chart['id']}: SVG caption lines still drawn on a phone"
            assert chart["boxLines"] and len(chart["boxLines"]) == chart["lines"], chart
            assert chart["boxRight"] <= 390 and chart["boxScroll"] <= 0, f"{chart['id']} caption overflows"
            assert any("ตัวอย่าง" in line or "Sample" in line or "sample" in line for line in chart["boxLines"])
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_wide_screens_keep_the_charts_own_caption_lines(page: Any) -> None:
    page.goto(page.base_url + "/")
    wait_until(page, READY, timeout=40)
    page.wait_for_load_state("networkidle")
    charts = page.evaluate(CAPTIONED)
    assert charts and all(c["svgShown"] == c["lines"] and c["boxLines"] is None for c in charts), charts
