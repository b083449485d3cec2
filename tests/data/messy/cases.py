"""Submissions filled as provincial offices really fill the template, each with the database it must give.

Every case starts from the workbook `python -m etl template` writes (passed in as `template`; the one
pre-filled with `--province` lies beside it, see `prefilled`), fills it
as a clerk would (Thai numerals, marks, units, totals rows, merged cells, one sheet per district,
resubmissions, Excel's CSV and Unicode-text exports) and states the exact rows the build must load:
budgets in baht, each plan answer, projects and district projects per province.
"""
from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

PLANS, PROJECTS, DISTRICTS = "แผนขับเคลื่อน", "โครงการ", "โครงการอำเภอ"
CM, LAMPHUN, LAMPANG, SATUN, KORAT, KHON_KAEN = "50", "51", "52", "91", "30", "40"

PlanRow = tuple[str, int, bool, bool, bool, bool]
# province code, year, goal, target, title, budget in baht, status
ProjectRow = tuple[str, int, int, str | None, str, float | None, str | None]


@dataclass(frozen=True)
class Expected:
    """What the database holds after the build (None = not checked), or the errors that stop it."""

    plans: list[PlanRow] | None = None
    not_assessed: list[tuple[str, int]] | None = None
    projects: list[ProjectRow] | None = None
    districts: dict[str, int] | None = None  # district projects per province
    district_codes: list[str] | None = None
    project_ids: list[str] | None = None
    warnings: tuple[str, ...] = ()  # each must appear in the report
    errors: tuple[str, ...] = ()  # non-empty: the build must fail, naming each


@dataclass(frozen=True)
class Case:
    """One submission folder as a clerk would send it."""

    name: str
    story: str
    write: Callable[[Path, Path], None]  # (template, source folder)
    expected: Expected = field(default_factory=Expected)


# ---------------------------------------------------------------- helpers a clerk's hands stand for

def prefilled(template: Path, code: str) -> Path:
    """The template pre-filled for one province (`etl template --province`), written beside the blank one."""
    return template.with_name(f"template-{code}.xlsx")


def workbook(template: Path) -> Workbook:
    return openpyxl.load_workbook(template)


def put(ws: Worksheet, rows: list[list[object]], start: int = 2) -> None:
    """Type rows into a sheet from `start` (row 1 is the template's header row)."""
    for r, row in enumerate(rows):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=start + r, column=c, value=value)


def save(wb: Workbook, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    wb.save(folder / name)


def sheet_rows(template: Path, sheet: str, rows: list[list[object]]) -> list[list[str]]:
    """The template's header row of a sheet followed by rows, as text (what an Excel export writes)."""
    header = [str(c.value) for c in workbook(template)[sheet][1] if c.value is not None]
    return [header, *[["" if v is None else str(v) for v in row] for row in rows]]


def export_text(rows: list[list[str]], path: Path, encoding: str, delimiter: str) -> None:
    """Excel's "CSV (Comma delimited)" (cp874 on Thai Windows) or "Unicode Text" (UTF-16, tabs)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))


def only_sheet(wb: Workbook, keep: str) -> Workbook:
    for name in list(wb.sheetnames):
        if name not in (keep, "คำแนะนำ", "lists"):
            del wb[name]
    return wb


def projects_book(template: Path, rows: list[list[object]], start: int = 2) -> Workbook:
    wb = workbook(template)
    put(wb[PROJECTS], rows, start)
    return wb


def plans_book(template: Path, rows: list[list[object]], start: int = 2) -> Workbook:
    wb = workbook(template)
    put(wb[PLANS], rows, start)
    return wb


YES = (True, True, True, True)


def plan(code: str, year: int, answers: tuple[bool, bool, bool, bool]) -> PlanRow:
    return (code, year, *answers)


# ---------------------------------------------------------------- the cases

def thai_numerals(template: Path, folder: Path) -> None:
    wb = plans_book(template, [["เชียงใหม่", "๒๕๖๖", "มี", "มี", "ไม่มี", "มี"]])
    put(wb[PROJECTS], [[None, "เชียงใหม่", "๒๕๖๖", "ฝายชะลอน้ำ", "๖", "๖.๔", "สำนักงานทรัพยากรน้ำ",
                        "๑,๒๕๐,๐๐๐",
                        "อยู่ระหว่างดำเนินการ"]])
    save(wb, folder, "เชียงใหม่.xlsx")


def budget_in_millions(template: Path, folder: Path) -> None:
    wb = projects_book(template, [
        [None, "ลำพูน", 2566, "ตลาดเกษตรปลอดภัย", 2, "2.3", "เกษตรจังหวัด", 1.5, "ยังไม่เริ่มดำเนินการ"],
        [None, "ลำพูน", 2566, "ถนนปลอดภัย", 3, "3.6", "ตำรวจภูธร", 2.25, None],
    ])
    wb[PROJECTS]["H1"] = "งบประมาณ (ล้านบาท)"
    save(wb, folder, "lamphun.xlsx")


def budget_in_thousands(template: Path, folder: Path) -> None:
    wb = projects_book(template, [[None, "ลำปาง", 2566, "ป่าชุมชน", 15, "15.1", None, 850, None]])
    wb[PROJECTS]["H1"] = "งบประมาณ (พันบาท)"
    save(wb, folder, "lampang.xlsx")


def unit_line_above_headers(template: Path, folder: Path) -> None:
    wb = workbook(template)
    ws = wb[PROJECTS]
    ws.insert_rows(1, 2)
    ws["A1"] = "โครงการตามแผนขับเคลื่อน SDGs จังหวัดสตูล ปีงบประมาณ ๒๕๖๖"
    ws["A2"] = "(หน่วย : ล้านบาท)"
    ws["H3"] = "งบประมาณ"
    put(ws, [[None, "สตูล", 2566, "ท่องเที่ยวชุมชน", 8, "8.9", None, 3, None]], start=4)
    save(wb, folder, "satun.xlsx")


def units_in_cells(template: Path, folder: Path) -> None:
    wb = projects_book(template, [
        [None, "เชียงใหม่", 2566, "โครงการ ก", 1, None, None, "1.5 ล้าน", None],
        [None, "เชียงใหม่", 2566, "โครงการ ข", 1, None, None, "850,000 บาท", None],
        [None, "เชียงใหม่", 2566, "โครงการ ค", 1, None, None, "๒ ล้านบาท", None],
        [None, "เชียงใหม่", 2566, "โครงการ ง", 1, None, None, "500 พันบาท", None],
        [None, "เชียงใหม่", 2566, "โครงการ จ", 1, None, None, "12,500.-", None],
    ])
    save(wb, folder, "cm.xlsx")


def foreign_currency_header(template: Path, folder: Path) -> None:
    wb = projects_book(template, [[None, "เชียงใหม่", 2566, "โครงการ ก", 1, None, None, 1000, None]])
    wb[PROJECTS]["H1"] = "งบประมาณ (USD)"
    save(wb, folder, "cm.xlsx")


UNIT_ROWS: list[list[object]] = [
    [None, "(ระบุชื่อจังหวัด)", "(พ.ศ.)", None, "(1-17)", None, None, "(ล้านบาท)", None],
    [None, "ขอนแก่น", 2566, "ห้องเรียนชุมชน", 4, "4.4", None, 0.75, None],
]


def unit_row_under_header(template: Path, folder: Path) -> None:
    wb = projects_book(template, UNIT_ROWS)
    wb[PROJECTS]["H1"] = "งบประมาณ"
    save(wb, folder, "khonkaen.xlsx")


def unit_row_contradicts_header(template: Path, folder: Path) -> None:
    save(projects_book(template, UNIT_ROWS), folder, "khonkaen.xlsx")  # the header still says (บาท)


def tick_and_cross_marks(template: Path, folder: Path) -> None:
    save(plans_book(template, [
        ["เชียงใหม่", 2566, "✓", "✗", "✓", "x"],
        ["ลำพูน", 2566, "☑", "☒", "/", "X"],
        ["ลำปาง", 2566, "✔", "✘", "×", "✅"],
    ]), folder, "plans.xlsx")


def drafting_phrases(template: Path, folder: Path) -> None:
    save(plans_book(template, [
        ["เชียงใหม่", 2566, "มีแล้ว", "อยู่ระหว่างจัดทำ", "มี (คำสั่งจังหวัดที่ 123/2566)",
         "ไม่มี (อยู่ระหว่างจัดทำ)"],
        ["สตูล", 2566, "มี", "ยังไม่มี", "กำลังจัดทำ", "มีแล้ว"],
    ]), folder, "plans.xlsx")


def mark_outside_vocabulary(template: Path, folder: Path) -> None:
    save(plans_book(template, [["เชียงใหม่", 2566, "มี", "บางส่วน", "มี", "มี"]]), folder, "plans.xlsx")


def totals_row(template: Path, folder: Path) -> None:
    save(projects_book(template, [
        [None, "นครราชสีมา", 2566, "โครงการ ก", 1, None, None, 100000, None],
        [None, "นครราชสีมา", 2566, "โครงการ ข", 2, None, None, 200000, None],
        [None, None, None, "รวม", None, None, None, 300000, None],
        [None, "ยอดรวมทั้งสิ้น 2 โครงการ", None, None, None, None, None, 300000, None],
    ]), folder, "korat.xlsx")


def notes_and_headings(template: Path, folder: Path) -> None:
    save(projects_book(template, [
        [None, None, None, "เป้าหมายที่ 1 ขจัดความยากจน", None, None, None, None, None],
        [None, "ลำปาง", 2566, "ส่งเสริมอาชีพผู้สูงอายุ", 1, "1.2", None, 50000, None],
        [None, None, None, "เป้าหมายที่ 3 สุขภาพ", None, None, None, None, None],
        [None, "ลำปาง", 2566, "คัดกรองเบาหวาน", 3, "3.4", None, 80000, None],
        ["หมายเหตุ: ข้อมูล ณ วันที่ 31 มีนาคม 2566", None, None, None, None, None, None, None, None],
        ["* งบประมาณเป็นงบจังหวัด", None, None, None, None, None, None, None, None],
    ]), folder, "lampang.xlsx")


def instruction_and_example_rows(template: Path, folder: Path) -> None:
    save(projects_book(template, [
        ["(เว้นว่างได้)", "(เลือกจังหวัด)", "(พ.ศ.)", "(ชื่อโครงการ)", "(1-17)", "(เช่น 2.3)", "(หน่วยงาน)",
         "(บาท)", "(เลือกสถานะ)"],
        ["ตัวอย่าง", "เชียงใหม่", 2566, "โครงการตัวอย่าง", 2, "2.3", "สำนักงานเกษตรจังหวัด", 100000,
         "ยังไม่เริ่มดำเนินการ"],
        [None, "สตูล", 2566, "ธนาคารปู", 14, "14.2", "ประมงจังหวัด", 90000, "อยู่ระหว่างดำเนินการ"],
    ]), folder, "satun.xlsx")


def merged_province_and_year(template: Path, folder: Path) -> None:
    wb = projects_book(template, [
        [None, "เชียงใหม่", 2566, "โครงการ ก", 1, None, None, 1000, None],
        [None, None, None, "โครงการ ข", 2, None, None, 2000, None],
        [None, None, None, "โครงการ ค", 3, None, None, 3000, None],
        [None, "ลำพูน", 2566, "โครงการ ง", 4, None, None, 4000, None],
        [None, None, None, "โครงการ จ", 5, None, None, 5000, None],
    ])
    ws = wb[PROJECTS]
    for cells in ("B2:B4", "C2:C6", "B5:B6"):
        ws.merge_cells(cells)
    save(wb, folder, "north.xlsx")


def merged_not_assessed(template: Path, folder: Path) -> None:
    wb = plans_book(template, [
        ["เชียงใหม่", 2566, "มี", "มี", "มี", "มี"],
        ["สตูล", 2566, "ไม่ได้ประเมิน", None, None, None],
    ])
    wb[PLANS].merge_cells("C3:F3")
    save(wb, folder, "plans.xlsx")


def empty_template_parts(template: Path, folder: Path) -> None:
    save(workbook(prefilled(template, SATUN)), folder, "satun.xlsx")  # sent back unfilled
    wb = only_sheet(projects_book(template, [[None, "ลำปาง", 2566, "ป่าชุมชน", 15, None, None, 1000, None]]),
                    PROJECTS)
    save(wb, folder, "lampang.xlsx")


def blank_plan_row(template: Path, folder: Path) -> None:
    save(plans_book(template, [
        ["เชียงใหม่", 2566, None, None, None, None],
        ["ลำพูน", 2566, "ไม่มี", None, None, None],
    ]), folder, "plans.xlsx")


def not_assessed_marks(template: Path, folder: Path) -> None:
    save(plans_book(template, [
        ["เชียงใหม่", 2566, "-", "-", "-", "-"],
        ["ลำพูน", 2566, "N/A", "N/A", "N/A", "N/A"],
        ["ลำปาง", 2566, "มี", "-", "ไม่มี", "-"],
    ]), folder, "plans.xlsx")


def not_assessed_mixed_with_answers(template: Path, folder: Path) -> None:
    save(plans_book(template, [["เชียงใหม่", 2566, "มี", "N/A", "มี", "มี"]]), folder, "plans.xlsx")


PROJECT_ROWS: list[list[object]] = [
    [None, "เชียงใหม่", 2566, "ฝายชะลอน้ำ", 6, "6.6", "ทรัพยากรธรรมชาติจังหวัด", 300000, None],
    [None, "เชียงใหม่", 2566, "ตลาดสีเขียว", 12, "12.3", "พาณิชย์จังหวัด", 150000, None],
    [None, "เชียงใหม่", 2566, "ป้องกันไฟป่า", 13, "13.1", "ป้องกันและบรรเทาสาธารณภัย", 500000, None],
]
CM_PROJECTS: list[ProjectRow] = [
    (CM, 2566, 6, "6.6", "ฝายชะลอน้ำ", 300000.0, None),
    (CM, 2566, 12, "12.3", "ตลาดสีเขียว", 150000.0, None),
    (CM, 2566, 13, "13.1", "ป้องกันไฟป่า", 500000.0, None),
]


def same_file_twice(template: Path, folder: Path) -> None:
    save(projects_book(template, PROJECT_ROWS), folder, "เชียงใหม่ SDGs.xlsx")
    shutil.copyfile(folder / "เชียงใหม่ SDGs.xlsx", folder / "เชียงใหม่ SDGs (1).xlsx")


def overlapping_resubmission(template: Path, folder: Path) -> None:
    save(projects_book(template, PROJECT_ROWS[:2]), folder, "cm-march.xlsx")
    save(projects_book(template, PROJECT_ROWS[1:]), folder, "cm-april.xlsx")


def resubmission_adds_ids(template: Path, folder: Path) -> None:
    save(projects_book(template, PROJECT_ROWS[:2]), folder, "cm-1.xlsx")
    with_ids = [[f"CM-{i}", *row[1:]] for i, row in enumerate(PROJECT_ROWS[:2], start=1)]
    save(projects_book(template, with_ids), folder, "cm-2.xlsx")


def conflicting_resubmission(template: Path, folder: Path) -> None:
    save(projects_book(template, PROJECT_ROWS[:1]), folder, "cm-march.xlsx")
    changed = [[*PROJECT_ROWS[0][:7], 350000, None]]
    save(projects_book(template, changed), folder, "cm-april.xlsx")


def one_sheet_per_district(template: Path, folder: Path) -> None:
    wb = only_sheet(workbook(template), DISTRICTS)
    source = wb[DISTRICTS]
    for district, rows in (("อ.เมืองเชียงใหม่", [["เมืองเชียงใหม่", "เชียงใหม่", 2566, "แก้ไขปัญหาความยากจน",
                                                   "ซ่อมบ้านผู้ยากไร้"],
                                                  ["เมืองเชียงใหม่", "เชียงใหม่", 2566, "ยาเสพติด",
                                                   "ชุมชนปลอดยา"]]),
                           ("อ.สารภี", [["สารภี", "เชียงใหม่", 2566, "บริหารจัดการน้ำอย่างยั่งยืน",
                                         "ขุดลอกลำเหมือง"]]),
                           ("อ.เมืองลำพูน", [["5101", "ลำพูน", 2566, "ห้องเรียนชุมชน", "ทอผ้าฝ้าย"]])):
        ws = wb.copy_worksheet(source)
        ws.title = district
        put(ws, rows)
    del wb[DISTRICTS]
    save(wb, folder, "amphoe.xlsx")


def excel_csv_cp874(template: Path, folder: Path) -> None:
    rows = sheet_rows(template, PROJECTS, [["", "ลำปาง", "2566", "ถนนเลียบแม่น้ำวัง", "11", "11.2",
                                            "โยธาธิการ",
                                             "1,200,000", "ดำเนินการแล้วเสร็จ"]])
    export_text(rows, folder / "lampang.csv", "cp874", ",")


def excel_unicode_text(template: Path, folder: Path) -> None:
    rows = sheet_rows(template, PLANS, [["สตูล", "2566", "มี", "ไม่มี", "มี", "มี"]])
    export_text(rows, folder / "satun-plans.txt", "utf-16", "\t")


def excel_tab_text_cp874(template: Path, folder: Path) -> None:
    rows = sheet_rows(template, DISTRICTS, [["ละงู", "สตูล", "2566", "ด้านอื่น ๆ", "จัดการขยะชุมชน"]])
    export_text(rows, folder / "satun-districts.txt", "cp874", "\t")


def every_file_accounted_for(template: Path, folder: Path) -> None:
    save(projects_book(template, PROJECT_ROWS[:1]), folder, "cm.xlsx")
    (folder / "~$cm.xlsx").write_bytes(b"\x00lock")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    (folder / "หนังสือนำส่ง.pdf").write_bytes(b"%PDF-1.4")
    (folder / "อ่านก่อน.txt").write_text("ส่งข้อมูลภายในวันที่ 30 เมษายน\n", encoding="utf-8")
    (folder / "old").mkdir()


def official_goal_wording(template: Path, folder: Path) -> None:
    save(projects_book(template, [
        [None, "ขอนแก่น", 2566, "น้ำประปาหมู่บ้าน", "เป้าหมายที่ 6", "เป้าประสงค์ 6.1", None, None, None],
        [None, "ขอนแก่น", 2566, "บำบัดน้ำเสีย", "SDG 6", "6.3", None, None, None],
        [None, "ขอนแก่น", 2566, "ฟื้นฟูหนองน้ำ", "Goal 6", "Target 6.6", None, None, None],
        [None, "ขอนแก่น", 2566, "ธรรมาภิบาลน้ำ", "6.0", "6.A", None, None, None],
        [None, "ขอนแก่น", 2566, "ประปาโรงเรียน", "๖", "เป้าประสงค์ที่ ๖.๑", None, None, None],
        [None, "ขอนแก่น", 2566, "ความร่วมมือลุ่มน้ำ", "เป้าหมายการพัฒนาที่ยั่งยืนที่ 6", "6.b", None, None,
         None],
    ]), folder, "khonkaen.xlsx")


def statuses_with_notes(template: Path, folder: Path) -> None:
    save(projects_book(template, [
        [None, "ลำพูน", 2566, "โครงการ ก", 1, None, None, None, "อยู่ระหว่างดำเนินการ (ร้อยละ 60)"],
        [None, "ลำพูน", 2566, "โครงการ ข", 1, None, None, None, "ดำเนินการแล้วเสร็จ 100%"],
        [None, "ลำพูน", 2566, "โครงการ ค", 1, None, None, None, "ยกเลิก (งบประมาณไม่ได้รับจัดสรร)"],
        [None, "ลำพูน", 2566, "โครงการ ง", 1, None, None, None,
         "อยู่ระหว่างดำเนินการ คาดว่าแล้วเสร็จ ก.ย. 66"],
    ]), folder, "lamphun.xlsx")


def completed_but_sixty_percent(template: Path, folder: Path) -> None:
    save(projects_book(template, [[None, "ลำพูน", 2566, "โครงการ ก", 1, None, None, None,
                                   "ดำเนินการแล้ว 60%"]]), folder, "lamphun.xlsx")


def formula_like_title(template: Path, folder: Path) -> None:
    save(projects_book(template, [
        [None, "เชียงใหม่", 2566, "- ส่งเสริมการท่องเที่ยว", 8, None, None, None, None],
        [None, "เชียงใหม่", 2566, "+ปลูกป่า", 15, None, None, None, None],
    ]), folder, "cm.xlsx")


def repeated_header_and_numbers(template: Path, folder: Path) -> None:
    header = [c.value for c in workbook(template)[PROJECTS][1]]
    save(projects_book(template, [
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
        [None, "สตูล", 2566, "โครงการ ก", 14, None, None, 1000, None],
        header,
        [None, "สตูล", 2566, "โครงการ ข", 15, None, None, 2000, None],
    ]), folder, "satun.xlsx")


def dashes_and_no_budget(template: Path, folder: Path) -> None:
    save(projects_book(template, [
        [None, "ลำปาง", 2566, "โครงการ ก", 4, None, None, "-", None],
        [None, "ลำปาง", 2566, "โครงการ ข", 4, None, None, "ไม่ใช้งบประมาณ", None],
        [None, "ลำปาง", 2566, "โครงการ ค", 4, None, None, "๒๐,๐๐๐ บาท", None],
    ]), folder, "lampang.xlsx")


def years_as_written(template: Path, folder: Path) -> None:
    save(plans_book(template, [
        ["จ.เชียงใหม่", "พ.ศ. ๒๕๖๖", "มี", "มี", "มี", "มี"],
        ["Lamphun", "FY2023", "yes", "no", "yes", "no"],
        ["จังหวัดลำปาง", 2023, 1, 0, 1, 0],
    ]), folder, "plans.xlsx")


def only_projects_filled(template: Path, folder: Path) -> None:
    save(projects_book(template, PROJECT_ROWS), folder, "cm.xlsx")


def whole_template_filled(template: Path, folder: Path) -> None:
    wb = plans_book(template, [["นครราชสีมา", 2566, "มี", "มี", "ไม่มี", "ไม่มี"]])
    put(wb[PROJECTS], [[None, "นครราชสีมา", 2566, "อาหารกลางวันโรงเรียน", 2, "2.1", None, "2.5 ล้าน", None]])
    put(wb[DISTRICTS], [["ปากช่อง", "นครราชสีมา", 2566, "แก้ไขปัญหาความยากจน", "ซ่อมบ้าน"],
                        ["ปากช่อง", "นครราชสีมา", 2566, "แก้ไขปัญหาความยากจน", "ซ่อมบ้าน"]])
    save(wb, folder, "korat.xlsx")


def total_row_in_csv_export(template: Path, folder: Path) -> None:
    rows = sheet_rows(template, PROJECTS, [
        ["", "สตูล", "2566", "ธนาคารขยะ", "12", "12.5", "", "45,000", ""],
        ["", "สตูล", "2566", "ป่าชายเลน", "14", "14.2", "", "55,000", ""],
        ["", "", "", "รวม 2 โครงการ", "", "", "", "100,000", ""],
    ])
    export_text(rows, folder / "satun.csv", "utf-8-sig", ",")


CASES: tuple[Case, ...] = (
    Case("thai_numerals", "Thai numerals in year, goal, target and budget", thai_numerals, Expected(
        plans=[plan(CM, 2566, (True, True, False, True))],
        projects=[(CM, 2566, 6, "6.4", "ฝายชะลอน้ำ", 1_250_000.0, "in_progress")])),
    Case("budget_in_millions", "the budget header says (ล้านบาท) and cells hold 1.5", budget_in_millions,
         Expected(
        projects=[(LAMPHUN, 2566, 2, "2.3", "ตลาดเกษตรปลอดภัย", 1_500_000.0, "planned"),
                  (LAMPHUN, 2566, 3, "3.6", "ถนนปลอดภัย", 2_250_000.0, None)],
        warnings=("budgets are read in units of 1,000,000 baht",))),
    Case("budget_in_thousands", "the budget header says (พันบาท)", budget_in_thousands, Expected(
        projects=[(LAMPANG, 2566, 15, "15.1", "ป่าชุมชน", 850_000.0, None)])),
    Case("unit_line_above_headers", "a title and '(หน่วย : ล้านบาท)' above the headers",
         unit_line_above_headers,
         Expected(projects=[(SATUN, 2566, 8, "8.9", "ท่องเที่ยวชุมชน", 3_000_000.0, None)])),
    Case("units_in_cells", "each cell names its own unit", units_in_cells, Expected(
        projects=[(CM, 2566, 1, None, "โครงการ ก", 1_500_000.0, None), (CM, 2566, 1, None, "โครงการ ข",
                                                                        850_000.0, None),
                  (CM, 2566, 1, None, "โครงการ ค", 2_000_000.0, None), (CM, 2566, 1, None, "โครงการ ง",
                                                                        500_000.0, None),
                  (CM, 2566, 1, None, "โครงการ จ", 12_500.0, None)])),
    Case("foreign_currency_header", "the budget header says (USD)", foreign_currency_header, Expected(
        errors=('column "งบประมาณ (USD)"', "cannot tell the budget's unit"))),
    Case("unit_row_under_header", "an instruction row with (ล้านบาท) under a budget header without a unit",
         unit_row_under_header, Expected(
             projects=[(KHON_KAEN, 2566, 4, "4.4", "ห้องเรียนชุมชน", 750_000.0, None)],
             warnings=("row read as an instruction row",))),
    Case("unit_row_contradicts_header", "(ล้านบาท) typed under the template's งบประมาณ (บาท)",
         unit_row_contradicts_header, Expected(errors=(
             'khonkaen.xlsx [โครงการ], row 2, column "งบประมาณ (บาท)" value "(ล้านบาท)"',
             "cannot tell the budget's unit"))),
    Case("tick_and_cross_marks", "ticks for yes, crosses for no", tick_and_cross_marks, Expected(
        plans=[plan(CM, 2566, (True, False, True, False)), plan(LAMPHUN, 2566, (True, False, True, False)),
               plan(LAMPANG, 2566, (True, False, False, True))])),
    Case("drafting_phrases", "มีแล้ว, อยู่ระหว่างจัดทำ and answers with a note", drafting_phrases, Expected(
        plans=[plan(CM, 2566, (True, False, True, False)), plan(SATUN, 2566, (True, False, False, True))])),
    Case("mark_outside_vocabulary", "บางส่วน (partly) is not yes or no", mark_outside_vocabulary, Expected(
        errors=("plans.xlsx [แผนขับเคลื่อน], row 2", "'บางส่วน'"))),
    Case("totals_row", "a รวม row and a ยอดรวม row under the projects", totals_row, Expected(
        projects=[(KORAT, 2566, 1, None, "โครงการ ก", 100_000.0, None), (KORAT, 2566, 2, None, "โครงการ ข",
                                                                         200_000.0, None)],
        warnings=('row 4 value "รวม": row read as a total row', 'row 5 value "ยอดรวมทั้งสิ้น 2 โครงการ"'))),
    Case("notes_and_headings", "goal headings between projects, notes under them", notes_and_headings,
         Expected(
        projects=[(LAMPANG, 2566, 1, "1.2", "ส่งเสริมอาชีพผู้สูงอายุ", 50_000.0, None),
                  (LAMPANG, 2566, 3, "3.4", "คัดกรองเบาหวาน", 80_000.0, None)],
        warnings=("row read as a heading", "row read as a note"))),
    Case("instruction_and_example_rows", "the instruction row and the example row left in place",
         instruction_and_example_rows, Expected(
             projects=[(SATUN, 2566, 14, "14.2", "ธนาคารปู", 90_000.0, "in_progress")],
             warnings=("row read as the template's example row",))),
    Case("merged_province_and_year", "province and year merged down over their projects",
         merged_province_and_year, Expected(projects=[
             (CM, 2566, 1, None, "โครงการ ก", 1000.0, None), (CM, 2566, 2, None, "โครงการ ข", 2000.0, None),
             (CM, 2566, 3, None, "โครงการ ค", 3000.0, None), (LAMPHUN, 2566, 4, None, "โครงการ ง", 4000.0,
                                                              None),
             (LAMPHUN, 2566, 5, None, "โครงการ จ", 5000.0, None)])),
    Case("merged_not_assessed", "ไม่ได้ประเมิน merged across the four answers", merged_not_assessed, Expected(
        plans=[plan(CM, 2566, YES)], not_assessed=[(SATUN, 2566)],
        warnings=("is marked not assessed",))),
    Case("empty_template_parts", "one province sends the template back unfilled, another fills one sheet",
         empty_template_parts, Expected(
             plans=[], not_assessed=[], projects=[(LAMPANG, 2566, 15, None, "ป่าชุมชน", 1000.0, None)],
             districts={},
             warnings=("nothing submitted for the plan of สตูล", "nothing submitted for Projects"))),
    Case("blank_plan_row", "a plan row with province and year and no answers", blank_plan_row, Expected(
        plans=[plan(LAMPHUN, 2566, (False, False, False, False))], not_assessed=[],
        warnings=("nothing submitted for the plan of เชียงใหม่",))),
    Case("not_assessed_marks", "dashes or N/A across the row; a dash beside answers is no",
         not_assessed_marks,
         Expected(plans=[plan(LAMPANG, 2566, (True, False, False, False))],
                  not_assessed=[(CM, 2566), (LAMPHUN, 2566)])),
    Case("not_assessed_mixed_with_answers", "N/A in one component, answers in the others",
         not_assessed_mixed_with_answers, Expected(errors=("marks some components not assessed",))),
    Case("same_file_twice", "the same workbook sent twice", same_file_twice, Expected(
        projects=CM_PROJECTS, warnings=("WARNING เชียงใหม่ SDGs.xlsx [โครงการ], row 2",
                                        "is already in เชียงใหม่ SDGs (1).xlsx [โครงการ] row 2; "
                                        "it is loaded once"))),
    Case("overlapping_resubmission", "April's file repeats one of March's projects", overlapping_resubmission,
         Expected(projects=CM_PROJECTS, warnings=("is already in cm-april.xlsx [โครงการ] row 2",))),
    Case("resubmission_adds_ids", "the second copy has project IDs, the first none", resubmission_adds_ids,
         Expected(projects=CM_PROJECTS[:2], project_ids=["CM-1", "CM-2"],
                  warnings=("WARNING cm-1.xlsx [โครงการ], row 2",
                            "is already in cm-2.xlsx [โครงการ] row 2"))),
    Case("conflicting_resubmission", "the same project with another budget in a later file",
         conflicting_resubmission, Expected(errors=(
             "ERROR   cm-march.xlsx [โครงการ], row 2",
             "is also in cm-april.xlsx [โครงการ] row 2 with a different budget"))),
    Case("one_sheet_per_district", "one sheet per district, by name and by code", one_sheet_per_district,
         Expected(districts={CM: 3, LAMPHUN: 1}, district_codes=["5001", "5001", "5019", "5101"])),
    Case("excel_csv_cp874", "Excel's CSV (Comma delimited) on Thai Windows", excel_csv_cp874, Expected(
        projects=[(LAMPANG, 2566, 11, "11.2", "ถนนเลียบแม่น้ำวัง", 1_200_000.0, "completed")])),
    Case("excel_unicode_text", "Excel's Unicode Text (.txt, UTF-16, tabs)", excel_unicode_text, Expected(
        plans=[plan(SATUN, 2566, (True, False, True, True))])),
    Case("excel_tab_text_cp874", "Excel's Text (Tab delimited) in cp874", excel_tab_text_cp874, Expected(
        districts={SATUN: 1})),
    Case("every_file_accounted_for", "a lock file, a hidden file, a PDF, a note and a folder beside the data",
         every_file_accounted_for, Expected(
             projects=CM_PROJECTS[:1],
             warnings=("~$cm.xlsx: not read: an Office lock file", ".DS_Store: not read: a hidden file",
                       "หนังสือนำส่ง.pdf: not read: .pdf files", "อ่านก่อน.txt: not read: a text file without",
                       "old: not read: a folder"))),
    Case("official_goal_wording", "goals and targets as officials write them", official_goal_wording,
         Expected(
        projects=[(KHON_KAEN, 2566, 6, "6.1", "น้ำประปาหมู่บ้าน", None, None),
                  (KHON_KAEN, 2566, 6, "6.3", "บำบัดน้ำเสีย", None, None),
                  (KHON_KAEN, 2566, 6, "6.6", "ฟื้นฟูหนองน้ำ", None, None),
                  (KHON_KAEN, 2566, 6, "6.a", "ธรรมาภิบาลน้ำ", None, None),
                  (KHON_KAEN, 2566, 6, "6.1", "ประปาโรงเรียน", None, None),
                  (KHON_KAEN, 2566, 6, "6.b", "ความร่วมมือลุ่มน้ำ", None, None)])),
    Case("statuses_with_notes", "statuses followed by a percentage or a reason", statuses_with_notes,
         Expected(
        projects=[(LAMPHUN, 2566, 1, None, "โครงการ ก", None, "in_progress"),
                  (LAMPHUN, 2566, 1, None, "โครงการ ข", None, "completed"),
                  (LAMPHUN, 2566, 1, None, "โครงการ ค", None, "cancelled"),
                  (LAMPHUN, 2566, 1, None, "โครงการ ง", None, "in_progress")])),
    Case("completed_but_sixty_percent", "'done' with 60% is not completed", completed_but_sixty_percent,
         Expected(errors=("says completed but 60% done",))),
    Case("formula_like_title", "list dashes and plus signs in front of titles", formula_like_title, Expected(
        errors=("cm.xlsx [โครงการ], row 2", "starts with '-'", "starts with '+'"))),
    Case("repeated_header_and_numbers", "column numbers under the header, header repeated on page 2",
         repeated_header_and_numbers, Expected(
             projects=[(SATUN, 2566, 14, None, "โครงการ ก", 1000.0, None), (SATUN, 2566, 15, None,
                                                                            "โครงการ ข", 2000.0, None)],
             warnings=("row read as a row of column numbers", "row read as the header row repeated"))),
    Case("dashes_and_no_budget", "a dash for no amount, ไม่ใช้งบประมาณ for none", dashes_and_no_budget,
         Expected(
        projects=[(LAMPANG, 2566, 4, None, "โครงการ ก", None, None), (LAMPANG, 2566, 4, None, "โครงการ ข",
                                                                      0.0, None),
                  (LAMPANG, 2566, 4, None, "โครงการ ค", 20_000.0, None)])),
    Case("years_as_written", "Buddhist and Common era years in every written form", years_as_written,
         Expected(
        plans=[plan(CM, 2566, YES), plan(LAMPHUN, 2566, (True, False, True, False)),
               plan(LAMPANG, 2566, (True, False, True, False))])),
    Case("only_projects_filled", "the plans and district sheets left empty", only_projects_filled, Expected(
        plans=[], not_assessed=[], projects=CM_PROJECTS, districts={},
        warnings=("nothing submitted for Provincial SDG driving plans",))),
    Case("whole_template_filled", "every sheet filled, a district project typed twice", whole_template_filled,
         Expected(plans=[plan(KORAT, 2566, (True, True, False, False))],
                  projects=[(KORAT, 2566, 2, "2.1", "อาหารกลางวันโรงเรียน", 2_500_000.0, None)],
                  districts={KORAT: 1}, warnings=("the same district project is already in",))),
    Case("total_row_in_csv_export", "a CSV UTF-8 export with the total row", total_row_in_csv_export,
         Expected(
        projects=[(SATUN, 2566, 12, "12.5", "ธนาคารขยะ", 45_000.0, None), (SATUN, 2566, 14, "14.2",
                                                                           "ป่าชายเลน", 55_000.0, None)],
        warnings=("row read as a total row",))),
)
