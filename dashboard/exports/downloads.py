"""Data downloads: the filtered projects and the plan status per province, as CSV and XLSX.

Text from the provinces' files ends up in a spreadsheet, so every text cell that a spreadsheet
would read as a formula (it begins with = + - @, a tab or a carriage return) gets a leading
apostrophe. The CSV is UTF-8 with a BOM so that Excel shows Thai; headers follow the page's
language and every province, region and goal carries both its Thai and English name.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from dashboard.data import db, queries
from dashboard.exports.captions import CaptionContext, export_name, filters_line, source_line
from dashboard.i18n import COMPONENTS, pick, t
from etl.schema import PROJECT_STATUSES

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"

# output column -> its header's key in the string table (`col_<column>` unless named here)
PROJECT_COLUMNS: tuple[str, ...] = (
    "project_id", "fiscal_year", "province_code", "province_th", "province_en", "region_th", "region_en",
    "goal", "goal_th", "goal_en", "target", "title", "agency", "budget_thb", "status",
    *COMPONENTS, "completeness",
)
PLAN_COLUMNS: tuple[str, ...] = (
    "province_code", "name_th", "name_en", "region_th", "region_en", "is_pilot", *COMPONENTS, "completeness",
    "projects",
)
_PROJECT_HEADERS = {column: f"col_plan_{column}" for column in (*COMPONENTS, "completeness")}
_PLAN_HEADERS = {**{column: f"component_{column}" for column in COMPONENTS},
                 "completeness": "col_completeness_of_4", "name_th": "col_province_th",
                 "name_en": "col_province_en"}


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe; others pass."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def plain(value: Any) -> Any:
    """Whole-baht budgets as integers (925000, not 925000.0); everything else unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True)
class ExportTables:
    """The two tables a download holds, with the caption facts that name and describe them."""

    projects: pd.DataFrame
    plans: pd.DataFrame
    ctx: CaptionContext

    def project_rows(self) -> list[list[Any]]:
        """The projects sheet: header in the page's language, then one row per project."""
        return _rows(self.projects, PROJECT_COLUMNS, _PROJECT_HEADERS, self.ctx.lang)


def download_name(ctx: CaptionContext, ext: str) -> str:
    """`sdg-projects-2566-goal-2.csv`, `sdg-province-50-projects-2566.xlsx`."""
    return f"{export_name('projects', ctx.filters, ctx.province_code)}.{ext}"


def _plan_status(snap: db.Snapshot, ctx: CaptionContext) -> pd.DataFrame:
    """The plan status of the provinces a download covers: its one province, or those selected."""
    status = queries.province_status(snap, ctx.filters)
    if ctx.province_code:
        return status[status["province_code"] == ctx.province_code]
    return status[status["selected"].astype(bool)]


def _status_labels(lang: str) -> dict[str, str]:
    return {code: pick(th, en, lang) for code, (th, en) in PROJECT_STATUSES.items()}


def export_tables(snap: db.Snapshot, ctx: CaptionContext) -> ExportTables:
    """The filtered projects (with their province's plan completeness) and the plan status."""
    filters = ctx.filters
    status = _plan_status(snap, ctx)
    projects = queries.projects_export(snap, filters)
    if ctx.province_code:
        projects = projects[projects["province_code"] == ctx.province_code]
    statuses = _status_labels(filters.lang)
    projects = projects.assign(status=projects["status"].map(lambda s: statuses.get(s, s)))
    plan = status[["province_code", *COMPONENTS, "completeness"]]
    projects = projects.merge(plan, on="province_code", how="left")
    region_names = queries.regions(snap, filters)[["region_code", "name_th", "name_en"]].rename(
        columns={"name_th": "region_th", "name_en": "region_en"})
    plans = status.merge(region_names, on="region_code", how="left")
    return ExportTables(projects=projects, plans=plans, ctx=ctx)


def _header(columns: tuple[str, ...], headers: dict[str, str], lang: str) -> list[str]:
    return [t(headers.get(column, f"col_{column}"), lang, total=len(COMPONENTS)) for column in columns]


def _rows(frame: pd.DataFrame, columns: tuple[str, ...], headers: dict[str, str], lang: str
          ) -> list[list[Any]]:
    """Header row in the page's language, then the values."""
    return [_header(columns, headers, lang), *_cells(frame, columns)]


def _cells(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[list[Any]]:
    """The values as written to a file: neutralised, and NULLs empty."""
    table = frame[list(columns)]
    missing = table.isna().to_numpy().tolist()
    return [[None if gone else neutralise(plain(v)) for v, gone in zip(row, gaps, strict=True)]
            for row, gaps in zip(table.to_numpy(dtype=object).tolist(), missing, strict=True)]


def csv_line(values: list[Any]) -> str:
    """One CSV row as the download writes it, without its line end."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(values)
    return buffer.getvalue()


def to_csv(snap: db.Snapshot, ctx: CaptionContext) -> bytes:
    """The filtered projects as CSV in UTF-8 with a BOM (Excel then reads Thai correctly).

    The header and each province's plan cells are written here; the project rows by DuckDB
    (`queries.projects_csv`), in the same dialect as Python's csv module.
    """
    plan_columns = (*COMPONENTS, "completeness")
    rows = _cells(_plan_status(snap, ctx), ("province_code", *plan_columns))
    plan_cells = {str(row[0]): "," + csv_line(row[1:]) for row in rows}
    no_plan = "," + csv_line([None] * len(plan_columns))
    header = _header(PROJECT_COLUMNS, _PROJECT_HEADERS, ctx.lang)
    body = queries.projects_csv(snap, ctx.filters, ctx.province_code or None, _status_labels(ctx.lang),
                                plan_cells, no_plan, FORMULA_START)
    return (BOM + csv_line(header) + "\r\n").encode("utf-8") + body


def to_xlsx(tables: ExportTables) -> bytes:
    """A workbook: projects, plan status per province, and a sheet that says what it holds."""
    lang = tables.ctx.lang
    book = Workbook(write_only=True)
    sheets = (
        (t("sheet_projects", lang), tables.project_rows(), True),
        (t("sheet_plans", lang), _rows(tables.plans, PLAN_COLUMNS, _PLAN_HEADERS, lang), True),
        (t("sheet_about", lang),
         [[neutralise(filters_line(tables.ctx))], [neutralise(source_line(tables.ctx))]], False),
    )
    for title, rows, is_table in sheets:
        sheet = book.create_sheet(title)
        if is_table:
            table_view(sheet, rows)
        for row in rows:
            sheet.append([_text_cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_view(sheet: Any, rows: list[list[Any]]) -> None:
    """Header row frozen, filter buttons on it, columns wide enough for their header."""
    header = rows[0]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows)}"
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(len(str(name)) + 4, 10), 40)


def _text_cell(sheet: Any, value: Any) -> Any:
    """Strings as explicit text cells, so openpyxl never stores one as a formula."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell
