"""Serialise Dash responses with orjson walking the component tree itself.

Dash turns every response into JSON with plotly's `to_json_plotly`. Given a component tree, that
first lets orjson fail on the first component, then rebuilds the whole tree in Python
(`clean_to_json_compatible`, one call per node) and serialises the copy: on the overview, about
20,000 calls and most of the response's server time. Here orjson serialises the tree directly and
asks back only for what it cannot write itself (a component, a figure, a pandas value), which it gets
in the form plotly's own cleaning would have produced. The output is the same string.
"""
from __future__ import annotations

from typing import Any

import orjson
import plotly.io.json as plotly_json
from plotly.io import _json as plotly_json_impl

_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
_plotly_to_json = plotly_json.to_json_plotly


def _plain(value: Any) -> Any:
    """What orjson cannot write, as plotly's cleaning would make it."""
    to_plotly_json = getattr(value, "to_plotly_json", None)
    if callable(to_plotly_json):
        return to_plotly_json()
    return plotly_json_impl.clean_to_json_compatible(
        value, numpy_allowed=True, datetime_allowed=True, modules=_modules())


def _modules() -> dict[str, Any]:
    return {"sage_all": None, "np": plotly_json_impl.get_module("numpy", should_load=False),
            "pd": plotly_json_impl.get_module("pandas", should_load=False),
            "image": plotly_json_impl.get_module("PIL.Image", should_load=False)}


def to_json(value: Any, pretty: bool = False, engine: str | None = None) -> str:
    """plotly's `to_json_plotly` (same arguments, same output) without its per-node Python pass."""
    if pretty or engine == "json":
        return _plotly_to_json(value, pretty=pretty, engine=engine)
    try:
        text = orjson.dumps(value, default=_plain, option=_OPTIONS).decode("utf8")
    except TypeError:
        return _plotly_to_json(value, engine=engine)
    return plotly_json_impl._safe(text, plotly_json_impl._swap_orjson)


def install() -> None:
    """Make Dash's responses use `to_json` (Dash looks `to_json_plotly` up on each call)."""
    plotly_json.to_json_plotly = to_json
