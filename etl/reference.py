"""Committed reference tables (data/reference/*.csv), read as plain DataFrames.

One place knows where they live and what types their columns have; the ETL loads them into
DuckDB and the resolver reads province names from them.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"

# table name -> dtype overrides (codes are text: "10", "1001", "11.a")
_DTYPES: dict[str, dict[str, str]] = {
    "provinces": {"province_code": "string", "iso_code": "string", "region_code": "string"},
    "regions": {"region_code": "string", "sort_order": "int64"},
    "sdg_goals": {"goal": "int64", "color": "string"},
    "pilots": {"pilot_order": "int64", "province_code": "string"},
    "moi_roles": {"role": "string", "goal": "int64", "target": "string"},
    "districts": {"district_code": "string", "province_code": "string"},
    "district_categories": {"category": "string", "sort_order": "int64"},
    "sdg_targets": {"target": "string", "goal": "int64", "sort_order": "int64"},
    "pilot_milestones": {"milestone": "string", "kind": "string", "start_date": "string",
                         "end_date": "string"},
}

REFERENCE_TABLES: tuple[str, ...] = tuple(_DTYPES)


@cache
def _read(name: str, directory: Path) -> pd.DataFrame:
    return pd.read_csv(directory / f"{name}.csv", dtype=_DTYPES[name], encoding="utf-8",
                       keep_default_na=False)


def read_reference(name: str, directory: Path = REFERENCE_DIR) -> pd.DataFrame:
    """A copy of one reference table; callers may not mutate the cached frame."""
    if name not in _DTYPES:
        raise KeyError(f"unknown reference table {name!r}; known: {', '.join(REFERENCE_TABLES)}")
    return _read(name, directory).copy()
