"""Pages download only the component libraries they draw: the overview never asks for the grid's
bundle, a province page fetches it and draws its grid, opened directly or from the overview's map."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import show_grid
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

MAP_DRAWN = "document.querySelectorAll('#province-map .choroplethlocation').length >= 77"
GRID_ROWS = ("!!document.querySelector(\"#projects-grid .ag-row[row-index='0'] [col-id='project_id']\")"
             " && document.querySelector(\"#projects-grid .ag-row[row-index='0'] [col-id='project_id']\")"
             ".innerText.trim() !== ''")


def _bundles(page: Any, library: str) -> list[str]:
    prefix = f"/_dash-component-suites/{library}/"
    return [u for u in page.requested_urls if urlsplit(u).path.startswith(prefix)]


def test_overview_never_requests_the_grid_or_the_table(page: Any) -> None:
    page.goto(page.base_url + "/?goal=3")
    _wait(page, MAP_DRAWN)
    page.wait_for_load_state("networkidle")
    assert _bundles(page, "dash_ag_grid") == []
    assert not [u for u in page.requested_urls if "/dash_table/" in u]
    assert page.locator("#province-map .choroplethlocation").count() == 77


def test_province_page_opened_directly_draws_its_grid(page: Any) -> None:
    page.goto(page.base_url + "/province/50")
    show_grid(page)
    _wait(page, GRID_ROWS)
    assert len(_bundles(page, "dash_ag_grid")) >= 1
    # the real library has replaced the stand-in
    assert page.evaluate("typeof window.dash_ag_grid.getApi") == "function"


def test_province_page_opened_from_the_overview_draws_its_grid(page: Any) -> None:
    page.goto(page.base_url + "/")
    _wait(page, MAP_DRAWN)
    assert _bundles(page, "dash_ag_grid") == []
    page.evaluate("window.history.pushState({}, '', '/province/50');"
                  "window.dispatchEvent(new PopStateEvent('popstate'))")  # what dcc.Link does
    show_grid(page)
    _wait(page, GRID_ROWS)
    assert len([u for u in _bundles(page, "dash_ag_grid") if "/dash_ag_grid/dash_ag_grid." in u]) == 1
    assert page.evaluate("location.pathname") == "/province/50"


PAGE_DRAWN = "!!document.querySelector('#province-header h1') && !!document.getElementById('projects-grid')"


def test_the_grid_is_set_up_only_when_it_comes_near(page: Any) -> None:
    """The projects grid lies screens below the top of a province page: its library runs and the grid
    is set up when scrolling brings it near (as a reader reaches it), not at load."""
    page.goto(page.base_url + "/province/50")
    _wait(page, PAGE_DRAWN)
    page.wait_for_timeout(1500)  # time for anything that would set the grid up at load
    assert page.evaluate("typeof window.dash_ag_grid.getApi") == "undefined"  # still the stand-in
    assert not page.evaluate("!!document.querySelector('#projects-grid .ag-root')")
    height = page.evaluate("document.getElementById('projects-grid').getBoundingClientRect().height")
    assert height > 300  # the waiting box keeps the grid's size: nothing moves when it is set up
    page.focus("#province-grid-search")  # the search box just above it, as a keyboard user reaches it
    _wait(page, GRID_ROWS)
    assert page.evaluate("typeof window.dash_ag_grid.getApi") == "function"


def test_printing_sets_the_grid_up(page: Any) -> None:
    page.goto(page.base_url + "/province/50")
    _wait(page, PAGE_DRAWN)
    page.wait_for_timeout(500)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    _wait(page, GRID_ROWS)
