"""Static bundles go out compressed once at a strong level, kept on disk, and still decode to the file."""
from __future__ import annotations

import gzip
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import brotli
import pytest

from bench.dash_client import page_payload
from dashboard.server import compression
from dashboard.server.compression import StaticCompressor, accepted

PLOTLY_JS = "/_dash-component-suites/plotly/package_data/plotly.min.js"


@pytest.mark.parametrize(("header", "expected"), [
    ("gzip, deflate, br, zstd", "br"),
    ("gzip, deflate, br", "br"),
    ("gzip", "gzip"),
    ("zstd;q=0, br;q=0, gzip;q=0.5", "gzip"),
    ("identity", None),
    ("", None),
    ("*", "br"),
])
def test_best_accepted_encoding(header: str, expected: str | None) -> None:
    assert accepted(header) == expected


def _decode(body: bytes, encoding: str | None) -> bytes:
    if encoding == "zstd":
        return compression.zstd.decompress(body)  # type: ignore[no-any-return]
    if encoding == "br":
        return brotli.decompress(body)  # type: ignore[no-any-return]
    if encoding == "gzip":
        return gzip.decompress(body)
    return body


@pytest.fixture
def client(dash_app: ModuleType, sample_env: Path) -> object:
    test_client = dash_app.server.test_client()
    test_client.get("/")  # registers the component paths Dash will serve
    return test_client


@pytest.mark.parametrize("encoding", ["zstd", "br", "gzip"])
def test_plotly_js_is_smaller_and_decodes_to_the_file(client: object, encoding: str) -> None:
    plain = client.get(PLOTLY_JS)  # type: ignore[attr-defined]
    packed = client.get(PLOTLY_JS, headers={"Accept-Encoding": encoding})  # type: ignore[attr-defined]
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert _decode(packed.data, encoding) == plain.data
    # flask-compress's default (zstd level 3, gzip 6) gives about 1.44 MB; the strong levels less.
    assert len(packed.data) < {"zstd": 1_250_000, "br": 1_300_000, "gzip": 1_500_000}[encoding]


@pytest.mark.parametrize("path", ["/assets/a11y.js", "/assets/03-accessibility.css"])
def test_small_scripts_and_stylesheets_get_the_strong_level_too(client: object, path: str) -> None:
    plain = client.get(path)  # type: ignore[attr-defined]
    packed = client.get(path, headers={"Accept-Encoding": "zstd"})  # type: ignore[attr-defined]
    assert plain.status_code == packed.status_code == 200 and len(plain.data) < 16 * 1024
    assert packed.headers["Content-Encoding"] == "zstd"
    assert _decode(packed.data, "zstd") == plain.data
    assert packed.data == compression.ENCODERS["zstd"](plain.data)


def test_revalidation_answers_304(client: object) -> None:
    first = client.get(PLOTLY_JS, headers={"Accept-Encoding": "zstd"})  # type: ignore[attr-defined]
    again = client.get(PLOTLY_JS, headers={"Accept-Encoding": "zstd",  # type: ignore[attr-defined]
                                           "If-None-Match": first.headers["ETag"]})
    assert first.headers["ETag"].endswith(':zstd"')
    assert again.status_code == 304 and again.data == b""


def test_callback_responses_are_left_to_flask_compress(client: object) -> None:
    reply = client.post("/_dash-update-component", json=page_payload("/"),  # type: ignore[attr-defined]
                        headers={"Accept-Encoding": "gzip"})
    assert reply.status_code == 200 and reply.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(reply.data).startswith(b"{")


def test_compressed_once_then_read_from_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"plotly " * 10_000
    body = StaticCompressor(tmp_path).body(data, "gzip")
    assert gzip.decompress(body) == data
    assert len(list(tmp_path.glob("*.gzip"))) == 1

    def refuse(_: bytes) -> bytes:
        raise AssertionError("compressed again although the disk cache holds it")

    monkeypatch.setitem(compression.ENCODERS, "gzip", refuse)
    assert StaticCompressor(tmp_path).body(data, "gzip") == body


def test_unwritable_cache_still_serves(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    data = b"grid " * 10_000
    assert gzip.decompress(StaticCompressor(blocked / "cache").body(data, "gzip")) == data


def test_concurrent_first_requests_compress_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def counting(data: bytes) -> bytes:
        calls.append(len(data))
        return gzip.compress(data)

    monkeypatch.setitem(compression.ENCODERS, "gzip", counting)
    compressor = StaticCompressor(tmp_path)
    data = b"bundle " * 50_000
    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = list(pool.map(lambda _: compressor.body(data, "gzip"), range(16)))
    assert calls == [len(data)]
    assert all(body == bodies[0] for body in bodies)


def test_slow_encoding_is_made_in_the_background(tmp_path: Path) -> None:
    """The first request gets the next accepted encoding at once; brotli's top quality comes later."""
    compressor = StaticCompressor(tmp_path)
    data = b"var x = 1;\n" * 5000
    assert compressor.ready(data, "br") is None
    deadline = time.monotonic() + 30
    while compressor.ready(data, "br") is None:
        assert time.monotonic() < deadline, "brotli body never became ready"
        time.sleep(0.05)
    assert brotli.decompress(compressor.ready(data, "br") or b"") == data
    assert StaticCompressor(tmp_path).ready(data, "br") is not None  # kept on disk for the next start
