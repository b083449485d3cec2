"""The submission workbook the secretariat sends to provinces, which `build` reads back as it is.

One sheet per dataset with the Thai headers of etl/schema.py, dropdowns (from a hidden lists sheet)
for province, goal, yes/no, category and status, and an instructions sheet in Thai with English.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from etl.reference import read_reference
from etl.schema import DATASETS, PLANS, PROJECT_STATUSES, Dataset

INSTRUCTIONS_SHEET = "คำแนะนำ"
LISTS_SHEET = "lists"
DATA_ROWS = 1000
YES, NO = "มี", "ไม่มี"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("แบบฟอร์มรายงานการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน (SDGs) ระดับจังหวัด",
     "Submission workbook: provincial localization of the Sustainable Development Goals (SDGs)"),
    ("กรอกข้อมูลในแต่ละแผ่นงาน หนึ่งแถวต่อหนึ่งรายการ ห้ามเปลี่ยนชื่อหัวคอลัมน์หรือชื่อแผ่นงาน",
     "Fill in each sheet, one row per item. Do not rename the column headers or the sheets."),
    ("แผ่นงาน 'แผนขับเคลื่อน': หนึ่งแถวต่อจังหวัดต่อปีงบประมาณ ระบุ มี/ไม่มี สำหรับองค์ประกอบทั้ง 4 ด้าน",
     "Sheet 'แผนขับเคลื่อน' (plans): one row per province per fiscal year; มี (yes) / ไม่มี (no) "
     "for each of the four components."),
    ("แผ่นงาน 'โครงการ': หนึ่งแถวต่อโครงการ รหัสโครงการเว้นว่างได้ (ระบบจะสร้างให้)",
     "Sheet 'โครงการ' (projects): one row per project; the project ID may be left blank (one is generated)."),
    ("แผ่นงาน 'โครงการอำเภอ': โครงการอำเภอบำบัดทุกข์ บำรุงสุข หนึ่งแถวต่อโครงการ ระบุอำเภอเป็นชื่อหรือรหัส 4 หลัก",
     "Sheet 'โครงการอำเภอ' (district projects): one row per project; the district by name or 4-digit code."),
    ("ปีงบประมาณเขียนเป็น พ.ศ. (2566) หรือ ค.ศ. (2023) ก็ได้ ตัวเลขไทยใช้ได้",
     "Fiscal year in Buddhist era (2566) or Common era (2023); Thai numerals are accepted."),
    ("เป้าหมายหลัก: เลข 1-17  เป้าหมายย่อย: เช่น 2.3 หรือ 11.a (ต้องอยู่ภายใต้เป้าหมายหลักของแถวนั้น)",
     "Goal: 1-17. Target: e.g. 2.3 or 11.a, and it must belong to the row's goal."),
    ("งบประมาณเป็นบาท ตัวเลขเท่านั้น ห้ามใส่สูตร (=) ในเซลล์ ให้วางเป็นค่า (Paste Values)",
     "Budget in baht, numbers only. No formulas (=) in any cell: paste values instead."),
    ("ตรวจไฟล์ก่อนส่งได้ด้วยคำสั่ง: python -m etl check ไฟล์.xlsx",
     "Check the file before sending it: python -m etl check FILE.xlsx"),
)


def current_fiscal_year(today: dt.date | None = None) -> int:
    """Thai fiscal year (BE) of a date: FY2567 runs from 1 October 2023 to 30 September 2024."""
    day = today or dt.date.today()
    return day.year + (1 if day.month >= 10 else 0) + 543


def write_template(out: Path, province: str | None = None, today: dt.date | None = None) -> Path:
    """Write the workbook; with a province, the plans sheet is pre-filled for it and this fiscal year."""
    prefill = _prefill(province, today)
    wb = Workbook()
    instructions = wb.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS_SHEET
    _instructions(instructions)
    lists = _lists(wb.create_sheet(LISTS_SHEET))
    for dataset in DATASETS:
        ws = wb.create_sheet(dataset.sheet_names[0])
        _data_sheet(ws, dataset, lists)
        if prefill and dataset is PLANS:
            ws.cell(row=2, column=_position(dataset, "province"), value=prefill[0])
            ws.cell(row=2, column=_position(dataset, "fiscal_year"), value=prefill[1])
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def _prefill(province: str | None, today: dt.date | None) -> tuple[str, int] | None:
    """Province name (Thai) and fiscal year for the plans row, resolved like any input."""
    if province is None:
        return None
    from etl.provinces import resolve_province

    return resolve_province(province).province.name_th, current_fiscal_year(today)


def _position(dataset: Dataset, column: str) -> int:
    """1-based column of a canonical column on its sheet."""
    return next(i for i, c in enumerate(dataset.columns, start=1) if c.name == column)


def _instructions(ws: Worksheet) -> None:
    """Thai line, English under it, a blank line between items."""
    ws.column_dimensions["A"].width = 120
    row = 1
    for thai, english in INSTRUCTIONS:
        ws.cell(row=row, column=1, value=thai).font = Font(bold=row == 1, size=13 if row == 1 else 11)
        ws.cell(row=row + 1, column=1, value=english).font = Font(italic=True, color="555555")
        row += 3


def _lists(ws: Worksheet) -> dict[str, str]:
    """Dropdown sources on a hidden sheet; returns column name -> range formula."""
    provinces = read_reference("provinces").sort_values("province_code")["name_th"].tolist()
    categories = read_reference("district_categories").sort_values("sort_order")["name_th"].tolist()
    columns: dict[str, list[object]] = {
        "province": list(provinces),
        "goal": list(range(1, 18)),
        "category": list(categories),
        "status": [thai for thai, _ in PROJECT_STATUSES.values()],
    }
    formulas: dict[str, str] = {}
    for col_no, (name, items) in enumerate(columns.items(), start=1):
        letter = get_column_letter(col_no)
        ws.cell(row=1, column=col_no, value=name)
        for row_no, item in enumerate(items, start=2):
            ws.cell(row=row_no, column=col_no, value=item)
        formulas[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(items) + 1}"
    ws.sheet_state = "hidden"
    return formulas


def _validation(column: str, lists: dict[str, str]) -> DataValidation | None:
    """The dropdown or range check for a column, if it has one."""
    if column in lists:
        return DataValidation(type="list", formula1=lists[column], allow_blank=True,
                              error="เลือกจากรายการ / pick a value from the list", showErrorMessage=True)
    if column.startswith("has_"):
        return DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True,
                              error=f"{YES} / {NO}", showErrorMessage=True)
    if column == "budget_thb":
        return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                              error="งบประมาณเป็นบาท ตัวเลขไม่ติดลบ / budget in baht, not negative",
                              showErrorMessage=True)
    return None


def _data_sheet(ws: Worksheet, dataset: Dataset, lists: dict[str, str]) -> None:
    """Header row, widths, text format and dropdowns for one dataset sheet."""
    for col_no, col in enumerate(dataset.columns, start=1):
        cell = ws.cell(row=1, column=col_no, value=col.header_th)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        letter = get_column_letter(col_no)
        ws.column_dimensions[letter].width = 45 if col.name in ("title", "agency") else 18
        if col.name in ("project_id", "target"):
            for row in range(2, DATA_ROWS + 2):
                ws.cell(row=row, column=col_no).number_format = "@"  # typed as text: 8.10 stays 8.10
        validation = _validation(col.name, lists)
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
    ws.freeze_panes = "A2"
