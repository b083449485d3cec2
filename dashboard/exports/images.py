"""One view as a PNG rendered on the server: what the camera button on every chart downloads.

The overview's figures are built here as the overview builds them (same queries, same builders,
same filters and measure); a province's are the slide deck's (the page draws the same three).
Captioned as on the page and laid out for a stand-alone picture, the PNG is drawn in Sarabun
whatever fonts the user's machine has.
"""
from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go

from dashboard import figures
from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.exports import slides
from dashboard.exports.captions import CaptionContext, caption
from geo import drawing_boundaries

PROVINCE_VIEWS: tuple[str, ...] = ("map", "goal-mix", "districts")


def _map(snap: db.Snapshot, f: Filters) -> go.Figure:
    settings = figures.MapSettings(lang=f.lang, metric=f.metric, goals=f.goals, year=f.year,
                                   prev_year=queries.previous_year(snap, f))
    return go.Figure(figures.province_map(queries.province_status(snap, f), drawing_boundaries("provinces"),
                                          settings))


OVERVIEW_BUILDERS: dict[str, Callable[[db.Snapshot, Filters], go.Figure]] = {
    "map": _map,
    "goals": lambda snap, f: go.Figure(figures.goal_chart(queries.projects_by_goal(snap, f), f.lang, f.year,
                                                          f.measure)),
    "regions": lambda snap, f: go.Figure(figures.region_chart(queries.projects_by_region(snap, f), f.lang,
                                                              f.year, f.measure)),
    "heatmap": lambda snap, f: go.Figure(figures.goal_region_heatmap(queries.goal_region_counts(snap, f),
                                                                     f.lang, f.year)),
    "trend": lambda snap, f: go.Figure(figures.trend_chart(queries.trend(snap, f), f.lang)),
    "status": lambda snap, f: go.Figure(figures.status_chart(queries.projects_by_status(snap, f), f.lang,
                                                             f.year)),
}
OVERVIEW_VIEWS: tuple[str, ...] = tuple(OVERVIEW_BUILDERS)


class UnknownView(LookupError):
    """The `view` parameter names no chart of the page."""


def views_for(ctx: CaptionContext) -> tuple[str, ...]:
    """The views a page has: the overview's charts, or a province page's three."""
    return PROVINCE_VIEWS if ctx.province_code else OVERVIEW_VIEWS


def view_figure(snap: db.Snapshot, ctx: CaptionContext, view: str) -> go.Figure:
    """The captioned figure of `view` for these filters (and province), as the page shows it."""
    if view not in views_for(ctx):
        raise UnknownView(view)
    if ctx.province_code:
        figure = next(v.figure for v in slides.province_views(snap, ctx) if v.key == view)
    else:
        figure = OVERVIEW_BUILDERS[view](snap, ctx.filters)
    return caption(figure, ctx, view, wide=True)
