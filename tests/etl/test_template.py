"""The submission workbook: Thai headers from etl/schema.py, dropdowns that the parsers read back,
an instructions sheet, a --province pre-fill; and a filled-in copy builds with the real ETL."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl import values
from etl.schema import DATASETS
from etl.template import INSTRUCTIONS_SHEET, LISTS_SHEET, current_fiscal_year
from tests.conftest import build_db, run_etl


@pytest.fixture
def template(tmp_path: Path) -> Path:
    out = tmp_path / "in" / "template.xlsx"
    result = run_etl("template", str(out), "--province", "เชียงใหม่")
    assert result.returncode == 0, result.stderr
    return out


def _validations(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, str]:
    """First cell of each validated range -> its formula."""
    return {str(dv.sqref).split(":")[0]: str(dv.formula1) for dv in ws.data_validations.dataValidation}


def _fill(ws: openpyxl.worksheet.worksheet.Worksheet, row: int, cells: list[object]) -> None:
    for column, value in enumerate(cells, start=1):
        ws.cell(row=row, column=column, value=value)


def test_target_and_id_columns_are_text_so_8_10_stays_8_10(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["โครงการ"]
    assert (ws["A2"].number_format, ws["F2"].number_format, ws["E2"].number_format) == ("@", "@", "General")


def test_sheets_and_thai_headers(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == [INSTRUCTIONS_SHEET, LISTS_SHEET, *(d.sheet_names[0] for d in DATASETS)]
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    for dataset in DATASETS:
        ws = wb[dataset.sheet_names[0]]
        assert [c.value for c in ws[1]] == [c.header_th for c in dataset.columns]


def test_instructions_are_thai_with_english_under(template: Path) -> None:
    ws = openpyxl.load_workbook(template)[INSTRUCTIONS_SHEET]
    assert "SDGs" in str(ws["A1"].value) and "แบบฟอร์ม" in str(ws["A1"].value)
    assert str(ws["A2"].value).startswith("Submission workbook")


def test_dropdowns_offer_values_the_parsers_accept(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    projects, plans, districts = wb["โครงการ"], wb["แผนขับเคลื่อน"], wb["โครงการอำเภอ"]
    lists = wb[LISTS_SHEET]
    assert _validations(projects) == {"B2": "lists!$A$2:$A$78", "E2": "lists!$B$2:$B$18",
                                      "H2": "0", "I2": "lists!$D$2:$D$5"}
    assert _validations(plans)["C2"] == '"มี,ไม่มี"'
    assert _validations(districts)["D2"] == "lists!$C$2:$C$6"
    goals = [values.parse_goal(lists.cell(row=r, column=2).value) for r in range(2, 19)]
    assert goals == list(range(1, 18))
    assert {values.parse_status(lists.cell(row=r, column=4).value) for r in range(2, 6)} == {
        "planned", "in_progress", "completed", "cancelled"}
    assert {values.parse_category(lists.cell(row=r, column=3).value) for r in range(2, 7)} == {
        "poverty", "water", "other", "drugs", "classroom"}
    assert [values.parse_yes_no(v) for v in ("มี", "ไม่มี")] == [True, False]


def test_province_prefills_the_plan_row(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["แผนขับเคลื่อน"]
    assert (ws["A2"].value, ws["B2"].value) == ("เชียงใหม่", current_fiscal_year())


@pytest.mark.parametrize(("day", "year"), [(dt.date(2023, 9, 30), 2566), (dt.date(2023, 10, 1), 2567)])
def test_fiscal_year_starts_in_october(day: dt.date, year: int) -> None:
    assert current_fiscal_year(day) == year


def test_unknown_province_is_a_clean_error(tmp_path: Path) -> None:
    result = run_etl("template", str(tmp_path / "t.xlsx"), "--province", "Atlantis")
    assert result.returncode == 1
    assert "unknown province" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "t.xlsx").exists()


def test_filled_template_builds(template: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template)
    plans = wb["แผนขับเคลื่อน"]
    plans["C2"], plans["D2"], plans["E2"] = "มี", "มี", "ไม่มี"
    _fill(wb["โครงการ"], 2, [None, "เชียงใหม่", 2566, "โครงการเกษตรปลอดภัย", 2, "2.4", "เกษตรจังหวัด", 150000,
                             "อยู่ระหว่างดำเนินการ"])
    _fill(wb["โครงการ"], 3, ["CM-2", "เชียงใหม่", 2566, "โครงการน้ำประปาหมู่บ้าน", 6, "6.1", None, None, None])
    _fill(wb["โครงการอำเภอ"], 2, ["จอมทอง", "เชียงใหม่", 2566, "บริหารจัดการน้ำอย่างยั่งยืน", "ฝายชะลอน้ำ"])
    wb.save(template)

    db = build_db(template.parent, tmp_path / "sdg.duckdb")

    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT province_code, fiscal_year, completeness FROM plans").fetchall() == [
            ("50", current_fiscal_year(), 2)]
        assert con.execute("SELECT project_id, goal, target, budget_thb, status FROM projects ORDER BY 1"
                           ).fetchall() == [("CM-2", 6, "6.1", None, None),
                                            ("P2566-50-0001", 2, "2.4", 150000.0, "in_progress")]
        assert con.execute("SELECT district_code, category FROM district_projects").fetchall() == [
            ("5002", "water")]
