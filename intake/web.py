"""Wires the intake into the Flask server the dashboard runs on: store, sessions, CSRF, limits, routes.

The dashboard's own routes are untouched: CSRF is checked only on intake requests, the login limits
only on the login route, and intake errors are answered as JSON under /api/v1 and as pages elsewhere.
"""
from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from dashboard.i18n import lang_or_default
from intake import auth, draining, strings
from intake.config import secret_key, settings
from intake.rate_limits import init_limiter
from intake.store import engine

API_PREFIX = "/api/v1"
STATUS_KEYS = {400: "err_400", 401: "err_401", 403: "err_403", 404: "err_404", 405: "err_405",
               409: "err_409", 413: "err_413", 429: "err_429", 500: "err_500"}
csrf = CSRFProtect()


def error_text(status: int, lang: str) -> str:
    """The one generic message for a status, in the request's language."""
    return strings.t(STATUS_KEYS.get(status, "err_500" if status >= 500 else "err_400"), lang)


def json_error(status: int, message: str | None = None, **extra: Any) -> Response:
    """The API's error shape: {"error": {"status", "message", ...}}."""
    lang = lang_or_default(request.args.get("lang"))
    body = {"error": {"status": status, "message": message or error_text(status, lang), **extra}}
    response = jsonify(body)
    response.status_code = status
    return response


def page_error(status: int, message: str | None = None) -> Response:
    """An intake page's error: the intake shell with the message."""
    lang = lang_or_default(request.args.get("lang"))
    html = render_template("intake/error.html", status=status,
                           message=message or error_text(status, lang), **strings.page_context(lang))
    return Response(html, status=status, mimetype="text/html")


def handle_error(exc: HTTPException) -> Response:
    """JSON for the API, the intake page otherwise; never a traceback."""
    status = exc.code or 500
    message = None
    if isinstance(exc, CSRFError):
        message = strings.t("err_csrf", lang_or_default(request.args.get("lang")))
    if request.path.startswith(API_PREFIX):
        return json_error(status, message)
    if request.headers.get("X-Requested-With") == "fetch":  # the upload script shows it in place
        text = message or error_text(status, lang_or_default(request.args.get("lang")))
        body = f'<div class="alert alert-danger" role="alert" id="upload-refused">{escape(text)}</div>'
        return Response(body, status=status, mimetype="text/html")
    return page_error(status, message)


def register(app: Any) -> None:
    """Store migrated, secret key, sessions, CSRF, login limits, blueprints and intake assets."""
    from intake.api import api
    from intake.pages import pages

    server: Flask = app.server
    config = settings()
    engine(config)  # migrations run now, at start, not at the first request
    server.extensions["sdg_intake"] = config
    auth.init_auth(server, config, secret_key(config.intake_dir))
    server.config.update(WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=None,
                         WTF_CSRF_HEADERS=["X-CSRFToken"])
    csrf.init_app(server)
    init_limiter(server, str(config.limiter_db))
    pages.register_error_handler(HTTPException, handle_error)
    api.register_error_handler(HTTPException, handle_error)
    server.register_blueprint(pages)
    server.register_blueprint(api)
    # counted from the first byte (CSRF reads the form in the blueprints' own hooks), drained when refused;
    # second only to the dashboard's setup gate, which must finish Dash's own setup before anything runs
    hooks = server.before_request_funcs.setdefault(None, [])
    gate = next((i for i, hook in enumerate(hooks) if type(hook).__name__ == "_SetupGate"), -1)
    hooks.insert(gate + 1, _count_intake_input)
    server.after_request(_drain_intake_refusal)
    server.jinja_env.globals["csrf_field_name"] = "csrf_token"
    # the intake's own script and styles are linked by its pages only, not loaded on every dashboard page
    ignore = app.config.assets_ignore
    app.config.assets_ignore = f"(?:{ignore})|^intake" if ignore else "^intake"


def _is_intake() -> bool:
    return request.blueprint in ("intake_pages", "intake_api")


def _count_intake_input() -> None:
    if _is_intake():
        draining.count_input()


def _drain_intake_refusal(response: Response) -> Response:
    return draining.drain_refused(response) if _is_intake() else response


def protect(state_changing: bool = True) -> None:
    """CSRF check for a state-changing intake request (form field csrf_token or X-CSRFToken header)."""
    if state_changing and request.method in ("POST", "PUT", "PATCH", "DELETE"):
        csrf.protect()
