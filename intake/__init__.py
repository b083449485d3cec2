"""The secretariat's workflow behind a login: accounts, uploads, tracker, publish and restore."""
from __future__ import annotations

from typing import Any


def register_intake(app: Any) -> None:
    """Add the intake pages and API to a Dash app's Flask server (imported late: the app stays light)."""
    from intake.web import register

    register(app)
