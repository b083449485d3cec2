"""The pages' charts: each figure sent as plain data, under its title and filters line as page text,
in a box as tall as it asks.

A page captions figures as plain dicts, as the builders make them: plotly validates every property
set on a Figure, and on a page of six charts that validation cost more server time than querying and
drawing the data. Exports wrap the dicts in Figures, which kaleido renders.
"""
from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.exports import captions
from dashboard.exports.captions import PageChart
from dashboard.ui.links import aria_attrs

DEFAULT_HEIGHT = 450  # Dash's own graph box
CHART_CLASS = "chart"
TITLE_CLASS = "chart-title"
SUBTITLE_CLASS = "chart-subtitle"
CAPTION_CLASS = "chart-caption"


def page_figure(fig: dict[str, Any], ctx: captions.CaptionContext, view: str) -> PageChart:
    """The chart as the page shows it: a builder's plain dict captioned, its title as page text."""
    return captions.page_chart(fig, ctx, view)


def title_id(graph_id: str) -> str:
    """The id of a chart's title heading, which callbacks rewrite when the filters change."""
    return f"{graph_id}-title"


def subtitle_id(graph_id: str) -> str:
    """The id of the line under a chart's title that names the filters in force."""
    return f"{graph_id}-subtitle"


def graph(graph_id: str, chart: PageChart) -> html.Div:
    """The chart's title (a heading that names the chart for screen readers) and filters line, a
    responsive graph whose box is as tall as the figure asks (Dash's default box is 450 px), and the
    caption lines under it."""
    figure = chart.figure
    height = figure.get("layout", {}).get("height") or DEFAULT_HEIGHT
    config: Any = captions.with_image_button(captions.GRAPH_CONFIG, figure)  # dcc types it as a TypedDict
    return html.Div([
        html.H2(chart.title, id=title_id(graph_id), className=TITLE_CLASS),
        html.P(chart.subtitle, id=subtitle_id(graph_id), className=SUBTITLE_CLASS),
        # the graph's room is held while dcc loads its graph code, which draws nothing meanwhile:
        # the caption lines under it would jump down when it arrived
        html.Div(dcc.Graph(id=graph_id, figure=figure, config=config, responsive=True,
                           style={"height": f"{height}px"}), style={"minHeight": f"{height}px"}),
        html.Div("\n".join(chart.notes), className=CAPTION_CLASS),  # a line each (white-space: pre-line)
    ], role="figure", className=CHART_CLASS, **aria_attrs(labelledby=title_id(graph_id)))
