"""What both sample generators share: the published FY2566 figures they draw from, the province facts
they place projects in, the budget and status draws, and how a generated file is written.

`etl.sample` (the FY2566 set that reproduces the seed) and `etl.sample_national` (the synthetic
national-scale set) both import from here, so neither imports the other.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from etl.reference import read_reference
from etl.schema import PROJECT_STATUSES, Dataset

BANGKOK = "10"
# The answers a province writes in a plan-component column.
YES, NO = "มี", "ไม่มี"

# --- Published figures (seed, FY2566) -------------------------------------------------------------
# Projects per goal. Goals 2, 11, 8 (largest) and 14, 17, 5 (smallest) are published; the other
# eleven are illustrative values chosen strictly between 12 and 56 so that the published ranking holds.
PROJECTS_BY_GOAL: dict[int, int] = {
    1: 52, 2: 106, 3: 48, 4: 44, 5: 9, 6: 50, 7: 30, 8: 56, 9: 28,
    10: 36, 11: 68, 12: 46, 13: 40, 14: 12, 15: 54, 16: 52, 17: 11,
}
# District-programme projects per category.
DISTRICT_PROJECTS_BY_CATEGORY: dict[str, int] = {
    "poverty": 554, "water": 170, "other": 61, "drugs": 55, "classroom": 38,
}

# Provinces with a sea coast (the 23 coastal provinces less Bangkok); goal 14 projects go only here.
COASTAL_PROVINCES: frozenset[str] = frozenset({
    "11", "20", "21", "22", "23", "24", "74", "75", "76", "77",
    "80", "81", "82", "83", "84", "85", "86", "90", "91", "92", "94", "96",
})

# The four plan components in the committee's order.
PLAN_COMPONENTS: tuple[str, ...] = (
    "has_committee_order", "has_framework", "has_action_plan", "has_project_details",
)

# Shift of the log-normal budget's mean per goal: infrastructure goals cost more, advocacy less.
_BUDGET_SHIFT: dict[int, float] = {6: 0.6, 9: 0.8, 11: 0.4, 7: 0.3, 4: -0.2, 16: -0.3, 5: -0.5, 17: -0.5}
MIN_BUDGET, MAX_BUDGET = 50_000, 20_000_000


@dataclass(frozen=True)
class Province:
    """The few facts about a province the generators need."""

    code: str
    name_th: str
    region: str
    districts: tuple[str, ...]  # Thai district names as in data/reference/districts.csv


def load_provinces() -> list[Province]:
    """All 77 provinces in code order, each with its districts in code order."""
    provinces = read_reference("provinces").sort_values("province_code")
    districts = read_reference("districts").sort_values("district_code")
    by_province: dict[str, list[str]] = {}
    for code, name in zip(districts["province_code"], districts["name_th"], strict=True):
        by_province.setdefault(code, []).append(name)
    return [
        Province(code, name, region, tuple(by_province.get(code, ())))
        for code, name, region in zip(
            provinces["province_code"], provinces["name_th"], provinces["region_code"], strict=True
        )
    ]


def sample_budgets(goals: np.ndarray, nprng: np.random.Generator) -> np.ndarray:
    """Budgets in baht: log-normal around 800,000 (larger for infrastructure goals), rounded to 1,000."""
    shift = np.array([_BUDGET_SHIFT.get(int(g), 0.0) for g in range(18)])[goals]
    raw = nprng.lognormal(mean=np.log(800_000) + shift, sigma=1.0)
    return (np.clip(raw, MIN_BUDGET, MAX_BUDGET) / 1000).round().astype(np.int64) * 1000


def sample_statuses(n: int, nprng: np.random.Generator, shares: Mapping[str, float]) -> np.ndarray:
    """Thai status names drawn with the given shares."""
    keys = list(shares)
    p = np.array([shares[k] for k in keys])
    names = np.array([PROJECT_STATUSES[k][0] for k in keys], dtype=object)
    return names[nprng.choice(len(keys), size=n, p=p / p.sum())]


def write_csv(frame: pd.DataFrame, dataset: Dataset, path: Path) -> Path:
    """CSV as a province would send it: UTF-8 with BOM, the Thai headers of `dataset`, '\\n' line ends."""
    headers = {c.name: c.header_th for c in dataset.columns if c.name in frame.columns}
    ordered = frame[list(headers)].rename(columns=headers)
    ordered.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


def write_dataset_json(meta: Mapping[str, object], path: Path) -> Path:
    """The provenance note the loader copies into the `dataset` table."""
    path.write_text(json.dumps(dict(meta), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
