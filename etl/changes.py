"""What a build changes: two DuckDB files compared per province and fiscal year, with suspicious jumps.

The secretariat sees this before (`--dry-run`) and after a build, so a wrong file (budgets in
millions read as baht, one province's sheet missing) is noticed before the executives' map shows it.
Projects are matched by content, not by id, because ids generated for rows without one shift when
a row is added or removed: identical rows are unchanged, rows of the same province and year that
share a written id (or, without one, a title) are changed, the rest are added or removed.
"""
from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

SUSPICIOUS_RATIO = 5.0
_GENERATED_ID = r"^P[0-9]{4}-[0-9]{2}-[0-9]{4,}$"
_CONTENT = ("province_code", "fiscal_year", "goal", "target", "title", "agency", "budget_thb", "status")
_NATIONAL_KEYS = ("provinces_reporting", "complete", "projects", "budget", "district_projects")

# key -> (Thai, English); `{name}` placeholders filled by _say
TEXT: dict[str, tuple[str, str]] = {
    "heading": ("การเปลี่ยนแปลงรายจังหวัดและปีงบประมาณ (ก่อน -> หลัง):",
                "Changes by province and fiscal year (before -> after):"),
    "nothing": ("ไม่มีการเปลี่ยนแปลงข้อมูล", "Nothing changes in the data."),
    "province": ("{name} ({code}) ปีงบประมาณ {year}: {parts}", "{name} ({code}), FY{year}: {parts}"),
    "plan": ("องค์ประกอบแผน {before} -> {after}", "plan components {before} -> {after}"),
    "no_plan": ("ไม่มีแผน", "no plan"),
    "not_assessed": ("ไม่ได้ประเมิน", "not assessed"),
    "of_four": ("{n}/4", "{n} of 4"),
    "projects": ("โครงการ {before} -> {after} (เพิ่ม {added}, ลบ {removed}, แก้ไข {changed})",
                 "projects {before} -> {after} (+{added} added, -{removed} removed, {changed} changed)"),
    "budget": ("งบประมาณ {before} -> {after} บาท", "budget {before} -> {after} baht"),
    "districts": ("โครงการอำเภอ {before} -> {after}", "district projects {before} -> {after}"),
    "national_year": ("ทั้งประเทศ ปีงบประมาณ {year}: {parts}", "National, FY{year}: {parts}"),
    "national_all": ("ทั้งประเทศ ทุกปีงบประมาณ: {parts}", "National, all fiscal years: {parts}"),
    "reporting": ("จังหวัดที่รายงานแผน {before} -> {after}", "provinces reporting {before} -> {after}"),
    "complete": ("แผนครบ 4 องค์ประกอบ {before} -> {after}", "complete plans {before} -> {after}"),
    "suspicious_head": ("!! การเปลี่ยนแปลงที่ผิดปกติ ตรวจสอบก่อนเผยแพร่:",
                        "!! SUSPICIOUS CHANGES, check before publishing:"),
    "suspicious_line": ("!! {text}", "!! {text}"),
    "where": ("{name} ({code}) ปีงบประมาณ {year}", "{name} ({code}), FY{year}"),
    "projects_ratio": ("{where}: จำนวนโครงการ {before} -> {after} ({direction} {ratio} เท่า)",
                       "{where}: projects {before} -> {after} ({direction} by {ratio})"),
    "budget_ratio": ("{where}: งบประมาณ {before} -> {after} บาท ({direction} {ratio} เท่า)",
                     "{where}: budget {before} -> {after} baht ({direction} by {ratio})"),
    "up": ("เพิ่มขึ้น", "multiplied"),
    "down": ("ลดลง", "divided"),
    "projects_gone": ("{where}: โครงการทั้ง {before} โครงการหายไป",
                      "{where}: all {before} projects are gone"),
    "budget_gone": ("{where}: งบประมาณ {before} บาท หายไปทั้งหมด",
                    "{where}: all {before} baht of budget is gone"),
    "vanished": ("{where}: จังหวัดนี้หายไปจากข้อมูลทั้งหมด", "{where}: the province vanishes from the data"),
    "year_gone": ("ปีงบประมาณ {year} หายไปจากข้อมูลทั้งหมด", "fiscal year {year} vanishes from the data"),
    "unreadable": ("อ่านฐานข้อมูลเดิมไม่ได้ ({error}) จึงเทียบกับฐานข้อมูลว่าง",
                   "the previous database cannot be read ({error}), so it is compared as empty"),
}


def _say(key: str, lang: str, **values: object) -> str:
    """One entry of TEXT in the asked language, placeholders filled."""
    thai, english = TEXT[key]
    return (thai if lang == "th" else english).format(**values)


@dataclass(frozen=True)
class ProvinceChange:
    """One province in one fiscal year whose data the build changes; counts and baht before and after."""

    province_code: str
    name_th: str
    name_en: str
    components_before: int | None
    components_after: int | None
    projects_before: int
    projects_after: int
    projects_added: int
    projects_removed: int
    projects_changed: int
    budget_before: float
    budget_after: float
    suspicious: tuple[str, ...]
    fiscal_year: int = 0
    not_assessed_before: bool = False
    not_assessed_after: bool = False
    district_projects_before: int = 0
    district_projects_after: int = 0


@dataclass(frozen=True)
class ChangeSummary:
    """Every province-year that changes, national totals (all years and per year) and the warnings."""

    provinces: tuple[ProvinceChange, ...]
    national: dict[str, float | int]
    suspicious: tuple[str, ...]
    by_year: dict[int, dict[str, float | int]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """JSON-able: provinces as objects, years as string keys."""
        return {
            "provinces": [asdict(p) | {"suspicious": list(p.suspicious)} for p in self.provinces],
            "national": dict(self.national),
            "by_year": {str(y): dict(v) for y, v in sorted(self.by_year.items())},
            "suspicious": list(self.suspicious),
            "notes": list(self.notes),
        }

    def lines(self, lang: str = "en") -> list[str]:
        """The summary as text, suspicious changes first so nobody misses them."""
        out: list[str] = []
        gone = _vanished_years(self.by_year)
        warnings = [*(_say("year_gone", lang, year=y) for y in gone),
                    *(s for p in self.provinces if p.fiscal_year not in gone for s in _suspicions(p, lang))]
        if warnings:
            out.append(_say("suspicious_head", lang))
            out += [_say("suspicious_line", lang, text=w) for w in warnings]
        out += [_say("unreadable", lang, error=n) for n in self.notes]
        if not self.provinces:
            out.append(_say("nothing", lang))
        else:
            out.append(_say("heading", lang))
            out += ["  " + _province_line(p, lang) for p in self.provinces]
        for year, figures in sorted(self.by_year.items()):
            out.append(_say("national_year", lang, year=year, parts=_national_parts(figures, lang)))
        if len(self.by_year) > 1:
            out.append(_say("national_all", lang, parts=_national_parts(self.national, lang)))
        return out


def _number(value: float | int) -> str:
    """Thousands separators; baht without satang unless there are some."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _components(value: int | None, not_assessed: bool, lang: str) -> str:
    if not_assessed:
        return _say("not_assessed", lang)
    return _say("no_plan", lang) if value is None else _say("of_four", lang, n=value)


def _where(p: ProvinceChange, lang: str) -> str:
    return _say("where", lang, name=p.name_th if lang == "th" else p.name_en, code=p.province_code,
                year=p.fiscal_year)


def _province_line(p: ProvinceChange, lang: str) -> str:
    """Only the parts that change, so a long list stays readable."""
    parts: list[str] = []
    if (p.components_before, p.not_assessed_before) != (p.components_after, p.not_assessed_after):
        parts.append(_say("plan", lang, before=_components(p.components_before, p.not_assessed_before, lang),
                          after=_components(p.components_after, p.not_assessed_after, lang)))
    if p.projects_added or p.projects_removed or p.projects_changed or p.projects_before != p.projects_after:
        parts.append(_say("projects", lang, before=_number(p.projects_before),
                          after=_number(p.projects_after), added=_number(p.projects_added),
                          removed=_number(p.projects_removed), changed=_number(p.projects_changed)))
    if p.budget_before != p.budget_after:
        parts.append(_say("budget", lang, before=_number(p.budget_before), after=_number(p.budget_after)))
    if p.district_projects_before != p.district_projects_after:
        parts.append(_say("districts", lang, before=p.district_projects_before,
                          after=p.district_projects_after))
    name = p.name_th if lang == "th" else p.name_en
    return _say("province", lang, name=name, code=p.province_code, year=p.fiscal_year, parts="; ".join(parts))


def _national_parts(figures: dict[str, float | int], lang: str) -> str:
    return "; ".join([
        _say("reporting", lang, before=figures["provinces_reporting_before"],
             after=figures["provinces_reporting_after"]),
        _say("complete", lang, before=figures["complete_before"], after=figures["complete_after"]),
        _say("projects", lang, before=_number(figures["projects_before"]),
             after=_number(figures["projects_after"]), added=_number(figures["projects_added"]),
             removed=_number(figures["projects_removed"]), changed=_number(figures["projects_changed"])),
        _say("budget", lang, before=_number(figures["budget_before"]),
             after=_number(figures["budget_after"])),
        _say("districts", lang, before=_number(figures["district_projects_before"]),
             after=_number(figures["district_projects_after"])),
    ])


def _ratio(before: float, after: float) -> tuple[str, float] | None:
    """("up"/"down", factor) when a value is multiplied or divided by more than SUSPICIOUS_RATIO."""
    if before <= 0 or after <= 0:
        return None
    if after > before * SUSPICIOUS_RATIO:
        return "up", after / before
    if before > after * SUSPICIOUS_RATIO:
        return "down", before / after
    return None


def _suspicions(p: ProvinceChange, lang: str) -> list[str]:
    """Why this province-year deserves a second look (empty when it does not)."""
    where = _where(p, lang)
    had = (p.components_before is not None or p.not_assessed_before or p.projects_before > 0
           or p.district_projects_before > 0)
    has = (p.components_after is not None or p.not_assessed_after or p.projects_after > 0
           or p.district_projects_after > 0)
    if had and not has:
        return [_say("vanished", lang, where=where)]
    found: list[str] = []
    if p.projects_before > 0 and p.projects_after == 0:
        found.append(_say("projects_gone", lang, where=where, before=p.projects_before))
    elif (jump := _ratio(p.projects_before, p.projects_after)) is not None:
        found.append(_say("projects_ratio", lang, where=where, before=p.projects_before,
                          after=p.projects_after, direction=_say(jump[0], lang), ratio=f"{jump[1]:.1f}"))
    if p.budget_before > 0 and p.budget_after == 0 and p.projects_after > 0:
        found.append(_say("budget_gone", lang, where=where, before=_number(p.budget_before)))
    elif (jump := _ratio(p.budget_before, p.budget_after)) is not None:
        found.append(_say("budget_ratio", lang, where=where, before=_number(p.budget_before),
                          after=_number(p.budget_after), direction=_say(jump[0], lang),
                          ratio=f"{jump[1]:.1f}"))
    return found


def _vanished_years(by_year: dict[int, dict[str, float | int]]) -> list[int]:
    """Fiscal years that had data and have none after the build (one warning, not one per province)."""
    gone = []
    for year, f in sorted(by_year.items()):
        before = f["projects_before"] + f["provinces_reporting_before"] + f["district_projects_before"]
        after = f["projects_after"] + f["provinces_reporting_after"] + f["district_projects_after"]
        if before and not after:
            gone.append(year)
    return gone


# ---------------------------------------------------------------- reading the two files

_EMPTY = {
    "plans": "SELECT NULL::VARCHAR AS province_code, NULL::INTEGER AS fiscal_year, "
             "NULL::INTEGER AS completeness WHERE false",
    "plans_not_assessed": "SELECT NULL::VARCHAR AS province_code, NULL::INTEGER AS fiscal_year WHERE false",
    "projects": "SELECT NULL::VARCHAR AS project_id, NULL::VARCHAR AS province_code, "
                "NULL::INTEGER AS fiscal_year, NULL::INTEGER AS goal, NULL::VARCHAR AS target, "
                "NULL::VARCHAR AS title, NULL::VARCHAR AS agency, NULL::DOUBLE AS budget_thb, "
                "NULL::VARCHAR AS status WHERE false",
    "district_projects": "SELECT NULL::VARCHAR AS province_code, NULL::INTEGER AS fiscal_year WHERE false",
}
_COLUMNS = {
    "plans": "province_code, fiscal_year, completeness",
    "plans_not_assessed": "province_code, fiscal_year",
    "projects": "project_id, " + ", ".join(_CONTENT),
    "district_projects": "province_code, fiscal_year",
}


def _attach(con: duckdb.DuckDBPyConnection, path: Path | None, alias: str) -> str | None:
    """Views <alias>_<table> over the file's tables (empty ones for what it lacks); the error, if any."""
    tables: set[str] = set()
    error = None
    if path is not None and path.is_file():
        try:
            con.execute(f"ATTACH ? AS {alias}_db (READ_ONLY)", [str(path)])
            tables = {r[0] for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [f"{alias}_db"]).fetchall()}
        except duckdb.Error as exc:
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    for table, empty in _EMPTY.items():
        source = f"SELECT {_COLUMNS[table]} FROM {alias}_db.{table}" if table in tables else empty
        con.execute(f"CREATE TEMP VIEW {alias}_{table} AS {source}")
    return error


_PROJECT_DIFF = f"""
CREATE TEMP TABLE project_diff AS
WITH
b AS (SELECT province_code, fiscal_year, project_id, title, hash({", ".join(_CONTENT)}) AS content,
             row_number() OVER (PARTITION BY content) AS copy FROM before_projects),
a AS (SELECT province_code, fiscal_year, project_id, title, hash({", ".join(_CONTENT)}) AS content,
             row_number() OVER (PARTITION BY content) AS copy FROM after_projects),
b_keyed AS (SELECT *, CASE WHEN regexp_matches(project_id, '{_GENERATED_ID}') THEN 't:' || title
                      ELSE 'i:' || project_id END AS ident FROM b ANTI JOIN a USING (content, copy)),
a_keyed AS (SELECT *, CASE WHEN regexp_matches(project_id, '{_GENERATED_ID}') THEN 't:' || title
                      ELSE 'i:' || project_id END AS ident FROM a ANTI JOIN b USING (content, copy)),
b_n AS (SELECT *, row_number() OVER (PARTITION BY province_code, fiscal_year, ident ORDER BY project_id) AS n
        FROM b_keyed),
a_n AS (SELECT *, row_number() OVER (PARTITION BY province_code, fiscal_year, ident ORDER BY project_id) AS n
        FROM a_keyed)
SELECT COALESCE(a_n.province_code, b_n.province_code) AS province_code,
       COALESCE(a_n.fiscal_year, b_n.fiscal_year) AS fiscal_year,
       CASE WHEN a_n.ident IS NULL THEN 'removed' WHEN b_n.ident IS NULL THEN 'added'
            ELSE 'changed' END AS kind
FROM b_n FULL OUTER JOIN a_n ON a_n.province_code = b_n.province_code AND a_n.fiscal_year = b_n.fiscal_year
     AND a_n.ident = b_n.ident AND a_n.n = b_n.n
"""

_PER_PROVINCE_YEAR = """
WITH
keys AS (
    SELECT province_code, fiscal_year FROM before_plans
    UNION SELECT province_code, fiscal_year FROM after_plans
    UNION SELECT province_code, fiscal_year FROM before_plans_not_assessed
    UNION SELECT province_code, fiscal_year FROM after_plans_not_assessed
    UNION SELECT province_code, fiscal_year FROM before_projects
    UNION SELECT province_code, fiscal_year FROM after_projects
    UNION SELECT province_code, fiscal_year FROM before_district_projects
    UNION SELECT province_code, fiscal_year FROM after_district_projects),
proj AS (SELECT province_code, fiscal_year, count(*) AS n, COALESCE(sum(budget_thb), 0) AS budget
         FROM before_projects GROUP BY ALL),
proj_a AS (SELECT province_code, fiscal_year, count(*) AS n, COALESCE(sum(budget_thb), 0) AS budget
           FROM after_projects GROUP BY ALL),
dist AS (SELECT province_code, fiscal_year, count(*) AS n FROM before_district_projects GROUP BY ALL),
dist_a AS (SELECT province_code, fiscal_year, count(*) AS n FROM after_district_projects GROUP BY ALL),
diff AS (SELECT province_code, fiscal_year, count(*) FILTER (WHERE kind = 'added') AS added,
                count(*) FILTER (WHERE kind = 'removed') AS removed,
                count(*) FILTER (WHERE kind = 'changed') AS changed
         FROM project_diff GROUP BY ALL)
SELECT province_code, COALESCE(pv.name_th, province_code), COALESCE(pv.name_en, province_code),
       fiscal_year,
       pb.completeness, pa.completeness,
       nb.province_code IS NOT NULL, na.province_code IS NOT NULL,
       COALESCE(proj.n, 0), COALESCE(proj_a.n, 0),
       COALESCE(diff.added, 0), COALESCE(diff.removed, 0), COALESCE(diff.changed, 0),
       COALESCE(proj.budget, 0), COALESCE(proj_a.budget, 0),
       COALESCE(dist.n, 0), COALESCE(dist_a.n, 0)
FROM keys k
LEFT JOIN names pv USING (province_code)
LEFT JOIN before_plans pb USING (province_code, fiscal_year)
LEFT JOIN after_plans pa USING (province_code, fiscal_year)
LEFT JOIN before_plans_not_assessed nb USING (province_code, fiscal_year)
LEFT JOIN after_plans_not_assessed na USING (province_code, fiscal_year)
LEFT JOIN proj USING (province_code, fiscal_year)
LEFT JOIN proj_a USING (province_code, fiscal_year)
LEFT JOIN dist USING (province_code, fiscal_year)
LEFT JOIN dist_a USING (province_code, fiscal_year)
LEFT JOIN diff USING (province_code, fiscal_year)
ORDER BY fiscal_year, province_code
"""


def _names(con: duckdb.DuckDBPyConnection, after_db: Path) -> None:
    """Province names from the new file's provinces table, else from the committed reference."""
    try:
        con.execute("CREATE TEMP TABLE names AS "
                    "SELECT province_code, name_th, name_en FROM after_db.provinces")
    except duckdb.Error:
        from etl.reference import read_reference

        frame = read_reference("provinces")[["province_code", "name_th", "name_en"]]
        con.register("names_frame", frame)
        con.execute("CREATE TEMP TABLE names AS SELECT * FROM names_frame")
        con.unregister("names_frame")


def _change(row: tuple[object, ...]) -> ProvinceChange:
    """One row of _PER_PROVINCE_YEAR as a ProvinceChange, its suspicions filled in."""
    (code, name_th, name_en, year, comp_b, comp_a, na_b, na_a, n_b, n_a, added, removed, changed,
     budget_b, budget_a, d_b, d_a) = row
    change = ProvinceChange(
        province_code=str(code), name_th=str(name_th), name_en=str(name_en),
        components_before=None if comp_b is None or na_b else int(str(comp_b)),
        components_after=None if comp_a is None or na_a else int(str(comp_a)),
        projects_before=int(str(n_b)), projects_after=int(str(n_a)),
        projects_added=int(str(added)), projects_removed=int(str(removed)),
        projects_changed=int(str(changed)),
        budget_before=float(str(budget_b)), budget_after=float(str(budget_a)), suspicious=(),
        fiscal_year=int(str(year)), not_assessed_before=bool(na_b), not_assessed_after=bool(na_a),
        district_projects_before=int(str(d_b)), district_projects_after=int(str(d_a)),
    )
    return ProvinceChange(**{**asdict(change), "suspicious": tuple(_suspicions(change, "en"))})


def _changed(p: ProvinceChange) -> bool:
    return (
        (p.components_before, p.not_assessed_before) != (p.components_after, p.not_assessed_after)
        or bool(p.projects_added or p.projects_removed or p.projects_changed)
        or p.projects_before != p.projects_after or p.budget_before != p.budget_after
        or p.district_projects_before != p.district_projects_after
    )


def _totals(rows: list[ProvinceChange]) -> dict[str, float | int]:
    """National figures over the given province-years (plans counted per province and year)."""
    figures: dict[str, float | int] = {}
    for when in ("before", "after"):
        figures[f"provinces_reporting_{when}"] = sum(
            getattr(p, f"components_{when}") is not None for p in rows)
        figures[f"complete_{when}"] = sum(getattr(p, f"components_{when}") == 4 for p in rows)
        figures[f"projects_{when}"] = sum(getattr(p, f"projects_{when}") for p in rows)
        figures[f"budget_{when}"] = round(sum(getattr(p, f"budget_{when}") for p in rows), 2)
        figures[f"district_projects_{when}"] = sum(getattr(p, f"district_projects_{when}") for p in rows)
    for kind in ("added", "removed", "changed"):
        figures[f"projects_{kind}"] = sum(getattr(p, f"projects_{kind}") for p in rows)
    return figures


def compare(before_db: Path | None, after_db: Path) -> ChangeSummary:
    """What replacing before_db (None or missing = an empty database) with after_db changes."""
    con = duckdb.connect(config={"memory_limit": "1GB"})
    try:
        con.execute("SET enable_progress_bar = false")  # the CLI prints the summary, not DuckDB's bar
        note = _attach(con, before_db, "before")
        error = _attach(con, after_db, "after")
        if error is not None:
            raise ValueError(f"the new database {after_db} cannot be read: {error}")
        _names(con, after_db)
        con.execute(_PROJECT_DIFF)
        rows = [_change(r) for r in con.execute(_PER_PROVINCE_YEAR).fetchall()]
    finally:
        with contextlib.suppress(duckdb.Error):
            con.close()
    by_year = {year: _totals([p for p in rows if p.fiscal_year == year])
               for year in sorted({p.fiscal_year for p in rows})}
    changed = tuple(p for p in rows if _changed(p))
    gone = _vanished_years(by_year)
    suspicious = (*(_say("year_gone", "en", year=y) for y in gone),
                  *(s for p in changed if p.fiscal_year not in gone for s in p.suspicious))
    return ChangeSummary(changed, _totals(rows), tuple(suspicious), by_year, () if note is None else (note,))
