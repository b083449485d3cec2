"""The selected province's panel under the overview map: what the map's tooltip tells a mouse user
(components present and missing, projects, pilot), for touch screens, keyboards and screen readers,
with a button that opens the province.

A tap selects a province and shows this panel (a second tap on it, or the button, opens it); a mouse
click opens the province at once (assets/overview.js decides, since only the browser knows which
pointer was used).
"""
from __future__ import annotations

import html as html_text
import re
from typing import Any
from urllib.parse import parse_qs

from dash import Input, Output, callback, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard import figures
from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.i18n import pick, t
from dashboard.ui import ids
from dashboard.ui.links import aria_attrs, province_href
from geo import is_province_code

_TAG = re.compile(r"<[^>]+>")


def tooltip_lines(hovertext: str) -> list[str]:
    """The map tooltip's lines as plain text (it is written for plotly: <br> and <b>)."""
    return [html_text.unescape(_TAG.sub("", line)) for line in hovertext.split("<br>")]


def panel_placeholder(lang: str) -> html.Div:
    """The empty panel: it fills when a province is tapped or chosen, and announces its content."""
    return html.Div(html.P(t("panel_hint", lang), className="mb-0 small text-body-secondary"),
                    id=ids.PROVINCE_PANEL, role="region", className="province-panel px-3 pb-2",
                    **aria_attrs(live="polite", label=t("panel_label", lang)))


def panel_children(code: str, hovertext: str, name: str, filters: Filters) -> list[Component]:
    """Name, the tooltip's facts and the button that opens the province."""
    lines = tooltip_lines(hovertext)
    return [
        html.H2(lines[0], className="h6 mb-1"),
        html.Ul([html.Li(line) for line in lines[1:]], className="mb-2 small ps-3"),
        dcc.Link(t("panel_open", filters.lang, name=name), href=province_href(code, filters),
                 id=ids.PROVINCE_PANEL_OPEN, className="btn btn-primary btn-sm"),
    ]


@callback(Output(ids.PROVINCE_PANEL, "children"), Input(ids.MAP_SELECTED, "data"),
          Input(ids.OVERVIEW_QUERY, "data"), prevent_initial_call=True)
def show_panel(code: Any, query: Any) -> list[Component]:
    """A province selected (or new filters while one is): its panel with the map's current values."""
    if not isinstance(code, str) or not is_province_code(code):
        raise PreventUpdate
    filters = Filters.from_query(parse_qs(query[:4096] if isinstance(query, str) else ""))
    try:
        snap = db.snapshot()
        filters = queries.resolve_year(snap, filters)
        status = queries.province_status(snap, filters)
        settings = figures.MapSettings(lang=filters.lang, metric=filters.metric, goals=filters.goals,
                                       year=filters.year, prev_year=queries.previous_year(snap, filters))
    except db.DatabaseUnavailable as exc:
        raise PreventUpdate from exc
    codes = status["province_code"].astype(str).tolist()
    if code not in codes:
        raise PreventUpdate
    index = codes.index(code)
    hovertext = figures.map_update(status, settings)["trace"]["hovertext"][index]
    row = status.iloc[index]
    return panel_children(code, hovertext, pick(str(row["name_th"]), str(row["name_en"]), filters.lang),
                          filters)
