"""Publishing and restoring while people use the dashboard: every response is 200 and shows one version
wholly (the headline and the goal chart agree), and both versions are served without a restart."""
from __future__ import annotations

import threading
import time

import pytest

from bench.dash_client import DashClient
from tests.intake.conftest import Instance, csrf_of
from tests.intake.test_security import projects_rows, send
from tests.test_rebuild_while_serving import Seen, Visitor

pytestmark = pytest.mark.slow

THREADS = 4
BEFORE = 742
CHIANG_MAI_SAMPLE = 68  # Chiang Mai's projects in the sample; the upload keeps three


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
        published = send(instance, s, "POST", "/api/v1/publish", csrf_of(instance, s),
                         json={"dry_run": False})
        assert published.status_code == 200
        removed = first.json()["counts"]["projects"] - published.json()["counts"]["projects"]
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
