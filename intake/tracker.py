"""The committee's "who has submitted" view: per province, the latest upload for each dataset of a year."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from intake.auth import Identity, may_see_province
from intake.config import Settings
from intake.inspection import COMPONENTS
from intake.models import VALID, Submission, User
from intake.provinces_list import provinces
from intake.store import session

TRACKED = ("plans", "projects", "district_projects")
MISSING, RECEIVED_VALID, WITH_ERRORS = "missing", "valid", "invalid"
SORTS = ("province", "region", "last_upload", "status")


@dataclass
class TrackerRow:
    """One row per province for the fiscal year asked for."""

    code: str
    name_th: str
    name_en: str
    region: str
    datasets: dict[str, str] = field(default_factory=dict)
    components: dict[str, bool | None] = field(default_factory=dict)
    last_upload: str | None = None
    last_by: str | None = None

    @property
    def received(self) -> bool:
        return any(v != MISSING for v in self.datasets.values())

    @property
    def missing(self) -> int:
        return sum(v == MISSING for v in self.datasets.values())

    def to_dict(self) -> dict[str, object]:
        return {"province": self.code, "name_th": self.name_th, "name_en": self.name_en,
                "region": self.region, "received": self.received, "datasets": self.datasets,
                "components": self.components, "last_upload": self.last_upload, "last_by": self.last_by}


def rows(settings: Settings, year: int, user: Identity, region: str | None = None,
         sort: str = "province") -> list[TrackerRow]:
    """Every province (a province account: its own), newest upload per dataset deciding its status."""
    table = {p.code: TrackerRow(p.code, p.name_th, p.name_en, p.region,
                                dict.fromkeys(TRACKED, MISSING), dict.fromkeys(COMPONENTS))
             for p in provinces()
             if may_see_province(user, p.code) and (not region or p.region == region)}
    with session(settings) as db:
        found = db.execute(select(Submission, User.name).join(User, User.id == Submission.uploaded_by)
                           .order_by(Submission.id)).all()
        for s, uploader in found:
            for code, key_year, dataset in s.keys:
                row = table.get(str(code))
                if row is None or int(str(key_year)) != year or dataset not in row.datasets:
                    continue
                row.datasets[str(dataset)] = RECEIVED_VALID if s.status == VALID else WITH_ERRORS
                row.last_upload, row.last_by = s.uploaded_at.isoformat(timespec="minutes"), uploader
                flags = (s.plan_components or {}).get(f"{code}-{year}")
                if dataset == "plans" and s.status == VALID and flags:
                    row.components = {c: bool(flags.get(c)) for c in COMPONENTS}
    ordered = sorted(table.values(), key=lambda r: r.code)
    if sort == "region":
        ordered.sort(key=lambda r: r.region)
    elif sort == "last_upload":
        ordered.sort(key=lambda r: r.last_upload or "", reverse=True)
    elif sort == "status":
        ordered.sort(key=lambda r: -r.missing)
    return ordered
