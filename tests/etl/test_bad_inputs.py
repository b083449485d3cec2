"""Every broken input in tests/data/bad/<case>/ fails the real build with the exact problem it must
produce (file, row, column, message), never a traceback, and leaves the previous database byte-identical.

Each case folder holds its input files and expected.json; binary or large inputs (workbooks, a sparse
200 MB file, a zip bomb) are generated here, deterministically, instead of being committed.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import build_db, run_etl
from tests.etl.fixtures import write_good_inputs

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if (p / "expected.json").is_file())
PROJECT_HEADERS = ["รหัสโครงการ", "จังหวัด", "ปีงบประมาณ", "ชื่อโครงการ", "เป้าหมายหลัก", "เป้าหมายย่อย",
                   "หน่วยงานรับผิดชอบ", "งบประมาณ (บาท)", "สถานะ"]
GOOD_ROW = ["P-1", "เชียงใหม่", 2566, "โครงการปลูกผักปลอดภัย", 2, "2.3", "สำนักงานเกษตรจังหวัด", 120000, None]


def _workbook(path: Path, sheet: str, rows: Sequence[Sequence[object]]) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return wb


def oversized_xlsx(folder: Path) -> None:
    """A sparse 200 MB file: rejected by its size, so nothing is read into memory."""
    with (folder / "projects.xlsx").open("wb") as f:
        f.truncate(200 * 1024 * 1024)


def zip_bomb(folder: Path) -> None:
    """A zip whose one member inflates 50 MB of zeros from a few KB."""
    with zipfile.ZipFile(folder / "projects.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as zf, \
            zf.open("xl/worksheets/sheet1.xml", "w") as member:
        block = b"\0" * (1024 * 1024)
        for _ in range(50):
            member.write(block)


def formula_cells(folder: Path) -> None:
    row = list(GOOD_ROW)
    row[0], row[7] = "P-2", "=1000*2"
    _workbook(folder / "projects.xlsx", "โครงการ", [PROJECT_HEADERS, GOOD_ROW, row])


def wrong_sheet_name(folder: Path) -> None:
    _workbook(folder / "projects.xlsx", "Sheet1", [["No.", "Name", "Amount"], [1, "x", 5]])


def merged_header_row(folder: Path) -> None:
    """A title merged across the columns above the real headers; row numbers must still be Excel's."""
    bad = list(GOOD_ROW)
    bad[0], bad[4], bad[5] = "P-2", 18, None
    wb = _workbook(folder / "projects.xlsx", "โครงการ",
                   [["โครงการตามแผนขับเคลื่อน SDGs จังหวัดเชียงใหม่ ปี 2566"], PROJECT_HEADERS, GOOD_ROW, bad])
    ws = wb.active
    assert ws is not None
    ws.merge_cells("A1:I1")
    wb.save(folder / "projects.xlsx")


GENERATORS: dict[str, Callable[[Path], None]] = {
    f.__name__: f for f in (oversized_xlsx, zip_bomb, formula_cells, wrong_sheet_name, merged_header_row)
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def previous_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good database built by the real ETL; every case starts from a copy of it."""
    source = write_good_inputs(tmp_path_factory.mktemp("good"))
    return build_db(source, tmp_path_factory.mktemp("prev") / "sdg.duckdb")


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_cleanly(case: str, tmp_path: Path, previous_db: Path) -> None:
    expected = json.loads((BAD / case / "expected.json").read_text(encoding="utf-8"))
    source = tmp_path / "inputs"
    shutil.copytree(BAD / case, source, ignore=shutil.ignore_patterns("expected.json"))
    if "generate" in expected:
        GENERATORS[expected["generate"]](source)
    db = tmp_path / "db" / "sdg.duckdb"
    db.parent.mkdir()
    shutil.copyfile(previous_db, db)
    before = _sha256(db)

    result = run_etl("build", "--source", str(source), "--db", str(db))
    output = result.stdout + result.stderr

    assert result.returncode == expected["exit"], output
    assert "Traceback" not in output
    for message in expected["messages"]:
        assert message in output, f"{message!r} not in:\n{output}"
    if expected.get("row") is not None:
        assert f"row {expected['row']}" in output, output
    if expected.get("column") is not None:
        assert f'column "{expected["column"]}"' in output, output
    assert _sha256(db) == before
    left = sorted(p.name for p in db.parent.iterdir() if not p.name.endswith((".txt", ".log")))
    assert left == ["sdg.duckdb"]


@pytest.mark.parametrize("case", ["goal_eighteen", "unknown_province", "duplicate_ids_in_file"])
def test_report_lists_the_same_problem(case: str, tmp_path: Path) -> None:
    """The report file carries the row-level problem too, so it can be sent back to the province."""
    expected = json.loads((BAD / case / "expected.json").read_text(encoding="utf-8"))
    report = tmp_path / "report.txt"
    result = run_etl("build", "--source", str(BAD / case), "--db", str(tmp_path / "sdg.duckdb"),
                     "--report", str(report))
    assert result.returncode == 1
    text = report.read_text(encoding="utf-8")
    assert all(m in text for m in expected["messages"])
    assert f"row {expected['row']}" in text
    assert not (tmp_path / "sdg.duckdb").exists()
