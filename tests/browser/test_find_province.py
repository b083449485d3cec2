"""Finding a province on the overview without the map: the finder reads any written form of a name
(the ETL's resolver) and opens the province keeping year and language; the table lists all 77 with the
map's current values, sorts, follows the filters, and links every province."""
from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

TABLE_ROWS = "#province-table tbody tr"
DRAWN = "document.querySelectorAll('#province-map .choroplethlocation').length >= 77"


def _open(page: Any, query: str = "") -> None:
    page.goto(page.base_url + "/" + query)
    _wait(page, DRAWN)
    _wait(page, f"document.querySelectorAll('{TABLE_ROWS}').length === 77")


def _path(page: Any) -> str:
    return str(page.evaluate("location.pathname + location.search"))


@pytest.mark.parametrize("typed,code", [
    ("โคราช", "30"), ("จ.เชียงใหม่", "50"), ("จังหวัดภูเก็ต", "83"), ("Korat", "30"), ("chiang rai", "57"),
    ("กทม.", "10"), ("Ubon", "34"),
])
def test_finder_opens_the_province_for_any_written_form(page: Any, typed: str, code: str) -> None:
    _open(page, "?year=2566&lang=en")
    page.fill("#province-finder", typed)
    page.press("#province-finder", "Enter")
    _wait(page, f"location.pathname === '/province/{code}'")
    assert _path(page) == f"/province/{code}?year=2566&lang=en"
    _wait(page, "!!document.querySelector('#province-header h1')")


def test_finder_go_button_and_a_name_it_cannot_place(page: Any) -> None:
    _open(page)
    page.fill("#province-finder", "เชียง")
    page.click("#province-finder-go")
    message = "#province-finder-message"
    _wait(page, f"document.querySelector('{message}').innerText.includes('เชียง')")
    assert page.get_attribute(message, "aria-live") == "polite"
    links = page.eval_on_selector_all(f"{message} a", "links => links.map(a => a.getAttribute('href'))")
    assert sorted(links) == ["/province/50?year=2566", "/province/57?year=2566"]
    assert page.evaluate("location.pathname") == "/"
    page.fill("#province-finder", "Atlantis")
    page.click("#province-finder-go")
    _wait(page, f"document.querySelector('{message}').innerText.includes('Atlantis')")
    assert page.locator(f"{message} a").count() == 0
    page.fill("#province-finder", "เชียงราย")
    page.click("#province-finder-go")
    _wait(page, "location.pathname === '/province/57'")


def _table(page: Any) -> list[dict[str, Any]]:
    return list(page.eval_on_selector_all(TABLE_ROWS, """rows => rows.map(r => ({
        code: r.dataset.province, selected: r.dataset.selected,
        href: r.querySelector('a').getAttribute('href'),
        cells: [...r.children].map(c => c.innerText.trim())}))"""))


def test_table_lists_every_province_with_a_link_keeping_the_state(page: Any) -> None:
    _open(page, "?year=2566&lang=en&goal=2")
    rows = _table(page)
    assert len(rows) == 77 and len({r["code"] for r in rows}) == 77
    assert all(r["href"] == f"/province/{r['code']}?year=2566&lang=en" for r in rows)
    assert page.get_attribute("#province-table-title", "id") == "province-table-title"
    region = page.locator(".province-table-scroll")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"


@pytest.mark.parametrize("how", ["click", "keyboard"])
def test_a_table_link_opens_the_province_without_reloading(page: Any, how: str) -> None:
    _open(page, "?year=2566&lang=en")
    page.evaluate("window.sdgSamePage = true")  # a full reload would lose this
    link = page.locator(f"{TABLE_ROWS}[data-province='50'] a")
    if how == "click":
        link.click()
    else:
        link.focus()
        page.keyboard.press("Enter")
    _wait(page, "!!document.querySelector('#province-header h1')")
    assert _path(page) == "/province/50?year=2566&lang=en"
    assert page.evaluate("window.sdgSamePage === true")
    page.go_back()
    _wait(page, f"document.querySelectorAll('{TABLE_ROWS}').length === 77")
    assert _path(page) == "/?year=2566&lang=en"


def test_table_holds_the_maps_values_and_follows_the_filters(page: Any) -> None:
    _open(page, "?metric=goal_projects")
    page.click("#goal-filter")
    page.get_by_role("option", name="2 การขจัดความหิวโหย", exact=True).click()
    page.keyboard.press("Escape")
    _wait(page, "document.querySelectorAll('#province-table thead th').length === 5")
    gd = "document.querySelector('#province-map .js-plotly-plot')"
    _wait(page, f"{gd}.data[0].hovertext[0].includes('เป้าหมาย 2')")
    on_map = dict(zip(json.loads(page.evaluate(f"JSON.stringify({gd}.data[0].locations)")),
                      json.loads(page.evaluate(f"JSON.stringify({gd}.data[0].z)")), strict=True))
    in_table = {r["code"]: int(r["cells"][4].replace(",", "")) for r in _table(page)}
    assert in_table == on_map and sum(in_table.values()) == 106  # goal 2's projects in the seed year
    _wait(page, "document.querySelector('#overview-status').innerText.includes('106')")
    assert page.get_attribute("#overview-status", "aria-live") == "polite"


def test_table_sorts_by_any_column_with_aria_sort(page: Any) -> None:
    _open(page, "?lang=en")
    header = "#province-table thead th:nth-child(4)"
    assert page.get_attribute(header, "aria-sort") == "none"
    page.click(f"{header} button")
    _wait(page, f"document.querySelector('{header}').getAttribute('aria-sort') === 'descending'")
    projects = [int(r["cells"][3].replace(",", "")) for r in _table(page)]
    assert projects == sorted(projects, reverse=True) and projects[0] > projects[-1]
    page.click(f"{header} button")
    _wait(page, f"document.querySelector('{header}').getAttribute('aria-sort') === 'ascending'")
    projects = [int(r["cells"][3].replace(",", "")) for r in _table(page)]
    assert projects == sorted(projects)
    page.click("#province-table thead th:nth-child(3) button")  # plan components: not assessed last
    _wait(page, "document.querySelector('#province-table thead th:nth-child(3)')"
                ".getAttribute('aria-sort') === 'descending'")
    rows = _table(page)
    assert rows[0]["cells"][2] == "4 of 4" and rows[-1]["cells"][2] == "Not assessed"


def test_thai_names_sort_in_dictionary_order(page: Any) -> None:
    _open(page)
    names = [r["cells"][0].replace(" ◆ นำร่อง", "") for r in _table(page)]
    assert names[0] == "กระบี่" and names[-1] == "อุบลราชธานี"
    # เ/แ/โ/ไ are written before the consonant they follow in speech: เชียงใหม่ sorts under ช
    assert names.index("ชุมพร") < names.index("เชียงใหม่") < names.index("ตรัง")


def test_table_shows_the_change_metric_like_the_map(page: Any) -> None:
    _open(page, "?metric=change&lang=en")
    _wait(page, "document.querySelectorAll('#province-table thead th').length === 5")
    gd = "document.querySelector('#province-map .js-plotly-plot')"
    hover = dict(zip(json.loads(page.evaluate(f"JSON.stringify({gd}.data[0].locations)")),
                 json.loads(page.evaluate(f"JSON.stringify({gd}.data[0].hovertext)")), strict=True))
    rows = _table(page)
    assert all(r["cells"][4] and r["cells"][4] in hover[r["code"]] for r in rows)
    assert len({r["cells"][4] for r in rows}) > 2
