"""Thai and English strings for every label the dashboard shows; Thai is the default.

Names of provinces, regions and goals come from the database (name_th/name_en columns);
the helpers here only pick the right column and format them the same way everywhere.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

import pandas as pd

from etl.schema import PLANS
from geo import ATTRIBUTION, ATTRIBUTION_TH, DISCLAIMER, DISCLAIMER_TH

Lang = str
LANGS: tuple[Lang, ...] = ("th", "en")
DEFAULT_LANG: Lang = "th"
BANGKOK = "Asia/Bangkok"  # every date and time the app shows is Bangkok time

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
    "hl_complete": ("แผนครบ {total} องค์ประกอบ", "Plans with all {total} components"),
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
    "legend_completeness": ("องค์ประกอบของแผน (จาก {total})", "Plan components (of {total})"),
    "legend_projects": ("จำนวนโครงการ", "Projects"),
    "class_not_assessed": ("ไม่ได้ประเมิน", "Not assessed"),
    "class_all": ("{total} (ครบ)", "{total} (all)"),
    "legend_pilot": ("จังหวัดนำร่อง (ขอบหนา)", "Pilot province (bold outline)"),
    "hover_present": ("มี", "Present"),
    "hover_missing": ("ขาด", "Missing"),
    "hover_none": ("ไม่มี", "none"),
    "hover_not_assessed": ("ไม่ได้ประเมินแผน", "Plan not assessed"),
    "hover_projects": ("โครงการ: {n}", "Projects: {n}"),
    "hover_goal_projects": ("โครงการ ({goals}): {n}", "Projects ({goals}): {n}"),
    "hover_pilot": ("จังหวัดนำร่อง UNDP", "UNDP pilot province"),
    "hover_click": ("คลิกเพื่อดูรายละเอียดจังหวัด", "Click to open the province page"),
    "map_hint": ("คลิกจังหวัดเพื่อเปิดหน้ารายละเอียด · บนจอสัมผัส แตะเพื่อดูข้อมูล แตะซ้ำเพื่อเปิด",
                 "Click a province to open its page · on a touch screen, tap to see it, tap again to open"),
    "goals_word": ("เป้าหมาย {goals}", "goal {goals}"),
    "goals_word_plural": ("เป้าหมาย {goals}", "goals {goals}"),
    # charts
    "chart_goals": ("โครงการตามเป้าหมาย SDG", "Projects per SDG goal"),
    "chart_regions": ("โครงการตามภาค", "Projects per region"),
    "chart_heatmap": ("จำนวนโครงการ: เป้าหมาย × ภาค", "Projects: goal × region"),
    "axis_projects": ("จำนวนโครงการ", "Projects"),
    "axis_goal": ("เป้าหมาย", "Goal"),
    "axis_region": ("ภาค", "Region"),
    "c1_note": ("★ มท. เป็นหน่วยงานหลัก (C1)", "★ Ministry of Interior leads (C1)"),
    "bar_hint": ("คลิกแท่งเพื่อกรอง", "Click a bar to filter"),
    "no_data": ("ไม่มีข้อมูลตามตัวกรองนี้", "No data for these filters"),
    # meta descriptions (search results and link previews)
    "meta_overview": (
        "ภาพรวมการขับเคลื่อน SDGs ระดับจังหวัดของกระทรวงมหาดไทย: แผนขับเคลื่อนของ 77 จังหวัด "
        "โครงการตามเป้าหมายและภาค และจังหวัดนำร่อง UNDP",
        "How Thailand's 77 provinces localise the SDGs: provincial plans, projects per goal and "
        "region, and the UNDP pilot provinces (Ministry of Interior).",
    ),
    "meta_province": (
        "แผนขับเคลื่อน SDGs ของ{name}: องค์ประกอบของแผน โครงการ และสัดส่วนโครงการตามเป้าหมาย",
        "{name}'s SDG plan: its components, its projects and their goals.",
    ),
    "meta_pilots": (
        "จังหวัดนำร่อง UNDP 15 จังหวัดในการขับเคลื่อน SDGs ระดับพื้นที่ เปรียบเทียบแผนและโครงการ",
        "The 15 UNDP pilot provinces for SDG localization side by side: plans and projects.",
    ),
    # images of one chart (the camera button)
    "export_unknown_view": ("ไม่มีแผนภูมิชื่อ '{view}' ใช้ view= ค่าใดค่าหนึ่งต่อไปนี้: {known}",
                            "No chart is called '{view}'. Use view= with one of: {known}."),
    "meta_not_found": ("ไม่พบหน้าที่ต้องการในระบบติดตาม SDGs ระดับจังหวัด",
                       "This page does not exist in the Provincial SDG Localization Monitor."),
}

# plan components in display order: database column -> (Thai, English), worded as the template's headers
_COMPONENT_HEADERS: dict[str, tuple[str, str]] = {
    f"has_{key}": (PLANS.column(f"has_{key}").header_th, PLANS.column(f"has_{key}").header_en)
    for key in ("committee_order", "framework", "action_plan", "project_details")
}
COMPONENTS: tuple[str, ...] = tuple(_COMPONENT_HEADERS)
STRINGS.update({f"component_{column}": names for column, names in _COMPONENT_HEADERS.items()})


def lang_or_default(lang: object) -> Lang:
    """A supported language code; anything else is Thai."""
    return lang if isinstance(lang, str) and lang in LANGS else DEFAULT_LANG


def lookup(table: dict[str, tuple[str, str]], key: str, lang: Lang, **values: object) -> str:
    """The (Thai, English) entry `key` of `table` in `lang`, with `{placeholders}` filled in."""
    th, en = table[key]
    text = en if lang == "en" else th
    return text.format(**values) if values else text


def t(key: str, lang: Lang, **values: object) -> str:
    """The page string for `key` in `lang`, with `{placeholders}` filled in."""
    return lookup(STRINGS, key, lang, **values)


def pick(th: str, en: str, lang: Lang) -> str:
    """Choose between a Thai and an English text."""
    return en if lang == "en" else th


def name_col(lang: Lang) -> str:
    """The name column (name_th or name_en) of reference tables for this language."""
    return "name_en" if lang == "en" else "name_th"


_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
_LATIN_WORD = re.compile("[A-Za-z]{2,}")


def fragment_lang(text: str, lang: Lang) -> str | None:
    """The `lang` attribute of a fragment that is not in the page's language (an English name under
    the Thai one, a step the seed names in English), so screen readers switch voice; None otherwise."""
    thai, latin = bool(_THAI_LETTER.search(text)), bool(_LATIN_WORD.search(text))
    if lang == "en":
        return "th" if thai and not latin else None
    return "en" if latin and not thai else None


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
    return t(f"component_{column}", lang)


def number(value: int | float) -> str:
    """A count with thousands separators (the same in both languages)."""
    return f"{int(value):,}"


# --- province pages ---
STRINGS.update({
    "page_title_province": ("{name} · SDGs ระดับจังหวัด", "{name} · Provincial SDGs"),
    "page_title_pilots": ("จังหวัดนำร่อง SDGs Localization", "SDG localization pilot provinces"),
    "page_title_not_found": ("ไม่พบหน้านี้", "Page not found"),
    # header
    "prov_region": ("{region}", "{region}"),
    "prov_pilot_badge": ("จังหวัดนำร่อง UNDP ลำดับที่ {n} จาก {total}", "UNDP pilot province {n} of {total}"),
    "prov_back_overview": ("← กลับหน้าภาพรวม", "← Back to the overview"),
    "prov_prev_pilot": ("← จังหวัดนำร่องก่อนหน้า: {name}", "← Previous pilot: {name}"),
    "prov_next_pilot": ("จังหวัดนำร่องถัดไป: {name} →", "Next pilot: {name} →"),
    # plan components
    "prov_components_title": ("องค์ประกอบของแผนขับเคลื่อน SDGs จังหวัด", "Provincial SDG plan components"),
    "prov_components_count": ("มี {n} จาก {total} องค์ประกอบ", "{n} of {total} components present"),
    "prov_component_present": ("มี", "Present"),
    "prov_component_missing": ("ไม่มี", "Missing"),
    "prov_not_assessed": ("ไม่ได้ประเมิน", "Not assessed"),
    "prov_not_assessed_bkk": (
        "กรุงเทพมหานครเป็นองค์กรปกครองส่วนท้องถิ่นรูปแบบพิเศษ ไม่อยู่ในการตรวจสอบความสมบูรณ์ของแผน"
        "ขับเคลื่อน SDGs ของจังหวัดตาม {components} องค์ประกอบ ซึ่งครอบคลุม {assessed} จังหวัด "
        "และกรุงเทพมหานครแบ่งเป็นเขต จึงไม่อยู่ในโครงการบำบัดทุกข์ บำรุงสุข ของกระทรวงมหาดไทย",
        "Bangkok is a special local administration: the ministry's check of the {components} plan components "
        "covered the {assessed} provinces, not Bangkok, and Bangkok, divided into districts (khet), is not "
        "part of the district programme.",
    ),
    "prov_no_plan": (
        "ไม่มีข้อมูลแผนของจังหวัดนี้ใน{year}",
        "No plan was reported for this province in {year}.",
    ),
    # figures in the header
    "prov_stat_projects": ("โครงการ", "Projects"),
    "prov_stat_budget": ("งบประมาณรวม", "Total budget"),
    "prov_stat_goals": ("เป้าหมายที่มีโครงการ", "Goals covered"),
    "prov_stat_district": ("โครงการระดับอำเภอ", "District projects"),
    "baht": ("{amount} บาท", "THB {amount}"),
    "baht_million": ("{amount} ล้านบาท", "THB {amount} million"),
    # goal mix
    "mix_title": ("สัดส่วนโครงการตามเป้าหมาย: จังหวัด ภาค และประเทศ",
                  "Share of projects by goal: province, region and country"),
    "mix_country": ("ทั้งประเทศ", "Whole country"),
    "mix_hover": ("{scope}<br>{goal}: {share} ({n} โครงการ)", "{scope}<br>{goal}: {share} ({n} projects)"),
    # district programme
    "district_title": (
        "โครงการอำเภอบำบัดทุกข์ บำรุงสุข แบบบูรณาการอย่างยั่งยืน",
        "District programme (Amphoe Bambat Thuk, Bamrung Suk)",
    ),
    "district_legend": ("ประเภทโครงการ", "Project category"),
    "district_none": ("ไม่มีโครงการ", "No project"),
    "district_mixed": ("หลายประเภท: {cats}", "Several categories: {cats}"),
    "district_hover_projects": ("โครงการ: {n}", "Projects: {n}"),
    "district_hover_more": ("และอีก {n} โครงการ (ดูตารางด้านล่าง)", "and {n} more (see the table below)"),
    "district_counts_title": ("จำนวนโครงการตามประเภท", "Projects per category"),
    "district_counts_total": ("รวม", "Total"),
    "district_no_programme": (
        "ไม่มีข้อมูลโครงการระดับอำเภอของจังหวัดนี้ใน{year}",
        "No district programme data for this province in {year}.",
    ),
    # projects grid
    "grid_title": ("โครงการตามแผนขับเคลื่อน SDGs ของจังหวัด", "Projects in the provincial SDG plan"),
    "grid_search": ("ค้นหาในตาราง…", "Search the table…"),
    "grid_id": ("รหัส", "ID"),
    "grid_title_col": ("ชื่อโครงการ", "Project title"),
    "grid_goal": ("เป้าหมายหลัก", "Goal"),
    "grid_target": ("เป้าหมายย่อย", "Target"),
    "grid_agency": ("หน่วยงานรับผิดชอบ", "Agency"),
    "grid_budget": ("งบประมาณ (บาท)", "Budget (THB)"),
    "grid_status": ("สถานะ", "Status"),
    "grid_count": ("{n} โครงการ", "{n} projects"),
    "grid_empty": ("ไม่มีโครงการในปีนี้", "No projects in this year"),
    # pilot process (seed: UNDP process slide)
    "pilot_process_title": (
        "กระบวนการ SDGs Localization ร่วมกับ UNDP",
        "SDG localization process with UNDP",
    ),
    "pilot_frame": ("กรอบเวลา {start} – {end}", "Timeframe {start} – {end}"),
    "pilot_day": ("{name}: {date}", "{name}: {date}"),
    "pilot_step_profile": ("Profile + Survey", "Profile + Survey"),
    "pilot_step_consultation": ("Consultation", "Consultation"),
    "pilot_step_report": (
        "รายงานการพัฒนา/ความก้าวหน้าของจังหวัดภายใต้กรอบ SDGs ({start} – {end})",
        "Provincial SDG development/progress report ({start} – {end})",
    ),
    "pilot_awareness": (
        "สร้างความตระหนักรู้ตลอดระยะเวลาโครงการ: UNDP ร่วมกับพันธมิตรท้องถิ่นพัฒนาสื่อการเรียนรู้เกี่ยวกับ SDGs",
        "Awareness raising throughout: UNDP and local partners develop SDG learning materials",
    ),
    "pilot_tl_day": ("{name} {date}", "{name} {date}"),
    "pilot_tl_report_only": ("รายงานการพัฒนา/ความก้าวหน้าของจังหวัดภายใต้กรอบ SDGs",
                             "Provincial SDG development/progress report"),
    "pilot_source": (
        "ที่มา: การประชุมคณะกรรมการขับเคลื่อน SDGs กระทรวงมหาดไทย ครั้งที่ 1/2566",
        "Source: MOI SDG committee meeting 1/2566",
    ),
    # pilots page
    "pilots_title": ("{n} จังหวัดนำร่อง SDGs Localization (กระทรวงมหาดไทย ร่วมกับ UNDP)",
                     "The {n} SDG localization pilot provinces (Ministry of Interior with UNDP)"),
    "pilots_intro": (
        "เปรียบเทียบความครบถ้วนของแผน จำนวนโครงการ เป้าหมายหลัก และโครงการระดับอำเภอ คลิกชื่อจังหวัดเพื่อดูรายละเอียด",
        "Plan completeness, projects, top goals and district projects side by side. "
        "Click a province to open its page.",
    ),
    "pilots_col_order": ("ลำดับ", "#"),
    "pilots_col_province": ("จังหวัด", "Province"),
    "pilots_col_region": ("ภาค", "Region"),
    "pilots_col_completeness": ("องค์ประกอบของแผน", "Plan components"),
    "pilots_col_projects": ("โครงการ", "Projects"),
    "pilots_col_budget": ("งบประมาณ (ล้านบาท)", "Budget (THB m)"),
    "pilots_col_top_goals": ("เป้าหมายที่มีโครงการมากที่สุด", "Top goals"),
    "pilots_col_district": ("โครงการระดับอำเภอ", "District projects"),
    # not found
    "nf_title": ("ไม่พบหน้าที่ต้องการ", "Page not found"),
    "nf_body": (
        "ไม่มีหน้านี้ในระบบ อาจพิมพ์ที่อยู่ผิดหรือรหัสจังหวัดไม่ตรงกับจังหวัดใดใน {total} จังหวัด "
        "(รหัสจังหวัดเป็นตัวเลข 2 หลัก เช่น 50 = เชียงใหม่)",
        "There is no such page. The address may be mistyped, or the province code is not one of the {total} "
        "(codes have two digits, e.g. 50 = Chiang Mai).",
    ),
    "nf_home": ("กลับหน้าภาพรวม", "Back to the overview"),
    "nf_pilots": ("ดูจังหวัดนำร่อง", "See the pilot provinces"),
})

# Months for axis labels, in each language (Thai abbreviations as government documents write them).
MONTHS: dict[str, tuple[str, ...]] = {
    "th": ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def month_label(year_ce: int, month: int, lang: Lang) -> str:
    """"เม.ย. 2566" (Buddhist era) in Thai, "Apr 2023" in English."""
    name = MONTHS["en" if lang == "en" else "th"][month - 1]
    return f"{name} {year_ce}" if lang == "en" else f"{name} {year_ce + 543}"


def day_label(day: date | pd.Timestamp, lang: Lang) -> str:
    """"28 เม.ย. 2566" (Buddhist era) in Thai, "28 Apr 2023" in English."""
    return f"{day.day} {month_label(day.year, day.month, lang)}"


def datetime_label(moment: datetime | pd.Timestamp, lang: Lang) -> str:
    """A moment in Bangkok time: "30 พ.ย. 2569 08:55 น." in Thai, "30 Nov 2026 08:55" in English.

    A moment without a zone is taken as UTC, which is how the ETL records its builds.
    """
    stamp = pd.Timestamp(moment)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    local = stamp.tz_convert(BANGKOK)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    return f"{day_label(local, lang)} {clock}" + ("" if lang == "en" else " น.")


def baht(value: float, lang: Lang) -> str:
    """An amount in baht: "1,234,000 บาท" / "THB 1,234,000"; millions above ten million."""
    amount = float(value)
    if abs(amount) >= 10_000_000:
        return t("baht_million", lang, amount=f"{amount / 1_000_000:,.1f}")
    return t("baht", lang, amount=f"{amount:,.0f}")


def status_name(status: str, lang: Lang) -> str:
    """Display name of a project status code (planned, in_progress, ...)."""
    from etl.schema import PROJECT_STATUSES

    th, en = PROJECT_STATUSES.get(status, (status, status))
    return pick(th, en, lang)

# --- intake (secretariat workflow: login, uploads, tracker, builds) ---
STRINGS.update({
    "in_skip": ("ข้ามไปยังเนื้อหา", "Skip to the content"),
    "in_nav_label": ("เมนูระบบรับข้อมูล", "Intake menu"),
    "in_nav_upload": ("ส่งข้อมูล", "Upload"),
    "in_nav_tracker": ("ติดตามการส่ง", "Tracker"),
    "in_nav_builds": ("เผยแพร่", "Publish"),
    "in_signed_in_as": ("ผู้ใช้: {name}", "Signed in as {name}"),
    "in_logout": ("ออกจากระบบ", "Log out"),
    "in_back_intake": ("กลับหน้าส่งข้อมูล", "Back to the upload page"),
    "in_error_title": ("ข้อผิดพลาด {status}", "Error {status}"),
    "in_login_title": ("เข้าสู่ระบบรับข้อมูล", "Log in to the intake"),
    "in_login_name": ("ชื่อผู้ใช้", "User name"),
    "in_login_password": ("รหัสผ่าน", "Password"),
    "in_login_submit": ("เข้าสู่ระบบ", "Log in"),
    "in_login_failed": ("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "The user name or password is not correct."),
    "in_first_account": (
        "ยังไม่มีบัญชีผู้ใช้ ผู้ดูแลเซิร์ฟเวอร์สร้างบัญชีแรกได้ด้วยคำสั่งนี้ (ระบบจะถามรหัสผ่าน):",
        "There is no account yet. The server's administrator creates the first one with this command "
        "(it asks for the password):",
    ),
    "in_upload_title": ("ส่งไฟล์ข้อมูลของจังหวัด", "Upload the provinces' files"),
    "in_upload_intro": (
        "ลากไฟล์ CSV หรือ Excel (.xlsx) มาวางที่นี่ หรือเลือกไฟล์ ระบบจะตรวจทุกแถวและรายงานปัญหาทันที",
        "Drop CSV or Excel (.xlsx) files here, or choose them. Every row is checked and problems are "
        "reported at once.",
    ),
    "in_upload_heading": ("ส่งไฟล์", "Send files"),
    "in_upload_choose": ("เลือกไฟล์ (เลือกได้หลายไฟล์)", "Choose files (several at once)"),
    "in_upload_help": ("CSV หรือ .xlsx ไฟล์ละไม่เกิน 50 MB (.xlsx) รวมไม่เกิน 100 MB ต่อครั้ง",
                       "CSV or .xlsx, up to 50 MB per workbook and 100 MB per upload."),
    "in_upload_submit": ("ส่งและตรวจไฟล์", "Upload and check"),
    "in_upload_busy": ("กำลังส่งและตรวจไฟล์...", "Uploading and checking..."),
    "in_results_heading": ("ผลการตรวจไฟล์", "Validation report"),
    "in_status_valid": ("ถูกต้อง", "valid"),
    "in_status_invalid": ("พบข้อผิดพลาด {n} รายการ", "{n} error(s)"),
    "in_result_meta": ("จังหวัด: {provinces} · ชุดข้อมูล: {datasets} · คำเตือน {warnings} รายการ",
                       "Provinces: {provinces} · datasets: {datasets} · {warnings} warning(s)"),
    "in_problems_caption": ("ปัญหาที่พบในไฟล์ {file}", "Problems found in {file}"),
    "in_problems_more": ("และอีก {n} รายการในรายงาน XLSX", "and {n} more in the XLSX report"),
    "in_report_download": ("ดาวน์โหลดรายงานการตรวจ (XLSX)", "Download the validation report (XLSX)"),
    "in_report_sheet": ("รายงานการตรวจ", "Validation report"),
    "in_col_file": ("ไฟล์", "File"),
    "in_col_sheet": ("แผ่นงาน", "Sheet"),
    "in_col_row": ("แถว", "Row"),
    "in_col_column": ("คอลัมน์", "Column"),
    "in_col_value": ("ค่าที่กรอก", "Value"),
    "in_col_message": ("ปัญหา", "Problem"),
    "in_col_fix": ("วิธีแก้", "How to fix it"),
    "in_col_severity": ("ระดับ", "Severity"),
    "in_severity_error": ("ข้อผิดพลาด", "error"),
    "in_severity_warning": ("คำเตือน", "warning"),
    "in_foreign_row": ("{file} แผ่นงาน {sheet} แถว {row}: จังหวัด {province}",
                       "{file}, sheet {sheet}, row {row}: province {province}"),
    "in_refused_province": (
        "ไฟล์มีแถวของจังหวัดอื่น บัญชีจังหวัดส่งได้เฉพาะข้อมูลของจังหวัดตนเอง จึงไม่ได้บันทึกไฟล์ใดเลย",
        "The files have rows for another province; a province account may only send its own "
        "province's data, so nothing was stored.",
    ),
    "in_refused_size": ("ไฟล์ {file} ใหญ่เกิน {detail} จึงไม่ได้บันทึกไฟล์ใดเลย",
                        "{file} is larger than {detail}, so nothing was stored."),
    "in_refused_zip": ("ไฟล์ {file} ขยายตัวเกินขนาดที่รับได้ ({detail}) จึงไม่ได้บันทึกไฟล์ใดเลย",
                       "{file} unpacks to more than is accepted ({detail}), so nothing was stored."),
    "in_refused_type": ("ไฟล์ {file} ไม่ใช่ CSV หรือ Excel (.xlsx) จึงไม่ได้บันทึกไฟล์ใดเลย",
                        "{file} is not a CSV or Excel (.xlsx) file, so nothing was stored."),
    "in_refused_empty": ("ไฟล์ {file} ว่างเปล่า จึงไม่ได้บันทึกไฟล์ใดเลย",
                         "{file} is empty, so nothing was stored."),
    "in_refused_none": ("ยังไม่ได้เลือกไฟล์", "No file was chosen."),
    "in_refused_count": ("ส่งได้ครั้งละไม่เกิน {detail} ไฟล์ จึงไม่ได้บันทึกไฟล์ใดเลย",
                         "At most {detail} files per upload, so nothing was stored."),
    "in_template_heading": ("แบบฟอร์มสำหรับจังหวัด", "The submission workbook"),
    "in_template_province": ("จังหวัด", "Province"),
    "in_template_blank": ("ไม่ระบุจังหวัด", "No province pre-filled"),
    "in_template_download": ("ดาวน์โหลดแบบฟอร์ม (XLSX)", "Download the workbook (XLSX)"),
    "in_tracker_title": ("การส่งข้อมูลของจังหวัด ปีงบประมาณ {year}", "Provincial submissions, FY{year}"),
    "in_tracker_year": ("ปีงบประมาณ (พ.ศ.)", "Fiscal year (BE)"),
    "in_tracker_region": ("ภาค", "Region"),
    "in_tracker_all_regions": ("ทุกภาค", "All regions"),
    "in_tracker_apply": ("แสดง", "Show"),
    "in_tracker_totals": (
        "ส่งแล้ว {received} จาก {provinces} จังหวัด · ครบทุกชุดข้อมูล {complete} จังหวัด",
        "{received} of {provinces} provinces have sent files · {complete} sent every dataset",
    ),
    "in_tracker_province": ("จังหวัด", "Province"),
    "in_tracker_last": ("ส่งล่าสุด", "Last upload"),
    "in_tracker_by": ("ผู้ส่ง", "By"),
    "in_component_has_committee_order": ("คำสั่งคณะกรรมการ", "Committee order"),
    "in_component_has_framework": ("กรอบการขับเคลื่อน", "Framework"),
    "in_component_has_action_plan": ("แผนปฏิบัติการ", "Action plan"),
    "in_component_has_project_details": ("รายละเอียดโครงการ", "Project details"),
    "in_dataset_plans": ("แผนขับเคลื่อน", "Plans"),
    "in_dataset_projects": ("โครงการ", "Projects"),
    "in_dataset_district_projects": ("โครงการอำเภอ", "District projects"),
    "in_track_valid": ("ถูกต้อง", "valid"),
    "in_track_invalid": ("มีข้อผิดพลาด", "with errors"),
    "in_track_missing": ("ยังไม่ส่ง", "missing"),
    "in_yes": ("มี", "yes"),
    "in_no": ("ไม่มี", "no"),
    "in_builds_title": ("เผยแพร่ข้อมูลบนแดชบอร์ด", "Publish the dashboard's data"),
    "in_publish_dry_run": ("ตรวจสิ่งที่จะเปลี่ยน (ก่อนเผยแพร่)", "Preview the changes (before publishing)"),
    "in_publish_help": ("ระบบจะแสดงสรุปการเปลี่ยนแปลงก่อน แล้วจึงให้ยืนยัน",
                        "The change summary is shown first; you then confirm."),
    "in_preview_heading": ("สรุปการเปลี่ยนแปลงหากเผยแพร่ตอนนี้", "What publishing now would change"),
    "in_publish_confirm": ("ยืนยันการเผยแพร่", "Confirm and publish"),
    "in_publish_cancel": ("ยกเลิก", "Cancel"),
    "in_publish_body": ('ส่ง JSON {"dry_run": true} หรือ {"dry_run": false}',
                        'Send the JSON body {"dry_run": true} or {"dry_run": false}.'),
    "in_publish_failed": ("สร้างฐานข้อมูลไม่สำเร็จ ข้อมูลบนแดชบอร์ดไม่เปลี่ยนแปลง",
                          "The build failed; the dashboard's data did not change."),
    "in_published": ("เผยแพร่แล้ว (ฉบับที่ {id}) แดชบอร์ดแสดงข้อมูลใหม่ทันที",
                     "Published (version {id}); the dashboard shows it now."),
    "in_restored": ("นำฉบับที่ {id} กลับมาใช้แล้ว (บันทึกเป็นฉบับที่ {new})",
                    "Version {id} is back (recorded as version {new})."),
    "in_plan_changed": ("มีไฟล์ใหม่เข้ามาหลังจากตรวจสิ่งที่จะเปลี่ยน จึงยังไม่เผยแพร่ กรุณาตรวจสรุปใหม่ด้านล่างแล้วยืนยันอีกครั้ง",
                        "New files arrived after the preview, so nothing was published. Check the new "
                        "summary below and confirm again."),
    "in_builds_list": ("ฉบับที่เผยแพร่", "Published versions"),
    "in_build_id": ("ฉบับที่", "Version"),
    "in_build_when": ("เมื่อ (UTC)", "When (UTC)"),
    "in_build_who": ("โดย", "By"),
    "in_build_inputs": ("ไฟล์ที่ใช้", "Inputs"),
    "in_build_counts": ("จำนวน", "Counts"),
    "in_build_changes": ("การเปลี่ยนแปลง", "Changes"),
    "in_build_action": ("ดำเนินการ", "Action"),
    "in_build_current": ("ใช้อยู่", "current"),
    "in_build_restored": ("นำฉบับที่ {id} กลับมา", "restores version {id}"),
    "in_build_files": ("{n} ไฟล์", "{n} file(s)"),
    "in_build_count_line": (
        "โครงการ {projects} · โครงการอำเภอ {districts} · จังหวัดที่รายงาน {provinces}",
        "{projects} projects · {districts} district projects · {provinces} provinces reporting",
    ),
    "in_build_show_changes": ("ดูการเปลี่ยนแปลง", "Show the changes"),
    "in_restore": ("นำกลับมาใช้", "Restore"),
    "in_restore_label": ("นำฉบับที่ {id} กลับมาใช้", "Restore version {id}"),
    # intake: a publish running in the background
    "in_publish_running": ("กำลังเผยแพร่ฉบับที่ {id} อยู่เบื้องหลัง หน้านี้จะแสดงความคืบหน้าและผลเมื่อเสร็จ",
                           "Publishing version {id} in the background; this page shows its progress and the "
                           "outcome when it is done."),
    "in_publish_progress": ("กำลังเผยแพร่ฉบับที่ {id}: {stage}", "Publishing version {id}: {stage}"),
    "in_build_status": ("สถานะ", "Status"),
    "in_build_error": ("สาเหตุ", "Why"),
    "in_status_running": ("กำลังเผยแพร่", "running"),
    "in_status_succeeded": ("สำเร็จ", "succeeded"),
    "in_status_failed": ("ไม่สำเร็จ", "failed"),
    "in_stage_build": ("สร้างฐานข้อมูลจากไฟล์ที่ส่ง (1/3)", "building the database from the files (1/3)"),
    "in_stage_compare": ("เปรียบเทียบกับฉบับที่ใช้อยู่ (2/3)", "comparing with the current version (2/3)"),
    "in_stage_swap": ("นำฉบับใหม่ขึ้นแดชบอร์ด (3/3)", "putting the new version on the dashboard (3/3)"),
    "err_400": ("คำขอไม่ถูกต้อง", "The request was not understood."),
    "err_401": ("กรุณาเข้าสู่ระบบก่อน", "Please log in first."),
    "err_403": ("บัญชีนี้ไม่มีสิทธิ์ทำรายการนี้", "This account may not do this."),
    "err_404": ("ไม่พบสิ่งที่ต้องการ", "Not found."),
    "err_405": ("ไม่รองรับวิธีการเรียกนี้", "This method is not allowed here."),
    "err_409": ("มีการเผยแพร่อื่นกำลังทำงานอยู่ กรุณาลองใหม่ภายหลัง",
                "Another publish is running. Please try again when it has finished."),
    "err_413": ("ไฟล์หรือคำขอมีขนาดใหญ่เกินกำหนด จึงไม่ได้บันทึก",
                "The file or request is too large, so nothing was stored."),
    "err_429": ("พยายามเข้าสู่ระบบหลายครั้งเกินไป กรุณารอหนึ่งนาทีแล้วลองใหม่",
                "Too many attempts. Please wait a minute and try again."),
    "err_500": ("ระบบขัดข้องชั่วคราว", "Something went wrong on the server. Please try again."),
    "err_csrf": ("แบบฟอร์มหมดอายุหรือไม่ถูกต้อง กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง",
                 "The form has expired or is not valid. Please reload the page and try again."),
})
# --- end intake ---


STRINGS.update({
    # captions under exported charts and maps
    "cap_all_goals": ("ทุกเป้าหมาย", "all goals"),
    "cap_all_regions": ("ทุกภาค", "all regions"),
    "cap_regions": ("ภาค: {names}", "regions: {names}"),
    "cap_pilots_only": ("เฉพาะจังหวัดนำร่อง", "pilot provinces only"),
    "cap_province": ("จังหวัด{name}", "{name} province"),
    "cap_source": ("แหล่งข้อมูล: {source}", "Source: {source}"),
    "cap_built": ("ฐานข้อมูล ณ {date}", "database of {date}"),
    "cap_sample": ("ข้อมูลตัวอย่าง ไม่ใช่ข้อมูลทางการ", "SAMPLE DATA, not official"),
    # the export bar
    "export_slides": ("ส่งออกสไลด์", "Export slides"),
    "export_csv": ("ดาวน์โหลด CSV", "Download CSV"),
    "export_xlsx": ("ดาวน์โหลด XLSX", "Download XLSX"),
    "export_present": ("โหมดนำเสนอ", "Meeting mode"),
    # meeting mode
    "present_help": ("← → หรือปัดซ้าย/ขวา: จังหวัดก่อนหน้า/ถัดไป · Esc ออก",
                     "← → or swipe: previous/next province · Esc leaves"),
    "present_exit": ("ออกจากโหมดนำเสนอ", "Leave meeting mode"),
    "present_start_hint": ("กด → เพื่อเริ่มดูจังหวัดนำร่องทีละจังหวัด", "Press → to step through the pilot provinces"),
    "present_pilot_of": ("จังหวัดนำร่อง {i} จาก {n}", "Pilot {i} of {n}"),
    "present_plan": ("แผน: {n} จาก {total} องค์ประกอบ", "Plan: {n} of {total} components"),
    "present_plan_na": ("แผน: ไม่ได้ประเมิน", "Plan: not assessed"),
    "present_projects": ("{n} โครงการ · {g} เป้าหมาย", "{n} projects · {g} goals"),
    "present_missing": ("ขาด: {items}", "Missing: {items}"),
    # slide decks
    "slide_deck_title": ("การขับเคลื่อน SDGs ระดับจังหวัด", "Provincial SDG localization"),
    "slide_deck_province": ("จังหวัด{name}", "{name} province"),
    "slide_data_of": ("ข้อมูล ณ {built}", "Data as of {built}"),
    "slide_sample": ("ข้อมูลตัวอย่าง: ตัวเลขในชุดสไลด์นี้ใช้สาธิตระบบ ไม่ใช่ข้อมูลทางการ",
               "SAMPLE DATA: the figures in this deck demonstrate the system and are not official."),
    "slide_notes": ("แหล่งข้อมูล: {source}\nตัวกรอง: {filters}\nฐานข้อมูล ณ {built}",
              "Source: {source}\nFilters: {filters}\nDatabase of {built}"),
    "slide_hl_complete": ("{count} จังหวัดที่ส่งแผน มีแผนครบทั้ง {total} องค์ประกอบ",
                          "{count} provinces submitted plans with all {total} components"),
    "slide_hl_most_projects": ("{name} มีโครงการมากที่สุด ({n} โครงการ); {count} จังหวัดมีโครงการอย่างน้อยหนึ่งโครงการ",
                         "{name} has the most projects ({n}); {count} provinces have at least one"),
    "slide_hl_top_goal": ("เป้าหมาย {goal} มีโครงการมากที่สุด: {count} โครงการ ({share}%)",
                    "Goal {goal} has the most projects: {count} ({share}%)"),
    "slide_hl_top_region": ("{region} มีโครงการมากที่สุด: {count} โครงการ ({share}%)",
                      "{region} has the most projects: {count} ({share}%)"),
    "slide_hl_top_cell": ("มากที่สุด: เป้าหมาย {goal} ใน{region} ({n} โครงการ)",
                    "Largest cell: goal {goal} in {region} ({n} projects)"),
    "slide_hl_no_projects": ("ไม่มีโครงการตามตัวกรองนี้", "No projects for these filters"),
    "slide_hl_province_plan": ("{name} มีแผน {n} จาก {total} องค์ประกอบ{missing}",
                               "{name} has {n} of {total} plan components{missing}"),
    "slide_hl_province_missing": ("; ขาด{items}", "; missing: {items}"),
    "slide_hl_province_not_assessed": ("{name}: ไม่ได้ประเมินแผนในปีนี้ · {n} โครงการ",
                                 "{name}: plan not assessed this year · {n} projects"),
    "slide_hl_province_goal": ("{name}: {n} โครงการ ใน {goals} เป้าหมาย; มากที่สุดคือเป้าหมาย {goal} ({top})",
                         "{name}: {n} projects across {goals} goals; most under goal {goal} ({top})"),
    # filtered decks: a chosen goal or region against all projects, never 100% of itself
    "slide_hl_goal_share": (
        "เป้าหมาย {goal}: {n} โครงการ คิดเป็น {share}% ของโครงการทั้งหมด {total} โครงการ "
        "(อันดับ {rank} จาก {goals} เป้าหมาย)",
        "Goal {goal}: {n} projects, {share}% of all {total} projects (rank {rank} of {goals} goals)"),
    "slide_hl_top_chosen_goal": (
        "ในเป้าหมายที่เลือก เป้าหมาย {goal} มีโครงการมากที่สุด: {n} โครงการ "
        "({share}% ของโครงการทั้งหมด {total} โครงการ)",
        "Of the chosen goals, goal {goal} has the most projects: {n} ({share}% of all {total} projects)"),
    "slide_hl_region_share": (
        "{region}: {n} โครงการ คิดเป็น {share}% ของโครงการทุกภาครวม {total} โครงการ "
        "(อันดับ {rank} จาก {regions} ภาค)",
        "{region}: {n} projects, {share}% of all {total} projects in all regions "
        "(rank {rank} of {regions} regions)"),
    "slide_hl_top_chosen_region": (
        "ในภาคที่เลือก {region} มีโครงการมากที่สุด: {n} โครงการ ({share}% ของโครงการทุกภาครวม {total} โครงการ)",
        "Of the chosen regions, {region} has the most projects: {n} ({share}% of all {total} projects "
        "in all regions)"),
    "slide_hl_cell_share": (
        "เป้าหมาย {goal} ใน{region}: {n} โครงการ คิดเป็น {share}% ของโครงการเป้าหมายนี้ทุกภาครวม {total} โครงการ",
        "Goal {goal} in {region}: {n} projects, {share}% of the goal's {total} projects in all regions"),
    "slide_hl_change": (
        "เทียบกับปี {prev}: {gained} จังหวัดมีองค์ประกอบของแผนเพิ่มขึ้น {lost} จังหวัดลดลง "
        "และ {new} จังหวัดมีแผนเป็นปีแรก",
        "Since {prev}: {gained} provinces gained plan components, {lost} lost some, {new} reported a plan "
        "for the first time"),
    "slide_hl_change_first": ("ปีแรกของข้อมูล: ยังไม่มีปีก่อนหน้าให้เปรียบเทียบ",
                              "The first year of data: there is no earlier year to compare with"),
    "slide_hl_bangkok_districts": (
        "กรุงเทพมหานครแบ่งเป็น {total} เขต ซึ่งไม่อยู่ในโครงการบำบัดทุกข์ บำรุงสุข ของกระทรวงมหาดไทย",
        "Bangkok is divided into {total} districts (khet), which are not part of the district programme"),
    # budget decks (measure=budget): the goal and region findings in millions of baht
    "slide_hl_top_goal_budget": (
        "เป้าหมาย {name} มีงบประมาณมากที่สุด: {amount} ล้านบาท ({share}% ของงบประมาณทั้งหมด {total} ล้านบาท)",
        "Goal {name} has the largest budget: THB {amount} million ({share}% of all THB {total} million)"),
    "slide_hl_goal_budget_share": (
        "เป้าหมาย {name}: งบประมาณ {amount} ล้านบาท คิดเป็น {share}% ของงบประมาณทั้งหมด {total} ล้านบาท "
        "(อันดับ {rank} จาก {count} เป้าหมาย)",
        "Goal {name}: THB {amount} million, {share}% of the whole budget of THB {total} million "
        "(rank {rank} of {count} goals)"),
    "slide_hl_top_chosen_goal_budget": (
        "ในเป้าหมายที่เลือก เป้าหมาย {name} มีงบประมาณมากที่สุด: {amount} ล้านบาท "
        "({share}% ของงบประมาณทั้งหมด {total} ล้านบาท)",
        "Of the chosen goals, goal {name} has the largest budget: THB {amount} million "
        "({share}% of all THB {total} million)"),
    "slide_hl_top_region_budget": (
        "{name} มีงบประมาณมากที่สุด: {amount} ล้านบาท ({share}% ของงบประมาณทุกภาครวม {total} ล้านบาท)",
        "{name} has the largest budget: THB {amount} million ({share}% of all THB {total} million)"),
    "slide_hl_region_budget_share": (
        "{name}: งบประมาณ {amount} ล้านบาท คิดเป็น {share}% ของงบประมาณทุกภาครวม {total} ล้านบาท "
        "(อันดับ {rank} จาก {count} ภาค)",
        "{name}: THB {amount} million, {share}% of the budget of all regions, THB {total} million "
        "(rank {rank} of {count} regions)"),
    "slide_hl_top_chosen_region_budget": (
        "ในภาคที่เลือก {name} มีงบประมาณมากที่สุด: {amount} ล้านบาท ({share}% ของงบประมาณทุกภาครวม {total} ล้านบาท)",
        "Of the chosen regions, {name} has the largest budget: THB {amount} million "
        "({share}% of all THB {total} million in all regions)"),
    "slide_hl_no_budget": ("ไม่มีงบประมาณตามตัวกรองนี้", "No budget for these filters"),
    "slide_alt_goals_budget": ("แผนภูมิแท่งงบประมาณตามเป้าหมาย (ล้านบาท)",
                               "Bar chart of budget per goal (THB million)"),
    "slide_alt_regions_budget": ("แผนภูมิแท่งงบประมาณตามภาค (ล้านบาท)",
                                 "Bar chart of budget per region (THB million)"),
    "cap_budget": ("งบประมาณ หน่วยล้านบาท", "budget in THB million"),
    # slide pictures' alt text: what the chart shows
    "slide_alt": ("{kind}: {title} ({filters}) {finding}", "{kind}: {title} ({filters}). {finding}"),
    "slide_alt_map": ("แผนที่จังหวัดของประเทศไทย", "Map of Thailand's provinces"),
    "slide_alt_goals": ("แผนภูมิแท่งจำนวนโครงการตามเป้าหมาย", "Bar chart of projects per goal"),
    "slide_alt_regions": ("แผนภูมิแท่งจำนวนโครงการตามภาค", "Bar chart of projects per region"),
    "slide_alt_heatmap": ("ตารางสีจำนวนโครงการตามเป้าหมายและภาค", "Heatmap of projects per goal and region"),
    "slide_alt_goal_mix": ("แผนภูมิแท่งสัดส่วนโครงการตามเป้าหมาย เทียบจังหวัด ภาค และทั้งประเทศ",
                           "Bar chart of the province's goal mix against its region and the country"),
    "slide_alt_districts": ("แผนที่อำเภอของจังหวัด", "Map of the province's districts"),
    "slide_alt_districts_bkk": ("แผนที่เขตของกรุงเทพมหานคร", "Map of Bangkok's districts (khet)"),
    "slide_alt_change": ("แผนที่จังหวัดที่องค์ประกอบของแผนเพิ่มขึ้นหรือลดลงจากปีก่อน",
                         "Map of the provinces whose plan components rose or fell since the previous year"),
    "slide_alt_chart": ("แผนภูมิ", "Chart"),
    # Bangkok: a special administrative area, not a จังหวัด; its districts are เขต, not อำเภอ
    "district_title_bkk": ("เขตของกรุงเทพมหานคร (ไม่อยู่ในโครงการบำบัดทุกข์ บำรุงสุข)",
                           "Districts (khet) of Bangkok, not part of the district programme"),
    "prov_stat_district_bkk": ("โครงการระดับเขต", "District (khet) projects"),
    "slide_hl_province_districts": ("{name}: โครงการระดับอำเภอ {n} โครงการ ใน {d} จาก {total} อำเภอ",
                              "{name}: {n} district projects in {d} of {total} districts"),
    # downloads (CSV and XLSX headers and sheets)
    "col_project_id": ("รหัสโครงการ", "Project ID"),
    "col_fiscal_year": ("ปีงบประมาณ", "Fiscal year"),
    "col_province_code": ("รหัสจังหวัด", "Province code"),
    "col_province_th": ("จังหวัด (ไทย)", "Province (Thai)"),
    "col_province_en": ("จังหวัด (อังกฤษ)", "Province (English)"),
    "col_region_th": ("ภาค (ไทย)", "Region (Thai)"),
    "col_region_en": ("ภาค (อังกฤษ)", "Region (English)"),
    "col_region": ("ภาค", "Region"),
    "col_goal": ("เป้าหมายหลัก", "Goal"),
    "col_goal_th": ("ชื่อเป้าหมาย (ไทย)", "Goal name (Thai)"),
    "col_goal_en": ("ชื่อเป้าหมาย (อังกฤษ)", "Goal name (English)"),
    "col_target": ("เป้าหมายย่อย", "Target"),
    "col_title": ("ชื่อโครงการ", "Title"),
    "col_agency": ("หน่วยงานรับผิดชอบ", "Agency"),
    "col_budget_thb": ("งบประมาณ (บาท)", "Budget (THB)"),
    "col_status": ("สถานะ", "Status"),
    "col_is_pilot": ("จังหวัดนำร่อง", "Pilot province"),
    "col_projects": ("จำนวนโครงการ", "Projects"),
    "col_completeness_of_4": ("องค์ประกอบของแผน (จาก {total})", "Plan components (of {total})"),
    "col_plan_completeness": ("องค์ประกอบของแผนจังหวัด (จาก {total})", "Province plan components (of {total})"),
    **{f"col_plan_{column}": (f"แผนจังหวัด: {th}", f"Province plan: {en}")
       for column, (th, en) in _COMPONENT_HEADERS.items()},
    "sheet_projects": ("โครงการ", "Projects"),
    "sheet_plans": ("สถานะแผน", "Plan status"),
    "sheet_about": ("เกี่ยวกับข้อมูล", "About"),
    # server answers: export errors and HTTP error pages
    "export_unknown_province": (
        "ไม่พบจังหวัดรหัส '{code}' ใช้รหัสจังหวัดสองหลัก เช่น province=50 (เชียงใหม่)",
        "No province has the code '{code}'. Use a two-digit province code, e.g. province=50 (Chiang Mai).",
    ),
    "export_no_database": ("ยังไม่มีฐานข้อมูลให้ส่งออก ลองใหม่ภายหลัง",
                           "The database is not available for export yet; try again later."),
    "export_busy": ("ขณะนี้มีการส่งออกข้อมูลพร้อมกันจำนวนมาก โปรดลองใหม่ในอีก {seconds} วินาที",
                    "Many exports are running at once; please try again in {seconds} seconds."),
    "http_400": ("คำขอไม่ถูกต้อง", "The request was not understood."),
    "http_404": ("ไม่พบหน้าที่ต้องการ", "The page was not found."),
    "http_405": ("ไม่รองรับวิธีการเรียกนี้", "This method is not allowed here."),
    "http_413": ("คำขอมีขนาดใหญ่เกินไป", "The request is too large."),
    "http_429": ("มีคำขอมากเกินไป โปรดลองใหม่ภายหลัง", "Too many requests; please try again later."),
    "http_500": ("ระบบขัดข้องชั่วคราว", "Something went wrong on the server. Please try again."),
    "http_back": ("กลับหน้าแรก", "Back to the overview"),
    "slide_country": ("ทั้งประเทศ", "Thailand"),
    # boundary credit and disclaimer, worded as the boundaries' licence requires (geo/source/LICENSE.md)
    "boundary_credit": (ATTRIBUTION_TH, ATTRIBUTION),
    "boundary_disclaimer": (DISCLAIMER_TH, DISCLAIMER),
})

# Grid column text for AG Grid's own menus (filters, paging) in Thai; English is AG Grid's default.
AG_GRID_LOCALE_TH: dict[str, str] = {
    "filterOoo": "กรอง…",
    "searchOoo": "ค้นหา…",
    "contains": "มีคำว่า",
    "notContains": "ไม่มีคำว่า",
    "equals": "เท่ากับ",
    "notEqual": "ไม่เท่ากับ",
    "startsWith": "ขึ้นต้นด้วย",
    "endsWith": "ลงท้ายด้วย",
    "blank": "ว่าง",
    "notBlank": "ไม่ว่าง",
    "lessThan": "น้อยกว่า",
    "greaterThan": "มากกว่า",
    "lessThanOrEqual": "น้อยกว่าหรือเท่ากับ",
    "greaterThanOrEqual": "มากกว่าหรือเท่ากับ",
    "inRange": "อยู่ระหว่าง",
    "andCondition": "และ",
    "orCondition": "หรือ",
    "applyFilter": "ใช้",
    "resetFilter": "ล้าง",
    "clearFilter": "ล้าง",
    # the pagination bar under the grid
    "page": "หน้า",
    "to": "ถึง",
    "of": "จาก",
    "more": "เพิ่มเติม",
    "firstPage": "หน้าแรก",
    "previousPage": "หน้าก่อน",
    "nextPage": "หน้าถัดไป",
    "lastPage": "หน้าสุดท้าย",
    "pageSizeSelectorLabel": "แถวต่อหน้า:",
    "ariaPageSizeSelectorLabel": "แถวต่อหน้า",
    "pageLastRowUnknown": "?",
    "loadingOoo": "กำลังโหลด…",
}
# --- end province pages ---

# --- accessibility: skip link, finding a province, touch, meeting mode ---
STRINGS.update({
    "skip_to_content": ("ข้ามไปยังเนื้อหาหลัก", "Skip to main content"),
    "dropdown_select_all": ("เลือกทั้งหมด", "Select all"),
    "dropdown_deselect_all": ("ไม่เลือกทั้งหมด", "Deselect all"),
    "dropdown_selected_count": ("เลือก {num_selected} รายการ", "{num_selected} selected"),
    "dropdown_search": ("ค้นหา", "Search"),
    "dropdown_clear_search": ("ล้างคำค้น", "Clear search"),
    "dropdown_clear_selection": ("ล้างที่เลือก", "Clear selection"),
    "dropdown_no_options_found": ("ไม่พบตัวเลือก", "No options found"),
    # finding a province
    "finder_label": ("ค้นหาจังหวัด", "Find a province"),
    "finder_placeholder": ("เช่น เชียงใหม่ โคราช จ.ภูเก็ต", "e.g. Chiang Mai, Korat, Phuket"),
    "finder_go": ("ไป", "Go"),
    "finder_empty": ("พิมพ์ชื่อจังหวัดก่อน", "Type a province's name first."),
    "finder_unknown": ("ไม่พบจังหวัด “{text}” ลองพิมพ์ชื่อภาษาไทยหรือภาษาอังกฤษ",
                       "No province is called “{text}”. Try its Thai or English name."),
    "finder_did_you_mean": ("ไม่พบจังหวัด “{text}” หมายถึง", "No province is called “{text}”. Did you mean"),
    "finder_opening": ("กำลังเปิด {name}", "Opening {name}"),
    "panel_label": ("จังหวัดที่เลือกบนแผนที่", "Province selected on the map"),
    "panel_hint": ("แตะจังหวัดบนแผนที่เพื่อดูรายละเอียด หรือใช้ช่องค้นหาและตารางด้านล่าง",
                   "Tap a province on the map to see its details, or use the finder and the table below."),
    "panel_open": ("เปิดหน้าจังหวัด{name}", "Open {name}"),
    "present_prev": ("◀ ก่อนหน้า", "◀ Previous"),
    "present_next": ("ถัดไป ▶", "Next ▶"),
    "present_steps_label": ("เลื่อนจังหวัด", "Step through the provinces"),
    "present_agenda_of": ("ลำดับ {i} จาก {n}", "{i} of {n}"),
    "ptable_title": ("ทุกจังหวัด (77 จังหวัด) ตามแผนที่", "All 77 provinces, as on the map"),
    "ptable_caption": ("ค่าตามตัวกรองปัจจุบัน · {year} · คลิกหัวคอลัมน์เพื่อเรียง",
                       "Values for the current filters · {year} · click a column heading to sort"),
    "ptable_goal_projects": ("โครงการ{goals}", "Projects, {goals}"),
    "ptable_pilot": ("นำร่อง", "pilot"),
    "ptable_outside": ("ไม่อยู่ในตัวกรอง", "outside the filters"),
    "overview_status": ("แสดง {provinces} จังหวัด · {projects} โครงการ · {year}",
                        "Showing {provinces} provinces · {projects} projects · {year}"),
    # the camera button when the server's exports are all busy (assets/export.js fills {seconds}, {name})
    "camera_retrying": ("เซิร์ฟเวอร์กำลังสร้างไฟล์อื่นอยู่ จะลองสร้างภาพอีกครั้งใน {seconds} วินาที",
                        "The server is busy with other exports; trying again in {seconds} seconds."),
    "camera_refused": ("เซิร์ฟเวอร์ยังไม่ว่าง จึงยังไม่ได้บันทึกภาพ กรุณากดปุ่มบันทึกภาพอีกครั้งในอีกสักครู่",
                       "The server is still busy, so no image was saved. Please press the camera button "
                       "again in a minute."),
    "camera_saved": ("บันทึกภาพ {name} แล้ว", "Saved the image {name}."),
    "heatmap_table_corner": ("เป้าหมาย \\ ภาค", "Goal \\ region"),
})
# --- end accessibility ---


# --- change over fiscal years (year-on-year change, progress, trend, budget, status) ---
STRINGS.update({
    "hl_change": ("{delta} จากปี {year}", "{delta} since {year}"),
    "hl_change_zero": ("เท่าเดิมจากปี {year}", "no change since {year}"),
    "hl_change_first": ("ปีแรกที่มีข้อมูล ไม่มีปีก่อนหน้าให้เปรียบเทียบ", "first year with data: nothing to compare"),
    "metric_change": ("การเปลี่ยนแปลงจากปีก่อน", "Change since the previous year"),
    "map_title_change": ("องค์ประกอบของแผนที่เพิ่มหรือลดจากปี {prev}",
                         "Plan components gained or lost since {prev}"),
    "map_title_change_first": ("การเปลี่ยนแปลงของแผน: ไม่มีปีก่อนหน้าให้เปรียบเทียบ",
                               "Change in plans: nothing to compare (first year with data)"),
    "legend_change": ("องค์ประกอบ เพิ่ม (+) / ลด (−)", "Components gained (+) / lost (−)"),
    "change_not_assessed": ("ไม่ได้ประเมิน", "Not assessed"),
    "change_no_plan": ("ไม่มีแผนทั้งสองปี", "No plan either year"),
    "change_new": ("มีแผนครั้งแรกปีนี้", "New this year"),
    "change_no_comparison": ("ไม่มีปีก่อนหน้า", "Nothing to compare"),
    "change_zero": ("0 (เท่าเดิม)", "0 (unchanged)"),
    "hover_change": ("เทียบกับปี {prev}: {label}", "Since {prev}: {label}"),
    "progress_improved": ("ดีขึ้น", "Improved"),
    "progress_unchanged": ("เท่าเดิม", "Unchanged"),
    "progress_declined": ("ลดลง", "Declined"),
    "progress_new": ("ใหม่", "New"),
    "progress_not_assessed": ("ไม่ได้ประเมิน", "Not assessed"),
    "progress_no_comparison": ("ไม่มีปีก่อนหน้าให้เปรียบเทียบ", "Nothing to compare (first year)"),
    "howto_title": ("วิธีอ่านข้อมูล", "How to read this"),
    "howto_progress": (
        "ความก้าวหน้าของแต่ละจังหวัดเทียบกับปีงบประมาณก่อนหน้าที่มีข้อมูล: ไม่ได้ประเมิน = ไม่มีข้อมูลแผนในปีที่แสดง; "
        "ใหม่ = ปีก่อนไม่มีแผน (ไม่มีข้อมูลหรือ 0 จาก 4 องค์ประกอบ) แต่ปีนี้มีอย่างน้อย 1 องค์ประกอบ; "
        "ดีขึ้น / ลดลง = จำนวนองค์ประกอบ (จาก 4) มากขึ้น / น้อยลงกว่าปีก่อน; เท่าเดิม = เท่ากับปีก่อน "
        "ปีแรกที่มีข้อมูลไม่มีปีก่อนหน้าให้เปรียบเทียบ",
        "Progress compares each province with the previous fiscal year in the data: not assessed = no plan "
        "data in the year shown; new = no plan the year before (no data, or 0 of 4 components) and at least "
        "one component now; improved / declined = more / fewer of the 4 components than the year before; "
        "unchanged = the same number. The first year with data has nothing to compare with.",
    ),
    "howto_budget": ("งบประมาณเป็นผลรวมของงบประมาณโครงการที่จังหวัดรายงาน (บาท)",
                     "Budget is the sum of the project budgets provinces reported (baht)."),
    "chart_trend": ("ความครบถ้วนของแผนและจำนวนโครงการรายปี", "Plan completeness and projects per fiscal year"),
    "trend_projects": ("จำนวนโครงการ", "Projects"),
    "axis_provinces": ("จำนวนจังหวัด", "Provinces"),
    "axis_fy": ("ปีงบประมาณ", "Fiscal year"),
    "fy_range": ("ปีงบประมาณ {first}–{last}", "FY{first}–{last}"),
    "fy_compared": ("{year} เทียบกับ {prev}", "{year} compared with {prev}"),
    "measure_label": ("กราฟเป้าหมายและภาคแสดง", "Goal and region charts show"),
    "measure_projects": ("จำนวนโครงการ", "Number of projects"),
    "measure_budget": ("งบประมาณ (บาท)", "Budget (baht)"),
    "chart_goals_budget": ("งบประมาณตามเป้าหมาย SDG (ล้านบาท)", "Budget per SDG goal (THB million)"),
    "chart_regions_budget": ("งบประมาณตามภาค (ล้านบาท)", "Budget per region (THB million)"),
    "axis_budget": ("งบประมาณ (ล้านบาท)", "Budget (THB million)"),
    "chart_status": ("โครงการตามสถานะ", "Projects by status"),
    "status_unknown": ("ไม่ระบุสถานะ", "No status given"),
    "hist_title": ("ความก้าวหน้ารายปี", "Year by year"),
    "hist_year": ("ปีงบประมาณ", "Fiscal year"),
    "hist_components": ("องค์ประกอบของแผน (จาก 4)", "Plan components (of 4)"),
    "hist_projects": ("โครงการ", "Projects"),
    "hist_budget": ("งบประมาณ", "Budget"),
    "hist_progress": ("ความก้าวหน้า", "Progress"),
    "hist_not_assessed": ("ไม่ได้ประเมิน", "not assessed"),
    "hist_progress_now": ("ความก้าวหน้าเทียบกับปีก่อน: {label}", "Progress since the previous year: {label}"),
    "pilots_col_change": ("เปลี่ยนแปลงจากปีก่อน", "Change since previous year"),
    "pilots_change_text": ("องค์ประกอบ {components} · โครงการ {projects}",
                           "components {components} · projects {projects}"),
    "pilots_sort": ("เรียงตาม{col}", "Sort by {col}"),
    "slide_change_title": ("สิ่งที่เปลี่ยนไปจากปี {prev}", "What changed since {prev}"),
    "slide_change_gained": ("องค์ประกอบเพิ่มขึ้น ({n} จังหวัด): {names}",
                            "Gained components ({n} provinces): {names}"),
    "slide_change_lost": ("องค์ประกอบลดลง ({n} จังหวัด): {names}", "Lost components ({n} provinces): {names}"),
    "slide_change_new": ("มีแผนครั้งแรก ({n} จังหวัด): {names}", "New plans ({n} provinces): {names}"),
    "slide_change_none": ("ไม่มี", "none"),
    "slide_change_first": ("ปีงบประมาณ {year} เป็นปีแรกที่มีข้อมูล ไม่มีปีก่อนหน้าให้เปรียบเทียบ",
                           "FY{year} is the first year with data: there is nothing to compare."),
    "slide_change_headline": ("จังหวัดที่แผนดีขึ้น {up} จังหวัด ลดลง {down} จังหวัด ใหม่ {new} จังหวัด "
                              "เทียบกับปี {prev}",
                              "Since {prev}: {up} provinces improved their plans, {down} declined, "
                              "{new} are new"),
})


def signed(value: int) -> str:
    """A change with its sign: "+3", "−2" (a true minus sign), "0"."""
    return f"+{value:,}" if value > 0 else f"−{-value:,}" if value < 0 else "0"
# --- end change over fiscal years ---
