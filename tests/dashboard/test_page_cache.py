"""The overview and the province pages are built once per database build and address, and never
outlive the build."""
from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dashboard.data import db
from dashboard.data.page_cache import cached_page


@pytest.fixture
def own_db(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "sdg.duckdb"
    shutil.copy(sample_db, path)
    monkeypatch.setenv(db.DB_ENV, str(path))
    return path


def test_same_address_same_build_reuses_the_page(own_db: Path) -> None:
    calls: list[dict[str, object]] = []

    @cached_page()
    def layout(**query: object) -> object:
        calls.append(query)
        return object()

    first = layout(goal="3")
    assert layout(goal="3") is first
    assert layout(goal="4") is not first
    assert len(calls) == 2


def test_a_rebuild_is_never_served_stale(own_db: Path) -> None:
    @cached_page()
    def layout(**query: object) -> object:
        return object()

    before = layout()
    replacement = own_db.with_name("new.duckdb")
    shutil.copy(own_db, replacement)
    os.replace(replacement, own_db)  # what the ETL does: a new file renamed into place
    assert layout() is not before


def test_nothing_is_kept_while_the_database_is_missing(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(db.DB_ENV, str(tmp_path / "missing.duckdb"))

    @cached_page()
    def layout(**query: object) -> object:
        return object()

    assert layout() is not layout()


def test_overview_layout_is_cached(own_db: Path, dash_app: ModuleType) -> None:
    from dashboard.pages import overview

    assert overview.layout(lang="en", goal="2") is overview.layout(lang="en", goal="2")


def test_equivalent_addresses_share_one_page(own_db: Path, dash_app: ModuleType) -> None:
    from dashboard.pages import overview

    first = overview.layout(goal="3,2", region="north", lang="en")
    assert overview.layout(goal=["2", "3"], region="NORTH", lang="en") is first
    assert overview.layout(goal="2,3", region="north", lang="en", present="1") is not first


def _open(client: Any, search: str, encoding: str = "gzip", pathname: str = "/") -> Any:
    body = {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "state": [], "changedPropIds": ["_pages_location.pathname", "_pages_location.search"]}
    return client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": encoding})


def _page_json(reply: Any) -> Any:
    assert reply.status_code == 200
    assert reply.headers["Content-Encoding"] == "gzip"
    return json.loads(gzip.decompress(reply.get_data()))


def test_a_page_opened_before_is_answered_from_memory(own_db: Path, dash_app: ModuleType) -> None:
    from dashboard.data import page_cache

    page_cache.clear()
    client = dash_app.app.server.test_client()
    first = _open(client, "?goal=5,1&lang=en")
    assert len(page_cache.RESPONSES) == 1
    again = _open(client, "?lang=en&goal=1&goal=5")  # the same page, written another way
    assert len(page_cache.RESPONSES) == 1
    assert again.get_data() == first.get_data()
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    text = json.dumps(_page_json(again), ensure_ascii=False)
    assert "&goal=1,5&lang=en\"" in text  # the canonical query the page holds
    other = _open(client, "?goal=6&lang=en")
    assert len(page_cache.RESPONSES) == 2 and other.get_data() != first.get_data()


def test_a_rebuild_is_never_answered_from_memory(own_db: Path, dash_app: ModuleType) -> None:
    from dashboard.data import page_cache

    page_cache.clear()
    client = dash_app.app.server.test_client()
    _open(client, "?goal=4")
    replacement = own_db.with_name("new.duckdb")
    shutil.copy(own_db, replacement)
    os.replace(replacement, own_db)
    _page_json(_open(client, "?goal=4"))
    assert len(page_cache.RESPONSES) == 2  # one per build


def test_malformed_router_calls_are_still_refused(own_db: Path, dash_app: ModuleType) -> None:
    from dashboard.data import page_cache

    page_cache.clear()
    client = dash_app.app.server.test_client()
    _open(client, "?goal=4")
    body = {"output": ".._pages_content.children..._pages_store.data..", "outputs": [],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/"},
                       {"id": "_pages_location", "property": "search", "value": {"goal": "4"}}],
            "state": [], "changedPropIds": []}
    reply = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"})
    assert reply.status_code == 400


def test_a_browser_gets_the_smaller_brotli_answer(own_db: Path, dash_app: ModuleType) -> None:
    """Chromium offers zstd and brotli; at the kept levels brotli is the smaller of the two."""
    import brotli

    from dashboard.data import page_cache

    assert page_cache.encoding_for("gzip, deflate, br, zstd") == "br"
    reply = _open(dash_app.server.test_client(), "?year=2566", encoding="gzip, deflate, br, zstd")
    assert reply.status_code == 200 and reply.headers["Content-Encoding"] == "br"
    plain = brotli.decompress(reply.get_data())
    assert plain.startswith(b"{") and len(reply.get_data()) < len(page_cache.ENCODERS["zstd"](plain))


def test_a_province_page_is_kept_per_province_year_and_language(own_db: Path, dash_app: ModuleType) -> None:
    from dashboard.pages import province

    first = province.province_page(code="50", year="2566", lang="en")
    assert province.province_page(code="50", year="2566", lang="en", goal="3") is first  # goal: not shown
    assert province.province_page(code="50", year="2565", lang="en") is not first
    assert province.province_page(code="83", year="2566", lang="en") is not first
    assert province.page_key({"code": "5", "year": "2566"}) is None  # not a code's shape: nothing kept
    assert province.page_key({"code": "<b>", "year": "2566"}) is None


def test_a_province_page_opened_before_is_answered_from_memory(own_db: Path, dash_app: ModuleType) -> None:
    from dashboard.data import page_cache

    page_cache.clear()
    client = dash_app.app.server.test_client()
    first = _open(client, "?year=2566&lang=en", pathname="/province/50")
    assert len(page_cache.RESPONSES) == 1
    assert "Chiang Mai" in json.dumps(_page_json(first), ensure_ascii=False)
    again = _open(client, "?lang=en&year=2566&code=11", pathname="/province/50")  # the path names it
    assert len(page_cache.RESPONSES) == 1 and again.get_data() == first.get_data()
    other = _open(client, "?year=2566&lang=en", pathname="/province/83")
    assert len(page_cache.RESPONSES) == 2
    assert "Phuket" in json.dumps(_page_json(other), ensure_ascii=False)
    odd = _open(client, "?lang=en", pathname="/province/x1")
    assert odd.status_code == 200 and len(page_cache.RESPONSES) == 2  # not a code's shape: not kept


@pytest.mark.parametrize(("template", "pathname", "expected"), [
    ("/", "/", {}),
    ("/province/<code>", "/province/50", {"code": "50"}),
    ("/province/<code>", "/province/50/x", None),
    ("/province/<code>", "/pilots", None),
    ("/", "/province/50", None),
])
def test_path_variables(template: str, pathname: str, expected: dict[str, str] | None) -> None:
    from dashboard.data.page_cache import path_variables

    assert path_variables(template, pathname) == expected
