"""Read-only access to the DuckDB file the ETL builds, surviving rebuilds without a restart.

One connection per process, one cursor per thread. The ETL replaces the file atomically
(temp file, then rename), so a changed inode, mtime or size means a new build: the next
request opens the new file, while requests already running finish on the old connection
(its open file handle still points at the old inode). Each request takes one `Snapshot`
and runs all its queries on it, so it sees the old data or the new, never a mix.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = ROOT / "data" / "sdg.duckdb"
DB_ENV = "SDG_DB"
CATALOG = "sdg"
# Tables and columns the app reads that older builds may lack (an old file gets the friendly error
# page, not a 500).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "dataset": ("source", "source_th", "is_sample", "built_at", "default_year"),
    "project_counts": ("fiscal_year", "province_code", "goal", "projects"),
    "project_status_counts": ("fiscal_year", "province_code", "goal", "status", "projects", "budget_thb"),
}


class DatabaseUnavailable(RuntimeError):
    """The database file is missing, unreadable or not a DuckDB file built by the ETL."""


def db_path() -> Path:
    """The DuckDB file to serve: env SDG_DB, else data/sdg.duckdb in the repository."""
    configured = os.environ.get(DB_ENV, "").strip()
    path = Path(configured) if configured else DEFAULT_DB
    return path if path.is_absolute() else ROOT / path


def _file_token(path: Path) -> str:
    """Identity of one build of the file: inode, mtime and size change on every rebuild."""
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise DatabaseUnavailable(f"database file not found: {path.name}") from exc
    except OSError as exc:
        raise DatabaseUnavailable(f"database file cannot be read: {path.name}") from exc
    return f"{st.st_ino:x}-{st.st_mtime_ns:x}-{st.st_size:x}"


@dataclass(frozen=True)
class Snapshot:
    """One request's view of the database: a cursor on one build, and that build's token."""

    cursor: duckdb.DuckDBPyConnection
    version: str

    def df(self, sql: str, params: dict[str, object] | list[object] | None = None) -> pd.DataFrame:
        """Run one parameterised query and return its rows as a DataFrame."""
        return self.cursor.execute(sql, params or {}).df()


@dataclass
class _Build:
    """An open read-only connection to one build of the file."""

    version: str
    connection: duckdb.DuckDBPyConnection


@dataclass
class Database:
    """The process-wide handle: reopens when the file changes, hands out per-thread cursors."""

    path: Path
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _build: _Build | None = None
    _local: threading.local = field(default_factory=threading.local)

    def _open(self, version: str) -> _Build:
        # ATTACH into a private in-memory instance rather than duckdb.connect(path): connect()
        # reuses a cached instance per path, which would keep serving the replaced file.
        try:
            conn = duckdb.connect(":memory:")
            conn.execute(f"ATTACH ? AS {CATALOG} (READ_ONLY)", [str(self.path)])
            conn.execute("SET enable_external_access = false")
            conn.execute("SET lock_configuration = true")
            conn.execute(f"SELECT count(*) FROM {CATALOG}.dataset").fetchone()
            present = set(conn.execute(
                "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = ?",
                [CATALOG]).fetchall())
        except duckdb.Error as exc:
            raise DatabaseUnavailable(f"database cannot be opened: {exc}") from exc
        tables = {table for table, _ in present}
        missing = [table if table not in tables else f"{table}.{column}"
                   for table, columns in REQUIRED_COLUMNS.items() for column in columns
                   if (table, column) not in present]
        if missing:
            conn.close()
            what = ", ".join(dict.fromkeys(missing))
            raise DatabaseUnavailable(f"the database was built by an older ETL (it has no {what}); "
                                      f"rebuild it with `python -m etl build` or `make setup`")
        return _Build(version=version, connection=conn)

    def _current(self) -> _Build:
        version = _file_token(self.path)
        build = self._build
        if build is not None and build.version == version:
            return build
        with self._lock:
            build = self._build
            if build is None or build.version != version:
                build = self._open_stable(version)
                self._build = build
        return build

    def _open_stable(self, version: str) -> _Build:
        """Open the file and make sure the token still names what was opened (a rebuild may
        rename a new file into place between the stat and the open)."""
        for _ in range(5):
            build = self._open(version)
            after = _file_token(self.path)
            if after == version:
                return build
            build.connection.close()
            version = after
        raise DatabaseUnavailable("database file keeps changing; try again in a moment")

    def snapshot(self) -> Snapshot:
        """A cursor for this thread on the newest build of the file."""
        build = self._current()
        cursors: dict[str, duckdb.DuckDBPyConnection] = getattr(self._local, "cursors", {})
        cursor = cursors.get(build.version)
        if cursor is None:
            cursor = build.connection.cursor()
            cursor.execute(f"USE {CATALOG}")
            self._local.cursors = cursors = {build.version: cursor}
        return Snapshot(cursor=cursor, version=build.version)

    def version(self) -> str:
        """The token of the newest build (a cache key); raises DatabaseUnavailable."""
        return self._current().version


_databases: dict[Path, Database] = {}
_registry_lock = threading.Lock()


def database() -> Database:
    """The handle for the configured path (one per process and path)."""
    path = db_path()
    with _registry_lock:
        db = _databases.get(path)
        if db is None:
            db = _databases[path] = Database(path)
    return db


def snapshot() -> Snapshot:
    """Shortcut: a snapshot of the configured database."""
    return database().snapshot()


def db_version() -> str:
    """Token of the configured database's current build, for cache keys."""
    return database().version()
