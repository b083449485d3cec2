"""The index page leaves out the bundles of libraries no page draws and defers the grid's, which a
province page preloads; every deferred bundle is still served from the app's own origin."""
from __future__ import annotations

from types import ModuleType

from dashboard.server.index_page import listed_scripts
from dashboard.server.lazy_scripts import lazy_libraries, slim_scripts


def test_overview_index_defers_the_grid_and_drops_the_table(dash_app: ModuleType) -> None:
    client = dash_app.app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    assert "/_dash-component-suites/dash_ag_grid/" not in page.split('id="lazy-libraries"')[0]
    assert 'src="/_dash-component-suites/dash_ag_grid/' not in page
    assert "/dash_table/" not in page
    listed = lazy_libraries(page)
    assert listed["dash_ag_grid"]["components"] == ["AgGrid"]
    assert client.get(listed["dash_ag_grid"]["src"]).status_code == 200
    assert 'rel="preload"' not in page.split("<body")[1].split('id="lazy-libraries"')[0]


def test_the_runtime_replaces_the_polyfill_before_every_library(dash_app: ModuleType) -> None:
    page = dash_app.app.server.test_client().get("/").get_data(as_text=True)
    scripts = listed_scripts(page)
    assert not [s for s in scripts if "polyfill" in s]
    runtime = [i for i, s in enumerate(scripts) if s.startswith("/assets/regenerator-runtime.js")]
    react = [i for i, s in enumerate(scripts) if "/deps/react@" in s]
    assert len(runtime) == 1 and runtime[0] < react[0]


def test_province_index_preloads_the_grid(dash_app: ModuleType) -> None:
    page = dash_app.app.server.test_client().get("/province/50").get_data(as_text=True)
    src = lazy_libraries(page)["dash_ag_grid"]["src"]
    assert f'<link rel="preload" href="{src}" as="script">' in page


def test_other_scripts_are_kept_in_order() -> None:
    scripts = ('<script src="/a.js"></script>\n'
               '<script src="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v1m2.min.js"></script>\n'
               '<script src="/_dash-component-suites/dash/dash_table/bundle.v7.js"></script>\n'
               '<script src="/b.js"></script>\n')
    slim = slim_scripts(scripts, "/")
    assert slim.endswith('<script src="/a.js"></script>\n<script src="/b.js"></script>\n')
    assert "dash_table" not in slim
    assert lazy_libraries(slim)["dash_ag_grid"]["src"].endswith("dash_ag_grid.v1m2.min.js")


def test_the_charts_scripts_stay_in_order_and_are_listed_as_what_graphs_need(dash_app: ModuleType) -> None:
    page = dash_app.app.server.test_client().get("/").get_data(as_text=True)
    charts = lazy_libraries(page)["dash_core_components"]
    assert charts["components"] == ["Graph"]
    assert [need.split("?")[0] for need in charts["needs"]] == ["/assets/plotly-sdg.min.js",
                                                                "/assets/staggered-draws.js"]
    scripts = listed_scripts(page)
    plotly, staggered = (scripts.index(need) for need in charts["needs"])
    assert plotly < staggered  # the loader runs them where they are when a chart is near at once
    assert "dash-graph" in charts["boxClass"].split()


def test_graphs_need_nothing_listed_when_a_script_is_missing() -> None:
    scripts = '<script src="/assets/plotly-sdg.min.js?m=1"></script>\n<script src="/b.js"></script>\n'
    assert "dash_core_components" not in lazy_libraries(slim_scripts(scripts, "/"))
    both = scripts + '<script src="/assets/staggered-draws.js?m=2"></script>\n'
    assert lazy_libraries(slim_scripts(both, "/"))["dash_core_components"]["needs"] == [
        "/assets/plotly-sdg.min.js?m=1", "/assets/staggered-draws.js?m=2"]
    assert slim_scripts(both, "/").endswith(both)  # still in the page, in their place
