"""The first paint in Chromium: without scripts the page's text, numbers and links are there; with
them the live page takes its place without a visible change, and only the live page remains."""
from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

SHIFTS = """window.sdgShifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput)
  window.sdgShifts.push(e.value); } }).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize(("lang", "banner", "title", "province"), [
    ("th", "ข้อมูลตัวอย่าง", "ภาพรวม SDGs ระดับจังหวัด", "เชียงใหม่"),
    ("en", "Sample data", "Provincial SDGs overview", "Chiang Mai"),
])
def test_without_scripts_the_overview_reads_and_links(browser: Any, live_server: Any, lang: str, banner: str,
                                                      title: str, province: str) -> None:
    context = browser.new_context(viewport={"width": 412, "height": 823}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/?year=2566&lang={lang}")
        assert page.locator("#first-paint").is_visible()
        assert banner in page.inner_text("#first-paint .alert")
        assert page.inner_text("#first-paint h1") == title
        assert page.locator("#first-paint .province-table-scroll tbody tr").count() == 77
        assert page.inner_text("#first-paint").count("742") >= 1  # the projects headline
        link = page.locator("#first-paint .province-table-scroll a[href^='/province/50']")
        assert link.get_attribute("href") == f"/province/50?year=2566{'&lang=en' if lang == 'en' else ''}"
        link.click()  # a plain link: the province's own first paint
        page.wait_for_url("**/province/50?**")
        assert page.inner_text("#first-paint h1") == province
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/?year=2566", "/province/50?lang=en"])
def test_the_live_page_replaces_it_without_a_shift(browser: Any, live_server: Any, path: str) -> None:
    context = browser.new_context(viewport={"width": 1350, "height": 940})
    try:
        page = context.new_page()
        page.add_init_script(SHIFTS)
        page.goto(live_server.url + path)
        _wait(page, "!!document.querySelector('#react-entry-point .page-frame')")
        _wait(page, "!!document.querySelector('.js-plotly-plot .main-svg')")
        assert page.evaluate("document.getElementById('first-paint')") is None
        assert page.evaluate("getComputedStyle(document.getElementById('react-entry-point')).visibility") \
            == "visible"
        duplicated = page.evaluate("""(() => { const seen = {}; const twice = [];
            for (const el of document.querySelectorAll('[id]')) { if (seen[el.id]) twice.push(el.id);
            seen[el.id] = true; } return twice; })()""")
        assert duplicated == []
        assert sum(page.evaluate("window.sdgShifts")) < 0.02
        assert page.evaluate("document.activeElement === document.body")  # first load: focus not moved
    finally:
        context.close()
