"""Every URL the app writes (page links, exports, language switch), built from the page state so no
link can drop it."""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode

from dashboard.data.state import Filters
from dashboard.i18n import DEFAULT_LANG


def page_query(filters: Filters) -> str:
    """The canonical query string of a province or pilots page: year and language only."""
    return Filters(year=filters.year, lang=filters.lang).to_query()


def province_href(code: str, filters: Filters) -> str:
    """The page of a province, keeping the year and the language."""
    # written out, not urlencoded: a year is digits and "en" needs no escaping, and the overview
    # writes 77 of these for every new page
    pairs = [f"year={int(filters.year)}"] if filters.year is not None else []
    if filters.lang == "en":
        pairs.append("lang=en")
    return f"/province/{code}" + (f"?{'&'.join(pairs)}" if pairs else "")


def data_attrs(**values: object) -> dict[str, Any]:
    """HTML data-* attributes for a Dash component (`data_attrs(province="50")`), for tests and CSS."""
    return {f"data-{key.replace('_', '-')}": str(value) for key, value in values.items()}


def aria_attrs(**values: object) -> dict[str, Any]:
    """HTML aria-* attributes for a Dash component (`aria_attrs(live="polite")`)."""
    return {f"aria-{key.replace('_', '-')}": str(value) for key, value in values.items()}


def with_lang(path: str, query: str, lang: str) -> str:
    """`path?query` with its `lang` parameter set (Thai, the default, is left out)."""
    pairs = [(k, v) for k, v in parse_qsl(query.lstrip("?"), keep_blank_values=True) if k != "lang"]
    if lang != DEFAULT_LANG:
        pairs.append(("lang", lang))
    encoded = urlencode(pairs, safe=",")
    return f"{path}?{encoded}" if encoded else path


def lang_switch_href(path: str, query: str, lang: str) -> str:
    """Where the language switch leads: the same page and state in the other language."""
    return with_lang(path, query, "th" if lang == "en" else "en")


def with_params(query: str, **extra: str) -> str:
    """`query` with the `extra` parameters set (an empty value removes the parameter)."""
    pairs = [(k, v) for k, vs in parse_qs(query, keep_blank_values=False).items() for v in vs
             if k not in extra]
    pairs += [(k, v) for k, v in extra.items() if v]
    return urlencode(pairs, safe=",")


def export_hrefs(query: str, province: str | None = None) -> dict[str, str]:
    """The export URLs for a page's query (and province)."""
    q = with_params(query, province=province or "")
    suffix = f"?{q}" if q else ""
    return {
        "slides": f"/export/slides.pptx{suffix}",
        "csv": f"/export/data.csv{suffix}",
        "xlsx": f"/export/data.xlsx{suffix}",
        "present": f"/?{with_params(query, present='1')}",
    }
