"""Which versions a listing marks as interrupted, on a real store: only those still running when
nobody holds the publish lock, never one that finished while the listing looked."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from intake import publish_jobs
from intake.config import Settings
from intake.models import FAILED, RUNNING, SUCCEEDED, Build, User
from intake.store import file_lock, session


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    made = Settings(tmp_path / "intake", tmp_path / "base", tmp_path / "published" / "sdg.duckdb")
    made.ensure_folders()
    return made


def _running_version(settings: Settings) -> int:
    with session(settings) as db:
        user = User(name="secretariat1", role="secretariat", password_hash="x")
        db.add(user)
        db.flush()
        row = Build(created_by=user.id, kind="publish", inputs=[], counts={}, summary={},
                    db_file="v.duckdb", status=RUNNING, stage="build")
        db.add(row)
        db.flush()
        return row.id


def _status(settings: Settings, build_id: int) -> tuple[str, str | None]:
    with session(settings) as db:
        row = db.get(Build, build_id)
        assert row is not None
        return row.status, row.error


def test_a_version_running_without_the_lock_is_marked_failed(settings: Settings) -> None:
    build_id = _running_version(settings)
    publish_jobs.fail_interrupted(settings)
    status, error = _status(settings, build_id)
    assert status == FAILED and error == publish_jobs.INTERRUPTED


def test_a_version_whose_publish_holds_the_lock_stays_running(settings: Settings) -> None:
    build_id = _running_version(settings)
    with file_lock(settings.publish_lock) as held:
        assert held
        publish_jobs.fail_interrupted(settings)
    assert _status(settings, build_id) == (RUNNING, None)


def test_a_publish_that_succeeds_while_the_listing_looks_stays_succeeded(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The publish records its success and frees the lock just as the listing reaches for the lock."""
    build_id = _running_version(settings)

    @contextmanager
    def publish_finishes_first(path: Path, blocking: bool = True) -> Iterator[bool]:
        with session(settings) as db:
            row = db.get(Build, build_id)
            assert row is not None
            row.status, row.stage = SUCCEEDED, None
        with file_lock(path, blocking) as free:
            yield free

    monkeypatch.setattr(publish_jobs, "file_lock", publish_finishes_first)
    publish_jobs.fail_interrupted(settings)
    assert _status(settings, build_id) == (SUCCEEDED, None)
