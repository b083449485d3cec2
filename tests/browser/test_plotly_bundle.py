"""The dashboard's own plotly.js bundle (assets/plotly-sdg.min.js, built by scripts/plotly-bundle) is
the one the pages use, and it holds every trace type any page draws."""
from __future__ import annotations

from typing import Any

import pytest
from plotly.offline import get_plotlyjs_version

from tests.conftest import draw_all_charts, wait_until

pytestmark = pytest.mark.browser

# Every page kind with every figure it has: the overview's four, a pilot's goal mix, district map
# and timeline, and the pilots page.
PAGES = {
    "/": "#province-map .choroplethlocation",
    "/province/50": "#district-map .choroplethlocation",
    "/pilots": "#pilots-table",
}

UNREGISTERED_JS = """() => {
    const known = new Set(Object.keys(window.Plotly.PlotSchema.get().traces));
    const graphs = Array.from(document.querySelectorAll('.js-plotly-plot'));
    const drawn = graphs.flatMap(gd => gd.data.map(trace => trace.type || 'scatter'));
    return {graphs: graphs.length, drawn: drawn.length, missing: drawn.filter(type => !known.has(type))};
}"""


@pytest.mark.parametrize(("path", "ready"), PAGES.items())
def test_pages_draw_with_the_bundled_plotly(page: Any, path: str, ready: str) -> None:
    page.goto(page.base_url + path)
    if path != "/pilots":  # every chart, drawn as it is scrolled to
        wait_until(page, "document.querySelectorAll('#react-entry-point .dash-graph[id]').length >= 3")
        draw_all_charts(page)
    wait_until(page, f"document.querySelectorAll('{ready}').length > 0")
    page.wait_for_load_state("networkidle")
    fetched = [url for url in page.requested_urls if "plotly" in url]
    if path == "/pilots":  # no chart: plotly.js is only fetched for the next page, never run
        assert page.evaluate("typeof window.Plotly") == "undefined"
    else:
        assert page.evaluate("window.Plotly.version") == get_plotlyjs_version()
        found = page.evaluate(UNREGISTERED_JS)
        assert found["graphs"] >= 3 and found["drawn"] >= 3
        assert found["missing"] == [], f"trace types missing from the bundle: {found['missing']}"
    assert fetched and all(url.split("?")[0].endswith("/assets/plotly-sdg.min.js") for url in fetched), (
        f"the page loaded another plotly.js: {fetched}")
