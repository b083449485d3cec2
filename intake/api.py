"""The JSON API under /api/v1: the same sessions, roles and CSRF rules as the pages, JSON errors."""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, g, jsonify, request
from flask_wtf.csrf import generate_csrf

from dashboard.i18n import lang_or_default
from intake import auth, publishing, strings, submissions, tracker
from intake.auth import requires
from intake.config import Settings
from intake.models import RUNNING
from intake.web import API_PREFIX, json_error, protect

api = Blueprint("intake_api", __name__, url_prefix=API_PREFIX)
MIN_YEAR, MAX_YEAR = 2500, 2700


def _settings() -> Settings:
    return auth.settings_of(current_app)


def _lang() -> str:
    return lang_or_default(request.args.get("lang"))


def year_arg(required: bool = False) -> int | None:
    """?year= as a Buddhist-era fiscal year; anything else is a 400 naming the parameter."""
    raw = request.args.get("year", "").strip()
    if not raw:
        if required:
            from etl.template import current_fiscal_year

            return current_fiscal_year()
        return None
    if not raw.isdigit() or not MIN_YEAR <= int(raw) <= MAX_YEAR:
        abort(400, description="year")
    return int(raw)


@api.before_request
def check_csrf() -> None:
    """Every state-changing API call carries the X-CSRFToken header (or a csrf_token form field)."""
    if request.endpoint == "intake_api.submissions_post":
        from intake.uploads import REQUEST_LIMIT

        request.max_content_length = REQUEST_LIMIT
    if auth.current() is not None:  # without a session every API call is 401 before anything changes
        protect()


@api.get("/session")
def session_info() -> Response:
    """The user, role and a CSRF token; 401 (with a token for the login form) without a session."""
    user = auth.current()
    if user is None:
        return json_error(401, csrf_token=generate_csrf())
    return jsonify({"user": user.name, "role": user.role, "province": user.province_code,
                    "csrf_token": generate_csrf()})


@api.post("/submissions")
@requires(api=True)
def submissions_post() -> Response:
    """Upload one or many files (multipart `file`, repeatable): per file its validation result."""
    from intake.uploads import UploadRefused

    try:
        results = submissions.submit(_settings(), g.user, request.files.getlist("file"),
                                     auth.client_address())
    except submissions.ForeignProvince as exc:
        return json_error(403, strings.t(exc.key, _lang()), rows=[r.to_dict() for r in exc.rows])
    except UploadRefused as exc:
        return json_error(exc.status, strings.t(exc.key, _lang(), file=exc.file or "",
                                                detail=exc.detail or ""), file=exc.file)
    response = jsonify({"submissions": results})
    response.status_code = 201
    return response


@api.get("/submissions")
@requires(api=True)
def submissions_get() -> Response:
    """The submissions this account may see, for one fiscal year when ?year= is given."""
    return jsonify({"submissions": submissions.visible(_settings(), g.user, year_arg())})


@api.get("/tracker")
@requires(api=True)
def tracker_get() -> Response:
    """Per province: the status of each dataset for the fiscal year, last upload and by whom."""
    year = year_arg(required=True)
    assert year is not None
    region = request.args.get("region") or None
    rows = tracker.rows(_settings(), year, g.user, region)
    return jsonify({"year": year, "provinces": [r.to_dict() for r in rows]})


@api.post("/publish")
@requires(secretariat=True, api=True)
def publish_post() -> Response:
    """{"dry_run": true} shows what would change; {"dry_run": false} starts the publish (build, swap
    the file in) and answers when it finished, or with status "running" (202) once it runs longer
    than the server waits, or at once with {"wait": false}; GET /builds/<id> follows it."""
    body = request.get_json(silent=True)
    if (not isinstance(body, dict) or not isinstance(body.get("dry_run"), bool)
            or not isinstance(body.get("wait", True), bool)):
        return json_error(400, strings.t("in_publish_body", _lang()))
    settings = _settings()
    try:
        if body["dry_run"]:
            result = publishing.dry_run(settings)
        else:
            wait = publishing.SYNC_WAIT_SECONDS if body.get("wait", True) else 0.0
            result = publishing.publish(settings, g.user, auth.client_address(), wait=wait)
    except publishing.PublishBusy:
        return json_error(409)
    except publishing.PublishFailed as exc:
        return json_error(400, strings.t("in_publish_failed", _lang()), report=exc.text)
    lines = result.lines_en if _lang() == "en" else result.lines_th
    response = jsonify({"build_id": result.build_id, "dry_run": body["dry_run"], "counts": result.counts,
                        "summary": result.summary, "lines": lines, "status": result.status})
    response.status_code = 202 if result.status == RUNNING else 200
    return response


@api.get("/builds/<int:build_id>")
@requires(secretariat=True, api=True)
def build_get(build_id: int) -> Response:
    """One version: a running publish's stage, then succeeded (counts, summary) or failed (error)."""
    found = publishing.build_state(_settings(), build_id)
    if found is None:
        return json_error(404)
    return jsonify(found)


@api.get("/builds")
@requires(secretariat=True, api=True)
def builds_get() -> Response:
    """Every published version, newest first."""
    return jsonify({"builds": publishing.builds(_settings())})


@api.post("/builds/<int:build_id>/restore")
@requires(secretariat=True, api=True)
def restore_post(build_id: int) -> Response:
    """Put an earlier version back (recorded as a new version)."""
    try:
        result = publishing.restore(_settings(), g.user, auth.client_address(), build_id)
    except publishing.PublishBusy:
        return json_error(409)
    if result is None:
        return json_error(404)
    lines = result.lines_en if _lang() == "en" else result.lines_th
    return jsonify({"build_id": result.build_id, "restored_from": build_id, "counts": result.counts,
                    "summary": result.summary, "lines": lines})


@api.get("/audit")
@requires(secretariat=True, api=True)
def audit_get() -> Response:
    """The newest audit events (read-only: the log has no API to change it)."""
    from intake.audit import recent
    from intake.store import session

    with session(_settings()) as db:
        events = [{"id": e.id, "at": e.at.isoformat(), "user": e.user_name, "action": e.action,
                   "detail": e.detail, "address": e.address} for e in recent(db)]
    return jsonify({"events": events})


@api.route("/<path:unknown>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def not_found(unknown: str) -> Response:
    """Unknown API paths answer JSON 404, not the dashboard's page."""
    abort(404)
