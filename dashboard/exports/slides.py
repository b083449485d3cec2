"""One-click slide decks (python-pptx, 16:9): a title slide, then one slide per view.

Each view slide states its finding in words (computed from the same queries the page uses),
shows the captioned figure rendered on the server (captions.render_png), and carries the
source and the filters in its speaker notes, so a slide lifted out of the deck still says
where it came from.
"""
from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from dashboard import figures
from dashboard.data import db, queries
from dashboard.exports.captions import (
    PIXEL_HEIGHT,
    PIXEL_WIDTH,
    CaptionContext,
    caption,
    count_phrase,
    export_name,
    filters_line,
    highlight_province,
    render_png,
    source_line,
)
from dashboard.exports.text_fit import Fit, fit_text
from dashboard.i18n import COMPONENTS, STRINGS, component_name, fy_label, goal_label, name_col, number, t
from geo import drawing_boundaries, province_districts

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
FONT = "Sarabun"
# Windows has no Sarabun unless it was installed: the theme names fonts every Windows has for Thai
# (Leelawadee UI since Windows 8, Tahoma before it) and Latin, and every run carries the Thai
# character set, so PowerPoint's font substitution picks a Thai font rather than a Latin one.
WINDOWS_THAI_FONT = "Leelawadee UI"
WINDOWS_LATIN_FONT = "Tahoma"
THAI_CHARSET = "-34"  # Windows THAI_CHARSET (222) as OOXML's signed byte
SWISS_VARIABLE_PITCH = "34"
HEADLINE_TOP = Inches(0.2)
HEADLINE_HEIGHT = Inches(1.0)
HEADLINE_SIZES = (28, 16)  # largest and smallest headline size: wrap first, then shrink
BOX_INSET_X = Inches(0.1)
BOX_INSET_Y = Inches(0.05)
# The picture keeps the PNG's 16:9 and fills the room under the headline.
PICTURE_HEIGHT = Inches(6.1)
PICTURE_WIDTH = Emu(round(PICTURE_HEIGHT * PIXEL_WIDTH / PIXEL_HEIGHT))
PICTURE_TOP = Inches(1.25)
WARNING_COLOR = RGBColor(0xB4, 0x23, 0x18)
TEXT_COLOR = RGBColor(0x1F, 0x29, 0x33)
DETAIL_PICTURE_WIDTH = Inches(8.4)  # the change slide's map, with the named provinces beside it
DETAIL_LEFT = Inches(8.9)




@dataclass(frozen=True)
class View:
    """One slide's content: the finding in words and the figure that shows it."""

    key: str
    headline: str
    figure: go.Figure
    details: tuple[str, ...] = ()  # lines beside a narrower picture (the change slide names provinces)


def _share(part: int, total: int) -> str:
    return f"{100 * part / total:.0f}" if total else "0"


# ---------------------------------------------------------------- overview views


CHANGE_NEW = 5  # the change map's class for a plan reported for the first time (figures.CHANGE_COLORS)


def change_headline(status: pd.DataFrame, ctx: CaptionContext, prev_year: int | None) -> str:
    """The change map in words: provinces that gained components, lost some, or are new this year."""
    if prev_year is None:
        return t("slide_hl_change_first", ctx.lang)
    change = status.loc[status["selected"].astype(bool), "change"].dropna().astype(int)
    return t("slide_hl_change", ctx.lang, prev=prev_year, gained=int(change.between(1, 4).sum()),
             lost=int(change.between(-4, -1).sum()), new=int((change == CHANGE_NEW).sum()))


def map_headline(head: pd.Series, status: pd.DataFrame, ctx: CaptionContext,
                 prev_year: int | None = None) -> str:
    """Completeness: "7 of 76 provinces submitted complete plans"; counts: the busiest province;
    change: how many provinces gained or lost components since the previous year."""
    lang, metric = ctx.lang, ctx.filters.metric
    if metric == "completeness":
        count = count_phrase(int(head["complete_plans"]), int(head["provinces_reported"]), lang)
        return t("slide_hl_complete", lang, count=count, total=len(COMPONENTS))
    if metric == "change":
        return change_headline(status, ctx, prev_year)
    column = "goal_projects" if metric == "goal_projects" else "projects"
    chosen = status[status["selected"].astype(bool)]
    if chosen.empty or int(chosen[column].max()) == 0:
        return t("slide_hl_no_projects", lang)
    top = chosen.sort_values([column, "province_code"], ascending=[False, True]).iloc[0]
    with_any = int((chosen[column] > 0).sum())
    return t("slide_hl_most_projects", lang, name=top["name_en" if lang == "en" else "name_th"],
              n=number(top[column]), count=count_phrase(with_any, len(chosen), lang))


def _rank(values: pd.Series, value: float) -> int:
    """1 for the largest value; ties share a rank."""
    return 1 + int((values > value).sum())


def _millions(baht: float) -> str:
    """Baht as the budget charts show them: millions with one decimal."""
    return f"{baht / 1_000_000:,.1f}"


def budget_headline(frame: pd.DataFrame, kind: str, name: Callable[[pd.Series], str],
                    chosen_filter: tuple[object, ...], ctx: CaptionContext) -> str:
    """A budget deck's goal or region finding (`kind`: "goal" or "region"): the largest budget and its
    share of the whole budget; one chosen item gets its share and rank, never a share of itself."""
    lang = ctx.lang
    chosen = frame[frame["selected"].astype(bool)]
    total = float(frame["budget_thb"].sum())
    if float(chosen["budget_thb"].sum()) == 0:
        return t("slide_hl_no_budget", lang)
    top = chosen.sort_values("budget_thb", ascending=False, kind="stable").iloc[0]
    amount = float(top["budget_thb"])
    values = {"name": name(top), "amount": _millions(amount), "share": _share(round(amount), round(total)),
              "total": _millions(total)}
    if not chosen_filter:
        return t(f"slide_hl_top_{kind}_budget", lang, **values)
    if len(chosen) == 1:
        return t(f"slide_hl_{kind}_budget_share", lang, rank=_rank(frame["budget_thb"], amount),
                 count=len(frame), **values)
    return t(f"slide_hl_top_chosen_{kind}_budget", lang, **values)


def goals_headline(by_goal: pd.DataFrame, ctx: CaptionContext) -> str:
    """The goal with the most projects and its share of all projects (of every goal).

    With one goal chosen, its share of all projects and its rank among the goals; with some
    goals chosen, the leading one's share of all projects: never a goal's share of itself.
    A budget deck says the same of budgets.
    """
    lang = ctx.lang
    if ctx.filters.measure == "budget":
        return budget_headline(by_goal, "goal", lambda row: goal_label(row["goal"], row["short_th"],
                                                                        row["short_en"], lang),
                               ctx.filters.goals, ctx)
    chosen = by_goal[by_goal["selected"].astype(bool)]
    total = int(by_goal["projects"].sum())
    if int(chosen["projects"].sum()) == 0:
        return t("slide_hl_no_projects", lang)
    top = chosen.sort_values(["projects", "goal"], ascending=[False, True]).iloc[0]
    label = goal_label(top["goal"], top["short_th"], top["short_en"], lang)
    n = int(top["projects"])
    if not ctx.filters.goals:
        return t("slide_hl_top_goal", lang, goal=label, count=count_phrase(n, total, lang),
                 share=_share(n, total))
    if len(chosen) == 1:
        return t("slide_hl_goal_share", lang, goal=label, n=number(n), share=_share(n, total),
                 total=number(total), rank=_rank(by_goal["projects"], n), goals=len(by_goal))
    return t("slide_hl_top_chosen_goal", lang, goal=label, n=number(n), share=_share(n, total),
             total=number(total))


def regions_headline(by_region: pd.DataFrame, ctx: CaptionContext) -> str:
    """The region with the most projects (or budget) and its share of the projects in all regions."""
    lang = ctx.lang
    if ctx.filters.measure == "budget":
        return budget_headline(by_region, "region", lambda row: str(row[name_col(lang)]), ctx.filters.regions,
                               ctx)
    chosen = by_region[by_region["selected"].astype(bool)]
    total = int(by_region["projects"].sum())
    if int(chosen["projects"].sum()) == 0:
        return t("slide_hl_no_projects", lang)
    top = chosen.sort_values(["projects", "sort_order"], ascending=[False, True]).iloc[0]
    name = top["name_en" if lang == "en" else "name_th"]
    n = int(top["projects"])
    if not ctx.filters.regions:
        return t("slide_hl_top_region", lang, region=name, count=count_phrase(n, total, lang),
                 share=_share(n, total))
    if len(chosen) == 1:
        return t("slide_hl_region_share", lang, region=name, n=number(n), share=_share(n, total),
                 total=number(total), rank=_rank(by_region["projects"], n), regions=len(by_region))
    return t("slide_hl_top_chosen_region", lang, region=name, n=number(n), share=_share(n, total),
             total=number(total))


def heatmap_headline(cells: pd.DataFrame, by_region: pd.DataFrame, ctx: CaptionContext) -> str:
    """The goal and region with the most projects; a single cell against its goal in all regions."""
    if cells.empty or int(cells["projects"].max()) == 0:
        return t("slide_hl_no_projects", ctx.lang)
    top = cells.sort_values("projects", ascending=False, kind="stable").iloc[0]
    goal = goal_label(top["goal"], top["short_th"], top["short_en"], ctx.lang)
    region = top["name_en" if ctx.lang == "en" else "name_th"]
    if len(cells) == 1:  # one goal in one region: by_region holds that goal in every region
        n, total = int(top["projects"]), int(by_region["projects"].sum())
        return t("slide_hl_cell_share", ctx.lang, goal=goal, region=region, n=number(n),
                 share=_share(n, total), total=number(total))
    return t("slide_hl_top_cell", ctx.lang, goal=goal, region=region, n=number(top["projects"]))


def overview_views(snap: db.Snapshot, ctx: CaptionContext) -> list[View]:
    """Map, goals, regions, heatmap: the overview's figures with their findings."""
    f, lang = ctx.filters, ctx.lang
    status = queries.province_status(snap, f)
    head = queries.headline(snap, f).iloc[0]
    by_goal = queries.projects_by_goal(snap, f)
    by_region = queries.projects_by_region(snap, f)
    cells = queries.goal_region_counts(snap, f)
    settings = figures.MapSettings(lang=lang, metric=f.metric, goals=f.goals, year=f.year,
                                   prev_year=queries.previous_year(snap, f))
    return [
        View("map", map_headline(head, status, ctx, settings.prev_year),
             go.Figure(figures.province_map(status, drawing_boundaries("provinces"), settings))),
        View("goals", goals_headline(by_goal, ctx),
             go.Figure(figures.goal_chart(by_goal, lang, f.year, f.measure))),
        View("regions", regions_headline(by_region, ctx),
             go.Figure(figures.region_chart(by_region, lang, f.year, f.measure))),
        View("heatmap", heatmap_headline(cells, by_region, ctx),
             go.Figure(figures.goal_region_heatmap(cells, lang, f.year))),
        change_view(snap, ctx),
    ]


def change_view(snap: db.Snapshot, ctx: CaptionContext) -> View:
    """What changed since the previous fiscal year: the change map, with the provinces that gained
    components, lost some or sent a plan for the first time named beside it."""
    f, lang = ctx.filters, ctx.lang
    prev = queries.previous_year(snap, f)
    status = queries.province_status(snap, f)
    settings = figures.MapSettings(lang=lang, metric="change", goals=f.goals, year=f.year, prev_year=prev)
    figure = go.Figure(figures.province_map(status, drawing_boundaries("provinces"), settings))
    if prev is None:
        return View("change", t("slide_change_first", lang, year=f.year), figure)
    kept = status[status["selected"].astype(bool)]
    names = {label: [str(n) for n in kept.loc[kept["progress"] == label, name_col(lang)]]
             for label in ("improved", "declined", "new")}
    details = tuple(
        t(key, lang, n=len(names[label]), names=", ".join(names[label]) or t("slide_change_none", lang))
        for key, label in (("slide_change_gained", "improved"), ("slide_change_lost", "declined"),
                           ("slide_change_new", "new")))
    headline = t("slide_change_headline", lang, prev=prev, up=len(names["improved"]),
                 down=len(names["declined"]), new=len(names["new"]))
    return View("change", headline, figure, details)


# ---------------------------------------------------------------- province views


def plan_headline(profile: pd.Series, ctx: CaptionContext) -> str:
    """How many of the four plan components the province has, and which are missing."""
    lang, name = ctx.lang, str(ctx.province_name)
    if pd.isna(profile["completeness"]):
        return t("slide_hl_province_not_assessed", lang, name=name, n=number(profile["projects"]))
    missing = [component_name(c, lang) for c in COMPONENTS if not bool(profile[c])]
    tail = t("slide_hl_province_missing", lang, items=", ".join(missing)) if missing else ""
    return t("slide_hl_province_plan", lang, name=name, n=int(profile["completeness"]), missing=tail,
             total=len(COMPONENTS))


def goal_mix_headline(profile: pd.Series, mix: pd.DataFrame, ctx: CaptionContext) -> str:
    """Projects, goals covered and the leading goal of the province."""
    lang = ctx.lang
    if int(mix["province_projects"].sum()) == 0:
        return t("slide_hl_no_projects", lang)
    top = mix.sort_values(["province_projects", "goal"], ascending=[False, True]).iloc[0]
    return t("slide_hl_province_goal", lang, name=ctx.province_name, n=number(profile["projects"]),
              goals=number(profile["goals_covered"]),
              goal=goal_label(top["goal"], top["short_th"], top["short_en"], lang),
              top=number(top["province_projects"]))


def districts_headline(programme: pd.DataFrame, ctx: CaptionContext) -> str:
    """District-programme projects and how many of the province's districts have one."""
    if ctx.is_bangkok:
        return t("slide_hl_bangkok_districts", ctx.lang, total=number(len(programme)))
    counts = programme["projects"]
    with_any = int((counts > 0).sum())
    return t("slide_hl_province_districts", ctx.lang, name=ctx.province_name, n=number(counts.sum()),
              d=number(with_any), total=number(len(programme)))


def province_views(snap: db.Snapshot, ctx: CaptionContext) -> list[View]:
    """The province page's views: its place on the national map, goal mix, district programme."""
    f, lang, code = ctx.filters, ctx.lang, str(ctx.province_code)
    profile = queries.province_profile(snap, f, code).iloc[0]
    status = queries.province_status(snap, f)
    settings = figures.MapSettings(lang=lang, metric="completeness", year=f.year)
    mix = queries.goal_mix(snap, f, code)
    region = str(profile["region_en" if lang == "en" else "region_th"])
    labels = figures.MixLabels(province=str(ctx.province_name), region=region,
                               country=t("slide_country", lang))
    programme = queries.district_programme(snap, f, code)
    categories = queries.district_category_counts(snap, f, code)
    return [
        View("map", plan_headline(profile, ctx),
             highlight_province(
                 go.Figure(figures.province_map(status, drawing_boundaries("provinces"), settings)),
                 drawing_boundaries("provinces"), code, str(ctx.province_name))),
        View("goal-mix", goal_mix_headline(profile, mix, ctx),
             go.Figure(figures.goal_mix_chart(mix, labels, lang, f.year))),
        View("districts", districts_headline(programme, ctx),
             go.Figure(figures.district_map(programme, province_districts(code), categories, lang, f.year,
                                            "district_title_bkk" if ctx.is_bangkok else "district_title"))),
    ]


# ---------------------------------------------------------------- the deck


def _style(run_font: object, size: int, bold: bool = False, color: RGBColor = TEXT_COLOR) -> None:
    """Sarabun for Latin and Thai (PowerPoint takes Thai from the complex-script font)."""
    font = run_font
    font.size = Pt(size)  # type: ignore[attr-defined]
    font.bold = bold  # type: ignore[attr-defined]
    font.name = FONT  # type: ignore[attr-defined]
    font.color.rgb = color  # type: ignore[attr-defined]
    rpr = font._rPr  # type: ignore[attr-defined]
    for tag in ("a:latin", "a:ea", "a:cs"):
        node = rpr.find(qn(tag))
        if node is None:
            node = etree.SubElement(rpr, qn(tag))
        node.set("typeface", FONT)
        node.set("pitchFamily", SWISS_VARIABLE_PITCH)
        node.set("charset", THAI_CHARSET)


def _text(slide: Slide, text: str, top: Length, height: Length, size: int, bold: bool = False,
          color: RGBColor = TEXT_COLOR, smallest: int | None = None) -> Fit:
    """A text box across the slide; the text wraps, then shrinks (down to `smallest`) to fit it."""
    width = Emu(SLIDE_WIDTH - Inches(1.0))
    box = slide.shapes.add_textbox(Inches(0.5), top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = BOX_INSET_X
    frame.margin_top = frame.margin_bottom = BOX_INSET_Y
    fit = fit_text(text, Emu(width - 2 * BOX_INSET_X).pt, Emu(height - 2 * BOX_INSET_Y).pt, size,
                   smallest or round(size * 0.6), bold)
    run = frame.paragraphs[0].add_run()
    run.text = text
    _style(run.font, fit.size, bold, color)
    return fit


def name_windows_fonts(deck: PresentationType) -> None:
    """Theme fonts: Sarabun first for Latin, Windows' own Thai font for complex scripts and Thai."""
    theme = deck.slide_masters[0].part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for scheme in root.iter(qn("a:majorFont"), qn("a:minorFont")):
        scheme.find(qn("a:latin")).set("typeface", FONT)
        scheme.find(qn("a:cs")).set("typeface", WINDOWS_THAI_FONT)
        for script in scheme.iter(qn("a:font")):
            if script.get("script") == "Thai":
                script.set("typeface", WINDOWS_THAI_FONT)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _notes(slide: Slide, ctx: CaptionContext, extra: str = "") -> None:
    frame = slide.notes_slide.notes_text_frame
    assert frame is not None, "python-pptx always gives a notes slide a text frame"
    text = t("slide_notes", ctx.lang, source=ctx.info.source_in(ctx.lang), filters=filters_line(ctx),
              built=ctx.info.built_in(ctx.lang))
    frame.text = f"{text}\n{extra}" if extra else text


def title_slide(deck: PresentationType, ctx: CaptionContext) -> Slide:
    """Title, fiscal year, filters, the database's date, and the sample warning while the data is sample.

    The date is the database's, not the day of export: a deck shows what the data said then."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    lang = ctx.lang
    title = t("slide_deck_title", lang)
    if ctx.province_name:
        title = f"{ctx.place('slide_deck_province')} · {title}"
    _text(slide, title, Inches(1.6), Inches(1.2), 40, bold=True)
    if ctx.filters.year:
        _text(slide, fy_label(ctx.filters.year, lang), Inches(2.9), Inches(0.7), 28)
    _text(slide, filters_line(ctx), Inches(3.7), Inches(0.9), 20)
    _text(slide, t("slide_data_of", lang, built=ctx.info.built_in(lang)),
          Inches(4.6), Inches(0.6), 18)
    _text(slide, t("app_subtitle", lang), Inches(5.2), Inches(0.6), 18)
    if ctx.info.is_sample:
        _text(slide, t("slide_sample", lang), Inches(6.1), Inches(0.8), 22, bold=True, color=WARNING_COLOR)
    _notes(slide, ctx)
    return slide


def alt_text(view: View, figure: go.Figure, ctx: CaptionContext) -> str:
    """What the picture shows, for screen readers: the kind of chart, its title, the filters, the finding."""
    title = re.sub(r"<[^>]+>", " ", html.unescape(str(figure.layout.title.text or ""))).strip()
    kind = f"slide_alt_{view.key.replace('-', '_')}"
    if ctx.is_bangkok and view.key == "districts":
        kind += "_bkk"
    if ctx.filters.measure == "budget" and f"{kind}_budget" in STRINGS:
        kind += "_budget"
    return t("slide_alt", ctx.lang, kind=t(kind if kind in STRINGS else "slide_alt_chart", ctx.lang),
             title=title, filters=filters_line(ctx), finding=view.headline)


def view_slide(deck: PresentationType, view: View, ctx: CaptionContext,
               render: Callable[[go.Figure], bytes]) -> Slide:
    """The finding as the headline, the captioned figure as a 16:9 picture, notes with the source."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text(slide, view.headline, HEADLINE_TOP, HEADLINE_HEIGHT, HEADLINE_SIZES[0], bold=True,
          smallest=HEADLINE_SIZES[1])
    figure = caption(view.figure, ctx, view.key, wide=True)
    png = render(figure)
    width: Length = PICTURE_WIDTH
    height: Length = PICTURE_HEIGHT
    left: Length = Emu((SLIDE_WIDTH - PICTURE_WIDTH) // 2)
    if view.details:  # a narrower picture on the left, the named provinces on the right
        width, height, left = DETAIL_PICTURE_WIDTH, Emu(round(DETAIL_PICTURE_WIDTH * 9 / 16)), Inches(0.3)
        details_box(slide, view.details)
    picture = slide.shapes.add_picture(io.BytesIO(png), left, PICTURE_TOP, width, height)
    picture._element.nvPicPr.cNvPr.set("descr", alt_text(view, figure, ctx))
    _notes(slide, ctx, view.headline)
    return slide


def details_box(slide: Slide, lines: tuple[str, ...]) -> None:
    """The change slide's named provinces: one paragraph per group, in a column right of the picture."""
    box = slide.shapes.add_textbox(DETAIL_LEFT, PICTURE_TOP, Emu(SLIDE_WIDTH - DETAIL_LEFT - Inches(0.3)),
                                   Inches(5.9))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(8)
        run = paragraph.add_run()
        run.text = line
        _style(run.font, 12)


def build_deck(views: list[View], ctx: CaptionContext,
               render: Callable[[go.Figure], bytes] = render_png) -> bytes:
    """The whole deck as .pptx bytes: a title slide, then one slide per view."""
    deck = Presentation()
    deck.slide_width = SLIDE_WIDTH
    deck.slide_height = SLIDE_HEIGHT
    deck.core_properties.title = t("slide_deck_title", ctx.lang)
    deck.core_properties.comments = source_line(ctx)[:255]  # OOXML core properties hold 255 characters
    name_windows_fonts(deck)
    title_slide(deck, ctx)
    for view in views:
        view_slide(deck, view, ctx, render)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def deck_filename(ctx: CaptionContext) -> str:
    """`sdg-slides-2566.pptx`, `sdg-province-50-slides-2566.pptx`."""
    return f"{export_name('slides', ctx.filters, ctx.province_code)}.pptx"
