"""The subset web fonts: what the committed files hold is what scripts/subset_fonts.py makes, each
@font-face claims exactly the characters its file has, and the interface's text is all covered."""
from __future__ import annotations

import importlib.util
import re
import unicodedata
from pathlib import Path
from types import ModuleType

from fontTools.ttLib import TTFont

from dashboard.i18n import STRINGS

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
FACE_RE = re.compile(r'url\("(fonts/[^"]+\.woff2)"\).*?unicode-range:\s*([^;]+);', re.S)
THAI_BLOCK = range(0x0E00, 0x0E80)


def subset_script() -> ModuleType:
    """scripts/ is not a package: load the build script from its file."""
    spec = importlib.util.spec_from_file_location("subset_fonts", ROOT / "scripts" / "subset_fonts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def declared_faces() -> dict[str, set[int]]:
    """woff2 path (relative to assets/) -> the code points its @font-face unicode-range claims."""
    faces: dict[str, set[int]] = {}
    for url, ranges in FACE_RE.findall((ASSETS / "00-fonts.css").read_text(encoding="utf-8")):
        points: set[int] = set()
        for part in ranges.split(","):
            low, _, high = part.strip().removeprefix("U+").partition("-")
            points.update(range(int(low, 16), int(high or low, 16) + 1))
        faces[url] = points
    return faces


def cmap(relative: str) -> set[int]:
    return set(TTFont(str(ASSETS / relative)).getBestCmap())


def test_committed_fonts_are_what_the_script_builds(tmp_path: Path) -> None:
    """Nobody hand-edited a font or the stylesheet, and `make fonts` reproduces them byte for byte."""
    sizes = subset_script().build(tmp_path)
    assert len(sizes) == 3
    assert (tmp_path / "00-fonts.css").read_text(encoding="utf-8") == \
        (ASSETS / "00-fonts.css").read_text(encoding="utf-8")
    for name in sizes:
        assert (tmp_path / "fonts" / name).read_bytes() == (ASSETS / "fonts" / name).read_bytes(), name


def test_each_unicode_range_is_exactly_what_its_file_has() -> None:
    """A range wider than the file would hide a fallback font behind missing glyphs (boxes)."""
    faces = declared_faces()
    assert len(faces) == 3
    for url, points in faces.items():
        assert points == cmap(url), url


def test_fonts_cover_every_non_thai_letter_digit_and_punctuation_the_interface_writes() -> None:
    """Symbols Sarabun does not draw (stars, circles, check marks, triangles) fall back to a system
    font, as declared; everything else must come from the web fonts in every weight."""
    written = {ch for pair in STRINGS.values() for text in pair for ch in text}
    needed = {ord(ch) for ch in written
              if ord(ch) not in THAI_BLOCK and ch.isprintable() and unicodedata.category(ch) != "So"}
    assert ord("→") in needed and ord("·") in needed  # the check reads real text
    for weight in (400, 600, 700):
        url = f"fonts/sarabun-{weight}-normal.woff2"
        missing = needed - cmap(url)
        assert not missing, f"{url} lacks {[chr(p) for p in sorted(missing)]}"


def test_fonts_keep_every_thai_character_and_the_stacking_features() -> None:
    """Tone marks sit above upper vowels and below-base forms swap in only through GSUB/GPOS."""
    for weight in (400, 600, 700):
        font = TTFont(str(ASSETS / f"fonts/sarabun-{weight}-normal.woff2"))
        assert set(range(0x0E01, 0x0E3B)) | set(range(0x0E3F, 0x0E5C)) <= set(font.getBestCmap())
        gsub = {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
        gpos = {r.FeatureTag for r in font["GPOS"].table.FeatureList.FeatureRecord}
        assert {"ccmp", "liga"} <= gsub and {"mark", "mkmk"} <= gpos
