"""Thai and English strings for every label the dashboard shows; Thai is the default.

Names of provinces, regions and goals come from the database (name_th/name_en columns);
the helpers here only pick the right column and format them the same way everywhere.
"""
from __future__ import annotations

from collections.abc import Mapping

from etl.schema import PLANS

Lang = str
LANGS: tuple[Lang, ...] = ("th", "en")
DEFAULT_LANG: Lang = "th"

# key -> (Thai, English); `{name}` placeholders are filled by t(key, lang, **values)
STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("ติดตามการขับเคลื่อน SDGs ระดับจังหวัด", "Provincial SDG Localization Monitor"),
    "app_subtitle": ("คณะกรรมการขับเคลื่อน SDGs กระทรวงมหาดไทย", "Ministry of Interior SDG Committee"),
    "nav_overview": ("ภาพรวม", "Overview"),
    "nav_pilots": ("จังหวัดนำร่อง", "Pilots"),
    "lang_switch": ("English", "ภาษาไทย"),
    "lang_switch_title": ("เปลี่ยนเป็นภาษาอังกฤษ (Switch to English)", "Switch to Thai (เปลี่ยนเป็นภาษาไทย)"),
    "sample_banner": (
        "ข้อมูลตัวอย่าง: ตัวเลขในหน้านี้ใช้สาธิตระบบ ไม่ใช่ข้อมูลทางการ",
        "Sample data: the figures on this page demonstrate the system and are not official.",
    ),
    "footer_source": ("แหล่งข้อมูล: {source}", "Data source: {source}"),
    "footer_built": ("ฐานข้อมูลสร้างเมื่อ {date}", "Database built {date}"),
    "db_error_title": ("ยังไม่สามารถแสดงข้อมูลได้", "The data cannot be shown yet"),
    "db_error_body": (
        "ไม่พบฐานข้อมูลหรือฐานข้อมูลเสียหาย ผู้ดูแลระบบสร้างใหม่ได้ด้วยคำสั่ง `make setup` แล้วโหลดหน้านี้อีกครั้ง",
        "The database is missing or damaged. An administrator can rebuild it with `make setup`; "
        "then reload this page.",
    ),
    "db_error_detail": ("รายละเอียด: {detail}", "Details: {detail}"),
    "page_title_overview": ("ภาพรวม SDGs ระดับจังหวัด", "Provincial SDGs overview"),
    # headline figures
    "hl_reported": ("จังหวัดที่ส่งแผน", "Provinces that reported"),
    "hl_complete": ("แผนครบ 4 องค์ประกอบ", "Plans with all 4 components"),
    "hl_projects": ("โครงการ", "Projects"),
    "hl_goals": ("เป้าหมายที่มีโครงการ", "Goals covered"),
    "hl_pilots": ("จังหวัดนำร่อง UNDP", "UNDP pilot provinces"),
    "n_of_total": ("{n} จาก {total}", "{n} of {total}"),
    # filters
    "filter_year": ("ปีงบประมาณ", "Fiscal year"),
    "filter_goal": ("เป้าหมายการพัฒนาที่ยั่งยืน", "SDG goals"),
    "filter_region": ("ภาค", "Regions"),
    "filter_goal_all": ("ทุกเป้าหมาย", "All goals"),
    "filter_region_all": ("ทุกภาค", "All regions"),
    "filter_pilots": ("เฉพาะจังหวัดนำร่อง", "Pilot provinces only"),
    "filter_clear": ("ล้างตัวกรอง", "Clear filters"),
    "filters_title": ("ตัวกรอง", "Filters"),
    # map
    "metric_label": ("แสดงบนแผนที่", "Map shows"),
    "metric_completeness": ("ความครบถ้วนของแผน", "Plan completeness"),
    "metric_projects": ("จำนวนโครงการ", "Number of projects"),
    "metric_goal_projects": ("โครงการตามเป้าหมายที่เลือก", "Projects for selected goals"),
    "map_title_completeness": ("ความครบถ้วนของแผนขับเคลื่อน SDGs จังหวัด", "Completeness of provincial SDG plans"),
    "map_title_projects": ("จำนวนโครงการตามแผนขับเคลื่อน SDGs", "Projects in provincial SDG plans"),
    "map_title_goal_projects": ("จำนวนโครงการ {goals}", "Projects for {goals}"),
    "legend_completeness": ("องค์ประกอบของแผน (จาก 4)", "Plan components (of 4)"),
    "legend_projects": ("จำนวนโครงการ", "Projects"),
    "class_not_assessed": ("ไม่ได้ประเมิน", "Not assessed"),
    "class_all": ("4 (ครบ)", "4 (all)"),
    "legend_pilot": ("จังหวัดนำร่อง (ขอบหนา)", "Pilot province (bold outline)"),
    "hover_present": ("มี", "Present"),
    "hover_missing": ("ขาด", "Missing"),
    "hover_none": ("ไม่มี", "none"),
    "hover_not_assessed": ("ไม่ได้ประเมินแผน", "Plan not assessed"),
    "hover_projects": ("โครงการ: {n}", "Projects: {n}"),
    "hover_goal_projects": ("โครงการ ({goals}): {n}", "Projects ({goals}): {n}"),
    "hover_pilot": ("จังหวัดนำร่อง UNDP", "UNDP pilot province"),
    "hover_click": ("คลิกเพื่อดูรายละเอียดจังหวัด", "Click to open the province page"),
    "map_hint": ("คลิกจังหวัดเพื่อเปิดหน้ารายละเอียด", "Click a province to open its page"),
    "goals_word": ("เป้าหมาย {goals}", "goal {goals}"),
    "goals_word_plural": ("เป้าหมาย {goals}", "goals {goals}"),
    # charts
    "chart_goals": ("จำนวนโครงการจำแนกตามเป้าหมาย SDG", "Projects per SDG goal"),
    "chart_regions": ("จำนวนโครงการจำแนกตามภาค", "Projects per region"),
    "chart_heatmap": ("จำนวนโครงการ: เป้าหมาย × ภาค", "Projects: goal × region"),
    "axis_projects": ("จำนวนโครงการ", "Projects"),
    "axis_goal": ("เป้าหมาย", "Goal"),
    "axis_region": ("ภาค", "Region"),
    "c1_note": ("★ มท. เป็นหน่วยงานหลัก (C1)", "★ Ministry of Interior leads (C1)"),
    "bar_hint": ("คลิกแท่งเพื่อกรอง", "Click a bar to filter"),
    "no_data": ("ไม่มีข้อมูลตามตัวกรองนี้", "No data for these filters"),
}

# plan components in display order: database column -> (Thai, English)
COMPONENTS: dict[str, tuple[str, str]] = {
    f"has_{key}": (PLANS.column(f"has_{key}").header_th, PLANS.column(f"has_{key}").header_en)
    for key in ("committee_order", "framework", "action_plan", "project_details")
}


def lang_or_default(lang: object) -> Lang:
    """A supported language code; anything else is Thai."""
    return lang if isinstance(lang, str) and lang in LANGS else DEFAULT_LANG


def t(key: str, lang: Lang, **values: object) -> str:
    """The string for `key` in `lang`, with `{placeholders}` filled in."""
    th, en = STRINGS[key]
    text = en if lang == "en" else th
    return text.format(**values) if values else text


def pick(th: str, en: str, lang: Lang) -> str:
    """Choose between a Thai and an English text."""
    return en if lang == "en" else th


def name_col(lang: Lang) -> str:
    """The name column (name_th or name_en) of reference tables for this language."""
    return "name_en" if lang == "en" else "name_th"


def name_of(row: Mapping[str, object], lang: Lang) -> str:
    """The Thai or English name of a province, region or district row."""
    return str(row[name_col(lang)])


def bilingual_name(row: Mapping[str, object], lang: Lang) -> str:
    """Both names, the page language first ("เชียงใหม่ (Chiang Mai)")."""
    first, second = (row["name_en"], row["name_th"]) if lang == "en" else (row["name_th"], row["name_en"])
    return f"{first} ({second})"


def goal_label(goal: int, short_th: str, short_en: str, lang: Lang) -> str:
    """A goal as the charts show it: "1 No Poverty" / "1 ขจัดความยากจน"."""
    return f"{int(goal)} {pick(short_th, short_en, lang)}"


def goals_phrase(goals: tuple[int, ...] | list[int], lang: Lang) -> str:
    """"goal 2" / "goals 2, 5" for titles and hover text."""
    listed = ", ".join(str(g) for g in goals)
    return t("goals_word" if len(goals) == 1 else "goals_word_plural", lang, goals=listed)


def fy_label(year: int, lang: Lang) -> str:
    """Fiscal year in Buddhist era in Thai ("ปีงบประมาณ 2566"), "FY2566 (2023)" in English."""
    return f"FY{year} ({year - 543})" if lang == "en" else f"ปีงบประมาณ {year}"


def component_name(column: str, lang: Lang) -> str:
    """Display name of one of the four plan components."""
    th, en = COMPONENTS[column]
    return pick(th, en, lang)


def number(value: int | float) -> str:
    """A count with thousands separators (the same in both languages)."""
    return f"{int(value):,}"
