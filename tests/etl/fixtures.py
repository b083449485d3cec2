"""A small, deterministic input folder in every accepted form: cp874 CSV with Thai headers, UTF-8
CSV with English headers and semicolons, a UTF-8-with-BOM tab-separated CSV, and an XLSX with a
title row above its headers; BE and CE years, Thai numerals, many yes/no spellings."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl

PLANS_CP874 = "\r\n".join([
    "จังหวัด,ปีงบประมาณ,คำสั่งคณะกรรมการ/คณะทำงาน,กรอบการขับเคลื่อน SDGs,แผนปฏิบัติการประจำปี,"
    "ข้อมูลรายละเอียดโครงการ",
    "เชียงใหม่,2566,มี,มี,มี,มี",
    "จ.ลำปาง,๒๕๖๖,1,0,,ใช่",
    "Chiang Rai,2023,yes,no,Y,N",
    "เชียงใหม่,2566,มี,มี,มี,มี",
]) + "\r\n"

PROJECTS_EN = "\n".join([
    "Project ID;Province;Fiscal year;Title;Goal;Target;Agency;Budget (THB);Status",
    ';Chiang Mai;2023;Safe vegetables;SDG 2;2.3;Agriculture office;"1,250,000";in progress',
    ";Chiang Mai;FY2023;Clean water;Goal 6;6.1;Public works office;๑๒,๕๐๐;completed",
    "CR-9;Chiang Rai;2566;Road safety;3;3.6;Provincial police;;",
]) + "\n"

DISTRICTS_TAB = "\n".join([
    "อำเภอ\tจังหวัด\tปีงบประมาณ\tประเภทโครงการ\tชื่อโครงการ",
    "เมืองเชียงใหม่\tเชียงใหม่\t2566\tแก้ไขปัญหาความยากจน\tช่วยเหลือครัวเรือนยากจน",
    "5002\t50\t2566\tยาเสพติด\tป้องกันยาเสพติดในชุมชน",
]) + "\n"

XLSX_ROWS: list[list[object]] = [
    ["โครงการตามแผนขับเคลื่อน SDGs ปี ๒๕๖๖"],
    ["รหัสโครงการ", "จังหวัด", "ปีงบประมาณ", "ชื่อโครงการ", "เป้าหมายหลัก", "เป้าหมายย่อย",
     "หน่วยงานรับผิดชอบ", "งบประมาณ (บาท)", "สถานะ"],
    [None, "ลำปาง", 2566, "โครงการป่าชุมชน", "เป้าหมายที่ 15", "15.1", "สำนักงานทรัพยากรธรรมชาติจังหวัด",
     500000.0, "ดำเนินการแล้วเสร็จ"],
]


def write_good_inputs(folder: Path, dataset_json: dict[str, object] | None = None) -> Path:
    """Write the fixture inputs (all valid) into folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plans.csv").write_bytes(PLANS_CP874.encode("cp874"))
    (folder / "projects_en.csv").write_text(PROJECTS_EN, encoding="utf-8")
    (folder / "districts.csv").write_text(DISTRICTS_TAB, encoding="utf-8-sig")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "โครงการ"
    for row in XLSX_ROWS:
        ws.append(row)
    ws.merge_cells("A1:I1")
    wb.save(folder / "projects.xlsx")
    if dataset_json is not None:
        (folder / "dataset.json").write_text(json.dumps(dataset_json, ensure_ascii=False), encoding="utf-8")
    return folder
