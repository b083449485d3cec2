"""Shared fixtures: the real ETL builds the real DuckDB file, gunicorn serves the real app,
and Debian's Chromium (driven by Playwright, no browser download) looks at it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from bench.serve import Served

# Property tests check behaviour, not speed: on a shared 2-core CI machine input generation and single
# examples can be slow, which must not fail the suite (speed is measured by `make bench`).
settings.register_profile("project", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("project")

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "data" / "raw"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def run_etl(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m etl ...` as a user would; returns the finished process (never raises)."""
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def build_db(source: Path, db: Path, *extra: str) -> Path:
    result = run_etl("build", "--source", str(source), "--db", str(db), *extra)
    assert result.returncode == 0, f"ETL build failed:\n{result.stdout}\n{result.stderr}"
    return db


@pytest.fixture(scope="session", autouse=True)
def intake_state_in_a_temp_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every app a test starts registers the intake, which keeps its store, secret key and login
    counters in SDG_INTAKE_DIR (data/intake by default): the suite's go to a temp folder, not the tree.
    Tests that need their own intake folder set the variable for the servers they start."""
    folder = tmp_path_factory.mktemp("intake")
    patch = pytest.MonkeyPatch()
    patch.setenv("SDG_INTAKE_DIR", str(folder))
    yield folder
    patch.undo()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample data, built by the real ETL into a fresh DuckDB file."""
    return build_db(RAW_DIR, tmp_path_factory.mktemp("db") / "sdg.duckdb")


class LiveServer(Served):
    """The app under gunicorn exactly as `make run` serves it (bench/serve.py), started on creation,
    its log next to the database it serves."""

    def __init__(self, db: Path, workers: int = 2) -> None:
        super().__init__("app:server", db, workers=workers)
        self.log = db.parent / f"gunicorn-{self.port}.log"
        self.__enter__()


@pytest.fixture(scope="session")
def live_server(sample_db: Path) -> Iterator[LiveServer]:
    server = LiveServer(sample_db)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, live_server: LiveServer) -> Iterator[object]:
    """A fresh 1600x900 page; `page.requested_urls` lists every request it made."""
    context = browser.new_context(viewport={"width": 1600, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    pg = context.new_page()
    requested: list[str] = []
    pg.on("request", lambda req: requested.append(req.url))
    pg.requested_urls = requested  # type: ignore[attr-defined]
    pg.base_url = live_server.url  # type: ignore[attr-defined]
    yield pg
    context.close()


def wait_until(page: Any, expression: str, timeout: float = 30.0) -> None:
    """Poll a JavaScript expression until it is true (page.wait_for_function evaluates its predicate
    with eval, which the app's Content-Security-Policy rightly forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(100)


def chart_drawn(graph_id: str) -> str:
    """JavaScript: the dcc.Graph `graph_id` has had its first drawing (assets/staggered-draws.js)."""
    gd = f"document.querySelector('#{graph_id} .js-plotly-plot')"
    return f"!!{gd} && !!{gd}._fullLayout && !{gd}.sdgFirstDraw && !!{gd}.querySelector('.main-svg')"


def scroll_to(page: Any, element_id: str, timeout: float = 30.0) -> None:
    """Scroll the element with this id into view once the page has it."""
    wait_until(page, f"!!document.getElementById('{element_id}')", timeout=timeout)
    for attempt in range(3):  # Dash may replace the element while the page finishes mounting
        try:
            page.locator(f"#{element_id}").scroll_into_view_if_needed(timeout=timeout * 1000)
            break
        except Exception:
            if attempt == 2:
                raise
            page.wait_for_timeout(300)


def draw_chart(page: Any, graph_id: str, timeout: float = 30.0) -> None:
    """Scroll a chart into view, as a reader must (a chart far from the screen is drawn only when it
    comes near), and wait until it is drawn."""
    scroll_to(page, graph_id, timeout)
    wait_until(page, chart_drawn(graph_id), timeout=timeout)


def show_grid(page: Any, grid_id: str = "projects-grid", timeout: float = 30.0) -> None:
    """Scroll a province page's grid into view, as a reader must (its library loads only when the grid
    comes near the screen), and wait until the grid is set up."""
    scroll_to(page, grid_id, timeout)
    wait_until(page, f"!!document.querySelector('#{grid_id} .ag-root')", timeout=timeout)


def draw_all_charts(page: Any, timeout: float = 30.0) -> None:
    """Scroll every shown chart of the page into view and wait until each is drawn, then back to the
    top (for full-page screenshots and checks over every chart)."""
    ids = page.evaluate("Array.from(document.querySelectorAll('.dash-graph[id]'))"
                        ".filter(g => g.getClientRects().length).map(g => g.id)")
    for graph_id in ids:
        draw_chart(page, graph_id, timeout=timeout)
    page.evaluate("window.scrollTo(0, 0)")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


_STATUS_AT_START = pytest.StashKey[str | None]()


def _tree_status() -> str | None:
    """`git status --porcelain` of the checkout (tracked changes and untracked files), or None outside git."""
    try:
        result = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True,
                                timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout


def pytest_sessionstart(session: pytest.Session) -> None:
    """Remember the tree's state: the suite must leave it as it found it."""
    session.config.stash[_STATUS_AT_START] = _tree_status()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if tests changed tracked files or left untracked ones (write to tmp_path instead)."""
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller checks once for the whole run
    before = session.config.stash.get(_STATUS_AT_START, None)
    after = _tree_status()
    if before is None or after is None or after == before:
        return
    changed = sorted(set(after.splitlines()) - set(before.splitlines()))
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("the test run changed the working tree (git status):", red=True)
        for line in changed or after.splitlines():
            reporter.write_line(f"  {line}", red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED

