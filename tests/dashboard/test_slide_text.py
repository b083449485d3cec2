"""Slide decks read right: every text fits its box by Sarabun's own metrics, filtered decks state
shares of all projects (never a goal's 100% of itself), pictures say what they show, the theme
names Windows' Thai font, and Bangkok is spoken of as Bangkok (เขต, not จังหวัด or อำเภอ).
Decks come from the real app's route and are read back with python-pptx."""
from __future__ import annotations

import io
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu

from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.exports import captions, slides
from dashboard.exports.text_fit import fit_text, fits, line_height, text_width, wrap
from dashboard.i18n import t
from etl.reference import read_reference

FILTERED = ["", "lang=en", "goal=2", "goal=2&lang=en", "goal=2,5&lang=en", "region=north",
            "region=north&lang=en",
            "region=north,south", "pilots=1&lang=en", "goal=2&region=north", "goal=2&region=north&lang=en",
            "province=10", "province=10&lang=en", "province=50&lang=en", "province=96",
            "metric=projects&goal=13", "metric=change&lang=en", "metric=change&region=north"]


@pytest.fixture(scope="module")
def decks(sample_db: Path, dash_app: ModuleType) -> dict[str, bytes]:
    """Every deck these tests read, fetched once through the app's route (each renders its charts)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(db.DB_ENV, str(sample_db))
        client = dash_app.server.test_client()
        answers = {query: client.get(f"/export/slides.pptx?{query}") for query in FILTERED}
    assert all(a.status_code == 200 for a in answers.values())
    return {query: answer.data for query, answer in answers.items()}


def presentation_lang(query: str) -> str:
    return "en" if "lang=en" in query else "th"


def deck(decks: dict[str, bytes], query: str) -> Any:
    return Presentation(io.BytesIO(decks[query]))


def headlines(presentation: Any) -> list[str]:
    slides_ = list(presentation.slides)[1:]
    return [next(s for s in slide.shapes if s.has_text_frame).text_frame.text for slide in slides_]


def text_boxes(presentation: Any) -> list[Any]:
    return [shape for slide in presentation.slides for shape in slide.shapes if shape.has_text_frame]


@pytest.mark.parametrize("query", FILTERED)
def test_every_text_fits_its_box(decks: dict[str, bytes], query: str) -> None:
    for shape in text_boxes(deck(decks, query)):
        frame = shape.text_frame
        (run,) = frame.paragraphs[0].runs
        width = Emu(shape.width - frame.margin_left - frame.margin_right).pt
        height = Emu(shape.height - frame.margin_top - frame.margin_bottom).pt
        size, bold = run.font.size.pt, bool(run.font.bold)
        lines = wrap(frame.text, width, size, bold)
        assert fits(lines, width, height, size, bold), (query, frame.text, size, lines)
        assert frame.word_wrap is True


def test_a_long_thai_headline_wraps_then_shrinks() -> None:
    text = ("เป้าหมาย 16 สังคมสงบสุข ยุติธรรม และสถาบันเข้มแข็ง: 52 โครงการ "
            "คิดเป็น 7% ของโครงการทั้งหมด 742 โครงการ ") * 2
    width, height = 873.6, 64.8
    fit = fit_text(text, width, height, 28, 12, bold=True)
    assert fit.size < 28 and len(fit.lines) > 1
    assert all(text_width(line, fit.size, True) <= width for line in fit.lines)
    assert len(fit.lines) * line_height(fit.size, True) <= height
    bigger = fit.size + 1
    assert not fits(wrap(text, width, bigger, True), width, height, bigger, True), "not the largest that fits"


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_province_headline_fits_the_headline_box(snap: db.Snapshot, lang: str) -> None:
    filters = queries.resolve_year(snap, Filters(lang=lang))
    width = Emu(slides.SLIDE_WIDTH - slides.Inches(1.0) - 2 * slides.BOX_INSET_X).pt
    height = Emu(slides.HEADLINE_HEIGHT - 2 * slides.BOX_INSET_Y).pt
    largest, smallest = slides.HEADLINE_SIZES
    for code in read_reference("provinces")["province_code"].astype(str):
        profile = queries.province_profile(snap, filters, code).iloc[0].to_dict()
        for view in slides.province_views(snap, captions.caption_context(snap, filters, profile)):
            fit = fit_text(view.headline, width, height, largest, smallest, bold=True)
            assert fits(fit.lines, width, height, fit.size, True), (code, view.headline)


def _projects(snap: db.Snapshot, **query: str) -> tuple[dict[int, int], int]:
    by_goal = queries.projects_by_goal(snap, queries.resolve_year(snap, Filters.from_query(query)))
    counts = dict(zip(by_goal["goal"].astype(int), by_goal["projects"].astype(int), strict=True))
    return counts, sum(counts.values())


def test_a_deck_filtered_to_one_goal_gives_its_share_of_all_projects(decks: dict[str, bytes],
                                                                       snap: db.Snapshot) -> None:
    counts, total = _projects(snap)
    share = round(100 * counts[2] / total)
    goal_line = headlines(deck(decks, "goal=2&lang=en"))[1]
    assert goal_line.startswith(f"Goal 2 Zero Hunger: {counts[2]} projects, {share}% of all {total} projects")
    assert "100%" not in goal_line and f"{counts[2]} of {counts[2]}" not in goal_line
    thai = headlines(deck(decks, "goal=2"))[1]
    assert f"{share}% ของโครงการทั้งหมด {total} โครงการ" in thai


def test_filtered_decks_never_state_a_share_of_itself(decks: dict[str, bytes]) -> None:
    for query in FILTERED:
        for line in headlines(deck(decks, query)):
            assert "(100%)" not in line and "100% of" not in line and "100% ของ" not in line, (query, line)
            assert "{" not in line and line.strip(), (query, line)


def test_one_region_and_one_cell_are_set_against_all_regions(decks: dict[str, bytes],
                                                              snap: db.Snapshot) -> None:
    _, total = _projects(snap)
    north_counts, north = _projects(snap, region="north")
    lines = headlines(deck(decks, "region=north&lang=en"))
    share = round(100 * north / total)
    assert lines[2].startswith(f"North: {north} projects, {share}% of all {total} projects")
    goal2 = _projects(snap, goal="2")[0][2]
    cell = headlines(deck(decks, "goal=2&region=north&lang=en"))[3]
    share = round(100 * north_counts[2] / goal2)
    assert cell == (f"Goal 2 Zero Hunger in North: {north_counts[2]} projects, {share}% of the goal's "
                    f"{goal2} projects in all regions")


@pytest.mark.parametrize("query", ["lang=en", "goal=2", "province=50&lang=en", "province=10", "province=96"])
def test_pictures_say_what_they_show(decks: dict[str, bytes], query: str) -> None:
    presentation = deck(decks, query)
    for slide, headline in zip(list(presentation.slides)[1:], headlines(presentation), strict=True):
        (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        alt = picture._element.nvPicPr.cNvPr.get("descr")
        assert alt and alt.endswith(headline) and len(alt) > len(headline) + 30, alt
        generic = t("slide_alt_chart", presentation_lang(query)) + ":"
        assert not alt.startswith(generic), "every view names its kind of chart"


def test_the_deck_names_windows_thai_fonts_as_fallback(decks: dict[str, bytes]) -> None:
    presentation = deck(decks, "")
    theme = etree.fromstring(presentation.slide_masters[0].part.part_related_by(RT.THEME).blob)
    for scheme in (theme.find(f".//{qn('a:majorFont')}"), theme.find(f".//{qn('a:minorFont')}")):
        assert scheme.find(qn("a:latin")).get("typeface") == "Sarabun"
        assert scheme.find(qn("a:cs")).get("typeface") == slides.WINDOWS_THAI_FONT == "Leelawadee UI"
        thai = [f.get("typeface") for f in scheme.iter(qn("a:font")) if f.get("script") == "Thai"]
        assert thai == ["Leelawadee UI"]
    for shape in text_boxes(presentation):
        rpr = shape.text_frame.paragraphs[0].runs[0].font._rPr
        for tag in ("a:latin", "a:ea", "a:cs"):
            node = rpr.find(qn(tag))
            assert node.get("typeface") == "Sarabun" and node.get("charset") == slides.THAI_CHARSET


def test_bangkok_deck_speaks_of_bangkok_and_its_khet(decks: dict[str, bytes]) -> None:
    presentation = deck(decks, "province=10")
    texts = [shape.text_frame.text for shape in text_boxes(presentation)]
    texts += [slide.notes_slide.notes_text_frame.text for slide in presentation.slides]
    texts += [shape._element.nvPicPr.cNvPr.get("descr") for slide in presentation.slides
              for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    joined = "\n".join(texts)
    assert "อำเภอ" not in joined and "จังหวัดกรุงเทพ" not in joined
    assert "50 เขต" in joined and texts[0].startswith("กรุงเทพมหานคร · ")
    english = "\n".join(shape.text_frame.text for shape in text_boxes(deck(decks, "province=10&lang=en")))
    assert "Bangkok province" not in english and "50 districts (khet)" in english
    assert "Chiang Mai province" in deck(decks, "province=50&lang=en").slides[0].shapes[0].text_frame.text


def test_bangkok_page_speaks_of_khet(sample_env: Path, dash_app: ModuleType) -> None:
    from dashboard.pages import province

    for lang in ("th", "en"):
        page = str(province.layout(code="10", lang=lang).to_plotly_json())
        assert "อำเภอ" not in page and "จังหวัดกรุงเทพ" not in page and "amphoe" not in page
        assert t("prov_stat_district_bkk", lang) in page and t("district_title_bkk", lang) in page
    assert t("prov_stat_district", "th") in str(province.layout(code="50").to_plotly_json())


@pytest.mark.parametrize("query", ["metric=change&lang=en", "metric=change&region=north"])
def test_a_change_map_deck_says_what_changed(decks: dict[str, bytes], snap: db.Snapshot,
                                             query: str) -> None:
    query_values = dict(pair.split("=") for pair in query.split("&"))
    filters = queries.resolve_year(snap, Filters.from_query(query_values))
    status = queries.province_status(snap, filters)
    change = status.loc[status["selected"].astype(bool), "change"].dropna().astype(int)
    prev = queries.previous_year(snap, filters)
    assert prev is not None
    expected = t("slide_hl_change", filters.lang, prev=prev, gained=int(change.between(1, 4).sum()),
                 lost=int(change.between(-4, -1).sum()), new=int((change == 5).sum()))
    assert headlines(deck(decks, query))[0] == expected
    assert int(change.between(1, 4).sum()) > 0, "the sample has provinces that gained components"
