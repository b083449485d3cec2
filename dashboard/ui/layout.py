"""The shell every page shares: navbar (title, Overview/Pilots links, language switch),
the sample-data banner, the footer (data source, build date, boundary attribution), and the
friendly page shown when the database cannot be read.

Pages call `page_frame(body, lang, ...)` from their `layout()`, so the whole page, shell
included, is rendered in the language of the URL.
"""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.data.dataset import DatasetInfo
from dashboard.i18n import t
from dashboard.ui import ids
from dashboard.ui.links import aria_attrs, data_attrs, lang_switch_href, with_lang


def navbar(lang: str, lang_href: str, active: str, nav_query: str = "") -> dbc.Navbar:
    """Title, the two top-level pages (keeping the page's `nav_query`: its year) and the language switch."""

    def link(key: str, path: str, link_id: str) -> dbc.NavItem:
        return dbc.NavItem(dbc.NavLink(t(key, lang), href=with_lang(path, nav_query, lang), id=link_id,
                                       active=active == path, className="fs-5"))

    return dbc.Navbar(
        dbc.Container(
            [
                html.A(
                    [html.Div(t("app_title", lang), className="fs-4 fw-bold lh-sm"),
                     html.Div(t("app_subtitle", lang), className="small opacity-75")],
                    href=with_lang("/", nav_query, lang), className="navbar-brand text-wrap",
                ),
                dbc.Nav(
                    [link("nav_overview", "/", ids.NAV_OVERVIEW),
                     link("nav_pilots", "/pilots", ids.NAV_PILOTS)],
                    navbar=True, className="me-auto",
                ),
                # the switch is written in the other language, and says so to screen readers
                dcc.Link(html.Span(t("lang_switch", lang), lang="en" if lang == "th" else "th"),
                         href=lang_href, id=ids.LANG_TOGGLE, title=t("lang_switch_title", lang),
                         className="btn btn-outline-light fs-6"),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        className="mb-2 py-2",
    )


def sample_banner(info: DatasetInfo | None, lang: str) -> html.Div | None:
    """A warning on every page while the database holds sample data."""
    if info is not None and not info.is_sample:
        return None
    return dbc.Alert(t("sample_banner", lang), id=ids.SAMPLE_BANNER, color="warning",
                     className="py-2 mb-2 fw-semibold text-center fs-6")


def footer(info: DatasetInfo | None, lang: str) -> html.Footer:
    """Data source, database build date and the boundary attribution."""
    lines = []
    if info is not None:
        lines.append(html.Div([t("footer_source", lang, source=info.source_in(lang)), " · ",
                               t("footer_built", lang, date=info.built_in(lang))]))
    lines.append(html.Div(t("boundary_credit", lang), className="small"))
    lines.append(html.Div(t("boundary_disclaimer", lang), className="small"))
    return html.Footer(lines, id=ids.FOOTER, className="border-top mt-4 pt-2 pb-3 px-3 text-muted")


def page_frame(body: Component | list[Component], lang: str, info: DatasetInfo | None,
               lang_href: str, active: str = "", title: str = "", nav_query: str = "",
               present: bool = False) -> html.Div:
    """A page: skip link, navbar, sample banner, the page body, footer; `nav_query` (the page's year)
    is kept by the navbar's links; `present` turns on meeting mode's styles (assets/present.css).

    The frame carries its language and tab title (`data-title`); assets/a11y.js copies both onto the
    document, since Dash swaps pages without reloading `<html>`.
    """
    return html.Div(
        [
            html.A(t("skip_to_content", lang), href=f"#{ids.MAIN_CONTENT}", className="skip-link"),
            navbar(lang, lang_href, active, nav_query),
            dbc.Container([sample_banner(info, lang), html.Main(body, id=ids.MAIN_CONTENT, tabIndex="-1")],
                          fluid=True, className="px-3"),
            footer(info, lang),
            export_status(lang),
        ],
        lang=lang,
        className="page-frame present-mode" if present else "page-frame",
        **data_attrs(title=title or t("app_title", lang)),
    )


def export_status(lang: str) -> html.Div:
    """Where the camera button says what became of a chart's image (assets/export.js writes its texts,
    which it takes from these data attributes, in the page's language); empty, it takes no room."""
    return html.Div(id=ids.EXPORT_STATUS, role="status", className="export-status",
                    **aria_attrs(live="polite"),
                    **data_attrs(retrying=t("camera_retrying", lang), refused=t("camera_refused", lang),
                                 saved=t("camera_saved", lang)))


def error_page(lang: str, detail: str, path: str = "/", query: str = "") -> html.Div:
    """Shown instead of a page when the database is missing or damaged (never a 500)."""
    body = dbc.Alert(
        [html.H1(t("db_error_title", lang), className="h3"),
         html.P(t("db_error_body", lang)),
         html.P(t("db_error_detail", lang, detail=detail), className="small text-muted mb-0")],
        id=ids.DB_ERROR, color="danger", className="mt-4",
    )
    return page_frame(body, lang, None, lang_switch_href(path, query, lang), active=path,
                      title=t("db_error_title", lang))


def app_layout() -> html.Div:
    """The root layout: Dash pages renders each page (with its own frame) into the container."""
    return html.Div([dash.page_container])
