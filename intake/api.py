"""The JSON API under /api/v1: the same sessions, roles and CSRF rules as the pages, JSON errors."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, g, jsonify, request
from flask_wtf.csrf import generate_csrf

from intake import auth
from intake.auth import requires
from intake.web import API_PREFIX, protect

api = Blueprint("intake_api", __name__, url_prefix=API_PREFIX)


def _settings() -> Any:
    return auth.settings_of(current_app)


@api.before_request
def check_csrf() -> None:
    """Every state-changing API call carries the X-CSRFToken header (or a csrf_token form field)."""
    if request.endpoint == "intake_api.submissions" and request.method == "POST":
        from intake.uploads import REQUEST_LIMIT

        request.max_content_length = REQUEST_LIMIT
    protect()


@api.get("/session")
def session_info() -> Response:
    """The user, role and a CSRF token; 401 (with a token for the login form) without a session."""
    user = auth.current()
    if user is None:
        from intake.web import json_error

        return json_error(401, csrf_token=generate_csrf())
    return jsonify({"user": user.name, "role": user.role, "province": user.province_code,
                    "csrf_token": generate_csrf()})


@api.route("/<path:unknown>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def not_found(unknown: str) -> Response:
    """Unknown API paths answer JSON 404, not the dashboard's page."""
    abort(404)


__all__ = ["g", "requires"]
