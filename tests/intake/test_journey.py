"""The secretariat's whole journey in headless Chromium against the real app under gunicorn: log in,
upload the sample files and a broken one, read the report, dry-run, publish, see the overview change,
restore, see it change back."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import RAW_DIR, wait_until
from tests.intake.conftest import PASSWORD, Instance

pytestmark = pytest.mark.browser

SAMPLE_FILES = sorted(RAW_DIR.glob("*.csv"))
BROKEN = "จังหวัด,ปีงบประมาณ,ชื่อโครงการ,เป้าหมายหลัก\nเชียงใหม่,2566,โครงการทดสอบ,99\nไม่มีจังหวัดนี้,2566,โครงการ,3\n"


@pytest.fixture
def page(browser: Any, instance: Instance) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    pg.failed_responses = errors
    yield pg
    context.close()


def chiang_mai_three_projects() -> str:
    """Chiang Mai's projects file, cut down to its first three projects (the sample has 68)."""
    lines = (RAW_DIR / "projects_2566.csv").read_text(encoding="utf-8-sig").splitlines()
    return "\n".join([lines[0], *[ln for ln in lines[1:] if ln.startswith("50-")][:3]]) + "\n"


def headline(page: Any, instance: Instance) -> str:
    page.goto(instance.url + "/")
    wait_until(page, "!!document.querySelector('#overview-headlines')", timeout=60)
    return str(page.inner_text("#overview-headlines"))


def wait_headline(page: Any, instance: Instance, figure: str) -> None:
    for _ in range(20):
        if figure in headline(page, instance):
            return
        page.wait_for_timeout(500)
    raise AssertionError(f"the overview never showed {figure}: {headline(page, instance)}")


def publish(page: Any, instance: Instance) -> str:
    """Dry run, read the summary, confirm; returns the summary text shown before confirming."""
    page.goto(instance.url + "/intake/builds")
    page.click("#publish-dry-run")
    page.wait_for_selector("#preview-lines", timeout=120_000)
    summary = str(page.inner_text("#preview-lines"))
    page.click("#publish-confirm")
    page.wait_for_selector("#builds-message .alert", timeout=120_000)
    return summary


def test_upload_report_publish_and_restore(page: Any, instance: Instance, tmp_path: Path) -> None:
    assert "742" in headline(page, instance)

    page.goto(instance.url + "/intake")
    assert page.evaluate("location.pathname") == "/login"
    page.fill("#login-name", "secretariat1")
    page.fill("#login-password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector("#upload-files")
    assert page.evaluate("location.pathname") == "/intake"
    assert "secretariat1" in page.inner_text("#intake-user")

    broken = tmp_path / "broken.csv"
    broken.write_text(BROKEN, encoding="utf-8")
    page.set_input_files("#upload-files", [*SAMPLE_FILES, broken])
    page.click("#upload-submit")
    expected = len(SAMPLE_FILES) + 1
    wait_until(page, f"document.querySelectorAll('.upload-result').length === {expected}", 180)
    statuses = page.eval_on_selector_all(
        ".upload-result", "els => els.map(e => [e.querySelector('h3').innerText, e.dataset.status])")
    by_file = {text.split(" —")[0].strip(): status for text, status in statuses}
    assert by_file == {**{p.name: "valid" for p in SAMPLE_FILES}, "broken.csv": "invalid"}
    broken_card = page.locator(".upload-result[data-status=invalid]")
    rows = broken_card.locator("tr.problem")
    assert rows.count() >= 2
    first = rows.first.inner_text()
    assert "ข้อผิดพลาด" in first  # the page's language (Thai)
    cells = broken_card.locator("tr.problem").first.locator("td").all_inner_texts()
    assert cells[2].strip().isdigit()  # the row as Excel shows it
    shown = [[c.strip() for c in r.locator("td").all_inner_texts()] for r in rows.all()]
    goal = next(r for r in shown if r[3] == "เป้าหมายหลัก")  # the report speaks Thai, with row and column
    assert goal[2] == "2" and goal[4].startswith("เป้าหมายหลักต้องเป็นตัวเลข 1 ถึง 17")
    assert goal[5] == "เขียนหมายเลขเป้าหมาย 1-17 (เช่น 2 หรือ SDG 2)"
    assert page.evaluate("document.activeElement.id") == "results-heading"
    assert page.get_attribute("#upload-results", "aria-live") == "polite"

    with page.expect_download() as download_info:
        page.click("#report-download")
    report = tmp_path / "report.xlsx"
    download_info.value.save_as(report)
    sheet = openpyxl.load_workbook(report).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["ไฟล์", "แผ่นงาน", "แถว", "คอลัมน์"]
    assert any(row[0] == "broken.csv" and row[2] == 2 and str(row[5]).startswith("เป้าหมายหลักต้องเป็น")
               for row in sheet.iter_rows(min_row=2, values_only=True))

    first_summary = publish(page, instance)
    assert "742 -> 742" in first_summary
    wait_headline(page, instance, "742")

    # the changed file arrives by drag and drop onto the drop zone
    page.goto(instance.url + "/intake")
    page.evaluate(
        """([name, text]) => {
            const data = new DataTransfer();
            data.items.add(new File([text], name, {type: "text/csv"}));
            const zone = document.getElementById("upload-drop");
            const init = {dataTransfer: data, bubbles: true, cancelable: true};
            zone.dispatchEvent(new DragEvent("dragover", init));
            zone.dispatchEvent(new DragEvent("drop", init));
        }""", ["chiang-mai.csv", chiang_mai_three_projects()])
    assert page.evaluate("document.getElementById('upload-files').files.length") == 1
    page.click("#upload-submit")
    wait_until(page, "document.querySelectorAll('.upload-result[data-status=valid]').length === 1", 120)

    second_summary = publish(page, instance)
    assert "742 -> 677" in second_summary, second_summary
    assert "เชียงใหม่" in second_summary
    wait_headline(page, instance, "677")

    page.goto(instance.url + "/intake/builds")
    first_version = page.locator("#builds-table tr[data-build]").last
    assert first_version.get_attribute("data-build") == "1"
    first_version.locator(".restore-button").click()
    page.wait_for_selector("#builds-message .alert", timeout=120_000)
    assert "1" in page.inner_text("#builds-message")
    wait_headline(page, instance, "742")
    assert not page.failed_responses, json.dumps(page.failed_responses, ensure_ascii=False)
