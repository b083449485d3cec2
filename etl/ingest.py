"""Input files -> raw DuckDB tables of text, one per sheet/CSV, then one canonical table per dataset.

Raw tables keep every cell exactly as read (for the quarantine file); canonical tables line the
columns of all files of a dataset up under their canonical names. Nothing is parsed here.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.errors import WARNING, InputProblem, Problem
from etl.headers import ColumnMap, detect_dataset, has_errors, map_columns
from etl.readers import Limits, Table, read_tables
from etl.schema import DATASETS

PROBLEMS_DDL = """
CREATE TABLE IF NOT EXISTS problems (
    _table INTEGER, file VARCHAR, "row" INTEGER, "column" VARCHAR, value VARCHAR,
    message VARCHAR, fix VARCHAR, severity VARCHAR
)"""


@dataclass
class RawTable:
    """One ingested table: where it came from, its headers and (if recognised) its column map."""

    id: int
    where: str
    headers: list[str]
    rows: int
    columns: ColumnMap | None

    @property
    def usable(self) -> bool:
        """Its rows can be validated: the dataset is known and no required column is missing."""
        return self.columns is not None and not has_errors(self.columns.problems)


@dataclass
class Ingested:
    """Everything read from the inputs, ready for validation."""

    tables: list[RawTable] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def add_problems(con: duckdb.DuckDBPyConnection, problems: list[Problem] | tuple[Problem, ...],
                 table_id: int | None = None) -> None:
    """Record problems found in Python next to the ones found in SQL."""
    if problems:
        con.executemany(
            "INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(table_id, p.file, p.row, p.column, p.value, p.message, p.fix, p.severity) for p in problems],
        )


def ingest(con: duckdb.DuckDBPyConnection, paths: list[Path], limits: Limits, scratch: Path) -> Ingested:
    """Read every input file into raw tables; unreadable files become problems, not exceptions."""
    con.execute(PROBLEMS_DDL)
    result = Ingested()
    for path in paths:
        result.files.append(path.name)
        tables = []
        try:
            tables = read_tables(path, limits)
            for table in tables:
                result.tables.append(_ingest_table(con, table, len(result.tables), scratch))
        except InputProblem as exc:
            add_problems(con, exc.problems)
        finally:
            for table in tables:
                table.close()
    for dataset in DATASETS:
        _canonical(con, dataset.name, [t for t in result.tables if t.usable and t.columns
                                       and t.columns.dataset.name == dataset.name])
    return result


def _copy_rows(con: duckdb.DuckDBPyConnection, table: Table, table_id: int, scratch: Path) -> int:
    """Rows -> raw_<id> via a normalised UTF-8 CSV that DuckDB parses natively (no Python objects)."""
    staged = scratch / f"raw_{table_id}.csv"
    rows = 0
    with staged.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")  # \r or \n in a cell gets it quoted
        for numbers, cells in table.chunks:
            writer.writerows(map(_numbered, numbers, cells))
            rows += len(numbers)
    columns = ", ".join(["'_row': 'INTEGER'", *(f"'c{i}': 'VARCHAR'" for i in range(len(table.headers)))])
    con.execute(
        f"CREATE TABLE raw_{table_id} AS SELECT * FROM read_csv(?, header = false, delim = ',', "
        f"quote = '\"', escape = '\"', new_line = '\\r\\n', auto_detect = false, columns = {{{columns}}})",
        [str(staged)],
    )
    staged.unlink()
    return rows


def _headerless_values(con: duckdb.DuckDBPyConnection, table: Table, table_id: int) -> None:
    """Values under a blank header are not read; say so (once per column) rather than drop them silently."""
    for i, header in enumerate(table.headers):
        if header:
            continue
        found = con.execute(
            f"SELECT min(_row), count(*), first(c{i} ORDER BY _row) FROM raw_{table_id} "
            f"WHERE trim(COALESCE(c{i}, '')) <> ''"
        ).fetchone()
        if found and found[1]:
            add_problems(con, [Problem(
                table.where, int(found[0]), f"(column {i + 1}, no header)", str(found[2]),
                f"{found[1]} value(s) in column {i + 1} have no header, so they are not read",
                "give the column one of the expected headers, or delete it", WARNING,
            )], table_id)


def _numbered(number: int, cells: list[str]) -> list[object]:
    """The staged row: its Excel row number first."""
    return [number, *cells]


def _ingest_table(con: duckdb.DuckDBPyConnection, table: Table, table_id: int, scratch: Path) -> RawTable:
    """Recognise, map and copy one table; every header problem is recorded against it."""
    try:
        columns: ColumnMap | None = map_columns(table, detect_dataset(table))
    except InputProblem as exc:
        add_problems(con, exc.problems, table_id)
        columns = None
    rows = _copy_rows(con, table, table_id, scratch)
    add_problems(con, table.problems, table_id)
    _headerless_values(con, table, table_id)
    if columns is not None:
        add_problems(con, columns.problems, table_id)
        if rows == 0 and not has_errors(columns.problems):
            add_problems(con, [Problem(
                table.where, table.header_row, None, None, "there are headers but no data rows",
                "fill in at least one row under the header row, or leave this file out",
            )], table_id)
    return RawTable(table_id, table.where, table.headers, rows, columns)


def _canonical(con: duckdb.DuckDBPyConnection, dataset: str, tables: list[RawTable]) -> None:
    """canon_<dataset>: every usable table's rows under canonical names; absent cells are ''."""
    spec = next(d for d in DATASETS if d.name == dataset)
    cols = [c.name for c in spec.columns]
    con.execute("CREATE TABLE IF NOT EXISTS sources (_table INTEGER, _file VARCHAR)")
    selects = []
    for t in tables:
        assert t.columns is not None
        con.execute("INSERT INTO sources VALUES (?, ?)", [t.id, t.where])
        picked = [
            f"COALESCE(r.c{t.columns.index[c]}, '') AS {c}" if c in t.columns.index else f"'' AS {c}"
            for c in cols
        ]
        selects.append(f"SELECT s._file, s._table, r._row, {', '.join(picked)} "
                       f"FROM raw_{t.id} r JOIN sources s ON s._table = {t.id}")
    if not selects:
        selects = [f"SELECT NULL::VARCHAR AS _file, NULL::INTEGER AS _table, NULL::INTEGER AS _row, "
                   f"{', '.join(f'NULL::VARCHAR AS {c}' for c in cols)} WHERE false"]
    con.execute(f"CREATE OR REPLACE VIEW canon_{dataset} AS {' UNION ALL '.join(selects)}")
    headers = [(t.id, c, h) for t in tables if t.columns for c, h in t.columns.headers.items()]
    con.execute("CREATE TABLE IF NOT EXISTS col_headers (_table INTEGER, col VARCHAR, header VARCHAR)")
    if headers:
        con.executemany("INSERT INTO col_headers VALUES (?, ?, ?)", headers)
