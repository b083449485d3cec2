"""Input files -> raw DuckDB tables of text, one per sheet/CSV, then one canonical table per dataset.

Raw tables keep every cell exactly as read (for the quarantine file); canonical tables line the
columns of all files of a dataset up under their canonical names. Nothing is parsed here.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.errors import ERROR, WARNING, InputProblem, Problem
from etl.headers import ColumnMap, detect_dataset, has_errors, map_columns
from etl.readers import Limits, Table, read_tables
from etl.rows import RowSorter
from etl.schema import DATASETS
from etl.units import UnitProblem, header_unit, stated_unit, unit_factor

TEXT_COLUMNS = ("project_id", "province", "title", "agency", "district", "category")
BUDGET = "budget_thb"

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
    budget_unit: float = 1.0

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
                if not table.headers:
                    add_problems(con, [Problem(
                        table.where, None, None, None, "the sheet is empty: nothing submitted on it",
                        "nothing to fix if there is nothing to report on this sheet", WARNING)])
                    continue
                result.tables.append(_ingest_table(con, table, len(result.tables), scratch))
        except InputProblem as exc:
            add_problems(con, exc.problems)
        finally:
            for table in tables:
                table.close()
    if paths and not any(t.rows for t in result.tables):
        add_problems(con, [Problem(
            ", ".join(result.files), None, None, None, "no file holds a single data row: nothing to load",
            "fill in the template's sheets (or send the provinces' files) before building")])
    for dataset in DATASETS:
        _canonical(con, dataset.name, [t for t in result.tables if t.usable and t.columns
                                       and t.columns.dataset.name == dataset.name])
    return result


class _Unit:
    """The budget unit of one table as its header, a line above it and unit rows under it state it."""

    def __init__(self, table: Table, columns: ColumnMap | None) -> None:
        self.table, self.at = table, columns.index.get(BUDGET) if columns else None
        self.header = columns.headers.get(BUDGET, "") if columns else ""
        self.factor, self.said = 1.0, ""
        self.problems: list[Problem] = []
        if self.at is None or columns is None:
            return
        header = columns.headers[BUDGET]
        try:
            in_header = header_unit(header)
            above = stated_unit(table.preamble)
        except UnitProblem as exc:
            self._refuse(table.header_row, header, str(exc))
            return
        if in_header is not None and above is not None and above[0] != in_header:
            self._refuse(table.header_row, header,
                         f"the header says one unit and the line {above[1]!r} above it another")
        elif in_header is not None:
            self.factor, self.said = in_header, f'the header "{header}"'
        elif above is not None:
            self.factor, self.said = above[0], f"the line {above[1]!r} above the headers"

    def _refuse(self, row: int, value: str, why: str) -> None:
        self.problems.append(Problem(
            self.table.where, row, self.header, value, f"cannot tell the budget's unit: {why}",
            "write the budget in baht under the header งบประมาณ (บาท), or state one unit: "
            "(บาท), (พันบาท) or (ล้านบาท)", ERROR))

    def note_row(self, row_no: int, cells: list[str], before_data: bool) -> None:
        """A unit written under the budget header in a row that is not data ("(ล้านบาท)")."""
        if self.at is None or self.at >= len(cells) or not cells[self.at].strip():
            return
        try:
            factor = unit_factor(cells[self.at])
        except UnitProblem as exc:
            self._refuse(row_no, cells[self.at], str(exc))
            return
        if factor is None or factor == self.factor:
            return
        if before_data and not self.said:
            self.factor, self.said = factor, f"row {row_no} under the headers"
        else:
            earlier = self.said or "the rows above"
            self._refuse(row_no, cells[self.at],
                         f"row {row_no} states {cells[self.at].strip()!r} but {earlier} states another unit")


def _copy_rows(con: duckdb.DuckDBPyConnection, table: Table, table_id: int, scratch: Path,
               columns: ColumnMap | None, unit: _Unit) -> int:
    """Rows -> raw_<id> via a normalised UTF-8 CSV that DuckDB parses natively (no Python objects).

    Rows that are not data (totals, notes, headings...) are left out here, each with a warning.
    """
    staged = scratch / f"raw_{table_id}.csv"
    rows = 0
    sorter = None if columns is None else RowSorter(
        columns.dataset, [columns.index[c] for c in TEXT_COLUMNS if c in columns.index], table.headers)
    with staged.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")  # \r or \n in a cell gets it quoted
        for numbers, cells in table.chunks:
            if sorter is not None:
                numbers, cells = _data_only(table, sorter, unit, numbers, cells, before_data=rows == 0)
            writer.writerows(map(_numbered, numbers, cells))
            rows += len(numbers)
    types = ", ".join(["'_row': 'INTEGER'", *(f"'c{i}': 'VARCHAR'" for i in range(len(table.headers)))])
    con.execute(
        f"CREATE TABLE raw_{table_id} AS SELECT * FROM read_csv(?, header = false, delim = ',', "
        f"quote = '\"', escape = '\"', new_line = '\\r\\n', auto_detect = false, columns = {{{types}}})",
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


def _data_only(table: Table, sorter: RowSorter, unit: _Unit, numbers: list[int], cells: list[list[str]],
               before_data: bool) -> tuple[list[int], list[list[str]]]:
    """The data rows of a chunk; each other row becomes a warning saying what it was taken for."""
    keep_numbers: list[int] = []
    keep_cells: list[list[str]] = []
    for number, row in zip(numbers, cells, strict=True):
        reason = sorter.reason(row)
        if reason is None:
            keep_numbers.append(number)
            keep_cells.append(row)
            continue
        unit.note_row(number, row, before_data and not keep_numbers)
        shown = next((c for c in row if c.strip()), "")
        table.problems.append(Problem(
            table.where, number, None, shown, f"row read as {reason}, not as data: skipped",
            "nothing to fix if that is what it is; if it is data, fill in every required column", WARNING))
    return keep_numbers, keep_cells


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
    unit = _Unit(table, columns)
    rows = _copy_rows(con, table, table_id, scratch, columns, unit)
    add_problems(con, table.problems, table_id)
    _headerless_values(con, table, table_id)
    if columns is not None:
        if unit.problems:
            columns = ColumnMap(columns.dataset, columns.index, columns.headers,
                                (*columns.problems, *unit.problems))
        add_problems(con, columns.problems, table_id)
        if rows == 0 and not has_errors(columns.problems):
            add_problems(con, [Problem(
                table.where, table.header_row, None, None,
                f"nothing submitted for {columns.dataset.title_en} ({columns.dataset.title_th}): "
                "there are headers but no data rows",
                "nothing to fix if there is nothing to report; otherwise fill in the rows under the headers",
                WARNING,
            )], table_id)
        elif unit.factor != 1.0:
            add_problems(con, [Problem(
                table.where, table.header_row, columns.headers[BUDGET], None,
                f"budgets are read in units of {unit.factor:,.0f} baht, as {unit.said} states, "
                "and stored in baht", "nothing to fix if that is the unit", WARNING,
            )], table_id)
    return RawTable(table_id, table.where, table.headers, rows, columns, unit.factor)


UNIT_WORDS = {1e3: "พันบาท", 1e4: "หมื่นบาท", 1e5: "แสนบาท", 1e6: "ล้านบาท"}


def _canonical_cell(t: RawTable, column: str) -> str:
    """One column of a raw table as canonical text; a bare budget number gets its column's unit written
    after it, so the canonical text means the same wherever it is copied to ("1.5" -> "1.5 ล้านบาท")."""
    assert t.columns is not None
    raw = f"COALESCE(r.c{t.columns.index[column]}, '')"
    if column != BUDGET or t.budget_unit == 1.0:
        return f"{raw} AS {column}"
    unit = UNIT_WORDS[t.budget_unit]
    return (f"CASE WHEN regexp_matches({raw}, '^\\s*[0-9๐-๙][0-9๐-๙,.\\s]*$') THEN trim({raw}) || ' {unit}' "
            f"ELSE {raw} END AS {column}")


def _canonical(con: duckdb.DuckDBPyConnection, dataset: str, tables: list[RawTable]) -> None:
    """canon_<dataset>: every usable table's rows under canonical names; absent cells are ''."""
    spec = next(d for d in DATASETS if d.name == dataset)
    cols = [c.name for c in spec.columns]
    con.execute("CREATE TABLE IF NOT EXISTS sources (_table INTEGER, _file VARCHAR)")
    selects = []
    for t in tables:
        assert t.columns is not None
        con.execute("INSERT INTO sources VALUES (?, ?)", [t.id, t.where])
        picked = [_canonical_cell(t, c) if c in t.columns.index else f"'' AS {c}" for c in cols]
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
