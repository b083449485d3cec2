"""A publish runs in the background: the API answers at once with the version and its state, a second
publish meanwhile gets 409, the version's state and the builds page follow it to the end, and a
publish cut off with its worker process ends as failed, not running forever."""
from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import requests

from bench.serve import Served
from tests.intake.conftest import Instance, csrf_of, start_instance
from tests.intake.test_security import projects_rows, send

pytestmark = pytest.mark.slow


def _state(instance: Instance, s: requests.Session, build_id: int) -> dict[str, object]:
    reply = s.get(f"{instance.url}/api/v1/builds/{build_id}", timeout=30)
    assert reply.status_code == 200
    body: dict[str, object] = reply.json()
    return body


def _projects(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM projects").fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()


def _until_finished(instance: Instance, s: requests.Session, build_id: int) -> dict[str, object]:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        state = _state(instance, s, build_id)
        if state["status"] != "running":
            return state
        time.sleep(0.5)
    raise AssertionError(f"version {build_id} still running after 300 s")


def test_publish_answers_at_once_and_is_followed_to_the_end(served: tuple[Instance, Served]) -> None:
    instance, _ = served
    s = instance.client("secretariat1")
    files = [("file", ("cm.csv", projects_rows("50")))]
    uploaded = send(instance, s, "POST", "/api/v1/submissions", csrf_of(instance, s), files=files)
    assert uploaded.status_code == 201
    before = _projects(instance.db)
    began = time.monotonic()
    started = send(instance, s, "POST", "/api/v1/publish", csrf_of(instance, s),
                   json={"dry_run": False, "wait": False})
    answered_s = time.monotonic() - began
    assert started.status_code == 202 and answered_s < 5, answered_s
    body = started.json()
    assert set(body) >= {"build_id", "dry_run", "counts", "summary", "lines", "status"}
    assert body["status"] == "running" and body["dry_run"] is False
    build_id = int(body["build_id"])

    again = send(instance, s, "POST", "/api/v1/publish", csrf_of(instance, s), json={"dry_run": False})
    assert again.status_code == 409
    running = _state(instance, s, build_id)
    assert running["status"] == "running" and running["stage"] in ("build", "compare", "swap")
    page = s.get(instance.url + "/intake/builds", timeout=30).text
    assert 'id="publish-progress"' in page and 'http-equiv="refresh"' in page
    assert 'class="build-status" data-status="running"' in page

    done = _until_finished(instance, s, build_id)
    assert done["status"] == "succeeded" and done["current"] is True and done["error"] is None, done["error"]
    counts = done["counts"]
    assert _projects(instance.db) == before - 65
    assert isinstance(counts, dict) and counts["projects"] == before - 68 + 3  # Chiang Mai's FY2566 replaced
    listed = s.get(instance.url + "/api/v1/builds", timeout=30).json()["builds"]
    assert listed[0]["id"] == build_id and listed[0]["status"] == "succeeded"
    page = s.get(instance.url + "/intake/builds", timeout=30).text
    assert 'id="publish-progress"' not in page and 'http-equiv="refresh"' not in page
    assert s.get(f"{instance.url}/api/v1/builds/{build_id + 100}", timeout=30).status_code == 404

    waited = send(instance, s, "POST", "/api/v1/publish", csrf_of(instance, s), json={"dry_run": False})
    assert waited.status_code == 200 and waited.json()["status"] == "succeeded"  # a small set: finished
    assert waited.json()["counts"]["projects"] == counts["projects"]


def _workers(master: int) -> list[int]:
    """The gunicorn workers of this master (its child processes)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                found.append(int(entry.name))
    return found


def test_a_publish_cut_off_with_its_worker_ends_failed(served: tuple[Instance, Served]) -> None:
    instance, server = served
    assert server.proc is not None
    s = instance.client("secretariat1")
    started = send(instance, s, "POST", "/api/v1/publish", csrf_of(instance, s),
                   json={"dry_run": False, "wait": False})
    assert started.status_code == 202
    build_id = int(started.json()["build_id"])
    for pid in _workers(server.proc.pid):  # the worker running the publish dies, as by OOM or kill
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 120
    state: dict[str, object] = {}
    while time.monotonic() < deadline:
        try:
            s = instance.client("secretariat1")
            state = _state(instance, s, build_id)
            break
        except (requests.ConnectionError, AssertionError):
            time.sleep(0.5)  # the master starts new workers
    assert state["status"] == "failed" and "publish again" in str(state["error"])
    assert state["current"] is False
    again = send(instance, s, "POST", "/api/v1/publish", csrf_of(instance, s), json={"dry_run": False})
    assert again.status_code == 200 and again.json()["status"] == "succeeded"


@pytest.fixture(scope="module")
def impatient(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Instance]:
    """An instance that never waits for a publish (SDG_PUBLISH_WAIT_S=0): every one goes to the background."""
    saved = os.environ.get("SDG_PUBLISH_WAIT_S")
    os.environ["SDG_PUBLISH_WAIT_S"] = "0"
    try:
        inst, server = start_instance(tmp_path_factory.mktemp("impatient"))
    finally:
        if saved is None:
            os.environ.pop("SDG_PUBLISH_WAIT_S")
        else:
            os.environ["SDG_PUBLISH_WAIT_S"] = saved
    inst.add_user("secretariat1", "secretariat")
    try:
        yield inst
    finally:
        server.stop()


def test_the_builds_page_follows_a_publish_it_confirmed(impatient: Instance) -> None:
    s = impatient.client("secretariat1")
    token = csrf_of(impatient, s)
    preview = s.post(impatient.url + "/intake/builds/publish", data={"csrf_token": token}, timeout=300)
    plan = re.search(r'name="plan" value="([0-9a-f]+)"', preview.text)
    assert preview.status_code == 200 and plan
    confirmed = s.post(impatient.url + "/intake/builds/publish",
                       data={"csrf_token": token, "confirm": "yes", "plan": plan.group(1)}, timeout=60)
    assert confirmed.status_code == 200
    assert "กำลังเผยแพร่ฉบับที่ 1 อยู่เบื้องหลัง" in confirmed.text
    assert 'id="publish-progress"' in confirmed.text and 'http-equiv="refresh"' in confirmed.text
    assert "restore-button" not in confirmed.text  # a running version cannot be restored
    done = _until_finished(impatient, s, 1)
    assert done["status"] == "succeeded", done["error"]
    english = s.get(impatient.url + "/intake/builds?lang=en", timeout=30).text
    assert 'data-status="succeeded">succeeded' in english and 'http-equiv="refresh"' not in english
