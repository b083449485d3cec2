"""The app works under its own Content-Security-Policy: in Chromium the overview map draws, a filter
updates it, the province page's grid and district map render, and the browser reports no CSP
violation (a `securitypolicyviolation` listener is installed before any page script runs)."""
from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import draw_chart, show_grid, wait_until

pytestmark = pytest.mark.browser

MAP_PATHS = "#province-map .choroplethlocation"
MAP_TITLE = "document.getElementById('province-map-title')?.textContent || ''"
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile);
});
"""


@pytest.fixture
def watched(page: Any) -> tuple[Any, list[str]]:
    """The page with CSP violations recorded in the page and CSP console messages collected."""
    console: list[str] = []
    page.add_init_script(LISTEN)
    page.on("console", lambda msg: console.append(msg.text)
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text else None)
    return page, console


def violations(page: Any, console: list[str]) -> list[str]:
    return [*page.evaluate("window.__cspViolations || []"), *console]


def test_overview_map_and_filter_work_under_the_csp(watched: tuple[Any, list[str]]) -> None:
    page, console = watched
    response = page.goto(page.base_url + "/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-eval'" not in csp

    wait_until(page, f"document.querySelectorAll('{MAP_PATHS}').length >= 77")
    title_before = page.evaluate(MAP_TITLE)
    page.locator("#map-metric label").nth(1).click()  # colour the map by project count
    wait_until(page, f"{MAP_TITLE} !== {title_before!r} && {MAP_TITLE} !== ''")
    assert page.locator(MAP_PATHS).count() == 77
    wait_until(page, "location.search.includes('metric=projects')")  # assets/overview.js ran too

    assert violations(page, console) == []


def test_province_page_grid_and_district_map_under_the_csp(watched: tuple[Any, list[str]]) -> None:
    page, console = watched
    page.goto(page.base_url + "/province/50")
    show_grid(page)
    wait_until(page, "document.querySelectorAll('#projects-grid .ag-row').length > 0")
    draw_chart(page, "district-map")
    wait_until(page, "document.querySelectorAll('#district-map .choroplethlocation').length > 0")
    assert violations(page, console) == []


def test_inline_script_is_blocked(watched: tuple[Any, list[str]]) -> None:
    """The policy is live, not decorative: a script the app did not ship is refused."""
    page, console = watched
    page.goto(page.base_url + "/")
    wait_until(page, f"document.querySelectorAll('{MAP_PATHS}').length >= 77")
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true;';
        document.body.appendChild(s);
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__injected === true") is False
    assert any("script-src" in v for v in violations(page, console))


@pytest.mark.parametrize("path", ["/pilots", "/?present=1", "/province/10?lang=en", "/no-such-page"])
def test_other_pages_render_without_violations(watched: tuple[Any, list[str]], path: str) -> None:
    page, console = watched
    page.goto(page.base_url + path)
    wait_until(page, "!!document.querySelector('#site-footer')")
    wait_until(page, "[...document.querySelectorAll('.js-plotly-plot')].every((g) => g._fullLayout)")
    page.wait_for_timeout(1000)  # late async chunks (grid, dropdowns) load and run too
    assert violations(page, console) == []
