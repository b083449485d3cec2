"""The province page's district boundaries as a static, cacheable JSON file: the browser fetches a
province's geometry once (same origin, so the CSP stays 'self') and every page response carries only
district codes and values. The URL holds a hash of the content, so it can be cached for a year."""
from __future__ import annotations

import hashlib
import json
from functools import cache

from flask import Flask, Response, abort, request

from geo import is_province_code, province_districts

ROUTE = "/geo/districts/<code>.json"
MAX_AGE = 365 * 24 * 3600


@cache
def _body(code: str) -> bytes:
    """The province's districts as compact GeoJSON bytes (built once per process)."""
    return json.dumps(province_districts(code), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@cache
def _version(code: str) -> str:
    """A short content hash: a new boundaries file gives new URLs, so old copies are never used."""
    return hashlib.sha256(_body(code)).hexdigest()[:16]


def has_districts(code: str) -> bool:
    """Whether the boundaries hold any district of the province."""
    return is_province_code(code) and bool(province_districts(code)["features"])


def district_geojson_url(code: str) -> str:
    """The URL the district map's traces load their geometry from."""
    return f"/geo/districts/{code}.json?v={_version(code)}"


def serve_districts(code: str) -> Response:
    """The province's districts; 404 for anything that is not a province with districts."""
    if not has_districts(code):
        abort(404)
    version = _version(code)
    response = Response(_body(code), mimetype="application/json")
    response.set_etag(version)
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}, immutable"
    response.make_conditional(request)
    return response


def register_geo_routes(server: Flask) -> None:
    """Serve the district boundaries under /geo/districts/<code>.json."""
    server.add_url_rule(ROUTE, "district_geojson", serve_districts, methods=["GET"])
