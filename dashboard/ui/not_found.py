"""The friendly not-found view: shown for unknown paths and for province codes that do not exist.

It says what went wrong in the page language and offers a way back (overview, pilots); it never
shows a traceback. The not-found page module and the province page both render it.
"""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data import db, queries
from dashboard.data.dataset import DatasetInfo
from dashboard.data.state import Filters
from dashboard.i18n import t
from dashboard.ui import ids
from dashboard.ui.layout import page_frame
from dashboard.ui.links import lang_switch_href, with_lang
from etl.reference import read_reference


def dataset_info_or_none(filters: Filters) -> DatasetInfo | None:
    """What the banner and footer say about the database, or None when it cannot be read."""
    try:
        return DatasetInfo.from_frame(queries.dataset_info(db.snapshot(), filters))
    except db.DatabaseUnavailable:
        return None


def not_found_view(lang: str, path: str = "/", query: str = "") -> html.Div:
    """The whole page (shell included) telling the user the page does not exist, with links back."""
    body = dbc.Alert(
        [
            html.H1(t("nf_title", lang), className="h2"),
            html.P(t("nf_body", lang, total=len(read_reference("provinces"))), className="fs-5"),
            html.Div([
                dcc.Link(t("nf_home", lang), href=with_lang("/", "", lang), id=ids.NOT_FOUND_HOME,
                         className="btn btn-primary btn-lg me-2 mb-2"),
                dcc.Link(t("nf_pilots", lang), href=with_lang("/pilots", "", lang),
                         className="btn btn-outline-primary btn-lg mb-2"),
            ]),
        ],
        id=ids.NOT_FOUND, color="light", className="mt-4 border shadow-sm p-4",
    )
    info = dataset_info_or_none(Filters(lang=lang))
    # the language switch keeps the user on this page; an unparseable path falls back to the overview
    safe_path = path if path.startswith("/") and len(path) < 200 else "/"
    return page_frame(body, lang, info, lang_switch_href(safe_path, query, lang), title=t("nf_title", lang))
