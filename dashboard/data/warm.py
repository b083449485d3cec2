"""A worker reads the current build's per-year results as it starts, before it takes a request.

Every request a fresh worker answers would otherwise start by computing them (a year's cube, the
province profiles, the province pages' per-year queries: about 50 ms a year), and the first crowd
after a restart paid for them several times over, while it queued. Pages themselves are not drawn
here: which addresses people open is theirs to say.
"""
from __future__ import annotations

import logging

from dashboard.data import db, queries
from dashboard.data.state import Filters

log = logging.getLogger(__name__)


def warm_year_results() -> int:
    """Compute and keep the results every page of a year reads, for every year; the number of years
    read (0 when there is no database yet: the first request will say so)."""
    try:
        snap = db.snapshot()
        years = queries.years_ascending(snap)
        for year in years:
            filters = Filters(year=year)
            queries.year_cube(snap, filters)
            queries.province_status(snap, filters)
            queries.province_profiles(snap, filters)
            queries.goal_mix_all(snap, filters)
            queries.district_programme_all(snap, filters)
            queries.district_category_counts_all(snap, filters)
        queries.province_history_all(snap, Filters())
        queries.pilot_ring(snap, Filters())
    except db.DatabaseUnavailable as exc:
        log.info("nothing to warm: %s", exc)
        return 0
    return len(years)
