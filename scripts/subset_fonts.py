"""Build the web fonts the browser loads (assets/fonts/*.woff2) and their @font-face rules
(assets/00-fonts.css) from the full Sarabun TrueType files in fonts/, keeping only the characters the
dashboard writes, so that every first visit downloads fewer bytes.

Run: `make fonts` (or `.venv/bin/python scripts/subset_fonts.py`); needs fonttools and brotli
(requirements-dev.txt). The output is committed; tests/assets check that it matches this script.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "fonts"
ASSETS = ROOT / "assets"
WEIGHTS = {400: "Sarabun-Regular.ttf", 600: "Sarabun-SemiBold.ttf", 700: "Sarabun-Bold.ttf"}
# What each file may hold (one file per weight holds both: every page writes Thai and Latin, so one
# request instead of two); only the code points the font really has end up in it and in its
# unicode-range, so the browser falls back to another font for everything else.
SUBSETS: dict[str, str] = {
    # Thai letters, vowels, tone marks and digits, the dotted circle a lone mark sits on, and the
    # combining marks and joiners Thai text uses.
    "thai": "U+02D7,U+0303,U+0331,U+0E01-0E5B,U+200C-200D,U+25CC",
    # Printable ASCII, Latin-1 punctuation and signs, general punctuation, euro, trademark, the
    # arrows and the minus sign: what the English interface, numbers and captions use.
    "latin": "U+0020-007E,U+00A0-00BF,U+00D7,U+00F7,U+2000-206F,U+20AC,U+2122,U+2190-2195,U+2212",
}
# OpenType features the shaper needs: composition and mark stacking (Thai tone marks over vowels),
# the f-ligatures, kerning. Fractions, superiors and stylistic sets are never asked for.
LAYOUT_FEATURES = ["ccmp", "locl", "liga", "kern", "mark", "mkmk"]
# Family, style and version names, plus the licence text and URL.
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14]

CSS_HEADER = """/* Sarabun (SIL OFL 1.1, fonts/OFL.txt), served by the app itself: Thai and Latin subsets of
   fonts/Sarabun-*.ttf in weights 400, 600 and 700, built by scripts/subset_fonts.py (do not edit by
   hand), one file per weight. Each unicode-range lists exactly the code points its file has. No font
   service is contacted. */
"""
FACE = """
/* sarabun-{weight}-normal: Thai and Latin */
@font-face {{
  font-family: "Sarabun";
  font-style: normal;
  font-display: swap;
  font-weight: {weight};
  src: url("fonts/sarabun-{weight}-normal.woff2") format("woff2");
  unicode-range: {ranges};
}}
"""


def unicode_range(codepoints: set[int]) -> str:
    """CSS unicode-range text for a set of code points, runs collapsed to ranges."""
    parts: list[str] = []
    ordered = sorted(codepoints)
    start = previous = ordered[0]
    for point in [*ordered[1:], -1]:
        if point == previous + 1:
            previous = point
            continue
        parts.append(f"U+{start:04X}" if start == previous else f"U+{start:04X}-{previous:04X}")
        start = previous = point
    return ",".join(parts)


def subset_font(source: Path, unicodes: str, target: Path) -> set[int]:
    """Write the woff2 subset of source to target; return the code points it maps."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = NAME_IDS
    options.glyph_names = False
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return set(TTFont(str(target)).getBestCmap())


def build(out: Path) -> dict[str, int]:
    """Write every subset and the stylesheet under out (an assets folder); return file sizes."""
    (out / "fonts").mkdir(parents=True, exist_ok=True)
    css = CSS_HEADER
    sizes: dict[str, int] = {}
    for weight, ttf in WEIGHTS.items():
        name = f"sarabun-{weight}-normal.woff2"
        target = out / "fonts" / name
        codepoints = subset_font(SOURCE / ttf, ",".join(SUBSETS.values()), target)
        css += FACE.format(weight=weight, ranges=unicode_range(codepoints))
        sizes[name] = target.stat().st_size
    (out / "00-fonts.css").write_text(css, encoding="utf-8")
    return sizes


def main() -> None:
    """Command line: build into assets/ (or another folder, to compare)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ASSETS, help="assets folder to write (default: assets/)")
    args = parser.parse_args()
    for name, size in build(args.out).items():
        print(f"{name}: {size:,} bytes")


if __name__ == "__main__":
    main()
