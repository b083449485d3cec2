"""Meeting mode (`?present=1` on the overview): the pilot provinces one by one, in large type.

It is CSS keyed on `#present-root` (assets/present.css) plus a small script (assets/present.js) that
turns arrow keys into clicks on the step buttons and Esc into leaving; the callback steps through the
pilots in pilot order and shows the pilot's figures, and the script outlines and zooms the map on it
(client-side: the map's figure stays the overview's own output).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from dash import Input, Output, State, callback, ctx, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard import figures
from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.exports.captions import HIGHLIGHT_COLOR
from dashboard.i18n import COMPONENTS, bilingual_name, component_name, number, t
from dashboard.ui import ids
from dashboard.ui.links import with_params
from geo import load_boundaries

PRESENT_START = "present-start"
PRESENT_ROOT = "present-root"
PRESENT_NEXT = "present-next"
PRESENT_PREV = "present-prev"
PRESENT_EXIT = "present-exit"
PRESENT_INDEX = "present-index"
PRESENT_PILOT = "present-pilot"
ZOOM_PAD = 1.0  # degrees around a pilot province when meeting mode zooms on it
ZOOM_MIN_SPAN = 3.0  # degrees of latitude at least, so a small province keeps its neighbours
ZOOM_ASPECT = 1.6  # longitude span per latitude span: the map box is wider than tall




def present_parts(filters: Filters, query: str) -> html.Div:
    """Meeting mode's own elements: help, exit link, the pilot panel and the hidden step buttons."""
    lang = filters.lang
    exit_query = with_params(query, present="", pilot="")
    return html.Div(
        [
            html.Div([
                html.Span(t("present_help", lang), className="present-help"),
                html.A(t("present_exit", lang), id=PRESENT_EXIT,
                       href="/" + (f"?{exit_query}" if exit_query else ""),
                       className="btn btn-sm btn-outline-secondary ms-3"),
            ], className="d-flex align-items-center justify-content-end"),
            html.Div(t("present_start_hint", lang), id=PRESENT_PILOT, className="present-pilot"),
            html.Button(id=PRESENT_PREV, n_clicks=0, hidden=True),
            html.Button(id=PRESENT_NEXT, n_clicks=0, hidden=True),
            dcc.Store(id=PRESENT_INDEX, data=-1),
        ],
        id=PRESENT_ROOT,
    )


def step(index: Any, direction: int, count: int) -> int:
    """The next pilot index (wrapping round); from the start, → gives the first, ← the last."""
    current = index if isinstance(index, int) and 0 <= index < count else -1
    if current == -1:
        return 0 if direction > 0 else count - 1
    return (current + direction) % count


def pilot_panel(profile: dict[str, Any], position: int, count: int, lang: str) -> list[Component]:
    """The pilot's headline figures in large type: name, plan components, projects and goals."""
    code = str(profile["province_code"])
    if profile.get("completeness") is None or profile["completeness"] != profile["completeness"]:
        plan = t("present_plan_na", lang)
        missing = ""
    else:
        plan = t("present_plan", lang, n=int(profile["completeness"]), total=len(COMPONENTS))
        absent = [component_name(c, lang) for c in COMPONENTS if not bool(profile[c])]
        missing = t("present_missing", lang, items=", ".join(absent)) if absent else ""
    return [
        html.Div(t("present_pilot_of", lang, i=position + 1, n=count), className="present-pilot-rank"),
        html.Div(bilingual_name(profile, lang), className="present-pilot-name", **_zoom_attrs(code)),
        html.Div([
            html.Span(plan, className="present-figure"),
            html.Span(t("present_projects", lang, n=number(profile["projects"]),
                        g=number(profile["goals_covered"])), className="present-figure"),
        ], className="present-figures"),
        html.Div(missing, className="present-missing"),
    ]


def _zoom_attrs(code: str) -> dict[str, Any]:
    """data-* attributes that tell present.js which province to outline and where to zoom."""
    lon, lat = zoom_ranges(code)
    return {"data-province": code, "data-lon": ",".join(f"{v:.3f}" for v in lon),
            "data-lat": ",".join(f"{v:.3f}" for v in lat), "data-color": HIGHLIGHT_COLOR}


def zoom_ranges(code: str) -> tuple[list[float], list[float]]:
    """Ranges around one province, wider than tall like the map's box, so the zoom fills it."""
    features = [f for f in load_boundaries("provinces")["features"] if str(f["id"]) == code]
    lon, lat = figures.geo_ranges({"features": features}, pad=ZOOM_PAD)
    height = max(lat[1] - lat[0], ZOOM_MIN_SPAN)
    width = max(lon[1] - lon[0], height * ZOOM_ASPECT)
    mid_lon, mid_lat = (lon[0] + lon[1]) / 2, (lat[0] + lat[1]) / 2
    return ([mid_lon - width / 2, mid_lon + width / 2], [mid_lat - height / 2, mid_lat + height / 2])


@callback(
    Output(PRESENT_INDEX, "data"),
    Output(PRESENT_PILOT, "children"),
    Input(PRESENT_NEXT, "n_clicks"),
    Input(PRESENT_PREV, "n_clicks"),
    State(PRESENT_INDEX, "data"),
    State(ids.OVERVIEW_QUERY, "data"),
    prevent_initial_call=True,
)
def present_step(_next: Any, _prev: Any, index: Any, query: Any) -> tuple[int, list[Component]]:
    """Arrow key pressed: show the next (or previous) pilot's figures; present.js outlines and zooms."""
    direction = -1 if ctx.triggered_id == PRESENT_PREV else 1
    filters = Filters.from_query(parse_qs(query[:4096] if isinstance(query, str) else ""))
    try:
        snap = db.snapshot()
        filters = queries.resolve_year(snap, filters)
        pilots = queries.pilot_order(snap, filters)
        if pilots.empty:
            raise PreventUpdate
        new = step(index, direction, len(pilots))
        code = str(pilots.iloc[new]["province_code"])
        profile = queries.province_profile(snap, filters, code).iloc[0].to_dict()
    except db.DatabaseUnavailable as exc:
        raise PreventUpdate from exc
    return new, pilot_panel(profile, new, len(pilots), filters.lang)
