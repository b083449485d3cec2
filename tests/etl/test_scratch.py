"""Scratch folders of dead builds are swept; a running build's folder is never touched."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from etl.scratch import SCRATCH_PREFIX, remove_dead_scratch


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_dead_builds_folders_go_and_live_ones_stay(tmp_path: Path) -> None:
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead_folder = tmp_path / f"{SCRATCH_PREFIX}{_dead_pid()}-abc123"
        live_folder = tmp_path / f"{SCRATCH_PREFIX}{live.pid}-def456"
        unrelated = [tmp_path / f"{SCRATCH_PREFIX}notapid-x", tmp_path / "other-999999-x"]
        for folder in (dead_folder, live_folder, *unrelated):
            (folder / "spill").mkdir(parents=True)
            (folder / "spill" / "block.tmp").write_bytes(b"x" * 1024)
        remove_dead_scratch(tmp_path)
        assert not dead_folder.exists()
        assert live_folder.exists() and all(f.exists() for f in unrelated)
    finally:
        live.kill()
        live.wait()
