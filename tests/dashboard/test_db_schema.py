"""A database file from an older ETL (without the project_counts mart) gets the friendly error page."""
from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import duckdb
import pytest
from dash.exceptions import PreventUpdate

from dashboard.data import db
from dashboard.ui import ids


@pytest.fixture
def old_build(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "old.duckdb"
    shutil.copy(sample_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("DROP TABLE project_counts")
    monkeypatch.setenv(db.DB_ENV, str(path))
    return path


def test_old_build_is_reported_not_crashed(old_build: Path, dash_app: ModuleType) -> None:
    with pytest.raises(db.DatabaseUnavailable, match=r"older ETL.*project_counts.*python -m etl build"):
        db.snapshot()
    from dashboard.pages import overview

    page = overview.layout(lang="en")
    assert ids.DB_ERROR in str(page.to_plotly_json())
    with pytest.raises(PreventUpdate):
        overview.update_overview(2566, [2], [], False, "completeness", "en")


def test_build_without_a_newer_column_is_reported(sample_db: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.duckdb"
    shutil.copy(sample_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("ALTER TABLE dataset DROP COLUMN source_th")
    monkeypatch.setenv(db.DB_ENV, str(path))
    with pytest.raises(db.DatabaseUnavailable, match=r"older ETL.*dataset\.source_th"):
        db.snapshot()


def test_current_build_opens(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(db.DB_ENV, str(sample_db))
    assert db.snapshot().df("SELECT count(*) AS n FROM project_counts")["n"].iloc[0] > 0
