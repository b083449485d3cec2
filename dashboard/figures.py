"""Pure builders: query results (DataFrames) in, plotly figures out. No Dash imports.

The map is split in two so that geometry crosses the wire once: `province_map` builds the
whole figure (with the GeoJSON) for the first page load, and `map_update` computes only what
changes with the filters (values, colours, hover text, title), which the page sends as a
`dash.Patch`. Both use the same function for the changing part, so they cannot disagree.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from PIL import ImageFont

from dashboard.data.records import records
from dashboard.i18n import (
    COMPONENTS,
    bilingual_name,
    component_name,
    day_label,
    fy_label,
    goal_label,
    goals_phrase,
    month_label,
    name_col,
    name_of,
    number,
    status_name,
    t,
)

FONT_FAMILY = "Sarabun, 'Noto Sans Thai', 'TH Sarabun New', sans-serif"
TEXT_COLOR = "#1f2933"

# Plan completeness classes 0..4 (viridis steps, colour-blind safe) and "not assessed".
COMPLETENESS_COLORS: tuple[str, ...] = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
NOT_ASSESSED_COLOR = "#d4d4d4"
NOT_ASSESSED_Z = -1
PROJECTS_COLORSCALE: list[list[Any]] = [[0.0, "#eef4fb"], [0.5, "#6aaed6"], [1.0, "#08306b"]]
BORDER = ("#ffffff", 0.6)
PILOT_BORDER = ("#111111", 2.6)
DIMMED_OPACITY = 0.25
REGION_COLOR = "#2c7fb8"
_COLORBAR: dict[str, Any] = {"x": 1.0, "len": 0.75, "thickness": 22, "y": 0.55}  # room below for the legend
# where the colour bar sits: set once with the page, then the browser's to move (assets/phone-map.js)
COLORBAR_PLACEMENT = frozenset(("x", "y", "len"))
HEATMAP_COLORSCALE: list[list[Any]] = [[0.0, "#f7fbff"], [0.4, "#9ecae1"], [1.0, "#08306b"]]

DARK_TEXT = "#111111"
LIGHT_TEXT = "#ffffff"


def _luminance(color: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours (1 to 21)."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_color_on(background: str) -> str:
    """Dark or light text, whichever reads better on `background` (goal colours, badges)."""
    if contrast_ratio(DARK_TEXT, background) >= contrast_ratio(LIGHT_TEXT, background):
        return DARK_TEXT
    return LIGHT_TEXT


_TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": FONT_FAMILY, "size": 15, "color": TEXT_COLOR},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 15}},
        "title": {"font": {"size": 19}, "x": 0.01, "xanchor": "left"},
    }
)


# The overview's figures are built as plain data (plotly's JSON form): plotly's Figure objects validate
# every property as it is set, which cost more server time than the data behind six charts. Exports
# wrap them in go.Figure for kaleido, and tests do the same, which validates them.
Figure = dict[str, Any]
_TEMPLATE_DATA: dict[str, Any] = _TEMPLATE.to_plotly_json()  # shared by every figure; never mutated


def _figure(traces: list[dict[str, Any]], **layout: Any) -> Figure:
    """A figure from trace dicts and layout properties, in the app's template; None values are left out
    (as a Figure leaves them unset)."""
    return {"data": [{k: v for k, v in tr.items() if v is not None} for tr in traces],
            "layout": {"template": _TEMPLATE_DATA, **{k: v for k, v in layout.items() if v is not None}}}


def _map_geo(lon_range: list[float], lat_range: list[float]) -> dict[str, Any]:
    """The geo subplot of the maps: no world layers, mercator, framed on the shapes."""
    return {"visible": False, "projection": {"type": "mercator"}, "bgcolor": "rgba(0,0,0,0)",
            "lonaxis": {"range": lon_range}, "lataxis": {"range": lat_range}}


@dataclass(frozen=True)
class MapSettings:
    """What the map shows besides the data: language, metric, selected goals and year."""

    lang: str
    metric: str
    goals: tuple[int, ...] = ()
    year: int | None = None
    prev_year: int | None = None  # the fiscal year the change metric compares with (None: first year)


def _completeness_colorscale() -> list[list[Any]]:
    """A stepped scale: one flat band per class for z = -1 (not assessed) .. 4."""
    colors = (NOT_ASSESSED_COLOR, *COMPLETENESS_COLORS)
    n = len(colors)
    scale: list[list[Any]] = []
    for i, color in enumerate(colors):
        scale += [[i / n, color], [(i + 1) / n, color]]
    return scale


def completeness_classes(lang: str) -> list[tuple[int, str, str]]:
    """(z value, label, colour) for every class, "not assessed" first, as the legend lists them."""
    classes = [(NOT_ASSESSED_Z, t("class_not_assessed", lang), NOT_ASSESSED_COLOR)]
    classes += [(n, t("class_all", lang, total=n) if n == len(COMPONENTS) else str(n),
                 COMPLETENESS_COLORS[n]) for n in range(len(COMPONENTS) + 1)]
    return classes


@dataclass(frozen=True)
class _HoverWords:
    """The fixed words of the map's hover text, looked up once per update rather than per province."""

    not_assessed: str
    present: str
    missing: str
    none: str
    pilot: str
    components: tuple[tuple[str, str], ...]  # (column, display name)

    @classmethod
    def for_lang(cls, lang: str) -> _HoverWords:
        return cls(
            not_assessed=t("hover_not_assessed", lang), present=t("hover_present", lang),
            missing=t("hover_missing", lang), none=t("hover_none", lang),
            pilot=f"◆ {t('hover_pilot', lang)}",
            components=tuple((c, component_name(c, lang)) for c in COMPONENTS),
        )


def _hover_text(row: dict[str, Any], settings: MapSettings, words: _HoverWords, goals: str) -> str:
    """Thai and English name, components present and missing, project counts."""
    lang = settings.lang
    lines = [f"<b>{html.escape(bilingual_name(row, lang))}</b>"]
    if row["completeness"] is None or pd.isna(row["completeness"]):
        lines.append(words.not_assessed)
    else:
        present = [name for column, name in words.components if row[column]]
        missing = [name for column, name in words.components if not row[column]]
        lines.append(f"{words.present} ({len(present)}/4): {', '.join(present) or words.none}")
        lines.append(f"{words.missing}: {', '.join(missing) or words.none}")
    if settings.metric == "change" and settings.prev_year is not None:
        lines.append(t("hover_change", lang, prev=settings.prev_year, label=change_words(row, lang)))
    lines.append(t("hover_projects", lang, n=number(row["projects"])))
    if settings.goals:
        lines.append(t("hover_goal_projects", lang, goals=goals, n=number(row["goal_projects"])))
    if row["is_pilot"]:
        lines.append(words.pilot)
    return "<br>".join(lines)


def map_title(settings: MapSettings) -> str:
    """The map's title: what is coloured, and for which fiscal year."""
    lang = settings.lang
    if settings.metric == "change":
        title = (t("map_title_change", lang, prev=settings.prev_year) if settings.prev_year is not None
                 else t("map_title_change_first", lang))
    elif settings.metric == "goal_projects" and settings.goals:
        title = t("map_title_goal_projects", lang, goals=goals_phrase(settings.goals, lang))
    elif settings.metric in ("projects", "goal_projects"):
        title = t("map_title_projects", lang)
    else:
        title = t("map_title_completeness", lang)
    return f"{title} · {fy_label(settings.year, lang)}" if settings.year else title


# The change map: a diverging scale for components gained (blue) or lost (red), and four classes that
# are not a count of components, each its own colour and legend entry (see dashboard/data/progress.py).
CHANGE_COLORS: dict[int, str] = {
    -7: NOT_ASSESSED_COLOR,  # not assessed
    -6: "#dfc27d",           # no plan either year
    -5: "#eeeeee",           # nothing to compare (first year)
    -4: "#b2182b", -3: "#d6604d", -2: "#f4a582", -1: "#fddbc7",
    0: "#f7f7f7",
    1: "#d1e5f0", 2: "#92c5de", 3: "#4393c3", 4: "#2166ac",
    5: "#762a83",            # new this year
}
_CHANGE_SPECIAL = {-7: "change_not_assessed", -6: "change_no_plan", -5: "change_no_comparison",
                   0: "change_zero", 5: "change_new"}


def change_label(z: int, lang: str) -> str:
    """The legend's words for one change class: "+2", "−1", "New this year", ..."""
    key = _CHANGE_SPECIAL.get(z)
    return t(key, lang) if key else (f"+{z}" if z > 0 else f"−{-z}")


def change_words(row: Mapping[str, Any], lang: str) -> str:
    """A province's change in words, as its hover and the province table say it: "Improved (+1)"."""
    z = int(row["change"])
    detail = f" ({change_label(z, lang)})" if -4 <= z <= 4 and z != 0 else ""
    return t(f"progress_{row['progress']}", lang) + detail


def change_classes(lang: str, first_year: bool) -> list[tuple[int, str, str]]:
    """(z, label, colour) for the legend, top to bottom; the first year shows only what can occur."""
    zs = [-7, -5] if first_year else [-7, -6, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]
    return [(z, change_label(z, lang), CHANGE_COLORS[z]) for z in zs]


def _change_scale(status: pd.DataFrame, settings: MapSettings) -> tuple[list[int], dict[str, Any]]:
    """z values and the stepped scale of the change map: one flat band per class from -7 to 5."""
    low, high = min(CHANGE_COLORS), max(CHANGE_COLORS)
    n = high - low + 1
    colorscale: list[list[Any]] = []
    for i, z in enumerate(range(low, high + 1)):
        colorscale += [[i / n, CHANGE_COLORS[z]], [(i + 1) / n, CHANGE_COLORS[z]]]
    classes = change_classes(settings.lang, settings.prev_year is None)
    scale = {
        "zmin": low - 0.5,
        "zmax": high + 0.5,
        "colorscale": colorscale,
        "colorbar": {
            **_COLORBAR,
            "title": {"text": t("legend_change", settings.lang), "side": "top"},
            "tickmode": "array",
            "tickvals": [c[0] for c in classes],
            "ticktext": [c[1] for c in classes],
        },
    }
    return [int(v) for v in status["change"]], scale


def map_update(status: pd.DataFrame, settings: MapSettings) -> dict[str, Any]:
    """The filter-dependent part of the map: trace-0 properties and the layout title."""
    lang = settings.lang
    pilot = status["is_pilot"].astype(bool).tolist()
    selected = status["selected"].astype(bool).tolist()
    marker = {
        "line": {
            "color": [PILOT_BORDER[0] if p else BORDER[0] for p in pilot],
            "width": [PILOT_BORDER[1] if p else BORDER[1] for p in pilot],
        },
    }
    if settings.metric == "completeness":
        z = [NOT_ASSESSED_Z if pd.isna(v) else int(v) for v in status["completeness"]]
        classes = completeness_classes(lang)
        scale: dict[str, Any] = {
            "zmin": NOT_ASSESSED_Z - 0.5,
            "zmax": 4.5,
            "colorscale": _completeness_colorscale(),
            "colorbar": {
                **_COLORBAR,
                "title": {"text": t("legend_completeness", lang, total=len(COMPONENTS)), "side": "top"},
                "tickmode": "array",
                "tickvals": [c[0] for c in classes],
                "ticktext": [c[1] for c in classes],
            },
        }
    elif settings.metric == "change":
        z, scale = _change_scale(status, settings)
    else:
        column = "goal_projects" if settings.metric == "goal_projects" else "projects"
        z = [int(v) for v in status[column]]
        scale = {
            "zmin": 0,
            "zmax": max(max(z, default=0), 1),
            "colorscale": PROJECTS_COLORSCALE,
            "colorbar": {
                **_COLORBAR,
                "title": {"text": t("legend_projects", lang), "side": "top"},
                "tickmode": "auto",
                "tickvals": None,
                "ticktext": None,
            },
        }
    words = _HoverWords.for_lang(lang)
    goals = goals_phrase(settings.goals, lang) if settings.goals else ""
    # Provinces outside the region/pilot filter are dimmed through plotly's selection styling
    # (choropleth applies marker.opacity to the whole trace, not per location).
    trace = {
        "selectedpoints": None if all(selected) else [i for i, s in enumerate(selected) if s],
        "z": z,
        "customdata": status["province_code"].astype(str).tolist(),
        "hovertext": [_hover_text(row, settings, words, goals) for row in records(status)],
        "marker": marker,
        **scale,
    }
    return {"trace": trace, "title": map_title(settings)}


MAX_KEPT_RANGES = 256  # the provinces and each province's districts, at two margins
_RANGES: dict[tuple[int, float], tuple[dict[str, Any], tuple[list[float], list[float]]]] = {}


def shape_ranges(geojson: dict[str, Any], pad: float = 0.4) -> tuple[list[float], list[float]]:
    """geo_ranges of one of the app's shape sets, which are loaded once and kept: worked out once per
    set (walking the provinces' coordinates took 1.6 ms of every new overview). The set is kept with
    its ranges, so its id cannot be reused by another."""
    kept = _RANGES.get((id(geojson), pad))
    if kept is not None and kept[0] is geojson:
        return [*kept[1][0]], [*kept[1][1]]
    ranges = geo_ranges(geojson, pad)
    if len(_RANGES) < MAX_KEPT_RANGES:
        _RANGES[(id(geojson), pad)] = (geojson, ranges)
    return [*ranges[0]], [*ranges[1]]


def geo_ranges(geojson: dict[str, Any], pad: float = 0.4) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges that hold every feature, with a small margin."""
    lons: list[float] = []
    lats: list[float] = []

    def walk(coords: Any) -> None:
        if isinstance(coords, np.ndarray):  # a ring as an (n, 2) array (geo.drawing_boundaries)
            lons.extend((float(coords[:, 0].min()), float(coords[:, 0].max())))
            lats.extend((float(coords[:, 1].min()), float(coords[:, 1].max())))
        elif coords and isinstance(coords[0], int | float):
            lons.append(float(coords[0]))
            lats.append(float(coords[1]))
        else:
            for part in coords:
                walk(part)

    for feature in geojson["features"]:
        walk(feature["geometry"]["coordinates"])
    return [min(lons) - pad, max(lons) + pad], [min(lats) - pad, max(lats) + pad]


def province_map(status: pd.DataFrame, geojson: dict[str, Any], settings: MapSettings) -> Figure:
    """The full choropleth of the 77 provinces, geometry included (sent once per page load)."""
    update = map_update(status, settings)
    trace = update["trace"]
    choropleth = {
        "type": "choropleth",
        "geojson": geojson,
        "locations": status["province_code"].astype(str).tolist(),
        "featureidkey": "id",
        **{k: trace[k] for k in ("z", "zmin", "zmax", "colorscale", "customdata", "hovertext", "marker",
                                 "selectedpoints")},
        "colorbar": {k: v for k, v in trace["colorbar"].items() if v is not None},
        "hovertemplate": "%{hovertext}<extra></extra>",
        "unselected": {"marker": {"opacity": DIMMED_OPACITY}},
        "name": "",
    }
    # A legend entry for the pilot outline; the trace has no points, only its legend symbol.
    legend = {"type": "scattergeo", "lon": [None], "lat": [None], "mode": "markers", "hoverinfo": "skip",
              "marker": {"symbol": "square-open", "size": 16, "color": PILOT_BORDER[0], "line": {"width": 3}},
              "name": t("legend_pilot", settings.lang), "showlegend": True}
    # Ranges from the shapes' own bounds rather than fitbounds="locations": fitbounds keeps the
    # world frame's aspect ratio (tall Thailand drawn at half size) and would override the range
    # relayout that meeting mode (assets/present.js) uses to zoom on a pilot province.
    lon_range, lat_range = shape_ranges(geojson)
    return _figure(
        [choropleth, legend],
        geo=_map_geo(lon_range, lat_range),
        title={"text": update["title"]},
        margin={"l": 0, "r": 0, "t": 48, "b": 0},
        height=600,
        # beside the map under the colour bar, never over a province (inside, it covered Yala and Narathiwat)
        legend={"x": 1.0, "y": 0.0, "xanchor": "left", "yanchor": "bottom"},
        dragmode=False,
        uirevision="province-map",
    )


def _no_data(fig: Figure, total: int, lang: str) -> Figure:
    """Say so on the chart when every bar is zero, instead of an empty frame."""
    if total == 0:
        fig["layout"].setdefault("annotations", []).append(
            {"text": t("no_data", lang), "showarrow": False, "xref": "paper", "yref": "paper",
             "x": 0.5, "y": 0.5, "font": {"size": 18}})
    return fig


def _chart_title(key: str, lang: str, year: int | None, total: int) -> str:
    """A chart title with the fiscal year, saying so when the filters leave nothing to show."""
    title = t(key, lang) + (f" · {fy_label(year, lang)}" if year else "")
    return f"{title} · {t('no_data', lang)}" if total == 0 else title


def _opacity(selected: pd.Series) -> list[float]:
    return [1.0 if s else 0.3 for s in selected.astype(bool)]


def _measured(frame: pd.DataFrame, measure: str) -> tuple[list[float], list[str]]:
    """Bar lengths and labels: project counts, or budget in millions of baht (one decimal)."""
    if measure == "budget":
        millions = [round(float(v) / 1_000_000, 1) for v in frame["budget_thb"]]
        return millions, [f"{v:,.1f}" for v in millions]
    counts = frame["projects"].astype(int).tolist()
    return counts, [str(c) for c in counts]


def goal_chart_update(by_goal: pd.DataFrame, lang: str, year: int | None = None,
                      measure: str = "projects") -> dict[str, Any]:
    """The filter-dependent part of the goal chart: bar lengths, labels, dimming, title."""
    values, labels = _measured(by_goal, measure)
    key = "chart_goals_budget" if measure == "budget" else "chart_goals"
    return {
        "trace": {"x": values, "text": labels,
                  "marker": {"color": by_goal["color"].tolist(), "opacity": _opacity(by_goal["selected"])}},
        "title": _chart_title(key, lang, year, int(by_goal["projects"].sum())),
    }


def goal_chart(by_goal: pd.DataFrame, lang: str, year: int | None = None,
               measure: str = "projects") -> Figure:
    """Projects (or budget) per goal: 17 bars in the official colours, C1 goals starred, unselected dimmed."""
    update = goal_chart_update(by_goal, lang, year, measure)
    labels = [
        goal_label(r["goal"], r["short_th"], r["short_en"], lang) + (" ★" if r["is_c1"] else "")
        for r in records(by_goal)
    ]
    bar = {"type": "bar", **update["trace"], "y": labels, "orientation": "h",
           "customdata": by_goal["goal"].astype(int).tolist(), "textposition": "outside",
           "cliponaxis": False, "hovertemplate": "%{y}: %{x}<extra></extra>"}
    return _figure(
        [bar],
        title={"text": update["title"]},
        height=620,
        margin={"l": tick_label_margin(labels, 14), "r": 40, "t": 48, "b": 40},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 14}},
        xaxis={"gridcolor": "#e5e7eb", "rangemode": "tozero", "side": "top"},
        bargap=0.25,
        uirevision="goal-chart",
        annotations=[{"text": t("c1_note", lang), "showarrow": False, "xref": "paper", "yref": "paper",
                      "x": 1.0, "y": 0.0, "xanchor": "right", "yanchor": "top", "yshift": -8,
                      "font": {"size": 14}}],
    )


def region_chart_update(by_region: pd.DataFrame, lang: str, year: int | None = None,
                        measure: str = "projects") -> dict[str, Any]:
    """The filter-dependent part of the region chart: bar lengths, labels, dimming, title, axis title."""
    values, labels = _measured(by_region, measure)
    key = "chart_regions_budget" if measure == "budget" else "chart_regions"
    return {
        "trace": {"x": values, "text": labels,
                  "marker": {"color": REGION_COLOR, "opacity": _opacity(by_region["selected"])}},
        "title": _chart_title(key, lang, year, int(by_region["projects"].sum())),
        "xaxis_title": t("axis_budget" if measure == "budget" else "axis_projects", lang),
    }


def region_chart(by_region: pd.DataFrame, lang: str, year: int | None = None,
                 measure: str = "projects") -> Figure:
    """Projects (or budget) per region: 6 bars; regions outside the filter dimmed."""
    update = region_chart_update(by_region, lang, year, measure)
    names = by_region[name_col(lang)].tolist()
    bar = {"type": "bar", **update["trace"], "y": names, "orientation": "h",
           "customdata": by_region["region_code"].tolist(), "textposition": "outside", "cliponaxis": False,
           "hovertemplate": "%{y}: %{x}<extra></extra>"}
    return _figure(
        [bar],
        title={"text": update["title"]},
        height=460,
        margin={"l": tick_label_margin(names, 15), "r": 40, "t": 56, "b": 8},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 15}},
        xaxis={"title": {"text": update["xaxis_title"]}, "gridcolor": "#e5e7eb", "rangemode": "tozero",
               "automargin": True},
        bargap=0.3,
        uirevision="region-chart",
    )


def heatmap_update(cells: pd.DataFrame, lang: str, year: int | None = None) -> dict[str, Any]:
    """The filter-dependent part of the heatmap: the grid of counts and its labels, title."""
    regions = list(dict.fromkeys(cells["region_code"].tolist()))
    goals = list(dict.fromkeys(int(g) for g in cells["goal"].tolist()))
    names = dict(zip(cells["region_code"].tolist(), cells[name_col(lang)].tolist(), strict=True))
    counts = {(r, int(g)): int(n) for r, g, n in
              zip(cells["region_code"].tolist(), cells["goal"].tolist(), cells["projects"].tolist(),
                  strict=True)}
    z = [[counts.get((r, g), 0) for g in goals] for r in regions]
    peak = max(counts.values(), default=0)
    return {
        "trace": {
            "z": z,
            "x": [str(g) for g in goals],
            "y": [str(names[r]) for r in regions],
            "zmin": 0,
            "zmax": max(peak, 1),
        },
        "title": _chart_title("chart_heatmap", lang, year, sum(counts.values())),
    }


def goal_region_heatmap(cells: pd.DataFrame, lang: str, year: int | None = None) -> Figure:
    """Region (rows) x goal (columns) heatmap of project counts, the count written in each cell.

    Goals run across as numbers (the goal chart beside it names them), so no label is rotated.
    """
    update = heatmap_update(cells, lang, year)
    heatmap = {"type": "heatmap", **update["trace"], "colorscale": HEATMAP_COLORSCALE, "texttemplate": "%{z}",
               "hovertemplate": t("axis_goal", lang) + " %{x} · %{y}: %{z}<extra></extra>",
               "colorbar": {"title": {"text": t("axis_projects", lang)}, "thickness": 14},
               "xgap": 2, "ygap": 2}
    return _figure(
        [heatmap],
        title={"text": update["title"]},
        height=460,
        margin={"l": tick_label_margin(update["trace"]["y"], 14, gap=22), "r": 8, "t": 56, "b": 8},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 14}},
        xaxis={"automargin": True, "tickfont": {"size": 14}, "type": "category",
               "title": {"text": t("axis_goal", lang)}},
        uirevision="goal-region-heatmap",
    )


# --- change over fiscal years ---
TREND_LINE_COLOR = "#d95f02"
STATUS_COLORS: dict[str, str] = {"planned": "#bdbdbd", "in_progress": "#6aaed6", "completed": "#08519c",
                                 "cancelled": "#d6604d", "unknown": "#eeeeee"}


def years_label(years: list[int], lang: str) -> str:
    """"ปีงบประมาณ 2565–2567" / "FY2565–2567" (one year: that year's label)."""
    if not years:
        return ""
    if len(years) == 1:
        return fy_label(years[0], lang)
    return t("fy_range", lang, first=min(years), last=max(years))


def trend_update(trend: pd.DataFrame, lang: str) -> dict[str, Any]:
    """The filter-dependent part of the trend chart: each trace's values (completeness classes, then
    projects) and the title; the years along the axis do not depend on the filters."""
    years = [int(y) for y in trend["fiscal_year"]]
    projects = trend["projects"].astype(int).tolist()
    traces = [{"y": trend[f"class_{z}"].astype(int).tolist()} for z, _, _ in completeness_classes(lang)]
    traces.append({"y": projects})
    return {"traces": traces, "title": f"{t('chart_trend', lang)} · {years_label(years, lang)}"}


def trend_chart(trend: pd.DataFrame, lang: str) -> Figure:
    """Provinces per plan completeness class for every fiscal year (stacked bars) and projects per year
    (a line on its own axis), for the provinces and goals the filters keep."""
    years = [int(y) for y in trend["fiscal_year"]]
    x = [str(y) for y in years]
    traces: list[dict[str, Any]] = [
        {"type": "bar", "x": x, "y": trend[f"class_{z}"].astype(int).tolist(), "name": label,
         "marker": {"color": color, "line": {"color": "#ffffff", "width": 0.5}},
         "hovertemplate": f"{html.escape(label)}: %{{y}}<extra>%{{x}}</extra>"}
        for z, label, color in completeness_classes(lang)
    ]
    traces.append({"type": "scatter", "x": x, "y": trend["projects"].astype(int).tolist(),
                   "name": t("trend_projects", lang), "yaxis": "y2", "mode": "lines+markers",
                   "line": {"color": TREND_LINE_COLOR, "width": 3}, "marker": {"size": 9},
                   "hovertemplate": t("trend_projects", lang) + ": %{y:,}<extra>%{x}</extra>"})
    return _figure(
        traces,
        title={"text": f"{t('chart_trend', lang)} · {years_label(years, lang)}"},
        barmode="stack",
        height=520,
        margin={"l": 8, "r": 8, "t": 110, "b": 8},
        # its title on a line of its own: the items then have the whole width, and a phone's card
        # wraps them instead of cutting the last ones
        legend={"orientation": "h", "x": 0.0, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
                "font": {"size": 13},
                "title": {"text": t("legend_completeness", lang, total=len(COMPONENTS)), "side": "top"}},
        xaxis={"type": "category", "title": {"text": t("axis_fy", lang)}, "automargin": True},
        yaxis={"title": {"text": t("axis_provinces", lang), "standoff": 12}, "gridcolor": "#e5e7eb",
               "automargin": True},
        yaxis2={"title": {"text": t("trend_projects", lang), "standoff": 12}, "overlaying": "y",
                "side": "right", "rangemode": "tozero", "showgrid": False, "automargin": True},
        uirevision="trend-chart",
    )


def status_chart_update(by_status: pd.DataFrame, lang: str, year: int | None = None) -> dict[str, Any]:
    """The filter-dependent part of the status chart: bar lengths, labels and title."""
    counts = by_status["projects"].astype(int).tolist()
    return {
        "trace": {"x": counts, "text": [number(c) for c in counts]},
        "title": _chart_title("chart_status", lang, year, sum(counts)),
    }


def status_chart(by_status: pd.DataFrame, lang: str, year: int | None = None) -> Figure:
    """Projects by status (not started, in progress, completed, cancelled, none given) under the filters."""
    update = status_chart_update(by_status, lang, year)
    names = [t("status_unknown", lang) if code == "unknown" else status_name(code, lang)
             for code in by_status["status"]]
    bar = {"type": "bar", **update["trace"], "y": names, "orientation": "h", "textposition": "outside",
           "cliponaxis": False,
           "marker": {"color": [STATUS_COLORS.get(s, "#999999") for s in by_status["status"]],
                      "line": {"color": "#737373", "width": 0.5}},
           "hovertemplate": "%{y}: %{x:,}<extra></extra>"}
    return _figure(
        [bar],
        title={"text": update["title"]},
        height=460,
        margin={"l": tick_label_margin(names, 15), "r": 40, "t": 56, "b": 8},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 15}},
        xaxis={"title": {"text": t("axis_projects", lang)}, "gridcolor": "#e5e7eb", "rangemode": "tozero",
               "automargin": True},
        bargap=0.3,
        uirevision="status-chart",
    )
# --- end change over fiscal years ---


# --- province pages ---
# District-programme categories: Okabe-Ito colours (colour-blind safe); districts without a project grey.
CATEGORY_COLORS: dict[str, str] = {
    "poverty": "#E69F00",
    "water": "#0072B2",
    "other": "#CC79A7",
    "drugs": "#D55E00",
    "classroom": "#009E73",
}
NO_CATEGORY_COLOR = "#e5e7eb"
MIX_COLORS: dict[str, str] = {"province": "#08306b", "region": "#4292c6", "country": "#bdbdbd"}


@dataclass(frozen=True)
class MixLabels:
    """Names of the three scopes the goal mix compares, in the page language."""

    province: str
    region: str
    country: str


def category_color(category: str | None) -> str:
    """The map colour of a district-programme category (grey for none or an unknown one)."""
    return CATEGORY_COLORS.get(category or "", NO_CATEGORY_COLOR)


_THAI_NON_SPACING = {0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)}
FONTS = Path(__file__).resolve().parents[1] / "fonts"
MEASURE_SIZE = 100  # glyphs are measured at this size and scaled: widths are linear in the size


@cache
def sarabun(bold: bool = False) -> ImageFont.FreeTypeFont:
    """Sarabun, the font the pages draw every chart in (the TTFs in fonts/), at MEASURE_SIZE."""
    return ImageFont.truetype(str(FONTS / ("Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf")),
                              MEASURE_SIZE)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of `text` set in Sarabun at `size`."""
    return sarabun(bold).getlength(text) * size / MEASURE_SIZE


def tick_label_margin(labels: list[Any], size: int, gap: int = 14) -> int:
    """A margin wide enough for the widest category label, measured in Sarabun, and `gap` for the ticks.

    The axes keep plotly's automargin, which widens a margin the labels need and then draws the whole
    chart a second time; with the margin already wide enough the chart is drawn once (about 40 of a
    bar chart's 90 ms on a desktop, four times that on a phone).
    """
    return int(max((text_width(str(label), size) for label in labels), default=0)) + gap


def label_width(labels: list[str], size: int) -> int:
    """Pixels the longest axis label needs (Thai marks above and below a letter take no width).

    A fixed margin from the text itself, because plotly's automargin measures before the web
    font has loaded and then leaves long Thai labels running under the bars.
    """
    widest = max((sum(1 for ch in label if ord(ch) not in _THAI_NON_SPACING) for label in labels), default=0)
    return int(widest * size * 0.58) + 16


def goal_mix_chart(mix: pd.DataFrame, labels: MixLabels, lang: str, year: int | None = None) -> Figure:
    """Share of projects per goal in the province, its region and the country, as grouped bars."""
    goal_names = [goal_label(r["goal"], r["short_th"], r["short_en"], lang) for r in records(mix)]
    traces = [
        {"type": "bar", "name": name, "y": goal_names,
         "x": (mix[f"{scope}_share"].astype(float) * 100).round(1).tolist(), "orientation": "h",
         "marker": {"color": MIX_COLORS[scope]}, "customdata": mix[f"{scope}_projects"].astype(int).tolist(),
         # one template per trace, filled in by plotly.js: per-bar hover strings were a third
         # of the province page's bytes
         "hovertemplate": t("mix_hover", lang, scope=html.escape(name), goal="%{y}", share="%{x:.1f}%",
                            n="%{customdata:,}") + "<extra></extra>"}
        for scope, name in (("province", labels.province), ("region", labels.region),
                            ("country", labels.country))
    ]
    title = t("mix_title", lang) + (f" · {fy_label(year, lang)}" if year else "")
    fig = _figure(
        traces,
        title={"text": title},
        barmode="group",
        bargap=0.22,
        bargroupgap=0.05,
        height=760,
        margin={"l": label_width(goal_names, 13), "r": 16, "t": 90, "b": 24},
        legend={"orientation": "h", "x": 0.0, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
                "font": {"size": 14}},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 13}, "ticklabelstandoff": 8},
        # no axis title: the chart's title says what the shares are of, and one centred under the bars
        # ran past a phone's edge (the goals' names leave the bars a third of its width)
        xaxis={"gridcolor": "#e5e7eb", "rangemode": "tozero",
               "ticksuffix": "%"},
        uirevision="province-goal-mix",
    )
    return _no_data(fig, int(mix["province_projects"].sum() + mix["country_projects"].sum()), lang)


# A district's hover names its first few projects (the grid below lists them all): every title sent
# with the page costs bytes on a phone, and a longer list does not fit a tooltip on one.
HOVER_TITLES = 3
HOVER_TITLE_CHARS = 48


def _district_hover(row: dict[str, Any], names: dict[str, str], lang: str) -> str:
    """District name in the page's language, its categories, and its first project titles (escaped: user
    input)."""
    lines = [f"<b>{html.escape(name_of(row, lang))}</b>"]
    cats = [names.get(c, c) for c in row["categories"]]
    if not cats:
        lines.append(t("district_none", lang))
    elif len(cats) == 1:
        lines.append(html.escape(cats[0]))
    else:
        lines.append(html.escape(t("district_mixed", lang, cats=", ".join(cats))))
    if int(row["projects"]):
        lines.append(t("district_hover_projects", lang, n=number(row["projects"])))
        titles = list(row["titles"])
        lines += [f"· {html.escape(_clip(str(title), HOVER_TITLE_CHARS), quote=False)}"
                  for title in titles[:HOVER_TITLES]]
        if len(titles) > HOVER_TITLES:
            lines.append(t("district_hover_more", lang, n=number(len(titles) - HOVER_TITLES)))
    return "<br>".join(lines)


def _clip(text: str, width: int) -> str:
    """A title cut to `width` characters, so hover boxes stay readable."""
    return text if len(text) <= width else text[: width - 1] + "…"


def district_map(programme: pd.DataFrame, geojson: dict[str, Any], categories: pd.DataFrame,
                 lang: str, year: int | None = None, title_key: str = "district_title",
                 geometry_url: str | None = None) -> Figure:
    """The province's districts coloured by their main project category, one legend entry per category.

    `title_key` names the title's string (Bangkok's districts are เขต, outside the programme).
    `geometry_url`: where the browser loads the boundaries from, instead of carrying them in every
    trace (the geometry still frames the map).

    One trace per category (plus one for districts without a project), so the legend names the
    categories; every district is in exactly one trace, so the map draws each district once.
    """
    names = dict(zip(categories["category"], categories[name_col(lang)], strict=True))
    order = [*categories["category"], None]
    by_category: dict[Any, list[dict[str, Any]]] = {}
    for row in records(programme):
        missing = row["category"] is None or row["category"] != row["category"]  # None or NaN
        by_category.setdefault(None if missing else row["category"], []).append(row)
    traces: list[dict[str, Any]] = []
    for category in order:
        rows = by_category.get(category, [])
        if not rows:
            continue
        color = category_color(category)
        traces.append({
            "type": "choropleth",
            "geojson": geometry_url or geojson,
            "featureidkey": "id",
            "locations": [str(row["district_code"]) for row in rows],
            "z": [1] * len(rows),
            "zmin": 0,
            "zmax": 1,
            "colorscale": [[0.0, color], [1.0, color]],
            "showscale": False,
            "showlegend": True,
            "name": t("district_none", lang) if category is None else names[category],
            "legendgroup": category or "none",
            "hovertext": [_district_hover(row, names, lang) for row in rows],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "marker": {"line": {"color": "#ffffff", "width": 1.0}},
        })
    lon_range, lat_range = shape_ranges(geojson, pad=0.05) if geojson["features"] else ([97.0, 106.0],
                                                                                      [5.0, 21.0])
    title = t(title_key, lang) + (f" · {fy_label(year, lang)}" if year else "")
    return _figure(
        traces,
        geo=_map_geo(lon_range, lat_range),
        title={"text": title, "font": {"size": 17}},
        height=680,
        margin={"l": 0, "r": 0, "t": 48, "b": 96},
        # below the map, never over it: small provinces' districts sit anywhere in the frame
        legend={"title": {"text": t("district_legend", lang), "side": "top"}, "orientation": "h",
                "x": 0.0, "y": 0.0, "xanchor": "left", "yanchor": "top", "font": {"size": 14}},
        dragmode=False,
        uirevision="district-map",
    )


def pilot_timeline(milestones: pd.DataFrame, lang: str) -> go.Figure:
    """The UNDP localization timeline: periods as bars, single days (the kick-off) as lines."""
    fig = go.Figure()
    periods = milestones[milestones["kind"] == "period"]
    days = milestones[milestones["kind"] == "day"]
    labels = [name_of(row, lang) for row in records(periods)]
    colors = ("#9ecae1", "#2c7fb8", "#08519c", "#6baed6")
    for i, row in enumerate(records(periods)):
        begin, finish = pd.Timestamp(row["start_date"]), pd.Timestamp(row["end_date"])
        label = name_of(row, lang)
        fig.add_trace(go.Bar(
            y=[label],
            x=[(finish - begin).total_seconds() * 1000],
            base=[begin.isoformat()],
            orientation="h",
            marker={"color": colors[i % len(colors)]},
            hovertemplate=(f"{html.escape(label)}: {month_label(begin.year, begin.month, lang)} – "
                           f"{month_label(finish.year, finish.month, lang)}<extra></extra>"),
            showlegend=False,
        ))
    for row in records(days):
        day = pd.Timestamp(row["start_date"])
        fig.add_vline(x=day.timestamp() * 1000, line={"color": "#d62728", "width": 3})
        label = t("pilot_tl_day", lang, name=name_of(row, lang), date=day_label(day, lang))
        fig.add_annotation(x=day.isoformat(), y=1.0, yref="paper", yanchor="bottom", text=f"▼ {label}",
                           showarrow=False, font={"color": "#d62728", "size": 14})
    first = pd.Timestamp(milestones["start_date"].min()).to_period("M").to_timestamp()
    last = pd.Timestamp(milestones["end_date"].max())
    ticks = pd.date_range(first, last, freq="4MS")
    fig.update_layout(
        template=_TEMPLATE,
        height=190,
        margin={"l": tick_label_margin(labels, 15), "r": 16, "t": 30, "b": 30},
        barmode="overlay",
        xaxis={"type": "date", "tickvals": [d.isoformat() for d in ticks],
               "ticktext": [month_label(d.year, d.month, lang) for d in ticks],
               "range": [(first - pd.DateOffset(months=1)).isoformat(),
                         (last + pd.DateOffset(months=1)).isoformat()],
               "gridcolor": "#e5e7eb", "automargin": True},  # a phone turns the months: room below
        yaxis={"autorange": "reversed", "automargin": True, "categoryarray": labels},
        dragmode=False,
    )
    return fig
