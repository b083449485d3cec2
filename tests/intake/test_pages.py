"""The intake's pages on a fresh instance: the first-account hint, the tracker, the template, English."""
from __future__ import annotations

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
