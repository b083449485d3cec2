"""Receiving files: streamed to disk in chunks, hashed on the way, typed by content, size-limited.

A refused request leaves nothing behind: every part is written to a temporary file in the intake's
work folder and only moved into the originals store (named by its SHA-256) once it is accepted.
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from werkzeug.datastructures import FileStorage

from etl.errors import InputProblem
from etl.readers import MB, Limits, check_zip

CHUNK = MB
REQUEST_LIMIT = 100 * MB  # one upload request, all its files together
MAX_FILES = 20
SNIFF_BYTES = 64 * 1024
CSV, XLSX = "csv", "xlsx"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


class UploadRefused(Exception):
    """The request is refused as a whole (and nothing stored): HTTP status, string key, file name."""

    def __init__(self, status: int, key: str, file: str | None = None, detail: str | None = None) -> None:
        super().__init__(f"{status} {key} {file or ''} {detail or ''}".strip())
        self.status = status
        self.key = key
        self.file = file
        self.detail = detail


@dataclass(frozen=True)
class Received:
    """One uploaded file on disk, not yet stored: its shown name, temp path, hash, size and type."""

    name: str
    path: Path
    sha256: str
    size: int
    kind: str

    @property
    def check_name(self) -> str:
        """The name validation sees: the uploaded name, with the suffix of its real type if it lacks it."""
        return self.name if self.name.lower().endswith(f".{self.kind}") else f"{self.name}.{self.kind}"


def safe_name(raw: str | None) -> str:
    """The uploaded name as a plain file name: no folders, no NUL or control characters, no leading dots."""
    text = unicodedata.normalize("NFC", (raw or "").replace("\\", "/")).split("/")[-1]
    text = _UNSAFE.sub("_", text).strip().lstrip(".").strip()
    if len(text) > 120:
        stem, dot, suffix = text.rpartition(".")
        text = (stem[: 120 - len(suffix) - 1] + dot + suffix) if dot and len(suffix) <= 8 else text[:120]
    return text or "upload"


def _kind(head: bytes) -> str | None:
    """xlsx for a zip container, csv for text (UTF-8, UTF-16 with BOM, cp874); None for anything else."""
    if head.startswith(b"PK\x03\x04"):
        return XLSX
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return CSV
    if b"\x00" in head or head.startswith(b"\xd0\xcf\x11\xe0"):
        return None
    return CSV


def _limit(kind: str, limits: Limits) -> int:
    return limits.max_xlsx_bytes if kind == XLSX else limits.max_csv_bytes


def _receive_one(part: FileStorage, work: Path, limits: Limits) -> Received:
    """One part on disk; its temp file is removed when it is refused."""
    temp = work / f"upload-{os.getpid()}-{secrets.token_hex(8)}"
    try:
        return _copy(part, temp, limits)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _copy(part: FileStorage, temp: Path, limits: Limits) -> Received:
    """Copy one part to a temp file chunk by chunk, refusing it as soon as it is too big."""
    name = safe_name(part.filename)
    digest = hashlib.sha256()
    size = 0
    kind: str | None = None
    with temp.open("wb") as out:
        while chunk := part.stream.read(CHUNK):
            if kind is None:
                kind = _kind(chunk[:SNIFF_BYTES])
                if kind is None:
                    raise UploadRefused(400, "in_refused_type", name)
            size += len(chunk)
            if size > _limit(kind, limits):
                raise UploadRefused(413, "in_refused_size", name,
                                    f"{_limit(kind, limits) // MB} MB")
            digest.update(chunk)
            out.write(chunk)
    if kind is None or size == 0:
        raise UploadRefused(400, "in_refused_empty", name)
    if kind == XLSX:
        try:
            check_zip(temp, limits)
        except InputProblem as exc:
            # a readable zip refused by the ETL is too big unpacked (a zip bomb); anything else is no workbook
            status = 413 if zipfile.is_zipfile(temp) else 400
            raise UploadRefused(status, "in_refused_zip" if status == 413 else "in_refused_type", name,
                                exc.problems[0].message) from exc
    return Received(name, temp, digest.hexdigest(), size, kind)


def receive(parts: list[FileStorage], work: Path, limits: Limits) -> list[Received]:
    """Every part of the request on disk, or UploadRefused with nothing left behind."""
    if not parts:
        raise UploadRefused(400, "in_refused_none")
    if len(parts) > MAX_FILES:
        raise UploadRefused(413, "in_refused_count", detail=str(MAX_FILES))
    work.mkdir(parents=True, exist_ok=True)
    received: list[Received] = []
    try:
        for part in parts:
            received.append(_receive_one(part, work, limits))
    except BaseException:
        discard(received)
        raise
    return received


def discard(received: list[Received]) -> None:
    """Remove the temp files of a refused or finished request."""
    for r in received:
        r.path.unlink(missing_ok=True)


def store_original(received: Received, originals: Path) -> Path:
    """Move the file into the store under its SHA-256 (an identical file is kept once)."""
    originals.mkdir(parents=True, exist_ok=True)
    target = originals / f"{received.sha256}.{received.kind}"
    if target.exists():
        received.path.unlink(missing_ok=True)
    else:
        os.replace(received.path, target)
    return target
