"""Login attempt limits (Flask-Limiter) counted in one SQLite file, so every worker shares the count.

`limits` ships memory, Redis, Memcached and MongoDB storage; an in-memory count would be per worker
(two workers double the limit), and the intake already keeps its state in SQLite.
"""
from __future__ import annotations

import sqlite3
import threading
import time

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.storage import Storage

SCHEME = "intake-sqlite"
LOGIN_LIMIT = "5/minute"


class SQLiteStorage(Storage):
    """Fixed-window counters: one row per key with its count and when the window ends."""

    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012 (the base class declares it as a list)

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: object) -> None:
        super().__init__(uri, wrap_exceptions)
        self._path = (uri or "").removeprefix(f"{SCHEME}://")
        self._local = threading.local()
        with self._connection() as con:
            con.execute("CREATE TABLE IF NOT EXISTS counters "
                        "(key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires REAL NOT NULL)")

    def _connection(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self._path, timeout=10, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL")
            self._local.con = con
        return con

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        con = self._connection()
        con.execute("BEGIN IMMEDIATE")
        try:
            con.execute("DELETE FROM counters WHERE key = ? AND expires <= ?", [key, now])
            con.execute("INSERT OR IGNORE INTO counters VALUES (?, 0, ?)", [key, now + expiry])
            con.execute("UPDATE counters SET count = count + ? WHERE key = ?", [amount, key])
            row = con.execute("SELECT count FROM counters WHERE key = ?", [key]).fetchone()
            con.execute("COMMIT")
        except sqlite3.Error:
            con.execute("ROLLBACK")
            raise
        return int(row[0])

    def get(self, key: str) -> int:
        row = self._connection().execute(
            "SELECT count FROM counters WHERE key = ? AND expires > ?", [key, time.time()]).fetchone()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connection().execute(
            "SELECT expires FROM counters WHERE key = ? AND expires > ?", [key, time.time()]).fetchone()
        return float(row[0]) if row else time.time()

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        return self._connection().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counters WHERE key = ?", [key])


def login_name_key() -> str:
    """The user name typed at login, normalised, so guessing one account is limited from any address."""
    return "name:" + (request.form.get("name") or "").strip().casefold()[:64]


def address_key() -> str:
    """The client address, so one address cannot try many names."""
    return "addr:" + (get_remote_address() or "?")


def failed_login(response: object) -> bool:
    """Only failed attempts count: colleagues behind one address can still log in."""
    return getattr(response, "status_code", 0) == 401


# no default limits: only the routes that ask (login) are limited, the dashboard never is
limiter = Limiter(address_key, default_limits=[], headers_enabled=False, strategy="fixed-window")


def init_limiter(server: Flask, storage_path: str) -> None:
    """Counts go to the intake folder's SQLite file."""
    server.config["RATELIMIT_STORAGE_URI"] = f"{SCHEME}://{storage_path}"
    limiter.init_app(server)
