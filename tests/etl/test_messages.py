"""Every problem the ETL finds reads in Thai as well as English, and the check names file, sheet, row
and column apart: the broken-input corpus is checked with the ETL's own check and each message and fix
looked up in the message table."""
from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from etl.build import check_paths, checked
from etl.errors import InputProblem, Located
from etl.messages import ENTRIES, in_language, thai
from etl.readers import Limits
from tests.etl.test_bad_inputs import BAD, CASES, GENERATORS, GOOD_ROW, PROJECT_HEADERS

THAI_LETTER = re.compile(r"[\u0e01-\u0e2e]")


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


@pytest.mark.parametrize(("english", "thai_text"), ENTRIES)
def test_each_entry_is_thai_with_the_english_placeholders(english: str, thai_text: str) -> None:
    assert THAI_LETTER.search(thai_text) or english.startswith(("12500", "1250000")), thai_text
    assert _placeholders(thai_text) <= _placeholders(english), english


def _problems(folder: Path) -> list[Located]:
    try:
        paths, skipped = check_paths([folder])
    except InputProblem as exc:
        return [Located.of(p, []) for p in exc.problems]
    with checked(paths, Limits(), skipped) as result:
        return result.problems()


@pytest.mark.parametrize("case", CASES)
def test_every_problem_of_the_broken_inputs_reads_in_thai(case: str, tmp_path: Path) -> None:
    expected = json.loads((BAD / case / "expected.json").read_text(encoding="utf-8"))
    source = tmp_path / "inputs"
    shutil.copytree(BAD / case, source, ignore=shutil.ignore_patterns("expected.json"))
    if "generate" in expected:
        GENERATORS[expected["generate"]](source)
    found = _problems(source)
    assert found or case == "generated_id_collision"  # that clash shows only when the build loads
    untranslated = [text for p in found for text in (p.message, p.fix) if text and thai(text) is None]
    assert untranslated == []


def test_the_check_names_file_sheet_row_and_column_apart(tmp_path: Path) -> None:
    bad = list(GOOD_ROW)
    bad[0], bad[4] = "P-9", 18
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "โครงการ"
    for row in (PROJECT_HEADERS, GOOD_ROW, bad):
        sheet.append(row)
    book.save(tmp_path / "projects.xlsx")
    with checked([tmp_path / "projects.xlsx"], Limits()) as result:
        found = result.problems()
        assert result.found.errors == 1
    goal = next(p for p in found if p.column == "เป้าหมายหลัก")
    assert (goal.file, goal.sheet, goal.row, goal.value, goal.severity) == (
        "projects.xlsx", "โครงการ", 3, "18", "error")
    assert goal.message.startswith("goal must be a number from 1 to 17")
    assert in_language(goal.message, "th") == (
        "เป้าหมายหลักต้องเป็นตัวเลข 1 ถึง 17 เช่น 2, 'SDG 2' หรือ 'เป้าหมายที่ 2' แต่พบ '18'")
    assert in_language(goal.fix, "th") == "เขียนหมายเลขเป้าหมาย 1-17 (เช่น 2 หรือ SDG 2)"
    assert in_language(goal.message, "en") == goal.message


def test_a_warning_counted_over_rows_keeps_its_count_in_thai() -> None:
    text = ("'เชียงใหม' read as เชียงใหม่ (Chiang Mai, 50): it is a spelling variant of that name and no "
            "other province is that close; check the spelling (3 rows)")
    assert thai(text) == ("อ่าน 'เชียงใหม' เป็น เชียงใหม่ (Chiang Mai, 50): เป็นการสะกดอีกแบบของชื่อนั้น "
                          "และไม่มีจังหวัดอื่นที่ใกล้เคียง ตรวจสอบการสะกด (3 แถว)")


# where each call that makes a problem takes its message and fix (positions of its arguments)
_TEXT_ARGUMENTS = {"Problem": (4, 5), "_file_problem": (1, 2), "ValueProblem": (0,), "ProvinceProblem": (0,),
                   "DistrictProblem": (0,), "UnitProblem": (0,), "Rule": (2,)}


def _written(node: ast.expr) -> str | None:
    """The text a message argument writes, each interpolated value as 'X'; None when not literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "X" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _written(node.left), _written(node.right)
        return None if left is None or right is None else left + right
    return None


def test_every_message_written_in_the_etl_has_its_thai() -> None:
    """A new message in the ETL's code without a Thai entry fails here, before any file shows it."""
    root = Path(__file__).resolve().parents[2] / "etl"
    missing = []
    for path in sorted(root.glob("*.py")):
        if path.name.startswith("sample") or path.name == "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            for index in _TEXT_ARGUMENTS.get(name, ()):
                text = _written(node.args[index]) if index < len(node.args) else None
                if text and thai(text) is None:
                    missing.append(f"{path.name}:{node.lineno}: {text}")
    assert missing == []


def test_a_json_example_in_a_fix_stays_as_written() -> None:
    fix = 'write it as {"source": "...", "is_sample": false} or delete it'
    assert thai(fix) == 'เขียนเป็น {"source": "...", "is_sample": false} หรือลบไฟล์นี้'


@pytest.mark.parametrize(("english", "expected"), [
    ("not read: .xls files are not read (only .csv, .txt, .xlsx)",
     "ไม่ได้อ่าน: ระบบไม่อ่านไฟล์ .xls (อ่านเฉพาะ .csv, .txt, .xlsx)"),
    ("not read: a hidden file", "ไม่ได้อ่าน: ไฟล์ที่ซ่อนอยู่"),
    ("row read as a total row, not as data: skipped", "แถวนี้อ่านได้เป็นแถวผลรวม ไม่ใช่ข้อมูล: ข้ามไป"),
])
def test_a_message_built_from_another_reads_as_built(english: str, expected: str) -> None:
    """Two entries could both read such a text; the one that leaves no English and starts with its
    own words is the one the ETL wrote."""
    assert thai(english) == expected
