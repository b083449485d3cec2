"""axe-core (pinned in tests/a11y/package.json, installed by `make test`) audits every page in both
languages against WCAG 2.1 A/AA and axe's best practices: no serious or critical violation anywhere."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LiveServer, show_grid
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
RULE_SETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")

# every page a user can reach, with filters, a pilot, a non-pilot, Bangkok, meeting mode and not found
PAGES: dict[str, str] = {
    "overview": "/",
    "overview-filtered": "/?goal=2,3&region=north&pilots=1&metric=goal_projects",
    "province-pilot": "/province/50",
    "province-non-pilot": "/province/11",
    "bangkok": "/province/10",
    "pilots": "/pilots",
    "meeting": "/?present=1&pilot=50",
    "not-found": "/nowhere",
}

# the page is drawn: the shell, every plotly graph and, on a province page, the grid's first rows
# (or, for a province without projects such as Bangkok, the grid's "no projects" overlay, which the
# infinite row model shows only once the server answered with zero rows) and its header cells (AG Grid
# hides them until it has sized its columns)
RENDERED = (
    "!!document.querySelector('#site-footer')"
    " && [...document.querySelectorAll('.js-plotly-plot')].every(g => g.querySelector('.main-svg'))"
    " && (!document.querySelector('#projects-grid')"
    "     || !!document.querySelector('#projects-grid .ag-row[row-index=\"0\"] [col-id=\"project_id\"]')"
    "     || !!document.querySelector('#projects-grid .ag-overlay-no-rows-wrapper'))"
    " && [...document.querySelectorAll('.ag-header-row')].every(row => row.children.length > 0"
    "     && [...row.children].every(cell => getComputedStyle(cell).visibility === 'visible'))"
)


@pytest.fixture
def audit_page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A 1366x768 page whose context may inject axe (bypass_csp is only for this audit)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (it runs `npm ci` in tests/a11y)")
    context = browser.new_context(viewport={"width": 1366, "height": 768}, bypass_csp=True)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe's violations on the page as it stands, each with its impact and the offending nodes."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("rules => axe.run(document, {runOnly: rules}).then(r => r.violations)", RULE_SETS)
    return list(result)


def describe(violations: list[dict[str, Any]]) -> str:
    """The violations as readable lines: rule, impact and the first offending elements."""
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:4]]
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_violations(audit_page: Any, name: str, lang: str, artifacts_dir: Path) -> None:
    path = PAGES[name]
    if lang == "en":
        path += ("&" if "?" in path else "?") + "lang=en"
    audit_page.goto(audit_page.base_url + path)
    if path.startswith("/province/"):
        show_grid(audit_page)  # the grid is set up when it comes near the screen
    _wait(audit_page, RENDERED, timeout=40)
    audit_page.wait_for_timeout(300)
    violations = run_axe(audit_page)
    report = json.dumps(violations, indent=1, ensure_ascii=False)
    (artifacts_dir / f"axe-{name}-{lang}.json").write_text(report, encoding="utf-8")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{path}:\n{describe(blocking)}"
    assert audit_page.evaluate("document.documentElement.lang") == lang
