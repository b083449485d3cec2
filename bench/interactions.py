"""The measured interactions, each replayed with varied filter values as the browser would send them.

Every measured request carries a filter combination not used before in the run, so no answer can
come from the app's query cache (the honest worst case); the `*_repeat` variant cycles through a few
combinations, which is what a meeting mostly does (one goal after another), and shows the cache.
"""
from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bench.dash_client import (
    DashClient,
    Reply,
    callback_payload,
    component_props,
    find_dependency,
    initial_callbacks,
    page_payload,
)
from bench.stats import summary

OVERVIEW_OUTPUT = "..province-map.figure"
BASELINE_OUTPUT = "..baseline-map.figure"
GOALS = list(range(1, 18))
PROVINCE_MARKER = "province-"  # ids of the province page start with this (dashboard/ui/ids.py)

Step = Callable[[DashClient], list[Reply]]


@dataclass
class Interaction:
    """A named interaction: an endless supply of steps, each one user action (one or more requests)."""

    name: str
    description: str
    steps: Iterator[Step]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OverviewState:
    """What the overview page holds after loading: years on offer, the language, region codes."""

    years: list[int]
    regions: list[str]
    lang: str


def overview_state(client: DashClient) -> OverviewState:
    """Open `/` as the browser does and read the filter options out of the page."""
    reply = client.call(page_payload("/"))
    if reply.status != 200:
        raise RuntimeError(f"the overview page answered {reply.status}")
    props = component_props(reply.json())
    years = [int(o["value"]) for o in props["year-filter"]["options"]]
    regions = [str(o["value"]) for o in props["region-filter"]["options"]]
    return OverviewState(years=years, regions=regions, lang=str(props["overview-lang"].get("data") or "th"))


def _subsets(rng: random.Random, items: list[Any], min_size: int = 1) -> Iterator[list[Any]]:
    while True:
        k = rng.randint(min_size, len(items))
        yield sorted(rng.sample(items, k))


def unique_combos(make: Callable[[], tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """Combinations from make(), never the same twice (make must be able to vary enough)."""
    seen: set[str] = set()
    while True:
        for _ in range(10_000):
            combo = make()
            key = repr(combo)
            if key not in seen:
                seen.add(key)
                yield combo
                break
        else:
            raise RuntimeError("ran out of distinct filter combinations")


def _overview_step(dep: dict[str, Any], values: dict[str, Any], changed: str) -> Step:
    payload = callback_payload(dep, values, [changed])
    return lambda client: [client.call(payload)]


def _overview_values(year: int, goals: list[int], regions: list[str], pilots: bool, metric: str,
                     lang: str) -> dict[str, Any]:
    return {"year-filter.value": year, "goal-filter.value": goals, "region-filter.value": regions,
            "pilot-toggle.value": pilots, "map-metric.value": metric, "overview-lang.data": lang}


def goal_change(deps: list[dict[str, Any]], state: OverviewState, seed: int,
                repeat: bool = False) -> Interaction:
    """Map recolour: the goal filter changes (map coloured by projects of the chosen goals)."""
    dep = find_dependency(deps, OVERVIEW_OUTPUT)
    rng = random.Random(seed)
    year = state.years[0]

    def steps() -> Iterator[Step]:
        if repeat:
            i = 0
            while True:
                goal = [GOALS[i % len(GOALS)]]
                values = _overview_values(year, goal, [], False, "goal_projects", state.lang)
                yield _overview_step(dep, values, "goal-filter.value")
                i += 1
        subsets = _subsets(rng, GOALS)
        for (goals,) in unique_combos(lambda: (next(subsets),)):
            yield _overview_step(dep, _overview_values(year, goals, [], False, "goal_projects", state.lang),
                                 "goal-filter.value")

    name = "map_recolour_goal_repeat" if repeat else "map_recolour_goal"
    text = ("goal filter cycles through the 17 single goals (cache warm)" if repeat else
            "goal filter set to a new goal combination each time (cache cold)")
    return Interaction(name, f"overview: {text}; map patch + charts + headlines", steps())


def region_change(deps: list[dict[str, Any]], state: OverviewState, seed: int) -> Interaction:
    """All overview charts update: the region filter changes (year, goal and pilot filters vary too)."""
    dep = find_dependency(deps, OVERVIEW_OUTPUT)
    rng = random.Random(seed)
    subsets = _subsets(rng, state.regions)

    def make() -> tuple[Any, ...]:
        goals = [] if rng.random() < 0.5 else [rng.choice(GOALS)]
        return next(subsets), rng.choice(state.years), goals, rng.random() < 0.3

    def steps() -> Iterator[Step]:
        for regions, year, goals, pilots in unique_combos(make):
            values = _overview_values(year, goals, regions, pilots, "completeness", state.lang)
            yield _overview_step(dep, values, "region-filter.value")

    return Interaction("charts_region", "overview: region filter set to a new combination each time; "
                       "map patch + goal, region and heatmap charts + headlines", steps())


def province_page(deps: list[dict[str, Any]], codes: list[str], years: list[int], seed: int) -> Interaction:
    """The province page loading: the router's layout request, then the callbacks that content fires.

    Each step opens an address not opened before (a province, fiscal year and language in turn), so
    the server builds the page: a page opened before is answered from memory, as the overview's
    `seen` opening measures.
    """
    order = [(code, year, lang) for code in codes for year in years for lang in ("th", "en")]
    random.Random(seed).shuffle(order)
    missing: list[str] = []

    def load(code: str, year: int, lang: str) -> Step:
        def step(client: DashClient) -> list[Reply]:
            first = client.call(page_payload(f"/province/{code}", f"?year={year}&lang={lang}"))
            if first.status != 200:
                return [first]
            props = component_props(first.json())
            if not any(key.startswith(PROVINCE_MARKER) for key in props):
                missing.append(code)
            return [first, *(client.call(p) for p in initial_callbacks(deps, props))]
        return step

    def steps() -> Iterator[Step]:
        for i in itertools.count():
            yield load(*order[i % len(order)])

    return Interaction("province_page", "province page: layout request plus the callbacks it fires, "
                       "a province, fiscal year and language not opened before each time", steps(),
                       notes=missing)


def overview_open(deps: list[dict[str, Any]], state: OverviewState, seed: int, seen: bool) -> Interaction:
    """Opening the overview at an address: the router's layout request, then any callbacks it fires.

    `seen`: five addresses in turn, each opened before (the warmup covers them), as when a shared link
    is opened by many people; otherwise an address not opened before every time."""
    rng = random.Random(seed)
    subsets = _subsets(rng, GOALS)

    def search(year: int, goals: list[int], regions: list[str]) -> str:
        parts = [f"year={year}"] + ([f"goal={','.join(map(str, goals))}"] if goals else [])
        return "?" + "&".join(parts + ([f"region={','.join(regions)}"] if regions else []))

    def load(query: str) -> Step:
        def step(client: DashClient) -> list[Reply]:
            first = client.call(page_payload("/", query))
            if first.status != 200:
                return [first]
            return [first, *(client.call(p) for p in initial_callbacks(deps, component_props(first.json())))]
        return step

    def steps() -> Iterator[Step]:
        if seen:
            known = [search(state.years[0], [], []), search(state.years[0], [3], []),
                     search(state.years[-1], [], []), search(state.years[0], [1, 5], [state.regions[0]]),
                     search(state.years[0], [13], [])]
            i = 0
            while True:
                yield load(known[i % len(known)])
                i += 1

        def make() -> tuple[Any, ...]:
            return (rng.choice(state.years), next(subsets),
                    [] if rng.random() < 0.5 else [rng.choice(state.regions)])

        for year, goals, regions in unique_combos(make):
            yield load(search(year, goals, regions))

    name = "overview_open_seen" if seen else "overview_open_new"
    text = ("five addresses in turn, each opened before (rendered page kept)" if seen else
            "an address not opened before every time (layout built, serialised and compressed)")
    return Interaction(name, f"overview opened: {text}; router request plus any callbacks it fires", steps())


def baseline_change(deps: list[dict[str, Any]], years: list[int], regions: list[str], seed: int,
                    changed: str) -> Interaction:
    """The tutorial app's one callback: filter the DataFrame, rebuild every figure."""
    dep = find_dependency(deps, BASELINE_OUTPUT)
    rng = random.Random(seed)
    goal_sets = _subsets(rng, GOALS)
    region_sets = _subsets(rng, regions)

    def make() -> tuple[Any, ...]:
        if changed == "baseline-goal.value":
            return years[0], next(goal_sets), []
        goals = [] if rng.random() < 0.5 else [rng.choice(GOALS)]
        return rng.choice(years), goals, next(region_sets)

    def steps() -> Iterator[Step]:
        for year, goals, chosen in unique_combos(make):
            values = {"baseline-year.value": year, "baseline-goal.value": goals,
                      "baseline-region.value": chosen}
            yield _overview_step(dep, values, changed)

    name = "map_recolour_goal" if changed == "baseline-goal.value" else "charts_region"
    return Interaction(name, f"tutorial baseline: {changed} changes; new px figures", steps())


def measure(client: DashClient, interaction: Interaction, requests: int, warmup: int) -> dict[str, Any]:
    """Run warmup steps unmeasured, then `requests` steps; latency and bytes per step."""
    for _ in range(warmup):
        next(interaction.steps)(client)
    elapsed: list[float] = []
    server: list[float] = []
    cpu: list[float] = []
    raw: list[float] = []
    wire: list[float] = []
    gz: list[float] = []
    errors = 0
    calls = 0
    for _ in range(requests):
        replies = next(interaction.steps)(client)
        calls += len(replies)
        errors += sum(1 for r in replies if r.status != 200)
        elapsed.append(sum(r.elapsed_ms for r in replies))
        timings = [r.server_ms for r in replies]
        if all(t is not None for t in timings):
            server.append(sum(t for t in timings if t is not None))
        cpu_times = [r.server_cpu_ms for r in replies]
        if all(t is not None for t in cpu_times):
            cpu.append(sum(t for t in cpu_times if t is not None))
        raw.append(sum(r.raw_bytes for r in replies))
        wire.append(sum(r.wire_bytes for r in replies))
        gz.append(sum(r.gzip_bytes for r in replies))
    return {
        "description": interaction.description,
        "steps": requests,
        "http_requests": calls,
        "errors": errors,
        "latency_ms": summary(elapsed),
        "server_timing_ms": summary(server) if len(server) == len(elapsed) else None,
        "server_cpu_ms": summary(cpu) if len(cpu) == len(elapsed) else None,
        "bytes_raw": summary(raw, 0),
        "bytes_wire": summary(wire, 0),
        "bytes_gzip": summary(gz, 0),
        "compressed_by_server": any(w < r for w, r in zip(wire, raw, strict=True)),
        **({"notes": sorted(set(interaction.notes))} if interaction.notes else {}),
    }
