"""The project's own Python files, for tests that read the code itself (imports, environment reads)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = ("app.py", "dashboard", "etl", "geo", "intake", "bench", "tests", "scripts")


def python_sources() -> list[Path]:
    """Every .py file of the app, the tools and the tests (never node_modules)."""
    files: list[Path] = []
    for name in CODE:
        path = ROOT / name
        found = [path] if path.is_file() else path.rglob("*.py")
        files += [p for p in found if "node_modules" not in p.parts]
    return files
