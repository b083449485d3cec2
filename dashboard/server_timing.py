"""A `Server-Timing: app;dur=<ms>` header on every response, so the time the server spent on a request
(routing, callback, serialising, compressing) can be read apart from the network, in the browser's
devtools and by `make bench`. It reveals nothing but a duration."""
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
        start = time.perf_counter()

        def timed(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            headers.append(("Server-Timing", f"app;dur={(time.perf_counter() - start) * 1000:.1f}"))
            return start_response(status, headers, *exc_info)

        return self.app(environ, timed)


def add_server_timing(server: Flask) -> None:
    """Wrap the Flask app's WSGI callable once."""
    if not isinstance(server.wsgi_app, ServerTiming):
        server.wsgi_app = ServerTiming(server.wsgi_app)  # type: ignore[method-assign]
