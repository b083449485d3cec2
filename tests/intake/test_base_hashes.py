"""The base files' hashes are kept between publishes, yet a changed or missing file is read again: the
plan always names the content the build will read, and the store always holds it."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from intake.config import Settings
from intake.publishing import current_plan
from intake.store import migrate
from tests.conftest import RAW_DIR


def _settings(tmp_path: Path) -> Settings:
    base = tmp_path / "base"
    shutil.copytree(RAW_DIR, base)
    settings = Settings(tmp_path / "intake", base, tmp_path / "sdg.duckdb")
    settings.ensure_folders()
    migrate(settings)
    return settings


def _base_shas(settings: Settings) -> dict[str, str]:
    return {i.name: i.sha256 for i in current_plan(settings).inputs if i.kind == "base"}


def test_a_changed_base_file_is_hashed_and_stored_again(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    first = _base_shas(settings)
    for path in settings.base_dir.glob("*.csv"):
        assert first[path.name] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (settings.intake_dir / "base-hashes.json").is_file()
    assert _base_shas(settings) == first

    changed = settings.base_dir / "projects_2566.csv"
    with changed.open("a", encoding="utf-8") as f:  # edited in place: same file, new content
        f.write("11-2566-998,สมุทรปราการ,2566,โครงการเพิ่มใหม่,2,2.a,สำนักงานจังหวัด,1000,\n")
    second = _base_shas(settings)
    new_sha = hashlib.sha256(changed.read_bytes()).hexdigest()
    assert second == {**first, changed.name: new_sha}
    assert (settings.originals / f"{new_sha}.csv").read_bytes() == changed.read_bytes()
    assert (settings.originals / f"{first[changed.name]}.csv").is_file()  # the earlier version stays

    stored = settings.originals / f"{first['plans_2566.csv']}.csv"
    stored.unlink()  # a store emptied by hand is filled again, not trusted from the kept hashes
    assert _base_shas(settings) == second
    assert stored.read_bytes() == (settings.base_dir / "plans_2566.csv").read_bytes()
