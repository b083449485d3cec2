"""Atomic write of the DuckDB file: build a complete file beside the old one, then rename it into place.

The dashboard keeps serving the old file until `os.replace` swaps in the new one, so readers see old
or new data and never a half-written file; a failed or killed build leaves the old file untouched.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.changes import ChangeSummary, compare
from etl.errors import InputProblem, Problem
from etl.reference import REFERENCE_TABLES, read_reference
from etl.scratch import owner_alive

SQL_DIR = Path(__file__).resolve().parent / "sql"
TEMP_MARK = ".building-"


@dataclass(frozen=True)
class Provenance:
    """Where the inputs came from, as the dataset table states it."""

    source: str
    is_sample: bool
    source_th: str = ""
    default_year: int | None = None  # the fiscal year the dashboard opens on (None: the latest)

    def __post_init__(self) -> None:
        if not self.source_th:  # no Thai wording given: show the source as written
            object.__setattr__(self, "source_th", self.source)


def read_provenance(source_dir: Path) -> Provenance:
    """From <source>/dataset.json if present, else the folder's name and not a sample."""
    meta = source_dir / "dataset.json"
    if not meta.is_file():
        return Provenance(source_dir.resolve().name, False)
    try:
        data = json.loads(meta.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputProblem(Problem(meta.name, None, None, None, f"dataset.json is not valid JSON ({exc})",
                                   'write it as {"source": "...", "is_sample": false} or delete it')) from exc
    if not isinstance(data, dict):
        raise InputProblem(Problem(meta.name, None, None, None, "dataset.json must hold one JSON object",
                                   'write it as {"source": "...", "is_sample": false}'))
    source = str(data.get("source") or source_dir.resolve().name)
    default_year = data.get("default_year")
    if default_year is not None and (isinstance(default_year, bool) or not isinstance(default_year, int)):
        raise InputProblem(Problem(meta.name, None, None, str(default_year),
                                   "dataset.json: default_year must be a fiscal year (BE) as a number",
                                   'write it as "default_year": 2566, or leave it out to open on the latest '
                                   'year'))
    return Provenance(source, bool(data.get("is_sample", False)), str(data.get("source_th") or ""),
                      default_year)


def temp_path(db_path: Path) -> Path:
    """The file a build writes before the rename: same directory (same file system), hidden, per process."""
    return db_path.with_name(f".{db_path.name}{TEMP_MARK}{os.getpid()}")


def remove_stale_temps(db_path: Path) -> None:
    """Leftovers of builds that were killed (their process is gone) are deleted."""
    for leftover in db_path.parent.glob(f".{db_path.name}{TEMP_MARK}*"):
        pid = leftover.name.rsplit(TEMP_MARK, 1)[1].split(".", 1)[0]
        if pid.isdigit() and not owner_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def register_reference(con: duckdb.DuckDBPyConnection) -> None:
    """The committed lookups as ref_<name> tables for the reference marts."""
    for name in REFERENCE_TABLES:
        frame = read_reference(name)
        con.register("ref_frame", frame)
        con.execute(f"CREATE OR REPLACE TEMP TABLE ref_{name} AS SELECT * FROM ref_frame")
        con.unregister("ref_frame")


def load(con: duckdb.DuckDBPyConnection, db_path: Path, provenance: Provenance,
         dry_run_folder: Path | None = None) -> ChangeSummary:
    """Run staging and marts into a temp file, compare it with db_path, then atomically replace db_path.

    With dry_run_folder the new file is written there instead and thrown away: db_path is only read.
    """
    if dry_run_folder is None:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(db_path)
        tmp = temp_path(db_path)
    else:
        tmp = dry_run_folder / "dry-run.duckdb"
    _remove(tmp)
    try:
        con.execute("ATTACH ? AS out", [str(tmp)])
        register_reference(con)
        params = {"source": provenance.source, "source_th": provenance.source_th,
                  "is_sample": provenance.is_sample, "default_year": provenance.default_year,
                  "built_at": dt.datetime.now(dt.UTC).isoformat(sep=" ")}
        for sql_file in sorted(SQL_DIR.glob("*.sql")):
            sql = sql_file.read_text(encoding="utf-8")
            if "$" in sql:
                con.execute(sql, params)
            else:
                con.execute(sql)
        _check_unique_ids(con)
        con.execute("CHECKPOINT out")
        con.execute("DETACH out")
        summary = compare(db_path, tmp)
        if dry_run_folder is None:
            _fsync(tmp)
            os.replace(tmp, db_path)
            _fsync_dir(db_path.parent)
        return summary
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("DETACH out")
        raise
    finally:
        _remove(tmp)


def _check_unique_ids(con: duckdb.DuckDBPyConnection) -> None:
    """A written id that equals one generated for a project without id is reported at its row."""
    clashes = con.execute(
        "SELECT v._file, v._row, h.header, v.project_id FROM valid_projects v "
        "LEFT JOIN col_headers h ON h._table = v._table AND h.col = 'project_id' "
        "WHERE v.project_id__v IN (SELECT project_id FROM out.projects GROUP BY 1 HAVING count(*) > 1) "
        "ORDER BY 1, 2"
    ).fetchall()
    if clashes:
        raise InputProblem(*(Problem(
            file, row, header, value,
            f"project id {value} is also the id generated for a project of the same province and year "
            "that has no id",
            "give every project of that province and year an id, or use ids not of the form P2566-50-0001",
        ) for file, row, header, value in clashes))


def _remove(path: Path) -> None:
    """The temp database and its write-ahead log."""
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Data on disk before the rename, so a crash cannot expose an empty file."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); not all platforms can open a directory."""
    with contextlib.suppress(OSError):
        _fsync(directory)
