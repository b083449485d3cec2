"""The pages' charts: each figure sent as plain data, captioned, in a box as tall as it asks.

A page captions figures as plain dicts (the overview's builders make dicts; a Figure is converted
once): plotly validates every property set on a Figure, and on a page of six charts that validation
cost more server time than querying and drawing the data. Exports use Figures, which kaleido renders.
"""
from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import dcc

from dashboard.exports import captions

DEFAULT_HEIGHT = 450  # Dash's own graph box


def page_figure(fig: go.Figure | dict[str, Any], ctx: captions.CaptionContext, view: str) -> dict[str, Any]:
    """The figure as the page sends it: a plain dict with its caption (a builder's dict is used as is)."""
    plain: dict[str, Any] = fig if isinstance(fig, dict) else fig.to_plotly_json()
    captions.caption(plain, ctx, view)
    return plain


def graph(graph_id: str, figure: dict[str, Any]) -> dcc.Graph:
    """A responsive graph whose box is as tall as the figure asks (Dash's default box is 450 px)."""
    height = figure.get("layout", {}).get("height") or DEFAULT_HEIGHT
    config: Any = captions.with_image_button(captions.GRAPH_CONFIG, figure)  # dcc types it as a TypedDict
    return dcc.Graph(id=graph_id, figure=figure, config=config, responsive=True,
                     style={"height": f"{height}px"})
