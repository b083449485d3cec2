"""Province, pilots and not-found pages in headless Chromium against the app under gunicorn:
a click on the overview map opens the province, its districts draw, the grid holds its projects,
pilots link to each other, unknown codes are not found, and no request leaves the host."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pytest

from tests.conftest import draw_all_charts, draw_chart, show_grid
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

DISTRICT_PATHS = "#district-map .choroplethlocation"
PROVINCE_PATHS = "#province-map .choroplethlocation"


def _count(selector: str) -> str:
    return f"document.querySelectorAll('{selector}').length"


def _open_province(page: Any, path: str) -> None:
    page.goto(page.base_url + path)
    draw_chart(page, "district-map")
    show_grid(page)
    # the grid draws a placeholder row before its first block arrives: wait for a row with data
    first_id = "document.querySelector(\"#projects-grid .ag-row[row-index='0'] [col-id='project_id']\")"
    _wait(page, f"{_count(DISTRICT_PATHS)} > 0 && !!{first_id} && {first_id}.innerText.trim() !== ''")


def _wait_for(page: Any, condition: Any, timeout: float = 30.0) -> None:
    """Poll a Python condition (on what the page has sent) until it holds; waiting lets events arrive."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the page's requests")
        page.wait_for_timeout(100)


def _grid_rows(page: Any) -> int:
    """Rows the grid's filters keep, from AG Grid's own API once the server has answered with the count
    (the infinite row model knows the last row only then; the DOM only has the visible rows)."""
    # the grid's bundle loads when the grid comes near the screen, and getApi throws until it is ready
    show_grid(page)
    _wait(page, "(() => { try { const api = window.dash_ag_grid.getApi('projects-grid');"
                " return !!api && api.isLastRowIndexKnown(); } catch (e) { return false; } })()")
    return int(page.evaluate("window.dash_ag_grid.getApi('projects-grid').getDisplayedRowCount()"))


def _block_requests(page: Any) -> list[dict[str, Any]]:
    """Every getRowsRequest the page sends to the server, as sent (the grid's rows come only from these)."""
    sent: list[dict[str, Any]] = []

    def record(request: Any) -> None:
        if request.method == "POST" and urlsplit(request.url).path == "/_dash-update-component":
            body = json.loads(request.post_data or "{}")
            sent.extend(i["value"] for i in body.get("inputs", []) if i.get("property") == "getRowsRequest")

    page.on("request", record)
    return sent


def _sql(db: Path, sql: str, *params: object) -> Any:
    with duckdb.connect(str(db), read_only=True) as conn:
        row = conn.execute(sql, list(params)).fetchone()
    assert row is not None
    return row[0]


def _all_local(page: Any) -> None:
    host = urlsplit(page.base_url).netloc
    foreign = [u for u in page.requested_urls if urlsplit(u).scheme not in ("data", "blob")
               and urlsplit(u).netloc != host]
    assert not foreign, f"requests left the host: {foreign[:5]}"


def _point_inside(page: Any, graph_id: str, location: str) -> tuple[float, float]:
    """Screen coordinates of a point inside one location's shape on a choropleth (not its bbox centre,
    which may fall in a neighbour), found with the path's own fill test."""
    xy = page.evaluate(
        """([graphId, location]) => {
            const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
            const index = gd.data[0].locations.indexOf(location);
            const path = gd.querySelectorAll('.choroplethlocation')[index];
            const box = path.getBoundingClientRect();
            const inverse = path.getScreenCTM().inverse();
            const svg = path.ownerSVGElement;
            const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
            let best = null;
            for (let i = 0; i <= 40; i++) {
                for (let j = 0; j <= 40; j++) {
                    const x = box.x + box.width * i / 40, y = box.y + box.height * j / 40;
                    const p = svg.createSVGPoint();
                    p.x = x; p.y = y;
                    if (!path.isPointInFill(p.matrixTransform(inverse))) continue;
                    const d = (x - cx) ** 2 + (y - cy) ** 2;
                    if (best === null || d < best[2]) best = [x, y, d];
                }
            }
            return best;
        }""",
        [graph_id, location],
    )
    assert xy is not None, f"no point inside {location} on {graph_id}"
    return float(xy[0]), float(xy[1])


def test_click_chiang_mai_on_overview_opens_its_page(page: Any, sample_db: Path) -> None:
    page.goto(page.base_url + "/")
    _wait(page, f"{_count(PROVINCE_PATHS)} >= 77")
    x, y = _point_inside(page, "province-map", "50")
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    _wait(page, "window.location.pathname === '/province/50'")
    draw_chart(page, "district-map")  # below the pilot card: drawn as it is scrolled to
    _wait(page, f"{_count(DISTRICT_PATHS)} === 25")
    assert page.locator(DISTRICT_PATHS).count() == 25
    assert "เชียงใหม่" in page.inner_text("#province-header")
    expected = _sql(sample_db, "SELECT count(*) FROM projects WHERE province_code = '50' "
                               "AND fiscal_year = 2566")
    assert _grid_rows(page) == expected
    assert page.inner_text("#province-grid-count") == f"{expected} โครงการ"
    _all_local(page)


def test_province_page_grid_legend_and_screenshot(page: Any, sample_db: Path, artifacts_dir: Path) -> None:
    blocks = _block_requests(page)
    _open_province(page, "/province/50")
    _wait_for(page, lambda: bool(blocks))
    assert blocks[0]["startRow"] == 0 and blocks[0]["endRow"] == 100, "rows come in blocks of 100"
    _wait(page, f"{_count(DISTRICT_PATHS)} === 25")
    expected = _sql(sample_db, "SELECT count(*) FROM projects WHERE province_code = '50' "
                               "AND fiscal_year = 2566")
    assert _grid_rows(page) == expected == 68
    draw_all_charts(page)  # a chart below the fold is drawn as it is scrolled to: all of them for the shot
    page.mouse.move(0, 0)
    page.wait_for_timeout(500)
    shot = artifacts_dir / "province.png"
    page.screenshot(path=str(shot), full_page=True)
    assert f"{expected} โครงการ" in page.inner_text("main")
    geometry = [u for u in page.requested_urls if urlsplit(u).path == "/geo/districts/50.json"]
    assert len(geometry) == 1, "the district boundaries are fetched once, from their own URL"
    legend = page.text_content("#district-map .legend")
    assert "ประเภทโครงการ" in legend and "แก้ไขปัญหาความยากจน" in legend
    # budgets in baht with separators, goals as chips with names, titles in Thai
    first = page.locator("#projects-grid .ag-center-cols-container .ag-row").first
    assert "," in first.locator("[col-id='budget_thb']").inner_text()
    assert first.locator(".goal-chip").count() == 1
    assert "โครงการ" in first.locator("[col-id='title']").inner_text()
    # sorting by budget puts the largest first
    page.click("#projects-grid .ag-header-cell[col-id='budget_thb'] .ag-header-cell-label")
    page.click("#projects-grid .ag-header-cell[col-id='budget_thb'] .ag-header-cell-label")
    top = _sql(sample_db, "SELECT max(budget_thb) FROM projects WHERE province_code = '50' "
                     "AND fiscal_year = 2566")
    by_budget = [("budget_thb", "desc")]
    _wait_for(page, lambda: any([(o["colId"], o["sort"]) for o in b["sortModel"]] == by_budget
                                for b in blocks))
    _wait(page, "document.querySelector(\"#projects-grid .ag-row[row-index='0'] [col-id='budget_thb']\")"
                f".innerText.replace(/,/g, '') === '{int(top)}'")
    # the search box filters the grid
    page.fill("#province-grid-search", "น้ำ")
    page.keyboard.press("Enter")
    matching = _sql(sample_db, "SELECT count(*) FROM projects p JOIN sdg_goals g USING (goal) "
                               "WHERE province_code = '50' AND fiscal_year = 2566 "
                               "AND (title LIKE '%น้ำ%' OR agency LIKE '%น้ำ%' "
                               "OR g.short_th LIKE '%น้ำ%')")
    _wait(page, f"window.dash_ag_grid.getApi('projects-grid').getDisplayedRowCount() === {matching}")
    assert f"{matching} โครงการ" in page.inner_text("main"), "the count beside the grid follows the search"
    page.fill("#province-grid-search", "")
    page.keyboard.press("Enter")
    _wait(page, f"window.dash_ag_grid.getApi('projects-grid').getDisplayedRowCount() === {expected}")
    _all_local(page)


def test_titles_render_as_text(page: Any) -> None:
    """A title is text, whatever it holds: the grid's title cells have no element children."""
    _open_province(page, "/province/50")
    assert page.locator("#projects-grid [col-id='title'].ag-cell").count() > 0
    nested = page.evaluate(
        "Array.from(document.querySelectorAll(\"#projects-grid [col-id='title'].ag-cell\"))"
        ".filter(c => c.querySelector('img,script,b,i,a,iframe')).length"
    )
    assert nested == 0


def test_pilot_badge_and_prev_next_links(page: Any) -> None:
    _open_province(page, "/province/50?lang=en")
    assert "UNDP pilot province 3 of 15" in page.inner_text("#province-pilot-badge")
    assert "Kick-off: 28 Apr 2023" in page.inner_text("#province-pilot-process")
    assert page.locator("#province-pilot-timeline .bars .point").count() == 2
    assert "Chiang Rai" in page.inner_text("#province-prev-pilot")
    page.click("#province-next-pilot")
    _wait(page, "window.location.pathname === '/province/58'")
    _wait(page, "document.querySelector('#province-header h1') !== null && "
                "document.querySelector('#province-header h1').innerText === 'Mae Hong Son'")
    assert "lang=en" in page.url
    assert "UNDP pilot province 4 of 15" in page.inner_text("#province-pilot-badge")
    _all_local(page)


def test_non_pilot_has_no_badge(page: Any) -> None:
    _open_province(page, "/province/11")
    assert page.locator("#province-pilot-badge").count() == 0
    assert page.locator("#province-next-pilot").count() == 0


@pytest.mark.parametrize("path", ["/province/99", "/province/abc", "/province/../../etc/passwd",
                                  "/province/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/nowhere"])
def test_unknown_pages_are_not_found(page: Any, path: str) -> None:
    response = page.goto(page.base_url + path)
    assert response is not None and response.status == 404
    _wait(page, "document.querySelector('#not-found') !== null")
    assert "ไม่พบหน้าที่ต้องการ" in page.inner_text("#not-found")
    page.click("#not-found-home")
    _wait(page, f"{_count(PROVINCE_PATHS)} >= 77")
    assert urlsplit(page.url).path == "/"
    _all_local(page)


def test_pilots_page_lists_15_and_links(page: Any) -> None:
    page.goto(page.base_url + "/pilots?lang=en")
    _wait(page, "document.querySelector('#pilots-table') !== null")
    assert page.locator("#pilots-table tbody tr").count() == 15
    links = page.locator("#pilots-table a[href^='/province/']")
    assert links.count() == 15
    assert "Not assessed" in page.inner_text("#pilots-table tbody tr[data-province='10']")
    page.click("#pilots-table tbody tr[data-province='50'] a")
    _wait(page, "window.location.pathname === '/province/50'")
    draw_chart(page, "district-map")
    _wait(page, f"{_count(DISTRICT_PATHS)} === 25")
    assert "Chiang Mai" in page.inner_text("#province-header")
    _all_local(page)


def test_language_switch_keeps_the_province(page: Any) -> None:
    _open_province(page, "/province/50")
    page.click("#lang-toggle")
    _wait(page, "window.location.search.includes('lang=en')")
    draw_chart(page, "district-map")
    _wait(page, "document.querySelector('#district-map .legend') !== null && "
                "document.querySelector('#district-map .legend').textContent.includes('Poverty alleviation')")
    assert urlsplit(page.url).path == "/province/50"
    assert "Project category" in page.text_content("#district-map .legend")


def test_goal_mix_hover_names_scope_goal_share_and_count(page: Any, sample_db: Path) -> None:
    """The goal-mix bars carry one hover template per scope: the text plotly.js fills in must still
    name the province, the goal, its share and the project count the database holds."""
    _open_province(page, "/province/50?lang=en")
    # the widest of Chiang Mai's bars (trace 0), so the pointer lands on it whatever its goal
    centre = page.evaluate("""() => {
        document.querySelector('#province-goal-mix').scrollIntoView({block: 'center', behavior: 'instant'});
        const bars = Array.from(document.querySelectorAll('#province-goal-mix .trace.bars')[0]
                                .querySelectorAll('.point path'));
        const box = bars.map(b => b.getBoundingClientRect()).sort((a, b) => b.width - a.width)[0];
        return [box.x + box.width / 2, box.y + box.height / 2];
    }""")
    page.mouse.move(centre[0], centre[1])
    _wait(page, "!!document.querySelector('#province-goal-mix .hoverlayer .hovertext')")
    text = page.text_content("#province-goal-mix .hoverlayer .hovertext") or ""
    # the goal label as on the axis, without the axis's spacing: "2 Zero Hunger: 15.0% (10 projects)"
    match = re.search(r"^Chiang Mai(\d+) .*\S: ([\d.]+)% \(([\d,]+) projects\)$", text)
    assert match, text
    goal, share, count = int(match[1]), float(match[2]), int(match[3].replace(",", ""))
    expected = _sql(sample_db, "SELECT count(*) FROM projects WHERE province_code = '50' AND fiscal_year = "
                               "(SELECT default_year FROM dataset) AND goal = ?", goal)
    total = _sql(sample_db, "SELECT count(*) FROM projects WHERE province_code = '50' AND fiscal_year = "
                            "(SELECT default_year FROM dataset)")
    assert count == expected > 0
    assert share == pytest.approx(100 * expected / total, abs=0.06)


def test_query_cannot_swap_the_province_in_the_path(page: Any) -> None:
    """The path names the province; a `?code=` in the query must not draw another one under it."""
    _open_province(page, "/province/50?code=11&lang=en")
    assert page.inner_text("#province-header h1") == "Chiang Mai"
    _wait(page, "document.title.startsWith('Chiang Mai')")  # the tab title speaks the page's language
