"""Dash dropdowns that speak the page's language: Dash draws "Search", "Select All" and "2 selected"
in English unless every label is given."""
from __future__ import annotations

from typing import Any

from dashboard.i18n import t

_LABEL_KEYS: tuple[str, ...] = ("select_all", "deselect_all", "selected_count", "search", "clear_search",
                                "clear_selection", "no_options_found")


def dropdown_labels(lang: str) -> Any:  # dcc types `labels` as a TypedDict
    """Every text Dash's dropdown draws itself, in `lang` (`{num_selected}` is filled by Dash)."""
    return {key: t(f"dropdown_{key}", lang, num_selected="{num_selected}") for key in _LABEL_KEYS}
