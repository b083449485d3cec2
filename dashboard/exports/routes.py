"""Plain download URLs: `/export/slides.pptx`, `/export/data.csv`, `/export/data.xlsx` and
`/export/image.png?view=<view>` (one chart, what the camera button saves).

Each takes the page's own query string (parsed by `Filters.from_query`, so bad values fall back
to defaults and never cause a 500) and an optional `province=<code>`; an unknown province is a
404 with a sentence that says so.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from urllib.parse import quote

from flask import Flask, Response, request

from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.exports import downloads, images, slides
from dashboard.exports.captions import IMAGE_ROUTE, CaptionContext, caption_context, export_name, render_png
from dashboard.i18n import t
from geo import is_province_code

PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv"
PNG_TYPE = "image/png"
_MAX_PROVINCE_CHARS = 8
# An image or a deck is a render (Chromium, python-pptx): a few at once per process keep memory and
# CPU bounded; more are sent away at once (429 with Retry-After) instead of piling up in the workers.
EXPORT_SLOTS = threading.BoundedSemaphore(int(os.environ.get("SDG_EXPORT_SLOTS", "2")))
# CSV and XLSX are table dumps, ordinary downloads: a larger limit of their own (a busy render never
# refuses them), and one over it waits for a slot a while before it is refused.
DOWNLOAD_SLOTS = threading.BoundedSemaphore(int(os.environ.get("SDG_DOWNLOAD_SLOTS", "8")))
DOWNLOAD_WAIT_SECONDS = 30.0
RETRY_AFTER_SECONDS = 10


class UnknownProvince(LookupError):
    """The `province` parameter names no province."""


def request_filters() -> Filters:
    """The filters in the request's query string (repeated and comma-separated values both work)."""
    return Filters.from_query({key: request.args.getlist(key) for key in request.args})


def export_context(snap: db.Snapshot) -> CaptionContext:
    """Filters (year resolved) and caption facts for this request, with its province if any."""
    filters = queries.resolve_year(snap, request_filters())
    code = request.args.get("province", "").strip()
    if not code:
        return caption_context(snap, filters)
    if len(code) > _MAX_PROVINCE_CHARS or not is_province_code(code):
        raise UnknownProvince(code[:_MAX_PROVINCE_CHARS])
    profile = queries.province_profile(snap, filters, code)
    if profile.empty:
        raise UnknownProvince(code)
    return caption_context(snap, filters, profile.iloc[0].to_dict())


def attachment(body: bytes, mimetype: str, filename: str) -> Response:
    """A download response with the file name set (ASCII names, RFC 5987 form as well)."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}")
    response.headers["Cache-Control"] = "no-store"
    return response


def _text(status: int, key: str, **values: object) -> Response:
    """A one-line answer in the request's language."""
    return Response(t(key, request_filters().lang, **values) + "\n", status=status, mimetype="text/plain")


def _busy() -> Response:
    """Every export slot is taken: ask the client to come back, having done no work."""
    response = _text(429, "export_busy", seconds=RETRY_AFTER_SECONDS)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _limited(slots: threading.BoundedSemaphore, wait_s: float | None,
             make: Callable[[db.Snapshot, CaptionContext], Response]) -> Response:
    """Run one export under `slots`: a render (image, deck) is refused at once when every slot is
    taken (wait_s None), a table download (CSV, XLSX) waits up to wait_s for one; with clean answers
    for a busy server, an unknown province or a missing database."""
    taken = slots.acquire(blocking=False) if wait_s is None else slots.acquire(timeout=wait_s)
    if not taken:
        return _busy()
    try:
        return _run_export(make)
    finally:
        slots.release()


def _export(make: Callable[[db.Snapshot, CaptionContext], Response]) -> Response:
    """A render, at most EXPORT_SLOTS at once per process."""
    return _limited(EXPORT_SLOTS, None, make)


def _download(make: Callable[[db.Snapshot, CaptionContext], Response]) -> Response:
    """A table download under its own DOWNLOAD_SLOTS, waiting a while for one when all are taken."""
    return _limited(DOWNLOAD_SLOTS, DOWNLOAD_WAIT_SECONDS, make)


def _run_export(make: Callable[[db.Snapshot, CaptionContext], Response]) -> Response:
    try:
        snap = db.snapshot()
        ctx = export_context(snap)
    except UnknownProvince as exc:
        return _text(404, "export_unknown_province", code=exc)
    except db.DatabaseUnavailable:
        return _text(503, "export_no_database")
    try:
        return make(snap, ctx)
    except images.UnknownView as exc:
        return _text(404, "export_unknown_view", view=str(exc)[:20], known=", ".join(images.views_for(ctx)))


def slides_response(snap: db.Snapshot, ctx: CaptionContext) -> Response:
    """The deck for the overview, or for one province."""
    views = slides.province_views(snap, ctx) if ctx.province_code else slides.overview_views(snap, ctx)
    return attachment(slides.build_deck(views, ctx), PPTX_TYPE, slides.deck_filename(ctx))


def csv_response(snap: db.Snapshot, ctx: CaptionContext) -> Response:
    """The filtered projects as CSV (UTF-8 with BOM)."""
    return attachment(downloads.to_csv(snap, ctx), CSV_TYPE, downloads.download_name(ctx, "csv"))


def xlsx_response(snap: db.Snapshot, ctx: CaptionContext) -> Response:
    """The filtered projects and plan status as a workbook."""
    tables = downloads.export_tables(snap, ctx)
    return attachment(downloads.to_xlsx(tables), XLSX_TYPE, downloads.download_name(ctx, "xlsx"))


def image_response(snap: db.Snapshot, ctx: CaptionContext) -> Response:
    """One chart of the page as a 1920x1080 PNG drawn on the server, named like the camera's file."""
    view = request.args.get("view", "")
    png = render_png(images.view_figure(snap, ctx, view))
    return attachment(png, PNG_TYPE, f"{export_name(view, ctx.filters, ctx.province_code)}.png")


def register_export_routes(server: Flask) -> None:
    """Add the export URLs to the Flask server behind the Dash app."""
    server.add_url_rule("/export/slides.pptx", "export_slides", lambda: _export(slides_response))
    server.add_url_rule("/export/data.csv", "export_csv", lambda: _download(csv_response))
    server.add_url_rule("/export/data.xlsx", "export_xlsx", lambda: _download(xlsx_response))
    server.add_url_rule(IMAGE_ROUTE, "export_image", lambda: _export(image_response))
