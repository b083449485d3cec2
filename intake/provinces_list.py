"""The 77 provinces (code, names, region) from the ETL's reference table, for pickers and the tracker."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from etl.reference import read_reference


@dataclass(frozen=True)
class ProvinceRef:
    """One province as the intake lists it."""

    code: str
    name_th: str
    name_en: str
    region: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_th


@cache
def provinces() -> tuple[ProvinceRef, ...]:
    """Every province by code."""
    frame = read_reference("provinces").sort_values("province_code")
    return tuple(ProvinceRef(str(r.province_code), str(r.name_th), str(r.name_en), str(r.region_code))
                 for r in frame.itertuples())


def province_options(lang: str) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the page language."""
    return sorted(((p.code, p.name(lang)) for p in provinces()), key=lambda item: item[1])
