"""Data flows one way through dashboard/: data -> figures -> ui and pages; exports use data and
figures; the server plumbing knows no page. Each folder's docstring says the same in words."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "dashboard"

# room -> the dashboard rooms it may import (besides itself and the shared string table)
ALLOWED: dict[str, set[str]] = {
    "data": set(),
    "figures": {"data"},
    "exports": {"data", "figures"},
    "server": set(),
    "ui": {"data", "figures", "exports"},
    "pages": {"data", "figures", "exports", "ui", "server"},
}


def _room(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "dashboard" or len(parts) < 2:
        return None
    return parts[1].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names if node.module == "dashboard")
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if p.name != "__init__.py" or p.parent != ROOT)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_follow_the_flow(path: Path) -> None:
    room = path.relative_to(ROOT).parts[0].removesuffix(".py")
    allowed = ALLOWED.get(room, set()) | {room, "i18n", None}
    wrong = sorted(m for m in _imports(path) if _room(m) is not None and _room(m) not in allowed)
    assert wrong == [], f"{room} may import only {sorted(a for a in allowed if a)}"


def test_at_most_three_modules_sit_directly_in_dashboard() -> None:
    assert len(list(ROOT.glob("*.py"))) <= 3
