"""All 77 provinces as a table with the map's current values: the map's text alternative, and a way
to reach every province by keyboard. Sortable by any column; each name links to the province's page
(keeping year and language); it follows the overview's filters like the map does."""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import figures
from dashboard.data import db, queries
from dashboard.data.records import records
from dashboard.data.state import Filters
from dashboard.i18n import fy_label, goals_phrase, name_col, number, pick, t
from dashboard.ui import ids
from dashboard.ui.links import aria_attrs, data_attrs, province_href
from dashboard.ui.plain_html import Element, element, link
from dashboard.ui.static_html import StaticHtml, to_html

COLUMNS: tuple[str, ...] = ("name", "region", "completeness", "projects", "goal_projects", "change")
DEFAULT_SORT: dict[str, Any] = {"column": "name", "descending": False}
NOTE_CLASS = "small province-table-note"  # the pilot and "outside the filters" notes after a name
_THAI_LEADING_VOWELS = "เแโใไ"


_THAI_MARKS = dict.fromkeys(map(ord, "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"))  # tones, ็ ์ ํ


def thai_sort_key(name: str) -> str:
    """Thai dictionary order, closely enough for 77 names: a leading vowel (เ แ โ ใ ไ) sorts after the
    consonant it is written before, and tone marks count only to break ties."""
    if len(name) > 1 and name[0] in _THAI_LEADING_VOWELS:
        name = name[1] + name[0] + name[2:]
    return name.translate(_THAI_MARKS) + "\x00" + name


def sort_spec(value: Any) -> dict[str, Any]:
    """A sort as the table's store holds it; anything unexpected is the default (by name)."""
    if isinstance(value, dict) and value.get("column") in COLUMNS:
        return {"column": value["column"], "descending": bool(value.get("descending"))}
    return dict(DEFAULT_SORT)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or value != value  # NaN is not equal to itself


def sorted_rows(status: pd.DataFrame, regions: pd.DataFrame, spec: dict[str, Any],
                lang: str) -> list[dict[str, Any]]:
    """The provinces' rows in the requested order, ties by name; provinces with no value (not assessed)
    always come last. Sorted as Python lists: pandas' two-key sort cost 2 ms for 77 rows."""
    rows = records(status)
    names = [str(row[name_col(lang)]) for row in rows]
    by_name = [thai_sort_key(name) for name in names]
    column = spec["column"]
    if column == "name":
        keys: list[Any] = by_name if lang != "en" else [name.lower() for name in names]
    elif column == "region":
        order = {code: i for i, code in enumerate(regions["region_code"].tolist())}
        keys = [order.get(row["region_code"]) for row in rows]
    else:
        keys = [row[column if column != "change" or "change" in status else "projects"] for row in rows]
    ranked = sorted(range(len(rows)), key=by_name.__getitem__)
    valued = [i for i in ranked if not _missing(keys[i])]
    valued.sort(key=keys.__getitem__, reverse=bool(spec["descending"]))  # stable: ties stay by name
    return [rows[i] for i in valued + [i for i in ranked if _missing(keys[i])]]


def _header(column: str, label: str, spec: dict[str, Any], numeric: bool) -> html.Th:
    """A column header whose button sorts by the column; aria-sort says how the table is sorted now."""
    active = spec["column"] == column
    arrow = ("▼" if spec["descending"] else "▲") if active else "↕"
    sort = ("descending" if spec["descending"] else "ascending") if active else "none"
    return html.Th(
        html.Button([label, html.Span(arrow, className="ms-1", **aria_attrs(hidden="true"))],
                    id={"type": ids.PROVINCE_TABLE_SORT, "column": column}, type="button",
                    className="btn btn-link p-0 fw-semibold text-decoration-none text-reset sort-button"),
        scope="col", className="text-end" if numeric else "", **aria_attrs(sort=sort),
    )


def _completeness(value: Any, lang: str) -> str:
    return t("prov_not_assessed", lang) if pd.isna(value) else t("n_of_total", lang, n=int(value), total=4)


def table_children(status: pd.DataFrame, regions: pd.DataFrame, filters: Filters,
                   spec: dict[str, Any]) -> list[Any]:
    """Caption, header and one row per province, in the sort's order (the rows as plain elements)."""
    lang = filters.lang
    region_names = {r["region_code"]: r[name_col(lang)] for r in records(regions)}
    columns = [("name", t("pilots_col_province", lang), False),
               ("region", t("pilots_col_region", lang), False),
               ("completeness", t("pilots_col_completeness", lang), True),
               ("projects", t("pilots_col_projects", lang), True)]
    if filters.goals:
        goals = goals_phrase(filters.goals, lang)
        columns.append(("goal_projects", t("ptable_goal_projects", lang, goals=goals), True))
    with_change = filters.metric == "change" and "change" in status
    if with_change:
        columns.append(("change", t("legend_change", lang), True))
    rows: list[Element] = []
    for row in sorted_rows(status, regions, spec, lang):
        code = str(row["province_code"])
        name = pick(row["name_th"], row["name_en"], lang)
        cells: list[Element] = [
            element("Th", [link(name, province_href(code, filters)),
                           element("Span", f" ◆ {t('ptable_pilot', lang)}", className=NOTE_CLASS)
                           if bool(row["is_pilot"]) else None,
                           None if bool(row["selected"]) else
                           element("Span", f" ({t('ptable_outside', lang)})", className=NOTE_CLASS)],
                    scope="row"),
            element("Td", region_names.get(row["region_code"], "")),
            element("Td", _completeness(row["completeness"], lang), className="text-end"),
            element("Td", number(row["projects"]), className="text-end"),
        ]
        if filters.goals:
            cells.append(element("Td", number(row["goal_projects"]), className="text-end"))
        if with_change:
            cells.append(element("Td", figures.change_words(row, lang), className="text-end"))
        rows.append(element("Tr", cells, className="" if bool(row["selected"]) else "province-row-outside",
                            **data_attrs(province=code, selected=int(bool(row["selected"])))))
    caption = t("ptable_caption", lang, year=fy_label(int(filters.year or 0), lang))
    return [
        html.Caption(caption, className="caption-top fw-semibold text-body"),
        html.Thead(html.Tr([_header(c, label, spec, numeric) for c, label, numeric in columns]),
                   className="sticky-top bg-white"),
        StaticHtml(to_html(rows), tag="tbody"),
    ]


def province_table(status: pd.DataFrame, regions: pd.DataFrame, filters: Filters) -> dbc.Card:
    """The card: a heading, then the scrollable table (a focusable region, so keys can scroll it)."""
    lang = filters.lang
    return dbc.Card(dbc.CardBody([
        html.H2(t("ptable_title", lang), id=ids.PROVINCE_TABLE_TITLE, className="h5"),
        html.Div(
            html.Table(table_children(status, regions, filters, DEFAULT_SORT), id=ids.PROVINCE_TABLE,
                       className="table table-sm table-hover align-middle mb-0"),
            className="province-table-scroll", tabIndex="0", role="region",
            **aria_attrs(labelledby=ids.PROVINCE_TABLE_TITLE),
        ),
        dcc.Store(id=ids.PROVINCE_TABLE_SORT_STATE, data=DEFAULT_SORT),
    ]), className="shadow-sm mb-3")


def status_text(status: pd.DataFrame, filters: Filters) -> str:
    """One sentence for screen readers after a filter change: provinces kept and their projects."""
    kept = status[status["selected"].astype(bool)]
    column = "goal_projects" if filters.goals else "projects"
    return t("overview_status", filters.lang, provinces=number(len(kept)),
             projects=number(kept[column].sum()), year=fy_label(int(filters.year or 0), filters.lang))


@callback(
    Output(ids.PROVINCE_TABLE, "children"),
    Output(ids.PROVINCE_TABLE_SORT_STATE, "data"),
    Output(ids.OVERVIEW_STATUS, "children"),
    Input(ids.OVERVIEW_QUERY, "data"),
    Input({"type": ids.PROVINCE_TABLE_SORT, "column": ALL}, "n_clicks"),
    State(ids.PROVINCE_TABLE_SORT_STATE, "data"),
    prevent_initial_call=True,
)
def update_table(query: Any, _clicks: Any, current: Any) -> tuple[list[Any], dict[str, Any], Any]:
    """New filters or a header clicked: the table with the map's values, in the chosen order; new
    filters are also announced."""
    spec = sort_spec(current)
    trigger = ctx.triggered_id
    sorting = isinstance(trigger, dict)
    if isinstance(trigger, dict) and trigger.get("column") in COLUMNS:
        if not ctx.triggered[0].get("value"):
            raise PreventUpdate  # a header drawn anew, not clicked
        same = spec["column"] == trigger["column"]
        spec = {"column": trigger["column"], "descending": not spec["descending"] if same else
                trigger["column"] != "name" and trigger["column"] != "region"}
    filters = Filters.from_query(parse_qs(query[:4096] if isinstance(query, str) else ""))
    try:
        snap = db.snapshot()
        filters = queries.resolve_year(snap, filters)
        status = queries.province_status(snap, filters)
        regions = queries.regions(snap, filters)
    except db.DatabaseUnavailable as exc:
        raise PreventUpdate from exc
    announcement = no_update if sorting else status_text(status, filters)
    return table_children(status, regions, filters, spec), spec, announcement
