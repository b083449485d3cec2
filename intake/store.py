"""The workflow store: one SQLite file in WAL mode (readers never wait for the writer), migrated on start.

Every worker process calls `open_store` at start; Alembic brings the schema up to date under a file
lock, so two workers starting together never both try to create the tables.
"""
from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from intake.config import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_engines: dict[str, Engine] = {}
_lock = threading.Lock()


@contextmanager
def file_lock(path: Path, blocking: bool = True) -> Iterator[bool]:
    """An exclusive lock held across processes; yields False at once when not blocking and taken."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    """WAL for concurrent readers, a busy timeout instead of 'database is locked', and foreign keys."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(settings: Settings) -> None:
    """Bring the schema to the newest revision (creating the store if needed)."""
    settings.ensure_folders()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", settings.store_url)
    with file_lock(settings.intake_dir / "migrate.lock"):
        command.upgrade(config, "head")


def engine(settings: Settings) -> Engine:
    """One engine per store file and process, migrated before first use."""
    url = settings.store_url
    with _lock:
        if url not in _engines:
            migrate(settings)
            created = create_engine(url, connect_args={"timeout": 10})
            event.listen(created, "connect", _pragmas)
            _engines[url] = created
        return _engines[url]


@contextmanager
def session(settings: Settings) -> Iterator[Session]:
    """A unit of work: committed when the block ends normally, rolled back otherwise."""
    factory = sessionmaker(engine(settings), expire_on_commit=False)
    with factory() as s, s.begin():
        yield s
