"""Text from input files is shown literally everywhere: a database built by the real ETL from files
whose titles and agency hold `&`, quotes, `<`, `>` and entity-looking text (what the ETL accepts; it
refuses real tags and leading `=`) shows them as text in the grid, the district hover, the CSV and
the XLSX export - never as markup, and never decoded (`&lt;b&gt;` stays `&lt;b&gt;`).
"""
from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bench.dash_client import DashClient, callback_payload, component_props, find_dependency, page_payload
from tests.conftest import LiveServer, build_db, run_etl, show_grid, wait_until

PROVINCE_TH, PROVINCE = "เชียงใหม่", "50"
YEAR = 2566
TITLE = "Tom & Jerry \"say\" 'hi' a < b > c &lt;b&gt;bold&lt;/b&gt; &amp; <3"
AGENCY = "Office < A & B > \"quoted\" &#60;x&#62;"
GRID_OUTPUT = "..projects-grid.getRowsResponse"
DISTRICT_TITLE = "District & co <3 \"x\" &lt;i&gt;it&lt;/i&gt; y > z"


def rewrite_first(path: Path, match: tuple[str, str], changes: dict[str, str]) -> None:
    """Set columns of the first row whose `match[0]` column equals `match[1]`."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index(match[0])] == match[1])
    for column, value in changes.items():
        row[header.index(column)] = value
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)


@pytest.fixture(scope="module")
def tricky_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app serving a database whose Chiang Mai project and district project carry tricky text."""
    work = tmp_path_factory.mktemp("escaping")
    source = work / "source"
    assert run_etl("sample", "--out", str(source)).returncode == 0
    rewrite_first(source / f"projects_{YEAR}.csv", ("จังหวัด", PROVINCE_TH),
                  {"ชื่อโครงการ": TITLE, "หน่วยงานรับผิดชอบ": AGENCY})
    rewrite_first(source / f"district_projects_{YEAR}.csv", ("จังหวัด", PROVINCE_TH),
                  {"ชื่อโครงการ": DISTRICT_TITLE})
    server = LiveServer(build_db(source, work / "db" / "sdg.duckdb"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def province_props(tricky_server: LiveServer) -> dict[str, dict[str, Any]]:
    client = DashClient(tricky_server.url)
    reply = client.call(page_payload(f"/province/{PROVINCE}", f"?year={YEAR}"))
    client.close()
    assert reply.status == 200
    return component_props(reply.json())


def grid_block(server: LiveServer, search: str) -> dict[str, Any]:
    """The grid's first block of rows, asked for as the grid asks (its infinite row model's request)."""
    client = DashClient(server.url)
    try:
        dep = find_dependency(client.get_json("/_dash-dependencies"), GRID_OUTPUT)
        values = {"projects-grid.getRowsRequest": {"startRow": 0, "endRow": 100, "sortModel": [],
                                                   "filterModel": {}},
                  "province-grid-search.value": search,
                  "province-state.data": {"code": PROVINCE, "year": YEAR, "lang": "th"}}
        reply = client.call(callback_payload(dep, values, ["projects-grid.getRowsRequest"]))
    finally:
        client.close()
    assert reply.status == 200
    block: dict[str, Any] = reply.json()["response"]["projects-grid"]["getRowsResponse"]
    return block


def test_grid_carries_the_text_as_data(tricky_server: LiveServer,
                                       province_props: dict[str, dict[str, Any]]) -> None:
    assert "rowData" not in province_props["projects-grid"], "rows come in blocks, not with the page"
    rows = grid_block(tricky_server, "Jerry")["rowData"]
    assert [(r["title"], r["agency"]) for r in rows] == [(TITLE, AGENCY)]
    for column in province_props["projects-grid"]["columnDefs"]:
        assert column.get("cellRenderer") in (None, "GoalChip"), "only the text-only goal chip renderer"


def test_district_hover_escapes_the_title(province_props: dict[str, dict[str, Any]]) -> None:
    hovers = [text for trace in province_props["district-map"]["figure"]["data"]
              for text in trace.get("hovertext", [])]
    assert any(html.escape(DISTRICT_TITLE, quote=False) in text for text in hovers)
    assert not any(DISTRICT_TITLE in text for text in hovers)
    # plotly decodes &lt; &gt; &amp; and numeric entities but shows "&quot;" as typed
    assert not any("&quot;" in text for text in hovers)


def test_csv_export_holds_the_text_literally(tricky_server: LiveServer) -> None:
    client = DashClient(tricky_server.url)
    reply = client.request("GET", f"/export/data.csv?province={PROVINCE}&year={YEAR}")
    client.close()
    assert reply.status == 200
    cells = {cell for row in csv.reader(io.StringIO(reply.body.decode("utf-8-sig"))) for cell in row}
    assert TITLE in cells and AGENCY in cells


def test_xlsx_export_holds_the_text_literally(tricky_server: LiveServer) -> None:
    client = DashClient(tricky_server.url)
    reply = client.request("GET", f"/export/data.xlsx?province={PROVINCE}&year={YEAR}")
    client.close()
    assert reply.status == 200
    book = openpyxl.load_workbook(io.BytesIO(reply.body))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    matching = [c for c in cells if c.value == TITLE]
    assert matching and all(c.data_type == "s" for c in matching)
    assert any(c.value == AGENCY for c in cells)


@pytest.mark.browser
def test_browser_shows_the_text_not_markup(browser: Any, tricky_server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{tricky_server.url}/province/{PROVINCE}?year={YEAR}")
        show_grid(page)
        wait_until(page, "document.querySelectorAll('#projects-grid .ag-row').length > 0")
        page.fill("#province-grid-search", "Jerry")
        page.keyboard.press("Enter")
        wait_until(page, "document.querySelectorAll('#projects-grid .ag-center-cols-container .ag-row')"
                         ".length === 1 && document.querySelector('#projects-grid .ag-center-cols-container "
                         ".ag-row .grid-title').innerText.includes('Jerry')")
        cell = page.locator("#projects-grid .ag-center-cols-container .ag-row .grid-title")
        assert cell.inner_text().strip() == TITLE
        assert cell.locator("b, i, script").count() == 0
        agency = page.locator("#projects-grid .ag-center-cols-container .ag-row [col-id=agency]")
        assert agency.inner_text().strip() == AGENCY

        # Hover the district whose programme holds the tricky title; read what plotly drew.
        wait_until(page, "document.querySelectorAll('#district-map .choroplethlocation').length > 0")
        point = page.evaluate("""(title) => {
            const gd = document.querySelector('#district-map .js-plotly-plot');
            for (let c = 0; c < gd.data.length; c++) {
                const texts = gd.data[c].hovertext || [];
                for (let p = 0; p < texts.length; p++) {
                    if (texts[p].includes(title)) { return [c, p]; }
                }
            }
            return null;
        }""", html.escape(DISTRICT_TITLE, quote=False))
        assert point is not None
        page.locator("#district-map").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        spot = page.evaluate("""([c, p]) => {
            const gd = document.querySelector('#district-map .js-plotly-plot');
            const code = gd.data[c].locations[p];
            const path = [...document.querySelectorAll('#district-map path.choroplethlocation')]
                .find((el) => el.__data__ && el.__data__.loc === code);
            const box = path.getBBox();
            for (let i = 1; i < 20; i++) {
                for (let j = 1; j < 20; j++) {
                    const pt = new DOMPoint(box.x + box.width * i / 20, box.y + box.height * j / 20);
                    if (path.isPointInFill(pt)) {
                        const screen = pt.matrixTransform(path.getScreenCTM());
                        return [screen.x, screen.y];
                    }
                }
            }
            return null;
        }""", point)
        assert spot is not None
        page.mouse.move(spot[0], spot[1])
        wait_until(page, "!!document.querySelector('#district-map .hoverlayer .hovertext')")
        hover = page.locator("#district-map .hoverlayer .hovertext")
        assert DISTRICT_TITLE in hover.text_content()
        bold = hover.locator("tspan[style*='bold']").all_text_contents()
        assert not any(text.strip() == "it" for text in bold)
        assert hover.locator("tspan[style*='italic']").count() == 0
    finally:
        context.close()
