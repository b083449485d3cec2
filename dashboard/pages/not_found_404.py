"""Not found: Dash pages shows this module for every path no page claims (e.g. `/nowhere`)."""
from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.data.state import Filters
from dashboard.i18n import t
from dashboard.server.page_status import request_lang
from dashboard.ui.not_found import not_found_view

# `exists` False: the server answers this page (and every path no page claims) with a 404 status
dash.register_page(__name__, path="/404", name="Not found", title=lambda **_: t("nf_title", "th"),
                   description=lambda **_: t("meta_not_found", request_lang()), exists=lambda **_: False)


def layout(**query: Any) -> Component:
    """The friendly not-found page in the language of the URL (`?lang=en`), with a way back."""
    filters = Filters.from_query(query)
    return not_found_view(filters.lang, "/", filters.to_query())
