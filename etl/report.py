"""The build report (every problem, one per line), the on-screen summary and the quarantine file.

The report and quarantine are what a secretariat officer sends back to a province, so they are
plain text and CSV (UTF-8 with BOM so Excel opens Thai correctly).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.errors import ERROR, WARNING, Problem
from etl.ingest import Ingested

SCREEN_PROBLEMS = 15
_COLUMNS = 'file, "row", "column", value, message, fix, severity'
_ORDER = "ORDER BY severity = 'warning', file, \"row\" NULLS FIRST, \"column\""


@dataclass(frozen=True)
class Counts:
    """How many errors, warnings and rejected rows a run found."""

    errors: int
    warnings: int
    rejected_rows: int
    unread_files: int = 0


def counts(con: duckdb.DuckDBPyConnection, ingested: Ingested) -> Counts:
    """Error/warning totals and the rows that will not be loaded (bad rows and unusable tables)."""
    errors, warnings = con.execute(
        "SELECT count(*) FILTER (WHERE severity = ?), count(*) FILTER (WHERE severity = ?) FROM problems",
        [ERROR, WARNING],
    ).fetchone() or (0, 0)
    row = con.execute("SELECT count(*) FROM rejected").fetchone()
    bad_rows = int(row[0]) if row else 0
    unusable = sum(t.rows for t in ingested.tables if not t.usable)
    unread = con.execute(
        "SELECT count(DISTINCT file) FROM problems WHERE severity = ? AND _table IS NULL", [ERROR]
    ).fetchone()
    return Counts(int(errors), int(warnings), bad_rows + unusable, int(unread[0]) if unread else 0)


def problems(con: duckdb.DuckDBPyConnection, limit: int | None = None) -> list[Problem]:
    """Problems in report order (errors first, then by file and row)."""
    sql = f"SELECT {_COLUMNS} FROM problems {_ORDER}"
    rows = con.execute(sql + (" LIMIT ?" if limit else ""), [limit] if limit else []).fetchall()
    return [Problem(*r) for r in rows]


def write_report(con: duckdb.DuckDBPyConnection, path: Path, header: list[str]) -> None:
    """Every problem, one per line, under a short header saying what was read and what happened."""
    path.parent.mkdir(parents=True, exist_ok=True)
    cursor = con.execute(f"SELECT {_COLUMNS} FROM problems {_ORDER}")
    with path.open("w", encoding="utf-8") as out:
        out.write("\n".join(header) + "\n\n")
        while batch := cursor.fetchmany(10_000):
            out.writelines(Problem(*r).render() + "\n" for r in batch)


def summary(con: duckdb.DuckDBPyConnection, found: Counts) -> str:
    """The screen version: counts, then the first problems."""
    lines = [f"{found.errors} error(s), {found.warnings} warning(s)"]
    shown = problems(con, SCREEN_PROBLEMS)
    lines += ["  " + p.render() for p in shown]
    if found.errors + found.warnings > len(shown):
        lines.append(f"  ... and {found.errors + found.warnings - len(shown)} more in the report")
    return "\n".join(lines)


def write_quarantine(con: duckdb.DuckDBPyConnection, ingested: Ingested, path: Path) -> int:
    """Rejected rows exactly as read (all their columns) plus file, row and problem; returns rows written."""
    union: list[str] = []
    for t in ingested.tables:
        union += [h for h in t.headers if h and h not in union]
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "row", "problem", *union])
        for t in ingested.tables:
            cols = ", ".join(f"raw.c{i}" for i in range(len(t.headers))) or "NULL"
            if t.usable:
                sql = (
                    f"SELECT raw._row, (SELECT string_agg(p.message, ' | ' ORDER BY p.\"column\") "
                    f"FROM problems p "
                    f"WHERE p._table = ? AND p.\"row\" = raw._row AND p.severity = ?), {cols} "
                    f"FROM raw_{t.id} raw SEMI JOIN rejected r ON r._table = ? AND r._row = raw._row "
                    f"ORDER BY raw._row"
                )
                cursor = con.execute(sql, [t.id, ERROR, t.id])
            else:
                sql = (
                    f"SELECT raw._row, (SELECT string_agg(p.message, ' | ') FROM problems p "
                    f"WHERE p._table = ? AND p.severity = ?), {cols} FROM raw_{t.id} raw ORDER BY raw._row"
                )
                cursor = con.execute(sql, [t.id, ERROR])
            while batch := cursor.fetchmany(10_000):
                for row_no, message, *cells in batch:
                    by_header = dict(zip(t.headers, cells, strict=False))
                    writer.writerow([t.where, row_no, message, *(by_header.get(h, "") for h in union)])
                    written += 1
    return written
