"""An intake instance of the real app under gunicorn, with its own store, base inputs and database.

Accounts are made with the real CLI; clients are `requests` sessions that log in through the form.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from bench.serve import Served
from tests.conftest import RAW_DIR, ROOT, build_db

PASSWORD = "correct-horse-battery"


@dataclass
class Instance:
    """One running app with intake: where its state lives and its base URL."""

    url: str
    intake_dir: Path
    base_dir: Path
    db: Path

    def env(self) -> dict[str, str]:
        return {**os.environ, "SDG_INTAKE_DIR": str(self.intake_dir), "SDG_BASE_DIR": str(self.base_dir),
                "SDG_DB": str(self.db)}

    def cli(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        """`python -m intake ...` against this instance's store."""
        return subprocess.run([sys.executable, "-m", "intake", *args], cwd=ROOT, env=self.env(),
                              input=stdin, capture_output=True, text=True, timeout=60)

    def add_user(self, name: str, role: str, province: str | None = None) -> None:
        extra = ["--province", province] if province else []
        done = self.cli("users", "add", name, "--role", role, *extra, stdin=PASSWORD + "\n")
        assert done.returncode == 0, done.stderr

    def client(self, name: str | None = None, password: str = PASSWORD) -> requests.Session:
        """A browser-like client, logged in as `name` when given."""
        s = requests.Session()
        if name is not None:
            r = login(self, s, name, password)
            assert r.status_code == 302, (r.status_code, r.text[-500:])
        return s

    def stored_originals(self) -> list[Path]:
        folder = self.intake_dir / "originals"
        return sorted(folder.iterdir()) if folder.is_dir() else []


def csrf_of(instance: Instance, s: requests.Session) -> str:
    """The CSRF token of this client's session (from the API, as a script would get it)."""
    body = s.get(instance.url + "/api/v1/session", timeout=30).json()
    return str(body.get("csrf_token") or body["error"]["csrf_token"])


def login(instance: Instance, s: requests.Session, name: str, password: str) -> requests.Response:
    """POST the login form the way the page does (CSRF field from the form itself)."""
    page = s.get(instance.url + "/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token, "login form has no CSRF field"
    return s.post(instance.url + "/login", data={"name": name, "password": password,
                                                 "csrf_token": token.group(1)},
                  allow_redirects=False, timeout=30)


def start_instance(root: Path, workers: int = 2) -> tuple[Instance, Served]:
    """Copy the sample as the base inputs, build its database, serve the app over them."""
    base = root / "base"
    shutil.copytree(RAW_DIR, base)
    db = build_db(base, root / "published" / "sdg.duckdb")
    instance = Instance("", root / "intake", base, db)
    saved = dict(os.environ)
    os.environ.update(instance.env())
    try:
        served = Served("app:server", db, workers=workers, log=root / "gunicorn.log").__enter__()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    instance.url = served.url
    return instance, served


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Instance, Served]]:
    """A fresh instance per test module with one secretariat account, and its server (to stop or kill)."""
    inst, server = start_instance(tmp_path_factory.mktemp("served"))
    inst.add_user("secretariat1", "secretariat")
    try:
        yield inst, server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Instance]:
    """A fresh instance per test module, with a secretariat account and two province accounts."""
    inst, served = start_instance(tmp_path_factory.mktemp("intake"))
    inst.add_user("secretariat1", "secretariat")
    inst.add_user("chiangmai", "province", "50")
    inst.add_user("phuket", "province", "83")
    try:
        yield inst
    finally:
        served.stop()
