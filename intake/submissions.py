"""Submitting files: receive, validate with the ETL, check the uploader's province, store, audit.

Shared by the upload page and the API so both answer the same way.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from etl.messages import THAI, in_language
from etl.readers import Limits
from intake import audit
from intake.auth import Identity, may_see_submission, may_upload_for
from intake.config import Settings
from intake.inspection import FileInspection, inspect
from intake.models import INVALID, VALID, Submission
from intake.store import session
from intake.uploads import Received, UploadRefused, discard, receive, store_original

MAX_FOREIGN_ROWS = 50


@dataclass(frozen=True)
class ForeignRow:
    """A row for a province the uploader may not submit for."""

    file: str
    sheet: str | None
    row: int
    province: str

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "province": self.province}


class ForeignProvince(UploadRefused):
    """A province account sent rows for another province: the request is refused, naming them."""

    def __init__(self, rows: list[ForeignRow]) -> None:
        super().__init__(403, "in_refused_province")
        self.rows = rows


def _scratch_names(received: list[Received], folder: Path) -> list[Path]:
    """Hard links named as uploaded (so findings name the user's file), made unique by a prefix."""
    paths: list[Path] = []
    used: set[str] = set()
    for i, r in enumerate(received, start=1):
        name = r.check_name if r.check_name not in used else f"{i}-{r.check_name}"
        used.add(name)
        target = folder / name
        os.link(r.path, target)
        paths.append(target)
    return paths


def _foreign_rows(user: Identity, found: dict[str, FileInspection]) -> list[ForeignRow]:
    """Rows of the files that belong to a province other than the province account's own."""
    rows: list[ForeignRow] = []
    for inspection in found.values():
        for code, places in inspection.rows_by_province.items():
            if not may_upload_for(user, code):
                rows += [ForeignRow(inspection.name, sheet, row, code) for sheet, row in places]
    return rows


def in_both_languages(problem: dict[str, object]) -> dict[str, object]:
    """A stored problem (the ETL's English) with its Thai message and fix beside it."""
    return problem | {f"{key}_th": in_language(str(problem[key]), THAI) if problem.get(key) else None
                      for key in ("message", "fix")}


def as_dict(s: Submission, uploader: str | None = None) -> dict[str, object]:
    """A submission as the API and the report show it."""
    problems = [in_both_languages(p) for p in s.problems or []]
    return {
        "id": s.id, "file": s.filename, "sha256": s.sha256, "size": s.size, "status": s.status,
        "uploaded_at": s.uploaded_at.isoformat(), "uploaded_by": uploader,
        "provinces": sorted({str(k[0]) for k in s.keys}),
        "fiscal_years": sorted({int(str(k[1])) for k in s.keys}),
        "datasets": sorted({str(k[2]) for k in s.keys}),
        "errors": [p for p in problems if p.get("severity") == "error"],
        "warnings": [p for p in problems if p.get("severity") != "error"],
    }


def submit(settings: Settings, user: Identity, parts: list[FileStorage], address: str,
           limits: Limits | None = None) -> list[dict[str, object]]:
    """Validate and store every file of one upload; UploadRefused (nothing stored) when refused."""
    limits = limits or Limits()
    received = receive(parts, settings.work, limits)
    try:
        with tempfile.TemporaryDirectory(dir=settings.work, prefix="check-") as scratch:
            paths = _scratch_names(received, Path(scratch))
            found = inspect(paths, limits)
        inspections = [found[p.name] for p in paths]
        foreign = _foreign_rows(user, found)
        if foreign:
            raise ForeignProvince(foreign[:MAX_FOREIGN_ROWS])
        results: list[dict[str, object]] = []
        with session(settings) as db:
            for r, inspection in zip(received, inspections, strict=True):
                store_original(r, settings.originals)
                row = Submission(
                    sha256=r.sha256, filename=r.name, suffix=r.kind, size=r.size, uploaded_by=user.id,
                    status=INVALID if inspection.errors else VALID,
                    keys=[list(k) for k in sorted(inspection.keys)],
                    plan_components=inspection.plan_components,
                    problems=[f.to_dict() | {"file": r.name} for f in inspection.findings],
                )
                db.add(row)
                db.flush()
                audit.record(db, audit.UPLOAD, user.name, address, submission=row.id, file=r.name,
                             sha256=r.sha256, status=row.status)
                results.append(as_dict(row, user.name))
        return results
    finally:
        discard(received)


def visible(settings: Settings, user: Identity, year: int | None = None,
            ids: list[int] | None = None) -> list[dict[str, object]]:
    """The submissions this account may see, newest first, optionally for one fiscal year or ids."""
    from intake.models import User

    with session(settings) as db:
        query = select(Submission, User.name).join(User, User.id == Submission.uploaded_by)
        if ids is not None:
            query = query.where(Submission.id.in_(ids))
        rows = db.execute(query.order_by(Submission.id.desc())).all()
        out = []
        for s, uploader in rows:
            if not may_see_submission(user, s.uploaded_by):
                continue
            if year is not None and not any(int(str(k[1])) == year for k in s.keys):
                continue
            out.append(as_dict(s, uploader))
        return out
