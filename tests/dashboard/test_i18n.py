"""Language helpers: Buddhist-era years, goal labels, and every string in both languages."""
from __future__ import annotations

import pytest

from dashboard.i18n import STRINGS, fy_label, goal_label, goals_phrase, lang_or_default, t


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


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_in_both_languages(key: str) -> None:
    th, en = STRINGS[key]
    assert th.strip() and en.strip()


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
