"""Files and folders a build owns only while it runs, named after its process id.

SIGKILL (or a power cut) skips every cleanup, so each build sweeps away what dead builds left
behind: their half-written database files next to the target, their scratch folders in the temp
directory. A folder or file whose process still runs is never touched.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCRATCH_PREFIX = "sdg-etl-"


def owner_alive(pid: int) -> bool:
    """Another build still running owns this; never delete it."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_dead_scratch(root: Path) -> None:
    """Scratch folders `sdg-etl-<pid>-*` whose build process is gone."""
    for folder in root.glob(f"{SCRATCH_PREFIX}*-*"):
        pid = folder.name.removeprefix(SCRATCH_PREFIX).split("-", 1)[0]
        if pid.isdigit() and folder.is_dir() and not owner_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A private temp folder for DuckDB's spill files and unpacked inputs, removed on exit."""
    root = Path(tempfile.gettempdir())
    remove_dead_scratch(root)
    with tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-") as folder:
        yield Path(folder)
