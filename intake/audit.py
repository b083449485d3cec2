"""The append-only audit log: who did what, when, from which address (the store refuses edits)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import AuditEvent

LOGIN_OK = "login"
LOGIN_FAILED = "login_failed"
LOGOUT = "logout"
UPLOAD = "upload"
PUBLISH = "publish"
RESTORE = "restore"
ACCOUNT = "account"


def record(db: Session, action: str, user_name: str | None, address: str | None,
           **detail: object) -> None:
    """Add one event to the log, in the caller's unit of work."""
    db.add(AuditEvent(action=action, user_name=user_name, address=address, detail=detail))


def recent(db: Session, limit: int = 500) -> list[AuditEvent]:
    """The newest events first."""
    return list(db.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)))
