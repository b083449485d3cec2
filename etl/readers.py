"""One reader per source format (CSV, XLSX), each yielding the same thing: a `Table` of raw strings.

Readers never interpret values: they find the header row, keep every cell as the text a person
would see, keep the row number Excel shows, and stream rows in chunks so a national-scale file
never sits in memory twice. Anything that makes a file unreadable raises `InputProblem`.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

from etl.errors import ERROR, InputProblem, Problem
from etl.schema import DATASETS, header_lookup, normalise_header

MB = 1024 * 1024
CHUNK_ROWS = 50_000
HEADER_SCAN_ROWS = 10
CSV_SUFFIXES = (".csv", ".tsv")
TEXT_SUFFIXES = (".txt",)  # Excel's "Unicode Text" (UTF-16) and "Text (Tab delimited)" (cp874) exports
XLSX_SUFFIXES = (".xlsx", ".xlsm")
OLD_EXCEL_SUFFIXES = (".xls", ".ods", ".numbers")
INSTRUCTION_SHEETS = frozenset(normalise_header(n) for n in ("คำแนะนำ", "คำอธิบาย", "instructions", "readme"))
KNOWN_HEADERS = frozenset(h for d in DATASETS for h in header_lookup(d))
TARGET_HEADERS = frozenset(h for d in DATASETS for h, col in header_lookup(d).items() if col == "target")
# UTF-8 Thai (E0 B8 xx / E0 B9 xx) read once as Windows-1252/Latin-1 and saved again as UTF-8.
_MOJIBAKE = re.compile("[àÃ][¸¹\u0080-\u00bf]")
_QUOTED = re.compile(r'"[^"]*"')
_THAI_RUN = re.compile("[\u0e01-\u0e5b]+")
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")


Chunk = tuple[list[int], list[list[str]]]  # (row numbers as Excel shows them, cells of each row)


@dataclass(frozen=True)
class Limits:
    """How big an input may be before it is refused unread (zip bombs included)."""

    max_xlsx_bytes: int = 50 * MB
    max_csv_bytes: int = 1024 * MB
    max_unzipped_bytes: int = 500 * MB
    max_zip_ratio: float = 200.0


@dataclass
class Table:
    """One CSV file or one worksheet: headers as written, then (row number, cells) in chunks."""

    file: str
    sheet: str | None
    header_row: int
    headers: list[str]
    chunks: Iterator[Chunk]
    problems: list[Problem] = field(default_factory=list)
    close: Callable[[], None] = lambda: None
    preamble: list[str] = field(default_factory=list)  # text above the header row (titles, "หน่วย: บาท")

    @property
    def where(self) -> str:
        """The name a person uses to find this table: the file, and the sheet if any."""
        return f"{self.file} [{self.sheet}]" if self.sheet else self.file


def is_input_file(path: Path) -> bool:
    """Files `build` reads from a folder; others (README, dataset.json, lock files) are not inputs."""
    return skip_reason(path) is None


def skip_reason(path: Path) -> str | None:
    """Why `build` does not read this entry of the source folder, or None when it does."""
    name, suffix = path.name, path.suffix.lower()
    if name == "dataset.json":
        return "read as the description of the data set (source, sample flag), not as data"
    if name.startswith("~$"):
        return "an Office lock file (the workbook was open in Excel when it was copied), not data"
    if name.startswith("."):
        return "a hidden file"
    if path.is_dir():
        return "a folder (files in sub-folders are not read; put them in the source folder itself)"
    if not path.is_file():
        return "not a regular file"
    if suffix in TEXT_SUFFIXES and not _looks_tabular(path):
        return "a text file without tab- or comma-separated columns, so not an Excel text export"
    if suffix not in (*CSV_SUFFIXES, *TEXT_SUFFIXES, *XLSX_SUFFIXES, *OLD_EXCEL_SUFFIXES):
        return f"{suffix or 'a file without extension'} files are not read (only .csv, .txt, .xlsx)"
    return None


def _looks_tabular(path: Path) -> bool:
    """A .txt whose first lines hold tabs (or commas/semicolons in every line): a table, not a note."""
    with path.open("rb") as f:
        head = f.read(8192)
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore") or head.decode("cp874", errors="ignore")
    lines = [ln for ln in text.splitlines()[:5] if ln.strip()]
    return bool(lines) and ("\t" in lines[0] or all(ln.count(",") >= 2 or ln.count(";") >= 2 for ln in lines))


def read_tables(path: Path, limits: Limits = Limits()) -> list[Table]:
    """Every table in one input file, chosen by the file's format."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES and not _looks_tabular(path):
        raise InputProblem(_file_problem(
            path, "this .txt file has no tab- or comma-separated columns, so it is not a table",
            "in Excel use File > Save As > 'Unicode Text (*.txt)' or 'CSV UTF-8', or leave the note out",
        ))
    if suffix in OLD_EXCEL_SUFFIXES:
        raise InputProblem(_file_problem(
            path, f"{suffix} files are not read",
            "open it in Excel and save it as .xlsx (Excel Workbook) or CSV UTF-8",
        ))
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(path, limits)
    return [read_csv(path, limits)]


def _file_problem(path: Path, message: str, fix: str, row: int | None = None) -> Problem:
    """A problem with the file as a whole (row, if given, is the line where it shows)."""
    return Problem(path.name, row, None, None, message, fix, ERROR)


def _empty(path: Path) -> Problem:
    """Zero bytes and whitespace-only files get the same advice."""
    return _file_problem(path, "file is empty", "export the sheet again with its header row and data")


def _check_size(path: Path, limit: int) -> int:
    """Refuse by size from the directory entry alone, before a byte is read."""
    size = path.stat().st_size
    if size > limit:
        raise InputProblem(_file_problem(
            path,
            f"file is {size / MB:,.0f} MB, larger than the {limit / MB:,.0f} MB limit, so it was not read",
            "split it into smaller files (for example one per fiscal year), or raise the limit "
            "with --max-xlsx-mb / --max-csv-mb if the file is genuine",
        ))
    if size == 0:
        raise InputProblem(_empty(path))
    return size


# ---------------------------------------------------------------- CSV

def detect_encoding(path: Path) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, or cp874; a file whose bytes contradict that is refused."""
    with path.open("rb") as f:
        head = f.read(4)
        if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"
        has_bom = head.startswith(codecs.BOM_UTF8)
        f.seek(0)
        bad = _first_undecodable(f, "utf-8", path)
        if bad is None:
            return "utf-8-sig" if has_bom else "utf-8"
        line, byte = bad
        if has_bom:
            raise InputProblem(_file_problem(
                path,
                f"file starts with a UTF-8 marker (BOM) but byte 0x{byte:02X} on line {line} is not UTF-8; "
                "it mixes two encodings",
                "open it in Excel or LibreOffice and save it again as 'CSV UTF-8'",
                row=line,
            ))
        f.seek(0)
        if _first_undecodable(f, "cp874", path) is None and _has_thai(f):
            return "cp874"
    raise InputProblem(_file_problem(
        path,
        f"file is neither UTF-8 nor Thai Windows (cp874/TIS-620): byte 0x{byte:02X} on line {line} "
        "cannot be read",
        "save it again as 'CSV UTF-8' from Excel or LibreOffice",
        row=line,
    ))


def _first_undecodable(f: IO[bytes], encoding: str, path: Path) -> tuple[int, int] | None:
    """(line, byte) of the first byte that does not decode, or None; also refuses binary and mojibake."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    lines_before = 1
    for chunk in iter(lambda: f.read(MB), b""):
        if b"\x00" in chunk:
            raise InputProblem(_file_problem(
                path, "file contains NUL bytes: it is binary, not a text CSV",
                "export the data as CSV UTF-8 (or .xlsx) and send that file",
            ))
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            return lines_before + chunk[: exc.start].count(b"\n"), chunk[exc.start]
        hit = _MOJIBAKE.search(text)
        if hit:
            line = lines_before + text[: hit.start()].count("\n")
            raise InputProblem(_file_problem(
                path,
                f"text on line {line} looks garbled ({text[hit.start():hit.start() + 6]!r}...): "
                "Thai text was "
                "saved in the wrong encoding",
                "open the original file and save it as 'CSV UTF-8'; do not re-save the garbled copy",
                row=line,
            ))
        lines_before += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return lines_before, 0
    return None


def _has_thai(f: IO[bytes]) -> bool:
    """Thai words decode to runs of Thai letters; Latin-1 accents (Café) decode to lone ones."""
    f.seek(0)
    runs = _THAI_RUN.findall(f.read(4 * MB).decode("cp874", errors="ignore"))
    words = sum(len(r) >= 2 for r in runs)
    return words > 0 and words >= len(runs) - words


def sniff_delimiter(sample: str) -> str:
    """The delimiter (comma, semicolon or tab) that splits the first lines most consistently."""
    unquoted = _QUOTED.sub("", sample)
    lines = [ln for ln in unquoted.splitlines()[:20] if ln.strip()]
    best, best_score = ",", -1.0
    for delim in (",", ";", "\t"):
        counts = sorted(ln.count(delim) for ln in lines) or [0]
        score = counts[len(counts) // 2] + (0.5 if counts[0] > 0 else 0)
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv(path: Path, limits: Limits = Limits()) -> Table:
    """A CSV file as a Table; encoding and delimiter are detected, not guessed from the name."""
    _check_size(path, limits.max_csv_bytes)
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, newline="") as f:
        sample = f.read(64 * 1024)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(sample)
    if not sample.strip():
        raise InputProblem(_empty(path))
    return _csv_table(path, encoding, delimiter)


def _csv_table(path: Path, encoding: str, delimiter: str) -> Table:
    """Open the file once: peek at the first records for the header row, stream the rest."""
    handle = path.open(encoding=encoding, newline="")
    records = enumerate(csv.reader(handle, delimiter=delimiter), start=1)
    head = list(islice(records, HEADER_SCAN_ROWS))
    header_at = find_header_row([cells for _, cells in head])
    if header_at is None:
        handle.close()
        raise InputProblem(_empty(path))
    header_row, headers = head[header_at][0], [h.strip() for h in head[header_at][1]]
    table = Table(path.name, None, header_row, headers, iter(()),
                  preamble=[c.strip() for _, cells in head[:header_at] for c in cells if c.strip()])
    table.chunks = _csv_chunks(path, handle, chain(head[header_at + 1:], records), table)
    table.close = handle.close
    return table


def _csv_chunks(path: Path, handle: IO[str], records: Iterator[tuple[int, list[str]]],
                table: Table) -> Iterator[Chunk]:
    with handle:
        last = table.header_row
        try:
            while batch := list(islice(records, CHUNK_ROWS)):
                last = batch[-1][0]
                yield _fit_rows(batch, table)
        except csv.Error as exc:
            raise InputProblem(_file_problem(
                path, f"the CSV structure is broken after row {last}: {exc}",
                "check for an unclosed quote (\") in a cell, or save the file again from Excel",
            )) from exc


def _fit_rows(batch: list[tuple[int, list[str]]], table: Table) -> Chunk:
    """Rows padded or checked against the header width; wholly blank rows left out."""
    width = len(table.headers)
    numbers: list[int] = []
    rows: list[list[str]] = []
    for row_no, cells in batch:
        if len(cells) != width or not cells[0].strip():
            fitted = _fit_row(cells, table, row_no)
            if fitted is None:
                continue
            cells = fitted
        numbers.append(row_no)
        rows.append(cells)
    return numbers, rows


def _fit_row(cells: list[str], table: Table, row_no: int) -> list[str] | None:
    """Cells padded or checked against the header width; None for a wholly blank row."""
    width = len(table.headers)
    if not "".join(cells).strip():
        return None
    if len(cells) > width:
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            table.problems.append(Problem(
                table.where, row_no, None, extra[0],
                f"row has {len(cells)} cells but the header row has {width}",
                "remove the extra cells or add a header for them; check for a stray delimiter inside a value",
            ))
        return cells[:width]
    return cells + [""] * (width - len(cells))


def find_header_row(rows: list[list[str]]) -> int | None:
    """Index of the header row: the first row with two known headers, else the first non-blank row."""
    first_filled = None
    for i, cells in enumerate(rows):
        texts = [c for c in cells if c.strip()]
        if not texts:
            continue
        if first_filled is None:
            first_filled = i
        if sum(normalise_header(c) in KNOWN_HEADERS for c in texts) >= 2:
            return i
    return first_filled


# ---------------------------------------------------------------- XLSX

def check_zip(path: Path, limits: Limits) -> None:
    """Refuse non-zip files and zip bombs before openpyxl inflates anything."""
    with path.open("rb") as f:
        magic = f.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputProblem(_file_problem(
            path, "file is an old-format Excel (.xls) or password-protected workbook, not .xlsx",
            "remove any password, then save it from Excel as 'Excel Workbook (.xlsx)'",
        ))
    if not zipfile.is_zipfile(path):
        raise InputProblem(_file_problem(
            path, "file is named .xlsx but is not an Excel workbook",
            "if it is a CSV, rename it to .csv; otherwise save it again from Excel as .xlsx",
        ))
    with zipfile.ZipFile(path) as zf:
        members = zf.infolist()
    total = sum(m.file_size for m in members)
    if total > limits.max_unzipped_bytes:
        raise InputProblem(_file_problem(
            path,
            f"workbook unpacks to {total / MB:,.0f} MB, "
            f"over the {limits.max_unzipped_bytes / MB:,.0f} MB limit",
            "split the data into smaller workbooks",
        ))
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > MB and ratio > limits.max_zip_ratio:
            raise InputProblem(_file_problem(
                path,
                f"workbook part {m.filename} expands {ratio:,.0f} times (a 'zip bomb'), so it was not opened",
                "send the workbook as saved by Excel or LibreOffice",
            ))


def read_xlsx(path: Path, limits: Limits = Limits()) -> list[Table]:
    """Every visible data sheet of a workbook (instructions and hidden list sheets are skipped)."""
    import openpyxl

    _check_size(path, limits.max_xlsx_bytes)
    check_zip(path, limits)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputProblem(_file_problem(
            path, f"workbook cannot be opened ({type(exc).__name__}: {exc})",
            "open it in Excel, check it is not damaged, and save it again as .xlsx",
        )) from exc
    tables: list[Table] = []
    for ws in wb.worksheets:
        hidden = getattr(ws, "sheet_state", "visible") != "visible"
        if hidden or normalise_header(ws.title) in INSTRUCTION_SHEETS:
            continue
        table = _sheet_table(path, ws)
        table.close = wb.close
        tables.append(table)
    if not tables:
        wb.close()
        raise InputProblem(_file_problem(path, "workbook has no data sheet",
                                         "put the data on a sheet with a header row"))
    return tables


def _sheet_table(path: Path, ws: Any) -> Table:
    """One worksheet as a Table; a sheet with nothing on it is a Table without headers or rows."""
    rows = ws.iter_rows()
    head = list(islice(rows, HEADER_SCAN_ROWS))
    texts = [[cell_text(c.value) for c in r] for r in head]
    header_at = find_header_row(texts)
    if header_at is None:
        return Table(path.name, ws.title, 0, [], iter(()))
    header_cells = head[header_at]
    header_row = next((c.row for c in header_cells if getattr(c, "row", None)), header_at + 1)
    headers = [cell_text(c.value).strip() for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    table = Table(path.name, ws.title, header_row, headers, iter(()),
                  preamble=[t.strip() for r in texts[:header_at] for t in r if t.strip()])
    table.chunks = _xlsx_chunks(chain(head[header_at + 1:], rows), table, _merged_ranges(ws, header_row))
    return table


Merge = tuple[int, int, int]  # (0-based column, first row, last row) of a merged range spanning rows


def _column_index(letters: bytes) -> int:
    """'A' -> 0, 'AB' -> 27."""
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index - 1


def _merged_ranges(ws: Any, header_row: int) -> dict[int, list[Merge]]:
    """Merged ranges below the header that span rows, by first row (read from the sheet's XML tail)."""
    source = getattr(ws, "_get_source", None)
    if source is None:
        return {}
    found: dict[int, list[Merge]] = {}
    tail = b""
    with source() as xml:
        for block in iter(lambda: xml.read(MB), b""):
            text = tail + block
            for m in _MERGE_REF.finditer(text):
                first, last = int(m.group(2)), int(m.group(4))
                if last > first and first > header_row:
                    found.setdefault(first, []).append((_column_index(m.group(1)), first, last))
            tail = text[-200:]
    for merges in found.values():  # the tail overlap may have found a range twice
        merges[:] = sorted(set(merges))
    return found


def _xlsx_chunks(rows: Iterator[Any], table: Table,
                 merges: dict[int, list[Merge]] | None = None) -> Iterator[Chunk]:
    """Cells as text in chunks; formula cells and ambiguous numeric targets become problems.

    A value merged down over several rows is read on every row it covers, as Excel shows it.
    """
    width = len(table.headers)
    target_at = {i for i, h in enumerate(table.headers) if normalise_header(h) in TARGET_HEADERS}
    batch: list[tuple[int, list[str]]] = []
    filling: list[tuple[int, int, str]] = []  # (column, last row, value) of merges in progress
    for cells in rows:
        real = [c for c in cells if getattr(c, "row", None) is not None]
        if not real:
            continue
        row_no = real[0].row
        if merges or filling:
            cells = _with_merged(cells, row_no, merges or {}, filling)
        values: list[str] = []
        for i, cell in enumerate(cells):
            text = cell_text(cell.value)
            if getattr(cell, "data_type", None) == "f" and i < width:
                table.problems.append(Problem(
                    table.where, row_no, table.headers[i] or cell.coordinate, text,
                    f"cell {cell.coordinate} holds a formula; only typed values are read",
                    "copy the column and paste it back as values (Paste Special > Values)",
                ))
            elif i in target_at and isinstance(cell.value, float):
                _check_numeric_target(table, row_no, i, cell.value)
            values.append(text)
        batch.append((row_no, values))
        if len(batch) >= CHUNK_ROWS:
            yield _fit_rows(batch, table)
            batch = []
    if batch:
        yield _fit_rows(batch, table)


class _Filled:
    """A stand-in cell carrying a merged range's value on a row the range covers."""

    data_type = "s"

    def __init__(self, value: object, row: int) -> None:
        self.value, self.row = value, row


def _with_merged(cells: Any, row_no: int, merges: dict[int, list[Merge]],
                 filling: list[tuple[int, int, str]]) -> list[Any]:
    """The row's cells with the values of the merged ranges covering it filled in."""
    out = list(cells)
    filling[:] = [f for f in filling if f[1] >= row_no]
    for column, _, value in filling:
        if column < len(out) and getattr(out[column], "value", None) is None:
            out[column] = _Filled(value, row_no)
    for column, _, last in merges.get(row_no, ()):
        if column < len(out) and out[column].value is not None:
            filling.append((column, last, out[column].value))
    return out


def _check_numeric_target(table: Table, row_no: int, index: int, value: float) -> None:
    """A target typed as a number loses its trailing zero (8.10 -> 8.1): say so where it is ambiguous."""
    from etl.values import ValueProblem, parse_target

    try:
        parse_target(value)
    except ValueProblem as exc:
        table.problems.append(Problem(
            table.where, row_no, table.headers[index], cell_text(value), str(exc),
            "format the target column as Text and type the target again (e.g. 8.10)",
        ))


def cell_text(value: object) -> str:
    """A cell as the text its author typed: 12500.0 -> "12500", dates as ISO, blanks as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
