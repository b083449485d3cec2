"""Meeting mode (`?present=1` on the overview): the pilot provinces one by one, in large type.

It is CSS keyed on the page frame's `present-mode` class (assets/present.css) plus a small script
(assets/present.js) that turns arrow keys, clickers and swipes into clicks on the (visible) step buttons
and Esc into leaving; the callback steps through the pilots in pilot order, or through the provinces of
`&agenda=50,57,30`, and shows the province's figures; the script outlines and zooms the map on it
(client-side: the map's figure stays the overview's own output) and keeps the province in the address
(`&pilot=50`), so Back and reload return to it.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard import figures
from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.exports.captions import HIGHLIGHT_COLOR
from dashboard.i18n import COMPONENTS, bilingual_name, component_name, number, t
from dashboard.ui import ids
from dashboard.ui.links import aria_attrs, with_params
from geo import is_province_code, load_boundaries

PRESENT_START = "present-start"
PRESENT_ROOT = "present-root"
PRESENT_NEXT = "present-next"
PRESENT_PREV = "present-prev"
PRESENT_EXIT = "present-exit"
PRESENT_INDEX = "present-index"
PRESENT_PILOT = "present-pilot"
PRESENT_AGENDA = "present-agenda"  # the province codes stepped through (the agenda, or the pilots)
PRESENT_CODE = "present-code"  # the province shown, for the address bar
PRESENT_SYNC = "present-sync"
ZOOM_PAD = 1.0  # degrees around a pilot province when meeting mode zooms on it
ZOOM_MIN_SPAN = 3.0  # degrees of latitude at least, so a small province keeps its neighbours
ZOOM_ASPECT = 1.6  # longitude span per latitude span: the map box is wider than tall




def first_code(value: object) -> str | None:
    """The province code in `&pilot=50` (the first, if repeated), or None."""
    code = value[0] if isinstance(value, list | tuple) and value else value
    return code if isinstance(code, str) and is_province_code(code) else None


def parse_agenda(value: object) -> tuple[str, ...]:
    """Province codes from `&agenda=50,57,30`, in the order given, each once; unknown codes are dropped."""
    text = value[0] if isinstance(value, list | tuple) and value else value
    if not isinstance(text, str):
        return ()
    codes: list[str] = []
    for part in text[:400].split(","):
        code = part.strip()
        if is_province_code(code) and code not in codes:
            codes.append(code)
    return tuple(codes)


def steps(snap: db.Snapshot, filters: Filters, agenda: tuple[str, ...]) -> list[str]:
    """The provinces meeting mode steps through: the agenda if there is one, else the pilots in order."""
    if agenda:
        return list(agenda)
    return [str(code) for code in queries.pilot_order(snap, filters)["province_code"]]


def opening_panel(filters: Filters, order: list[str], pilot: object,
                  agenda: bool) -> tuple[int, str | list[Component]]:
    """The index and panel to start with: the province named by `&pilot=` if it is in the order."""
    lang = filters.lang
    code = first_code(pilot)
    if code is None or code not in order:
        return -1, t("present_start_hint", lang)
    try:
        snap = db.snapshot()
        profile = queries.province_profile(snap, filters, code).iloc[0].to_dict()
    except (db.DatabaseUnavailable, IndexError):
        return -1, t("present_start_hint", lang)
    index = order.index(code)
    return index, pilot_panel(profile, index, len(order), lang, agenda=agenda)


def present_parts(filters: Filters, query: str, pilot: object = None, agenda: object = None) -> html.Div:
    """Meeting mode's own elements: help, exit link, the province panel, the step buttons (visible at
    every size, for touch screens and mice) and what the callback needs to step."""
    lang = filters.lang
    chosen = parse_agenda(agenda)
    try:
        snap = db.snapshot()
        filters = queries.resolve_year(snap, filters)
        order = steps(snap, filters, chosen)
    except db.DatabaseUnavailable:
        order = list(chosen)
    index, panel = opening_panel(filters, order, pilot, agenda=bool(chosen))
    exit_query = with_params(query, present="", pilot="", agenda="")
    return html.Div(
        [
            html.Div([
                html.Span(t("present_help", lang), className="present-help me-auto"),
                html.Div([
                    html.Button(t("present_prev", lang), id=PRESENT_PREV, n_clicks=0, type="button",
                                className="btn btn-dark present-step"),
                    html.Button(t("present_next", lang), id=PRESENT_NEXT, n_clicks=0, type="button",
                                className="btn btn-dark present-step"),
                ], className="present-steps", role="group",
                    **aria_attrs(label=t("present_steps_label", lang))),
                html.A(t("present_exit", lang), id=PRESENT_EXIT,
                       href="/" + (f"?{exit_query}" if exit_query else ""),
                       className="btn btn-outline-dark present-exit"),
            ], className="d-flex align-items-center flex-wrap gap-2 mb-2"),
            html.Div(panel, id=PRESENT_PILOT, className="present-pilot"),
            dcc.Store(id=PRESENT_INDEX, data=index),
            dcc.Store(id=PRESENT_AGENDA, data=list(chosen)),
            dcc.Store(id=PRESENT_CODE),
            dcc.Store(id=PRESENT_SYNC),
        ],
        id=PRESENT_ROOT,
    )


def step(index: Any, direction: int, count: int) -> int:
    """The next pilot index (wrapping round); from the start, → gives the first, ← the last."""
    current = index if isinstance(index, int) and 0 <= index < count else -1
    if current == -1:
        return 0 if direction > 0 else count - 1
    return (current + direction) % count


def pilot_panel(profile: dict[str, Any], position: int, count: int, lang: str,
                agenda: bool = False) -> list[Component]:
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
        html.Div(t("present_agenda_of" if agenda else "present_pilot_of", lang, i=position + 1, n=count),
                 className="present-pilot-rank"),
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
    Output(PRESENT_CODE, "data"),
    Input(PRESENT_NEXT, "n_clicks"),
    Input(PRESENT_PREV, "n_clicks"),
    State(PRESENT_INDEX, "data"),
    State(PRESENT_AGENDA, "data"),
    State(ids.OVERVIEW_QUERY, "data"),
    prevent_initial_call=True,
)
def present_step(_next: Any, _prev: Any, index: Any, agenda: Any,
                 query: Any) -> tuple[int, list[Component], str]:
    """A step (button, key, clicker or swipe): the next (or previous) province's figures; present.js
    outlines and zooms on it and writes it into the address."""
    direction = -1 if ctx.triggered_id == PRESENT_PREV else 1
    filters = Filters.from_query(parse_qs(query[:4096] if isinstance(query, str) else ""))
    chosen = parse_agenda(",".join(agenda) if isinstance(agenda, list) and
                          all(isinstance(a, str) for a in agenda) else None)
    try:
        snap = db.snapshot()
        filters = queries.resolve_year(snap, filters)
        order = steps(snap, filters, chosen)
        if not order:
            raise PreventUpdate
        new = step(index, direction, len(order))
        code = order[new]
        profile = queries.province_profile(snap, filters, code).iloc[0].to_dict()
    except db.DatabaseUnavailable as exc:
        raise PreventUpdate from exc
    return new, pilot_panel(profile, new, len(order), filters.lang, agenda=bool(chosen)), code


clientside_callback(
    ClientsideFunction(namespace="present", function_name="syncPilot"),
    Output(PRESENT_SYNC, "data"),
    Input(PRESENT_CODE, "data"),
    prevent_initial_call=True,
)
