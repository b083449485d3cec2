"""Canaries for the places that rely on Dash internals: a Dash upgrade that changes them fails here,
loudly and by name, instead of silently weakening the server.

- dashboard/server/security.py wraps the before_request hooks Dash registered (its one-time setup)
  in a gate that runs them to completion before any request goes on, and relies on those hooks
  returning early once done (`Dash._got_first_request`).
- dashboard/server/security.py checks the pages router's callback by its output id
  (`_pages_content.`), and dashboard/pages/province.py reads the path from the router's input
  `_pages_location.pathname`.
"""
from __future__ import annotations

from pathlib import Path
from types import ModuleType

from dashboard.server import security


def test_the_setup_gate_wraps_exactly_dashs_own_first_request_hooks(dash_app: ModuleType) -> None:
    hooks = dash_app.app.server.before_request_funcs[None]
    gate = hooks[0]
    assert isinstance(gate, security._SetupGate), "the gate must run before every other hook"
    wrapped = [getattr(h, "__qualname__", repr(h)) for h in gate._hooks]
    assert wrapped == ["Dash._setup_server", "Dash.enable_pages.<locals>.router_sync"], (
        "Dash's first-request hooks changed: check that they still return early once done and that "
        "the gate still wraps all of them")


def test_dashs_setup_hook_is_idempotent_by_its_first_request_flag(dash_app: ModuleType, sample_env: Path
                                                                  ) -> None:
    flags = dash_app.app._got_first_request
    assert "setup_server" in flags, "Dash no longer records its setup in _got_first_request"
    dash_app.app.server.test_client().get("/")
    assert flags["setup_server"] is True
    dash_app.app._setup_server()  # a second run must return at once, as the gate assumes
    assert flags["setup_server"] is True


def test_the_pages_router_callback_has_the_ids_the_app_reads(dash_app: ModuleType, sample_env: Path) -> None:
    dash_app.app.server.test_client().get("/")
    router = [key for key in dash_app.app.callback_map if security._PAGES_CONTENT in key]
    assert len(router) == 1, "Dash pages' router output is no longer `_pages_content.children`"
    inputs = dash_app.app.callback_map[router[0]]["inputs"]
    assert {"id": "_pages_location", "property": "pathname"} in inputs, (
        "the pages router no longer takes `_pages_location.pathname`: update province.code_in_path")


def test_the_app_moves_its_start_up_objects_out_of_the_collectors_reach(dash_app: ModuleType) -> None:
    """A full collection would otherwise scan Dash's, plotly's and pandas' objects on every pass."""
    import gc

    assert gc.get_freeze_count() > 100_000
