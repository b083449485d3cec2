"""The intake's pages on a fresh instance: the first-account hint, the tracker, the template, English."""
from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator

import openpyxl
import pytest

from tests.conftest import RAW_DIR
from tests.intake.conftest import Instance, csrf_of, start_instance


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Instance]:
    """No accounts yet."""
    inst, served = start_instance(tmp_path_factory.mktemp("fresh"))
    try:
        yield inst
    finally:
        served.stop()


def test_first_account_hint_then_login(instance: Instance) -> None:
    page = instance.client().get(instance.url + "/intake", allow_redirects=False, timeout=30)
    assert page.status_code == 200
    assert "python -m intake users add NAME --role secretariat" in page.text
    instance.add_user("sec", "secretariat")
    again = instance.client().get(instance.url + "/intake", allow_redirects=False, timeout=30)
    assert again.status_code == 302 and again.headers["Location"] == "/login?next=/intake"
    assert "users add NAME" not in instance.client().get(instance.url + "/login", timeout=30).text


def test_tracker_shows_status_filters_by_region_and_sorts(instance: Instance) -> None:
    s = instance.client("sec")
    plans = (RAW_DIR / "plans_2566.csv").read_bytes()
    broken = "จังหวัด,ปีงบประมาณ,ชื่อโครงการ,เป้าหมายหลัก\nเชียงใหม่,2566,โครงการ,99\n".encode()
    r = s.post(instance.url + "/api/v1/submissions", headers={"X-CSRFToken": csrf_of(instance, s)},
               files=[("file", ("plans.csv", io.BytesIO(plans))), ("file", ("cm.csv", io.BytesIO(broken)))],
               timeout=120)
    assert r.status_code == 201
    assert [x["status"] for x in r.json()["submissions"]] == ["valid", "invalid"]
    rows = {p["province"]: p for p in s.get(instance.url + "/api/v1/tracker?year=2566",
                                           timeout=30).json()["provinces"]}
    assert len(rows) == 77
    assert rows["50"]["datasets"] == {"plans": "valid", "projects": "invalid", "district_projects": "missing"}
    assert rows["50"]["last_by"] == "sec" and rows["50"]["components"]["has_framework"] is not None
    assert not rows["10"]["received"]  # Bangkok reported no plan in the sample
    later = s.get(instance.url + "/api/v1/tracker?year=2567", timeout=30).json()["provinces"]
    assert not any(p["received"] for p in later)

    north = s.get(instance.url + "/intake/tracker?year=2566&region=north", timeout=30).text
    codes = re.findall(r'<tr data-province="(\d\d)">', north)
    assert codes and "50" in codes and "10" not in codes
    by_last = s.get(instance.url + "/intake/tracker?year=2566&sort=last_upload", timeout=30).text
    assert 'aria-sort="descending"' in by_last
    assert re.findall(r'<tr data-province="(\d\d)">', by_last)[0] != "10"


def test_pages_switch_to_english(instance: Instance) -> None:
    s = instance.client("sec")
    thai = s.get(instance.url + "/intake/tracker?year=2566", timeout=30).text
    english = s.get(instance.url + "/intake/tracker?year=2566&lang=en", timeout=30).text
    assert '<html lang="th">' in thai and "การส่งข้อมูลของจังหวัด ปีงบประมาณ 2566" in thai
    assert '<html lang="en">' in english and "Provincial submissions, FY2566" in english
    assert "ข้อมูลตัวอย่าง" in thai  # the base is the sample, and the page says so
    builds = s.get(instance.url + "/intake/builds?lang=en", timeout=30).text
    assert "Preview the changes" in builds


def test_template_for_any_province(instance: Instance) -> None:
    s = instance.client("sec")
    r = s.get(instance.url + "/intake/template.xlsx?province=50", timeout=60)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/vnd.openxml")
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    assert book["แผนขับเคลื่อน"]["A2"].value == "เชียงใหม่"
    assert s.get(instance.url + "/intake/template.xlsx?province=99", timeout=30).status_code == 404


def test_confirming_a_stale_preview_publishes_nothing(instance: Instance) -> None:
    s = instance.client("sec")
    token = csrf_of(instance, s)
    preview = s.post(instance.url + "/intake/builds/publish", data={"csrf_token": token}, timeout=300)
    assert preview.status_code == 200 and 'id="publish-confirm"' in preview.text
    plan = re.search(r'name="plan" value="([0-9a-f]+)"', preview.text)
    assert plan
    newer = (RAW_DIR / "district_projects_2566.csv").read_bytes()
    assert s.post(instance.url + "/api/v1/submissions", headers={"X-CSRFToken": token},
                  files=[("file", ("d.csv", io.BytesIO(newer)))], timeout=120).status_code == 201
    stale = s.post(instance.url + "/intake/builds/publish",
                   data={"csrf_token": token, "confirm": "yes", "plan": plan.group(1)}, timeout=300)
    assert stale.status_code == 409 and "ยังไม่เผยแพร่" in stale.text
    assert s.get(instance.url + "/api/v1/builds", timeout=30).json()["builds"] == []
    fresh = re.search(r'name="plan" value="([0-9a-f]+)"', stale.text)
    assert fresh and fresh.group(1) != plan.group(1)
    done = s.post(instance.url + "/intake/builds/publish",
                  data={"csrf_token": token, "confirm": "yes", "plan": fresh.group(1)}, timeout=300)
    assert done.status_code == 200
    assert len(s.get(instance.url + "/api/v1/builds", timeout=30).json()["builds"]) == 1


def _broken_workbook() -> bytes:
    """A projects sheet whose third row has goal 18 and a budget in words."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "โครงการ"
    sheet.append(["รหัสโครงการ", "จังหวัด", "ปีงบประมาณ", "ชื่อโครงการ", "เป้าหมายหลัก", "เป้าหมายย่อย",
                  "หน่วยงานรับผิดชอบ", "งบประมาณ (บาท)", "สถานะ"])
    sheet.append(["P-1", "เชียงใหม่", 2566, "โครงการปลูกผักปลอดภัย", 2, "2.3", "เกษตรจังหวัด", 120000, None])
    sheet.append(["P-2", "เชียงใหม่", 2566, "โครงการตลาดชุมชน", 18, None, "พาณิชย์จังหวัด", "สองแสน", None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _problem_rows(page: str) -> list[list[str]]:
    rows = re.findall(r'<tr class="problem">(.*?)</tr>', page, re.DOTALL)
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
             for cell in re.findall(r"<td>(.*?)</td>", row, re.DOTALL)] for row in rows]


def test_the_report_of_a_broken_workbook_is_in_the_page_language(instance: Instance) -> None:
    s = instance.client("sec")
    token = csrf_of(instance, s)
    upload = {"file": ("แผนเชียงใหม่.xlsx", _broken_workbook())}
    thai_page = s.post(instance.url + "/intake", data={"csrf_token": token}, files=upload, timeout=120)
    assert thai_page.status_code == 200 and "แผนเชียงใหม่.xlsx" in thai_page.text
    rows = _problem_rows(thai_page.text)
    assert ["ข้อผิดพลาด", "โครงการ", "3", "เป้าหมายหลัก",
            "เป้าหมายหลักต้องเป็นตัวเลข 1 ถึง 17 เช่น 2, 'SDG 2' หรือ 'เป้าหมายที่ 2' แต่พบ '18' (“18”)",
            "เขียนหมายเลขเป้าหมาย 1-17 (เช่น 2 หรือ SDG 2)"] in rows
    budget = next(r for r in rows if r[3] == "งบประมาณ (บาท)")
    assert budget[:3] == ["ข้อผิดพลาด", "โครงการ", "3"]
    assert budget[4].startswith("ต้องเป็นจำนวนเงินบาท เช่น") and budget[5].startswith("เขียนจำนวนเงินเป็นบาท")
    assert "goal must be" not in thai_page.text and "write the amount" not in thai_page.text

    english = s.post(instance.url + "/intake?lang=en", data={"csrf_token": token}, files=upload, timeout=120)
    assert any(r[3] == "เป้าหมายหลัก" and r[4].startswith("goal must be a number from 1 to 17")
               and r[5] == "write the goal number 1-17 (e.g. 2 or SDG 2)"
               for r in _problem_rows(english.text))

    ids = re.search(r'href="/intake/report.xlsx\?ids=([0-9,]+)"', thai_page.text)
    assert ids
    report = s.get(instance.url + f"/intake/report.xlsx?ids={ids.group(1)}", timeout=60)
    sheet = openpyxl.load_workbook(io.BytesIO(report.content)).active
    assert sheet is not None
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["แผนเชียงใหม่.xlsx", "โครงการ", 3, "เป้าหมายหลัก", "18",
            "เป้าหมายหลักต้องเป็นตัวเลข 1 ถึง 17 เช่น 2, 'SDG 2' หรือ 'เป้าหมายที่ 2' แต่พบ '18'",
            "เขียนหมายเลขเป้าหมาย 1-17 (เช่น 2 หรือ SDG 2)", "ข้อผิดพลาด"] in cells

    api = s.post(instance.url + "/api/v1/submissions", headers={"X-CSRFToken": token}, files=upload,
                 timeout=120).json()["submissions"][0]
    goal = next(e for e in api["errors"] if e["column"] == "เป้าหมายหลัก")
    assert (goal["file"], goal["sheet"], goal["row"]) == ("แผนเชียงใหม่.xlsx", "โครงการ", 3)
    assert goal["message"].startswith("goal must be") and goal["message_th"].startswith("เป้าหมายหลักต้องเป็น")
    assert goal["fix"] == "write the goal number 1-17 (e.g. 2 or SDG 2)"
    assert goal["fix_th"] == "เขียนหมายเลขเป้าหมาย 1-17 (เช่น 2 หรือ SDG 2)"
