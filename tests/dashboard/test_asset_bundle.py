"""The app's small scripts and its stylesheets reach the page as one file each, holding every one of
them in Dash's order, served compressed and revalidated like any asset."""
from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest

from dashboard.server.asset_bundle import KEPT_APART, minified
from dashboard.server.index_page import listed_scripts

ASSETS = Path(__file__).resolve().parents[2] / "assets"


def _index(dash_app: ModuleType) -> str:
    return str(dash_app.server.test_client().get("/").get_data(as_text=True))


def test_the_index_loads_one_file_per_kind_instead_of_each(sample_env: Path, dash_app: ModuleType) -> None:
    html = _index(dash_app)
    scripts = [src.split("?")[0].removeprefix("/assets/")
               for src in listed_scripts(html) if src.startswith("/assets/")]
    styles = re.findall(r'<link rel="stylesheet" href="/assets/([^"?]+)', html)
    assert set(scripts) == KEPT_APART | {"app-scripts.js"} and len(scripts) == 4, scripts
    assert styles == ["app-styles.css"]
    # where the first of them was: before plotly.js
    assert scripts.index("app-scripts.js") < scripts.index("plotly-sdg.min.js")
    # and the script that wraps Plotly.react after it
    assert scripts.index("plotly-sdg.min.js") < scripts.index("staggered-draws.js")


@pytest.mark.parametrize(("bundle", "suffix"), [("app-scripts.js", ".js"), ("app-styles.css", ".css")])
def test_each_bundle_holds_every_included_file_in_name_order(sample_env: Path, dash_app: ModuleType,
                                                             bundle: str, suffix: str) -> None:
    client = dash_app.server.test_client()
    (url,) = re.findall(rf'"(/assets/{re.escape(bundle)}\?v=[0-9a-f]+)"', _index(dash_app))
    reply = client.get(url)
    assert reply.status_code == 200
    assert reply.mimetype == ("text/css" if suffix == ".css" else "text/javascript")
    body = reply.get_data(as_text=True)
    names = re.findall(r"^/\* assets/(\S+) \*/$", body, re.M)
    expected = sorted(p.name for p in ASSETS.glob(f"*{suffix}")
                      if p.name not in KEPT_APART and not p.name.startswith("intake"))
    assert names == expected and len(names) >= 5
    for name in names:
        text = (ASSETS / name).read_text(encoding="utf-8").removeprefix('@charset "UTF-8";')
        assert f"/* assets/{name} */\n{minified(text, name)}\n" in body, name
    assert len(body) < sum(len((ASSETS / name).read_text(encoding="utf-8")) for name in names) * 0.97
    again = client.get(url, headers={"If-None-Match": reply.headers["ETag"]})
    assert again.status_code == 304
    packed = client.get(url, headers={"Accept-Encoding": "zstd"})
    assert packed.headers["Content-Encoding"] == "zstd" and len(packed.data) < len(reply.get_data()) / 3


def test_minifying_leaves_the_code_as_it_was() -> None:
    script = ('// a note for readers\nvar url = "http://x/*y*/"; /* block */\n'
              'var re = /\\/\\/ not a comment/g;\nif (a < b) {\n    call(url, re);\n}\n')
    assert minified(script, "x.js") == ('var url="http://x/*y*/";var re=/\\/\\/ not a comment/g;'
                                         'if(a<b){call(url,re);}')
    style = "/* why */\n.box  {\n  color: #fff;\n  margin: 0 auto;\n}\n"
    assert minified(style, "x.css") == ".box{color:#fff;margin:0 auto}"
