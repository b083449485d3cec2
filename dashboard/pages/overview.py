"""Overview `/`: headline figures, the province map, projects per goal and region, filters.

The URL holds the state: `layout(**query)` renders exactly what the query says, and every
filter change writes the canonical query back into the address bar (without reloading).
Geometry is sent once, in the layout; filter changes patch the map's values only.
The callbacks are plain module-level functions so that tests can call them directly.
"""
from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any
from urllib.parse import parse_qs

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, Patch, State, callback, clientside_callback, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard import figures
from dashboard.data import db, queries
from dashboard.data.dataset import DatasetInfo
from dashboard.data.page_cache import cached_page
from dashboard.data.records import records
from dashboard.data.state import MEASURES, Filters
from dashboard.exports import captions
from dashboard.i18n import COMPONENTS, fy_label, goal_label, name_col, number, signed, t
from dashboard.server.page_status import request_lang
from dashboard.ui import (
    export_bar,
    heatmap_table,
    ids,
    meeting,
    province_finder,
    province_panel,
    province_table,
)
from dashboard.ui.dropdowns import dropdown_labels, dropdown_slot
from dashboard.ui.graphs import graph, page_figure, subtitle_id, title_id
from dashboard.ui.layout import error_page, page_frame
from dashboard.ui.links import aria_attrs, lang_switch_href, page_query, province_href, with_lang
from dashboard.ui.static_html import StaticHtml, to_html
from geo import is_province_code, map_shapes

PATH = "/"

dash.register_page(__name__, path=PATH, name="Overview", order=0,
                   title=lambda **_: t("page_title_overview", "th"),
                   description=lambda **_: t("meta_overview", request_lang()))


# ---------------------------------------------------------------- layout fragments


def change_line(now: int, before: int | None, prev_year: int | None, lang: str) -> str:
    """"+3 since 2565" under a headline figure; the first year says there is nothing to compare."""
    if prev_year is None or before is None:
        return t("change_no_comparison", lang)
    delta = now - before
    return t("hl_change", lang, delta=signed(delta), year=prev_year) if delta else \
        t("hl_change_zero", lang, year=prev_year)


def headline_cards(row: dict[str, Any], lang: str, before: dict[str, Any] | None = None,
                   prev_year: int | None = None) -> list[Component]:
    """Five headline figures as cards: reported, complete plans, projects, goals, pilots; the first
    four with their change since the previous fiscal year."""
    changing = ("provinces_reported", "complete_plans", "projects", "goals_covered")
    changes = {k: change_line(int(row[k]), None if before is None else int(before[k]), prev_year, lang)
               for k in changing}
    items = [
        ("hl_reported", t("n_of_total", lang, n=number(row["provinces_reported"]),
                          total=number(row["provinces_total"])), "reported", changes["provinces_reported"]),
        ("hl_complete", number(row["complete_plans"]), "complete", changes["complete_plans"]),
        ("hl_projects", number(row["projects"]), "projects", changes["projects"]),
        ("hl_goals", t("n_of_total", lang, n=number(row["goals_covered"]), total=number(row["goals_total"])),
         "goals", changes["goals_covered"]),
        ("hl_pilots", number(row["pilots"]), "pilots", None),
    ]
    return [
        dbc.Col(
            dbc.Card(
                dbc.CardBody([
                    html.Div(value, className="display-6 fw-bold lh-1 headline-value",
                             id=f"headline-{key}"),
                    html.Div(t(label, lang, total=len(COMPONENTS)), className="fs-6 text-muted mt-1"),
                    *([html.Div(change, id=f"headline-{key}-change", className="small fw-semibold mt-1")]
                      if change is not None else []),
                ], className="py-2 px-3"),
                className="h-100 shadow-sm",
            ),
            xs=6, md=4, xl=True, className="mb-2",
        )
        for label, value, key, change in items
    ]


def _controls(filters: Filters, years: list[int], goal_rows: list[dict[str, Any]],
              region_rows: list[dict[str, Any]]) -> dbc.Card:
    """The filter panel: year, goals, regions, pilots only, clear; and the map metric."""
    lang = filters.lang

    def label(key: str, target: str) -> dbc.Label:
        return dbc.Label(t(key, lang), html_for=target, className="fw-semibold mb-1 mt-2")

    return dbc.Card(
        dbc.CardBody([
            html.H2(t("filters_title", lang), className="h5 mb-1"),
            label("filter_year", ids.YEAR_FILTER),
            dropdown_slot(dcc.Dropdown(id=ids.YEAR_FILTER, labels=dropdown_labels(lang),
                                       clearable=False, searchable=False, value=filters.year,
                                       options=[{"label": fy_label(y, lang), "value": y} for y in years])),
            label("filter_goal", ids.GOAL_FILTER),
            dropdown_slot(dcc.Dropdown(id=ids.GOAL_FILTER, labels=dropdown_labels(lang),
                                       multi=True, value=list(filters.goals),
                                       placeholder=t("filter_goal_all", lang),
                                       options=[{"label": goal_label(g["goal"], g["short_th"], g["short_en"],
                                                                     lang),
                                                 "value": int(g["goal"])} for g in goal_rows])),
            label("filter_region", ids.REGION_FILTER),
            dropdown_slot(dcc.Dropdown(id=ids.REGION_FILTER, labels=dropdown_labels(lang),
                                       multi=True, value=list(filters.regions),
                                       placeholder=t("filter_region_all", lang), searchable=False,
                                       options=[{"label": r[name_col(lang)], "value": r["region_code"]}
                                                for r in region_rows])),
            dbc.Switch(id=ids.PILOT_TOGGLE, label=t("filter_pilots", lang), value=filters.pilots_only,
                       className="mt-3 fs-6"),
            dbc.Button(t("filter_clear", lang), id=ids.CLEAR_FILTERS, color="secondary", outline=True,
                       className="mt-2 w-100"),
            html.Hr(),
            html.H2(t("metric_label", lang), className="h5 mb-1"),
            dbc.RadioItems(id=ids.MAP_METRIC, value=filters.metric,
                           options=[{"label": t(f"metric_{m}", lang), "value": m}
                                    for m in ("completeness", "projects", "goal_projects", "change")]),
            html.H2(t("measure_label", lang), className="h5 mb-1 mt-3"),
            dbc.RadioItems(id=ids.MEASURE_SWITCH, value=filters.measure,
                           options=[{"label": t(f"measure_{m}", lang), "value": m} for m in MEASURES]),
        ]),
        className="shadow-sm mb-3",
    )


# ---------------------------------------------------------------- data -> view


def _settings(snap: db.Snapshot, filters: Filters) -> figures.MapSettings:
    return figures.MapSettings(lang=filters.lang, metric=filters.metric, goals=filters.goals,
                               year=filters.year, prev_year=queries.previous_year(snap, filters))


def _headlines(snap: db.Snapshot, filters: Filters) -> list[Component]:
    """The headline cards with their change since the previous fiscal year."""
    before = queries.headline_previous(snap, filters)
    return headline_cards(queries.headline(snap, filters).iloc[0].to_dict(), filters.lang,
                          None if before is None else before.iloc[0].to_dict(),
                          queries.previous_year(snap, filters))


def _trend(snap: db.Snapshot, filters: Filters, cap: captions.CaptionContext) -> Any:
    """The trend chart (every fiscal year) for the filters, captioned with the years it covers."""
    return page_figure(figures.trend_chart(queries.trend(snap, filters), filters.lang), cap, "trend")


def how_to_read(lang: str) -> html.Details:
    """The note that says how progress labels and budgets are worked out (docs/progress.md)."""
    return html.Details([
        html.Summary(t("howto_title", lang), className="fw-semibold"),
        html.P(t("howto_progress", lang), className="mb-1 mt-2"),
        html.P(t("howto_budget", lang), className="mb-0"),
    ], id=ids.OVERVIEW_HOWTO, open=True, className="card shadow-sm p-3 mb-3 small")


def _views(snap: db.Snapshot, filters: Filters) -> dict[str, Any]:
    """Every filter-dependent view except the map: charts and headline cards."""
    lang, year, measure = filters.lang, filters.year, filters.measure
    cap = captions.caption_context(snap, filters)
    return {
        "goal": page_figure(
            figures.goal_chart(queries.projects_by_goal(snap, filters), lang, year, measure), cap, "goals"),
        "region": page_figure(
            figures.region_chart(queries.projects_by_region(snap, filters), lang, year, measure), cap,
            "regions"),
        "status": page_figure(
            figures.status_chart(queries.projects_by_status(snap, filters), lang, year), cap, "status"),
        "trend": _trend(snap, filters, cap),
        "heatmap": page_figure(
            figures.goal_region_heatmap(queries.goal_region_counts(snap, filters), lang, year), cap,
            "heatmap"),
        "heatmap_table": to_html(heatmap_table.table_children(queries.goal_region_counts(snap, filters), lang,
                                                              year)),
        "headlines": _headlines(snap, filters),
    }


def page_key(query: Mapping[str, Any]) -> Hashable:
    """What the page shows for a query: equivalent addresses (any order, spelling or default) share
    one rendered page."""
    present = export_bar.wants_present(query.get("present"))
    if not present:
        return Filters.from_query(query).to_query(), False
    return (Filters.from_query(query).to_query(), True, meeting.first_code(query.get("pilot")),
            meeting.parse_agenda(query.get("agenda")))


@cached_page(PATH, page_key)
def layout(**query: Any) -> Component:
    """The page for the state in the URL; unknown values fall back to defaults."""
    filters = Filters.from_query(query)
    try:
        snap = db.snapshot()
        filters = queries.resolve_year(snap, filters)
        info = DatasetInfo.from_frame(queries.dataset_info(snap, filters))
        years = [int(y) for y in queries.fiscal_years(snap, filters)["fiscal_year"]]
        goal_rows = records(queries.goals(snap, filters))
        region_frame = queries.regions(snap, filters)
        region_rows = records(region_frame)
        status = queries.province_status(snap, filters)
        views = _views(snap, filters)
    except db.DatabaseUnavailable as exc:
        return error_page(filters.lang, str(exc), PATH, filters.to_query())
    map_figure = page_figure(
        figures.province_map(status, map_shapes("provinces"), _settings(snap, filters)),
        captions.caption_context(snap, filters), "map")
    lang = filters.lang

    body = [
        dcc.Store(id=ids.OVERVIEW_LANG, data=lang),
        dcc.Store(id=ids.OVERVIEW_QUERY, data=filters.to_query()),
        dcc.Store(id=ids.OVERVIEW_QUERY_SYNC),
        dcc.Location(id=ids.OVERVIEW_NAV, refresh="callback-nav"),
        dbc.Row([
            dbc.Col(html.H1(t("page_title_overview", lang), className="h3 mb-2"), md=7, xl=8),
            dbc.Col(province_finder.finder(filters), md=5, xl=4, className="present-hide"),
        ], className="align-items-end present-keep"),
        html.Div(id=ids.OVERVIEW_STATUS, role="status", className="visually-hidden",
                 **aria_attrs(live="polite")),
        *export_bar.overview_extras(filters, query),
        dbc.Row(views["headlines"], id=ids.OVERVIEW_HEADLINES, className="g-2 mb-1"),
        dbc.Row([
            # three columns from 1200 px; at 1024 the goal chart's labels and the map's title did not fit
            # a third of the width, so the goal chart goes under the filters and the map there
            dbc.Col(_controls(filters, years, goal_rows, region_rows), lg=4, xl=3, md=12,
                    className="present-hide"),
            dbc.Col(dbc.Card([
                graph(ids.PROVINCE_MAP, map_figure),
                html.Div(t("map_hint", lang), id=ids.OVERVIEW_MAP_NOTE,
                         className="small text-muted px-3 pb-2"),
                province_panel.panel_placeholder(lang),
                dcc.Store(id=ids.MAP_SELECTED),
                dcc.Store(id=ids.MAP_OPEN),
            ], className="shadow-sm mb-3"), lg=8, xl=5, md=12, className="present-map-col"),
            dbc.Col(dbc.Card(graph(ids.GOAL_CHART, views["goal"]), className="shadow-sm mb-3"), lg=12, xl=4,
                    md=12, className="present-hide"),
        ], className="g-3 present-keep"),
        dbc.Row([
            dbc.Col(dbc.Card(graph(ids.REGION_CHART, views["region"]), className="shadow-sm mb-3"),
                    lg=5, md=12),
            dbc.Col(dbc.Card([
                # a phone shows the heatmap's numbers as a table: its 102 cells are too small to read there
                html.Div(graph(ids.GOAL_REGION_HEATMAP, views["heatmap"]),
                         className="d-none d-sm-block"),
                html.Div(StaticHtml(views["heatmap_table"], tag="table", id=ids.GOAL_REGION_TABLE,
                                    className="table table-sm mb-0 heatmap-table"),
                         className="d-sm-none p-2"),
            ], className="shadow-sm mb-3"), lg=7, md=12),
        ], className="g-3"),
        dbc.Row([
            dbc.Col(dbc.Card(graph(ids.TREND_CHART, views["trend"]), className="shadow-sm mb-3"), lg=7,
                    md=12),
            dbc.Col(dbc.Card(graph(ids.STATUS_CHART, views["status"]), className="shadow-sm mb-3"), lg=5,
                    md=12),
        ], className="g-3"),
        how_to_read(lang),
        province_table.province_table(status, region_frame, filters),
    ]
    return page_frame(body, lang, info, lang_switch_href(PATH, filters.to_query(), lang), active=PATH,
                      title=t("page_title_overview", lang), nav_query=page_query(filters),
                      present=export_bar.wants_present(query.get("present")))


# ---------------------------------------------------------------- callbacks


def figure_patch(update: dict[str, Any]) -> Patch:
    """A Patch carrying only the changing part of a figure (see figures.*_update): the geometry,
    labels and styling sent at page load stay in the browser."""
    patch = Patch()
    for key, value in update["trace"].items():
        if key == "colorbar":  # its words and ticks; where it sits is the browser's (a phone moves it)
            for part, setting in value.items():
                if part not in figures.COLORBAR_PLACEMENT:
                    patch["data"][0][key][part] = setting
        else:
            patch["data"][0][key] = value
    if "xaxis_title" in update:
        patch["layout"]["xaxis"]["title"]["text"] = update["xaxis_title"]
    return patch


def traces_patch(update: dict[str, Any]) -> Patch:
    """A Patch for a figure of several traces (figures.trend_update): each trace's values."""
    patch = Patch()
    for i, trace in enumerate(update["traces"]):
        for key, value in trace.items():
            patch["data"][i][key] = value
    return patch


# The charts the filters redraw, in the order update_overview returns them, with their export views.
CHART_VIEWS: tuple[tuple[str, str], ...] = (
    (ids.PROVINCE_MAP, "map"), (ids.GOAL_CHART, "goals"), (ids.REGION_CHART, "regions"),
    (ids.GOAL_REGION_HEATMAP, "heatmap"), (ids.STATUS_CHART, "status"), (ids.TREND_CHART, "trend"),
)


@callback(
    Output(ids.PROVINCE_MAP, "figure"),
    Output(ids.GOAL_CHART, "figure"),
    Output(ids.REGION_CHART, "figure"),
    Output(ids.GOAL_REGION_HEATMAP, "figure"),
    Output(ids.OVERVIEW_HEADLINES, "children"),
    Output(ids.OVERVIEW_QUERY, "data"),
    Output(ids.LANG_TOGGLE, "href"),
    Output(ids.STATUS_CHART, "figure"),
    Output(ids.TREND_CHART, "figure"),
    Output(ids.NAV_PILOTS, "href"),
    Output(ids.GOAL_REGION_TABLE, "html"),
    *[Output(title_id(graph_id), "children") for graph_id, _ in CHART_VIEWS],
    *[Output(subtitle_id(graph_id), "children") for graph_id, _ in CHART_VIEWS],
    Input(ids.YEAR_FILTER, "value"),
    Input(ids.GOAL_FILTER, "value"),
    Input(ids.REGION_FILTER, "value"),
    Input(ids.PILOT_TOGGLE, "value"),
    Input(ids.MAP_METRIC, "value"),
    State(ids.OVERVIEW_LANG, "data"),
    Input(ids.MEASURE_SWITCH, "value"),
    prevent_initial_call=True,
)
def update_overview(year: Any, goals: Any, regions: Any, pilots: Any, metric: Any, lang: Any,
                    measure: Any = None) -> tuple[Any, ...]:
    """Recompute every view for new filters and send each figure only what changed (a Patch)."""
    filters = Filters.from_values(year=year, goals=goals, regions=regions, pilots_only=pilots,
                                  lang=lang, metric=metric, measure=measure)
    try:
        snap = db.snapshot()
        filters = queries.resolve_year(snap, filters)
        lang, year = filters.lang, filters.year
        cells = queries.goal_region_counts(snap, filters)
        updates = (
            figures.map_update(queries.province_status(snap, filters), _settings(snap, filters)),
            figures.goal_chart_update(queries.projects_by_goal(snap, filters), lang, year, filters.measure),
            figures.region_chart_update(queries.projects_by_region(snap, filters), lang, year,
                                        filters.measure),
            figures.heatmap_update(cells, lang, year),
        )
        table = to_html(heatmap_table.table_children(cells, lang, year, grid=updates[3]))
        status_update = figures.status_chart_update(queries.projects_by_status(snap, filters), lang, year)
        headlines = _headlines(snap, filters)
        caption = captions.caption_context(snap, filters)
        trend_update = figures.trend_update(queries.trend(snap, filters), lang)
    except db.DatabaseUnavailable as exc:
        raise PreventUpdate from exc
    query = filters.to_query()
    charts = (*updates, status_update, trend_update)  # in CHART_VIEWS order
    patches = [*(figure_patch(u) for u in charts[:-1]), traces_patch(trend_update)]
    views = [view for _, view in CHART_VIEWS]
    map_, goal, region, heatmap, status, trend = (
        captions.caption_patch(patch, caption, view) for patch, view in zip(patches, views, strict=True))
    pilots_href = with_lang("/pilots", page_query(filters), lang)
    titles = [captions.plain_text(u["title"]) for u in charts]
    subtitles = [captions.filters_line(caption, view) for view in views]
    return (map_, goal, region, heatmap, headlines, query, lang_switch_href(PATH, query, lang), status, trend,
            pilots_href, table, *titles, *subtitles)


def _clicked(click_data: Any) -> Any:
    """The customdata of the clicked point, or PreventUpdate for anything malformed."""
    try:
        return click_data["points"][0]["customdata"]
    except (KeyError, IndexError, TypeError) as exc:
        raise PreventUpdate from exc


@callback(Output(ids.GOAL_FILTER, "value", allow_duplicate=True),
          Input(ids.GOAL_CHART, "clickData"), prevent_initial_call=True)
def goal_bar_clicked(click_data: Any) -> list[int]:
    """Clicking a goal bar filters to that goal."""
    goals = Filters.from_values(goals=[_clicked(click_data)]).goals
    if not goals:
        raise PreventUpdate
    return list(goals)


@callback(Output(ids.REGION_FILTER, "value", allow_duplicate=True),
          Input(ids.REGION_CHART, "clickData"), prevent_initial_call=True)
def region_bar_clicked(click_data: Any) -> list[str]:
    """Clicking a region bar filters to that region."""
    regions = Filters.from_values(regions=[_clicked(click_data)]).regions
    if not regions:
        raise PreventUpdate
    return list(regions)


@callback(
    Output(ids.YEAR_FILTER, "value"),
    Output(ids.GOAL_FILTER, "value"),
    Output(ids.REGION_FILTER, "value"),
    Output(ids.PILOT_TOGGLE, "value"),
    Input(ids.CLEAR_FILTERS, "n_clicks"),
    prevent_initial_call=True,
)
def clear_filters(n_clicks: Any) -> tuple[int | None, list[int], list[str], bool]:
    """One button resets every filter: the latest year, all goals, all regions, all provinces."""
    try:
        year = queries.resolve_year(db.snapshot(), Filters()).year
    except db.DatabaseUnavailable as exc:
        raise PreventUpdate from exc
    return year, [], [], False


# A click or tap on the map: assets/overview.js selects the province (touch, meeting mode) or asks to
# open it (mouse) by writing MAP_OPEN, which province_clicked turns into the province's address.
clientside_callback(
    ClientsideFunction(namespace="overview", function_name="mapClicked"),
    Output(ids.MAP_OPEN, "data"),
    Output(ids.MAP_SELECTED, "data"),
    Input(ids.PROVINCE_MAP, "clickData"),
    prevent_initial_call=True,
)


@callback(Output(ids.OVERVIEW_NAV, "href"), Input(ids.MAP_OPEN, "data"),
          State(ids.OVERVIEW_LANG, "data"), State(ids.OVERVIEW_QUERY, "data"), prevent_initial_call=True)
def province_clicked(click_data: Any, lang: Any, query: Any = None) -> str:
    """Clicking a province opens its page in the year (and language) the overview shows."""
    code = str(_clicked(click_data))
    if not is_province_code(code):
        raise PreventUpdate
    shown = Filters.from_query(parse_qs(query if isinstance(query, str) else ""))
    return province_href(code, shown.replace(lang="en" if lang == "en" else "th"))


clientside_callback(
    ClientsideFunction(namespace="overview", function_name="syncUrl"),
    Output(ids.OVERVIEW_QUERY_SYNC, "data"),
    Input(ids.OVERVIEW_QUERY, "data"),
    prevent_initial_call=True,
)
