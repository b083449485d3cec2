"""How a province's plan moved since the previous fiscal year: the progress label and the change-map class.

The rule (written out for readers in docs/progress.md and the overview's "how to read this" note):
a province with no plan row in the year is *not assessed*; with no earlier fiscal year in the data
there is nothing to compare; a plan with components after none (no row or 0 of 4) the year before is
*new*; otherwise more components than the year before is *improved*, fewer *declined*, the same
*unchanged*. Completeness is the count of the four plan components (NULL: not assessed).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

PROGRESS_LABELS: tuple[str, ...] = ("improved", "unchanged", "declined", "new", "not_assessed")
NO_COMPARISON = "no_comparison"  # the first fiscal year in the data

# Change-map classes beside the signed change in components (-4..+4), as z values of the map.
CHANGE_NOT_ASSESSED = -7
CHANGE_NO_PLAN_EITHER = -6
CHANGE_NO_COMPARISON = -5
CHANGE_NEW = 5


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def progress_label(now: object, before: object, has_previous_year: bool) -> str:
    """The label for one province: completeness this year and the year before (None/NaN: no plan row)."""
    if _missing(now):
        return "not_assessed"
    if not has_previous_year:
        return NO_COMPARISON
    had = 0 if _missing(before) else int(before)  # type: ignore[call-overload]
    has = int(now)  # type: ignore[call-overload]
    if had == 0:
        return "new" if has > 0 else "unchanged"
    return "improved" if has > had else "declined" if has < had else "unchanged"


def change_class(now: object, before: object, has_previous_year: bool) -> int:
    """The change map's z: components gained or lost, or one of the classes distinct from zero."""
    if _missing(now):
        return CHANGE_NOT_ASSESSED
    if not has_previous_year:
        return CHANGE_NO_COMPARISON
    had = 0 if _missing(before) else int(before)  # type: ignore[call-overload]
    has = int(now)  # type: ignore[call-overload]
    if had == 0:
        return CHANGE_NEW if has > 0 else CHANGE_NO_PLAN_EITHER
    return has - had


def plan_change(now: pd.DataFrame, before: pd.DataFrame | None) -> pd.DataFrame:
    """One row per province of `now` (province_code, completeness): the year before's completeness,
    the signed change, the map class and the progress label (`before` None: the first year)."""
    previous = (before.set_index("province_code")["completeness"] if before is not None
                else pd.Series(dtype=float))
    prev = now["province_code"].map(previous).astype(float)
    cur = now["completeness"].astype(float)
    has_prev = before is not None
    classes = [change_class(c, p, has_prev) for c, p in zip(cur, prev, strict=True)]
    return pd.DataFrame({
        "province_code": now["province_code"].to_numpy(),
        "completeness": cur.to_numpy(),
        "completeness_prev": prev.to_numpy(),
        "change": np.array(classes, dtype=np.int64),
        "progress": [progress_label(c, p, has_prev) for c, p in zip(cur, prev, strict=True)],
    })
