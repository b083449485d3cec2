"""Identity and permissions: who is logged in and what they may do. Every intake route asks here.

Sessions are Flask-Login's signed cookie (HttpOnly, SameSite=Lax, Secure when the request came
over HTTPS, 8 hours). Login clears the old session and starts one with a fresh id, so a session
fixed before login is worthless after it. A disabled account is logged out at its next request.
"""
from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, Request, abort, g, redirect, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, current_user, login_user, logout_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from intake import accounts, audit
from intake.config import Settings
from intake.models import SECRETARIAT, User
from intake.store import session as store_session

SESSION_HOURS = 8
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Identity:
    """The logged-in account as every route sees it (no password hash)."""

    id: int
    name: str
    role: str
    province_code: str | None
    is_authenticated: bool = True
    is_active: bool = True
    is_anonymous: bool = False

    def get_id(self) -> str:
        return str(self.id)

    @property
    def is_secretariat(self) -> bool:
        return self.role == SECRETARIAT


class _HttpsAwareSessions(SecureCookieSessionInterface):
    """The session cookie is marked Secure whenever the request reached the app over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


def settings_of(server: Flask) -> Settings:
    """The intake settings the server was registered with."""
    return cast(Settings, server.extensions["sdg_intake"])


def init_auth(server: Flask, settings: Settings, secret: str) -> None:
    """Session cookie rules and Flask-Login on the server."""
    server.secret_key = secret
    server.config.update(
        SESSION_COOKIE_NAME="sdg_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=SESSION_HOURS),
        SESSION_REFRESH_EACH_REQUEST=False,  # 8 hours from login, not from the last click
    )
    server.session_interface = _HttpsAwareSessions()
    manager = LoginManager()
    manager.session_protection = None  # the fresh session id at login does this job
    manager.init_app(server)
    # Its after-request hook (for "remember me" cookies, which the intake does not use) reads the session
    # on every response, adding "Vary: Cookie" to the public dashboard's pages and assets too.
    hooks = server.after_request_funcs.get(None, [])
    server.after_request_funcs[None] = [h for h in hooks if h != manager._update_remember_cookie]

    @manager.user_loader
    def load(user_id: str) -> Identity | None:
        if not user_id.isdigit() or session.get("sid") is None:
            return None
        with store_session(settings) as db:
            user = db.get(User, int(user_id))
            if user is None or user.disabled:
                return None
            return Identity(user.id, user.name, user.role, user.province_code)


def client_address(req: Request | None = None) -> str:
    """The address the request came from (as the server sees it)."""
    return ((req or request).remote_addr or "?")[:64]


def attempt_login(settings: Settings, name: str, password: str) -> Identity | None:
    """Check a password; on success start a new session. Both outcomes go to the audit log."""
    with store_session(settings) as db:
        user = db.scalar(select(User).where(User.name == name.strip()))
        ok = accounts.verify_password(user.password_hash if user else None, password)
        ok = ok and user is not None and not user.disabled
        audit.record(db, audit.LOGIN_OK if ok else audit.LOGIN_FAILED, name.strip()[:64],
                     client_address())
        if not ok or user is None:
            return None
        identity = Identity(user.id, user.name, user.role, user.province_code)
    session.clear()
    session["sid"] = secrets.token_urlsafe(24)
    session.permanent = True
    login_user(identity)
    return identity


def logout(settings: Settings) -> None:
    """End the session and say so in the audit log."""
    user = current()
    who = user.name if user else None
    with store_session(settings) as db:
        audit.record(db, audit.LOGOUT, who, client_address())
    logout_user()
    session.clear()


def current() -> Identity | None:
    """The logged-in account, or None."""
    user = current_user
    return cast(Identity, user) if getattr(user, "is_authenticated", False) else None


def _denied(api: bool, status: int) -> Response:
    if not api and status == 401:
        return redirect(url_for("intake_pages.login", next=request.full_path.rstrip("?"),
                                lang=request.args.get("lang")))
    abort(status)


def requires(secretariat: bool = False, api: bool = False) -> Callable[[F], F]:
    """A route needs a session (401 or a redirect to login) and, when asked, the secretariat role (403)."""
    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = current()
            if user is None:
                return _denied(api, 401)
            if secretariat and not user.is_secretariat:
                return _denied(api, 403)
            g.user = user
            return view(*args, **kwargs)
        return cast(F, wrapper)
    return decorate


def may_upload_for(user: Identity, province_code: str) -> bool:
    """The secretariat uploads for any province; a province account only for its own."""
    return user.is_secretariat or user.province_code == province_code


def may_see_province(user: Identity, province_code: str) -> bool:
    """The tracker row of a province: every row for the secretariat, its own for a province account."""
    return may_upload_for(user, province_code)


def may_see_submission(user: Identity, uploaded_by: int) -> bool:
    """A province account sees only its own uploads; the secretariat sees all."""
    return user.is_secretariat or uploaded_by == user.id
