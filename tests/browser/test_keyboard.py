"""Keyboard and screen-reader behaviour in headless Chromium: the document's language and title follow
the page, a skip link comes first, focus is visible and lands on the new page's heading, one <h1> and
one contentinfo per page, and Tab leaves the projects grid."""
from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import draw_all_charts, show_grid
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

FRAME = "!!document.querySelector('.page-frame')"


def _open(page: Any, path: str) -> None:
    page.goto(page.base_url + path)
    _wait(page, FRAME)


def _luminance(rgb: tuple[int, int, int]) -> float:
    linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(css: str) -> tuple[int, int, int]:
    parts = css[css.index("(") + 1:css.index(")")].split(",")
    return int(float(parts[0])), int(float(parts[1])), int(float(parts[2]))


FOCUS_RING = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    let bg = null;
    for (let node = el.parentElement; node && !bg; node = node.parentElement) {
        const c = getComputedStyle(node).backgroundColor;
        if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') bg = c;
    }
    return {id: el.id, cls: el.className, width: parseFloat(style.outlineWidth), style: style.outlineStyle,
            color: style.outlineColor, background: bg || 'rgb(255, 255, 255)'};
}"""


@pytest.mark.parametrize("path,lang,title", [
    ("/", "th", "ภาพรวม SDGs ระดับจังหวัด"),
    ("/?lang=en", "en", "Provincial SDGs overview"),
    ("/province/50?lang=en", "en", "Chiang Mai · Provincial SDGs"),
    ("/pilots", "th", "จังหวัดนำร่อง SDGs Localization"),
])
def test_document_language_and_title_follow_the_page(page: Any, path: str, lang: str, title: str) -> None:
    _open(page, path)
    _wait(page, f"document.title === {title!r}")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("h1").count() == 1
    assert page.locator("footer, [role=contentinfo]").count() == 1


def test_language_switch_updates_lang_title_and_focuses_heading(page: Any) -> None:
    _open(page, "/province/50")
    _wait(page, "document.title.startsWith('เชียงใหม่')")
    page.click("#lang-toggle")
    _wait(page, "document.documentElement.lang === 'en' && document.title.startsWith('Chiang Mai')")
    _wait(page, "document.activeElement && document.activeElement.tagName === 'H1'")
    assert page.evaluate("document.activeElement.innerText") == "Chiang Mai"


def test_skip_link_is_first_and_moves_focus_to_main(page: Any) -> None:
    _open(page, "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    assert page.evaluate("location.hash") == ""


@pytest.mark.parametrize("selector", ["#lang-toggle", "#nav-pilots", "#clear-filters", "#export-slides"])
def test_focus_ring_is_thick_and_contrasting(page: Any, selector: str) -> None:
    _open(page, "/")
    _wait(page, f"!!document.querySelector('{selector}')")
    page.focus(selector)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    ring = page.evaluate(FOCUS_RING)
    assert ring["id"] == selector[1:]
    assert ring["style"] != "none" and ring["width"] >= 2, ring
    assert _contrast(_rgb(ring["color"]), _rgb(ring["background"])) >= 3, ring


def test_dropdown_is_one_named_tab_stop(page: Any) -> None:
    _open(page, "/?goal=2,3&lang=en")
    _wait(page, "!!document.querySelector('#goal-filter[aria-label]')")
    page.focus("#year-filter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "goal-filter"
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert name.startswith("SDG goals") and "Zero Hunger" in name and "Good Health" in name
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "region-filter"


def test_tab_leaves_the_projects_grid(page: Any) -> None:
    _open(page, "/province/50")
    show_grid(page)
    cell = "#projects-grid .ag-row[row-index='0'] [col-id='title']"
    found = f"document.querySelector(\"{cell}\")"
    _wait(page, f"!!{found} && {found}.innerText.trim() !== ''")
    grid = "document.querySelector('#projects-grid [role=grid], #projects-grid [role=treegrid]')"
    assert page.evaluate(f"{grid}.getAttribute('aria-labelledby')") == "projects-grid-title"
    page.click(cell)
    assert page.evaluate("!!document.activeElement.closest('#projects-grid')")
    page.keyboard.press("Tab")
    assert not page.evaluate("!!document.activeElement.closest('#projects-grid')"), "Tab stayed in the grid"


@pytest.mark.parametrize("path,title", [("/", "ดาวน์โหลดภาพ (PNG)"), ("/?lang=en", "Download plot as a PNG"),
                                        ("/province/50", "ดาวน์โหลดภาพ (PNG)")])
def test_chart_toolbar_is_one_button_in_the_pages_language(page: Any, path: str, title: str) -> None:
    _open(page, path)
    draw_all_charts(page)
    _wait(page, "document.querySelectorAll('.modebar-btn').length > 0")
    graphs = page.locator(".js-plotly-plot:has(.modebar-btn)").count()
    titles = page.eval_on_selector_all(".modebar-btn", "bs => bs.map(b => b.getAttribute('data-title'))")
    assert len(titles) == graphs and set(titles) == {title}
