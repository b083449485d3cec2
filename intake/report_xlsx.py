"""The validation report as a workbook: one row per problem, headers in the page language."""
from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from dashboard.i18n import t

COLUMNS = ("file", "sheet", "row", "column", "value", "message", "fix", "severity")
_TRANSLATED = ("message", "fix")  # the ETL's text; the problem carries both languages
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is written as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def report_workbook(submissions: Sequence[Mapping[str, object]], lang: str) -> bytes:
    """Errors first, then warnings, for every submission given."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("in_report_sheet", lang)
    ws.append([t(f"in_col_{c}", lang) for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for s in submissions:
        for kind in ("errors", "warnings"):
            found = s.get(kind)
            for p in found if isinstance(found, list) else []:
                row = [p.get(f"{c}_th" if lang == "th" and c in _TRANSLATED else c) for c in COLUMNS]
                row[-1] = t("in_severity_error" if p.get("severity") == "error" else "in_severity_warning",
                            lang)
                ws.append([_cell(v) for v in row])
    for letter, width in zip("ABCDEFGH", (28, 16, 8, 22, 24, 60, 60, 12), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
