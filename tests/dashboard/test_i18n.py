"""Language helpers: Buddhist-era years, goal labels, and every string in both languages."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.dataset import DatasetInfo
from dashboard.i18n import (
    STRINGS,
    datetime_label,
    fragment_lang,
    fy_label,
    goal_label,
    goals_phrase,
    lang_or_default,
    t,
)


@pytest.mark.parametrize(("year", "lang", "label"), [
    (2566, "th", "ปีงบประมาณ 2566"),
    (2566, "en", "FY2566 (2023)"),
    (2575, "en", "FY2575 (2032)"),
])
def test_fy_label(year: int, lang: str, label: str) -> None:
    assert fy_label(year, lang) == label


def test_goal_label() -> None:
    assert goal_label(1, "ขจัดความยากจน", "No Poverty", "en") == "1 No Poverty"
    assert goal_label(1, "ขจัดความยากจน", "No Poverty", "th") == "1 ขจัดความยากจน"


def test_goals_phrase() -> None:
    assert goals_phrase((2,), "en") == "goal 2"
    assert goals_phrase((2, 5), "en") == "goals 2, 5"


def _has_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_in_both_languages(key: str) -> None:
    th, en = STRINGS[key]
    assert th.strip() and en.strip()
    assert _placeholders(th) == _placeholders(en), f"{key}: Thai and English take different placeholders"


def test_no_module_keeps_its_own_string_table() -> None:
    """All user-visible text lives in dashboard/i18n.py: no other module defines a Thai/English table."""
    root = Path(__file__).resolve().parents[2] / "dashboard"
    table = re.compile(r"dict\[(str|int), tuple\[str, str\]\] = \{")
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if path.name != "i18n.py" and table.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_no_thai_text_outside_the_string_table() -> None:
    """Thai words in code outside the table would be untranslated text (docstrings and comments aside)."""
    root = Path(__file__).resolve().parents[2] / "dashboard"
    found = []
    for path in root.rglob("*.py"):
        if path.name == "i18n.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _has_thai_word(node.value):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    docstrings = {f for f in found if _is_docstring_line(root, f)}
    assert sorted(set(found) - docstrings) == []


def _has_thai_word(text: str) -> bool:
    """Thai consonants: words a reader would see (vowel and tone tables for sorting have none)."""
    return any("\u0e01" <= ch <= "\u0e2e" for ch in text)


def _is_docstring_line(root: Path, where: str) -> bool:
    file, line = where.rsplit(":", 1)
    tree = ast.parse((root / file).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Module):
            doc = node.body[0] if node.body else None
            if (isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
                    and doc.lineno <= int(line) <= (doc.end_lineno or doc.lineno)):
                return True
    return False


OVERVIEW_KEYS = [k for k in STRINGS if k.split("_")[0] in {
    "app", "nav", "sample", "footer", "db", "hl", "filter", "filters", "metric", "map", "legend", "chart",
    "axis", "hover"}]


@pytest.mark.parametrize("key", OVERVIEW_KEYS)
def test_overview_labels_are_thai_and_english(key: str) -> None:
    th, en = STRINGS[key]
    assert _has_thai(th), f"{key}: the Thai text has no Thai"
    assert not _has_thai(en), f"{key}: the English text has Thai"


def test_t_fills_placeholders() -> None:
    assert t("n_of_total", "en", n=76, total=77) == "76 of 77"
    assert t("n_of_total", "th", n=76, total=77) == "76 จาก 77"
    assert lang_or_default("fr") == "th"


@pytest.mark.parametrize(("moment", "lang", "shown"), [
    ("2026-11-30 01:55:00+00:00", "th", "30 พ.ย. 2569 08:55 น."),
    ("2026-11-30 01:55:00+00:00", "en", "30 Nov 2026 08:55"),
    ("2026-11-30 01:55:00", "th", "30 พ.ย. 2569 08:55 น."),  # a naive time is UTC, as the ETL stores it
    ("2026-12-31 20:30:00+00:00", "en", "1 Jan 2027 03:30"),  # Bangkok is already in the new year
])
def test_times_are_shown_in_bangkok_with_the_buddhist_era_in_thai(moment: str, lang: str, shown: str) -> None:
    assert datetime_label(pd.Timestamp(moment), lang) == shown


def test_database_date_in_footer_and_captions_is_bangkok_time() -> None:
    frame = pd.DataFrame([{"source": "s", "source_th": "ส", "is_sample": True,
                           "built_at": pd.Timestamp("2026-11-30 01:55:00", tz="UTC")}])
    info = DatasetInfo.from_frame(frame)
    assert info.built_in("th") == "30 พ.ย. 2569 08:55 น."
    assert info.built_in("en") == "30 Nov 2026 08:55"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Chiang Mai", "th", "en"),
    ("Profile + Survey", "th", "en"),
    ("เชียงใหม่", "th", None),
    ("กระบวนการ SDGs ร่วมกับ UNDP", "th", None),  # an acronym within a Thai sentence
    ("2.c", "th", None),  # a code, not a word
    ("เชียงใหม่", "en", "th"),
    ("Chiang Mai", "en", None),
])
def test_fragment_lang_marks_text_not_in_the_pages_language(text: str, lang: str,
                                                            expected: str | None) -> None:
    assert fragment_lang(text, lang) == expected
