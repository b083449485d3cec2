"""Summaries of repeated measurements: median, p95 (nearest rank) and friends."""
from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return float(ordered[rank - 1])


def summary(values: Sequence[float], digits: int = 2) -> dict[str, float | int]:
    """n, median, p95, mean, min and max, rounded for the results file."""
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "median": round(statistics.median(values), digits),
        "p95": round(percentile(values, 95), digits),
        "mean": round(statistics.fmean(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
    }


def ratio(ours: float | None, theirs: float | None) -> float | None:
    """How many times smaller ours is than theirs (theirs / ours), or None when not measurable."""
    if not ours or theirs is None:
        return None
    return round(theirs / ours, 1)
