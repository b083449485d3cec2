"""The camera button when the server's exports are all busy (SDG_EXPORT_SLOTS=1, one worker, a slide
deck being made): the image is asked for again after Retry-After and saved once the slot is free; a
server that stays busy is reported on the page (a live region, in the page's language), and no image
in a fallback font is saved."""
from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.i18n import t
from tests.conftest import LiveServer
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

DRAWN = "document.querySelectorAll('#province-map .choroplethlocation').length >= 77"
CAMERA = "#goal-chart .modebar-btn:has(path[d^='m500 450c-83'])"
STATE = "(document.getElementById('export-status') || {}).getAttribute('data-state')"


@pytest.fixture(scope="module")
def one_slot_server(sample_db: Path) -> Iterator[LiveServer]:
    """The app with a single export slot in a single worker process."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SDG_EXPORT_SLOTS", "1")
        server = LiveServer(sample_db, workers=1)
    yield server
    server.stop()


def _decks(url: str, until: float, started: threading.Event) -> None:
    """Ask for overview decks back to back until `until` (each holds the one slot for seconds)."""
    goal = 1
    while time.monotonic() < until:
        try:
            request = urllib.request.urlopen(f"{url}/export/slides.pptx?goal={goal}", timeout=120)
            started.set()
            request.read()
        except OSError:
            time.sleep(0.05)  # 429: the other loop holds the slot
        goal = goal % 17 + 1


def _hold_slot(url: str, seconds: float, loops: int) -> list[threading.Thread]:
    until = time.monotonic() + seconds
    started = threading.Event()
    threads = [threading.Thread(target=_decks, args=(url, until, started), daemon=True) for _ in range(loops)]
    for thread in threads:
        thread.start()
        time.sleep(0.3)
    return threads


def _camera_page(browser: Any, server: LiveServer) -> tuple[Any, Any, list[Any]]:
    context = browser.new_context(viewport={"width": 1600, "height": 900}, accept_downloads=True)
    page = context.new_page()
    downloads: list[Any] = []
    page.on("download", lambda download: downloads.append(download))
    page.goto(server.url + "/?year=2566")
    _wait(page, DRAWN)
    page.hover("#goal-chart")
    return context, page, downloads


def test_busy_server_is_asked_again_and_the_image_saved(browser: Any, one_slot_server: LiveServer,
                                                        tmp_path: Path) -> None:
    context, page, downloads = _camera_page(browser, one_slot_server)
    try:
        threads = _hold_slot(one_slot_server.url, 1.0, 1)  # one deck, started before the click
        time.sleep(0.5)
        page.click(CAMERA)
        _wait(page, f"{STATE} === 'retrying'", timeout=10)
        text = page.inner_text("#export-status")
        assert text == t("camera_retrying", "th").replace("{seconds}", "10")
        assert not downloads
        _wait(page, f"{STATE} === 'saved'", timeout=45)
        assert len(downloads) == 1 and downloads[0].suggested_filename == "sdg-goals-2566.png"
        saved = tmp_path / "camera.png"
        downloads[0].save_as(saved)
        assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        for thread in threads:
            thread.join(timeout=60)
    finally:
        context.close()


def test_server_that_stays_busy_is_reported_and_nothing_saved(browser: Any,
                                                              one_slot_server: LiveServer) -> None:
    context, page, downloads = _camera_page(browser, one_slot_server)
    try:
        threads = _hold_slot(one_slot_server.url, 40.0, 2)  # decks back to back for 40 s
        page.click(CAMERA)
        _wait(page, f"{STATE} === 'retrying'", timeout=10)
        _wait(page, f"{STATE} === 'refused'", timeout=40)
        assert page.inner_text("#export-status") == t("camera_refused", "th")
        assert page.get_attribute("#export-status", "aria-live") == "polite"
        page.wait_for_timeout(1000)
        assert not downloads, "no image in a fallback font"
        for thread in threads:
            thread.join(timeout=90)
    finally:
        context.close()
