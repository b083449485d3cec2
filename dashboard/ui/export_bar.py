"""The export bar: slides, CSV and XLSX links carrying the page's query (kept in step with the filters
by one callback), and the way into meeting mode."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

from dash import Input, Output, callback, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard.data.state import Filters
from dashboard.i18n import t
from dashboard.ui import ids
from dashboard.ui.links import export_hrefs
from dashboard.ui.meeting import PRESENT_START, present_parts

EXPORT_BAR = "export-bar"
EXPORT_SLIDES = "export-slides"
EXPORT_CSV = "export-csv"
EXPORT_XLSX = "export-xlsx"
EXPORT_GRID_CSV = "export-grid-csv"
EXPORT_GRID_XLSX = "export-grid-xlsx"


def export_bar(filters: Filters, province: str | None = None, query: str | None = None) -> html.Div:
    """Export slides, Download CSV/XLSX and (overview) Meeting mode, as plain links."""
    lang = filters.lang
    hrefs = export_hrefs(filters.to_query() if query is None else query, province)

    def link(key: str, link_id: str, color: str) -> html.A:
        return html.A(t(f"export_{key}", lang), href=hrefs[key], id=link_id,
                      className=f"btn btn-sm btn-{color}")

    links = [link("slides", EXPORT_SLIDES, "primary"), link("csv", EXPORT_CSV, "outline-primary"),
             link("xlsx", EXPORT_XLSX, "outline-primary")]
    if province is None:
        links.append(link("present", PRESENT_START, "outline-dark"))
    return html.Div(links, id=EXPORT_BAR, className="d-flex flex-wrap gap-2 mb-2 export-bar")


def wants_present(present: object) -> bool:
    """Whether the address asks for meeting mode (`?present=1`)."""
    return str(present).strip().lower() in ("1", "true", "yes", "on")


def overview_extras(filters: Filters, query: Mapping[str, Any] | None = None) -> list[Component]:
    """What the overview adds below its filters: the export bar, and meeting mode when asked for
    (`present=1`, starting at `pilot=`, stepping through `agenda=` when given)."""
    query = query or {}
    parts: list[Component] = [export_bar(filters)]
    if wants_present(query.get("present")):
        parts.append(present_parts(filters, filters.to_query(), query.get("pilot"), query.get("agenda")))
    return parts


@callback(
    Output(EXPORT_SLIDES, "href"),
    Output(EXPORT_CSV, "href"),
    Output(EXPORT_XLSX, "href"),
    Output(PRESENT_START, "href"),
    Input(ids.OVERVIEW_QUERY, "data"),
    prevent_initial_call=True,
)
def follow_filters(query: Any) -> tuple[str, str, str, str]:
    """New filters: the export links carry the new query (the PNG names follow via caption_patch)."""
    if not isinstance(query, str):
        raise PreventUpdate
    filters = Filters.from_query(parse_qs(query[:4096]))
    hrefs = export_hrefs(filters.to_query())
    return hrefs["slides"], hrefs["csv"], hrefs["xlsx"], hrefs["present"]


def province_links(filters: Filters, code: str) -> list[Component]:
    """Export slides and the data downloads for a province page (its year and language)."""
    bar = export_bar(filters, province=code, query=Filters(year=filters.year, lang=filters.lang).to_query())
    return list(bar.children)


def data_links(filters: Filters, code: str) -> html.Div:
    """Download CSV / XLSX beside a province's projects table."""
    lang = filters.lang
    hrefs = export_hrefs(Filters(year=filters.year, lang=lang).to_query(), code)
    return html.Div([
        html.A(t("export_csv", lang), href=hrefs["csv"], id=EXPORT_GRID_CSV,
               className="btn btn-sm btn-outline-primary"),
        html.A(t("export_xlsx", lang), href=hrefs["xlsx"], id=EXPORT_GRID_XLSX,
               className="btn btn-sm btn-outline-primary"),
    ], className="d-flex justify-content-end gap-2 mb-2 export-bar")
