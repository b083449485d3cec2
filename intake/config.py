"""Where the intake keeps its state and reads its inputs, all from the environment.

Two instances with different folders run side by side, so nothing here is a module-level path
computed at import: every caller asks at the time it needs the answer.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTAKE_ENV = "SDG_INTAKE_DIR"
BASE_ENV = "SDG_BASE_DIR"
SECRET_ENV = "SDG_SECRET_KEY"
DB_ENV = "SDG_DB"


def _path(env: str, default: str) -> Path:
    """An env path (relative to the repository when not absolute), else the default there."""
    configured = os.environ.get(env, "").strip()
    path = Path(configured) if configured else Path(default)
    return path if path.is_absolute() else ROOT / path


@dataclass(frozen=True)
class Settings:
    """The folders and files one intake instance works with."""

    intake_dir: Path
    base_dir: Path
    published_db: Path

    def ensure_folders(self) -> None:
        """The intake's folders exist (created on first start)."""
        for folder in (self.intake_dir, self.originals, self.builds, self.work):
            folder.mkdir(parents=True, exist_ok=True)

    @property
    def store_url(self) -> str:
        """SQLAlchemy URL of the workflow store."""
        return f"sqlite:///{self.intake_dir / 'intake.sqlite'}"

    @property
    def originals(self) -> Path:
        """Uploaded files, each named by its SHA-256."""
        return self.intake_dir / "originals"

    @property
    def builds(self) -> Path:
        """Every published database, kept so any of them can be restored."""
        return self.intake_dir / "builds"

    @property
    def work(self) -> Path:
        """Uploads in flight and scratch folders of validation and publish runs."""
        return self.intake_dir / "work"

    @property
    def limiter_db(self) -> Path:
        """Login attempt counters shared by every worker process."""
        return self.intake_dir / "limits.sqlite"

    @property
    def publish_lock(self) -> Path:
        """Held while a publish or restore runs, by whichever process runs it."""
        return self.intake_dir / "publish.lock"


def settings() -> Settings:
    """The current settings from SDG_INTAKE_DIR, SDG_BASE_DIR and SDG_DB."""
    return Settings(
        intake_dir=_path(INTAKE_ENV, "data/intake"),
        base_dir=_path(BASE_ENV, "data/raw"),
        published_db=_path(DB_ENV, "data/sdg.duckdb"),
    )


def secret_key(intake_dir: Path) -> str:
    """SDG_SECRET_KEY, else the key file in the intake folder, created 0600 on first start."""
    configured = os.environ.get(SECRET_ENV, "").strip()
    if configured:
        return configured
    path = intake_dir / "secret_key"
    intake_dir.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        temp = intake_dir / f".secret_key.{os.getpid()}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32))
        try:
            os.link(temp, path)  # atomic and refuses to overwrite: the first process to start wins
        except FileExistsError:
            pass
        finally:
            temp.unlink()
    return path.read_text(encoding="ascii").strip()
