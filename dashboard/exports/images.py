"""One view as a PNG rendered on the server: what the camera button on every chart downloads.

The views and their figures are the slide deck's (the page builds the same figures), captioned
as on the page and laid out for a stand-alone picture, so the PNG is drawn in Sarabun whatever
fonts the user's machine has.
"""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard.data import db
from dashboard.exports import slides
from dashboard.exports.captions import CaptionContext, caption

OVERVIEW_VIEWS: tuple[str, ...] = ("map", "goals", "regions", "heatmap")
PROVINCE_VIEWS: tuple[str, ...] = ("map", "goal-mix", "districts")


class UnknownView(LookupError):
    """The `view` parameter names no chart of the page."""


def views_for(ctx: CaptionContext) -> tuple[str, ...]:
    """The views a page has: the overview's four, or a province page's three."""
    return PROVINCE_VIEWS if ctx.province_code else OVERVIEW_VIEWS


def view_figure(snap: db.Snapshot, ctx: CaptionContext, view: str) -> go.Figure:
    """The captioned figure of `view` for these filters (and province), as the page shows it."""
    if view not in views_for(ctx):
        raise UnknownView(view)
    built = slides.province_views(snap, ctx) if ctx.province_code else slides.overview_views(snap, ctx)
    figure = next(v.figure for v in built if v.key == view)
    return caption(figure, ctx, view, wide=True)
