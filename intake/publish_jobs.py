"""A publish as a background job: started by a request, followed by a thread of that worker process.

The request takes the publish lock (a second publish, from any worker, gets 409 at once), records the
new version as running, and hands lock and version to a thread. The thread has the build and the
comparison done by a child process at low priority (`intake.build_process`), then swaps the file in,
marking its stage as it goes and the version succeeded or failed at the end. A worker that dies
mid-publish takes its child with it and releases the lock with its process; the version it left
running is marked failed the next time anyone lists the versions.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import logging
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from intake import audit, build_process
from intake.auth import Identity
from intake.config import Settings
from intake.models import FAILED, RUNNING, SUCCEEDED, Build, utcnow
from intake.publishing import (
    Plan,
    PlanChanged,
    PublishBusy,
    Published,
    PublishFailed,
    current_plan,
    result_recorded,
    swap_in,
)
from intake.store import file_lock, session

log = logging.getLogger(__name__)
INTERRUPTED = "the publish stopped before it finished (the server process ended); publish again"


@dataclass
class Job:
    """One running publish: its version id, and its outcome once `done` is set."""

    build_id: int
    done: threading.Event = field(default_factory=threading.Event)
    result: Published | None = None
    error: PublishFailed | None = None


def _take_lock(path: Path) -> IO[str]:
    """The publish lock, held by the returned handle until it is closed; PublishBusy when taken."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise PublishBusy from None
    return handle


def start(settings: Settings, user: Identity, address: str, expected_plan: str | None = None) -> Job:
    """Take the lock, record the version as running and start building it in a thread."""
    lock = _take_lock(settings.publish_lock)
    try:
        plan = current_plan(settings)
        if expected_plan is not None and plan.fingerprint != expected_plan:
            raise PlanChanged
        settings.builds.mkdir(parents=True, exist_ok=True)
        archive = settings.builds / f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(4)}.duckdb"
        with session(settings) as db:
            row = Build(created_by=user.id, kind="publish", inputs=plan.to_list(), counts={}, summary={},
                        db_file=archive.name, status=RUNNING, stage="build")
            db.add(row)
            db.flush()
            job = Job(row.id)
    except BaseException:
        lock.close()
        raise
    # the request's user is a proxy bound to the request: the thread gets the plain name
    threading.Thread(target=_run, args=(settings, job, plan, archive, str(user.name), address, lock),
                     name=f"publish-{job.build_id}", daemon=True).start()
    return job


def set_stage(settings: Settings, build_id: int, stage: str) -> None:
    """Record how far a running publish has got (the build's child process marks "compare")."""
    with session(settings) as db:
        row = db.get(Build, build_id)
        if row is not None:
            row.stage = stage


def _run(settings: Settings, job: Job, plan: Plan, archive: Path, who: str, address: str,
         lock: IO[str]) -> None:
    """Build and compare (in a child process), swap in; the version ends succeeded or failed, and the
    lock is released."""
    try:
        built = build_process.run(settings, plan.to_list(), archive, job.build_id)
        counts, summary = dict(built["counts"]), dict(built["summary"])
        set_stage(settings, job.build_id, "swap")
        swap_in(archive, settings.published_db)
        with session(settings) as db:
            row = db.get(Build, job.build_id)
            assert row is not None
            row.status, row.stage, row.finished_at = SUCCEEDED, None, utcnow()
            row.counts, row.summary = counts, summary
            audit.record(db, audit.PUBLISH, who, address, build=row.id, counts=counts,
                         submissions=[i.submission for i in plan.inputs if i.submission])
        job.result = result_recorded(job.build_id, counts, summary)
    except PublishFailed as exc:
        job.error = exc
    except Exception as exc:  # a thread's failure must still end its version and free the lock
        log.exception("publish %s failed", job.build_id)
        job.error = PublishFailed(f"{type(exc).__name__}: {exc}")
    finally:
        try:
            if job.error is not None:
                archive.unlink(missing_ok=True)
                _fail(settings, job.build_id, job.error.text)
        finally:  # whatever recording the failure met, the lock is freed and the waiter told
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()
            job.done.set()


def _fail(settings: Settings, build_id: int, why: str) -> None:
    """Mark a version failed, unless it has meanwhile finished (a late failure never hides a success)."""
    with session(settings) as db:
        row = db.get(Build, build_id)
        if row is not None and row.status == RUNNING:
            row.status, row.error, row.finished_at = FAILED, why, utcnow()


def fail_interrupted(settings: Settings) -> None:
    """A version left running while nobody holds the lock was cut off with its process: mark it failed.

    The versions are read under the lock: read before it, a publish could record its success and free
    the lock in between, and be marked failed although it had been published.
    """
    with session(settings) as db:
        if not db.query(Build.id).filter(Build.status == RUNNING).first():
            return
    with file_lock(settings.publish_lock, blocking=False) as free:
        if free:
            with session(settings) as db:
                running = [b.id for b in db.query(Build).filter(Build.status == RUNNING)]
            for build_id in running:
                _fail(settings, build_id, INTERRUPTED)
