"""Bundled sample inputs that reproduce every figure the MOI SDG committee published for FY2566,
with illustrative FY2565 and FY2567 around it (see `etl.sample_years`).

The seed (meeting 1/2566, 24 April 2566) gives only totals: plan completeness counts, projects by
region and by goal, district projects by category. This module spreads those totals over provinces,
goals and districts deterministically so that the loaded database reproduces each total exactly while
the per-province values stay plausible but illustrative. `write_sample(out, projects=N)` instead writes
the synthetic national-scale benchmark set (see `etl.sample_national`).
"""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from etl.reference import read_reference
from etl.sample_common import (
    BANGKOK,
    COASTAL_PROVINCES,
    DISTRICT_PROJECTS_BY_CATEGORY,
    NO,
    PLAN_COMPONENTS,
    PROJECTS_BY_GOAL,
    YES,
    Province,
    load_provinces,
    sample_budgets,
    sample_statuses,
    write_csv,
    write_dataset_json,
)
from etl.sample_national import write_national
from etl.sample_vocab import (
    DISTRICT_TEMPLATES,
    PROJECT_TEMPLATES,
    PROVINCE_LEVEL_GOALS,
    TITLE_SUFFIXES,
    ProjectTemplate,
)
from etl.sample_years import (
    PATHS,
    Components,
    YearPath,
    coastal_capacity,
    earlier_plans,
    goal_totals,
    later_plans,
    plans_frame,
    plans_of,
    reporting_provinces,
    scaled_budgets,
    year_province_totals,
    year_rngs,
)
from etl.schema import DISTRICT_PROJECTS, PLANS, PROJECTS

FISCAL_YEAR = 2566

SAMPLE_DATASET: dict[str, object] = {
    "source": (
        "Sample data generated to match the totals of the MOI SDG committee meeting 1/2566 "
        "(24 April 2566) for fiscal year 2566; fiscal years 2565 and 2567 are illustrative; "
        "per-province values are illustrative, not official"
    ),
    "source_th": (
        "ข้อมูลตัวอย่าง สร้างให้ตรงกับยอดรวมที่รายงานในการประชุม คกก. SDGs กระทรวงมหาดไทย "
        "ครั้งที่ 1/2566 (24 เมษายน 2566) สำหรับปีงบประมาณ 2566 ส่วนปีงบประมาณ 2565 และ 2567 เป็นข้อมูลสมมติ "
        "ตัวเลขรายจังหวัดเป็นข้อมูลสมมติ ไม่ใช่ข้อมูลทางราชการ"
    ),
    "is_sample": True,
    "default_year": FISCAL_YEAR,  # open on the year whose totals were published
}

# --- Published figures (seed, FY2566) -------------------------------------------------------------
# The seven provinces whose plans had all four components, in the order the seed names them.
COMPLETE_PLAN_PROVINCES: tuple[str, ...] = ("24", "30", "21", "16", "11", "71", "17")
PROVINCES_BY_COMPLETENESS: dict[int, int] = {4: 7, 3: 15, 2: 34, 1: 20}
PROJECTS_BY_REGION: dict[str, int] = {
    "north": 287, "south": 131, "northeast": 122, "central": 86, "east": 67, "west": 49,
}
# How readily provinces produce each plan component, as relative draw weights in PLAN_COMPONENTS order
# (a committee order is the easiest, project details the hardest).
_COMPONENT_WEIGHTS: tuple[float, ...] = (8.0, 4.0, 3.0, 1.0)

# Regional leanings that make the goal mix look like the regions (multipliers on an even spread).
_GOAL_AFFINITY: dict[str, dict[int, float]] = {
    "north": {15: 1.8, 13: 1.6, 2: 1.3, 8: 1.2},
    "northeast": {1: 1.5, 2: 1.4, 6: 1.4, 10: 1.2},
    "central": {11: 1.3, 9: 1.3, 12: 1.3, 6: 1.2},
    "east": {9: 1.5, 12: 1.4, 8: 1.3, 14: 1.5},
    "west": {15: 1.4, 8: 1.3, 10: 1.2},
    "south": {14: 2.0, 8: 1.4, 16: 1.5},
}
_CATEGORY_AFFINITY: dict[str, dict[str, float]] = {
    "north": {"drugs": 1.6},
    "northeast": {"water": 1.5, "drugs": 1.2},
    "central": {"water": 1.3, "other": 1.3},
    "east": {"other": 1.3},
    "west": {"drugs": 1.2},
    "south": {"drugs": 1.4},
}
_STATUS_SHARES: dict[str, float] = {"planned": 0.2, "in_progress": 0.5, "completed": 0.25, "cancelled": 0.05}


def write_sample(out_dir: Path, projects: int | None = None, seed: int = 2566) -> list[Path]:
    """Write the FY2565-2567 sample (projects=None) or an N-project national set into out_dir; return files.

    FY2566 is drawn first from its own generators, so the neighbouring years never change its rows.
    """
    if projects is not None:
        return write_national(Path(out_dir), projects, seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    provinces = load_provinces()
    frames = {FISCAL_YEAR: (sample_plans(provinces, rng), sample_projects(provinces, rng, nprng),
                            sample_district_projects(provinces, rng))}
    now_plans = plans_of(frames[FISCAL_YEAR][0], provinces)
    now_totals = frames[FISCAL_YEAR][1]["project_id"].str[:2].value_counts().to_dict()
    for path in PATHS:
        year_rng, year_nprng = year_rngs(seed, path.year)
        plans = (earlier_plans if path.year < FISCAL_YEAR else later_plans)(now_plans, year_rng)
        frames[path.year] = (
            plans_frame(plans, provinces, path.year),
            sample_year_projects(path, provinces, plans, now_totals, year_rng, year_nprng),
            sample_district_projects(provinces, year_rng, path.district_categories, path.year),
        )
    written = []
    for year in sorted(frames):
        plans_rows, project_rows, district_rows = frames[year]
        written += [
            write_csv(plans_rows, PLANS, out / f"plans_{year}.csv"),
            write_csv(project_rows, PROJECTS, out / f"projects_{year}.csv"),
            write_csv(district_rows, DISTRICT_PROJECTS, out / f"district_projects_{year}.csv"),
        ]
    return [*written, write_dataset_json(SAMPLE_DATASET, out / "dataset.json")]


# --- plans -----------------------------------------------------------------------------------------
def sample_plans(provinces: Sequence[Province], rng: random.Random) -> pd.DataFrame:
    """One row per reporting province (all but Bangkok) with the published completeness counts."""
    reporting = [p for p in provinces if p.code != BANGKOK]
    others = [p.code for p in reporting if p.code not in COMPLETE_PLAN_PROVINCES]
    rng.shuffle(others)
    levels = [count for count, n in sorted(PROVINCES_BY_COMPLETENESS.items(), reverse=True) if count < 4
              for _ in range(n)]
    if len(levels) != len(others) or len(COMPLETE_PLAN_PROVINCES) != PROVINCES_BY_COMPLETENESS[4]:
        raise ValueError("plan completeness counts do not add up to the reporting provinces")
    completeness = {**dict.fromkeys(COMPLETE_PLAN_PROVINCES, 4), **dict(zip(others, levels, strict=True))}
    rows = []
    for p in reporting:
        present = pick_components(completeness[p.code], rng)
        rows.append({
            "province": p.name_th,
            "fiscal_year": FISCAL_YEAR,
            **{c: YES if c in present else NO for c in PLAN_COMPONENTS},
        })
    return pd.DataFrame(rows)


def pick_components(count: int, rng: random.Random) -> set[str]:
    """Which `count` components a province has: the easier ones (committee order first) are likelier."""
    pool = list(zip(PLAN_COMPONENTS, _COMPONENT_WEIGHTS, strict=True))
    chosen: set[str] = set()
    for _ in range(count):
        pick = rng.choices(range(len(pool)), weights=[w for _, w in pool])[0]
        chosen.add(pool.pop(pick)[0])
    return chosen


# --- projects --------------------------------------------------------------------------------------
def sample_projects(provinces: Sequence[Province], rng: random.Random,
                    nprng: np.random.Generator) -> pd.DataFrame:
    """742 projects whose counts by region and by goal are both exactly the published ones."""
    reporting = [p for p in provinces if p.code != BANGKOK]
    totals = province_totals(reporting, PROJECTS_BY_REGION, rng)
    goals = assign_goals(reporting, totals, PROJECTS_BY_GOAL, rng)
    frame = project_rows(reporting, goals, FISCAL_YEAR, rng).drop(columns="region")
    return frame.assign(
        budget_thb=sample_budgets(frame["goal"].to_numpy(), nprng),
        status=sample_statuses(len(frame), nprng, _STATUS_SHARES),
    )


def project_rows(reporting: Sequence[Province], goals: Mapping[str, list[int]], year: int,
                 rng: random.Random) -> pd.DataFrame:
    """One row per project of each province's goals: a template's title, target and agency."""
    rows = []
    for p in reporting:
        used: set[str] = set()
        for seq, goal in enumerate(sorted(goals[p.code]), start=1):
            template = rng.choice(PROJECT_TEMPLATES[goal])
            rows.append({
                "project_id": f"{p.code}-{year}-{seq:03d}",
                "province": p.name_th,
                "region": p.region,
                "fiscal_year": year,
                "title": unique_title(template, goal, p, used, rng, year),
                "goal": goal,
                "target": template.target,
                "agency": template.agency,
            })
    return pd.DataFrame(rows)


def sample_year_projects(path: YearPath, provinces: Sequence[Province], plans: Mapping[str, Components],
                         now_totals: Mapping[str, int], rng: random.Random,
                         nprng: np.random.Generator) -> pd.DataFrame:
    """An illustrative year's projects: provinces with a plan that year, counts and budgets moved
    by region and goal from FY2566, statuses of the year's age."""
    reporting = reporting_provinces(provinces, plans)
    totals = year_province_totals(path, reporting, now_totals, rng)
    by_goal = goal_totals(path, sum(totals.values()), coastal_capacity(totals))
    goals = assign_goals(reporting, totals, by_goal, rng)
    frame = project_rows(reporting, goals, path.year, rng)
    return frame.assign(
        budget_thb=scaled_budgets(frame["goal"].to_numpy(), frame["region"].tolist(), path, nprng),
        status=sample_statuses(len(frame), nprng, path.statuses),
    ).drop(columns="region")


def province_totals(provinces: Sequence[Province], by_region: Mapping[str, int],
                    rng: random.Random) -> dict[str, int]:
    """Split each region's total over its provinces by size (district count), at least one each."""
    totals: dict[str, int] = {}
    for region, total in by_region.items():
        members = [p for p in provinces if p.region == region]
        weights = [len(p.districts) ** 0.8 * rng.lognormvariate(0.0, 0.15) for p in members]
        shares = largest_remainder([1] * len(members), weights, total - len(members))
        totals.update({p.code: n for p, n in zip(members, shares, strict=True)})
    return totals


def largest_remainder(base: Sequence[int], weights: Sequence[float], extra: int) -> list[int]:
    """Add `extra` units to `base` in proportion to `weights`, rounding by largest remainder."""
    if extra < 0:
        raise ValueError("fewer units than the minimum of one per member")
    scale = extra / sum(weights)
    raw = [w * scale for w in weights]
    out = [b + int(r) for b, r in zip(base, raw, strict=True)]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - int(raw[i])), i))
    for i in order[: extra - sum(int(r) for r in raw)]:
        out[i] += 1
    return out


def assign_goals(provinces: Sequence[Province], totals: Mapping[str, int], by_goal: Mapping[int, int],
                 rng: random.Random) -> dict[str, list[int]]:
    """Deal goal labels into province slots so both margins hold; marine goals go to coastal ones only."""
    labels = [g for g, n in by_goal.items() for _ in range(n)]
    rng.shuffle(labels)
    labels.sort(key=lambda g: g not in PROVINCE_LEVEL_GOALS)  # constrained labels first: always feasible
    capacity = dict(totals)
    region = {p.code: p.region for p in provinces}
    dealt: dict[str, list[int]] = {p.code: [] for p in provinces}
    for goal in labels:
        open_codes = [c for c, n in capacity.items()
                      if n > 0 and (goal not in PROVINCE_LEVEL_GOALS or c in COASTAL_PROVINCES)]
        weights = [capacity[c] * _GOAL_AFFINITY[region[c]].get(goal, 1.0) for c in open_codes]
        code = rng.choices(open_codes, weights=weights)[0]
        capacity[code] -= 1
        dealt[code].append(goal)
    return dealt


def unique_title(template: ProjectTemplate, goal: int, province: Province, used: set[str],
                 rng: random.Random, year: int = FISCAL_YEAR) -> str:
    """A Thai title naming the province or one of its districts, different from the province's others."""
    for attempt in range(60):
        if goal in PROVINCE_LEVEL_GOALS or not province.districts or rng.random() < 0.45:
            place = f"จังหวัด{province.name_th}"
        else:
            district = rng.choice(province.districts)
            place = f"อำเภอ{district}" if rng.random() < 0.45 else f"อำเภอ{district} จังหวัด{province.name_th}"
        title = f"{template.stem} {place}"
        if attempt > 3 or rng.random() < 0.1:
            title += " " + rng.choice(TITLE_SUFFIXES).format(year=year)
        if title not in used:
            used.add(title)
            return title
    raise RuntimeError(f"could not find a distinct title for goal {goal} in {province.name_th}")


# --- district projects -----------------------------------------------------------------------------
def sample_district_projects(provinces: Sequence[Province], rng: random.Random,
                             by_category: Mapping[str, int] = DISTRICT_PROJECTS_BY_CATEGORY,
                             year: int = FISCAL_YEAR) -> pd.DataFrame:
    """One project per district outside Bangkok with the given count per category (default: published)."""
    category_th = dict(zip(*[read_reference("district_categories")[c] for c in ("category", "name_th")],
                           strict=True))
    slots = [(p, d) for p in provinces if p.code != BANGKOK for d in p.districts]
    if len(slots) != sum(by_category.values()):
        raise ValueError(f"{len(slots)} districts outside Bangkok but the category counts add to "
                         f"{sum(by_category.values())}")
    remaining = Counter(by_category)
    order = list(range(len(slots)))
    rng.shuffle(order)
    category_of: dict[int, str] = {}
    for i in order:
        region = slots[i][0].region
        open_cats = [c for c in by_category if remaining[c] > 0]
        weights = [remaining[c] * _CATEGORY_AFFINITY[region].get(c, 1.0) for c in open_cats]
        category_of[i] = rng.choices(open_cats, weights=weights)[0]
        remaining[category_of[i]] -= 1
    rows = []
    for i, (p, name) in enumerate(slots):
        category = category_of[i]
        rows.append({
            "district": name,
            "province": p.name_th,
            "fiscal_year": year,
            "category": category_th[category],
            "title": f"{rng.choice(DISTRICT_TEMPLATES[category])} อำเภอ{name} จังหวัด{p.name_th}",
        })
    return pd.DataFrame(rows)
