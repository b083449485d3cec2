"""Pilots `/pilots`: the 15 UNDP localization pilot provinces side by side, each linking to its page.

One row per pilot in the seed's order: plan components (the map's colour classes), projects,
budget, the three goals with most projects (in their official colours) and district projects.
The URL holds the year and language, like every page.
"""
from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard import figures
from dashboard.data import db, queries
from dashboard.data.dataset import DatasetInfo
from dashboard.data.page_cache import cached_page
from dashboard.data.records import records
from dashboard.data.state import Filters
from dashboard.i18n import COMPONENTS, component_name, fragment_lang, fy_label, number, pick, signed, t
from dashboard.server.page_status import request_lang
from dashboard.ui import ids
from dashboard.ui.dropdowns import dropdown_labels, dropdown_slot
from dashboard.ui.layout import error_page, page_frame
from dashboard.ui.links import data_attrs, lang_switch_href, page_query, province_href

PATH = "/pilots"

dash.register_page(__name__, path=PATH, name="Pilots", order=2,
                   title=lambda **_: t("page_title_pilots", "th"),
                   description=lambda **_: t("meta_pilots", request_lang()))


def completeness_cell(row: dict[str, Any], lang: str) -> html.Td:
    """The plan's components as four marks and "n/4", coloured like the overview map's classes."""
    if pd.isna(row["completeness"]):
        return html.Td(html.Span(t("prov_not_assessed", lang), className="badge text-bg-secondary"),
                       **data_attrs(completeness="na"))
    n = int(row["completeness"])
    marks = [
        html.Span("●" if bool(row[c]) else "○", title=component_name(c, lang), className="me-1")
        for c in COMPONENTS
    ]
    color = figures.COMPLETENESS_COLORS[n]
    return html.Td([
        html.Span(f"{n}/4", className="badge me-2",
                  style={"backgroundColor": color, "color": figures.text_color_on(color)}),
        html.Span(marks, className="fs-5 align-middle"),
    ], **data_attrs(completeness=n))


def goal_chips(goals: list[int], goal_rows: dict[int, dict[str, Any]], lang: str) -> html.Td:
    """The top goals as chips in the official colours, with the short name as a tooltip."""
    chips = [
        html.Span(str(g), className="goal-chip me-1",
                  title=pick(goal_rows[g]["short_th"], goal_rows[g]["short_en"], lang),
                  style={"backgroundColor": goal_rows[g]["color"],
                         "color": figures.text_color_on(goal_rows[g]["color"])})
        for g in goals if g in goal_rows
    ]
    return html.Td(chips or "–")


# Sortable columns: (column key, its header string, its alignment); the table starts in pilot order.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("order", "pilots_col_order", ""), ("province", "pilots_col_province", ""),
    ("region", "pilots_col_region", ""), ("completeness", "pilots_col_completeness", ""),
    ("change", "pilots_col_change", ""), ("projects", "pilots_col_projects", "text-end"),
    ("budget", "pilots_col_budget", "text-end"), ("top_goals", "pilots_col_top_goals", ""),
    ("district", "pilots_col_district", "text-end"),
)
DEFAULT_SORT = ("order", False)


def sort_values(pilots: pd.DataFrame, column: str, lang: str) -> pd.Series:
    """What a column sorts by (missing values last whatever the direction)."""
    change = pilots["completeness"].astype(float) - pilots["completeness_prev"].astype(float).fillna(0)
    by: dict[str, pd.Series] = {
        "order": pilots["pilot_order"],
        "province": pilots["name_en" if lang == "en" else "name_th"],
        "region": pilots["region_en" if lang == "en" else "region_th"],
        "completeness": pilots["completeness"].astype(float),
        "change": change,
        "projects": pilots["projects"],
        "budget": pilots["budget_thb"],
        "top_goals": pilots["top_goals"].map(lambda goals: int(goals[0]) if len(goals) else None)
                                         .astype(float),
        "district": pilots["district_projects"],
    }
    return by.get(column, pilots["pilot_order"])


def sorted_pilots(pilots: pd.DataFrame, column: str, descending: bool, lang: str) -> pd.DataFrame:
    """The pilots ordered by one column (ties keep the pilot order)."""
    keys = sort_values(pilots, column, lang)
    order = keys.sort_values(ascending=not descending, na_position="last", kind="stable").index
    return pilots.loc[order]


def change_cell(row: dict[str, Any], lang: str) -> html.Td:
    """Components and projects since the previous fiscal year, and the progress label."""
    label = str(row["progress"])
    if pd.isna(row["projects_prev"]):
        return html.Td(t("progress_no_comparison", lang), **data_attrs(progress=label))
    components = ("–" if pd.isna(row["completeness"])
                  else signed(int(row["completeness"]) - int(0 if pd.isna(row["completeness_prev"])
                                                             else row["completeness_prev"])))
    projects = signed(int(row["projects"]) - int(row["projects_prev"]))
    return html.Td([html.Div(t(f"progress_{label}", lang), className="fw-semibold"),
                    html.Div(t("pilots_change_text", lang, components=components, projects=projects),
                             className="small text-muted")], **data_attrs(progress=label))


def sort_button_id(column: str) -> str:
    """The id of a column's sort button ("pilots-sort-projects")."""
    return f"{ids.PILOTS_SORT_BUTTON}-{column}"


def _header(key: str, label: str, align: str, sort: tuple[str, bool], lang: str) -> html.Th:
    """A column header holding a sort button; aria-sort says how the table is sorted now."""
    column, descending = sort
    state = ("descending" if descending else "ascending") if column == key else "none"
    arrow = {"ascending": " ▲", "descending": " ▼", "none": ""}[state]
    hidden: dict[str, Any] = {"aria-hidden": "true"}
    aria: dict[str, Any] = {"aria-sort": state}
    return html.Th(html.Button(
        [t(label, lang), html.Span(arrow, **hidden)],
        id=sort_button_id(key), type="button", n_clicks=0,
        title=t("pilots_sort", lang, col=t(label, lang)),
        className="btn btn-link p-0 fw-semibold text-reset text-decoration-none text-start"),
        scope="col", className=align, **aria)


def pilots_table(pilots: pd.DataFrame, goal_rows: dict[int, dict[str, Any]], filters: Filters,
                 sort: tuple[str, bool] = DEFAULT_SORT) -> dbc.Table:
    """The comparison table: one row per pilot, the province name links to its page; sorted by `sort`."""
    lang = filters.lang
    head = html.Thead(html.Tr([_header(key, label, align, sort, lang) for key, label, align in COLUMNS]))
    rows = []
    for row in records(sorted_pilots(pilots, sort[0], sort[1], lang)):
        first, second = (row["name_en"], row["name_th"]) if lang == "en" else (row["name_th"], row["name_en"])
        rows.append(html.Tr([
            html.Td(str(int(row["pilot_order"])), className="text-muted"),
            html.Td([dcc.Link(first, href=province_href(str(row["province_code"]), filters),
                              className="fw-semibold fs-5"),
                     html.Div(second, lang=fragment_lang(second, lang), className="small text-muted")]),
            html.Td(pick(row["region_th"], row["region_en"], lang)),
            completeness_cell(row, lang),
            change_cell(row, lang),
            html.Td(number(row["projects"]), className="text-end fs-5"),
            html.Td(f"{float(row['budget_thb']) / 1_000_000:,.1f}", className="text-end"),
            goal_chips([int(g) for g in row["top_goals"]], goal_rows, lang),
            html.Td(number(row["district_projects"]), className="text-end fs-5"),
        ], **data_attrs(province=row["province_code"])))
    return dbc.Table([head, html.Tbody(rows)], id=ids.PILOTS_TABLE, hover=True, responsive=True,
                     className="align-middle mb-0")


def page_key(query: Mapping[str, Any]) -> Hashable:
    """What the page shows: the year and language in the address (nothing else changes it)."""
    filters = Filters.from_query(query)
    return filters.year, filters.lang


@cached_page(PATH, page_key)
def layout(**query: Any) -> Component:
    """The comparison for the year and language in the URL; unknown values fall back to defaults."""
    parsed = Filters.from_query(query)
    filters = Filters(year=parsed.year, lang=parsed.lang)
    try:
        snap = db.snapshot()
        filters = queries.resolve_year(snap, filters)
        info = DatasetInfo.from_frame(queries.dataset_info(snap, filters))
        years = [int(y) for y in queries.fiscal_years(snap, filters)["fiscal_year"]]
        pilots = queries.pilots_change(snap, filters)
        goal_rows = {int(g["goal"]): g for g in records(queries.goals(snap, filters))}
    except db.DatabaseUnavailable as exc:
        return error_page(filters.lang, str(exc), PATH, page_query(filters))
    lang = filters.lang
    body = [
        dcc.Store(id=ids.PILOTS_LANG, data=lang),
        dcc.Location(id=ids.PILOTS_NAV, refresh="callback-nav"),
        dbc.Card(dbc.CardBody(dbc.Row([
            dbc.Col([html.H1(t("pilots_title", lang, n=len(pilots)), className="h2"),
                     html.P(t("pilots_intro", lang), className="mb-0 fs-6")], lg=9),
            dbc.Col([
                dbc.Label(t("filter_year", lang), html_for=ids.PILOTS_YEAR, className="fw-semibold mb-1"),
                dropdown_slot(dcc.Dropdown(id=ids.PILOTS_YEAR, labels=dropdown_labels(lang),
                                           clearable=False, searchable=False, value=filters.year,
                                           options=[{"label": fy_label(y, lang), "value": y}
                                                    for y in years])),
            ], lg=3),
        ])), className="shadow-sm mb-3"),
        dcc.Store(id=ids.PILOTS_SORT_STATE, data={"col": DEFAULT_SORT[0], "desc": DEFAULT_SORT[1]}),
        dcc.Store(id=ids.PILOTS_SORT_FOCUS),
        dbc.Card(dbc.CardBody(html.Div(pilots_table(pilots, goal_rows, filters), id=ids.PILOTS_TABLE_WRAP)),
                 className="shadow-sm mb-3"),
        html.Div(t("pilot_source", lang), className="small text-muted"),
    ]
    return page_frame(body, lang, info, lang_switch_href(PATH, page_query(filters), lang), active=PATH,
                      title=t("page_title_pilots", lang), nav_query=page_query(filters))


@callback(Output(ids.PILOTS_NAV, "href"), Input(ids.PILOTS_YEAR, "value"),
          State(ids.PILOTS_LANG, "data"), prevent_initial_call=True)
def pilots_year_changed(year: Any, lang: Any) -> str:
    """A new fiscal year reloads the comparison for that year."""
    filters = Filters.from_values(year=year, lang=lang)
    if filters.year is None:
        raise PreventUpdate
    return PATH + "?" + page_query(filters)


@callback(Output(ids.PILOTS_TABLE_WRAP, "children"), Output(ids.PILOTS_SORT_STATE, "data"),
          *[Input(sort_button_id(key), "n_clicks") for key, _, _ in COLUMNS],
          State(ids.PILOTS_SORT_STATE, "data"), State(ids.PILOTS_YEAR, "value"),
          State(ids.PILOTS_LANG, "data"), prevent_initial_call=True)
def sort_clicked(*args: Any) -> tuple[Component, dict[str, Any]]:
    """A header's sort button sorts the table by its column; pressed again, the other way round.

    Arguments: each column's n_clicks (in COLUMNS order), then the sort shown, the year, the language.
    """
    clicks, (shown, year, lang) = dict(zip([c[0] for c in COLUMNS], args, strict=False)), args[-3:]
    trigger = ctx.triggered_id
    key = trigger.removeprefix(f"{ids.PILOTS_SORT_BUTTON}-") if isinstance(trigger, str) else None
    pressed = clicks.get(key or "")
    if key not in clicks or isinstance(pressed, bool) or not isinstance(pressed, int) or pressed < 1:
        raise PreventUpdate
    shown = shown if isinstance(shown, dict) else {}
    flip = key == shown.get("col") and not shown.get("desc")
    filters = Filters.from_values(year=year, lang=lang)
    try:
        snap = db.snapshot()
        filters = queries.resolve_year(snap, filters)
        pilots = queries.pilots_change(snap, filters)
        goal_rows = {int(g["goal"]): g for g in records(queries.goals(snap, filters))}
    except db.DatabaseUnavailable as exc:
        raise PreventUpdate from exc
    return pilots_table(pilots, goal_rows, filters, (str(key), flip)), {"col": key, "desc": flip}


clientside_callback(
    ClientsideFunction(namespace="pilots", function_name="focusSort"),
    Output(ids.PILOTS_SORT_FOCUS, "data"),
    Input(ids.PILOTS_SORT_STATE, "data"),
    prevent_initial_call=True,
)
