"""Every intake route and API call, asked the wrong way: no session, the wrong role, no CSRF token,
too big, a zip bomb, hostile file names, two publishes at once. Against the real app under gunicorn."""
from __future__ import annotations

import io
import json
import socket
import sqlite3
import threading
import time
import zipfile
from pathlib import Path

import pytest
import requests

from tests.conftest import RAW_DIR
from tests.intake.conftest import Instance, csrf_of, login

PAGE_ROUTES = [  # (method, path) of every intake page; all need a session
    ("GET", "/intake/tracker?year=2566"), ("GET", "/intake/builds"), ("GET", "/intake/template.xlsx"),
    ("GET", "/intake/report.xlsx?ids=1"), ("POST", "/intake"), ("POST", "/intake/builds/publish"),
    ("POST", "/intake/builds/1/restore"),
]
API_ROUTES = [
    ("GET", "/api/v1/session"), ("GET", "/api/v1/submissions?year=2566"), ("POST", "/api/v1/submissions"),
    ("GET", "/api/v1/tracker?year=2566"), ("POST", "/api/v1/publish"), ("GET", "/api/v1/builds"),
    ("POST", "/api/v1/builds/1/restore"), ("GET", "/api/v1/audit"),
]
SECRETARIAT_ONLY = [
    ("GET", "/intake/builds"), ("POST", "/intake/builds/publish"), ("POST", "/intake/builds/1/restore"),
    ("POST", "/api/v1/publish"), ("GET", "/api/v1/builds"), ("POST", "/api/v1/builds/1/restore"),
    ("GET", "/api/v1/audit"),
]
STATE_CHANGING = [r for r in PAGE_ROUTES + API_ROUTES if r[0] == "POST"] + [("POST", "/logout")]


def count(instance: Instance, table: str) -> int:
    con = sqlite3.connect(instance.intake_dir / "intake.sqlite")
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


def send(instance: Instance, s: requests.Session, method: str, path: str, token: str | None = None,
         **kwargs: object) -> requests.Response:
    # a fresh connection each time: a kept-alive one that gunicorn closes after 2 s idle can be reset
    # just as a POST goes out on it, and POSTs are not retried
    headers = {"Connection": "close", **({"X-CSRFToken": token} if token else {})}
    if path == "/api/v1/publish":
        kwargs.setdefault("json", {"dry_run": False})
    return s.request(method, instance.url + path, headers=headers, allow_redirects=False, timeout=120,
                     **kwargs)  # type: ignore[arg-type]


def upload(instance: Instance, s: requests.Session, files: list[tuple[str, bytes]]) -> requests.Response:
    parts = [("file", (name, io.BytesIO(data))) for name, data in files]
    return send(instance, s, "POST", "/api/v1/submissions", csrf_of(instance, s), files=parts)


def projects_rows(code: str) -> bytes:
    """The header and three of one province's projects from the sample."""
    lines = (RAW_DIR / "projects_2566.csv").read_text(encoding="utf-8-sig").splitlines()
    return ("\n".join([lines[0], *[ln for ln in lines[1:] if ln.startswith(f"{code}-")][:3]]) + "\n").encode()


@pytest.mark.parametrize(("method", "path"), PAGE_ROUTES)
def test_pages_without_a_session_redirect_to_login(instance: Instance, method: str, path: str) -> None:
    s = instance.client()
    r = send(instance, s, method, path, csrf_of(instance, s))
    assert r.status_code == 302
    assert r.headers["Location"].startswith("/login?next=")


def test_upload_page_without_a_session_redirects_and_login_page_is_public(instance: Instance) -> None:
    s = instance.client()
    assert send(instance, s, "GET", "/intake").headers["Location"] == "/login?next=/intake"
    assert send(instance, s, "GET", "/login").status_code == 200


@pytest.mark.parametrize(("method", "path"), API_ROUTES)
def test_api_without_a_session_is_401_json(instance: Instance, method: str, path: str) -> None:
    r = send(instance, instance.client(), method, path)
    assert r.status_code == 401
    assert r.json()["error"]["status"] == 401


@pytest.mark.parametrize(("method", "path"), SECRETARIAT_ONLY)
def test_province_account_gets_403_on_secretariat_routes(instance: Instance, method: str, path: str) -> None:
    s = instance.client("chiangmai")
    r = send(instance, s, method, path, csrf_of(instance, s))
    assert r.status_code == 403
    if path.startswith("/api/"):
        assert r.json()["error"]["status"] == 403


def test_province_account_cannot_upload_for_another_province(instance: Instance) -> None:
    s = instance.client("chiangmai")
    before = (count(instance, "submissions"), len(instance.stored_originals()))
    r = upload(instance, s, [("mine.csv", projects_rows("50")), ("phuket.csv", projects_rows("83"))])
    assert r.status_code == 403
    rows = r.json()["error"]["rows"]
    assert {(x["file"], x["province"]) for x in rows} == {("phuket.csv", "83")}
    assert sorted(x["row"] for x in rows) == [2, 3, 4]
    assert (count(instance, "submissions"), len(instance.stored_originals())) == before
    # its own province goes through, and only its own uploads are listed back to it
    assert upload(instance, s, [("mine.csv", projects_rows("50"))]).status_code == 201
    other = instance.client("phuket")
    assert upload(instance, other, [("p.csv", projects_rows("83"))]).status_code == 201
    mine = s.get(instance.url + "/api/v1/submissions", timeout=30).json()["submissions"]
    assert mine and {x["uploaded_by"] for x in mine} == {"chiangmai"}
    theirs = other.get(instance.url + "/api/v1/submissions", timeout=30).json()["submissions"][0]["id"]
    assert s.get(instance.url + f"/intake/report.xlsx?ids={theirs}", timeout=30).status_code == 404
    tracker = s.get(instance.url + "/api/v1/tracker?year=2566", timeout=30).json()["provinces"]
    assert [p["province"] for p in tracker] == ["50"]


@pytest.mark.parametrize(("method", "path"), STATE_CHANGING)
def test_state_changes_without_csrf_are_400(instance: Instance, method: str, path: str) -> None:
    s = instance.client("secretariat1")
    before = (count(instance, "submissions"), count(instance, "builds"))
    files = {"files": [("file", ("p.csv", io.BytesIO(projects_rows("50"))))]} if "submissions" in path \
        or path == "/intake" else {}
    r = send(instance, s, method, path, None, **files)
    assert r.status_code == 400
    if path.startswith("/api/"):
        assert r.json()["error"]["status"] == 400
    assert (count(instance, "submissions"), count(instance, "builds")) == before
    assert s.get(instance.url + "/api/v1/session", timeout=30).status_code == 200  # still logged in


def test_wrong_token_is_400_too(instance: Instance) -> None:
    s = instance.client("secretariat1")
    r = send(instance, s, "POST", "/api/v1/publish", "not-a-token")
    assert r.status_code == 400


def zip_bomb() -> bytes:
    """A valid .xlsx-shaped zip whose one part is 40 MB of zeros (expands about 1000 times)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as part:
            for _ in range(40):
                part.write(b"\0" * (1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(("name", "data"), [
    ("big.xlsx", b"PK\x03\x04" + b"\0" * (51 * 1024 * 1024)),
    ("bomb.xlsx", zip_bomb()),
])
def test_oversized_and_zip_bomb_uploads_are_413_and_store_nothing(instance: Instance, name: str,
                                                                   data: bytes) -> None:
    s = instance.client("secretariat1")
    before = (count(instance, "submissions"), instance.stored_originals())
    r = upload(instance, s, [("fine.csv", projects_rows("50")), (name, data)])
    assert r.status_code == 413
    assert r.json()["error"]["file"] == name
    assert (count(instance, "submissions"), instance.stored_originals()) == before
    assert not [p for p in (instance.intake_dir / "work").iterdir() if p.name.startswith("upload-")]


def post_paced(instance: Instance, s: requests.Session, path: str, parts: list[tuple[str, int]],
               headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """A multipart upload sent as a browser on a network sends it: the whole body, a megabyte at a
    time with pauses, and only then the answer read. Files are (name, size): a zip header then zeros
    for .xlsx, text for anything else."""
    host, port = instance.url.removeprefix("http://").split(":")
    boundary = "sdg-paced-boundary"
    heads = [(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
              f"Content-Type: application/octet-stream\r\n\r\n").encode() for name, _ in parts]
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = (sum(len(h) + size for h, (_, size) in zip(heads, parts, strict=True))
              + 2 * (len(parts) - 1) + len(tail))
    cookie = "; ".join(f"{k}={v}" for k, v in s.cookies.items())
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", f"Cookie: {cookie}", "Connection: close",
             f"Content-Type: multipart/form-data; boundary={boundary}", f"Content-Length: {length}",
             *(f"{k}: {v}" for k, v in headers.items())]
    with socket.create_connection((host, int(port)), timeout=120) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        for i, (head, (name, size)) in enumerate(zip(heads, parts, strict=True)):
            sock.sendall((b"\r\n" if i else b"") + head)
            chunk = (b"PK\x03\x04" + b"\0" * (1024 * 1024 - 4) if name.endswith(".xlsx")
                     else b"x" * 1024 * 1024)
            for start in range(0, size, len(chunk)):
                sock.sendall(chunk[: size - start])  # a reset here is what a refusal must never cause
                if start % (8 * len(chunk)) == 0:
                    time.sleep(0.02)
        sock.sendall(tail)
        answer = b""
        while data := sock.recv(65536):
            answer += data
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in header_lines)
    return int(status_line.split()[1]), fields, body


@pytest.mark.parametrize(("path", "extra", "kind"), [
    ("/api/v1/submissions", {}, "application/json"),
    ("/intake", {}, "text/html"),
    ("/intake", {"X-Requested-With": "fetch"}, "text/html"),
])
def test_a_request_over_the_limit_is_answered_413_not_reset(instance: Instance, path: str,
                                                             extra: dict[str, str], kind: str) -> None:
    s = instance.client("secretariat1")
    token = csrf_of(instance, s)
    before = (count(instance, "submissions"), instance.stored_originals())
    status, fields, body = post_paced(instance, s, path, [("big.csv", 101 * 1024 * 1024)],
                                      {"X-CSRFToken": token, **extra})
    assert status == 413 and fields["Content-Type"].startswith(kind)
    if kind == "application/json":
        assert json.loads(body)["error"]["status"] == 413
    else:
        assert "413" in body.decode() or "upload-refused" in body.decode()
    assert (count(instance, "submissions"), instance.stored_originals()) == before


def test_a_file_over_its_limit_mid_request_is_answered_413_not_reset(instance: Instance) -> None:
    s = instance.client("secretariat1")
    status, _, body = post_paced(instance, s, "/api/v1/submissions",
                                 [("big.xlsx", 52 * 1024 * 1024), ("after.csv", 20 * 1024 * 1024)],
                                 {"X-CSRFToken": csrf_of(instance, s)})
    assert status == 413 and json.loads(body)["error"]["file"] == "big.xlsx"


def test_content_decides_the_type(instance: Instance) -> None:
    s = instance.client("secretariat1")
    png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 100
    r = upload(instance, s, [("plans.csv", png)])
    assert r.status_code == 400 and r.json()["error"]["file"] == "plans.csv"
    # a CSV named .xlsx is read as the CSV it is
    r = upload(instance, s, [("projects.xlsx", projects_rows("50"))])
    assert r.status_code == 201 and r.json()["submissions"][0]["status"] == "valid"


@pytest.mark.parametrize("name", ["../../../../tmp/evil.csv", "..\\..\\evil.csv", "a\x00b.csv",
                                  "/etc/passwd"])
def test_hostile_file_names_stay_names(instance: Instance, tmp_path: Path, name: str) -> None:
    s = instance.client("secretariat1")
    r = upload(instance, s, [(name, projects_rows("50"))])
    assert r.status_code == 201, r.text
    shown = r.json()["submissions"][0]["file"]
    assert "/" not in shown and "\\" not in shown and "\x00" not in shown and not shown.startswith(".")
    stored = instance.stored_originals()
    assert all(p.parent == instance.intake_dir / "originals" for p in stored)
    assert all(len(p.stem) == 64 for p in stored)
    assert not Path("/tmp/evil.csv").exists()


def test_two_publishes_at_once_one_gets_409(instance: Instance) -> None:
    s1, s2 = instance.client("secretariat1"), instance.client("secretariat1")
    tokens = [csrf_of(instance, s1), csrf_of(instance, s2)]
    results: list[int] = []
    barrier = threading.Barrier(2)

    def go(s: requests.Session, token: str) -> None:
        barrier.wait()
        answer = send(instance, s, "POST", "/api/v1/publish", token, json={"dry_run": False})
        results.append(answer.status_code)

    threads = [threading.Thread(target=go, args=(s, t)) for s, t in zip((s1, s2), tokens, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 409]
    builds = s1.get(instance.url + "/api/v1/builds", timeout=30).json()["builds"]
    assert builds[0]["current"] and builds[0]["kind"] == "publish"
    events = s1.get(instance.url + "/api/v1/audit", timeout=30).json()["events"]
    assert next(e["detail"]["build"] for e in events if e["action"] == "publish") == builds[0]["id"]


def test_unknown_api_paths_and_bad_parameters_answer_json(instance: Instance) -> None:
    s = instance.client("secretariat1")
    assert s.get(instance.url + "/api/v1/nothing", timeout=30).json()["error"]["status"] == 404
    bad = s.get(instance.url + "/api/v1/tracker?year=abc", timeout=30)
    assert bad.status_code == 400 and bad.json()["error"]["status"] == 400
    body = send(instance, s, "POST", "/api/v1/publish", csrf_of(instance, s), json={"dry_run": "yes"})
    assert body.status_code == 400
    missing = send(instance, s, "POST", "/api/v1/builds/9999/restore", csrf_of(instance, s))
    assert missing.status_code == 404


def test_logout_ends_the_session_and_the_audit_log_names_who_what_and_where(instance: Instance) -> None:
    assert login(instance, instance.client(), "secretariat1", "wrong password").status_code == 401
    leaving = instance.client("chiangmai")
    r = send(instance, leaving, "POST", "/logout", csrf_of(instance, leaving))
    assert r.status_code == 302 and r.headers["Location"] == "/"
    assert leaving.get(instance.url + "/api/v1/session", timeout=30).status_code == 401
    s = instance.client("secretariat1")
    assert upload(instance, s, [("audit.csv", projects_rows("50"))]).status_code == 201
    events = s.get(instance.url + "/api/v1/audit", timeout=30).json()["events"]
    assert {"login", "login_failed", "logout", "upload", "account"} <= {e["action"] for e in events}
    assert all(e["address"] for e in events)
    failed = next(e for e in events if e["action"] == "login_failed")
    assert failed["user"] == "secretariat1" and failed["address"] == "127.0.0.1" and failed["at"]
    assert next(e for e in events if e["action"] == "logout")["user"] == "chiangmai"
