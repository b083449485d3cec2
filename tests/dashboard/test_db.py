"""The read-only database handle: follows atomic rebuilds, never mixes builds, never writes,
and turns a missing or damaged file into DatabaseUnavailable."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import duckdb
import pytest

from dashboard.data import db

FY = 2566  # the sample year whose totals were published


def _count(snap: db.Snapshot) -> int:
    return int(snap.cursor.execute("SELECT count(*) FROM projects WHERE fiscal_year = ?",  # type: ignore[index]
                                   [FY]).fetchone()[0])


def _rebuilt_copy(source: Path, target: Path, drop_goal: int) -> None:
    """A different build written beside `target`, then renamed over it (as etl/load.py does)."""
    tmp = target.with_suffix(".tmp")
    shutil.copy(source, tmp)
    with duckdb.connect(str(tmp)) as conn:
        conn.execute("DELETE FROM projects WHERE goal = ?", [drop_goal])
    os.replace(tmp, target)


def test_path_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(db.DB_ENV, str(tmp_path / "x.duckdb"))
    assert db.db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv(db.DB_ENV)
    assert db.db_path() == db.DEFAULT_DB


def test_reads_and_cannot_write(sample_db: Path) -> None:
    snap = db.Database(sample_db).snapshot()
    assert _count(snap) == 742
    for statement in ("CREATE TABLE x (a INTEGER)", "DELETE FROM projects", "DROP TABLE plans",
                      "ATTACH '/tmp/other.duckdb' AS other", "COPY projects TO '/tmp/leak.csv'",
                      "SELECT * FROM read_csv('/etc/passwd')", "SET enable_external_access = true"):
        with pytest.raises(duckdb.Error):
            snap.cursor.execute(statement)
    assert _count(snap) == 742


def test_follows_rebuild_without_mixing(sample_db: Path, tmp_path: Path) -> None:
    live = tmp_path / "sdg.duckdb"
    shutil.copy(sample_db, live)
    handle = db.Database(live)
    old = handle.snapshot()
    assert _count(old) == 742
    _rebuilt_copy(sample_db, live, drop_goal=2)
    new = handle.snapshot()
    assert new.version != old.version
    assert _count(new) == 742 - 106
    assert _count(old) == 742, "a request that started on the old build keeps seeing the old build"


def test_concurrent_readers_during_rebuilds(sample_db: Path, tmp_path: Path) -> None:
    live = tmp_path / "sdg.duckdb"
    shutil.copy(sample_db, live)
    handle = db.Database(live)
    seen: set[int] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                snap = handle.snapshot()
                first = _count(snap)
                by_goal = snap.cursor.execute("SELECT sum(n) FROM (SELECT count(*) AS n FROM projects "
                                              "WHERE fiscal_year = ? GROUP BY goal)", [FY]).fetchone()[0]  # type: ignore[index]
                assert first == by_goal, "two queries on one snapshot saw different builds"
                seen.add(first)
            except BaseException as exc:  # collected and re-raised in the main thread
                errors.append(exc)
                return

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for th in threads:
        th.start()
    for goal in (2, 8, 11, 3, 5):
        _rebuilt_copy(sample_db, live, drop_goal=goal)
    stop.set()
    for th in threads:
        th.join()
    assert not errors, errors[0]
    with duckdb.connect(str(sample_db), read_only=True) as conn:
        per_goal = dict(conn.execute("SELECT goal, count(*) FROM projects WHERE fiscal_year = ? "
                                     "GROUP BY goal", [FY]).fetchall())
    assert seen <= {742} | {742 - per_goal[g] for g in (2, 8, 11, 3, 5)}


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(db.DatabaseUnavailable, match="not found"):
        db.Database(tmp_path / "absent.duckdb").snapshot()


def test_damaged_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(db.DatabaseUnavailable):
        db.Database(bad).snapshot()


def test_empty_database_without_tables(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(db.DatabaseUnavailable):
        db.Database(empty).snapshot()
