"""A starting worker reads every year's results once, so its first requests run no per-year query."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.data.warm import warm_year_results


def test_after_warming_a_province_page_of_any_year_runs_no_query(snap: db.Snapshot,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    queries.clear_cache()
    assert warm_year_results() == len(queries.years_ascending(snap)) == 3
    ran: list[str] = []
    real = db.Snapshot.df

    def counted(self: db.Snapshot, sql: str, params: Any = None) -> Any:
        ran.append(sql)
        return real(self, sql, params)

    monkeypatch.setattr(db.Snapshot, "df", counted)
    for year in queries.years_ascending(snap):
        filters = Filters(year=year)
        for code in ("10", "50", "96"):
            queries.goal_mix(snap, filters, code)
            queries.district_programme(snap, filters, code)
            queries.district_category_counts(snap, filters, code)
            queries.province_history(snap, filters, code)
            queries.pilot_neighbours(snap, filters, code)
        queries.province_status(snap, filters)
        queries.year_cube(snap, filters)
    assert ran == []


def test_without_a_database_there_is_nothing_to_warm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(db.DB_ENV, str(tmp_path / "missing.duckdb"))
    assert warm_year_results() == 0
