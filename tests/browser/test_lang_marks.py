"""English inside Thai pages is marked `lang="en"` from the first render (not only after the language
switch), so a screen reader reads "Chiang Mai" or "Profile + Survey" with an English voice; and the
grid's own words (its pagination bar) are Thai."""
from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import show_grid
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

# Elements whose own text is wholly English: a word of two or more Latin letters and no Thai letter.
# Codes and numbers with a single letter ("2.c", a target) are not words; acronyms inside a Thai
# sentence ("SDGs", "UNDP") share the element with Thai and are read within the Thai sentence.
UNMARKED = """() => {
    const found = [];
    for (const el of document.querySelectorAll('body *')) {
        if (['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
        let own = '';
        for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE) own += node.nodeValue;
        if (!/[A-Za-z]{2,}/.test(own) || /[\\u0e01-\\u0e4e]/.test(own)) continue;
        const marked = el.closest('[lang]');
        if (!marked || !marked.getAttribute('lang').startsWith('en')) found.push(own.trim().slice(0, 60));
    }
    return [...new Set(found)];
}"""

PAGES = {
    "/?year=2566": "document.querySelectorAll('#province-map .choroplethlocation').length >= 77",
    "/province/50?year=2566": "document.querySelectorAll('#projects-grid .ag-paging-panel span').length > 3"
                              " && !!document.querySelector('#province-pilot-process .main-svg')",
    "/pilots?year=2566": "document.querySelectorAll('#pilots-table tbody tr').length === 15",
}


@pytest.mark.parametrize("path", list(PAGES))
def test_english_in_thai_pages_is_marked(page: Any, path: str) -> None:
    page.goto(page.base_url + path)
    if path.startswith("/province/"):
        show_grid(page)
    _wait(page, PAGES[path])
    page.wait_for_timeout(500)
    assert page.evaluate("document.documentElement.lang") == "th"
    assert page.evaluate(UNMARKED) == []
    if path.startswith("/province/50"):
        assert page.get_attribute("h1 + div", "lang") == "en"  # the English name under the Thai one
        assert page.inner_text("h1 + div") == "Chiang Mai"
        assert "หน้า" in page.inner_text("#projects-grid .ag-paging-panel")


def test_thai_name_in_english_page_is_marked(page: Any) -> None:
    page.goto(page.base_url + "/province/50?lang=en")
    _wait(page, "!!document.querySelector('h1 + div')")
    assert page.inner_text("h1 + div") == "เชียงใหม่" and page.get_attribute("h1 + div", "lang") == "th"
