"""Publishing and restoring while people use the dashboard: every response is 200 and shows one version
wholly (the headline and the goal chart agree), and both versions are served without a restart."""
from __future__ import annotations

import asyncio
import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from bench import loadtest
from bench.dash_client import DashClient
from tests.intake.conftest import Instance, csrf_of
from tests.intake.test_security import projects_rows, send
from tests.test_rebuild_while_serving import Seen, Visitor

pytestmark = pytest.mark.slow

THREADS = 4
BEFORE = 742
CHIANG_MAI_SAMPLE = 68  # Chiang Mai's projects in the sample; the upload keeps three


def publish_to_the_end(instance: Instance, s: requests.Session) -> dict[str, Any]:
    """Publish through the API as a script does: start it, then follow the version until it ends."""
    started = send(instance, s, "POST", "/api/v1/publish", csrf_of(instance, s),
                   json={"dry_run": False, "wait": False})
    assert started.status_code == 202, started.text
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        state: dict[str, Any] = s.get(f"{instance.url}/api/v1/builds/{started.json()['build_id']}",
                                      timeout=60).json()
        if state["status"] != "running":
            assert state["status"] == "succeeded", state["error"]
            return state
        time.sleep(0.5)
    raise AssertionError("the publish did not end within 600 s")


def test_publish_and_restore_while_serving(instance: Instance) -> None:
    s = instance.client("secretariat1")
    first = send(instance, s, "POST", "/api/v1/publish", csrf_of(instance, s), json={"dry_run": False})
    assert first.status_code == 200
    files = [("file", ("cm.csv", projects_rows("50")))]
    uploaded = send(instance, s, "POST", "/api/v1/submissions", csrf_of(instance, s), files=files)
    assert uploaded.status_code == 201
    after = BEFORE - CHIANG_MAI_SAMPLE + 3

    deps = DashClient(instance.url).get_json("/_dash-dependencies")
    seen: list[Seen] = []
    lock = threading.Lock()
    stop = threading.Event()

    def visit() -> None:
        visitor = Visitor(instance.url, deps)
        while not stop.is_set():
            for step in (visitor.open_overview, visitor.change_filters):
                result = step()
                with lock:
                    seen.append(result)

    threads = [threading.Thread(target=visit) for _ in range(THREADS)]
    for t in threads:
        t.start()
    try:
        time.sleep(1)
        published = publish_to_the_end(instance, s)
        removed = first.json()["counts"]["projects"] - published["counts"]["projects"]
        assert removed == CHIANG_MAI_SAMPLE - 3
        time.sleep(2)
        restored = send(instance, s, "POST", f"/api/v1/builds/{first.json()['build_id']}/restore",
                        csrf_of(instance, s))
        assert restored.status_code == 200
        time.sleep(2)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert seen and all(x.status == 200 for x in seen), [x for x in seen if x.status != 200][:3]
    shown = {x.totals for x in seen}
    assert all(len(set(totals)) == 1 for totals in shown), shown  # no response mixes two versions
    assert {totals[0] for totals in shown} == {BEFORE, after}
    assert seen[-1].totals[0] == BEFORE  # the restore is what the last readers see


LOAD_USERS = 20
LOAD_SECONDS = 20.0


def test_publishing_under_the_load_test_mix_gives_dashboard_users_no_error(instance: Instance) -> None:
    """The load test's users (filters, overview, province pages, CSV downloads; thinking less than
    people do) for 20 s while a publish goes through the intake API: every one of their requests is
    answered 200 or 204, and no kept-alive connection is closed under them."""
    s = instance.client("secretariat1")
    files = [("file", ("phuket.csv", projects_rows("83")))]
    uploaded = send(instance, s, "POST", "/api/v1/submissions", csrf_of(instance, s), files=files)
    assert uploaded.status_code == 201
    published: list[str] = []

    def publish() -> None:
        time.sleep(5)
        published.append(str(publish_to_the_end(instance, s)["status"]))

    settings = loadtest.Settings(duration_s=LOAD_SECONDS, rebuild_at_s=LOAD_SECONDS * 10,
                                 think_min_s=0.2, think_max_s=1.0)
    make_user = loadtest.user_factory(DashClient(instance.url), "app")
    publisher = threading.Thread(target=publish)
    publisher.start()
    try:
        # a thread of its own: a browser test earlier in the session may leave an event loop set here
        with ThreadPoolExecutor(1) as pool:
            step = pool.submit(asyncio.run, loadtest._step(instance.url, LOAD_USERS, settings, instance.db,
                                                           make_user, 2566)).result()
    finally:
        publisher.join()
    assert published == ["succeeded"]
    assert step["requests"] > 100 and step["by_action"]["export csv"]["n"] > 5
    assert step["errors"] == 0, step["error_samples"]
    assert step["retried_after_reset"] == 0, step["reset_samples"]  # not even one a browser would retry


def test_a_kept_alive_connection_outlives_a_busy_clients_pause(instance: Instance) -> None:
    """A client that reads a response, lags (a busy browser or load generator) and reuses the
    connection 3 s later is answered on it: the server does not close it under the next request."""
    host, port = instance.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        for pause in (0.0, 3.0):
            time.sleep(pause)
            conn.request("GET", "/_dash-dependencies")
            reply = conn.getresponse()
            reply.read()
            assert reply.status == 200 and reply.getheader("Connection", "keep-alive") != "close"
    finally:
        conn.close()
