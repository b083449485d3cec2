"""Images that stand alone: every exported chart or map carries its title, the filters in force,
the data source and database date, the sample-data warning and, on maps, the boundary credit.

The caption is part of the exported figure itself (a subtitle and small annotations under the
plot); a page shows the same words as page text above and under the plot (`page_chart`). The
figure's layout.meta names its PNG and the URL of the server's render of the same view: the camera
button (assets/export.js) downloads that, because a browser cannot draw the Sarabun web font into
plotly's canvas export. The server renders the captioned figures with kaleido (Debian's Chromium,
the project's Sarabun TTFs through fontconfig, plotly's world topojson from assets/: no network).
"""
from __future__ import annotations

import html
import io
import os
import re
import textwrap
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias, TypeVar
from urllib.parse import parse_qsl, urlencode

import plotly.graph_objects as go
import plotly.io as pio
from dash import Patch
from PIL import Image

from dashboard.data import db, queries
from dashboard.data.dataset import DatasetInfo
from dashboard.data.records import records
from dashboard.data.state import Filters
from dashboard.i18n import fy_label, goals_phrase, number, t

ROOT = Path(__file__).resolve().parents[2]
FONTCONFIG = ROOT / "fonts" / "fonts.conf"
TOPOJSON_DIR = ROOT / "assets" / "topojson"

# Laid out at 1280x720 and written at 1.5x: a 1920x1080 PNG whose type reads at slide size.
EXPORT_WIDTH = 1280
EXPORT_HEIGHT = 720
EXPORT_SCALE = 1.5
PIXEL_WIDTH = round(EXPORT_WIDTH * EXPORT_SCALE)
PIXEL_HEIGHT = round(EXPORT_HEIGHT * EXPORT_SCALE)

VIEWS: tuple[str, ...] = ("map", "goals", "regions", "heatmap")
MAP_VIEWS = frozenset({"map", "districts"})  # views drawn on boundaries: they carry the credit
BUDGET_VIEWS = frozenset({"goals", "regions"})  # views that show budgets when the measure is budget
BANGKOK = "10"
CAPTION_NAME = "export-caption"
CAPTION_COLOR = "#52606d"
CAPTION_SIZE = 11
_LINE_PX = 18  # Thai stacks vowels and tone marks above and below the line: 11 px type needs 18 px
_BOTTOM_PAD = 14  # room under the last caption line for its descending vowels
_TOP_AXIS_PX = 24  # tick labels of an axis drawn above the plot (the goal chart's)
_SUBTITLE_WRAP_CHARS = 120  # the filters line across an exported image (13 px type)
_SUBTITLE_LINE_PX = 20
EDGE_PX = 12  # white border around a server-rendered PNG (layout px), so no text touches its edge
_WRAP_CHARS = 100  # an export, or a map's card
# a chart's card (about 330 px at 1366x768): its page figure keeps the plot size these lines left it
_CHART_WRAP_CHARS = 50




@dataclass(frozen=True)
class CaptionContext:
    """Everything a caption says besides the figure's own title."""

    filters: Filters
    info: DatasetInfo
    region_names: dict[str, str] = field(default_factory=dict)
    province_code: str | None = None
    province_name: str | None = None
    years: tuple[int, ...] = ()      # every fiscal year in the database, oldest first
    prev_year: int | None = None     # the fiscal year before the filters' year (None: the first)

    @property
    def lang(self) -> str:
        """The caption's language: the page's."""
        return self.filters.lang

    @property
    def is_bangkok(self) -> bool:
        """Bangkok is a special administrative area: not a จังหวัด, and its districts are เขต."""
        return self.province_code == BANGKOK

    def place(self, key: str) -> str:
        """The province named with the string `key` ("จังหวัด{name}"), Bangkok by its own name."""
        name = str(self.province_name)
        return name if self.is_bangkok else t(key, self.lang, name=name)


def caption_context(snap: db.Snapshot, filters: Filters, province: dict[str, Any] | None = None
                    ) -> CaptionContext:
    """The caption facts for these filters, from the (cached) reference and dataset queries."""
    regions = queries.regions(snap, filters)
    column = "name_en" if filters.lang == "en" else "name_th"
    names = {str(r["region_code"]): str(r[column]) for r in records(regions)}
    return CaptionContext(
        filters=filters,
        info=DatasetInfo.from_frame(queries.dataset_info(snap, filters)),
        region_names=names,
        province_code=str(province["province_code"]) if province else None,
        province_name=str(province[column]) if province else None,
        years=tuple(queries.years_ascending(snap)),
        prev_year=queries.previous_year(snap, filters),
    )


def years_part(ctx: CaptionContext, view: str | None) -> list[str]:
    """The fiscal year (or years) a view covers: every year for the trend, two for the change map."""
    f, lang = ctx.filters, ctx.lang
    if view == "trend" and ctx.years:
        first, last = ctx.years[0], ctx.years[-1]
        return [fy_label(first, lang) if first == last else t("fy_range", lang, first=first, last=last)]
    if not f.year:
        return []
    if view == "map" and f.metric == "change" and ctx.prev_year is not None:
        return [t("fy_compared", lang, year=fy_label(f.year, lang), prev=ctx.prev_year)]
    return [fy_label(f.year, lang)]


def filters_line(ctx: CaptionContext, view: str | None = None) -> str:
    """The filters in force, in words: the year (or years the view covers), goals, regions, pilots,
    province."""
    f, lang = ctx.filters, ctx.lang
    parts = years_part(ctx, view)
    if ctx.province_name:
        parts.append(ctx.place("cap_province"))
    parts.append(goals_phrase(f.goals, lang) if f.goals else t("cap_all_goals", lang))
    if not ctx.province_name:
        names = ", ".join(ctx.region_names.get(r, r) for r in f.regions)
        parts.append(t("cap_regions", lang, names=names) if f.regions else t("cap_all_regions", lang))
        if f.pilots_only:
            parts.append(t("cap_pilots_only", lang))
    if view in BUDGET_VIEWS and f.measure == "budget":
        parts.append(t("cap_budget", lang))
    return " · ".join(parts)


def source_line(ctx: CaptionContext) -> str:
    """Data source and database date, with the sample warning while the data is sample."""
    lang, info = ctx.lang, ctx.info
    source = t("cap_source", lang, source=info.source_in(lang))
    line = f"{source} · {t('cap_built', lang, date=info.built_in(lang))}"
    return f"{t('cap_sample', lang)} · {line}" if info.is_sample else line


def caption_lines(ctx: CaptionContext, view: str, wide: bool = False) -> list[str]:
    """The lines under the plot: source (and date), then the boundary credit on maps.

    `wide`: the whole 1280 px of an exported image is available, not a card on the page (a page
    shows the lines as page text: they only size its plot, see `page_chart`).
    """
    texts = [source_line(ctx)]
    if view in MAP_VIEWS:
        texts.append(t("boundary_credit", ctx.lang))
    # Annotations do not wrap: break long lines so they fit a card on screen and the export.
    width = _WRAP_CHARS if wide or view in MAP_VIEWS else _CHART_WRAP_CHARS
    # Thai words are not separated by spaces and a split could part a letter from its vowel or
    # tone mark: break only at spaces, even if a line runs a little long.
    return [part for text in texts
            for part in textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)]


META_KEY = "export_name"
URL_KEY = "export_url"  # where the camera button fetches the server's PNG of this view
IMAGE_ROUTE = "/export/image.png"
BASE_MARGIN_KEY = "caption_base_margin"


# A figure is either a plotly Figure (exports, which kaleido renders) or the plain dict the pages
# send: a dict skips plotly's validation of every property, which cost more than drawing the data.
AnyFigure: TypeAlias = go.Figure | dict[str, Any]
FigureT = TypeVar("FigureT", go.Figure, dict[str, Any])


def _layout_of(fig: AnyFigure) -> dict[str, Any]:
    """The figure's layout as plain data (a copy for a Figure; the dict itself for a dict)."""
    if isinstance(fig, dict):
        layout: dict[str, Any] = fig.setdefault("layout", {})
        return layout
    return fig.layout.to_plotly_json()


def _first_trace_type(fig: AnyFigure) -> str | None:
    data = fig.get("data") if isinstance(fig, dict) else fig.data
    if not data:
        return None
    first = data[0]
    return str(first.get("type")) if isinstance(first, dict) else str(first.type)


def _part(container: Any, key: str) -> dict[str, Any]:
    """container[key] when it is a dict, else {} (plain layouts omit what is unset)."""
    value = container.get(key) if isinstance(container, dict) else None
    return value if isinstance(value, dict) else {}


def _meta(fig: AnyFigure) -> dict[str, Any]:
    """The figure's layout.meta as a dict (plotly allows any JSON there; other values are kept)."""
    meta = fig.get("layout", {}).get("meta") if isinstance(fig, dict) else fig.layout.meta
    return dict(meta) if isinstance(meta, dict) else {}


def _axis_room(layout: dict[str, Any], has_axes: bool) -> int:
    """Pixels a bottom x axis (tick labels, title) takes under the plot, which the caption clears."""
    if not has_axes:
        return 0
    axis = _part(layout, "xaxis")
    if axis.get("side") == "top":
        return 0
    return 66 if _part(axis, "title").get("text") else 30


def _top_axis_room(layout: dict[str, Any], has_axes: bool) -> int:
    """Pixels an x axis drawn above the plot takes (its tick labels), which the subtitle clears."""
    return _TOP_AXIS_PX if has_axes and _part(layout, "xaxis").get("side") == "top" else 0


def caption(fig: FigureT, ctx: CaptionContext, view: str, wide: bool = False) -> FigureT:
    """The figure with its caption added: filters as subtitle, source and credit underneath.

    In place (a copy of a map would copy its whole GeoJSON): pass the fresh figure a builder
    returned, never a shared one. `wide` lays the caption out for an exported image.
    """
    layout = _layout_of(fig)
    has_axes = _first_trace_type(fig) in ("bar", "heatmap")  # a cartesian chart, not a map
    meta = _meta(fig)
    lines = caption_lines(ctx, view, wide)
    margin = _part(layout, "margin")
    # The builder's own margins, remembered so that captioning again does not add up.
    base_t, base_b = meta.get(BASE_MARGIN_KEY) or (margin.get("t") or 0, margin.get("b") or 0)
    # an exported image wraps a long filters line; a page's card sets it as page text (`page_chart`)
    subtitle = (textwrap.wrap(filters_line(ctx, view), _SUBTITLE_WRAP_CHARS, break_long_words=False)
                if wide else [filters_line(ctx, view)])
    top = max(base_t, 48) + 24 + _top_axis_room(layout, has_axes) + _SUBTITLE_LINE_PX * (len(subtitle) - 1)
    below = base_b + _axis_room(layout, has_axes)
    bottom = below + _LINE_PX * len(lines) + _BOTTOM_PAD
    old: list[dict[str, Any]] = [a for a in layout.get("annotations") or [] if a.get("name") != CAPTION_NAME]
    # Charts keep their axis labels left of the plot area (paper x=0): anchor the caption on the
    # right edge there, so it has the labels' width too and stays inside a narrow card.
    side = 1.0 if has_axes else 0.0
    anchor = "right" if side else "left"
    notes: list[dict[str, Any]] = [
        {"name": CAPTION_NAME, "text": html.escape(line), "showarrow": False, "xref": "paper",
         "yref": "paper", "x": side, "y": 0.0, "xanchor": anchor, "yanchor": "top",
         "yshift": -below - 4 - i * _LINE_PX, "font": {"size": CAPTION_SIZE, "color": CAPTION_COLOR},
         "align": anchor,
         "height": _LINE_PX, "valign": "middle"}  # a fixed box: the lines stay evenly spaced
        for i, line in enumerate(lines)
    ]
    changes: dict[str, Any] = {
        "meta": {**meta, META_KEY: export_name(view, ctx.filters, ctx.province_code),
                 URL_KEY: image_url(view, ctx.filters, ctx.province_code),
                 BASE_MARGIN_KEY: [base_t, base_b]},
        "title": {"subtitle": {"text": "<br>".join(html.escape(line) for line in subtitle),
                               "font": {"size": 13, "color": CAPTION_COLOR}},
                  "yref": "container", "y": 0.98, "yanchor": "top"},
        "margin": {"t": top, "b": bottom},
        "annotations": [*old, *notes],
    }
    if isinstance(fig, dict):
        layout.update(meta=changes["meta"], annotations=changes["annotations"],
                      title={**_part(layout, "title"), **changes["title"]},
                      margin={**margin, **changes["margin"]})
    else:
        fig.update_layout(changes)
    return fig


TITLE_ROOM = 48  # the builders' top margins keep this for the title's line
_PAGE_TOP_GAP = 8  # between the page's filters line and the plot (or its legend)
_PAGE_BOTTOM_GAP = 4  # under the plot's axis labels, above the page's caption lines


@dataclass(frozen=True)
class PageChart:
    """A chart as a page shows it: its title and filters line above the plot and its caption lines
    (sample notice, source, boundary credit) under it, all as page text.

    Page text wraps in a narrow card (plotly's lines of SVG text do not, and ran past a phone's edge),
    a screen reader finds the title as a heading, and all of it is on screen from the first paint,
    before plotly has drawn. Exports keep them inside the picture (`caption` with wide=True).
    """

    figure: dict[str, Any]
    title: str
    subtitle: str
    notes: tuple[str, ...]


def plain_text(markup: str) -> str:
    """Plotly's text markup as the words a page shows (a `<br>` is a space, tags and escapes go)."""
    text = re.sub(r"<[^>]*>", " ", re.sub(r"<br\s*/?>", " ", markup, flags=re.IGNORECASE))
    return " ".join(html.unescape(text).split())


def caption_notes(ctx: CaptionContext, view: str) -> tuple[str, ...]:
    """The caption lines as page text says them: the source (and date), and the credit on maps."""
    return (source_line(ctx), *([t("boundary_credit", ctx.lang)] if view in MAP_VIEWS else []))


def page_chart(fig: dict[str, Any], ctx: CaptionContext, view: str) -> PageChart:
    """The page's chart: captioned as an export is, with the title, filters line and caption lines
    taken out of the plot and the room they had given back (the plot area keeps its size)."""
    captioned = caption(fig, ctx, view)
    layout = captioned["layout"]
    title = _part(layout, "title")
    layout.pop("title", None)  # plotly draws no title: nothing of it is sent
    notes = [a for a in layout.pop("annotations", None) or [] if a.get("name") != CAPTION_NAME]
    if notes:
        layout["annotations"] = notes
    has_axes = _first_trace_type(captioned) in ("bar", "heatmap")
    margin = _part(layout, "margin")
    base_t, base_b = _meta(captioned)[BASE_MARGIN_KEY]
    top = max(base_t - TITLE_ROOM, 0) + _PAGE_TOP_GAP + _top_axis_room(layout, has_axes)
    bottom = base_b + _axis_room(layout, has_axes) + _PAGE_BOTTOM_GAP
    if isinstance(layout.get("height"), int | float):
        layout["height"] -= (margin.get("t", 0) - top) + (margin.get("b", 0) - bottom)
    layout["margin"] = {**margin, "t": top, "b": bottom}
    return PageChart(captioned, plain_text(str(title.get("text") or "")), filters_line(ctx, view),
                     caption_notes(ctx, view))


HIGHLIGHT_NAME = "highlight"
HIGHLIGHT_COLOR = "#d7191c"


def highlight_trace(geojson: dict[str, Any], code: str, label: str) -> go.Choropleth:
    """A transparent province drawn over the map with a thick red outline, named in the legend."""
    return go.Choropleth(
        geojson=geojson, featureidkey="id", locations=[code], z=[0], showscale=False,
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        marker={"line": {"color": HIGHLIGHT_COLOR, "width": 4}}, hoverinfo="skip",
        name=label, showlegend=False, uid=HIGHLIGHT_NAME,
    )


def highlight_legend(label: str) -> go.Scattergeo:
    """The legend entry for the red outline (a choropleth's own legend symbol has no outline)."""
    return go.Scattergeo(
        lon=[None], lat=[None], mode="markers", hoverinfo="skip", name=label, showlegend=True,
        marker={"symbol": "square-open", "size": 16, "color": HIGHLIGHT_COLOR, "line": {"width": 3}},
    )


def highlight_province(fig: go.Figure, geojson: dict[str, Any], code: str, label: str) -> go.Figure:
    """The province map with one province outlined in red (in place, like `caption`)."""
    out = fig
    out.add_trace(highlight_trace(geojson, code, label))
    out.add_trace(highlight_legend(label))
    return out


def caption_patch(patch: Patch, ctx: CaptionContext, view: str) -> Patch:
    """Update a figure Patch's PNG file name and image address for new filters.

    The caption lines under the plot do not follow filters (the filters line is page text: see
    `page_chart`). The name travels in layout.meta because a dcc.Graph applies a new `config` only
    when its figure changes too; assets/export.js copies it into the camera button's options when
    the button is pressed.
    """
    patch["layout"]["meta"][META_KEY] = export_name(view, ctx.filters, ctx.province_code)
    patch["layout"]["meta"][URL_KEY] = image_url(view, ctx.filters, ctx.province_code)
    return patch


def image_url(view: str, filters: Filters, province: str | None = None) -> str:
    """The server-rendered PNG of a view for these filters: `/export/image.png?view=map&goal=2`."""
    pairs = [("view", view), *parse_qsl(filters.to_query())]
    if province:
        pairs.append(("province", province))
    return f"{IMAGE_ROUTE}?{urlencode(pairs, safe=',')}"


def _slug_parts(filters: Filters) -> list[str]:
    parts = [str(filters.year)] if filters.year else []
    if filters.goals:
        parts += ["goal", "-".join(str(g) for g in filters.goals)]
    if filters.regions:
        parts += ["region", "-".join(filters.regions)]
    if filters.pilots_only:
        parts.append("pilots")
    if filters.lang != "th":
        parts.append(filters.lang)
    return parts


def export_name(view: str, filters: Filters, province: str | None = None) -> str:
    """A file name stem that says what it is: `sdg-map-completeness-2566-goal-2`."""
    head = ["sdg"] + (["province", province] if province else [])
    what = [view, filters.metric] if view == "map" else [view]
    if province:
        return "-".join([*head, *what, *_slug_parts(filters.replace(regions=(), pilots_only=False))])
    return "-".join([*head, *what, *_slug_parts(filters)])


GRAPH_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "showSendToCloud": False,  # plotly.js 4 shows "Share chart" (an outside site) unless told not to
    "scrollZoom": False,
    "topojsonURL": "/assets/topojson/",
    "modeBarButtons": [["toImage"]],  # what people use: the picture; zoom and pan buttons confused them
}
"""The one dcc.Graph config every page starts from: local topojson, no links off the machine."""

IMAGE_OPTIONS: dict[str, Any] = {
    "format": "png", "filename": "sdg-chart", "width": EXPORT_WIDTH, "height": EXPORT_HEIGHT,
    "scale": EXPORT_SCALE,
}


def with_image_button(base: dict[str, Any], figure: AnyFigure) -> dict[str, Any]:
    """A graph config whose camera button saves a slide-size PNG named as `caption` named it."""
    options: dict[str, Any] = {**IMAGE_OPTIONS}
    name = _meta(figure).get(META_KEY)
    if isinstance(name, str):
        options["filename"] = name
    return {**base, "toImageButtonOptions": options}


# ---------------------------------------------------------------- server-side rendering

_render_lock = threading.Lock()
_started = False


def start_renderer() -> None:
    """Start kaleido's Chromium once per process, seeing Sarabun and the local topojson."""
    global _started
    if _started:
        return
    with _render_lock:
        if _started:
            return
        import kaleido

        # Chromium reads fontconfig's variable when it starts: set it first.
        os.environ.setdefault("FONTCONFIG_FILE", str(FONTCONFIG))
        pio.defaults.topojson = TOPOJSON_DIR.as_uri() + "/"
        # mathjax=False: kaleido would otherwise load MathJax from a CDN into every page.
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        _started = True


def render_unframed(fig: go.Figure) -> bytes:
    """The figure drawn by kaleido inside the white frame `render_png` adds (a PNG of its own)."""
    start_renderer()
    with _render_lock, warnings.catch_warnings():
        # plotly passes Chromium options that a running server cannot take; it says so each call.
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        png: bytes = pio.to_image(fig, format="png", width=EXPORT_WIDTH - 2 * EDGE_PX,
                                  height=EXPORT_HEIGHT - 2 * EDGE_PX, scale=EXPORT_SCALE, validate=False)
    return png


def render_png(fig: go.Figure) -> bytes:
    """The figure as a 1920x1080 PNG rendered on the server (kaleido kept warm between calls).

    Plotly fits colour-bar titles and axis labels exactly to the figure's edge; a white frame
    keeps them off the edge of the picture and of the slide.
    """
    inner = Image.open(io.BytesIO(render_unframed(fig)))
    framed = Image.new("RGB", (PIXEL_WIDTH, PIXEL_HEIGHT), "#ffffff")
    edge = round(EDGE_PX * EXPORT_SCALE)
    framed.paste(inner.convert("RGB"), (edge, edge))
    out = io.BytesIO()
    framed.save(out, format="PNG")
    return out.getvalue()


def count_phrase(n: int, total: int, lang: str) -> str:
    """"7 of 76" / "7 จาก 76", shared by headlines."""
    return t("n_of_total", lang, n=number(n), total=number(total))
