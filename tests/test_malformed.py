"""Malformed input gets a clean answer, never a 500 or a traceback: odd query strings, unknown pages,
path traversal (raw and encoded), and callback requests that are invalid JSON, name unknown outputs,
carry the wrong number or the wrong types of values, or huge lists. Everything goes to the app as
gunicorn serves it, over a raw HTTP connection (so paths are sent exactly as written).

A typed URL longer than gunicorn's request-line limit (4094 bytes; it cannot exceed 8190) is answered
by gunicorn itself with a short 414; the same 10 KB values inside the app's own requests get a page.
"""
from __future__ import annotations

import contextlib
import http.client
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest

from bench.dash_client import callback_payload, page_payload
from tests.conftest import LiveServer

KB10 = "9" * 10240
PASSWD_MARK = b"root:x:0:0"
TRACEBACK_MARKS = (b"Traceback", b'File "/', b"werkzeug", b"Werkzeug Debugger")


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


def send(server: LiveServer, method: str, path: str, body: bytes | None = None,
         content_type: str = "application/json") -> Answer:
    """One request with the path exactly as given (no client-side normalisation)."""
    url = urlsplit(server.url)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=60)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        if body is not None:
            conn.putheader("Content-Type", content_type)
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        if body is not None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                conn.send(body)  # the server may answer (413) and close before reading it all
        resp = conn.getresponse()
        return Answer(resp.status, resp.read())
    finally:
        conn.close()


INDEX_MARK = b'<div id="react-entry-point">'


def assert_clean(answer: Answer, allowed: tuple[int, ...] = (200, 204, 400, 404, 405, 413, 414)) -> None:
    assert answer.status in allowed, f"status {answer.status}: {answer.body[:300]!r}"
    assert PASSWD_MARK not in answer.body
    for mark in TRACEBACK_MARKS:
        assert mark not in answer.body, f"{mark!r} in the answer: {answer.body[:300]!r}"
    if answer.status == 404 and INDEX_MARK in answer.body:
        return  # the app's own page shell: the browser renders the friendly not-found page into it
    if answer.status >= 400:
        assert len(answer.body) < 2000, "an error answer should be short"


@pytest.fixture(scope="module")
def deps(live_server: LiveServer) -> list[dict[str, Any]]:
    answer = send(live_server, "GET", "/_dash-dependencies")
    assert answer.status == 200
    return list(json.loads(answer.body))


# ---------------------------------------------------------------- plain GETs

TRAVERSALS = [
    "/province/../../etc/passwd",
    "/province/..%2f..%2fetc%2fpasswd",
    "/province/%2e%2e/%2e%2e/etc/passwd",
    "/province/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/province/..\\..\\etc\\passwd",
    "/assets/../../../../etc/passwd",
    "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/_dash-component-suites/../../../../etc/passwd",
    "/_dash-component-suites/dash/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/export/..%2f..%2fetc%2fpasswd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "//etc/passwd",
]

ODD_GETS = [
    "/?goal=abc",
    "/?year=-1",
    "/?year=abc&goal=0,18,-3&region=%00&pilots=maybe&lang=xx&metric=%3Cscript%3E",
    f"/?goal={KB10}",
    f"/?region={'n,' * 5000}",
    f"/province/50?year={KB10}",
    "/province/99",
    "/province/abc",
    "/province/%00",
    "/no-such-page",
    "/no/such/page/at/all",
    f"/{'a' * 5000}",
    "/_dash-update-component",
    "/_dash-layout?x=%ff%fe",
    "/_dash-component-suites/no_such_package/x.js",
    "/assets/no-such-file.css",
    "/export/data.csv?goal=abc&year=-1",
    f"/export/data.csv?province={KB10}",
    "/export/data.csv?province=../../etc/passwd",
    "/export/no-such-export",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_reveals_nothing(live_server: LiveServer, path: str) -> None:
    assert_clean(send(live_server, "GET", path))


@pytest.mark.parametrize("path", ODD_GETS, ids=lambda p: p[:60])
def test_odd_urls_get_a_clean_answer(live_server: LiveServer, path: str) -> None:
    assert_clean(send(live_server, "GET", path))


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "TRACE"])
def test_unexpected_methods_are_refused(live_server: LiveServer, method: str) -> None:
    answer = send(live_server, method, "/")
    assert_clean(answer, allowed=(405,))


# ---------------------------------------------------------------- the pages router

ROUTER_CASES = [
    ("/", "?goal=abc"),
    ("/", "?year=-1"),
    ("/", f"?goal={KB10}"),
    ("/", f"?year={KB10}&region={KB10}&lang={KB10}"),
    ("/", "?goal=1&goal=2&goal=" + "&goal=".join(str(i) for i in range(2000))),
    ("/province/../../etc/passwd", ""),
    ("/province/%2e%2e%2f%2e%2e%2fetc%2fpasswd", ""),
    ("/province/10", "?year=abc&lang=<b>"),
    ("/province/" + "9" * 10240, ""),
    ("/pilots", "?year=-1&goal=abc"),
    ("/no-such-page", ""),
    ("", ""),
    ("no-leading-slash", ""),
]


@pytest.mark.parametrize(("pathname", "search"), ROUTER_CASES, ids=lambda v: v[:40])
def test_router_renders_a_page_for_any_address(live_server: LiveServer, pathname: str, search: str) -> None:
    answer = send(live_server, "POST", "/_dash-update-component",
                  json.dumps(page_payload(pathname, search)).encode())
    assert_clean(answer, allowed=(200,) if pathname.startswith("/") else (400,))


@pytest.mark.parametrize("pathname", [None, 123, ["/"], {"a": "/"}])
def test_router_refuses_a_pathname_that_is_not_text(live_server: LiveServer, pathname: Any) -> None:
    payload = page_payload("/")
    payload["inputs"][0]["value"] = pathname
    answer = send(live_server, "POST", "/_dash-update-component", json.dumps(payload).encode())
    assert_clean(answer, allowed=(200, 204, 400))


# ---------------------------------------------------------------- malformed callback requests

def overview_update(deps: list[dict[str, Any]]) -> dict[str, Any]:
    return next(d for d in deps if d["output"].startswith("..province-map.figure"))


def broken_bodies(deps: list[dict[str, Any]]) -> dict[str, bytes]:
    """Request bodies that are not what the renderer sends, by what is wrong with them."""
    good = callback_payload(overview_update(deps), {"year-filter.value": 2566}, ["year-filter.value"])

    def variant(**changes: Any) -> bytes:
        return json.dumps({**good, **changes}).encode()

    return {
        "invalid json": b'{"output": "x", ',
        "not json at all": b"\x00\xff\xfe garbage",
        "empty body": b"",
        "json array": b"[1, 2, 3]",
        "json string": b'"hello"',
        "empty object": b"{}",
        "unknown output": variant(output="no-such.children"),
        "output not a string": variant(output=["province-map.figure"]),
        "inputs missing one": variant(inputs=good["inputs"][:-1]),
        "inputs not a list": variant(inputs={"id": "year-filter"}),
        "input without id": variant(inputs=[{"property": "value", "value": 1}] * len(good["inputs"])),
        "inputs as strings": variant(inputs=["x"] * len(good["inputs"])),
        "state missing": variant(state=[]),
        "outputs garbage": variant(outputs="x"),
        "changedPropIds not a list": variant(changedPropIds="year-filter.value"),
        "changedPropIds huge": variant(changedPropIds=["year-filter.value"] * 100_000),
        "body over 4 MB": variant(inputs=[{"id": "x", "property": "value", "value": "9" * (5 * 2**20)}]),
    }


def test_broken_callback_bodies_are_refused(live_server: LiveServer, deps: list[dict[str, Any]]) -> None:
    for name, body in broken_bodies(deps).items():
        answer = send(live_server, "POST", "/_dash-update-component", body)
        assert answer.status in (400, 413), f"{name}: {answer.status} {answer.body[:200]!r}"
        assert_clean(answer)


def test_callback_body_with_wrong_content_type(live_server: LiveServer, deps: list[dict[str, Any]]) -> None:
    body = json.dumps(callback_payload(overview_update(deps), {}, [])).encode()
    assert_clean(send(live_server, "POST", "/_dash-update-component", body, content_type="text/plain"),
                 allowed=(400,))


WRONG_VALUES: list[Any] = [
    None, "abc", "", -1, 0, 10**30, 1.5, float("-0.0"), True, [], [None], ["abc", {}, []],
    list(range(50_000)), {"a": 1}, {"points": "x"}, {"points": [{"customdata": {"x": [1]}}]},
    "<script>alert(1)</script>", KB10,
]


def test_every_callback_survives_wrong_types(live_server: LiveServer, deps: list[dict[str, Any]]) -> None:
    """Each server callback, each input in turn given each wrong value: 200 or 204, never a 500."""
    failures = []
    for dep in deps:
        if dep.get("clientside_function") or dep["output"].startswith(".._pages_content"):
            continue
        specs = [i for i in [*dep.get("inputs", []), *dep.get("state", [])] if isinstance(i["id"], str)]
        for spec in specs:
            key = f"{spec['id']}.{spec['property']}"
            for value in WRONG_VALUES:
                body = json.dumps(callback_payload(dep, {key: value}, [key])).encode()
                answer = send(live_server, "POST", "/_dash-update-component", body)
                if answer.status not in (200, 204) or any(m in answer.body for m in TRACEBACK_MARKS):
                    failures.append(f"{dep['output'][:60]} {key}={json.dumps(value)[:40]}: {answer.status}")
    assert failures == []


# ---------------------------------------------------------------- the province grid's block requests

GRID_STATE = {"code": "50", "year": 2566, "lang": "th"}
ODD_BLOCK_REQUESTS: dict[str, Any] = {
    "negative window": {"startRow": -100, "endRow": -1},
    "window backwards": {"startRow": 500, "endRow": 10},
    "window huge": {"startRow": 0, "endRow": 10**12},
    "window as text": {"startRow": "0; DROP TABLE projects", "endRow": "100"},
    "sort on an unknown column": {"sortModel": [{"colId": "1; DROP TABLE projects; --", "sort": "asc"}]},
    "sort as text": {"sortModel": "budget_thb desc"},
    "sort items of every type": {"sortModel": [None, 1, "x", [], {"colId": ["title"], "sort": "asc"}]},
    "sort list huge": {"sortModel": [{"colId": "title", "sort": "asc"}] * 50_000},
    "filter on an unknown column": {"filterModel": {"title) OR (1=1": {"type": "contains", "filter": "x"}}},
    "filter operator unknown": {"filterModel": {"title": {"type": "regex", "filter": ".*"}}},
    "filter value as SQL": {"filterModel": {"goal": {"filterType": "number", "type": "equals",
                                                     "filter": "1 OR 1=1"}}},
    "filter value huge": {"filterModel": {"title": {"type": "contains", "filter": KB10}}},
    "filter conditions huge": {"filterModel": {"agency": {"operator": "OR", "conditions": [
        {"type": "contains", "filter": "a"}] * 50_000}}},
    "filter model as list": {"filterModel": [{"title": "x"}]},
    "range without end": {"filterModel": {"budget_thb": {"filterType": "number", "type": "inRange",
                                                         "filter": 1}}},
    "number not finite": {"filterModel": {"budget_thb": {"filterType": "number", "type": "lessThan",
                                                         "filter": 1e309}}},
}


@pytest.mark.parametrize("name", list(ODD_BLOCK_REQUESTS))
def test_odd_grid_block_requests_answer_cleanly(live_server: LiveServer, deps: list[dict[str, Any]],
                                                name: str) -> None:
    """The grid's getRowsRequest as anyone may send it: a clean block (odd parts ignored), never a 500."""
    dep = next(d for d in deps if d["output"].startswith("..projects-grid.getRowsResponse"))
    values = {"projects-grid.getRowsRequest": ODD_BLOCK_REQUESTS[name], "province-state.data": GRID_STATE,
              "province-grid-search.value": ""}
    body = json.dumps(callback_payload(dep, values, ["projects-grid.getRowsRequest"])).encode()
    answer = send(live_server, "POST", "/_dash-update-component", body)
    assert_clean(answer, allowed=(200, 204, 413))
    if answer.status == 200:
        block = json.loads(answer.body)["response"]["projects-grid"]["getRowsResponse"]
        assert len(block["rowData"]) <= 500 and block["rowCount"] in (0, 68)
