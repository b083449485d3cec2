"""Synthetic national-scale inputs for benchmarks: N projects over all 77 provinces and FY2566-2575.

Everything is drawn with vectorised numpy per fiscal year and written one year per file, so a
1,000,000-project set takes seconds and a small, bounded amount of memory. The values are invented;
`dataset.json` says so and flags the set as a sample.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
from etl.sample_vocab import DISTRICT_TEMPLATES, PROJECT_TEMPLATES, PROVINCE_LEVEL_GOALS
from etl.schema import DISTRICT_PROJECTS, PLANS, PROJECTS

NATIONAL_YEARS: tuple[int, ...] = tuple(range(2566, 2576))
# Later plan years hold more projects: provinces learn the process.
_YEAR_WEIGHTS = np.linspace(1.0, 1.5, len(NATIONAL_YEARS))
# How much each plan component's probability differs from the province's base rate, in
# PLAN_COMPONENTS order (a committee order is the easiest, project details the hardest).
_COMPONENT_PROBABILITY_SHIFT = np.array([0.25, 0.05, 0.0, -0.2])
_YEARLY_IMPROVEMENT = 0.05


def national_dataset(projects: int) -> dict[str, object]:
    """dataset.json for the synthetic set: flagged as sample, and saying it is not official."""
    years = f"{NATIONAL_YEARS[0]}-{NATIONAL_YEARS[-1]}"
    return {
        "source": f"Synthetic national-scale benchmark data: {projects:,} projects, 77 provinces, "
                  f"fiscal years {years}; invented values, not official",
        "source_th": f"ข้อมูลสังเคราะห์ระดับประเทศสำหรับทดสอบประสิทธิภาพ: {projects:,} โครงการ 77 จังหวัด "
                     f"ปีงบประมาณ {years} ค่าทั้งหมดเป็นข้อมูลสมมติ ไม่ใช่ข้อมูลทางราชการ",
        "is_sample": True,
    }


@dataclass(frozen=True)
class Lookups:
    """Per-province and per-template arrays that vectorised draws index into."""

    codes: np.ndarray           # province code per province index
    names: np.ndarray           # Thai province name per province index
    weights: np.ndarray         # probability of a project falling in each province
    coastal: np.ndarray         # bool per province
    province_place: np.ndarray  # "จังหวัดX" (or Bangkok's own name) per province
    district_first: np.ndarray  # index of the province's first district in district_place
    district_count: np.ndarray
    district_place: np.ndarray  # "อำเภอX จังหวัดY" per district, grouped by province
    goal_weights: np.ndarray    # probability of goal 1..17 (index 0..16)
    template_first: np.ndarray  # index 0..17 by goal: first template of that goal
    template_count: np.ndarray
    stems: np.ndarray
    targets: np.ndarray
    agencies: np.ndarray


def build_lookups(provinces: Sequence[Province]) -> Lookups:
    """Flatten provinces, districts and templates into arrays (provinces in code order)."""
    province_place: list[str] = []
    district_place: list[str] = []
    first: list[int] = []
    count: list[int] = []
    for p in provinces:
        unit, place = ("เขต", p.name_th) if p.code == BANGKOK else ("อำเภอ", f"จังหวัด{p.name_th}")
        province_place.append(place)
        first.append(len(district_place))
        count.append(len(p.districts))
        district_place.extend(f"{unit}{name} {place}" for name in p.districts)
    size = np.array(count, dtype=float) ** 0.8
    goals = np.arange(1, 18)
    templates = [t for g in goals for t in PROJECT_TEMPLATES[int(g)]]
    t_count = np.array([0] + [len(PROJECT_TEMPLATES[int(g)]) for g in goals])
    goal_weights = np.array([PROJECTS_BY_GOAL[int(g)] for g in goals], dtype=float)
    return Lookups(
        codes=np.array([p.code for p in provinces], dtype=object),
        names=np.array([p.name_th for p in provinces], dtype=object),
        weights=size / size.sum(),
        coastal=np.array([p.code in COASTAL_PROVINCES for p in provinces]),
        province_place=np.array(province_place, dtype=object),
        district_first=np.array(first),
        district_count=np.array(count),
        district_place=np.array(district_place, dtype=object),
        goal_weights=goal_weights / goal_weights.sum(),
        template_first=np.concatenate([[0], np.cumsum(t_count)[:-1]]),
        template_count=t_count,
        stems=np.array([t.stem for t in templates], dtype=object),
        targets=np.array([t.target for t in templates], dtype=object),
        agencies=np.array([t.agency for t in templates], dtype=object),
    )


def write_national(out_dir: Path, projects: int, seed: int) -> list[Path]:
    """Write plans, one projects file per fiscal year, district projects and dataset.json."""
    if projects < len(NATIONAL_YEARS):
        raise ValueError(f"--projects must be at least {len(NATIONAL_YEARS)} (one per fiscal year "
                         f"{NATIONAL_YEARS[0]}-{NATIONAL_YEARS[-1]}), got {projects}")
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    provinces = load_provinces()
    lookups = build_lookups(provinces)
    years = f"{NATIONAL_YEARS[0]}_{NATIONAL_YEARS[-1]}"
    paths = [write_csv(national_plans(provinces, rng), PLANS, out_dir / f"plans_{years}.csv")]
    # At least one project per year, so every year has a file and no earlier run's file lingers.
    per_year = 1 + rng.multinomial(projects - len(NATIONAL_YEARS), _YEAR_WEIGHTS / _YEAR_WEIGHTS.sum())
    for i, (year, n) in enumerate(zip(NATIONAL_YEARS, per_year, strict=True)):
        frame = national_projects(lookups, year, int(n), i / (len(NATIONAL_YEARS) - 1), rng)
        paths.append(write_csv(frame, PROJECTS, out_dir / f"projects_{year}.csv"))
    paths.append(write_csv(national_district_projects(lookups, provinces, rng), DISTRICT_PROJECTS,
                           out_dir / f"district_projects_{years}.csv"))
    paths.append(write_dataset_json(national_dataset(projects), out_dir / "dataset.json"))
    return paths


def national_plans(provinces: Sequence[Province], rng: np.random.Generator) -> pd.DataFrame:
    """Every province every year; each has a base rate and completes more components as years pass."""
    n_prov, n_year = len(provinces), len(NATIONAL_YEARS)
    base = rng.uniform(0.2, 0.7, n_prov)
    trend = _YEARLY_IMPROVEMENT * np.arange(n_year)
    shift = _COMPONENT_PROBABILITY_SHIFT[None, None, :]
    p = np.clip(base[None, :, None] + trend[:, None, None] + shift, 0.02, 0.98)
    present = rng.random(p.shape) < p  # [year, province, component]
    present[..., 0] |= ~present.any(axis=2)  # a province that reports has at least its committee order
    names = np.array([p.name_th for p in provinces], dtype=object)
    frame = pd.DataFrame({
        "province": np.tile(names, n_year),
        "fiscal_year": np.repeat(NATIONAL_YEARS, n_prov),
    })
    flat = present.reshape(n_year * n_prov, len(PLAN_COMPONENTS))
    return frame.assign(**{c: np.where(flat[:, i], YES, NO) for i, c in enumerate(PLAN_COMPONENTS)})


def national_projects(lk: Lookups, year: int, n: int, age: float, rng: np.random.Generator) -> pd.DataFrame:
    """n projects of one fiscal year, sorted by province; `age` 0..1 moves statuses from done to planned."""
    province = np.sort(rng.choice(len(lk.codes), size=n, p=lk.weights))
    goal = rng.choice(17, size=n, p=lk.goal_weights) + 1
    inland_marine = np.isin(goal, list(PROVINCE_LEVEL_GOALS)) & ~lk.coastal[province]
    other = lk.goal_weights.copy()
    other[[g - 1 for g in PROVINCE_LEVEL_GOALS]] = 0.0
    goal[inland_marine] = rng.choice(17, size=int(inland_marine.sum()), p=other / other.sum()) + 1
    template = lk.template_first[goal] + (rng.random(n) * lk.template_count[goal]).astype(np.int64)
    district = lk.district_first[province] + (rng.random(n) * lk.district_count[province]).astype(np.int64)
    in_district = (rng.random(n) < 0.5) & ~np.isin(goal, list(PROVINCE_LEVEL_GOALS))
    place = np.where(in_district, lk.district_place[district], lk.province_place[province])
    seq = np.arange(n) - np.searchsorted(province, province, side="left") + 1
    width = max(4, len(str(int(seq.max()))))
    ids = pd.Series(lk.codes[province]) + f"-{year}-" + pd.Series(seq).astype(str).str.zfill(width)
    shares = {"planned": 0.5 * age, "in_progress": 0.18 + 0.18 * age,
              "completed": 0.77 - 0.68 * age, "cancelled": 0.05}
    return pd.DataFrame({
        "project_id": ids,
        "province": lk.names[province],
        "fiscal_year": year,
        "title": lk.stems[template] + " " + place,
        "goal": goal,
        "target": lk.targets[template],
        "agency": lk.agencies[template],
        "budget_thb": sample_budgets(goal, rng),
        "status": sample_statuses(n, rng, shares),
    })


def national_district_projects(lk: Lookups, provinces: Sequence[Province],
                               rng: np.random.Generator) -> pd.DataFrame:
    """One district-programme project per district (Bangkok's included) per fiscal year."""
    categories = read_reference("district_categories")
    names_th = dict(zip(categories["category"], categories["name_th"], strict=True))
    keys = list(DISTRICT_PROJECTS_BY_CATEGORY)
    p = np.array([DISTRICT_PROJECTS_BY_CATEGORY[k] for k in keys], dtype=float)
    district = np.array([name for prov in provinces for name in prov.districts], dtype=object)
    province = np.array([prov.name_th for prov in provinces for _ in prov.districts], dtype=object)
    n_dist, n_year = len(district), len(NATIONAL_YEARS)
    category = rng.choice(len(keys), size=n_dist * n_year, p=p / p.sum())
    stems = [np.array(DISTRICT_TEMPLATES[k], dtype=object) for k in keys]
    pick = rng.random(n_dist * n_year)
    stem = np.empty(n_dist * n_year, dtype=object)
    for i, options in enumerate(stems):
        mask = category == i
        stem[mask] = options[(pick[mask] * len(options)).astype(np.int64)]
    return pd.DataFrame({
        "district": np.tile(district, n_year),
        "province": np.tile(province, n_year),
        "fiscal_year": np.repeat(NATIONAL_YEARS, n_dist),
        "category": np.array([names_th[k] for k in keys], dtype=object)[category],
        "title": stem + " " + np.tile(lk.district_place, n_year),
    })
