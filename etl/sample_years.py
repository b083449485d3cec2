"""The sample's years around FY2566: FY2565 before it and FY2567 after it, illustrative, not published.

Only FY2566 has published totals. Each neighbouring year is derived from the FY2566 rows so that
the path looks like monitoring data: most provinces add plan components year on year, a few fall
back, a few report late; project counts and budgets move by goal and region; older projects are
more often completed. FY2565 has exactly four complete plans, so FY2566 reads "7, +3 since 2565".
Every draw comes from a generator seeded by (seed, year): the FY2566 files never change.
"""
from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from etl.sample_common import (
    BANGKOK,
    COASTAL_PROVINCES,
    NO,
    PLAN_COMPONENTS,
    PROJECTS_BY_GOAL,
    YES,
    Province,
    sample_budgets,
)
from etl.sample_vocab import PROVINCE_LEVEL_GOALS

PUBLISHED_YEAR = 2566
EARLIER_COMPLETE = 4  # complete plans in FY2565


@dataclass(frozen=True)
class YearPath:
    """How one illustrative year differs from FY2566."""

    year: int
    region_factor: Mapping[str, float]   # projects per province, by region
    goal_factor: Mapping[int, float]     # projects per goal (the rest stay at 1.0)
    budget_factor: Mapping[str, float]   # budget per project, by region
    statuses: Mapping[str, float]        # shares of project statuses
    district_categories: Mapping[str, int]  # district-programme projects per category (878 districts)


EARLIER = YearPath(
    year=2565,
    region_factor={"north": 0.78, "south": 0.92, "northeast": 0.7, "central": 0.86, "east": 0.8,
                   "west": 0.95},
    goal_factor={1: 1.3, 2: 1.2, 3: 1.4, 13: 0.6, 7: 0.6, 9: 0.7, 12: 0.7, 17: 0.8},
    budget_factor={"north": 0.9, "south": 0.85, "northeast": 0.95, "central": 0.9, "east": 0.8, "west": 0.9},
    statuses={"planned": 0.03, "in_progress": 0.22, "completed": 0.65, "cancelled": 0.1},
    district_categories={"poverty": 610, "water": 142, "other": 54, "drugs": 46, "classroom": 26},
)
LATER = YearPath(
    year=2567,
    region_factor={"north": 1.1, "south": 1.18, "northeast": 1.36, "central": 1.04, "east": 1.25,
                   "west": 1.12},
    goal_factor={13: 1.6, 7: 1.5, 6: 1.3, 12: 1.3, 17: 1.5, 5: 1.6, 3: 0.85, 1: 0.9},
    budget_factor={"north": 1.05, "south": 1.1, "northeast": 1.2, "central": 1.0, "east": 1.15, "west": 1.05},
    statuses={"planned": 0.45, "in_progress": 0.43, "completed": 0.07, "cancelled": 0.05},
    district_categories={"poverty": 498, "water": 196, "other": 68, "drugs": 66, "classroom": 50},
)
PATHS: tuple[YearPath, ...] = (EARLIER, LATER)

# How readily a component is added (committee order easiest), as draw weights in PLAN_COMPONENTS order;
# a province that falls back loses the hardest one most often.
_ADD_WEIGHTS: tuple[float, ...] = (8.0, 4.0, 3.0, 1.0)
_DROP_WEIGHTS: tuple[float, ...] = (1.0, 2.0, 3.0, 6.0)

Components = frozenset[str]


def year_rngs(seed: int, year: int) -> tuple[random.Random, np.random.Generator]:
    """The two generators for one year, independent of every other year's draws."""
    return random.Random(f"{seed}:{year}"), np.random.default_rng([seed, year])


# --- plans -----------------------------------------------------------------------------------------
def plans_of(frame: pd.DataFrame, provinces: Sequence[Province]) -> dict[str, Components]:
    """A plans frame (Thai names, YES/NO columns) as province code -> components present."""
    code_of = {p.name_th: p.code for p in provinces}
    return {code_of[row["province"]]: frozenset(c for c in PLAN_COMPONENTS if row[c] == YES)
            for _, row in frame.iterrows()}


def plans_frame(plans: Mapping[str, Components], provinces: Sequence[Province], year: int) -> pd.DataFrame:
    """Code -> components back as the rows a province sends, in province code order."""
    return pd.DataFrame([
        {"province": p.name_th, "fiscal_year": year,
         **{c: YES if c in plans[p.code] else NO for c in PLAN_COMPONENTS}}
        for p in provinces if p.code in plans
    ])


def _add(have: Components, n: int, rng: random.Random) -> Components:
    """`have` plus up to n missing components, the easier ones likelier."""
    out = set(have)
    for _ in range(n):
        missing = [(c, w) for c, w in zip(PLAN_COMPONENTS, _ADD_WEIGHTS, strict=True) if c not in out]
        if not missing:
            break
        out.add(rng.choices([c for c, _ in missing], weights=[w for _, w in missing])[0])
    return frozenset(out)


def _drop(have: Components, n: int, rng: random.Random) -> Components:
    """`have` less n components (never below one), the harder ones likelier to go."""
    out = set(have)
    for _ in range(n):
        present = [(c, w) for c, w in zip(PLAN_COMPONENTS, _DROP_WEIGHTS, strict=True) if c in out]
        if len(present) <= 1:
            break
        out.discard(rng.choices([c for c, _ in present], weights=[w for _, w in present])[0])
    return frozenset(out)


def earlier_plans(now: Mapping[str, Components], rng: random.Random) -> dict[str, Components]:
    """FY2565 from FY2566, looking back: fewer components mostly, eight provinces did not report yet,
    three fell back in FY2566 (one of them from a complete plan); four plans were complete."""
    codes = sorted(now)
    complete = [c for c in codes if len(now[c]) == 4]
    threes = [c for c in codes if len(now[c]) == 3]
    low = [c for c in codes if len(now[c]) <= 2]
    rng.shuffle(complete)
    rng.shuffle(threes)
    rng.shuffle(low)
    stayed_complete = complete[: EARLIER_COMPLETE - 1]
    was_complete = threes[:1]                  # fell back in FY2566 from a complete plan
    fell_back = low[:2]                        # had one more component in FY2565
    not_yet = set(low[2:10])                   # first reported in FY2566
    before: dict[str, Components] = {}
    for code in codes:
        have = now[code]
        if code in not_yet:
            continue
        if code in stayed_complete:
            before[code] = have
        elif code in was_complete or code in fell_back:
            before[code] = _add(have, 1, rng)
        elif code in complete:
            before[code] = _drop(have, 1, rng)
        else:
            draw = rng.random()
            steps = 2 if draw < 0.12 and len(have) >= 3 else 1 if draw < 0.75 else 0
            before[code] = _drop(have, steps, rng)
    return before


def later_plans(now: Mapping[str, Components], rng: random.Random) -> dict[str, Components]:
    """FY2567 from FY2566: most add a component or two, three fall back, two have not reported yet."""
    codes = sorted(now)
    open_codes = [c for c in codes if len(now[c]) < 4]
    rng.shuffle(open_codes)
    not_yet = set(open_codes[:2])
    fell_back = set(open_codes[2:4]) | {rng.choice([c for c in codes if len(now[c]) == 4])}
    after: dict[str, Components] = {}
    for code in codes:
        have = now[code]
        if code in not_yet:
            continue
        if code in fell_back:
            after[code] = _drop(have, 1, rng)
            continue
        draw = rng.random()
        after[code] = _add(have, 2 if draw < 0.1 else 1 if draw < 0.7 else 0, rng)
    return after


# --- projects --------------------------------------------------------------------------------------
def largest_remainder_total(weights: Mapping[int, float], total: int) -> dict[int, int]:
    """Split `total` over the keys in proportion to `weights` (largest remainder, at least one each)."""
    keys = list(weights)
    scale = (total - len(keys)) / sum(weights.values())
    raw = {k: weights[k] * scale for k in keys}
    out = {k: 1 + int(raw[k]) for k in keys}
    short = total - sum(out.values())
    for k in sorted(keys, key=lambda k: (-(raw[k] - int(raw[k])), k))[:short]:
        out[k] += 1
    return out


def year_province_totals(path: YearPath, reporting: Sequence[Province], now_totals: Mapping[str, int],
                    rng: random.Random) -> dict[str, int]:
    """Projects per province: its FY2566 count moved by its region's factor and some noise."""
    return {p.code: max(1, round(now_totals.get(p.code, 3) * path.region_factor[p.region]
                                 * rng.lognormvariate(0.0, 0.25)))
            for p in reporting}


def goal_totals(path: YearPath, total: int, coastal_slots: int) -> dict[int, int]:
    """Projects per goal summing to `total`: the published mix moved by the year's goal factors."""
    weights = {g: n * path.goal_factor.get(g, 1.0) for g, n in PROJECTS_BY_GOAL.items()}
    out = largest_remainder_total(weights, total)
    marine = sum(out[g] for g in PROVINCE_LEVEL_GOALS)
    if marine > coastal_slots:
        raise ValueError(f"FY{path.year}: {marine} marine projects but only {coastal_slots} coastal slots")
    return out


def scaled_budgets(goals: np.ndarray, regions: Sequence[str], path: YearPath,
                   nprng: np.random.Generator) -> np.ndarray:
    """Budgets drawn as for FY2566, then moved by the region's factor (still 1,000-baht steps)."""
    base = sample_budgets(goals, nprng).astype(float)
    factor = np.array([path.budget_factor[r] for r in regions])
    return ((base * factor / 1000).round().astype(np.int64) * 1000).clip(50_000, 20_000_000)


def coastal_capacity(totals: Mapping[str, int]) -> int:
    """Project slots in coastal provinces (the only ones marine goals may go to)."""
    return sum(n for code, n in totals.items() if code in COASTAL_PROVINCES)


def reporting_provinces(provinces: Sequence[Province], plans: Mapping[str, Components]) -> list[Province]:
    """Provinces with a plan row in the year (never Bangkok): only they send projects."""
    return [p for p in provinces if p.code != BANGKOK and p.code in plans]

