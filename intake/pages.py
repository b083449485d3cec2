"""The intake's server-rendered pages: login, upload, tracker, builds. Each asks `auth` who may see it."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request
from werkzeug.wrappers import Response

from dashboard.i18n import lang_or_default
from intake import accounts, auth, strings
from intake.auth import requires
from intake.rate_limits import LOGIN_LIMIT, address_key, failed_login, limiter, login_name_key
from intake.web import protect

pages = Blueprint("intake_pages", __name__, template_folder="templates")
FIRST_ACCOUNT_COMMAND = "python -m intake users add NAME --role secretariat"


def _lang() -> str:
    return lang_or_default(request.args.get("lang"))


def _settings() -> Any:
    from flask import current_app

    return auth.settings_of(current_app)


def render(template: str, status: int = 200, **values: Any) -> Response:
    """A page in the request's language, with the sample banner when the base data is the sample."""
    from intake.publishing import base_is_sample

    lang = _lang()
    html = render_template(template, sample=base_is_sample(_settings()), **strings.page_context(lang),
                           **values)
    return Response(html, status=status, mimetype="text/html")


@pages.before_request
def check_csrf() -> None:
    """Every state-changing intake request carries the CSRF token (login included)."""
    if request.endpoint == "intake_pages.upload":
        from intake.uploads import REQUEST_LIMIT

        request.max_content_length = REQUEST_LIMIT
    protect()


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an absolute URL an attacker chose."""
    if not target:
        return "/intake"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/intake"
    return target


@pages.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMIT, key_func=login_name_key, methods=["POST"], deduct_when=failed_login)
@limiter.limit(LOGIN_LIMIT, key_func=address_key, methods=["POST"], deduct_when=failed_login)
def login() -> Response:
    """The login form; a failed attempt answers 401 with one message that names neither cause."""
    settings = _settings()
    values: dict[str, Any] = {
        "has_accounts": accounts.any_account(settings), "first_command": FIRST_ACCOUNT_COMMAND,
        "name": "", "failed": None, "query": request.query_string.decode("ascii", "replace"),
    }
    if request.method == "POST":
        name = (request.form.get("name") or "")[:64]
        identity = auth.attempt_login(settings, name, request.form.get("password") or "")
        if identity is not None:
            return redirect(_safe_next(request.args.get("next")))
        values.update(name=name, failed=strings.t("in_login_failed", _lang()))
        return render("intake/login.html", status=401, **values)
    if auth.current() is not None:
        return redirect(_safe_next(request.args.get("next")))
    return render("intake/login.html", **values)


@pages.route("/logout", methods=["POST"])
def logout() -> Response:
    """End the session, back to the public dashboard."""
    if auth.current() is not None:
        auth.logout(_settings())
    lang = _lang()
    return redirect("/" + ("?lang=en" if lang == "en" else ""))


@pages.route("/intake", methods=["GET"])
def intake_page() -> Response:
    """The upload page; without any account yet, the command that creates the first one."""
    settings = _settings()
    if auth.current() is None and not accounts.any_account(settings):
        return render("intake/login.html", has_accounts=False, first_command=FIRST_ACCOUNT_COMMAND,
                      name="", failed=None, query="")
    return _upload_page()


@requires()
def _upload_page() -> Response:
    from intake.provinces_list import province_options

    return render("intake/upload.html", active="intake", provinces=province_options(_lang()), results=None)
