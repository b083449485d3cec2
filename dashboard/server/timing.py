"""A `Server-Timing: app;dur=<ms>, cpu;dur=<ms>` header on every response, so the time the server
spent on a request (routing, callback, serialising, compressing) can be read apart from the network,
in the browser's devtools and by `make bench`: `app` is wall time, `cpu` the CPU time of the request's
thread (what the request would take on an otherwise idle machine). It reveals nothing but durations."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class ServerTiming:
    """WSGI middleware: the header is added when the response starts, after Flask built (and
    compressed) the whole body, so the duration covers all of the app's work on the request."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        start, start_cpu = time.perf_counter(), time.thread_time()

        def timed(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            wall = (time.perf_counter() - start) * 1000
            cpu = (time.thread_time() - start_cpu) * 1000
            headers.append(("Server-Timing", f"app;dur={wall:.1f}, cpu;dur={cpu:.1f}"))
            return start_response(status, headers, *exc_info)

        return self.app(environ, timed)


def add_server_timing(server: Flask) -> None:
    """Wrap the Flask app's WSGI callable once."""
    if not isinstance(server.wsgi_app, ServerTiming):
        server.wsgi_app = ServerTiming(server.wsgi_app)  # type: ignore[method-assign]
