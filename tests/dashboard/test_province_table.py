"""The province table's order: by any column, either way, ties by name, provinces without a value last;
the same order pandas' two-key sort gives (what the table used before it sorted Python lists)."""
from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.i18n import name_col
from dashboard.ui.province_table import COLUMNS, sorted_rows, thai_sort_key


def _pandas_order(status: pd.DataFrame, regions: pd.DataFrame, spec: dict[str, Any], lang: str) -> list[str]:
    order = {code: i for i, code in enumerate(regions["region_code"])}
    names = status[name_col(lang)].astype(str)
    keys = {
        "name": names.map(thai_sort_key) if lang != "en" else names.str.lower(),
        "region": status["region_code"].map(order),
        "completeness": status["completeness"],
        "projects": status["projects"],
        "goal_projects": status["goal_projects"],
        "change": status["change"] if "change" in status else status["projects"],
    }
    frame = status.assign(_key=keys[spec["column"]], _name=names.map(thai_sort_key))
    ordered = frame.sort_values(["_key", "_name"], ascending=[not spec["descending"], True],
                                na_position="last")
    return ordered["province_code"].astype(str).tolist()


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("column", COLUMNS)
def test_every_sort_orders_as_pandas_does(snap: db.Snapshot, base: Filters, lang: str, descending: bool,
                                          column: str) -> None:
    for filters in (base.replace(lang=lang, goals=(3, 11), metric="change"),
                    base.replace(lang=lang, year=2567, regions=("north",))):
        filters = queries.resolve_year(snap, filters)
        status = queries.province_status(snap, filters)
        regions = queries.regions(snap, filters)
        spec = {"column": column, "descending": descending}
        got = [str(row["province_code"]) for row in sorted_rows(status, regions, spec, lang)]
        assert got == _pandas_order(status, regions, spec, lang)
        assert len(got) == 77


def test_provinces_without_a_value_come_last_either_way(snap: db.Snapshot, base: Filters) -> None:
    filters = queries.resolve_year(snap, base.replace(year=2567))
    status = queries.province_status(snap, filters)
    unassessed = int(status["completeness"].isna().sum())
    assert unassessed, "the sample's 2567 has provinces not assessed"
    regions = queries.regions(snap, filters)
    for descending in (False, True):
        rows = sorted_rows(status, regions, {"column": "completeness", "descending": descending}, "th")
        assert all(row["completeness"] is None for row in rows[-unassessed:])
        assert all(row["completeness"] is not None for row in rows[:-unassessed])
