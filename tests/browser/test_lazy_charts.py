"""plotly.js runs only where a chart is drawn: on a phone, where none of the overview's charts is near
the first screen, it is fetched when the page is idle and run when a chart comes near; on a desktop,
whose first screen shows the map, it runs with the page's other scripts. Either way the scripts start
after the first paint, and the charts draw in the page's language."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.conftest import chart_drawn, draw_chart
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

LIVE = "!!document.querySelector('#react-entry-point .page-frame')"
PLOTLY_RUN = "Array.from(document.scripts).some(s => (s.getAttribute('src') || '').includes('/plotly-sdg'))"
PREFETCHED = "!!document.querySelector('link[rel=prefetch][href*=\"/plotly-sdg\"]')"
PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}


@contextmanager
def _phone_page(browser: Any, url: str) -> Iterator[Any]:
    """A touch phone's page at `url`, once the live page is up."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(url)
        _wait(page, LIVE)
        yield page
    finally:
        context.close()


@pytest.mark.parametrize(("lang", "locale"), [("", "th"), ("&lang=en", "en")])
def test_on_a_phone_plotly_runs_when_a_chart_comes_near(browser: Any, live_server: Any, lang: str,
                                                        locale: str) -> None:
    with _phone_page(browser, f"{live_server.url}/?year=2566{lang}") as page:
        _wait(page, PREFETCHED, timeout=15)  # fetched at idle, so the chart need not wait for it
        assert page.evaluate("typeof window.Plotly") == "undefined"
        assert not page.evaluate(PLOTLY_RUN)
        # the charts wait in boxes of their own size, found as Dash's graphs are
        box = page.evaluate("(() => { const g = document.getElementById('province-map');"
                            " return [g.className, g.getBoundingClientRect().height]; })()")
        assert "dash-graph" in box[0].split() and box[1] > 300
        assert page.evaluate("document.getElementById('status-chart').children.length") == 0

        draw_chart(page, "province-map")
        assert page.evaluate("window.Plotly.react.sdgStaggered === true")  # the wrapper ran after plotly
        assert page.locator("#province-map .choroplethlocation").count() == 77
        gd = "document.querySelector('#province-map .js-plotly-plot')"
        assert page.evaluate(f"{gd}._context.locale") == locale
        # the other charts are mounted now, each still waiting to come near before it draws
        _wait(page, "document.getElementById('status-chart').children.length > 0")  # an empty box before
        assert not page.evaluate(chart_drawn("status-chart"))
        draw_chart(page, "status-chart")
        assert page.locator("#status-chart .bars .point").count() > 0


def test_on_a_phone_a_province_opened_in_place_draws_its_charts(browser: Any, live_server: Any) -> None:
    with _phone_page(browser, live_server.url + "/?year=2566") as page:
        page.evaluate("window.history.pushState({}, '', '/province/50?year=2566');"
                      "window.dispatchEvent(new PopStateEvent('popstate'))")  # what a link does
        _wait(page, "!!document.querySelector('#province-header h1')")
        graph = page.evaluate("document.querySelector('.dash-graph[id]').id")
        draw_chart(page, graph)
        assert page.evaluate("window.Plotly.react.sdgStaggered === true")


def test_printing_on_a_phone_draws_every_chart(browser: Any, live_server: Any) -> None:
    with _phone_page(browser, live_server.url + "/?year=2566") as page:
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        for graph_id in ("province-map", "status-chart", "region-chart"):
            _wait(page, chart_drawn(graph_id), timeout=20)


def test_on_a_desktop_plotly_runs_with_the_page(page: Any) -> None:
    page.goto(page.base_url + "/?year=2566")
    _wait(page, LIVE)
    assert page.evaluate(PLOTLY_RUN)
    _wait(page, chart_drawn("province-map"))  # no scrolling: the map is on the first screen
    assert not page.evaluate(PREFETCHED)


def test_the_scripts_start_after_the_first_paint(page: Any) -> None:
    """The server's copy of the page is painted before 700 KB of scripts compete with it."""
    page.goto(page.base_url + "/?year=2566")
    _wait(page, LIVE)
    painted = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    started = page.evaluate("performance.getEntriesByType('resource')"
                            ".filter(e => e.name.includes('/deps/react-dom@')).map(e => e.startTime)")
    assert started and min(started) >= painted
