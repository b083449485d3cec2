"""The accounts CLI and the login page against a real store and the real app."""
from __future__ import annotations

import sqlite3

import pytest

from tests.intake.conftest import PASSWORD, Instance, csrf_of, login


def test_cli_lists_adds_disables_and_resets(instance: Instance) -> None:
    listed = instance.cli("users", "list")
    assert listed.returncode == 0
    assert "chiangmai\tprovince\t50\tactive" in listed.stdout
    generated = instance.cli("users", "add", "temp1", "--role", "province", "--province", "ภูเก็ต")
    assert generated.returncode == 0 and "password (shown once): " in generated.stdout
    password = generated.stdout.rsplit("password (shown once): ", 1)[1].strip()
    assert login(instance, instance.client(), "temp1", password).status_code == 302
    assert instance.cli("users", "reset-password", "temp1", stdin="another-password-1\n").returncode == 0
    assert login(instance, instance.client(), "temp1", password).status_code == 401
    assert instance.cli("users", "disable", "temp1").returncode == 0
    assert login(instance, instance.client(), "temp1", "another-password-1").status_code == 401
    assert "temp1\tprovince\t83\tdisabled" in instance.cli("users", "list").stdout


@pytest.mark.parametrize(("args", "message"), [
    (["users", "add", "x1", "--role", "province"], "needs --province"),
    (["users", "add", "x2", "--role", "secretariat", "--province", "50"], "not tied to a province"),
    (["users", "add", "x3", "--role", "province", "--province", "Atlantis"], "unknown province"),
    (["users", "add", "chiangmai", "--role", "province", "--province", "50"], "already exists"),
    (["users", "disable", "nobody"], "no user"),
])
def test_cli_refuses_with_a_reason(instance: Instance, args: list[str], message: str) -> None:
    done = instance.cli(*args, stdin=PASSWORD + "\n")
    assert done.returncode == 1
    assert message in done.stderr


def test_passwords_are_argon2_and_audit_is_append_only(instance: Instance) -> None:
    con = sqlite3.connect(instance.intake_dir / "intake.sqlite")
    try:
        hashes = [h for (h,) in con.execute("SELECT password_hash FROM users")]
        assert hashes and all(h.startswith("$argon2id$") for h in hashes)
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute("DELETE FROM audit")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute("UPDATE audit SET action = 'x'")
    finally:
        con.close()
    assert (instance.intake_dir / "secret_key").stat().st_mode & 0o777 == 0o600


def test_session_id_changes_at_login_and_the_old_cookie_stays_anonymous(instance: Instance) -> None:
    s = instance.client()
    csrf_of(instance, s)
    before = s.cookies.get("sdg_session")
    assert before
    response = login(instance, s, "secretariat1", PASSWORD)
    assert response.status_code == 302
    cookie = next(c for c in response.raw.headers.getlist("Set-Cookie") if "sdg_session" in c)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    after = s.cookies.get("sdg_session")
    assert after and after != before
    fixed = instance.client()
    fixed.cookies.set("sdg_session", before)
    assert fixed.get(instance.url + "/api/v1/session", timeout=30).status_code == 401
    assert s.get(instance.url + "/api/v1/session", timeout=30).json()["user"] == "secretariat1"


def test_login_refused_without_csrf(instance: Instance) -> None:
    s = instance.client()
    r = s.post(instance.url + "/login", data={"name": "secretariat1", "password": PASSWORD},
               allow_redirects=False, timeout=30)
    assert r.status_code == 400
    assert s.get(instance.url + "/api/v1/session", timeout=30).status_code == 401


def test_cookie_is_secure_when_the_request_came_over_https(instance: Instance) -> None:
    s = instance.client()
    https = {"X-Forwarded-Proto": "https"}  # as a TLS proxy on the same host tells gunicorn
    page = s.get(instance.url + "/login", timeout=30).text  # (a Secure cookie would not come back over http)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    form = {"name": "secretariat1", "password": PASSWORD, "csrf_token": token}
    # over HTTPS the CSRF check also wants a same-origin Referer, which browsers send
    without_referer = s.post(instance.url + "/login", data=form, headers=https, allow_redirects=False,
                             timeout=30)
    assert without_referer.status_code == 400
    referer = instance.url.replace("http://", "https://") + "/login"
    r = s.post(instance.url + "/login", data=form, headers={**https, "Referer": referer},
               allow_redirects=False, timeout=30)
    assert r.status_code == 302
    cookie = next(c for c in r.raw.headers.getlist("Set-Cookie") if "sdg_session" in c)
    assert "Secure" in cookie and "HttpOnly" in cookie
    plain = login(instance, instance.client(), "secretariat1", PASSWORD)
    assert "Secure" not in next(c for c in plain.raw.headers.getlist("Set-Cookie") if "sdg_session" in c)


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example"])
def test_login_never_redirects_off_site(instance: Instance, target: str) -> None:
    s = instance.client()
    page = s.get(instance.url + "/login", timeout=30).text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    r = s.post(instance.url + "/login", params={"next": target},
               data={"name": "secretariat1", "password": PASSWORD, "csrf_token": token},
               allow_redirects=False, timeout=30)
    assert r.status_code == 302 and r.headers["Location"] == "/intake"


def test_public_dashboard_is_untouched_by_sessions(instance: Instance) -> None:
    s = instance.client("secretariat1")
    for path in ("/", "/province/50", "/assets/01-bootstrap.min.css"):
        r = s.get(instance.url + path, timeout=60)
        assert r.status_code == 200
        assert "Cookie" not in r.headers.get("Vary", "") and "Set-Cookie" not in r.headers
    home = instance.client().get(instance.url + "/", timeout=60).text
    assert "intake.js" not in home and "intake.css" not in home  # the intake's assets stay on its pages
