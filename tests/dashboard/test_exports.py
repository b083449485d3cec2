"""Exports on the real ETL build: slide decks, captioned images, CSV/XLSX downloads.

Decks are fetched through the app's own routes (Flask test client) and read back with
python-pptx; images are rendered by kaleido with Debian's Chromium; CSV and XLSX are read back
with pandas and openpyxl.
"""
from __future__ import annotations

import copy
import dataclasses
import io
import struct
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard import figures
from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.exports import captions, downloads, routes, slides
from dashboard.exports.routes import PPTX_TYPE
from dashboard.ui import meeting
from etl.reference import read_reference
from geo import ATTRIBUTION, load_boundaries
from tests.conftest import RAW_DIR, build_db


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


@pytest.fixture
def client(sample_env: Path, dash_app: ModuleType) -> Any:
    """The real app's Flask test client on the sample build."""
    return dash_app.server.test_client()


def slide_texts(slide: Any) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def pictures(slide: Any) -> list[Any]:
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


# ---------------------------------------------------------------- slide decks


def test_overview_deck_has_title_and_one_picture_slide_per_view(client: Any) -> None:
    response = client.get("/export/slides.pptx?lang=en")
    assert response.status_code == 200
    assert response.mimetype == PPTX_TYPE
    assert 'filename="sdg-slides-2566-en.pptx"' in response.headers["Content-Disposition"]
    deck = Presentation(io.BytesIO(response.data))
    assert (deck.slide_width, deck.slide_height) == (slides.SLIDE_WIDTH, slides.SLIDE_HEIGHT)
    title, *views = list(deck.slides)
    title_text = "\n".join(slide_texts(title))
    assert "SAMPLE DATA" in title_text and "FY2566 (2023)" in title_text
    assert len(views) == 5  # map, goals, regions, heatmap, what changed since the previous year
    for slide in views:
        (picture,) = pictures(slide)
        wide = slide is not views[-1]  # the change slide's picture leaves room for the named provinces
        assert not wide or (picture.width, picture.height) == (slides.PICTURE_WIDTH, slides.PICTURE_HEIGHT)
        assert picture.image.size == (1920, 1080)
        assert png_size(picture.image.blob) == (1920, 1080)
        notes = slide.notes_slide.notes_text_frame.text
        assert "Source: Sample data generated" in notes and "Filters: FY2566 (2023)" in notes
    headlines = [slide_texts(slide)[0] for slide in views]
    assert headlines[0] == "7 of 76 provinces submitted plans with all 4 components"
    assert headlines[1].startswith("Goal 2 Zero Hunger has the most projects: 106 of 742")
    assert all(h and "{" not in h for h in headlines)
    change = slide_texts(views[-1])
    assert change[0].startswith("Since 2565: 36 provinces improved their plans, 3 declined, 8 are new")
    lines = "\n".join(change).splitlines()
    assert any(line.startswith("Gained components (36 provinces): ") for line in lines)
    lost = next(line for line in lines if line.startswith("Lost components (3 provinces): "))
    assert len(lost.split(": ", 1)[1].split(", ")) == 3  # named


def test_deck_in_thai_carries_the_thai_warning_and_filters(client: Any) -> None:
    response = client.get("/export/slides.pptx?goal=2&region=north")
    deck = Presentation(io.BytesIO(response.data))
    title_text = "\n".join(slide_texts(deck.slides[0]))
    assert "ข้อมูลตัวอย่าง" in title_text
    assert "ปีงบประมาณ 2566 · เป้าหมาย 2 · ภาค: ภาคเหนือ" in title_text
    assert 'filename="sdg-slides-2566-goal-2-region-north.pptx"' in response.headers["Content-Disposition"]


def _alt(slide: Any) -> str:
    (picture,) = pictures(slide)
    return str(picture._element.nvPicPr.cNvPr.get("descr"))


def test_budget_deck_shows_and_says_budgets(client: Any, snap: db.Snapshot) -> None:
    """measure=budget (the overview's measure switch, kept by the deck link): the goal and region slides
    draw budgets in millions of baht and say so in their findings, titles, captions and alt text."""
    response = client.get("/export/slides.pptx?lang=en&measure=budget")
    assert response.status_code == 200
    _, _, goals, regions, *_ = list(Presentation(io.BytesIO(response.data)).slides)
    filters = queries.resolve_year(snap, Filters(lang="en", measure="budget"))
    by_goal = queries.projects_by_goal(snap, filters)
    top = by_goal.sort_values("budget_thb", ascending=False, kind="stable").iloc[0]
    total = float(by_goal["budget_thb"].sum())
    expected = (f"Goal {int(top['goal'])} {top['short_en']} has the largest budget: "
                f"THB {top['budget_thb'] / 1e6:,.1f} million ({100 * top['budget_thb'] / total:.0f}% "
                f"of all THB {total / 1e6:,.1f} million)")
    assert slide_texts(goals)[0] == expected
    assert "Budget per SDG goal (THB million)" in _alt(goals)
    assert "Bar chart of budget per goal" in _alt(goals)
    assert slide_texts(regions)[0].split(" has the largest budget: THB ")[1].endswith(" million)")
    assert "Budget per region (THB million)" in _alt(regions)
    views = slides.overview_views(snap, captions.caption_context(snap, filters))
    goal_figure = captions.caption(views[1].figure, captions.caption_context(snap, filters), "goals")
    assert list(goal_figure.data[0].x) == [round(v / 1e6, 1) for v in by_goal["budget_thb"]]
    assert goal_figure.layout.title.subtitle.text.endswith("budget in THB million")


def test_budget_deck_for_one_goal_gives_its_share_of_the_whole_budget(client: Any) -> None:
    response = client.get("/export/slides.pptx?goal=13&measure=budget")
    goals = list(Presentation(io.BytesIO(response.data)).slides)[2]
    headline = slide_texts(goals)[0]
    assert headline.startswith("เป้าหมาย 13 การรับมือการเปลี่ยนแปลงสภาพภูมิอากาศ: งบประมาณ ")
    assert "ของงบประมาณทั้งหมด" in headline and "จาก 17 เป้าหมาย" in headline and "100%" not in headline
    assert "งบประมาณตามเป้าหมาย SDG (ล้านบาท)" in _alt(goals)


def test_province_deck_names_the_province(client: Any) -> None:
    response = client.get("/export/slides.pptx?province=50&lang=en")
    assert response.status_code == 200
    assert 'filename="sdg-province-50-slides-2566-en.pptx"' in response.headers["Content-Disposition"]
    deck = Presentation(io.BytesIO(response.data))
    title, *views = list(deck.slides)
    assert "Chiang Mai" in slide_texts(title)[0]
    assert len(views) == 3
    assert all(len(pictures(slide)) == 1 for slide in views)
    assert all(slide_texts(slide)[0].startswith("Chiang Mai") for slide in views)


@pytest.mark.parametrize(("url", "status", "says"), [
    ("/export/slides.pptx?province=99", 404, "99"),
    ("/export/data.csv?province=abc&lang=en", 404, "No province has the code 'abc'"),
    ("/export/data.xlsx?province=" + "9" * 500, 404, "province"),
])
def test_unknown_province_is_a_clear_404(client: Any, url: str, status: int, says: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "text/plain"
    assert says in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["goal=abc&year=-1", "region=mars&pilots=maybe", "year=" + "9" * 10_000,
                                   "goal=" + ",".join(["2"] * 5000), "lang=xx&metric=<script>"])
def test_bad_query_values_fall_back_and_never_fail(client: Any, query: str) -> None:
    response = client.get(f"/export/data.csv?{query}")
    assert response.status_code == 200
    assert 'filename="sdg-projects-2566' in response.headers["Content-Disposition"]


# ---------------------------------------------------------------- images


@pytest.fixture
def map_ctx(snap: db.Snapshot) -> tuple[Any, captions.CaptionContext]:
    filters = queries.resolve_year(snap, Filters(goals=(2,), lang="en"))
    status = queries.province_status(snap, filters)
    settings = figures.MapSettings(lang="en", metric="completeness", goals=(2,), year=filters.year)
    fig = go.Figure(figures.province_map(status, load_boundaries("provinces"), settings))
    return fig, captions.caption_context(snap, filters)


def test_captioned_map_states_title_filters_source_and_attribution(map_ctx: Any) -> None:
    fig, ctx = map_ctx
    out = captions.caption(fig, ctx, "map")
    assert out.layout.title.text == "Completeness of provincial SDG plans · FY2566 (2023)"
    assert out.layout.title.subtitle.text == "FY2566 (2023) · goal 2 · all regions"
    notes = " ".join(a.text for a in out.layout.annotations if a.name == captions.CAPTION_NAME)
    assert "SAMPLE DATA" in notes and "Source: Sample data generated" in notes
    assert "database of " in notes
    assert ATTRIBUTION in notes
    assert out.layout.meta[captions.META_KEY] == "sdg-map-completeness-2566-goal-2-en"
    margin = (out.layout.margin.t, out.layout.margin.b)
    again = captions.caption(out, ctx, "map")
    assert (again.layout.margin.t, again.layout.margin.b) == margin
    assert len([a for a in again.layout.annotations if a.name == captions.CAPTION_NAME]) == \
        len(captions.caption_lines(ctx, "map")), "captioning twice must not stack captions"


@pytest.mark.parametrize("view", ["map", "goals"])
def test_a_page_dict_is_captioned_exactly_like_a_figure(map_ctx: Any, view: str) -> None:
    """Pages caption plain dicts, exports Figures: both must say and place the same things."""
    fig, ctx = map_ctx
    if view == "goals":
        frame = queries.projects_by_goal(db.snapshot(), ctx.filters)
        fig = go.Figure(figures.goal_chart(frame, ctx.lang, ctx.filters.year, "projects"))
    plain = captions.caption(fig.to_plotly_json(), ctx, view)
    captioned = captions.caption(fig, ctx, view).to_plotly_json()["layout"]
    for key in ("meta", "margin", "annotations"):
        assert plain["layout"][key] == captioned[key], key
    assert plain["layout"]["title"] == captioned["title"]
    once = copy.deepcopy(plain["layout"])
    assert captions.caption(plain, ctx, view)["layout"] == once, "captioning twice changes nothing"


def test_caption_text_is_escaped_for_plotly(map_ctx: Any) -> None:
    fig, ctx = map_ctx
    info = dataclasses.replace(ctx.info, source="<a href='http://x'>x</a> & co")
    hostile = dataclasses.replace(ctx, info=info)
    out = captions.caption(fig, hostile, "map")
    notes = " ".join(a.text for a in out.layout.annotations if a.name == captions.CAPTION_NAME)
    assert "&lt;a href=&#x27;http://x&#x27;&gt;x&lt;/a&gt; &amp; co" in notes
    assert "<a" not in notes


def test_server_side_image_is_slide_sized_and_carries_the_caption(map_ctx: Any) -> None:
    fig, ctx = map_ctx
    captioned = captions.caption(fig, ctx, "map")
    png = captions.render_png(captioned)
    assert png_size(png) == (captions.PIXEL_WIDTH, captions.PIXEL_HEIGHT) == (1920, 1080)
    assert "Completeness of provincial SDG plans" in captioned.layout.title.text


def test_graph_config_names_the_png_and_asks_for_slide_size(map_ctx: Any) -> None:
    fig, ctx = map_ctx
    config = captions.with_image_button({"displaylogo": False}, captions.caption(fig, ctx, "map"))
    options = config["toImageButtonOptions"]
    assert config["displaylogo"] is False
    assert options["filename"] == "sdg-map-completeness-2566-goal-2-en"
    assert options["format"] == "png"
    assert options["width"] * options["scale"] >= 1920 and options["height"] * options["scale"] >= 1080
    assert options["width"] * 9 == options["height"] * 16


@pytest.mark.parametrize(("view", "filters", "province", "name"), [
    ("map", Filters(year=2566, goals=(2,)), None, "sdg-map-completeness-2566-goal-2"),
    ("map", Filters(year=2566, metric="projects"), None, "sdg-map-projects-2566"),
    ("goals", Filters(year=2566, regions=("north", "south"), pilots_only=True), None,
     "sdg-goals-2566-region-north-south-pilots"),
    ("heatmap", Filters(year=2566, goals=(1, 11), lang="en"), None, "sdg-heatmap-2566-goal-1-11-en"),
    ("districts", Filters(year=2566, regions=("north",)), "50", "sdg-province-50-districts-2566"),
])
def test_export_names_say_what_the_file_is(view: str, filters: Filters, province: str | None,
                                           name: str) -> None:
    assert captions.export_name(view, filters, province) == name


# ---------------------------------------------------------------- headlines and meeting mode


def test_headlines_follow_the_map_metric(snap: db.Snapshot) -> None:
    for metric, expected in [("completeness", "7 จาก 76 จังหวัดที่ส่งแผน"), ("projects", "มีโครงการมากที่สุด")]:
        filters = queries.resolve_year(snap, Filters(metric=metric))
        ctx = captions.caption_context(snap, filters)
        headline = slides.map_headline(queries.headline(snap, filters).iloc[0],
                                       queries.province_status(snap, filters), ctx)
        assert expected in headline


@pytest.mark.parametrize(("index", "direction", "expected"), [
    (-1, 1, 0), (-1, -1, 14), (0, 1, 1), (14, 1, 0), (0, -1, 14), (None, 1, 0), ("x", 1, 0), (99, -1, 14),
])
def test_meeting_mode_steps_wrap_round_the_pilots(index: Any, direction: int, expected: int) -> None:
    assert meeting.step(index, direction, 15) == expected


def test_first_pilot_is_bangkok(snap: db.Snapshot) -> None:
    pilots = queries.pilot_order(snap, Filters())
    assert len(pilots) == 15
    assert pilots.iloc[0]["name_en"] == "Bangkok"


# ---------------------------------------------------------------- data downloads


@pytest.mark.parametrize(("value", "expected"), [
    ("=cmd()", "'=cmd()"),
    ("+SUM(A1)", "'+SUM(A1)"),
    ("-2+3", "'-2+3"),
    ("@import", "'@import"),
    ("\tTAB", "'\tTAB"),
    ("\rCR", "'\rCR"),
    ("โครงการ =1", "โครงการ =1"),
    ("", ""),
    (-5, -5),
    (1.5, 1.5),
    (None, None),
])
def test_neutralise_table(value: Any, expected: Any) -> None:
    assert downloads.neutralise(value) == expected


def test_csv_has_bom_and_thai_survives_pandas(client: Any) -> None:
    response = client.get("/export/data.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig", dtype=str)
    assert len(frame) == 742
    assert {"จังหวัด (ไทย)", "จังหวัด (อังกฤษ)", "ชื่อโครงการ"} <= set(frame.columns)
    chiang_mai = frame[frame["รหัสจังหวัด"] == "50"]
    assert set(chiang_mai["จังหวัด (ไทย)"]) == {"เชียงใหม่"}
    assert set(chiang_mai["จังหวัด (อังกฤษ)"]) == {"Chiang Mai"}
    assert chiang_mai["ชื่อโครงการ"].str.contains("[ก-๙]", regex=True).all()


def test_csv_rows_carry_their_province_plan_status(client: Any, snap: db.Snapshot) -> None:
    frame = pd.read_csv(io.BytesIO(client.get("/export/data.csv?lang=en").data), encoding="utf-8-sig")
    status = queries.province_status(snap, queries.resolve_year(snap, Filters())).set_index("province_code")
    for code, rows in frame.assign(code=frame["Province code"].map("{:02d}".format)).groupby("code"):
        expected = status.loc[code, "completeness"]
        got = set(rows["Province plan components (of 4)"].dropna())
        assert got == ({int(expected)} if pd.notna(expected) else set()), code
        assert set(rows["Province plan: Annual action plan"].dropna()) <= {True, False}


def test_every_province_deck_states_its_findings(snap: db.Snapshot) -> None:
    filters = queries.resolve_year(snap, Filters(lang="en"))
    for code in read_reference("provinces")["province_code"].astype(str):
        profile = queries.province_profile(snap, filters, code).iloc[0].to_dict()
        ctx = captions.caption_context(snap, filters, profile)
        views = slides.province_views(snap, ctx)
        assert [v.key for v in views] == ["map", "goal-mix", "districts"]
        for view in views:
            opening = view.headline.startswith((str(profile["name_en"]), "No projects"))
            assert opening, (code, view.headline)
            assert "{" not in view.headline and view.figure.data


def test_csv_follows_filters_and_province(client: Any) -> None:
    goal2 = pd.read_csv(io.BytesIO(client.get("/export/data.csv?goal=2&lang=en").data),
                        encoding="utf-8-sig", dtype=str)
    assert len(goal2) == 106 and set(goal2["Goal"]) == {"2"}
    province = pd.read_csv(io.BytesIO(client.get("/export/data.csv?province=50&lang=en").data),
                           encoding="utf-8-sig", dtype=str)
    assert set(province["Province code"]) == {"50"} and len(province) == 68


def test_xlsx_has_projects_plans_and_about_sheets(client: Any) -> None:
    response = client.get("/export/data.xlsx?lang=en&region=north")
    assert response.status_code == 200
    assert 'filename="sdg-projects-2566-region-north-en.xlsx"' in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Projects", "Plan status", "About"]
    plans = list(book["Plan status"].values)
    assert plans[0][:3] == ("Province code", "Province (Thai)", "Province (English)")
    north = read_reference("provinces").query("region_code == 'north'")
    assert sorted(row[0] for row in plans[1:]) == sorted(north["province_code"].astype(str))
    about = [row[0] for row in book["About"].values]
    assert any("SAMPLE DATA" in str(line) for line in about)


@pytest.mark.parametrize("query", ["", "?lang=en&goal=2", "?province=50"])
def test_xlsx_tables_have_a_frozen_header_filters_and_region_names(client: Any, query: str) -> None:
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/export/data.xlsx{query}").data))
    for sheet in book.worksheets[:2]:
        rows = list(sheet.values)
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(rows[0]))}{len(rows)}"
        assert len(rows) > 1
    regions = read_reference("regions")
    names = set(regions["name_th"]) | set(regions["name_en"])
    codes = set(regions["region_code"])
    for sheet in book.worksheets[:2]:
        header, *body = list(sheet.values)
        region_columns = [i for i, name in enumerate(header) if str(name).startswith(("ภาค", "Region"))]
        assert len(region_columns) == 2, header
        values = {row[i] for row in body for i in region_columns}
        assert values <= names and not values & codes


@pytest.fixture
def injected_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The sample with hostile titles written into the database after the build.

    The ETL refuses formula-like names (tests/etl covers that); the exports must still neutralise
    whatever a database holds, so the titles are planted behind the ETL's back."""
    target = build_db(RAW_DIR, tmp_path / "sdg.duckdb")
    hostile = ["-2+3 โครงการทดสอบ", "+SUM(1,2) โครงการทดสอบ", "=cmd()"]
    with duckdb.connect(str(target)) as conn:
        first = conn.execute("SELECT project_id FROM projects WHERE fiscal_year = 2566 "
                             "ORDER BY project_id LIMIT 3").fetchall()
        ids_ = [row[0] for row in first]
        for project_id, title in zip(ids_, hostile, strict=True):
            conn.execute("UPDATE projects SET title = ? WHERE project_id = ?", [title, project_id])
    monkeypatch.setenv(db.DB_ENV, str(target))
    yield target


def test_injected_titles_come_out_neutralised(injected_db: Path, dash_app: ModuleType) -> None:
    client = dash_app.server.test_client()
    frame = pd.read_csv(io.BytesIO(client.get("/export/data.csv").data), encoding="utf-8-sig", dtype=str)
    titles = set(frame["ชื่อโครงการ"])
    assert {"'-2+3 โครงการทดสอบ", "'+SUM(1,2) โครงการทดสอบ", "'=cmd()"} <= titles
    assert not any(t.startswith(downloads.FORMULA_START) for t in frame.astype(str).stack())

    book = openpyxl.load_workbook(io.BytesIO(client.get("/export/data.xlsx").data))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert "'=cmd()" in {cell.value for cell in cells}


@pytest.mark.parametrize(("url", "slots"), [("/export/data.csv?goal=7", "DOWNLOAD_SLOTS"),
                                            ("/export/data.xlsx?goal=7", "DOWNLOAD_SLOTS"),
                                            ("/export/slides.pptx?goal=7", "EXPORT_SLOTS")])
def test_exports_beyond_the_slots_get_429_with_retry_after_and_do_no_work(
        client: Any, url: str, slots: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routes, "DOWNLOAD_WAIT_SECONDS", 0.2)
    semaphore = getattr(routes, slots)
    held = 0
    while semaphore.acquire(blocking=False):  # every slot busy, as under a crowd
        held += 1
    try:
        queries.clear_cache()
        busy = client.get(url + "&lang=en")
        assert busy.status_code == 429
        assert busy.headers["Retry-After"] == str(routes.RETRY_AFTER_SECONDS)
        assert "try again in" in busy.get_data(as_text=True)
        assert len(queries.RESULTS) == 0, "a refused export must not have queried anything"
    finally:
        for _ in range(held):
            semaphore.release()
    assert held >= 1
    assert client.get(url).status_code == 200


def test_busy_renders_never_refuse_a_table_download(client: Any) -> None:
    """Images and decks taking every render slot leave CSV and XLSX downloads alone."""
    held = 0
    while routes.EXPORT_SLOTS.acquire(blocking=False):
        held += 1
    try:
        assert held >= 1
        for url in ("/export/data.csv?goal=7", "/export/data.xlsx?goal=7"):
            assert client.get(url).status_code == 200
        assert client.get("/export/slides.pptx?goal=7").status_code == 429
    finally:
        for _ in range(held):
            routes.EXPORT_SLOTS.release()


def test_a_download_over_its_slots_waits_for_one_instead_of_being_refused(client: Any) -> None:
    held = 0
    while routes.DOWNLOAD_SLOTS.acquire(blocking=False):
        held += 1
    freed = threading.Timer(0.5, routes.DOWNLOAD_SLOTS.release)  # one download ahead finishes
    freed.start()
    try:
        assert client.get("/export/data.csv?goal=7").status_code == 200
    finally:
        freed.join()
        for _ in range(held - 1):
            routes.DOWNLOAD_SLOTS.release()


def test_query_cache_stays_within_its_byte_budget(snap: db.Snapshot) -> None:
    queries.clear_cache()
    for year in (2566,):
        for goal in range(1, 18):
            queries.projects_export(snap, Filters(year=year, goals=(goal,)))
    assert 0 < queries.RESULTS.bytes_used <= queries.RESULTS.max_bytes
