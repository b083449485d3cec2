"""Text measured with Sarabun's own metrics (the TTFs in fonts/), so slide titles fit their boxes.

A viewer breaks Thai lines between words (PowerPoint and LibreOffice know where Thai words end);
the measure here breaks only at spaces, so it never expects fewer lines than a viewer draws, and a
title that fits here fits there. Sizes and widths are in points.
"""
from __future__ import annotations

from dataclasses import dataclass

from dashboard.figures import MEASURE_SIZE, sarabun, text_width


@dataclass(frozen=True)
class Fit:
    """The font size chosen for a text and the lines it breaks into at that size."""

    size: int
    lines: tuple[str, ...]


def line_height(size: float, bold: bool = False) -> float:
    """The height of one line at single spacing: the font's ascent plus descent."""
    ascent, descent = sarabun(bold).getmetrics()
    return (ascent + descent) * size / MEASURE_SIZE


def wrap(text: str, width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    """Lines of at most `width`, broken at spaces; a word wider than the line stays whole."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, size, bold) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return tuple(lines)


def fits(lines: tuple[str, ...], width: float, height: float, size: float, bold: bool = False) -> bool:
    """Whether these lines, set at `size`, stay inside a box of `width` x `height`."""
    return (all(text_width(line, size, bold) <= width for line in lines)
            and len(lines) * line_height(size, bold) <= height)


def fit_text(text: str, width: float, height: float, largest: int, smallest: int,
             bold: bool = False) -> Fit:
    """The largest size from `largest` down to `smallest` at which `text` fits the box, wrapped.

    If nothing fits, the smallest size (the caller's tests keep real texts from getting there).
    """
    for size in range(largest, smallest - 1, -1):
        lines = wrap(text, width, size, bold)
        if fits(lines, width, height, size, bold):
            return Fit(size, lines)
    return Fit(smallest, wrap(text, width, smallest, bold))
