"""The three input datasets: their canonical columns and every header people write for them.

This is the contract between what provinces send (and what `etl sample` writes) and the loader.
Header matching is done on a normalised form (see `normalise_header`), so case, spacing,
punctuation and a trailing unit in brackets do not matter.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One canonical column: its name in the database, the Thai header we write, and aliases."""

    name: str
    header_th: str
    header_en: str
    required: bool
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dataset:
    """One input dataset; `grain` says what one row means."""

    name: str
    title_th: str
    title_en: str
    grain: str
    columns: tuple[Column, ...]
    sheet_names: tuple[str, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


# Columns several datasets carry, defined once so their headers and aliases cannot drift apart.
_PROVINCE = Column("province", "จังหวัด", "Province", True, ("province name", "changwat", "ชื่อจังหวัด"))
_FISCAL_YEAR = Column("fiscal_year", "ปีงบประมาณ", "Fiscal year", True, ("year", "fy", "ปี", "ปีงบประมาณ พ.ศ."))
_TITLE = Column("title", "ชื่อโครงการ", "Title", True, ("project title", "project name", "project", "โครงการ"))

PLANS = Dataset(
    name="plans",
    title_th="แผนขับเคลื่อน SDGs ของจังหวัด",
    title_en="Provincial SDG driving plans",
    grain="one row per province per fiscal year",
    sheet_names=("แผนขับเคลื่อน", "plans", "แผน"),
    columns=(
        _PROVINCE,
        _FISCAL_YEAR,
        Column("has_committee_order", "คำสั่งคณะกรรมการ/คณะทำงาน", "Committee order", True,
               ("committee order", "committee", "คำสั่งคณะกรรมการ", "คำสั่งคณะทำงาน")),
        Column("has_framework", "กรอบการขับเคลื่อน SDGs", "SDG framework", True,
               ("framework", "sdgs framework", "sdg framework", "กรอบการขับเคลื่อน")),
        Column("has_action_plan", "แผนปฏิบัติการประจำปี", "Annual action plan", True,
               ("action plan", "sdgs action plan", "sdg action plan", "แผนปฏิบัติการ")),
        Column("has_project_details", "ข้อมูลรายละเอียดโครงการ", "Project details", True,
               ("project details", "details", "รายละเอียดโครงการ")),
    ),
)

PROJECTS = Dataset(
    name="projects",
    title_th="โครงการตามแผนขับเคลื่อน SDGs",
    title_en="Projects in the provincial SDG plans",
    grain="one row per project",
    sheet_names=("โครงการ", "projects"),
    columns=(
        Column("project_id", "รหัสโครงการ", "Project ID", False, ("id", "project id", "project code", "รหัส")),
        _PROVINCE,
        _FISCAL_YEAR,
        _TITLE,
        Column("goal", "เป้าหมายหลัก", "Goal", True, ("sdg", "sdg goal", "goal no", "เป้าหมาย", "เป้าหมายที่")),
        Column("target", "เป้าหมายย่อย", "Target", False, ("sdg target", "target no")),
        Column("agency", "หน่วยงานรับผิดชอบ", "Agency", False, ("responsible agency", "หน่วยงาน")),
        Column("budget_thb", "งบประมาณ (บาท)", "Budget (THB)", False, ("budget", "budget baht", "งบประมาณ")),
        Column("status", "สถานะ", "Status", False, ("project status", "สถานะโครงการ")),
    ),
)

DISTRICT_PROJECTS = Dataset(
    name="district_projects",
    title_th="โครงการอำเภอบำบัดทุกข์ บำรุงสุข",
    title_en="District programme projects (Amphoe Bambat Thuk Bamrung Suk)",
    grain="one row per district project",
    sheet_names=("โครงการอำเภอ", "district_projects", "อำเภอ"),
    columns=(
        Column("district", "อำเภอ", "District", True,
               ("amphoe", "district name", "district code", "รหัสอำเภอ")),
        _PROVINCE,
        _FISCAL_YEAR,
        Column("category", "ประเภทโครงการ", "Category", True, ("project category", "type", "ประเภท")),
        _TITLE,
    ),
)

DATASETS: tuple[Dataset, ...] = (PLANS, PROJECTS, DISTRICT_PROJECTS)

PROJECT_STATUSES: dict[str, tuple[str, str]] = {
    "planned": ("ยังไม่เริ่มดำเนินการ", "Not started"),
    "in_progress": ("อยู่ระหว่างดำเนินการ", "In progress"),
    "completed": ("ดำเนินการแล้วเสร็จ", "Completed"),
    "cancelled": ("ยกเลิก", "Cancelled"),
}

_BRACKETS = re.compile(r"[\(\[（].*?[\)\]）]")
_NON_WORD = re.compile(r"[\s_\-./:*]+")


def normalise_header(text: str) -> str:
    """Header as compared: NFC, lower case, bracketed units and punctuation removed."""
    text = unicodedata.normalize("NFC", str(text)).strip().lower()
    text = _BRACKETS.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


def header_lookup(dataset: Dataset) -> dict[str, str]:
    """Normalised header -> canonical column name, for every header a column may carry."""
    lookup: dict[str, str] = {}
    for col in dataset.columns:
        for header in (col.name, col.header_th, col.header_en, *col.aliases):
            lookup[normalise_header(header)] = col.name
    return lookup
