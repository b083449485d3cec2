"""Row-level and cross-row checks that name file, row, column and the fix.

Parsers run once per DISTINCT raw value (or value pair) of a column, never per row: the results go
back into DuckDB as a lookup and are joined to the rows, so a million-row file costs as many parser
calls as it has different values. Each canon_<dataset> table becomes clean_<dataset> with a parsed
`<column>__v` (text, cast later by staging SQL) and an error `<column>__e` per column.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd

from etl import values
from etl.errors import ERROR, WARNING
from etl.overlay import Overlay
from etl.schema import DATASETS

Parsed = tuple[object, str | None]  # (value, warning)


@dataclass(frozen=True)
class Rule:
    """How one canonical column is parsed: its parser, the parsed column it depends on, the fix."""

    column: str
    parse: Callable[..., Parsed]
    fix: str
    depends_on: str | None = None


def SQL_RULE(*args: object) -> Parsed:
    """Marker: this column is checked by `_sql_rule` in SQL, not by a Python parser."""
    raise NotImplementedError


def _plain(parser: Callable[..., object]) -> Callable[..., Parsed]:
    """A parser that never warns, in the (value, warning) shape the rules use."""
    def parse(*args: object) -> Parsed:
        return parser(*args), None
    return parse


def _province(value: object) -> Parsed:
    """Province code; a resolved misspelling comes back as a warning."""
    from etl.provinces import resolve_province

    match = resolve_province(value)
    return match.province.code, match.warning


def _district(value: object, province_code: object) -> Parsed:
    """District code within the row's province."""
    from etl.provinces import resolve_district

    if province_code is None:
        return None, None  # the province is already reported; a district cannot be checked without it
    return resolve_district(value, str(province_code)), None


def _text(required: bool) -> Callable[..., Parsed]:
    """Free text, refusing formulas and markup."""
    return _plain(lambda v: values.clean_text(v, required=required))


def _target(value: object, goal: object) -> Parsed:
    """Target code, checked against the row's parsed goal when there is one."""
    return values.parse_target(value, None if goal is None else int(str(goal))), None


_YEAR_FIX = "write the fiscal year as 2566 or 2023"
_PROVINCE_FIX = "write the province's Thai or English name (e.g. เชียงใหม่ or Chiang Mai) or its code"
_YES_NO_FIX = ("write มี or ไม่มี (or 1/0, yes/no, ✓/✗); blank means no; ไม่ได้ประเมิน or N/A in every answer "
               "marks a province that was not assessed")
_TEXT_FIX = "write plain text: no formula (leading =, @) and no <tags>"

RULES: dict[str, tuple[Rule, ...]] = {
    "plans": (
        Rule("province", _province, _PROVINCE_FIX),
        Rule("fiscal_year", _plain(values.parse_fiscal_year), _YEAR_FIX),
        Rule("has_committee_order", _plain(values.parse_plan_answer), _YES_NO_FIX),
        Rule("has_framework", _plain(values.parse_plan_answer), _YES_NO_FIX),
        Rule("has_action_plan", _plain(values.parse_plan_answer), _YES_NO_FIX),
        Rule("has_project_details", _plain(values.parse_plan_answer), _YES_NO_FIX),
    ),
    "projects": (
        Rule("project_id", SQL_RULE, "use letters, digits and dashes, or leave it blank to generate one"),
        Rule("province", _province, _PROVINCE_FIX),
        Rule("fiscal_year", _plain(values.parse_fiscal_year), _YEAR_FIX),
        Rule("title", _text(True), _TEXT_FIX),
        Rule("goal", _plain(values.parse_goal), "write the goal number 1-17 (e.g. 2 or SDG 2)"),
        Rule("target", _target, "write a target of the row's goal such as 2.3 or 11.a, or leave it blank",
             depends_on="goal"),
        Rule("agency", _text(False), _TEXT_FIX),
        Rule("budget_thb", _plain(values.parse_amount),
             "write the amount in baht, e.g. 1250000, or leave it blank"),
        Rule("status", _plain(values.parse_status),
             "pick a status from the template's list, or leave it blank"),
    ),
    "district_projects": (
        Rule("province", _province, _PROVINCE_FIX),
        Rule("district", _district, "write a district (อำเภอ) of the row's province, by name or 4-digit code",
             depends_on="province"),
        Rule("fiscal_year", _plain(values.parse_fiscal_year), _YEAR_FIX),
        Rule("category", _plain(values.parse_category), "pick a category from the template's list"),
        Rule("title", _text(True), _TEXT_FIX),
    ),
}


def as_text(value: object) -> str | None:
    """Parsed value as the text staging SQL casts back: ints, floats, booleans and codes."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def validate(con: duckdb.DuckDBPyConnection, overlay: Overlay | None = None) -> None:
    """Build clean_<dataset> from canon_<dataset> (less the rows an overlay leaves out) and record every
    problem in `problems`."""
    if overlay is not None:
        overlay.prepare(con)
    for dataset in DATASETS:
        table = f"clean_{dataset.name}"
        _join_parsed(con, f"canon_{dataset.name}", table, RULES[dataset.name])
        if overlay is not None:
            overlay.apply(con, dataset.name)
        for rule in RULES[dataset.name]:
            _record_problems(con, table, rule)
    con.execute("CREATE OR REPLACE TABLE skipped (_table INTEGER, _row INTEGER)")
    _plan_states(con)
    _resubmitted_rows(con)
    _duplicate_project_ids(con)
    _conflicting_plans(con)
    _mark_rejected(con)


def _join_parsed(con: duckdb.DuckDBPyConnection, source: str, target: str, rules: tuple[Rule, ...]) -> None:
    """target = source plus <col>__v/__e/__w for each rule, in one pass over the rows.

    A rule that depends on another column's parsed value (target on goal, district on province) is
    keyed by (raw value, parsed dependency); the dependency's lookup is joined in the same pass.
    """
    selects: list[str] = ["t.*"]
    joins: list[str] = []
    parsed: dict[str, str] = {}  # column -> SQL expression of its parsed value
    for i, rule in enumerate(rules):
        col = rule.column
        if rule.parse is SQL_RULE:
            exprs = _sql_rule(col)
            selects += [f"{sql} AS {col}__{part}" for part, sql in exprs.items()]
            parsed[col] = exprs["v"]
            continue
        dep = parsed[rule.depends_on] if rule.depends_on else None
        keys = f"t.{col}, {dep}" if dep else f"t.{col}"
        distinct = con.execute(f"SELECT DISTINCT {keys} FROM {source} t {' '.join(joins)}").fetchall()
        mapped = [(*key, *_parse_one(rule, key)) for key in distinct]
        frame = pd.DataFrame(mapped, columns=["k0", "k1", "v", "e", "w"] if dep else ["k0", "v", "e", "w"],
                             dtype=object)
        con.register("value_map", frame)
        con.execute(f"CREATE OR REPLACE TEMP TABLE map_{i} AS SELECT * FROM value_map")
        con.unregister("value_map")
        for part, index in (("v", -3), ("e", -2), ("w", -1)):
            present = any(row[index] is not None for row in mapped)
            selects.append(f"CAST(m{i}.{part} AS VARCHAR) AS {col}__{part}" if present
                           else f"NULL::VARCHAR AS {col}__{part}")
        parsed[col] = f"CAST(m{i}.v AS VARCHAR)"
        on = f"t.{col} = m{i}.k0" + (f" AND {dep} IS NOT DISTINCT FROM m{i}.k1" if dep else "")
        joins.append(f"LEFT JOIN map_{i} m{i} ON {on}")
    con.execute(
        f"CREATE OR REPLACE TABLE {target} AS SELECT {', '.join(selects)} FROM {source} t {' '.join(joins)}"
    )


def _sql_rule(col: str) -> dict[str, str]:
    """Checks simple enough for SQL on every row (ids are nearly all distinct, so no lookup helps)."""
    value = f"trim(t.{col})"
    return {
        "v": f"NULLIF({value}, '')",
        "e": (
            f"CASE WHEN {value} = '' THEN NULL "
            f"WHEN regexp_matches({value}, '^[=@+＝＠＋－-]') THEN 'id ' || {value} || ' starts with ' "
            f"|| left({value}, 1) || ', so a spreadsheet would run it as a formula' "
            f"WHEN NOT regexp_matches({value}, '^[0-9A-Za-z\u0E00-\u0E7F._/# -]{{1,64}}$') THEN 'id ' "
            f"|| left({value}, 40) || ' may hold only letters, digits, spaces and . _ / # - (at most 64)' END"
        ),
        "w": "NULL::VARCHAR",
    }


def _record_problems(con: duckdb.DuckDBPyConnection, table: str, rule: Rule) -> None:
    """Errors on every row that has one; a warning once per distinct value, at its first row."""
    col = rule.column
    con.execute(
        f"INSERT INTO problems SELECT t._table, t._file, t._row, h.header, t.{col}, t.{col}__e, ?, ? "
        f"FROM {table} t LEFT JOIN col_headers h ON h._table = t._table AND h.col = ? "
        f"WHERE t.{col}__e IS NOT NULL",
        [rule.fix, ERROR, col],
    )
    first = "ORDER BY _file, _row"
    con.execute(
        f"INSERT INTO problems SELECT w._table, w._file, w._row, h.header, w.raw, w.msg, ?, ? FROM ("
        f" SELECT first(_table {first}) AS _table, first(_file {first}) AS _file,"
        f" first(_row {first}) AS _row,"
        f" {col} AS raw, {col}__w || CASE WHEN count(*) > 1 THEN ' (' || count(*) || ' rows)' ELSE '' END"
        f" AS msg FROM {table} WHERE {col}__w IS NOT NULL GROUP BY {col}, {col}__w"
        f") w LEFT JOIN col_headers h ON h._table = w._table AND h.col = ?",
        ["check the value, and write it as suggested to silence this warning", WARNING, col],
    )


def _parse_one(rule: Rule, key: tuple[object, ...]) -> tuple[str | None, str | None, str | None]:
    """(parsed text, error, warning) for one distinct raw value."""
    try:
        value, warning = rule.parse(*key)
    except values.ValueProblem as exc:
        return None, str(exc), None
    return as_text(value), None, warning


_PROJECT_KEY = ("province", "fiscal_year", "title", "goal", "target", "agency", "budget_thb")
_DISTRICT_KEY = ("district", "province", "fiscal_year", "category", "title")


def _resubmitted_rows(con: duckdb.DuckDBPyConnection) -> None:
    """The same project sent twice (same file again, or a row repeated) is loaded once, with a warning.

    Projects are compared by content (province, year, title, goal, target, agency, budget), not by
    generated ids; a row without an id takes the id of an identical row that has one. The same
    project title of a province and year in two files with different details is an error naming both.
    The copy loaded is the first by file and row, preferring one with a written id.
    """
    key = ", ".join(f"{c}__v" for c in _PROJECT_KEY)
    parsed = " AND ".join(f"{c}__e IS NULL" for c in (*_PROJECT_KEY, "status", "project_id"))
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE project_copies AS
        SELECT *, row_number() OVER w AS copy, first(_file) OVER w AS first_file,
               first(_row) OVER w AS first_row,
               count(DISTINCT COALESCE(status__v, '')) OVER (PARTITION BY {key}, pid) AS statuses
        FROM (SELECT _table, _file, _row, title, {key}, status__v, project_id__v IS NULL AS without_id,
                     COALESCE(project_id__v, first(project_id__v IGNORE NULLS) OVER (
                         PARTITION BY {key} ORDER BY _file, _row
                         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), '') AS pid
              FROM clean_projects WHERE {parsed} AND province__v IS NOT NULL AND title__v IS NOT NULL)
        WINDOW w AS (PARTITION BY {key}, pid ORDER BY without_id, _file, _row)
    """)
    con.execute("""
        INSERT INTO problems
        SELECT _table, _file, _row, (SELECT header FROM col_headers h WHERE h._table = c._table
                                     AND h.col = 'title'), title,
               CASE WHEN statuses > 1
                    THEN 'the same project is also in ' || first_file || ' row ' || first_row
                         || ' with another status'
                    ELSE 'the same project (province, year, title, goal, target, agency, budget) '
                         || 'is already in ' || first_file || ' row ' || first_row
                         || '; it is loaded once' END,
               CASE WHEN statuses > 1 THEN 'keep one row with the current status and delete the other'
                    ELSE 'nothing to fix if this is a resubmission; delete one copy to silence this' END,
               CASE WHEN statuses > 1 THEN ? ELSE ? END
        FROM project_copies c WHERE copy > 1
    """, [ERROR, WARNING])
    con.execute("INSERT INTO skipped SELECT _table, _row FROM project_copies WHERE copy > 1 AND statuses = 1")
    _conflicting_projects(con)
    dkey = ", ".join(f"{c}__v" for c in _DISTRICT_KEY)
    dparsed = " AND ".join(f"{c}__v IS NOT NULL" for c in _DISTRICT_KEY)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE district_copies AS
        SELECT _table, _file, _row, title, row_number() OVER w AS copy,
               first(_file) OVER w AS first_file, first(_row) OVER w AS first_row
        FROM clean_district_projects WHERE {dparsed}
        WINDOW w AS (PARTITION BY {dkey} ORDER BY _file, _row)
    """)
    con.execute("""
        INSERT INTO problems
        SELECT _table, _file, _row, (SELECT header FROM col_headers h WHERE h._table = c._table
                                     AND h.col = 'title'), title,
               'the same district project is already in ' || first_file || ' row ' || first_row
               || '; it is loaded once',
               'nothing to fix if this is a resubmission; delete one copy to silence this', ?
        FROM district_copies c WHERE copy > 1
    """, [WARNING])
    con.execute("INSERT INTO skipped SELECT _table, _row FROM district_copies WHERE copy > 1")


def _conflicting_projects(con: duckdb.DuckDBPyConnection) -> None:
    """One project title of a province and year in two files with different details: which is right?"""
    details = ("goal", "target", "agency", "budget_thb", "status")
    differs = ", ".join(
        f"CASE WHEN {c}__v IS DISTINCT FROM first({c}__v) OVER w THEN '{c.removesuffix('_thb')}' END"
        for c in details)
    con.execute(f"""
        INSERT INTO problems
        SELECT _table, _file, _row, (SELECT header FROM col_headers h WHERE h._table = d._table
                                     AND h.col = 'title'), title,
               'the project "' || title__v || '" of the same province and year is also in ' || first_file
               || ' row ' || first_row || ' with a different ' || differs,
               'if it is the same project keep only the correct row; if they are two projects give them '
               || 'different titles or project IDs', ?
        FROM (
            SELECT c.*, first(_file) OVER w AS first_file, first(_row) OVER w AS first_row,
                   concat_ws(', ', {differs}) AS differs
            FROM clean_projects c
            WHERE province__v IS NOT NULL AND fiscal_year__v IS NOT NULL AND title__v IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM skipped s WHERE s._table = c._table AND s._row = c._row)
              AND NOT EXISTS (SELECT 1 FROM project_copies p WHERE p._table = c._table AND p._row = c._row
                              AND p.copy > 1)
            WINDOW w AS (PARTITION BY province__v, fiscal_year__v, title__v, COALESCE(project_id__v, '')
                         ORDER BY _file, _row ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        ) d WHERE split_part(_file, ' [', 1) <> split_part(first_file, ' [', 1) AND differs <> ''
    """, [ERROR])


def _duplicate_project_ids(con: duckdb.DuckDBPyConnection) -> None:
    """A project id may appear once across all files; later copies are errors naming the first."""
    con.execute(
        """
        INSERT INTO problems
        SELECT _table, _file, _row, (SELECT header FROM col_headers h WHERE h._table = d._table
                                     AND h.col = 'project_id'),
               project_id, 'project id "' || project_id__v || '" is already used in ' || first_file
               || ' row ' || first_row,
               'give each project its own id, or leave the id blank to generate one', ?
        FROM (
            SELECT *, first(_file) OVER w AS first_file, first(_row) OVER w AS first_row,
                   row_number() OVER w AS n
            FROM clean_projects c WHERE project_id__v IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM skipped s WHERE s._table = c._table AND s._row = c._row)
            WINDOW w AS (PARTITION BY project_id__v ORDER BY _file, _row
                         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        ) d WHERE n > 1
        """,
        [ERROR],
    )


ANSWERS = ("has_committee_order", "has_framework", "has_action_plan", "has_project_details")


def _plan_states(con: duckdb.DuckDBPyConnection) -> None:
    """Each plan row is a plan (blank and dash answers mean no), not assessed, or not a plan at all.

    A row without a single answer is nothing submitted (skipped with a warning, never 0 of 4); a row
    whose answers are only dashes or not-assessed marks (ไม่ได้ประเมิน, N/A; one mark merged across
    the row counts) is not assessed; a not-assessed mark beside real answers is an error.
    """
    count = " + ".join
    answered = count(f"CAST(COALESCE({a}__v IN ('yes', 'no'), false) AS INTEGER)" for a in ANSWERS)
    marked = count(f"CAST(COALESCE({a}__v = 'not_assessed', false) AS INTEGER)" for a in ANSWERS)
    dashed = count(f"CAST(COALESCE({a}__v = 'dash', false) AS INTEGER)" for a in ANSWERS)
    failed = " OR ".join(f"{a}__e IS NOT NULL" for a in ANSWERS)
    as_bool = ", ".join(f"CASE WHEN plan_state = 'plan' THEN CAST(COALESCE({a}__v = 'yes', false) "
                        f"AS VARCHAR) END AS {a}__v" for a in ANSWERS)
    con.execute(f"""
        CREATE OR REPLACE TABLE clean_plans AS
        SELECT * REPLACE ({as_bool}) FROM (
            SELECT *, CASE WHEN {failed} THEN 'plan'
                           WHEN {marked} > 0 AND {answered} > 0 THEN 'mixed'
                           WHEN {marked} + {dashed} > 0 AND {answered} = 0 THEN 'not_assessed'
                           WHEN {answered} + {dashed} = 0 THEN 'blank'
                           ELSE 'plan' END AS plan_state
            FROM clean_plans)
    """)
    header = "(SELECT header FROM col_headers h WHERE h._table = p._table AND h.col = 'has_committee_order')"
    con.execute(f"""
        INSERT INTO problems
        SELECT _table, _file, _row, {header}, NULL,
               'the plan of ' || trim(province) || ' for fiscal year ' || trim(fiscal_year)
               || ' marks some components not assessed and answers others',
               'answer all four components (มี/ไม่มี), or write ไม่ได้ประเมิน in all four if the province '
               || 'was not assessed', ?
        FROM clean_plans p WHERE plan_state = 'mixed'
    """, [ERROR])
    con.execute(f"""
        INSERT INTO problems
        SELECT _table, _file, _row, {header}, NULL,
               CASE WHEN plan_state = 'blank' THEN 'nothing submitted for the plan of ' || trim(province)
                    || ' for fiscal year ' || trim(fiscal_year) || ': all four answers are blank, so this '
                    || 'row is not a plan (not 0 of 4) and is not loaded'
               ELSE 'the plan of ' || trim(province) || ' for fiscal year ' || trim(fiscal_year)
                    || ' is marked not assessed; it is loaded as not assessed and not counted as reporting'
               END,
               CASE WHEN plan_state = 'blank' THEN 'fill in the four answers (มี/ไม่มี), or delete the row'
               ELSE 'nothing to fix if the province was not assessed' END, ?
        FROM clean_plans p WHERE plan_state IN ('blank', 'not_assessed')
    """, [WARNING])
    con.execute("INSERT INTO skipped SELECT _table, _row FROM clean_plans WHERE plan_state = 'blank'")


def _conflicting_plans(con: duckdb.DuckDBPyConnection) -> None:
    """One plan row per province and year: different answers are errors, identical copies a warning."""
    answers = ", ".join([*(f"COALESCE({a}__v, '')" for a in ANSWERS), "plan_state"])
    con.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW plan_groups AS
        SELECT *, count(*) OVER g AS copies, count(DISTINCT ({answers})) OVER g AS versions,
               row_number() OVER (PARTITION BY province__v, fiscal_year__v ORDER BY _file, _row) AS n,
               string_agg(_file || ' row ' || _row, ', ') OVER g AS places
        FROM clean_plans
        WHERE province__v IS NOT NULL AND fiscal_year__v IS NOT NULL AND plan_state <> 'blank'
        WINDOW g AS (PARTITION BY province__v, fiscal_year__v ORDER BY _file, _row
                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        """
    )
    header = "(SELECT header FROM col_headers h WHERE h._table = p._table AND h.col = 'province')"
    outcomes = (  # which rows, what is wrong with them (SQL), the fix, the severity
        ("versions > 1", "' is given ' || copies || ' times with different answers (' || places || ')'",
         "keep one row per province and year with the correct answers, delete the others", ERROR),
        ("versions = 1 AND n > 1",
         "' is repeated with the same answers (' || places || '); it is loaded once'",
         "delete the repeated row", WARNING),
    )
    for rows, outcome, fix, severity in outcomes:
        con.execute(
            f"""
            INSERT INTO problems
            SELECT _table, _file, _row, {header}, province,
                   'the plan of ' || trim(province) || ' (' || province__v || ') for fiscal year '
                   || fiscal_year__v || {outcome},
                   ?, ?
            FROM plan_groups p WHERE {rows}
            """,
            [fix, severity],
        )


def _mark_rejected(con: duckdb.DuckDBPyConnection) -> None:
    """rejected(_table, _row): rows with any error; valid_<dataset>: the rows that may be loaded."""
    rows = " UNION ALL ".join(f"SELECT _table, _row FROM canon_{d.name}" for d in DATASETS)
    con.execute(
        f"CREATE OR REPLACE TABLE rejected AS SELECT DISTINCT p._table, p.\"row\" AS _row FROM problems p "
        f"SEMI JOIN ({rows}) r ON r._table = p._table AND r._row = p.\"row\" WHERE p.severity = ?",
        [ERROR],
    )
    for dataset in DATASETS:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW valid_{dataset.name} AS SELECT c.* FROM clean_{dataset.name} c "
            f"ANTI JOIN rejected r ON c._table = r._table AND c._row = r._row "
            f"ANTI JOIN skipped s ON c._table = s._table AND c._row = s._row"
        )
