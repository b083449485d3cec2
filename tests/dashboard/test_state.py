"""Filters <-> URL: what people type is understood or ignored, never an error."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.data.state import Filters

DEFAULT = Filters()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, DEFAULT),
        ({"year": "2566", "goal": "2", "region": "north", "lang": "en"},
         Filters(year=2566, goals=(2,), regions=("north",), lang="en")),
        ({"goal": "11,1,1"}, Filters(goals=(1, 11))),
        ({"goal": ["5", "2"]}, Filters(goals=(2, 5))),
        ({"region": "south,NORTH"}, Filters(regions=("north", "south"))),
        ({"pilots": "1", "metric": "projects"}, Filters(pilots_only=True, metric="projects")),
        ({"pilots": "true"}, Filters(pilots_only=True)),
        ({"goal": "abc"}, DEFAULT),
        ({"goal": "0,18,-1,2.5,๒"}, DEFAULT),
        ({"year": "-1"}, DEFAULT),
        ({"year": "2023"}, Filters(year=2566)),
        ({"year": "2566"}, Filters(year=2566)),
        ({"year": "1000"}, DEFAULT),
        ({"year": "2566abc"}, DEFAULT),
        ({"year": "99999999999999999999999"}, DEFAULT),
        ({"region": "atlantis"}, DEFAULT),
        ({"lang": "fr", "metric": "nonsense"}, DEFAULT),
        ({"goal": "2" * 10_000}, DEFAULT),
        ({"goal": ",".join(["3"] * 5000)}, Filters(goals=(3,))),
        ({"unknown": "x", "year": ["2567", "2566"]}, Filters(year=2567)),
    ],
)
def test_from_query(query: dict[str, object], expected: Filters) -> None:
    assert Filters.from_query(query) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("filters", "query"),
    [
        (DEFAULT, ""),
        (Filters(year=2566, goals=(2,), regions=("north",), lang="en"),
         "year=2566&goal=2&region=north&lang=en"),
        (Filters(goals=(2, 5), pilots_only=True, metric="goal_projects"),
         "goal=2,5&pilots=1&metric=goal_projects"),
    ],
)
def test_to_query(filters: Filters, query: str) -> None:
    assert filters.to_query() == query


def _parse(query: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in query.split("&") if part)


@given(
    year=st.one_of(st.none(), st.integers(2500, 2700)),
    goals=st.lists(st.integers(1, 17), max_size=17),
    regions=st.lists(st.sampled_from(["north", "northeast", "central", "east", "west", "south"])),
    pilots=st.booleans(),
    lang=st.sampled_from(["th", "en"]),
    metric=st.sampled_from(["completeness", "projects", "goal_projects"]),
)
def test_round_trip(year: int | None, goals: list[int], regions: list[str], pilots: bool, lang: str,
                    metric: str) -> None:
    filters = Filters.from_values(year, goals, regions, pilots, lang, metric)
    assert Filters.from_query(_parse(filters.to_query())) == filters


@given(st.dictionaries(st.sampled_from(["year", "goal", "region", "pilots", "lang", "metric", "x"]),
                       st.one_of(st.text(max_size=200), st.lists(st.text(max_size=20), max_size=5))))
def test_any_query_gives_filters(query: dict[str, object]) -> None:
    filters = Filters.from_query(query)  # type: ignore[arg-type]
    assert all(1 <= g <= 17 for g in filters.goals)
    assert filters.lang in ("th", "en")


def test_replace_normalises() -> None:
    assert DEFAULT.replace(goals=["2", 2, "x"], pilots_only=["on"]) == Filters(goals=(2,), pilots_only=True)
