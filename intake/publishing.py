"""Publishing: the base inputs overlaid by the latest accepted submissions, built, compared, swapped in."""
from __future__ import annotations

import json

from intake.config import Settings


def base_is_sample(settings: Settings) -> bool:
    """Whether the base inputs are the sample (their dataset.json says so): then every page says so."""
    meta = settings.base_dir / "dataset.json"
    try:
        return bool(json.loads(meta.read_text(encoding="utf-8-sig")).get("is_sample", False))
    except (OSError, ValueError, AttributeError):
        return False
