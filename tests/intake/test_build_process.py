"""A publish is built by a child process: its refusal or its death ends the version failed with one
clear sentence, the live database stays byte for byte what it was, and the next publish runs."""
from __future__ import annotations

import hashlib
import os
import signal
import time
from pathlib import Path

import pytest
import requests

from bench.serve import Served
from intake.build_process import CRASHED
from tests.intake.conftest import Instance, csrf_of
from tests.intake.test_publish_jobs import _state, _until_finished, _workers
from tests.intake.test_security import send

pytestmark = pytest.mark.slow
BAD_BUDGET = "ไม่ทราบ"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _start(instance: Instance, s: requests.Session) -> int:
    started = send(instance, s, "POST", "/api/v1/publish", csrf_of(instance, s),
                   json={"dry_run": False, "wait": False})
    assert started.status_code == 202, started.text[-500:]
    return int(started.json()["build_id"])


def test_a_build_the_etl_refuses_fails_clearly_and_changes_nothing(served: tuple[Instance, Served]) -> None:
    instance, _ = served
    s = instance.client("secretariat1")
    base = instance.base_dir / "projects_2566.csv"
    good = base.read_bytes()
    row = good.decode("utf-8-sig").splitlines()[1].split(",")
    row[0], row[3], row[7] = "11-2566-999", "โครงการงบไม่ระบุ", BAD_BUDGET
    base.write_bytes(good + (",".join(row) + "\n").encode())
    live = _digest(instance.db)
    try:
        preview = send(instance, s, "POST", "/api/v1/publish", csrf_of(instance, s), json={"dry_run": True})
        report = str(preview.json()["error"]["report"])
        assert preview.status_code == 400
        assert "projects_2566.csv, row 744" in report and BAD_BUDGET in report and "Traceback" not in report

        failed = _until_finished(instance, s, _start(instance, s))
        error = str(failed["error"])
        assert failed["status"] == "failed" and failed["current"] is False
        assert "projects_2566.csv, row 744" in error and BAD_BUDGET in error and "Traceback" not in error
        assert _digest(instance.db) == live
    finally:
        base.write_bytes(good)
    done = _until_finished(instance, s, _start(instance, s))  # the lock was released
    assert done["status"] == "succeeded" and done["current"] is True


def _build_child(workers: list[int], limit_s: float = 60) -> int:
    """The pid of the build process a worker started (polled until it appears)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent in workers and b"intake.build_process" in cmdline:
                return int(entry.name)
        time.sleep(0.02)
    raise AssertionError("no build process appeared")


def test_a_build_process_killed_midway_fails_clearly_and_changes_nothing(
        served: tuple[Instance, Served]) -> None:
    instance, server = served
    assert server.proc is not None
    s = instance.client("secretariat1")
    live = _digest(instance.db)
    build_id = _start(instance, s)
    child = _build_child(_workers(server.proc.pid))
    deadline = time.monotonic() + 30  # it lowers its own priority first thing after starting
    while os.getpriority(os.PRIO_PROCESS, child) <= os.getpriority(os.PRIO_PROCESS, server.proc.pid):
        assert time.monotonic() < deadline, "the build process kept the server's priority"
        time.sleep(0.01)
    assert _state(instance, s, build_id)["stage"] in ("build", "compare")
    os.kill(child, signal.SIGKILL)  # as the kernel's OOM killer would
    failed = _until_finished(instance, s, build_id)
    assert failed["status"] == "failed"
    assert failed["error"] == CRASHED.format(why=f"signal {int(signal.SIGKILL)}")
    assert _digest(instance.db) == live
    done = _until_finished(instance, s, _start(instance, s))
    assert done["status"] == "succeeded" and done["current"] is True
