"""Static bundles (plotly.js, the grid, Dash's own scripts, CSS) compressed once at the strongest
practical level and kept, instead of at flask-compress's fast per-request level.

The strongest levels shrink the big bundles far more than a per-request level does, but cost
seconds of CPU each, so each file is compressed once per install (kept in `.cache/static/`, keyed
by a hash of its content) and then held in memory; the very first request after an install or
upgrade waits for it. Callback responses and tiny files are left to flask-compress, whose fast
levels suit them.
"""
from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import threading
import zlib
from collections.abc import Callable
from pathlib import Path

import brotli
from flask import Flask, Response, request

try:  # Python 3.14+
    from compression import zstd  # type: ignore[import-not-found]
except ImportError:  # Flask-Compress brings the backport on older Pythons
    from backports import zstd

ROOT = Path(__file__).resolve().parents[2]
CACHE_ENV = "SDG_STATIC_CACHE"
DEFAULT_CACHE = ROOT / ".cache" / "static"
PREFIXES = ("/_dash-component-suites/", "/assets/")
MIMETYPES = frozenset({"application/javascript", "text/javascript", "text/css", "application/json"})
# Small scripts and stylesheets too: a page loads a dozen of them, compressed once all the same, and
# the strong levels save a sixth of each; below this flask-compress's own minimum leaves them plain.
MIN_BYTES = 512

# Smallest first. Brotli at its top quality makes the JavaScript about 5 % smaller than zstd 19 but
# takes about 10 s for the plotly.js bundle, so it is SLOW: made in the background on first request
# and sent once kept, the next encoding the client accepts serving meanwhile.
ENCODERS: dict[str, Callable[[bytes], bytes]] = {
    "br": lambda data: brotli.compress(data, quality=11),
    "zstd": lambda data: zstd.compress(data, 19),
    "gzip": lambda data: gzip.compress(data, 9, mtime=0),
}
SLOW = frozenset({"br"})


def accepted_all(header: str) -> list[str]:
    """The encodings the client accepts (q=0 means refused), smallest first."""
    offered: set[str] = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if params.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        offered.add(name.strip())
    return [name for name in ENCODERS if name in offered or "*" in offered]


def accepted(header: str) -> str | None:
    """The best encoding the client accepts, or None."""
    return next(iter(accepted_all(header)), None)


def cache_dir() -> Path:
    """Where compressed bundles are kept between restarts (env SDG_STATIC_CACHE, else .cache/static)."""
    configured = os.environ.get(CACHE_ENV, "").strip()
    return Path(configured) if configured else DEFAULT_CACHE


class StaticCompressor:
    """Compresses each static body once per encoding; memory first, then disk, then compute."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._memory: dict[tuple[str, str], bytes] = {}
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._locks_lock = threading.Lock()

    def _lock_for(self, key: tuple[str, str]) -> threading.Lock:
        """One lock per file and encoding: a file is compressed once, different files in parallel."""
        with self._locks_lock:
            return self._locks.setdefault(key, threading.Lock())

    def ready(self, data: bytes, encoding: str) -> bytes | None:
        """The compressed body if it can be sent now: a fast encoding is made on the spot, a slow one
        only if already kept (else it is started in the background and None is returned)."""
        if encoding not in SLOW:
            return self.body(data, encoding)
        key = (f"{len(data)}-{zlib.crc32(data):08x}", encoding)
        found = self._memory.get(key)
        if found is not None:
            return found
        lock = self._lock_for(key)
        if not lock.acquire(blocking=False):
            return None  # being made right now
        try:
            found = self._from_disk(hashlib.sha256(data).hexdigest(), encoding)
            if found is not None:
                self._memory[key] = found
                return found
        finally:
            lock.release()
        threading.Thread(target=self.body, args=(data, encoding), daemon=True,
                         name=f"compress-{encoding}").start()
        return None

    def body(self, data: bytes, encoding: str) -> bytes:
        """The compressed form of data in this encoding."""
        key = (f"{len(data)}-{zlib.crc32(data):08x}", encoding)  # cheap per request; disk uses sha256
        found = self._memory.get(key)
        if found is not None:
            return found
        with self._lock_for(key):
            found = self._memory.get(key)
            digest = hashlib.sha256(data).hexdigest()
            if found is None:
                found = self._from_disk(digest, encoding)
            if found is None:
                found = ENCODERS[encoding](data)
                self._to_disk(digest, encoding, found)
            self._memory[key] = found
        return found

    def _path(self, digest: str, encoding: str) -> Path:
        return self.folder / f"{digest}.{encoding}"

    def _from_disk(self, digest: str, encoding: str) -> bytes | None:
        try:
            return self._path(digest, encoding).read_bytes()
        except OSError:
            return None

    def _to_disk(self, digest: str, encoding: str, body: bytes) -> None:
        """Best effort: a read-only install still serves, it only compresses again after a restart."""
        target = self._path(digest, encoding)
        temp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            temp.write_bytes(body)
            os.replace(temp, target)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink()

    def after_request(self, response: Response) -> Response:
        """Compress a large static JS/CSS/JSON response with the kept body; leave the rest alone."""
        if (request.method != "GET" or response.status_code != 200 or not request.path.startswith(PREFIXES)
                or response.mimetype not in MIMETYPES or "Content-Encoding" in response.headers):
            return response
        encodings = accepted_all(request.headers.get("Accept-Encoding", ""))
        if not encodings:
            return response
        response.direct_passthrough = False
        data = response.get_data()
        if len(data) < MIN_BYTES:
            return response
        body, encoding = None, encodings[-1]
        for encoding in encodings:
            body = self.ready(data, encoding)
            if body is not None:
                break
        if body is None:  # only slow encodings accepted and none kept yet: the last one, made now
            body = self.body(data, encoding)
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding
        response.headers["Content-Length"] = str(response.content_length)
        vary = response.headers.get("Vary", "")
        if "accept-encoding" not in vary.lower():
            response.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        etag, weak = response.get_etag()
        if etag and not weak:
            response.set_etag(f"{etag}:{encoding}")
        response.make_conditional(request)
        return response


def add_static_compression(server: Flask, folder: Path | None = None) -> StaticCompressor:
    """Register after flask-compress, so this runs first (Flask runs after_request hooks newest first)."""
    compressor = StaticCompressor(folder or cache_dir())
    server.after_request(compressor.after_request)
    return compressor
