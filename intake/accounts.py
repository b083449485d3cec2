"""Accounts: create, list, disable and reset passwords (Argon2 hashes), used by the CLI.

Every change is written to the audit log with the operating-system user who ran the command.
"""
from __future__ import annotations

import getpass
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import audit
from intake.config import Settings
from intake.models import ROLES, SECRETARIAT, User
from intake.store import session

_hasher = PasswordHasher()
# verifying against this when the user does not exist costs the same time as a real check
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))
MIN_PASSWORD = 10


class AccountProblem(ValueError):
    """An account command cannot be done as asked; the message says why."""


@dataclass(frozen=True)
class Account:
    """What the CLI lists about an account (never the hash)."""

    name: str
    role: str
    province_code: str | None
    disabled: bool


def hash_password(password: str) -> str:
    """Argon2id with the library's current parameters."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; a missing user takes as long as a wrong password."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def generated_password() -> str:
    """A password to print once when none is given."""
    return secrets.token_urlsafe(15)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountProblem(f"the password must have at least {MIN_PASSWORD} characters")


def _province_code(role: str, province: str | None) -> str | None:
    """The province of a province account, resolved like any input; none for the secretariat."""
    if role not in ROLES:
        raise AccountProblem(f"role must be one of {', '.join(ROLES)}")
    if role == SECRETARIAT:
        if province:
            raise AccountProblem("a secretariat account is not tied to a province: leave out --province")
        return None
    if not province:
        raise AccountProblem("a province account needs --province CODE (for example --province 50)")
    from etl.provinces import resolve_province
    from etl.values import ValueProblem

    try:
        return resolve_province(province).province.code
    except ValueProblem as exc:
        raise AccountProblem(f"unknown province {province!r}: {exc}") from exc


def add(settings: Settings, name: str, role: str, province: str | None, password: str) -> Account:
    """Create an account; names are unique."""
    name = name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise AccountProblem("the user name must be 1-64 characters without spaces")
    code = _province_code(role, province)
    _check_password(password)
    with session(settings) as db:
        if db.scalar(select(User).where(User.name == name)) is not None:
            raise AccountProblem(f"user {name!r} already exists")
        db.add(User(name=name, role=role, province_code=code, password_hash=hash_password(password)))
        audit.record(db, audit.ACCOUNT, getpass.getuser(), "cli", change="add", user=name, role=role,
                     province=code)
    return Account(name, role, code, False)


def listing(settings: Settings) -> list[Account]:
    """Every account by name."""
    with session(settings) as db:
        return [Account(u.name, u.role, u.province_code, u.disabled)
                for u in db.scalars(select(User).order_by(User.name))]


def _user(db: Session, name: str) -> User:
    user = db.scalar(select(User).where(User.name == name))
    if user is None:
        raise AccountProblem(f"no user {name!r}")
    return user


def disable(settings: Settings, name: str) -> None:
    """The account can no longer log in; its open sessions end at their next request."""
    with session(settings) as db:
        _user(db, name).disabled = True
        audit.record(db, audit.ACCOUNT, getpass.getuser(), "cli", change="disable", user=name)


def reset_password(settings: Settings, name: str, password: str) -> None:
    """A new password; re-enables nothing by itself."""
    _check_password(password)
    with session(settings) as db:
        _user(db, name).password_hash = hash_password(password)
        audit.record(db, audit.ACCOUNT, getpass.getuser(), "cli", change="reset-password", user=name)


def any_account(settings: Settings) -> bool:
    """Whether the first account exists yet (the login page explains how to make it otherwise)."""
    with session(settings) as db:
        return db.scalar(select(User.id).limit(1)) is not None

