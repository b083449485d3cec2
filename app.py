"""The web app: Dash pages from dashboard/pages, assets served by the app itself, no CDN.

gunicorn serves `app:server`; `python app.py` runs the development server on loopback.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path

from dash import Dash

from dashboard.data.page_cache import register_page_responses
from dashboard.data.warm import warm_year_results
from dashboard.exports.routes import register_export_routes
from dashboard.i18n import t
from dashboard.server.asset_bundle import add_asset_bundles
from dashboard.server.compression import add_static_compression
from dashboard.server.geo_route import register_geo_routes
from dashboard.server.index_page import localise_index
from dashboard.server.json_encoding import install as install_json_encoding
from dashboard.server.lazy_scripts import add_lazy_scripts
from dashboard.server.page_status import register_page_status
from dashboard.server.preload import add_preloads
from dashboard.server.security import register_security
from dashboard.server.timing import add_server_timing
from dashboard.ui.first_paint import add_first_paint
from dashboard.ui.layout import app_layout
from intake import register_intake

ROOT = Path(__file__).resolve().parent


def create_app() -> Dash:
    """Build the Dash app: pages, compression, local assets only, debug tools off."""
    install_json_encoding()
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(ROOT / "dashboard" / "pages"),
        assets_folder=str(ROOT / "assets"),
        serve_locally=True,
        compress=True,
        external_stylesheets=[],
        external_scripts=[],
        suppress_callback_exceptions=True,
        title=t("app_title", "th"),
        update_title="",
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = app_layout
    register_security(app.server, app)
    register_page_responses(app.server)  # after the security checks: a kept page is still checked
    register_export_routes(app.server)
    register_geo_routes(app.server)
    prefix = app.config.routes_pathname_prefix
    register_page_status(app.server, [prefix, prefix + "<path:path>"])  # Dash's index and catch-all
    add_static_compression(app.server)
    add_preloads(app)
    localise_index(app)
    add_first_paint(app)
    add_lazy_scripts(app)
    add_server_timing(app.server)
    register_intake(app)
    add_asset_bundles(app, ROOT / "assets")  # after the intake, which sets the assets it ignores
    return app


app = create_app()
server = app.server
# What is built by now (Dash's registry, plotly's validators, pandas, the pages) lives as long as the
# process: moved out of the collector's reach, a full collection scans only what requests made since,
# about 40 ms instead of 200-300 ms, during which every thread of the worker waits.
gc.freeze()
# A full collection scans every object the caches hold (about 400,000 once they fill: ~100 ms, the
# worker's threads all waiting); with the default thresholds (700, 10, 10) a busy worker ran one every
# 30 requests, a sixth of its CPU. Young collections every 10,000 allocations instead of 700 make full
# ones about 14 times rarer; what the app frees is almost all freed by reference counts anyway.
gc.set_threshold(10_000, 10, 10)
warm_year_results()  # after the freeze: these results last only until the next build

if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")),
            debug=False, dev_tools_ui=False, dev_tools_props_check=False)
