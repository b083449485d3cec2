"""Publishing: the base inputs overlaid by the latest accepted submissions, built, compared, swapped in."""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import duckdb
from sqlalchemy import select

from etl.build import BuildSettings, Outcome, build
from etl.changes import ChangeSummary, compare
from etl.errors import InputProblem
from etl.overlay import Overlay
from etl.readers import is_input_file
from intake import audit
from intake.auth import Identity
from intake.config import Settings
from intake.inspection import Key
from intake.models import RUNNING, SUCCEEDED, VALID, Build, Submission, User
from intake.store import file_lock, session


def base_is_sample(settings: Settings) -> bool:
    """Whether the base inputs are the sample (their dataset.json says so): then every page says so."""
    meta = settings.base_dir / "dataset.json"
    try:
        return bool(json.loads(meta.read_text(encoding="utf-8-sig")).get("is_sample", False))
    except (OSError, ValueError, AttributeError):
        return False


# ---------------------------------------------------------------- what goes into a build

@dataclass(frozen=True)
class Input:
    """One file a build reads: a base file or a submission, and the keys it contributes."""

    kind: str  # "base" or "submission"
    name: str
    sha256: str
    suffix: str
    submission: int | None = None
    keys: tuple[Key, ...] = ()  # a submission's keys that this build takes from it

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "name": self.name, "sha256": self.sha256, "suffix": self.suffix,
                "submission": self.submission, "keys": [list(k) for k in self.keys]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Input:
        return cls(str(data["kind"]), str(data["name"]), str(data["sha256"]), str(data["suffix"]),
                   data.get("submission"),
                   tuple((str(k[0]), int(k[1]), str(k[2])) for k in data.get("keys", [])))


@dataclass(frozen=True)
class Plan:
    """Everything a build needs, all of it in the originals store: inputs and the dataset description."""

    inputs: tuple[Input, ...]
    meta: dict[str, Any]

    def to_list(self) -> list[dict[str, object]]:
        return [*(i.to_dict() for i in self.inputs), {"kind": "meta", "meta": self.meta}]

    @property
    def fingerprint(self) -> str:
        """Changes whenever any input does: a publish confirmed on a preview checks it still holds."""
        return hashlib.sha256(json.dumps(self.to_list(), sort_keys=True).encode()).hexdigest()[:16]

    @classmethod
    def from_list(cls, data: list[dict[str, Any]]) -> Plan:
        meta: dict[str, Any] = next((d["meta"] for d in data if d.get("kind") == "meta"), {})
        return cls(tuple(Input.from_dict(d) for d in data if d.get("kind") != "meta"), dict(meta))


def _stored_base(path: Path, suffix: str, known: dict[str, Any], originals: Path) -> str:
    """A base file's SHA-256, with its copy in the store; read only when its size, time or inode changed.

    The base is large (hundreds of MB at national scale) and rarely changes: hashing it on every
    preview and publish kept the request waiting for seconds. When it must be read, one pass hashes it
    and writes the copy, renamed into place whole so a stored original is never half written.
    """
    stat = path.stat()
    stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
    seen = known.get(str(path.resolve()))
    if (isinstance(seen, dict) and seen.get("stamp") == stamp and isinstance(seen.get("sha256"), str)
            and (originals / f"{seen['sha256']}.{suffix}").exists()):
        return str(seen["sha256"])
    temp = originals / f".base-{os.getpid()}-{secrets.token_hex(4)}"
    digest = hashlib.sha256()
    try:
        with path.open("rb") as source, temp.open("wb") as copy:
            while chunk := source.read(1024 * 1024):
                digest.update(chunk)
                copy.write(chunk)
        sha = digest.hexdigest()
        stored = originals / f"{sha}.{suffix}"
        if not stored.exists():
            os.replace(temp, stored)
    finally:
        temp.unlink(missing_ok=True)
    known[str(path.resolve())] = {"stamp": stamp, "sha256": sha}
    return sha


def _read_known(file: Path) -> dict[str, Any]:
    try:
        known = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


def _write_known(file: Path, known: dict[str, Any]) -> None:
    """Written whole and renamed into place: a worker reading it meanwhile sees old or new."""
    temp = file.with_name(f".{file.name}.{os.getpid()}-{secrets.token_hex(4)}")
    temp.write_text(json.dumps(known), encoding="utf-8")
    os.replace(temp, file)


def _base_meta(settings: Settings, submissions: int) -> dict[str, Any]:
    """The base's dataset.json, saying how many submissions were laid over it."""
    meta_file = settings.base_dir / "dataset.json"
    try:
        meta = dict(json.loads(meta_file.read_text(encoding="utf-8-sig")))
    except (OSError, ValueError, TypeError):
        meta = {"source": "Provincial submissions received through the intake",
                "source_th": "ข้อมูลที่จังหวัดส่งผ่านระบบรับข้อมูล", "is_sample": False}
    has_base = settings.base_dir.is_dir() and any(is_input_file(p) for p in settings.base_dir.iterdir())
    if submissions and has_base:
        meta["source"] = f"{meta.get('source', '')} + {submissions} submission(s) through the intake"
        meta["source_th"] = f"{meta.get('source_th', '')} + ข้อมูลที่จังหวัดส่ง {submissions} ไฟล์"
    return meta


def current_plan(settings: Settings) -> Plan:
    """The base files (copied into the store) and, per key, the latest valid submission that has it."""
    inputs: list[Input] = []
    if settings.base_dir.is_dir():
        settings.originals.mkdir(parents=True, exist_ok=True)
        known_file = settings.intake_dir / "base-hashes.json"
        known = _read_known(known_file)
        before = json.dumps(known, sort_keys=True)
        for path in sorted(p for p in settings.base_dir.iterdir() if is_input_file(p)):
            suffix = path.suffix.lower().lstrip(".")
            sha = _stored_base(path, suffix, known, settings.originals)
            inputs.append(Input("base", path.name, sha, suffix))
        if json.dumps(known, sort_keys=True) != before:
            _write_known(known_file, known)
    winners: dict[Key, Submission] = {}
    with session(settings) as db:
        for s in db.scalars(select(Submission).where(Submission.status == VALID).order_by(Submission.id)):
            for k in s.keys:
                winners[(str(k[0]), int(str(k[1])), str(k[2]))] = s
        by_submission: dict[int, list[Key]] = {}
        for key, s in winners.items():
            by_submission.setdefault(s.id, []).append(key)
        chosen = {s.id: s for s in winners.values()}
        for sid in sorted(chosen):
            s = chosen[sid]
            inputs.append(Input("submission", s.filename, s.sha256, s.suffix, s.id,
                                tuple(sorted(by_submission[sid]))))
    return Plan(tuple(inputs), _base_meta(settings, len(chosen)))


# ---------------------------------------------------------------- the build's source folder

def _source_name(i: Input, taken: set[str]) -> str:
    """A base file keeps its name; a submission is named after its id, so problems say which one."""
    stem = Path(i.name).stem if i.kind == "base" else f"submission-{i.submission}-{Path(i.name).stem}"
    name, n = f"{stem}.{i.suffix}", 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}.{i.suffix}"
    taken.add(name)
    return name


def source_folder(settings: Settings, plan: Plan, folder: Path) -> tuple[Path, Overlay]:
    """The build's inputs as links to the stored originals, and which of their rows it takes.

    Base files lose the keys any submission replaces; each submission gives only the keys it won.
    The build reads and checks every file once, so nothing is merged and read again.
    """
    folder.mkdir(parents=True, exist_ok=True)
    replaced = frozenset(k for i in plan.inputs if i.kind == "submission" for k in i.keys)
    drop: dict[str, frozenset[Key]] = {}
    only: dict[str, frozenset[Key]] = {}
    taken: set[str] = set()
    for i in plan.inputs:
        name = _source_name(i, taken)
        os.link(settings.originals / f"{i.sha256}.{i.suffix}", folder / name)
        if i.kind == "submission":
            only[name] = frozenset(i.keys)
        elif replaced:
            drop[name] = replaced
    (folder / "dataset.json").write_text(json.dumps(plan.meta, ensure_ascii=False), encoding="utf-8")
    return folder, Overlay(drop=drop, only=only)


# ---------------------------------------------------------------- build, publish, restore

SYNC_WAIT_SECONDS = float(os.environ.get("SDG_PUBLISH_WAIT_S", "30"))  # then the answer says "running"

class PublishBusy(Exception):
    """Another publish or restore holds the lock."""


class PublishFailed(Exception):
    """The build refused the inputs; carries the ETL's own text."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True)
class Published:
    """What a publish (or its dry run) produced."""

    build_id: int | None
    counts: dict[str, Any]
    summary: dict[str, Any]
    lines_th: list[str]
    lines_en: list[str]
    plan: str = ""  # fingerprint of the inputs it was built from
    status: str = SUCCEEDED


def counts_of(db: Path) -> dict[str, Any]:
    """Headline figures of a built file (all fiscal years), for the builds list."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        def one(sql: str) -> int:
            row = con.execute(sql).fetchone()
            return int(row[0]) if row and row[0] is not None else 0
        return {"projects": one("SELECT count(*) FROM projects"),
                "district_projects": one("SELECT count(*) FROM district_projects"),
                "provinces_reporting": one("SELECT count(DISTINCT province_code) FROM plans")}
    finally:
        con.close()


def build_from(settings: Settings, plan: Plan, db: Path, dry_run: bool = False) -> Outcome:
    """Build the plan's inputs, overlaid, into db with the ETL (dry run: only compare with db)."""
    with tempfile.TemporaryDirectory(dir=settings.work, prefix="build-") as scratch:
        source, overlay = source_folder(settings, plan, Path(scratch) / "source")
        report = Path(scratch) / "build-report.txt"
        try:
            outcome = build(BuildSettings(source=source, db=db, report=report, dry_run=dry_run,
                                          overlay=overlay))
        except InputProblem as exc:
            raise PublishFailed("\n".join(p.render() for p in exc.problems)) from exc
    if outcome.exit_code != 0:
        raise PublishFailed(outcome.text)
    return outcome


def swap_in(archive: Path, published: Path) -> None:
    """Copy a built file next to the published one and rename it into place (readers never wait)."""
    published.parent.mkdir(parents=True, exist_ok=True)
    temp = published.with_name(f".{published.name}.intake-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        shutil.copyfile(archive, temp)
        with temp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(temp, published)
    finally:
        temp.unlink(missing_ok=True)
    fd = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recorded(summary: ChangeSummary) -> dict[str, Any]:
    """The summary as the builds table keeps it: its figures and its lines in both languages."""
    return {**summary.to_dict(), "lines": {"th": summary.lines("th"), "en": summary.lines("en")}}


def result_of(build_id: int | None, counts: dict[str, Any], summary: ChangeSummary | None) -> Published:
    return Published(build_id, counts, summary.to_dict() if summary else {},
                     summary.lines("th") if summary else [], summary.lines("en") if summary else [])


def result_recorded(build_id: int | None, counts: dict[str, Any], summary: dict[str, Any]) -> Published:
    """A result from a summary as the builds table keeps it (figures and lines in both languages)."""
    lines = summary.get("lines") or {}
    return Published(build_id, counts, {k: v for k, v in summary.items() if k != "lines"},
                     list(lines.get("th", [])), list(lines.get("en", [])))


def dry_run(settings: Settings) -> Published:
    """What publishing now would change, compared with the published file; nothing is written.

    Built in a child process at low priority, like a publish: the request only waits for it.
    """
    from intake import build_process

    plan = current_plan(settings)
    built = build_process.run(settings, plan.to_list(), settings.published_db, None, dry_run=True)
    return replace(result_recorded(None, {}, dict(built["summary"])), plan=plan.fingerprint)


class PlanChanged(Exception):
    """The inputs changed between the preview and its confirmation."""


def publish(settings: Settings, user: Identity, address: str, expected_plan: str | None = None,
            wait: float = SYNC_WAIT_SECONDS) -> Published:
    """Start a publish in the background and wait for it up to `wait` seconds.

    Finished by then: its result (or PublishFailed). Still running: its build id with status
    "running" (poll `build(settings, id)`). PublishBusy at once while another runs; with
    expected_plan (the preview's fingerprint), PlanChanged when the inputs are no longer those.
    """
    from intake import publish_jobs

    job = publish_jobs.start(settings, user, address, expected_plan)
    if not job.done.wait(wait):
        return Published(job.build_id, {}, {}, [], [], status=RUNNING)
    if job.error is not None:
        raise job.error
    assert job.result is not None
    return job.result


def restore(settings: Settings, user: Identity, address: str, build_id: int) -> Published | None:
    """Swap an earlier version back in (recorded as a new version); None when there is no such build."""
    with file_lock(settings.publish_lock, blocking=False) as acquired:
        if not acquired:
            raise PublishBusy
        with session(settings) as db:
            earlier = db.get(Build, build_id)
            if earlier is None or earlier.status != SUCCEEDED:
                return None
            archive = settings.builds / earlier.db_file
            inputs, counts = list(earlier.inputs), dict(earlier.counts)
        if not archive.is_file():
            return None
        summary = compare(settings.published_db if settings.published_db.exists() else None, archive)
        swap_in(archive, settings.published_db)
        with session(settings) as db:
            row = Build(created_by=user.id, kind="restore", restored_from=build_id, inputs=inputs,
                        counts=counts, summary=recorded(summary), db_file=archive.name)
            db.add(row)
            db.flush()
            audit.record(db, audit.RESTORE, user.name, address, build=row.id, restored_from=build_id)
            new_id = row.id
        return result_of(new_id, counts, summary)


def rebuild(settings: Settings, build_id: int, out: Path) -> Path:
    """Build a recorded version again from the stored originals alone (its plan says what went in)."""
    with session(settings) as db:
        earlier = db.get(Build, build_id)
        if earlier is None:
            raise KeyError(build_id)
        plan = Plan.from_list(list(earlier.inputs))
    build_from(settings, plan, out)
    return out


def builds(settings: Settings) -> list[dict[str, Any]]:
    """Every version, newest first, with who made it and its state; the current one is the newest
    that succeeded."""
    from intake import publish_jobs

    publish_jobs.fail_interrupted(settings)
    with session(settings) as db:
        rows = db.execute(select(Build, User.name).join(User, User.id == Build.created_by)
                          .order_by(Build.id.desc())).all()
        current = next((b.id for b, _ in rows if b.status == SUCCEEDED), None)
        return [as_dict(b, name, current) for b, name in rows]


def build_state(settings: Settings, build_id: int) -> dict[str, Any] | None:
    """One version as the builds list shows it (a running publish's progress), None when unknown."""
    return next((b for b in builds(settings) if b["id"] == build_id), None)


def as_dict(b: Build, created_by: str, current: int | None) -> dict[str, Any]:
    """A version for the API and the builds page."""
    return {
        "id": b.id, "kind": b.kind, "created_at": b.created_at.isoformat(), "created_by": created_by,
        "restored_from": b.restored_from, "counts": b.counts, "summary": b.summary,
        "inputs": [i for i in b.inputs if i.get("kind") != "meta"],
        "current": b.id == current, "status": b.status, "stage": b.stage, "error": b.error,
        "finished_at": b.finished_at.isoformat() if b.finished_at else None,
    }
