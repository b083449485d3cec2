"""Links between pages that keep the page state (fiscal year, language) in the URL."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dashboard.state import Filters


def page_query(filters: Filters) -> str:
    """The canonical query string of a province or pilots page: year and language only."""
    return Filters(year=filters.year, lang=filters.lang).to_query()


def province_href(code: str, filters: Filters) -> str:
    """The page of a province, keeping the year and the language."""
    pairs = [("year", str(filters.year))] if filters.year is not None else []
    if filters.lang == "en":
        pairs.append(("lang", "en"))
    return f"/province/{code}" + (f"?{urlencode(pairs)}" if pairs else "")


def data_attrs(**values: object) -> dict[str, Any]:
    """HTML data-* attributes for a Dash component (`data_attrs(province="50")`), for tests and CSS."""
    return {f"data-{key.replace('_', '-')}": str(value) for key, value in values.items()}
