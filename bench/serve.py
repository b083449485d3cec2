"""Serve an app under gunicorn exactly as `make run` does, on a free loopback port, for one benchmark."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
KEEPALIVE_S = 10  # as `make run` (its KEEPALIVE): idle kept-alive connections stay open this long
WORKERS = 4  # as `make run` (its WORKERS)
THREADS = 4


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Served:
    """`gunicorn --workers 4 --threads 4 <target>` with SDG_DB set, as `make run`; a context manager."""

    target: str
    db: Path
    workers: int = WORKERS
    threads: int = THREADS
    port: int = field(default_factory=free_port)
    log: Path | None = None  # gunicorn's output; bench/work/gunicorn-<target>.log when None (last run kept)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Base URL on loopback."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Served:
        log = self.log or ROOT / "bench" / "work" / f"gunicorn-{self.target.replace(':', '-')}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "SDG_DB": str(self.db)}
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                [str(GUNICORN), "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                 "--threads", str(self.threads), "--timeout", "120", "--keep-alive", str(KEEPALIVE_S),
                 self.target],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        self._wait_ready(log)
        return self

    def _wait_ready(self, log: Path) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                tail = log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"gunicorn {self.target} exited:\n{tail}")
            try:
                with urllib.request.urlopen(self.url + "/_dash-dependencies", timeout=5) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn {self.target} did not answer within 120 s; see {log}")

    def stop(self) -> None:
        """Terminate the gunicorn master this object started (it stops its own workers)."""
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        self.proc = None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
