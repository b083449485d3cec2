"""The overview's state (year, goals, regions, pilots only, language, map metric, chart measure) and
its URL form.

The URL is the shareable form of the state: `from_query` accepts anything a person can type
and falls back to defaults for what it does not understand (it never raises); `to_query`
writes the canonical form, so that opening the written URL restores the same state.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from dashboard.i18n import DEFAULT_LANG, LANGS
from etl.reference import read_reference

METRICS: tuple[str, ...] = ("completeness", "projects", "goal_projects", "change")
DEFAULT_METRIC = "completeness"
MEASURES: tuple[str, ...] = ("projects", "budget")  # what the goal and region charts count
DEFAULT_MEASURE = "projects"
GOALS: tuple[int, ...] = tuple(range(1, 18))
YEAR_RANGE = range(2400, 2800)  # Buddhist-era years that can be fiscal years at all
BE_OFFSET = 543  # Buddhist era = Common era + 543
_MAX_ITEMS = 64  # list values beyond this are ignored (a 10 KB query string stays cheap)
_MAX_TOKEN = 32
_TRUE = {"1", "true", "yes", "on"}

QueryValue = str | list[str] | tuple[str, ...] | int | bool | None


@cache
def region_codes() -> tuple[str, ...]:
    """Region codes in display order, from the committed reference table."""
    regions = read_reference("regions").sort_values("sort_order")
    return tuple(str(code) for code in regions["region_code"])


@dataclass(frozen=True)
class Filters:
    """What the overview shows; `year=None` means the latest fiscal year in the database."""

    year: int | None = None
    goals: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()
    pilots_only: bool = False
    lang: str = DEFAULT_LANG
    metric: str = DEFAULT_METRIC
    measure: str = DEFAULT_MEASURE

    def replace(self, **changes: object) -> Filters:
        """A copy with some fields changed, normalised like a parsed URL."""
        merged = {**dataclasses.asdict(self), **changes}
        return Filters.from_values(**merged)

    @classmethod
    def from_values(cls, year: object = None, goals: object = (), regions: object = (),
                    pilots_only: object = False, lang: object = DEFAULT_LANG,
                    metric: object = DEFAULT_METRIC, measure: object = DEFAULT_MEASURE) -> Filters:
        """Filters from loosely typed values (callback inputs), each normalised or defaulted."""
        return cls(
            year=_parse_year(year),
            goals=_parse_goals(goals),
            regions=_parse_regions(regions),
            pilots_only=_parse_bool(pilots_only),
            lang=lang if isinstance(lang, str) and lang in LANGS else DEFAULT_LANG,
            metric=metric if isinstance(metric, str) and metric in METRICS else DEFAULT_METRIC,
            measure=measure if isinstance(measure, str) and measure in MEASURES else DEFAULT_MEASURE,
        )

    @classmethod
    def from_query(cls, query: Mapping[str, QueryValue]) -> Filters:
        """Filters from URL query parameters (as Dash pages passes them); never raises."""
        return cls.from_values(
            year=_first(query.get("year")),
            goals=query.get("goal", ()),
            regions=query.get("region", ()),
            pilots_only=_first(query.get("pilots")),
            lang=_first(query.get("lang")),
            metric=_first(query.get("metric")),
            measure=_first(query.get("measure")),
        )

    def to_query(self) -> str:
        """The canonical query string (no leading "?"); defaults are left out."""
        pairs: list[tuple[str, str]] = []
        if self.year is not None:
            pairs.append(("year", str(self.year)))
        if self.goals:
            pairs.append(("goal", ",".join(str(g) for g in self.goals)))
        if self.regions:
            pairs.append(("region", ",".join(self.regions)))
        if self.pilots_only:
            pairs.append(("pilots", "1"))
        if self.metric != DEFAULT_METRIC:
            pairs.append(("metric", self.metric))
        if self.measure != DEFAULT_MEASURE:
            pairs.append(("measure", self.measure))
        if self.lang != DEFAULT_LANG:
            pairs.append(("lang", self.lang))
        return urlencode(pairs, safe=",")

    def data_key(self) -> tuple[int | None, tuple[int, ...], tuple[str, ...], bool]:
        """The part of the state that changes query results (not language, map metric or chart measure)."""
        return (self.year, self.goals, self.regions, self.pilots_only)


def _first(value: QueryValue) -> QueryValue:
    if isinstance(value, list | tuple):
        return value[0] if value else None
    return value


def _tokens(value: object) -> list[str]:
    """Comma-separated or repeated values as short stripped tokens, at most _MAX_ITEMS."""
    if value is None or isinstance(value, bool):
        return []
    items: Iterable[object] = value if isinstance(value, list | tuple) else [value]
    tokens: list[str] = []
    for item in list(items)[:_MAX_ITEMS]:
        for part in str(item).split(",")[:_MAX_ITEMS]:
            part = part.strip()
            if part and len(part) <= _MAX_TOKEN:
                tokens.append(part)
    return tokens[:_MAX_ITEMS]


def _parse_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip() if value is not None else ""
    if not text or len(text) > _MAX_TOKEN or not text.isascii() or not text.isdigit():
        return None
    return int(text)


def _parse_year(value: object) -> int | None:
    """A Buddhist-era fiscal year, as the ETL reads one: `2566`, or `2023` (Common era) as 2566.

    The two eras' plausible ranges do not overlap, so a year is never read two ways."""
    year = _parse_int(value)
    if year is None:
        return None
    if year in YEAR_RANGE:
        return year
    return year + BE_OFFSET if year + BE_OFFSET in YEAR_RANGE else None


def _parse_goals(value: object) -> tuple[int, ...]:
    goals = {g for g in (_parse_int(tok) for tok in _tokens(value)) if g is not None and g in GOALS}
    return tuple(sorted(goals))


def _parse_regions(value: object) -> tuple[str, ...]:
    wanted = {tok.lower() for tok in _tokens(value)}
    return tuple(code for code in region_codes() if code in wanted)


def _parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, list | tuple):  # a dbc.Checklist value: ["on"] or []
        return any(_parse_bool(v) for v in value[:_MAX_ITEMS])
    return isinstance(value, str | int) and str(value).strip().lower() in _TRUE
