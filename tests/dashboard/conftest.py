"""Dashboard test fixtures: the app pointed at the real ETL build of the bundled sample."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from dashboard.data import db, queries
from dashboard.data.state import Filters


@pytest.fixture
def sample_env(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """SDG_DB points at the sample build for the duration of one test."""
    monkeypatch.setenv(db.DB_ENV, str(sample_db))
    yield sample_db


@pytest.fixture
def snap(sample_env: Path) -> db.Snapshot:
    """A snapshot of the sample build."""
    return db.snapshot()


@pytest.fixture
def base(snap: db.Snapshot) -> Filters:
    """Default filters with the year resolved (the sample's only year, 2566)."""
    return queries.resolve_year(snap, Filters())


@pytest.fixture(scope="session")
def dash_app() -> ModuleType:
    """The app module (creating the Dash app registers the pages and their callbacks)."""
    import app

    return app


@pytest.fixture
def overview(dash_app: ModuleType) -> ModuleType:
    """The overview page module, imported the way Dash pages imported it."""
    from dashboard.pages import overview

    return overview
