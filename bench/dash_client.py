"""Talk to a served Dash app the way its browser renderer does: one keep-alive connection, JSON
callback requests built from `/_dash-dependencies`, gzip accepted, every response measured."""
from __future__ import annotations

import gzip
import http.client
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

PAGES_OUTPUT = ".._pages_content.children..._pages_store.data.."
UPDATE_PATH = "/_dash-update-component"


@dataclass(frozen=True)
class Reply:
    """One measured response: latency seen by the client, the app's own timing, and sizes."""

    status: int
    elapsed_ms: float
    server_ms: float | None
    server_cpu_ms: float | None
    raw_bytes: int
    wire_bytes: int
    gzip_bytes: int
    compressed: bool
    body: bytes

    def json(self) -> Any:
        """The body as JSON (Dash callback responses and layouts are JSON)."""
        return json.loads(self.body) if self.body else None


def server_timings(header: str | None) -> dict[str, float]:
    """The `name;dur=ms` metrics of a Server-Timing header ({} when absent or unreadable)."""
    found: dict[str, float] = {}
    for metric in (header or "").split(","):
        name, *params = (part.strip() for part in metric.split(";"))
        for param in params:
            key, _, value = param.partition("=")
            if key == "dur" and name:
                try:
                    found[name] = float(value)
                except ValueError:
                    continue
    return found


class DashClient:
    """A keep-alive HTTP/1.1 client for one app; not thread-safe (one connection)."""

    def __init__(self, base_url: str, timeout: float = 120.0) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.timeout = timeout
        self._conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def request(self, method: str, path: str, payload: Any = None) -> Reply:
        """Send one request (JSON body if payload is given) and read the whole response."""
        body = None if payload is None else json.dumps(payload).encode()
        headers = {"Accept-Encoding": "gzip", "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        try:
            self._conn.request(method, path, body=body, headers=headers)
            resp = self._conn.getresponse()
        except (http.client.HTTPException, ConnectionError):
            # The server closed an idle keep-alive connection: reconnect once, like a browser.
            self._conn.close()
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            start = time.perf_counter()
            self._conn.request(method, path, body=body, headers=headers)
            resp = self._conn.getresponse()
        wire = resp.read()
        elapsed = (time.perf_counter() - start) * 1000
        compressed = (resp.getheader("Content-Encoding") or "").lower() == "gzip"
        raw = gzip.decompress(wire) if compressed else wire
        timings = server_timings(resp.getheader("Server-Timing"))
        return Reply(
            status=resp.status,
            elapsed_ms=elapsed,
            server_ms=timings.get("app"),
            server_cpu_ms=timings.get("cpu"),
            raw_bytes=len(raw),
            wire_bytes=len(wire),
            gzip_bytes=len(wire) if compressed else len(gzip.compress(raw, 6)),
            compressed=compressed,
            body=raw,
        )

    def get_json(self, path: str) -> Any:
        """GET a JSON endpoint (layout, dependencies)."""
        reply = self.request("GET", path)
        if reply.status != 200:
            raise RuntimeError(f"GET {path} answered {reply.status}")
        return reply.json()

    def call(self, payload: dict[str, Any]) -> Reply:
        """POST one callback request."""
        return self.request("POST", UPDATE_PATH, payload)


def split_prop(spec: str) -> tuple[str, str]:
    """'goal-filter.value' -> ('goal-filter', 'value')."""
    component, _, prop = spec.rpartition(".")
    return component, prop


def outputs_of(dep: dict[str, Any]) -> list[dict[str, str]]:
    """The outputs of a dependency entry as the renderer lists them."""
    spec: str = dep["output"]
    parts = spec[2:-2].split("...") if spec.startswith("..") and spec.endswith("..") else [spec]
    return [dict(zip(("id", "property"), split_prop(p), strict=True)) for p in parts]


def find_dependency(deps: list[dict[str, Any]], output_prefix: str) -> dict[str, Any]:
    """The callback whose output string starts with output_prefix ('..province-map.figure')."""
    for dep in deps:
        if dep["output"].startswith(output_prefix):
            return dep
    raise LookupError(f"no callback with output {output_prefix!r}; is the app the one expected?")


def callback_payload(dep: dict[str, Any], values: dict[str, Any], changed: list[str]) -> dict[str, Any]:
    """A `/_dash-update-component` body: values maps 'id.prop' to the value the browser holds."""
    outputs = outputs_of(dep)
    multi = dep["output"].startswith("..")

    def items(kind: str) -> list[dict[str, Any]]:
        return [{"id": i["id"], "property": i["property"], "value": values.get(f"{i['id']}.{i['property']}")}
                for i in dep.get(kind, [])]

    return {
        "output": dep["output"],
        "outputs": outputs if multi else outputs[0],
        "inputs": items("inputs"),
        "state": items("state"),
        "changedPropIds": changed,
    }


def page_payload(pathname: str, search: str = "") -> dict[str, Any]:
    """The Dash pages router call the browser makes when the address changes."""
    return {
        "output": PAGES_OUTPUT,
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "state": [],
        "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
    }


def component_props(tree: Any) -> dict[str, dict[str, Any]]:
    """Every component with a string id in a layout (or callback response): id -> its props."""
    found: dict[str, dict[str, Any]] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            props = node.get("props") if "type" in node and "namespace" in node else None
            if isinstance(props, dict):
                if isinstance(props.get("id"), str):
                    found[props["id"]] = props
                stack.extend(props.values())
            else:
                stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def initial_callbacks(deps: list[dict[str, Any]], props: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Server callbacks the renderer fires when this content appears: every input present, no
    prevent_initial_call, not clientside. Their payloads carry the values the layout holds."""
    payloads = []
    for dep in deps:
        if dep.get("prevent_initial_call") or dep.get("clientside_function"):
            continue
        inputs = dep.get("inputs", [])
        if not inputs or not all(isinstance(i["id"], str) and i["id"] in props for i in inputs):
            continue
        values = {f"{i['id']}.{i['property']}": props.get(i["id"], {}).get(i["property"])
                  for i in [*inputs, *dep.get("state", [])] if isinstance(i["id"], str)}
        payloads.append(callback_payload(dep, values, [f"{i['id']}.{i['property']}" for i in inputs]))
    return payloads
