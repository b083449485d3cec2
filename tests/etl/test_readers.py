"""Readers as tables of input and expected output: encodings, delimiters, header rows, cell text,
size and zip limits, and the Excel row numbers every problem is reported with."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.build import check
from etl.errors import InputProblem
from etl.headers import detect_dataset, map_columns
from etl.readers import Limits, cell_text, detect_encoding, find_header_row, read_tables, sniff_delimiter

THAI = "จังหวัด,ปีงบประมาณ\nเชียงใหม่,2566\n"


def rows_of(path: Path) -> list[tuple[int, list[str]]]:
    table = read_tables(path)[0]
    return [(n, cells) for numbers, rows in table.chunks for n, cells in zip(numbers, rows, strict=True)]


@pytest.mark.parametrize(("data", "expected"), [
    (THAI.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + THAI.encode("utf-8"), "utf-8-sig"),
    (THAI.encode("cp874"), "cp874"),
    (THAI.encode("utf-16"), "utf-16"),
    (b"Province,Fiscal year\nChiang Mai,2566\n", "utf-8"),
])
def test_encoding_is_detected_from_the_bytes(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    assert detect_encoding(path) == expected


@pytest.mark.parametrize(("data", "message"), [
    (b"\xef\xbb\xbf" + THAI.encode("cp874"), "mixes two encodings"),
    (THAI.encode("utf-8").decode("latin-1").encode("utf-8"), "looks garbled"),
    ("Province,Title\nChiang Mai,Café\n".encode("latin-1"), "neither UTF-8 nor Thai Windows"),
    (b"PK\x00\x00binary", "NUL bytes"),
])
def test_encoding_contradictions_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    with pytest.raises(InputProblem, match=message):
        detect_encoding(path)


@pytest.mark.parametrize(("sample", "delimiter"), [
    ("a,b,c\n1,2,3\n", ","),
    ("a;b;c\n1;2,5;3\n", ";"),
    ("a\tb\tc\n1\t2\t3\n", "\t"),
    ('"x, y";b\n"1, 2";3\n', ";"),
])
def test_delimiter_is_sniffed(sample: str, delimiter: str) -> None:
    assert sniff_delimiter(sample) == delimiter


@pytest.mark.parametrize(("rows", "index"), [
    ([["จังหวัด", "ปีงบประมาณ"]], 0),
    ([["รายงานโครงการ ปี 2566", "", ""], ["", "", ""], ["Province", "Fiscal year", "Title"]], 2),
    ([["", ""], ["name", "amount"]], 1),
    ([["", ""]], None),
])
def test_header_row_is_found_below_title_rows(rows: list[list[str]], index: int | None) -> None:
    assert find_header_row(rows) == index


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), (12500.0, "12500"), (0.5, "0.5"), (2566, "2566"), (True, "true"),
    (dt.datetime(2023, 10, 1), "2023-10-01"), (dt.date(2024, 9, 30), "2024-09-30"), ("๒๕๖๖", "๒๕๖๖"),
])
def test_cells_read_as_their_author_typed_them(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_csv_rows_keep_excel_row_numbers_and_skip_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text('Title row\nProvince,Fiscal year,Title\nChiang Mai,2566,"two\nlines"\n,,\nLampang,2566\n',
                    encoding="utf-8")
    table = read_tables(path)[0]
    assert (table.header_row, table.headers) == (2, ["Province", "Fiscal year", "Title"])
    assert rows_of(path) == [(3, ["Chiang Mai", "2566", "two\nlines"]), (5, ["Lampang", "2566", ""])]


def test_extra_cells_are_a_problem_on_their_row(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Province,Title\nChiang Mai,a,b\n", encoding="utf-8")
    table = read_tables(path)[0]
    list(table.chunks)
    assert [(p.row, p.value) for p in table.problems] == [(2, "b")]


def test_xlsx_formula_cells_are_named(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "projects"
    ws.append(["Province", "Fiscal year", "Budget"])
    ws.append(["Chiang Mai", 2566, "=SUM(1,2)"])
    ws.append([None, None, None])
    ws.append(["Lampang", "2023", 1.5])
    wb.save(tmp_path / "w.xlsx")
    table = read_tables(tmp_path / "w.xlsx")[0]
    assert [(n, r) for numbers, rows in table.chunks for n, r in zip(numbers, rows, strict=True)] == [
        (2, ["Chiang Mai", "2566", "=SUM(1,2)"]), (4, ["Lampang", "2023", "1.5"])]
    assert [(p.row, p.column) for p in table.problems] == [(2, "Budget")]
    assert "cell C2 holds a formula" in table.problems[0].message


def test_a_target_typed_as_an_ambiguous_number_is_a_problem(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Province", "Goal", "Target"])
    ws.append(["Chiang Mai", 8, 8.1])
    ws.append(["Chiang Mai", 8, 8.2])
    wb.save(tmp_path / "w.xlsx")
    table = read_tables(tmp_path / "w.xlsx")[0]
    list(table.chunks)
    assert [(p.row, p.column, p.value) for p in table.problems] == [(2, "Target", "8.1")]
    assert "8.10" in table.problems[0].message


def test_hidden_and_instruction_sheets_are_skipped(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.title = "คำแนะนำ"
    first.append(["อ่านก่อนกรอก"])
    hidden = wb.create_sheet("lists")
    hidden.append(["province"])
    hidden.sheet_state = "hidden"
    data = wb.create_sheet("แผน")
    data.append(["จังหวัด", "ปีงบประมาณ"])
    wb.save(tmp_path / "w.xlsx")
    assert [t.sheet for t in read_tables(tmp_path / "w.xlsx")] == ["แผน"]


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.truncate(3 * 1024 * 1024)
    with pytest.raises(InputProblem, match="larger than the 2 MB limit"):
        read_tables(path, Limits(max_csv_bytes=2 * 1024 * 1024))


def test_zip_bomb_is_refused_before_opening(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(InputProblem, match="zip bomb"):
        read_tables(path)
    with pytest.raises(InputProblem, match="unpacks to 8 MB"):
        read_tables(path, Limits(max_unzipped_bytes=4 * 1024 * 1024, max_zip_ratio=10**9))


@pytest.mark.parametrize(("headers", "dataset", "missing"), [
    (["จังหวัด", "ปีงบประมาณ", "ชื่อโครงการ", "เป้าหมายหลัก"], "projects", []),
    (["Province", "FY", "District", "Category", "Title"], "district_projects", []),
    (["Provnce", "Fiscal year", "Committee order", "Framework", "Action plan", "Project details"], "plans",
     ["Provnce"]),
])
def test_dataset_is_detected_from_headers(tmp_path: Path, headers: list[str], dataset: str,
                                          missing: list[str]) -> None:
    path = tmp_path / "anything.csv"
    path.write_text(",".join(headers) + "\n", encoding="utf-8")
    table = read_tables(path)[0]
    found = detect_dataset(table)
    assert found.name == dataset
    assert [p.column for p in map_columns(table, found).problems if p.severity == "error"] == missing


CELLS = st.lists(st.sampled_from([*'ab1,;\t"\n\r =<>@๑กข.-', "จังหวัด", "Goal", "2566", "SDG 2", "Chiang Mai"]),
                 max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), CELLS.map(lambda t: t.encode("utf-8")),
                      CELLS.map(lambda t: ("Province,Fiscal year,Title,Goal\n" + t).encode("utf-8"))),
       suffix=st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_give_a_result_or_a_clean_problem(tmp_path: Path, data: bytes, suffix: str) -> None:
    """Whatever a file holds, validation ends with an outcome or an InputProblem, never another exception."""
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    try:
        outcome = check([path], Limits(), None)
    except InputProblem as exc:
        assert exc.problems
    else:
        assert outcome.exit_code in (0, 1)
        assert "Traceback" not in outcome.text


TYPED = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                  st.floats(allow_nan=False, allow_infinity=False), st.dates(),
                  st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(TYPED, min_size=9, max_size=9), min_size=1, max_size=5))
def test_any_typed_cells_in_a_workbook_give_an_outcome(tmp_path: Path, rows: list[list[object]]) -> None:
    """Numbers, dates, booleans and any text under the project headers: problems, never a crash."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["รหัสโครงการ", "จังหวัด", "ปีงบประมาณ", "ชื่อโครงการ", "เป้าหมายหลัก", "เป้าหมายย่อย",
               "หน่วยงานรับผิดชอบ", "งบประมาณ (บาท)", "สถานะ"])
    for row in rows:
        ws.append(row)
    wb.save(tmp_path / "w.xlsx")
    try:
        outcome = check([tmp_path / "w.xlsx"], Limits(), None)
    except InputProblem as exc:
        assert exc.problems
    else:
        assert outcome.exit_code in (0, 1)
