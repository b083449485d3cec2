"""Security headers on every kind of response, a CSP that allows only the app's own origin (and
exactly the inline scripts Dash ships), and a database the app can only read.
"""
from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pytest

from bench.dash_client import DashClient, callback_payload, find_dependency, page_payload
from bench.serve import free_port
from dashboard.data.db import Database
from dashboard.server.security import callback_problem, content_security_policy
from tests.conftest import ROOT, LiveServer

EXPECTED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "SAMEORIGIN",
    "referrer-policy": "same-origin",
}


def fetch(server: LiveServer, method: str, path: str, body: Any = None) -> tuple[int, dict[str, str], bytes]:
    return fetch_url(server.url, path, method, body)


def fetch_url(base: str, path: str, method: str = "GET",
              body: Any = None) -> tuple[int, dict[str, str], bytes]:
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=120)
    try:
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        headers = {"Content-Type": "application/json"} if data is not None else {}
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- headers

RESPONSES = {
    "page": ("GET", "/", None, 200),
    "province page": ("GET", "/province/50", None, 200),
    "unknown page (Dash renders its not-found view)": ("GET", "/no-such-page", None, 404),
    "asset": ("GET", "/assets/01-bootstrap.min.css", None, 200),
    "component suite": ("GET", "/_dash-component-suites/plotly/package_data/plotly.min.js", None, 200),
    "layout": ("GET", "/_dash-layout", None, 200),
    "dependencies": ("GET", "/_dash-dependencies", None, 200),
    "callback": ("POST", "/_dash-update-component", page_payload("/", "?year=2566"), 200),
    "export": ("GET", "/export/data.csv?year=2566", None, 200),
    "export, unknown province": ("GET", "/export/data.csv?province=99", None, 404),
    "404": ("GET", "/assets/no-such-file.js", None, 404),
    "400": ("POST", "/_dash-update-component", b"{broken", 400),
    "405": ("DELETE", "/", None, 405),
}


@pytest.mark.parametrize("name", list(RESPONSES))
def test_security_headers_on_every_response(live_server: LiveServer, name: str) -> None:
    method, path, body, status = RESPONSES[name]
    got, headers, _ = fetch(live_server, method, path, body)
    assert got == status
    for header, value in EXPECTED.items():
        assert headers.get(header) == value, header
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'self'" in csp


def test_csp_names_no_other_origin(live_server: LiveServer) -> None:
    _, headers, _ = fetch(live_server, "GET", "/")
    directives = dict(d.strip().split(" ", 1) for d in headers["content-security-policy"].split(";"))
    for name, sources in directives.items():
        for source in sources.split():
            assert source in ("'self'", "'none'", "'unsafe-inline'", "data:", "blob:") or \
                re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", source), f"{name} allows {source}"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == "'none'"


def test_csp_allows_exactly_the_inline_scripts_of_the_page(live_server: LiveServer) -> None:
    """Every executable inline script the index page carries is allowed by its hash, and no more."""
    _, headers, body = fetch(live_server, "GET", "/")
    page = re.sub(r"<!--.*?-->", "", body.decode(), flags=re.S)  # e.g. Dash's old-IE notice
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", page, flags=re.S)
    executable = [text for attrs, text in inline
                  if "application/json" not in attrs and text.strip()]
    assert executable, "Dash's renderer bootstrap should be inline"
    allowed = re.findall(r"'sha256-([^']+)'", headers["content-security-policy"])
    for text in executable:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert digest in allowed
    assert len(allowed) >= len(executable)


def test_policy_text() -> None:
    csp = content_security_policy(["'sha256-abc='"])
    assert csp.startswith("default-src 'self'; script-src 'self' 'sha256-abc='")
    assert "*" not in csp and "http" not in csp


@pytest.mark.parametrize(("body", "problem"), [
    ([], "the body must be a JSON object"),
    ({"output": "x"}, "unknown callback output"),
    ({"output": "a.b", "inputs": "x"}, "'inputs' must list exactly the callback's inputs"),
    ({"output": "a.b", "inputs": [{"id": "i"}]}, "every entry of 'inputs' needs an id and a property"),
    ({"output": "a.b", "inputs": [{"id": "i", "property": "v"}], "outputs": 3},
     "'outputs' must name ids and properties"),
    ({"output": "a.b", "inputs": [{"id": "i", "property": "v"}], "changedPropIds": [1]},
     "'changedPropIds' must be a short list of strings"),
    ({"output": "a.b", "inputs": [{"id": "i", "property": "v"}], "outputs": {"id": "a", "property": "b"},
      "changedPropIds": ["i.v"]}, None),
])
def test_callback_shape_check(body: Any, problem: str | None) -> None:
    callback_map = {"a.b": {"inputs": [{"id": "i", "property": "v"}], "state": []}}
    assert callback_problem(body, callback_map) == problem


# ---------------------------------------------------------------- read-only database

WRITES = [
    "CREATE TABLE sdg.evil (x INTEGER)",
    "INSERT INTO projects SELECT * FROM projects LIMIT 1",
    "UPDATE projects SET title = 'x'",
    "DELETE FROM projects",
    "DROP TABLE projects",
    "ALTER TABLE projects ADD COLUMN evil INTEGER",
    "CREATE VIEW sdg.v AS SELECT 1",
    "COPY (SELECT 1) TO '{tmp}/leak.csv'",
    "ATTACH '{tmp}/other.duckdb' AS other",
    "SET enable_external_access = true",
    "INSTALL httpfs",
    "COMMENT ON TABLE projects IS 'x'",
    "CREATE SEQUENCE sdg.s",
]


@pytest.fixture
def db_copy(sample_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "sdg.duckdb"
    shutil.copy2(sample_db, target)
    return target


@pytest.mark.parametrize("sql", WRITES)
def test_app_connection_cannot_write(db_copy: Path, sql: str) -> None:
    before = sha256(db_copy)
    snap = Database(db_copy).snapshot()
    assert snap.df("SELECT count(*) AS n FROM projects")["n"].iloc[0] > 0
    with pytest.raises(duckdb.Error):
        snap.cursor.execute(sql.format(tmp=db_copy.parent))
    assert sha256(db_copy) == before
    assert sorted(p.name for p in db_copy.parent.iterdir()) == ["sdg.duckdb"]


def test_served_database_unchanged_by_a_session_of_requests(live_server: LiveServer, sample_db: Path) -> None:
    before = sha256(sample_db)
    client = DashClient(live_server.url)
    deps = client.get_json("/_dash-dependencies")
    update = find_dependency(deps, "..province-map.figure")
    for pathname, search in [("/", ""), ("/", "?goal=3&region=n"), ("/province/50", "?year=2566"),
                             ("/pilots", ""), ("/no-such-page", "")]:
        assert client.call(page_payload(pathname, search)).status == 200
    for metric in ("projects", "goal_projects", "completeness"):
        reply = client.call(callback_payload(update, {"year-filter.value": 2566, "map-metric.value": metric},
                                             ["map-metric.value"]))
        assert reply.status == 200
    for path in ("/export/data.csv", "/export/data.xlsx?goal=1"):
        assert client.request("GET", path).status == 200
    client.close()
    assert sha256(sample_db) == before
    assert not sample_db.with_name(sample_db.name + ".wal").exists()


# ---------------------------------------------------------------- errors

EXPLODING_APP = """
import json
from dash import Dash, html
from dashboard.server.security import register_security

app = Dash(__name__)
app.layout = html.Div("ok")
register_security(app.server, app)

@app.server.route("/explode")
def explode():
    raise ZeroDivisionError("secret detail")

client = app.server.test_client()
out = {}
for path in ("/explode", "/assets/no-such-file.css"):
    r = client.get(path)
    out[path] = {"status": r.status_code, "body": r.get_data(as_text=True),
                 "csp": r.headers.get("Content-Security-Policy", "")}
print(json.dumps(out))
"""


def test_unhandled_error_is_a_short_page_without_traceback() -> None:
    """A bug in a route (here a route that raises) answers a short Thai/English 500, headers included;
    the traceback goes to the log only. Run in its own process: a second Dash app would replace
    the global one of this test session."""
    result = subprocess.run([sys.executable, "-c", EXPLODING_APP], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    error, missing = answers["/explode"], answers["/assets/no-such-file.css"]
    assert error["status"] == 500 and missing["status"] == 404
    for answer in (error, missing):
        assert len(answer["body"]) < 2000
        assert "Traceback" not in answer["body"] and "secret detail" not in answer["body"]
        assert "default-src 'self'" in answer["csp"]
    assert "ระบบขัดข้อง" in error["body"] and "Something went wrong" in error["body"]
    assert "ไม่พบหน้า" in missing["body"] and "not found" in missing["body"]
    assert "ZeroDivisionError: secret detail" in result.stderr  # logged for the operator


# ---------------------------------------------------------------- a fresh worker's first requests

def cold_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    """gunicorn, one worker with eight threads, not warmed up: returns once the port accepts."""
    port = free_port()
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "8", "app:server"],
        cwd=ROOT, env={**os.environ, "SDG_DB": str(db)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise AssertionError("gunicorn did not listen within 60 s")


@pytest.mark.parametrize("attempt", range(3))
def test_first_requests_to_a_fresh_worker_all_succeed(sample_db: Path, live_server: LiveServer,
                                                      attempt: int) -> None:
    """Eight requests at once as the very first a worker sees: every callback is found (Dash's own
    setup is not thread-safe), and the page's CSP still hashes every inline script."""
    deps = DashClient(live_server.url).get_json("/_dash-dependencies")
    update = find_dependency(deps, "..province-map.figure")
    payloads = [page_payload("/", ""), callback_payload(update, {"year-filter.value": 2566},
                                                        ["year-filter.value"])] * 4
    proc, url = cold_server(sample_db)
    try:
        statuses: list[int] = []

        def hit(payload: dict[str, Any]) -> None:
            client = DashClient(url)
            statuses.append(client.call(payload).status)
            client.close()

        threads = [threading.Thread(target=hit, args=(p,)) for p in payloads]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert statuses == [200] * len(payloads)
        _, headers, body = fetch_url(url, "/")
        page = re.sub(r"<!--.*?-->", "", body.decode(), flags=re.S)
        allowed = re.findall(r"'sha256-([^']+)'", headers["content-security-policy"])
        for attrs, text in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", page, flags=re.S):
            if "application/json" not in attrs and text.strip():
                assert base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() in allowed
    finally:
        proc.terminate()
        proc.wait(timeout=30)
