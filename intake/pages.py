"""The intake's server-rendered pages: login, upload, tracker, builds. Each asks `auth` who may see it."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, g, redirect, render_template, request
from werkzeug.wrappers import Response

from dashboard.i18n import lang_or_default
from intake import accounts, auth, strings
from intake.auth import requires
from intake.config import Settings
from intake.rate_limits import LOGIN_LIMIT, address_key, failed_login, limiter, login_name_key
from intake.web import protect

pages = Blueprint("intake_pages", __name__, template_folder="templates")
FIRST_ACCOUNT_COMMAND = "python -m intake users add NAME --role secretariat"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang() -> str:
    return lang_or_default(request.args.get("lang"))


def _settings() -> Settings:
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
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
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


@pages.route("/intake", methods=["POST"])
@requires()
def upload() -> Response:
    """The form upload (and the script's fetch of it): the validation report for every file."""
    from intake.submissions import ForeignProvince, submit
    from intake.uploads import UploadRefused

    lang = _lang()
    fragment = request.headers.get("X-Requested-With") == "fetch"
    status, refused, foreign, results = 200, None, [], []
    try:
        results = submit(_settings(), g.user, request.files.getlist("file"), auth.client_address())
    except ForeignProvince as exc:
        status, refused, foreign = 403, strings.t(exc.key, lang), exc.rows
    except UploadRefused as exc:
        status = exc.status
        refused = strings.t(exc.key, lang, file=exc.file or "", detail=exc.detail or "")
    values = {"results": results, "refused": refused, "foreign": foreign,
              "report_ids": ",".join(str(r["id"]) for r in results)}
    if fragment:
        html = render_template("intake/results.html", **strings.page_context(lang), **values)
        return Response(html, status=status, mimetype="text/html")
    from intake.provinces_list import province_options

    return render("intake/upload.html", status=status, active="intake", provinces=province_options(lang),
                  **values)


@pages.get("/intake/template.xlsx")
@requires()
def template_download() -> Response:
    """The submission workbook, pre-filled for the province asked for (any province)."""
    import tempfile
    from pathlib import Path

    from etl.template import write_template
    from intake.provinces_list import provinces

    code = request.args.get("province") or (g.user.province_code or "")
    if code and code not in {p.code for p in provinces()}:
        abort(404)
    with tempfile.TemporaryDirectory(dir=_settings().work if _settings().work.exists() else None) as tmp:
        path = write_template(Path(tmp) / "template.xlsx", code or None)
        data = path.read_bytes()
    name = f"sdg-submission-{code or 'all'}.xlsx"
    return Response(data, mimetype=XLSX_MIME, headers={"Content-Disposition": f"attachment; filename={name}"})


@pages.get("/intake/report.xlsx")
@requires()
def report_download() -> Response:
    """The validation report of the given submissions (ids=1,2) as a workbook in the page language."""
    from intake.report_xlsx import report_workbook
    from intake.submissions import visible

    raw = request.args.get("ids", "")
    ids = [int(x) for x in raw.split(",") if x.strip().isdigit()]
    if not ids:
        abort(400)
    shown = visible(_settings(), g.user, ids=ids)
    if len(shown) != len(set(ids)):
        abort(404)  # an id this account may not see is as absent as one that does not exist
    return Response(report_workbook(shown, _lang()), mimetype=XLSX_MIME,
                    headers={"Content-Disposition": "attachment; filename=validation-report.xlsx"})


@pages.get("/intake/tracker")
@requires()
def tracker_page() -> Response:
    """Who has submitted for a fiscal year, by province; filter by region, sort by a column."""
    from etl.reference import read_reference
    from intake import tracker
    from intake.api import year_arg

    year = year_arg(required=True)
    assert year is not None
    region = request.args.get("region") or None
    asked = request.args.get("sort", "")
    sort = asked if asked in tracker.SORTS else "province"
    rows = tracker.rows(_settings(), year, g.user, region, sort)
    regions = read_reference("regions").sort_values("sort_order")
    region_names = {str(r.region_code): str(r.name_en if _lang() == "en" else r.name_th)
                    for r in regions.itertuples()}
    totals = {"received": sum(r.received for r in rows),
              "complete": sum(r.missing == 0 for r in rows), "provinces": len(rows)}
    return render("intake/tracker.html", active="tracker", rows=rows, year=year, region=region or "",
                  sort=sort, regions=region_names, totals=totals, datasets=tracker.TRACKED,
                  components=tracker.COMPONENTS)


@pages.get("/intake/builds")
@requires(secretariat=True)
def builds_page() -> Response:
    """Published versions, publish (dry run first) and restore."""
    from intake import publishing

    return render("intake/builds.html", active="builds", builds=publishing.builds(_settings()),
                  preview=None, message=None)


@pages.post("/intake/builds/publish")
@requires(secretariat=True)
def publish_page() -> Response:
    """Step 1 (confirm absent): the dry-run change summary; step 2 (confirm=yes): publish."""
    from intake import publishing

    settings, lang = _settings(), _lang()
    status, preview, message = 200, None, None
    try:
        if request.form.get("confirm") == "yes":
            try:
                result = publishing.publish(settings, g.user, auth.client_address(),
                                            request.form.get("plan", ""))
                key = "in_publish_running" if result.status == publishing.RUNNING else "in_published"
                message = strings.t(key, lang, id=result.build_id)
            except publishing.PlanChanged:
                status, message = 409, strings.t("in_plan_changed", lang)
                preview = publishing.dry_run(settings)
        else:
            preview = publishing.dry_run(settings)
    except publishing.PublishBusy:
        status, message = 409, strings.t("err_409", lang)
    except publishing.PublishFailed as exc:
        status, message = 400, strings.t("in_publish_failed", lang) + "\n" + exc.text
    lines = None if preview is None else (preview.lines_en if lang == "en" else preview.lines_th)
    return render("intake/builds.html", status=status, active="builds", builds=publishing.builds(settings),
                  preview=lines, plan=preview.plan if preview else "", message=message)


@pages.post("/intake/builds/<int:build_id>/restore")
@requires(secretariat=True)
def restore_page(build_id: int) -> Response:
    """Put an earlier version back."""
    from intake import publishing

    settings, lang = _settings(), _lang()
    status = 200
    try:
        result = publishing.restore(settings, g.user, auth.client_address(), build_id)
        if result is None:
            abort(404)
        message = strings.t("in_restored", lang, id=build_id, new=result.build_id)
    except publishing.PublishBusy:
        status, message = 409, strings.t("err_409", lang)
    return render("intake/builds.html", status=status, active="builds",
                  builds=publishing.builds(settings), preview=None, message=message)
