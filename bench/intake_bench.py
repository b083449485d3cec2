"""The intake's figures: a 20,000-row workbook uploaded and validated end to end, and a publish of the
national-scale set while dashboard users keep using the app.

The app runs as `make run` runs it, with its own intake folder, the national-scale inputs as the base
that submissions are laid over, and a copy of their database as the published file. A secretariat
account is made with the real CLI and logs in through the form. The upload is the API call a script
makes (multipart POST, answered after validation). The publish is `POST /api/v1/publish` (build,
keep, swap in, in the background: answered at once, then followed through GET /api/v1/builds/<id> to
its end) while simulated users (bench.loadtest) open pages and change filters; their latency is
taken over the publish's own window.
"""
from __future__ import annotations

import asyncio
import csv
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import requests
from openpyxl import Workbook

from bench.dash_client import DashClient
from bench.loadtest import KEEPALIVE_S, Client, Run, Settings, latency, user_factory, user_loop
from bench.serve import THREADS, WORKERS, Served

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-intake-password-2566"
ACCOUNT = "bench-secretariat"
WORKBOOK_ROWS = 20_000
TARGET_UPLOAD_S = 10.0
TARGET_PUBLISH_S = 90.0
TARGET_P95_MS = 300.0


def projects_workbook(national: Path, out: Path, rows: int = WORKBOOK_ROWS) -> dict[str, Any]:
    """A workbook of `rows` projects in the layout provinces send (the header of the inputs' CSV),
    taken from the newest year of the national-scale inputs."""
    source = sorted(national.glob("projects_*.csv"))[-1]
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("projects")
    written = 0
    with source.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        sheet.append(next(reader))
        for row in reader:
            if written >= rows:
                break
            sheet.append([_cell(v) for v in row])
            written += 1
    wb.save(out)
    return {"file": out.name, "rows": written, "bytes": out.stat().st_size, "from": source.name}


def _cell(value: str) -> Any:
    """Numbers as numbers, as Excel would hold them; everything else as text."""
    return int(value) if value.isdigit() and len(value) < 15 and not value.startswith("0") else value


def _login(url: str) -> tuple[requests.Session, str]:
    """Log in through the form as the page does; the session and its CSRF token."""
    s = requests.Session()
    page = s.get(url + "/login", timeout=60).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    if not token:
        raise RuntimeError("the login form has no CSRF field")
    reply = s.post(url + "/login", data={"name": ACCOUNT, "password": PASSWORD, "csrf_token": token.group(1)},
                   allow_redirects=False, timeout=60)
    if reply.status_code != 302:
        raise RuntimeError(f"login answered {reply.status_code}")
    body = s.get(url + "/api/v1/session", timeout=60).json()
    return s, str(body["csrf_token"])


def _followed(session: requests.Session, url: str, build_id: int, limit_s: float = 3600) -> dict[str, Any]:
    """A background publish's version, polled until it is no longer running."""
    deadline = time.monotonic() + limit_s
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        state = session.get(f"{url}/api/v1/builds/{build_id}", timeout=60).json()
        if state.get("status") != "running":
            return state
        time.sleep(1)
    return state


async def _crowd_during(url: str, users: int, work: Any) -> tuple[Any, Run, float, float]:
    """Run `work` (blocking, in a thread) while `users` simulated users use the dashboard."""
    run = Run(started=time.monotonic())
    stop = asyncio.Event()
    settings = Settings()
    probe = DashClient(url)
    make = user_factory(probe, "app")
    probe.close()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0, keepalive_timeout=KEEPALIVE_S),
                                     timeout=aiohttp.ClientTimeout(total=120)) as session:
        client = Client(session, url, run)
        master = random.Random(2566)
        tasks = [asyncio.create_task(user_loop(make(client, random.Random(master.random())), settings, stop))
                 for _ in range(users)]
        await asyncio.sleep(settings.think_max_s)  # every user has arrived
        began = time.monotonic() - run.started
        result = await asyncio.to_thread(work)
        ended = time.monotonic() - run.started
        stop.set()
        await asyncio.gather(*tasks)
    return result, run, began, ended


def intake_figures(national: Path, national_db: Path, work: Path, users: int = 50) -> dict[str, Any]:
    """Upload a 20,000-row workbook, then publish the national-scale set under a crowd of users."""
    root = work / "intake-bench"
    shutil.rmtree(root, ignore_errors=True)
    (root / "published").mkdir(parents=True)
    db = root / "published" / "sdg.duckdb"
    shutil.copyfile(national_db, db)
    env = {"SDG_INTAKE_DIR": str(root / "intake"), "SDG_BASE_DIR": str(national), "SDG_DB": str(db)}
    made = subprocess.run([sys.executable, "-m", "intake", "users", "add", ACCOUNT, "--role", "secretariat"],
                          cwd=ROOT, env={**os.environ, **env}, input=PASSWORD + "\n", capture_output=True,
                          text=True, timeout=120)
    if made.returncode != 0:
        return {"error": f"could not create the account: {made.stderr[-500:]}"}
    workbook = root / f"projects_{WORKBOOK_ROWS}.xlsx"
    book = projects_workbook(national, workbook)
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        served = Served("app:server", db, log=root / "gunicorn.log").__enter__()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    try:
        session, token = _login(served.url)
        began = time.perf_counter()
        with workbook.open("rb") as f:
            reply = session.post(served.url + "/api/v1/submissions", headers={"X-CSRFToken": token},
                                 files={"file": (workbook.name, f, "application/vnd.openxmlformats-"
                                                 "officedocument.spreadsheetml.sheet")}, timeout=600)
        upload_s = time.perf_counter() - began
        submissions = reply.json().get("submissions", []) if reply.status_code == 201 else []
        upload = {**book, "status_code": reply.status_code, "seconds": round(upload_s, 2),
                  "validation": [s.get("status") for s in submissions],
                  "errors": sum(len(s.get("errors", [])) for s in submissions),
                  "target_s": TARGET_UPLOAD_S, "met": reply.status_code == 201 and upload_s < TARGET_UPLOAD_S}

        def publish() -> dict[str, Any]:
            start = time.perf_counter()
            answer = session.post(served.url + "/api/v1/publish", json={"dry_run": False, "wait": False},
                                  headers={"X-CSRFToken": token}, timeout=900)
            answered_s = round(time.perf_counter() - start, 2)
            if answer.status_code != 202:
                return {"status_code": answer.status_code, "answered_s": answered_s,
                        "seconds": round(time.perf_counter() - start, 1), "counts": answer.text[-500:]}
            state = _followed(session, served.url, int(answer.json()["build_id"]))
            return {"status_code": 200 if state.get("status") == "succeeded" else 500,
                    "answered_s": answered_s, "seconds": round(time.perf_counter() - start, 1),
                    "status": state.get("status"), "counts": state.get("counts") or state.get("error")}

        published, run, began_s, ended_s = asyncio.run(_crowd_during(served.url, users, publish))
    finally:
        served.stop()
    during = [s.ms for s in run.samples if began_s <= s.at_s <= ended_s]
    lat = latency(during)
    errors = list(run.errors)
    return {
        "method": f"app under gunicorn ({WORKERS} workers x {THREADS} threads) with SDG_BASE_DIR = the "
                  "national-scale inputs; "
                  "upload = POST /api/v1/submissions answered after validation, client-side time; publish = "
                  f"POST /api/v1/publish while {users} simulated users (bench.loadtest mix and think time) "
                  "use the dashboard; their latency over the publish's window",
        "upload": upload,
        "publish": {**published, "target_s": TARGET_PUBLISH_S,
                    "met": published["status_code"] == 200 and published["seconds"] < TARGET_PUBLISH_S},
        "users_during_publish": {"users": users, "latency_ms": lat, "errors": len(errors),
                                 "error_samples": errors[:10], "target_p95_ms": TARGET_P95_MS,
                                 "met": bool(during and not errors and lat["p95"] < TARGET_P95_MS)},
    }
