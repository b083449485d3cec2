"""The workflow's tables: accounts, uploaded submissions, published builds and the audit log.

Kept in their own SQLite store, apart from the read-only analytics database the dashboard serves.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SECRETARIAT = "secretariat"
PROVINCE = "province"
ROLES = (SECRETARIAT, PROVINCE)
VALID = "valid"
INVALID = "invalid"
RUNNING, SUCCEEDED, FAILED = "running", "succeeded", "failed"  # a build's state


def utcnow() -> dt.datetime:
    """Timestamps are stored in UTC."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    """One row per account; a province account carries the one province it may upload for."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    province_code: Mapped[str | None] = mapped_column(String(2), nullable=True)
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Submission(Base):
    """One row per uploaded file: its stored original (by SHA-256) and what validation found."""

    __tablename__ = "submissions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    suffix: Mapped[str] = mapped_column(String(8))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    status: Mapped[str] = mapped_column(String(16))
    # every (province, fiscal year, dataset) the file has rows for: [[code, year, dataset], ...]
    keys: Mapped[list[list[object]]] = mapped_column(JSON, default=list)
    problems: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    # the four plan components of each plans row: {"50-2567": {"has_framework": true, ...}}
    plan_components: Mapped[dict[str, dict[str, bool]]] = mapped_column(JSON, default=dict)


class Build(Base):
    """One row per published version of the dashboard's database, or a restore of one."""

    __tablename__ = "builds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16))  # "publish" or "restore"
    restored_from: Mapped[int | None] = mapped_column(ForeignKey("builds.id"), nullable=True)
    # the inputs: base files and submissions, each {"name", "sha256"} (+ "submission" id)
    inputs: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    counts: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    summary: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    db_file: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default=SUCCEEDED)
    stage: Mapped[str | None] = mapped_column(String(16), nullable=True)  # where a running publish is
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AuditEvent(Base):
    """One row per security-relevant action: who, when, what, from where. Never updated or deleted."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_name: Mapped[str | None] = mapped_column(String(64), nullable=True)
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    address: Mapped[str | None] = mapped_column(String(64), nullable=True)
