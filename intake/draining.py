"""Reading the rest of a refused request's body, so the client reads the error instead of a reset.

A server that answers before the body is read and then closes the socket with unread bytes in it
makes the kernel send a reset: the browser or script still sending the upload sees "connection reset"
instead of the 413 or 400 it was sent. So every intake request's input is counted as it is read, and
a refused request's unread remainder is read and dropped (within a byte and time budget) before the
answer goes out; past the budget the connection is closed after the answer.
"""
from __future__ import annotations

import time
from typing import IO, Any

from flask import Response, request
from werkzeug.wsgi import get_content_length

DRAIN_BYTES = 1024 * 1024 * 1024  # a refused upload up to 1 GB is read to its end
DRAIN_SECONDS = 60.0
CHUNK = 1024 * 1024
_COUNTER = "sdg.input_counter"


class CountingInput:
    """The WSGI input stream, counting the bytes the application reads from it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.consumed = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.consumed += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.stream.readline(size)
        self.consumed += len(data)
        return data

    def __iter__(self) -> Any:
        return iter(self.readline, b"")


def count_input() -> None:
    """Wrap this request's input before anything reads it (a before_request hook)."""
    environ = request.environ
    if _COUNTER not in environ and request.method in ("POST", "PUT", "PATCH"):
        counter = CountingInput(environ["wsgi.input"])
        environ["wsgi.input"] = counter
        environ[_COUNTER] = counter


def drain_refused(response: Response) -> Response:
    """After an error answer, read what the client still sends of the body (an after_request hook)."""
    counter = request.environ.get(_COUNTER)
    if response.status_code < 400 or not isinstance(counter, CountingInput):
        return response
    if not drain(counter, get_content_length(request.environ),
                 bool(request.environ.get("wsgi.input_terminated"))):
        response.headers["Connection"] = "close"
    return response


def drain(counter: CountingInput, length: int | None, terminated: bool) -> bool:
    """Read and drop the unread body; False when it is larger or slower than the budget allows."""
    if length is None and not terminated:
        return True  # no length and no end marker: nothing can be read safely, and nothing was sent
    remaining = DRAIN_BYTES if length is None else length - counter.consumed
    if remaining > DRAIN_BYTES:
        return False
    deadline = time.monotonic() + DRAIN_SECONDS
    try:
        while remaining > 0:
            data = counter.read(min(CHUNK, remaining))
            if not data:
                return True
            remaining -= len(data)
            if time.monotonic() > deadline:
                return False
    except OSError:
        return False
    return length is not None or not counter.read(1)
