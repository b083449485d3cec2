"""Page paths answer with an honest HTTP status, a meta description in the URL's language and a
robots.txt, all through the real app's Flask server."""
from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dashboard.i18n import t
from dashboard.server.page_status import ROBOTS_FILE, page_exists

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')


@pytest.mark.parametrize(("path", "status"), [
    ("/", 200), ("/?lang=en&goal=2", 200), ("/pilots", 200), ("/pilots/", 200),
    ("/province/50", 200), ("/province/10?lang=en", 200), ("/province/96", 200),
    ("/province/99", 404), ("/province/00", 404), ("/province/5", 404), ("/province/abc", 404),
    ("/province/", 404), ("/province/50/extra", 404), ("/province", 404), ("/nowhere", 404),
    ("/404", 404), ("/pilots/50", 404), ("/index.html", 404), ("/Province/50", 404),
])
def test_page_paths_answer_their_status(sample_env: Path, dash_app: ModuleType, path: str,
                                        status: int) -> None:
    response = dash_app.server.test_client().get(path)
    assert response.status_code == status, path
    body = response.get_data(as_text=True)
    assert 'id="react-entry-point"' in body  # the same index HTML: the browser shows the friendly page
    assert "Traceback" not in body


@pytest.mark.parametrize(("path", "status"), [
    ("/_dash-layout", 200), ("/_dash-dependencies", 200), ("/assets/01-bootstrap.min.css", 200),
    ("/export/data.csv", 200), ("/export/data.csv?province=99", 404), ("/assets/nothing.css", 404),
])
def test_other_routes_keep_their_own_status(sample_env: Path, dash_app: ModuleType, path: str,
                                            status: int) -> None:
    assert dash_app.server.test_client().get(path).status_code == status


@pytest.mark.parametrize(("path", "lang", "key", "values"), [
    ("/", "th", "meta_overview", {}),
    ("/?lang=en", "en", "meta_overview", {}),
    ("/pilots?lang=en", "en", "meta_pilots", {}),
    ("/province/50", "th", "meta_province", {"name": "เชียงใหม่"}),
    ("/province/50?lang=en", "en", "meta_province", {"name": "Chiang Mai"}),
    ("/province/99?lang=en", "en", "meta_not_found", {}),
    ("/nowhere", "th", "meta_not_found", {}),
    ("/nowhere?lang=en", "en", "meta_not_found", {}),
])
def test_pages_have_a_meta_description_in_their_language(sample_env: Path, dash_app: ModuleType, path: str,
                                                         lang: str, key: str, values: dict[str, str]) -> None:
    body = dash_app.server.test_client().get(path).get_data(as_text=True)
    found = DESCRIPTION.findall(body)
    assert len(found) == 1
    expected = t(key, lang, **values)
    assert found[0].replace("&#x27;", "'") == expected and len(expected) > 40


def test_robots_txt_is_the_file_in_assets(dash_app: ModuleType) -> None:
    response = dash_app.server.test_client().get("/robots.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data() == ROBOTS_FILE.read_bytes()
    lines = response.get_data(as_text=True).splitlines()
    assert "User-agent: *" in lines and "Disallow: /export/" in lines


def test_page_exists_follows_templates_and_the_pages_own_check() -> None:
    pages: list[dict[str, Any]] = [
        {"path": "/", "path_template": None}, {"path": "/pilots", "path_template": None},
        {"path": "/item/none", "path_template": "/item/<code>", "exists": lambda code: code == "7"}]
    assert page_exists("/", pages) and page_exists("/pilots/", pages) and page_exists("/item/7", pages)
    assert not page_exists("/item/8", pages) and not page_exists("/item/7/x", pages)
    assert not page_exists("/items", pages) and not page_exists("/item/", pages)
