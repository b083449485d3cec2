"""The overview layout is built once per database build and address, and never outlives the build."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from dashboard.data import db
from dashboard.data.page_cache import cached_page


@pytest.fixture
def own_db(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "sdg.duckdb"
    shutil.copy(sample_db, path)
    monkeypatch.setenv(db.DB_ENV, str(path))
    return path


def test_same_address_same_build_reuses_the_page(own_db: Path) -> None:
    calls: list[dict[str, object]] = []

    @cached_page
    def layout(**query: object) -> object:
        calls.append(query)
        return object()

    first = layout(goal="3")
    assert layout(goal="3") is first
    assert layout(goal="4") is not first
    assert len(calls) == 2


def test_a_rebuild_is_never_served_stale(own_db: Path) -> None:
    @cached_page
    def layout(**query: object) -> object:
        return object()

    before = layout()
    replacement = own_db.with_name("new.duckdb")
    shutil.copy(own_db, replacement)
    os.replace(replacement, own_db)  # what the ETL does: a new file renamed into place
    assert layout() is not before


def test_nothing_is_kept_while_the_database_is_missing(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(db.DB_ENV, str(tmp_path / "missing.duckdb"))

    @cached_page
    def layout(**query: object) -> object:
        return object()

    assert layout() is not layout()


def test_overview_layout_is_cached(own_db: Path, dash_app: ModuleType) -> None:
    from dashboard.pages import overview

    assert overview.layout(lang="en", goal="2") is overview.layout(lang="en", goal="2")
