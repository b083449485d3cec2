"""Province page `/province/<code>`: plan components, projects, goal mix, district programme, pilot process.

Every one of the 77 provinces has a page; the 15 UNDP pilots also get a badge, the localization
process from the seed and links to the previous and next pilot. The URL holds the state
(`?year=` and `?lang=`; unknown values fall back to defaults); an unknown code shows the
friendly not-found page. The callbacks are plain module-level functions so tests can call them.
"""
from __future__ import annotations

from collections.abc import Hashable, Mapping
from functools import cache
from typing import Any

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html
from dash.development.base_component import Component
from dash.exceptions import MissingCallbackContextException, PreventUpdate

from dashboard import figures
from dashboard.data import db, grid, queries
from dashboard.data.cache import cached
from dashboard.data.dataset import DatasetInfo
from dashboard.data.page_cache import PAGES, cached_page
from dashboard.data.records import records
from dashboard.data.state import Filters
from dashboard.exports import captions
from dashboard.i18n import (
    AG_GRID_LOCALE_TH,
    COMPONENTS,
    baht,
    component_name,
    day_label,
    fragment_lang,
    fy_label,
    month_label,
    name_col,
    name_of,
    number,
    pick,
    t,
)
from dashboard.server import geo_route
from dashboard.server.page_status import request_lang
from dashboard.ui import export_bar, ids
from dashboard.ui.dropdowns import dropdown_labels, dropdown_slot
from dashboard.ui.graphs import graph, page_figure
from dashboard.ui.layout import error_page, page_frame
from dashboard.ui.links import data_attrs, lang_switch_href, page_query, province_href, with_lang
from dashboard.ui.not_found import not_found_view
from etl.reference import read_reference
from geo import is_province_code, province_districts

PATH_TEMPLATE = "/province/<code>"
BANGKOK = "10"
GRAPH_CONFIG: Any = captions.GRAPH_CONFIG  # dcc types config as a TypedDict


@cache
def _reference_names() -> dict[str, tuple[str, str]]:
    """Province code -> (Thai, English) name, from the committed reference table (no database)."""
    frame = read_reference("provinces")
    return {str(r.province_code): (str(r.name_th), str(r.name_en)) for r in frame.itertuples()}


def page_title(code: object = None, **_: object) -> str:
    """The browser tab title: the province's Thai name, or "not found" for an unknown code."""
    names = _reference_names().get(code) if isinstance(code, str) else None
    if names is None:
        return t("page_title_not_found", "th")
    return t("page_title_province", "th", name=names[0])


def page_description(code: object = None, **_: object) -> str:
    """The meta description in the URL's language: what the page of this province holds."""
    lang = request_lang()
    names = _reference_names().get(code) if isinstance(code, str) else None
    if names is None:
        return t("meta_not_found", lang)
    return t("meta_province", lang, name=pick(names[0], names[1], lang))


def province_exists(code: object = None, **_: object) -> bool:
    """Whether `code` is one of the 77 provinces (the server answers 404 otherwise)."""
    return isinstance(code, str) and code in _reference_names()


dash.register_page(__name__, path_template=PATH_TEMPLATE, name="Province", order=1, title=page_title,
                   description=page_description, exists=province_exists)


# ---------------------------------------------------------------- layout fragments


def header(profile: dict[str, Any], neighbours: pd.DataFrame, filters: Filters,
           years: list[int], totals: dict[str, Any]) -> dbc.Card:
    """Name (Thai first in Thai, English first in English), region, pilot badge, pilot links, year."""
    lang = filters.lang
    first, second = (profile["name_en"], profile["name_th"]) if lang == "en" else \
        (profile["name_th"], profile["name_en"])
    badges: list[Component] = [
        dbc.Badge(pick(profile["region_th"], profile["region_en"], lang), color="secondary",
                  className="me-2 fs-6 fw-normal"),
    ]
    if bool(profile["is_pilot"]):
        badge = t("prov_pilot_badge", lang, n=int(profile["pilot_order"]), total=int(totals["pilots"]))
        badges.append(dbc.Badge(f"◆ {badge}",
                                id=ids.PROVINCE_PILOT_BADGE, color="warning", text_color="dark",
                                className="fs-6"))
    links: list[Component] = [
        dcc.Link(t("prov_back_overview", lang), href=with_lang("/", page_query(filters), lang),
                 className="me-3"),
    ]
    for row in records(neighbours):
        key = "prov_prev_pilot" if row["direction"] == "prev" else "prov_next_pilot"
        link_id = ids.PROVINCE_PREV_PILOT if row["direction"] == "prev" else ids.PROVINCE_NEXT_PILOT
        links.append(dcc.Link(t(key, lang, name=row[name_col(lang)]),
                              href=province_href(str(row["province_code"]), filters),
                              id=link_id, className="btn btn-sm btn-outline-primary me-2"))
    year_picker = html.Div([
        dbc.Label(t("filter_year", lang), html_for=ids.PROVINCE_YEAR, className="fw-semibold mb-1"),
        dropdown_slot(dcc.Dropdown(id=ids.PROVINCE_YEAR, labels=dropdown_labels(lang),
                                   clearable=False, searchable=False, value=filters.year,
                                   options=[{"label": fy_label(y, lang), "value": y} for y in years],
                                   style={"minWidth": "14rem"})),
    ])
    return dbc.Card(dbc.CardBody(dbc.Row([
        dbc.Col([
            html.H1(first, className="display-5 fw-bold mb-0"),
            html.Div(second, lang=fragment_lang(second, lang), className="fs-4 text-muted mb-2"),
            html.Div(badges, className="mb-2"),
            html.Div(links, className="d-flex flex-wrap align-items-center gap-1"),
        ], lg=8),
        dbc.Col([
            year_picker,
            html.Div(export_bar.province_links(filters, str(profile["province_code"])),
                     id=ids.PROVINCE_ACTIONS, className="d-flex flex-wrap gap-2 mt-2"),
        ], lg=4, className="d-flex flex-column align-items-lg-end"),
    ])), id=ids.PROVINCE_HEADER, className="shadow-sm mb-3")


def components_card(profile: dict[str, Any], filters: Filters, totals: dict[str, Any]) -> dbc.Card:
    """The four plan components present or missing for the year; Bangkok's "not assessed" explained."""
    lang = filters.lang
    title = html.H2(t("prov_components_title", lang), className="h5")
    if pd.isna(profile["completeness"]):
        if profile["province_code"] == BANGKOK:
            note = t("prov_not_assessed_bkk", lang, components=len(COMPONENTS),
                     assessed=int(totals["provinces_reported"]))
        else:
            note = t("prov_no_plan", lang, year=fy_label(int(filters.year or 0), lang))
        body: list[Component] = [
            title,
            html.Div(t("prov_not_assessed", lang), className="fs-4 fw-bold text-secondary"),
            html.P(note, className="mb-0 mt-1"),
        ]
    else:
        items = []
        for column in COMPONENTS:
            present = bool(profile[column])
            items.append(html.Li([
                html.Span("✔" if present else "✘", className="component-mark me-2",
                          style={"color": "#1a7f37" if present else "#b42318"}),
                html.Span(component_name(column, lang), className="me-2"),
                html.Span(t("prov_component_present" if present else "prov_component_missing", lang),
                          className="badge " + ("text-bg-success" if present else "text-bg-danger")),
            ], className="list-group-item d-flex align-items-center fs-5",
                **data_attrs(component=column, present=int(present))))
        body = [
            title,
            html.Div(t("prov_components_count", lang, n=int(profile["completeness"]), total=len(COMPONENTS)),
                     className="fs-4 fw-bold mb-2"),
            html.Ul(items, className="list-group"),
        ]
    return dbc.Card(dbc.CardBody(body), id=ids.PROVINCE_COMPONENTS, className="shadow-sm h-100")


def progress_text(label: str, lang: str) -> str:
    """A progress label in words (improved, unchanged, declined, new, not assessed, nothing to compare)."""
    return t(f"progress_{label}", lang)


def history_card(history: pd.DataFrame, filters: Filters) -> dbc.Card:
    """The province year by year: plan components, projects, budget and progress, the page's year marked."""
    lang = filters.lang
    current = history[history["fiscal_year"] == filters.year]
    label = str(current["progress"].iloc[0]) if len(current) else "not_assessed"
    head = html.Tr([html.Th(t(key, lang), scope="col", className=align) for key, align in
                    (("hist_year", ""), ("hist_components", ""), ("hist_projects", "text-end"),
                     ("hist_budget", "text-end"), ("hist_progress", ""))])
    rows = []
    for row in records(history):
        year = int(row["fiscal_year"])
        components = (t("hist_not_assessed", lang) if pd.isna(row["completeness"])
                      else f"{int(row['completeness'])}/4")
        is_current = year == filters.year
        attrs: dict[str, Any] = {**data_attrs(year=year, progress=row["progress"]),
                                 **({"aria-current": "true"} if is_current else {})}
        rows.append(html.Tr([
            html.Th(fy_label(year, lang), scope="row"),
            html.Td(components), html.Td(number(row["projects"]), className="text-end"),
            html.Td(baht(float(row["budget_thb"]), lang), className="text-end"),
            html.Td(progress_text(str(row["progress"]), lang)),
        ], className="table-primary fw-semibold" if is_current else "", **attrs))
    return dbc.Card(dbc.CardBody([
        html.H2(t("hist_title", lang), className="h5"),
        html.P(t("hist_progress_now", lang, label=progress_text(label, lang)), className="mb-2",
               **data_attrs(progress=label)),
        html.Div(dbc.Table([html.Thead(head), html.Tbody(rows)], bordered=False, hover=True, size="sm",
                           className="mb-0"), className="table-responsive"),
    ]), id=ids.PROVINCE_HISTORY, className="shadow-sm mb-3")


def stat_cards(profile: dict[str, Any], lang: str) -> dbc.Row:
    """Projects, budget, goals covered and district projects for the year, as large figures."""
    items = [
        ("prov_stat_projects", number(profile["projects"]), "projects"),
        ("prov_stat_budget", baht(profile["budget_thb"], lang), "budget"),
        ("prov_stat_goals", t("n_of_total", lang, n=number(profile["goals_covered"]), total="17"), "goals"),
        ("prov_stat_district_bkk" if profile["province_code"] == BANGKOK else "prov_stat_district",
         number(profile["district_projects"]), "district"),
    ]
    return dbc.Row([
        dbc.Col(dbc.Card(dbc.CardBody([
            html.Div(value, className="fs-2 fw-bold lh-1", id=f"province-stat-{key}"),
            html.Div(t(label, lang), className="fs-6 text-muted mt-1"),
        ], className="py-3"), className="h-100 shadow-sm"), xs=6, className="mb-3")
        for label, value, key in items
    ], id=ids.PROVINCE_STATS, className="g-3")


def day_text(row: dict[str, Any], lang: str) -> list[Component | str]:
    """"Kick Off: 28 เม.ย. 2566", the milestone's name marked with its own language when the seed
    names it in another (its Thai name is English)."""
    name = name_of(row, lang)
    marker = "\x00"
    before, after = t("pilot_day", lang, name=marker, date=day_label(pd.Timestamp(row["start_date"]), lang)
                      ).split(marker, 1)
    return [before, html.Span(name, lang=fragment_lang(name, lang)), after]


def pilot_process(milestones: pd.DataFrame, lang: str) -> dbc.Card:
    """The UNDP localization process from the seed: timeline, steps, kick-off, awareness raising."""
    by_name = {str(row["milestone"]): row for row in records(milestones)}
    frame, report = by_name.get("frame"), by_name.get("report")

    def span(row: dict[str, Any] | None, key: str) -> str:
        if row is None:
            return ""
        start, end = pd.Timestamp(row["start_date"]), pd.Timestamp(row["end_date"])
        return t(key, lang, start=month_label(start.year, start.month, lang),
                 end=month_label(end.year, end.month, lang))

    steps = [t("pilot_step_profile", lang), t("pilot_step_consultation", lang),
             span(report, "pilot_step_report") or t("pilot_tl_report_only", lang)]
    step_items: list[Component] = []
    for i, step in enumerate(steps):
        if i:
            step_items.append(html.Span("→", className="fs-4 text-muted mx-1"))
        step_items.append(html.Span(step, lang=fragment_lang(step, lang),
                                    className="badge rounded-pill text-bg-primary fs-6 fw-normal "
                                              "text-wrap text-start"))
    days = [html.Span(day_text(row, lang), className="fw-semibold text-danger me-3")
            for row in records(milestones) if row["kind"] == "day"]
    return dbc.Card(dbc.CardBody([
        html.H2(t("pilot_process_title", lang), className="h5"),
        html.Div([html.Span(span(frame, "pilot_frame"), className="me-3 fw-semibold"), *days],
                 className="mb-2"),
        html.Div(step_items, className="d-flex flex-wrap align-items-center gap-1 mb-2"),
        dcc.Graph(id=ids.PROVINCE_PILOT_TIMELINE, figure=figures.pilot_timeline(milestones, lang), config={
            **GRAPH_CONFIG, "displayModeBar": False}, style={"height": "190px"}),
        html.P(t("pilot_awareness", lang), className="mb-1"),
        html.Div(t("pilot_source", lang), className="small text-muted"),
    ]), id=ids.PROVINCE_PILOT_PROCESS, className="shadow-sm mb-3 border-warning")


@cached(PAGES, lambda snap, lang: (snap.version, lang))
def pilot_card(snap: db.Snapshot, lang: str) -> dbc.Card:
    """The pilot process card, the same on every pilot's page (the seed's milestones): built once per
    build and language, not on each new page (its timeline is a plotly Figure, about 9 ms to build)."""
    return pilot_process(queries.pilot_milestones(snap, Filters(lang=lang)), lang)


def _swatch(category: str) -> html.Span:
    """The category's colour on the district map, as a small square."""
    return html.Span(className="category-swatch",
                     style={"backgroundColor": figures.category_color(category)})


def category_counts(counts: pd.DataFrame, lang: str) -> html.Div:
    """Projects per category with the map's colour swatch, and the total. Each row is headed by its
    category and the columns by (visually hidden) names, so a screen reader says what each number is.
    Kept lean (assets/province.css sets the row headers): Bangkok's page is near its 10 KB budget."""
    header = html.Thead(html.Tr([html.Th(t("district_legend", lang), scope="col"),
                                 html.Th(t("pilots_col_projects", lang), scope="col", className="text-end")]),
                        className="visually-hidden")
    rows = [
        html.Tr([
            html.Th([_swatch(str(r["category"])), r[name_col(lang)]], scope="row"),
            html.Td(number(r["projects"]), className="text-end fw-semibold"),
        ])
        for r in records(counts)
    ]
    rows.append(html.Tr([html.Th(t("district_counts_total", lang), scope="row", className="fw-semibold"),
                         html.Td(number(counts["projects"].sum()), className="text-end fw-bold")]))
    return html.Div([
        html.H3(t("district_counts_title", lang), className="h6 mt-2"),
        dbc.Table([header, html.Tbody(rows)], size="sm", borderless=True, className="mb-0 fs-6"),
    ], id=ids.PROVINCE_CATEGORY_COUNTS)


def grid_rows(projects: pd.DataFrame) -> list[dict[str, Any]]:
    """One block of grid rows as plain JSON: raw values for sorting, display names for goal and status."""
    return [
        {
            "project_id": str(r.project_id),
            "title": str(r.title),
            "goal": int(r.goal),
            "goal_name": str(r.goal_name),
            "goal_color": str(r.color),
            "goal_text_color": figures.text_color_on(str(r.color)),
            "target": "" if pd.isna(r.target) else str(r.target),
            "agency": "" if pd.isna(r.agency) else str(r.agency),
            "budget_thb": None if pd.isna(r.budget_thb) else float(r.budget_thb),
            "status": str(r.status_name),
        }
        for r in projects.itertuples()
    ]


def grid_columns(lang: str) -> list[dict[str, Any]]:
    """Column definitions; every cell renders its value as text (no HTML renderer anywhere)."""
    return [
        {"field": "project_id", "headerName": t("grid_id", lang), "width": 130, "pinned": "left"},
        {"field": "title", "headerName": t("grid_title_col", lang), "flex": 3, "minWidth": 280,
         "wrapText": True, "cellClass": "grid-title", "tooltipField": "title"},
        {"field": "goal", "headerName": t("grid_goal", lang), "minWidth": 250, "flex": 1.6,
         "wrapText": True,
         "cellRenderer": "GoalChip", "filter": "agNumberColumnFilter",
         "tooltipField": "goal_name"},
        {"field": "target", "headerName": t("grid_target", lang), "width": 125},
        {"field": "agency", "headerName": t("grid_agency", lang), "flex": 1.5, "minWidth": 180,
         "wrapText": True},
        {"field": "budget_thb", "headerName": t("grid_budget", lang), "width": 185, "type": "rightAligned",
         "filter": "agNumberColumnFilter",
         "valueFormatter": {"function": "params.value == null ? '' : d3.format(',.0f')(params.value)"}},
        {"field": "status", "headerName": t("grid_status", lang), "minWidth": 190, "flex": 1},
    ]


ROW_HEIGHT = 76


def grid_count(n: int, lang: str) -> str:
    """The row count beside the grid ("68 โครงการ")."""
    return t("grid_count", lang, n=number(n))


def projects_grid(total: int, filters: Filters) -> dbc.Card:
    """The province's projects in a sortable, filterable grid that loads blocks of rows from SQL."""
    lang = filters.lang
    locale = {**AG_GRID_LOCALE_TH} if lang != "en" else {}
    locale["noRowsToShow"] = t("grid_empty", lang)
    options: dict[str, Any] = {
        "animateRows": False, "enableCellTextSelection": True, "localeText": locale,
        "cacheBlockSize": grid.BLOCK_SIZE, "maxBlocksInCache": 20, "infiniteInitialRowCount": 1,
        "maxConcurrentDatasourceRequests": 1,
        "rowHeight": ROW_HEIGHT,  # the infinite model cannot size rows to their text: room for three lines
        # Tab and Shift+Tab leave the grid (arrow keys move inside it) instead of visiting every cell
        "tabToNextCell": {"function": "false"},
        "tabToNextHeader": {"function": "false"},
    }
    return dbc.Card(dbc.CardBody([
        dbc.Row([
            dbc.Col(html.H2(id=ids.PROJECTS_GRID_TITLE, children=[t("grid_title", lang), " ",
                             html.Span(grid_count(total, lang), id=ids.PROVINCE_GRID_COUNT,
                                       className="badge text-bg-light fs-6 align-middle")],
                            className="h5 mb-2"), md=8),
            dbc.Col(dbc.Input(id=ids.PROVINCE_GRID_SEARCH, type="search", placeholder=t("grid_search", lang),
                              debounce=True, maxLength=grid.MAX_TEXT), md=4),
        ], className="align-items-center mb-2"),
        dag.AgGrid(
            id=ids.PROJECTS_GRID,
            rowModelType="infinite",
            columnDefs=grid_columns(lang),
            defaultColDef={"sortable": True, "filter": True, "floatingFilter": True, "resizable": True},
            dashGridOptions=options,
            getRowId="params.data.project_id",
            style={"height": "640px" if total else "220px", "width": "100%"},
        ),
    ]), className="shadow-sm mb-3")


# ---------------------------------------------------------------- the page


def code_in_path(code: object) -> object:
    """The province code in the address bar's path, when Dash's page router is asking.

    Dash merges query parameters over path variables, so `/province/50?code=11` would otherwise
    draw province 11 under province 50's address and tab title.
    """
    try:
        pathname = dash.ctx.inputs.get("_pages_location.pathname")
    except (MissingCallbackContextException, LookupError):  # not asked by the router (the first paint)
        return code
    parts = (dash.strip_relative_path(pathname) or "").split("/") if isinstance(pathname, str) else []
    return parts[1] if len(parts) == 2 and parts[0] == "province" else code


def page_key(query: Mapping[str, Any]) -> Hashable | None:
    """What a province page shows: its province, year and language (nothing else in the address
    changes it); a path that is not a code's shape is not kept (at most 100 codes can be)."""
    code = query.get("code")
    if not isinstance(code, str) or not is_province_code(code):
        return None
    filters = Filters.from_query(query)
    return code, filters.year, filters.lang


def layout(code: object = None, **query: Any) -> Component:
    """The page of one province for the year and language in the URL; unknown codes are not found."""
    return province_page(**{**query, "code": code_in_path(code)})


@cached_page(PATH_TEMPLATE, page_key)
def province_page(code: object = None, **query: Any) -> Component:
    """The page itself, kept per build, province, year and language."""
    filters = Filters.from_query(query)
    filters = Filters(year=filters.year, lang=filters.lang)
    path = f"/province/{code}" if is_province_code(code) else "/"
    if not isinstance(code, str) or not is_province_code(code):
        return not_found_view(filters.lang, "/", page_query(filters))
    try:
        snap = db.snapshot()
        filters = queries.resolve_year(snap, filters)
        profile_frame = queries.province_profile(snap, filters, code)
        if profile_frame.empty:
            return not_found_view(filters.lang, "/", page_query(filters))
        info = DatasetInfo.from_frame(queries.dataset_info(snap, filters))
        years = [int(y) for y in queries.fiscal_years(snap, filters)["fiscal_year"]]
        neighbours = queries.pilot_neighbours(snap, filters, code)
        totals = queries.headline(snap, Filters(year=filters.year)).iloc[0].to_dict()
        mix = queries.goal_mix(snap, filters, code)
        programme = queries.district_programme(snap, filters, code)
        counts = queries.district_category_counts(snap, filters, code)
        history = queries.province_history(snap, filters, code)
    except db.DatabaseUnavailable as exc:
        return error_page(filters.lang, str(exc), path, page_query(filters))
    lang = filters.lang
    profile = profile_frame.iloc[0].to_dict()
    labels = figures.MixLabels(
        province=pick(profile["name_th"], profile["name_en"], lang),
        region=pick(profile["region_th"], profile["region_en"], lang),
        country=t("mix_country", lang),
    )
    cap = captions.caption_context(snap, filters, profile)
    # the browser fetches the geometry once from a cacheable URL; the page carries codes and values
    district_map = figures.district_map(
        programme, province_districts(code), counts, lang, filters.year,
        "district_title_bkk" if code == BANGKOK else "district_title",
        geometry_url=geo_route.district_geojson_url(code) if geo_route.has_districts(code) else None)
    district_body: list[Component] = [graph(ids.DISTRICT_MAP, page_figure(district_map, cap, "districts"))]
    if int(counts["projects"].sum()) == 0 and code != BANGKOK:
        district_body.append(html.P(t("district_no_programme", lang,
                                      year=fy_label(int(filters.year or 0), lang)), className="px-3"))

    body: list[Component] = [
        dcc.Store(id=ids.PROVINCE_STATE, data={"code": code, "year": filters.year, "lang": lang}),
        dcc.Location(id=ids.PROVINCE_NAV, refresh="callback-nav"),
        header(profile, neighbours, filters, years, totals),
        dbc.Row([
            dbc.Col(components_card(profile, filters, totals), lg=5, className="mb-3"),
            dbc.Col(stat_cards(profile, lang), lg=7),
        ], className="g-3"),
        history_card(history, filters),
    ]
    if bool(profile["is_pilot"]):
        body.append(pilot_card(snap, lang))
    body += [
        dbc.Row([
            dbc.Col(dbc.Card(dbc.Row([
                dbc.Col(district_body, xl=8),
                dbc.Col(category_counts(counts, lang), xl=4, className="px-3 pb-3"),
            ], className="g-0"), className="shadow-sm mb-3"), lg=12, xl=7),
            # side by side from 1200 px: at 1024 the goal mix's title and labels did not fit half the width
            dbc.Col(dbc.Card(graph(ids.PROVINCE_GOAL_MIX, page_figure(
                figures.goal_mix_chart(mix, labels, lang, filters.year), cap, "goal-mix")),
                             className="shadow-sm mb-3"), lg=12, xl=5),
        ], className="g-3"),
        export_bar.data_links(filters, code),
        projects_grid(int(profile["projects"]), filters),
    ]
    return page_frame(body, lang, info, lang_switch_href(path, page_query(filters), lang),
                      title=t("page_title_province", lang, name=labels.province),
                      nav_query=page_query(filters))


# ---------------------------------------------------------------- callbacks


@callback(Output(ids.PROVINCE_NAV, "href"), Input(ids.PROVINCE_YEAR, "value"),
          State(ids.PROVINCE_STATE, "data"), prevent_initial_call=True)
def year_changed(year: Any, state: Any) -> str:
    """A new fiscal year reloads the page for that year (the URL keeps the state)."""
    code = state.get("code") if isinstance(state, dict) else None
    if not isinstance(code, str) or not is_province_code(code):
        raise PreventUpdate
    filters = Filters.from_values(year=year, lang=state.get("lang"))
    if filters.year is None:
        raise PreventUpdate
    return province_href(code, filters)


def _grid_filters(state: Any) -> tuple[str, Filters] | None:
    """The province code and filters the grid's store names, or None if the store is not one we wrote."""
    code = state.get("code") if isinstance(state, dict) else None
    if not isinstance(code, str) or not is_province_code(code):
        return None
    filters = Filters.from_values(year=state.get("year"), lang=state.get("lang"))
    return (code, filters) if filters.year is not None else None


@callback(Output(ids.PROJECTS_GRID, "getRowsResponse"), Output(ids.PROVINCE_GRID_COUNT, "children"),
          Input(ids.PROJECTS_GRID, "getRowsRequest"), State(ids.PROVINCE_GRID_SEARCH, "value"),
          State(ids.PROVINCE_STATE, "data"), prevent_initial_call=True)
def grid_block(request: Any, search: Any, state: Any) -> tuple[dict[str, Any], str]:
    """One block of rows for the grid, ordered, filtered and searched in SQL, with the matching count."""
    target = _grid_filters(state)
    if target is None or not isinstance(request, dict):
        raise PreventUpdate
    code, filters = target
    query = grid.parse(request, search)
    try:
        snap = db.snapshot()
        rows = queries.province_projects_page(snap, filters, code, query)
        total = queries.province_projects_count(snap, filters, code, query)
    except db.DatabaseUnavailable as exc:
        raise PreventUpdate from exc
    return {"rowData": grid_rows(rows), "rowCount": total}, grid_count(total, filters.lang)


# The search box asks the grid to drop its cached blocks; the grid then requests them again and
# grid_block reads the new text from the box.
dash.clientside_callback(
    dash.ClientsideFunction(namespace="province", function_name="refreshGrid"),
    Output(ids.PROVINCE_GRID_SEARCH, "className"),
    Input(ids.PROVINCE_GRID_SEARCH, "value"),
    State(ids.PROJECTS_GRID, "id"),
    prevent_initial_call=True,
)
