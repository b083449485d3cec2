"""Dash dropdowns that speak the page's language: Dash draws "Search", "Select All" and "2 selected"
in English unless every label is given."""
from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.i18n import t

_LABEL_KEYS: tuple[str, ...] = ("select_all", "deselect_all", "selected_count", "search", "clear_search",
                                "clear_selection", "no_options_found")


def dropdown_labels(lang: str) -> Any:  # dcc types `labels` as a TypedDict
    """Every text Dash's dropdown draws itself, in `lang` (`{num_selected}` is filled by Dash)."""
    return {key: t(f"dropdown_{key}", lang, num_selected="{num_selected}") for key in _LABEL_KEYS}


def dropdown_slot(dropdown: dcc.Dropdown) -> html.Div:
    """The dropdown in a box that holds its height (assets/03-accessibility.css) while Dash fetches the
    dropdown's code: without it the controls below jumped down about 140 px once the page had drawn,
    under a finger or pointer about to use them."""
    return html.Div(dropdown, className="dropdown-slot")
