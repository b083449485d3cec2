"""The pages' charts: each figure sent as plain data, captioned, in a box as tall as it asks.

A page captions figures as plain dicts, as the builders make them: plotly validates every property
set on a Figure, and on a page of six charts that validation cost more server time than querying and
drawing the data. Exports wrap the dicts in Figures, which kaleido renders.
"""
from __future__ import annotations

from typing import Any

from dash import dcc

from dashboard.exports import captions

DEFAULT_HEIGHT = 450  # Dash's own graph box


def page_figure(fig: dict[str, Any], ctx: captions.CaptionContext, view: str) -> dict[str, Any]:
    """The figure as the page sends it: a builder's plain dict with its caption."""
    return captions.caption(fig, ctx, view)


def graph(graph_id: str, figure: dict[str, Any]) -> dcc.Graph:
    """A responsive graph whose box is as tall as the figure asks (Dash's default box is 450 px)."""
    height = figure.get("layout", {}).get("height") or DEFAULT_HEIGHT
    config: Any = captions.with_image_button(captions.GRAPH_CONFIG, figure)  # dcc types it as a TypedDict
    return dcc.Graph(id=graph_id, figure=figure, config=config, responsive=True,
                     style={"height": f"{height}px"})
