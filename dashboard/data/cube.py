"""Every overview count from small matrices: the year's projects (by status) and budget per province and goal.

The ETL's `project_status_counts` mart holds at most 77 x 17 x 5 rows per fiscal year. Read once per
database build and year (`queries.year_cube`), it becomes province x goal matrices; the region, pilot and goal
filters are then boolean masks over it, so an interaction costs microseconds of numpy instead of
five SQL queries (each spends 3-5 ms in DuckDB's planner alone, whatever the table size). The frames
returned here have exactly the columns, order and types of the SQL they replace, and
tests/test_scale.py checks their values against SQL on the projects table itself.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.data.cache import size_of
from dashboard.data.state import Filters
from etl.schema import PROJECT_STATUSES

# Status codes in display order; "unknown" holds projects sent without a (known) status.
STATUSES: tuple[str, ...] = (*PROJECT_STATUSES, "unknown")


@dataclass(frozen=True)
class YearCube:
    """One fiscal year: provinces (with their plan for the year), goals, regions and the count matrix."""

    provinces: pd.DataFrame  # by province_code: names, region_code, is_pilot, plan columns, has_plan
    goals: pd.DataFrame      # by goal: goal, short_th, short_en, name_th, name_en, color, is_c1
    regions: pd.DataFrame    # by sort_order: region_code, name_th, name_en, sort_order
    counts: np.ndarray       # int64, provinces x goals
    region_index: np.ndarray  # per province: its row in `regions` (-1 if unknown)
    is_pilot: np.ndarray      # bool per province
    budget: np.ndarray        # float64 baht, provinces x goals
    by_status: np.ndarray     # int64, STATUSES x provinces x goals
    # Plain-array copies of the columns every filter change reads: a pandas column lookup and
    # `isin` cost more than the arithmetic they feed on 77 rows.
    goal_numbers: np.ndarray      # int64 per goal
    province_regions: np.ndarray  # region_code per province (object)
    region_codes: np.ndarray      # region_code per region (object)
    completeness: np.ndarray      # float per province, NaN where not assessed
    has_plan: np.ndarray          # bool per province

    @property
    def nbytes(self) -> int:
        """Memory held, so the query cache can count it against its byte budget."""
        frames = (self.provinces, self.goals, self.regions)
        return int(sum(size_of(f) for f in frames)
                   + self.counts.nbytes + self.region_index.nbytes + self.is_pilot.nbytes
                   + self.budget.nbytes + self.by_status.nbytes + self.goal_numbers.nbytes
                   + size_of(self.provinces["region_code"]) + size_of(self.regions["region_code"])
                   + self.completeness.nbytes + self.has_plan.nbytes)

    @classmethod
    def build(cls, provinces: pd.DataFrame, goals: pd.DataFrame, regions: pd.DataFrame,
              year_facts: pd.DataFrame) -> YearCube:
        """Scatter (province_code, goal, status, projects, budget_thb) rows into the matrices."""
        shape = (len(provinces), len(goals))
        by_status = np.zeros((len(STATUSES), *shape), dtype=np.int64)
        budget = np.zeros(shape, dtype=np.float64)
        if len(year_facts):
            row = pd.Index(provinces["province_code"]).get_indexer(year_facts["province_code"])
            col = pd.Index(goals["goal"]).get_indexer(year_facts["goal"])
            status = pd.Index(STATUSES).get_indexer(year_facts["status"].fillna("unknown"))
            status = np.where(status >= 0, status, len(STATUSES) - 1)
            known = (row >= 0) & (col >= 0)
            np.add.at(by_status, (status[known], row[known], col[known]),
                      year_facts["projects"].to_numpy(dtype=np.int64)[known])
            np.add.at(budget, (row[known], col[known]),
                      year_facts["budget_thb"].to_numpy(dtype=np.float64)[known])
        region_index = pd.Index(regions["region_code"]).get_indexer(provinces["region_code"])
        return cls(provinces=provinces, goals=goals, regions=regions, counts=by_status.sum(axis=0),
                   region_index=region_index, is_pilot=provinces["is_pilot"].to_numpy(dtype=bool),
                   budget=budget, by_status=by_status,
                   goal_numbers=goals["goal"].to_numpy(dtype=np.int64),
                   province_regions=provinces["region_code"].to_numpy(dtype=object),
                   region_codes=regions["region_code"].to_numpy(dtype=object),
                   completeness=provinces["completeness"].to_numpy(dtype=float, na_value=np.nan),
                   has_plan=provinces["has_plan"].to_numpy(dtype=bool))

    def province_mask(self, filters: Filters) -> np.ndarray:
        """Provinces the region and pilot filters keep."""
        keep = np.ones(len(self.provinces), dtype=bool)
        if filters.regions:
            keep &= _member(self.province_regions, filters.regions)
        if filters.pilots_only:
            keep &= self.is_pilot
        return keep

    def pilot_mask(self, filters: Filters) -> np.ndarray:
        """Provinces the pilot filter alone keeps."""
        return self.is_pilot if filters.pilots_only else np.ones(len(self.provinces), dtype=bool)

    def goal_mask(self, filters: Filters) -> np.ndarray:
        """Goals the goal filter keeps (all when none is chosen)."""
        if not filters.goals:
            return np.ones(len(self.goals), dtype=bool)
        return np.isin(self.goal_numbers, list(filters.goals))

    def region_mask(self, filters: Filters) -> np.ndarray:
        """Regions the region filter keeps (all when none is chosen)."""
        if not filters.regions:
            return np.ones(len(self.regions), dtype=bool)
        return _member(self.region_codes, filters.regions)


def _member(values: np.ndarray, chosen: Iterable[str]) -> np.ndarray:
    """values[i] in chosen, as a bool array (a set lookup per value: these arrays are short)."""
    wanted = set(chosen)
    return np.fromiter((v in wanted for v in values), dtype=bool, count=len(values))


STATUS_COLUMNS = ["province_code", "name_th", "name_en", "region_code", "is_pilot", "selected",
                  "has_committee_order", "has_framework", "has_action_plan", "has_project_details",
                  "completeness", "projects", "goal_projects"]


def province_status(cube: YearCube, filters: Filters) -> pd.DataFrame:
    """queries.province_status: one row per province; plan, project counts, selection."""
    goal_ok = cube.goal_mask(filters)
    frame = cube.provinces.assign(
        selected=cube.province_mask(filters),
        projects=cube.counts.sum(axis=1, dtype=np.int64),
        goal_projects=cube.counts[:, goal_ok].sum(axis=1, dtype=np.int64),
    )
    return frame[STATUS_COLUMNS]


def projects_by_goal(cube: YearCube, filters: Filters) -> pd.DataFrame:
    """queries.projects_by_goal: one row per goal; projects and budget in the kept provinces; chosen goals."""
    keep = cube.province_mask(filters)
    return cube.goals[["goal", "short_th", "short_en", "color", "is_c1"]].assign(
        projects=cube.counts[keep].sum(axis=0, dtype=np.int64),
        selected=cube.goal_mask(filters),
        budget_thb=cube.budget[keep].sum(axis=0),
    )


def _by_region(cube: YearCube, matrix: np.ndarray) -> np.ndarray:
    """Sum the rows of a provinces x k matrix into regions x k (in the matrix's number type)."""
    out = np.zeros((len(cube.regions), matrix.shape[1]), dtype=matrix.dtype)
    region = cube.region_index
    known = region >= 0
    np.add.at(out, region[known], matrix[known])
    return out


def projects_by_region(cube: YearCube, filters: Filters) -> pd.DataFrame:
    """queries.projects_by_region: one row per region; projects for the chosen goals; chosen regions."""
    goal_ok, pilot_ok = cube.goal_mask(filters), cube.pilot_mask(filters)
    per_province = np.where(pilot_ok, cube.counts[:, goal_ok].sum(axis=1), 0)
    budget = np.where(pilot_ok, cube.budget[:, goal_ok].sum(axis=1), 0.0)
    return cube.regions[["region_code", "name_th", "name_en", "sort_order"]].assign(
        projects=_by_region(cube, per_province[:, None])[:, 0],
        selected=cube.region_mask(filters),
        budget_thb=_by_region(cube, budget[:, None])[:, 0],
    )


GOAL_COLUMNS = ("goal", "short_th", "short_en")
REGION_COLUMNS = ("region_code", "name_th", "name_en")


def goal_region_counts(cube: YearCube, filters: Filters) -> pd.DataFrame:
    """queries.goal_region_counts: one row per (chosen goal, chosen region), zeros included."""
    cells = _by_region(cube, np.where(cube.pilot_mask(filters)[:, None], cube.counts, 0)).T  # goals x regions
    goal_pos = np.flatnonzero(cube.goal_mask(filters))
    region_pos = np.flatnonzero(cube.region_mask(filters))
    g_idx = np.repeat(goal_pos, len(region_pos))
    r_idx = np.tile(region_pos, len(goal_pos))
    columns = {c: cube.goals[c].take(g_idx).reset_index(drop=True) for c in GOAL_COLUMNS}
    columns |= {c: cube.regions[c].take(r_idx).reset_index(drop=True) for c in REGION_COLUMNS}
    columns["projects"] = pd.Series(cells[g_idx, r_idx].astype(np.int64))
    return pd.DataFrame(columns)


def headline(cube: YearCube, filters: Filters) -> pd.DataFrame:
    """queries.headline: one row of headline figures for the kept provinces, the year and the goals."""
    keep = cube.province_mask(filters)
    goal_ok = cube.goal_mask(filters)
    chosen = cube.counts[keep][:, goal_ok]
    plans = cube.has_plan & keep
    complete = (cube.completeness == 4) & plans
    pilots = cube.is_pilot & keep
    values = {
        "provinces_reported": int(plans.sum()),
        "provinces_total": int(keep.sum()),
        "complete_plans": int(complete.sum()),
        "projects": int(chosen.sum()),
        "goals_covered": int((chosen.sum(axis=0) > 0).sum()),
        "goals_total": len(filters.goals) if filters.goals else len(cube.goals),
        "pilots": int(pilots.sum()),
    }
    return pd.DataFrame({k: np.array([v], dtype=np.int64) for k, v in values.items()})


def projects_by_status(cube: YearCube, filters: Filters) -> pd.DataFrame:
    """queries.projects_by_status: one row per status (all five, "unknown" last); projects and budget
    in the kept provinces for the chosen goals."""
    keep, goal_ok = cube.province_mask(filters), cube.goal_mask(filters)
    shares = cube.by_status[:, keep][:, :, goal_ok]
    return pd.DataFrame({
        "status": list(STATUSES),
        "projects": shares.sum(axis=(1, 2)).astype(np.int64),
    })


COMPLETENESS_CLASSES: tuple[int, ...] = (-1, 0, 1, 2, 3, 4)  # -1: not assessed


def year_summary(cube: YearCube, filters: Filters) -> dict[str, int | float]:
    """One fiscal year of the trend: provinces per completeness class (kept provinces), projects and
    budget (kept provinces, chosen goals)."""
    keep, goal_ok = cube.province_mask(filters), cube.goal_mask(filters)
    classes = np.where(np.isnan(cube.completeness), -1, cube.completeness)[keep]
    summary: dict[str, int | float] = {f"class_{c}": int((classes == c).sum()) for c in COMPLETENESS_CLASSES}
    summary["projects"] = int(cube.counts[keep][:, goal_ok].sum())
    summary["budget_thb"] = float(cube.budget[keep][:, goal_ok].sum())
    return summary
