"""The province finder on the overview: type any written form of a province's name (Thai, English, a
nickname such as โคราช or Korat, with or without จังหวัด/จ.) and go to its page.

Names are read by the ETL's own resolver (etl.provinces), so the finder accepts exactly what a
province's submission may say. An unknown or ambiguous name gets a message with the likeliest
provinces as links, never a silent wrong match.
"""
from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard.data.state import Filters
from dashboard.i18n import pick, t
from dashboard.ui import ids
from dashboard.ui.links import aria_attrs, province_href
from dashboard.ui.plain_html import Element, element
from dashboard.ui.static_html import StaticHtml, to_html
from etl.provinces import ProvinceProblem, provinces, resolve_province

MAX_TEXT = 80  # longer than any province's name in any form


def name_options() -> tuple[Element, ...]:
    """Every province's Thai, then English, name as the search box's suggestions (plain elements)."""
    names = sorted({p.name_th for p in provinces()}) + sorted({p.name_en for p in provinces()})
    return tuple(element("Option", None, value=name) for name in names)


@cache
def name_options_html() -> str:
    """The suggestions as markup: 154 elements that are the same on every page, written once."""
    return to_html(list(name_options()))


def finder(filters: Filters) -> html.Div:
    """Label, a search box that suggests every province's Thai and English names, and a Go button."""
    lang = filters.lang
    return html.Div([
        dbc.Label(t("finder_label", lang), html_for=ids.PROVINCE_FINDER, className="fw-semibold mb-1"),
        dbc.InputGroup([
            dbc.Input(id=ids.PROVINCE_FINDER, type="search", list=ids.PROVINCE_FINDER_NAMES,
                      placeholder=t("finder_placeholder", lang), maxLength=MAX_TEXT, autoComplete="off",
                      n_submit=0, debounce=False),
            dbc.Button(t("finder_go", lang), id=ids.PROVINCE_FINDER_GO, color="primary", n_clicks=0),
        ]),
        StaticHtml(name_options_html(), tag="datalist", id=ids.PROVINCE_FINDER_NAMES),
        html.Div(id=ids.PROVINCE_FINDER_MESSAGE, role="status", **aria_attrs(live="polite"),
                 className="small mt-1"),
        dcc.Location(id=ids.PROVINCE_FINDER_NAV, refresh="callback-nav"),
    ], className="mb-2")


def not_found_message(text: str, problem: ProvinceProblem, filters: Filters) -> list[Component | str]:
    """What to say when a name resolves to no single province: the likeliest ones as links."""
    lang = filters.lang
    if not problem.suggestions:
        return [html.Span(t("finder_unknown", lang, text=text), className="text-danger")]
    links: list[Component | str] = []
    for i, province in enumerate(problem.suggestions):
        if i:
            links.append(", ")
        links.append(dcc.Link(pick(province.name_th, province.name_en, lang),
                              href=province_href(province.code, filters)))
    return [html.Span(t("finder_did_you_mean", lang, text=text), className="text-danger me-1"), *links]


def find(text: Any, filters: Filters) -> tuple[str | None, list[Component | str]]:
    """The page to open for the typed text (None when there is none) and the message to show."""
    typed = text.strip()[:MAX_TEXT] if isinstance(text, str) else ""
    if not typed:
        return None, [html.Span(t("finder_empty", filters.lang), className="text-danger")]
    try:
        match = resolve_province(typed)
    except ProvinceProblem as problem:
        return None, not_found_message(typed, problem, filters)
    name = pick(match.province.name_th, match.province.name_en, filters.lang)
    return province_href(match.province.code, filters), [t("finder_opening", filters.lang, name=name)]


@callback(
    Output(ids.PROVINCE_FINDER_NAV, "href"),
    Output(ids.PROVINCE_FINDER_MESSAGE, "children"),
    Input(ids.PROVINCE_FINDER, "n_submit"),
    Input(ids.PROVINCE_FINDER_GO, "n_clicks"),
    State(ids.PROVINCE_FINDER, "value"),
    State(ids.OVERVIEW_QUERY, "data"),
    prevent_initial_call=True,
)
def go_to_province(submitted: Any, clicked: Any, text: Any, query: Any) -> tuple[Any, list[Component | str]]:
    """Enter or Go: open the province the text names, or say why not."""
    if not submitted and not clicked:
        raise PreventUpdate
    filters = Filters.from_query(parse_qs(query[:4096] if isinstance(query, str) else ""))
    href, message = find(text, filters)
    return (href if href is not None else no_update), message
