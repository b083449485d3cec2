"""Every value parser, as a table of what people write and what we store (or the problem we report)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.reference import read_reference
from etl.schema import PROJECT_STATUSES
from etl.values import (
    ValueProblem,
    clean_text,
    is_blank,
    parse_amount,
    parse_category,
    parse_fiscal_year,
    parse_goal,
    parse_integer,
    parse_status,
    parse_target,
    parse_yes_no,
    thai_digits_to_arabic,
)


def test_thai_digits_to_arabic() -> None:
    assert thai_digits_to_arabic("พ.ศ. ๒๕๖๖ มี ๑๒,๕๐๐ บาท") == "พ.ศ. 2566 มี 12,500 บาท"


@pytest.mark.parametrize(
    ("value", "blank"),
    [
        (None, True),
        (math.nan, True),
        (np.nan, True),
        (pd.NA, True),
        (pd.NaT, True),
        ("", True),
        ("   ", True),
        ("\t\n", True),
        ("\u200b", True),
        (0, False),
        ("0", False),
        ("-", False),
        ("x", False),
        (False, False),
    ],
)
def test_is_blank(value: object, blank: bool) -> None:
    assert is_blank(value) is blank


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("๑๒,๕๐๐", 12500),
        ("12,500", 12500),
        ("12500", 12500),
        (2566.0, 2566),
        (np.int64(7), 7),
        (42, 42),
        ("2566.0", 2566),
        (" 742 ", 742),
        ("-5", -5),
        ("12 500", 12500),
        ("", None),
        (None, None),
        (math.nan, None),
    ],
)
def test_parse_integer(value: object, expected: int | None) -> None:
    assert parse_integer(value) == expected


@pytest.mark.parametrize("value", ["abc", "1,25,000", "1,5", "12.5", 12.5, "1e3", math.inf, True, "๑๒ ก"])
def test_parse_integer_rejects(value: object) -> None:
    with pytest.raises(ValueProblem, match="whole number"):
        parse_integer(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1,250,000", 1_250_000.0),
        ("๑๒,๕๐๐ บาท", 12_500.0),
        ("1.5 ล้าน", 1_500_000.0),
        ("1.5 ล้านบาท", 1_500_000.0),
        ("2 million", 2_000_000.0),
        ("฿ 3,000", 3_000.0),
        ("3,000.50 THB", 3_000.5),
        ("5 แสน", 500_000.0),
        ("250k", 250_000.0),
        (1250000, 1_250_000.0),
        (1250000.75, 1_250_000.75),
        (0, 0.0),
        ("0", 0.0),
        ("ไม่ใช้งบประมาณ", 0.0),
        ("12,500.-", 12_500.0),
        ("๑๒,๕๐๐.- บาท", 12_500.0),
        ("-", None),
        ("", None),
        (None, None),
        (math.nan, None),
    ],
)
def test_parse_amount(value: object, expected: float | None) -> None:
    assert parse_amount(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", "negative"),
        (-3.0, "negative"),
        ("(1,000)", "negative"),
        ("- 5,000 บาท", "negative"),
        ("abc", "budget in baht"),
        ("1,5", "budget in baht"),
        ("บาท", "baht"),
        ("ห้าพันบาท", "budget in baht"),
        (1e12, "100,000 million"),
        (math.inf, "number of baht"),
    ],
)
def test_parse_amount_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueProblem, match=message):
        parse_amount(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2566, 2566),
        ("2566", 2566),
        ("2023", 2566),
        (2023, 2566),
        ("พ.ศ. ๒๕๖๖", 2566),
        ("พ.ศ.2566", 2566),
        ("FY2023", 2566),
        ("FY 2024", 2567),
        ("fy2023", 2566),
        ("ปีงบประมาณ 2566", 2566),
        ("ปีงบประมาณ พ.ศ. 2567", 2567),
        (2566.0, 2566),
        ("2566.0", 2566),
        ("B.E. 2565", 2565),
        ("ค.ศ. 2023", 2566),
        ("CE 2023", 2566),
        (np.float64(2566.0), 2566),
        ("๒๐๒๓", 2566),
        (2550, 2550),
        (2600, 2600),
        (2007, 2550),
        (2057, 2600),
    ],
)
def test_parse_fiscal_year(value: object, expected: int) -> None:
    assert parse_fiscal_year(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (2466, "plausible range"),
        (3023, "plausible range"),
        ("2549", "plausible range"),
        (2601, "plausible range"),
        ("", "missing"),
        (None, "missing"),
        (math.nan, "missing"),
        ("66", "two digits"),
        ("last year", "not a year"),
        (2566.5, "whole year"),
        ("ค.ศ. 2566", "marked ค.ศ."),
        ("พ.ศ. 2023", "marked พ.ศ."),
        ("2566/67", "not a year"),
    ],
)
def test_parse_fiscal_year_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueProblem, match=message):
        parse_fiscal_year(value)


@pytest.mark.parametrize("year", range(2550, 2601))
def test_every_plausible_year_in_both_eras(year: int) -> None:
    assert parse_fiscal_year(year) == parse_fiscal_year(str(year - 543)) == year


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, True),
        (0, False),
        (1.0, True),
        (0.0, False),
        ("1", True),
        ("0", False),
        ("yes", True),
        ("No", False),
        ("Y", True),
        ("n", False),
        ("TRUE", True),
        ("false", False),
        (True, True),
        (False, False),
        ("✓", True),
        ("✔", True),
        ("☑", True),
        ("x", False),
        ("X", False),
        ("✗", False),
        ("☒", False),
        ("/", True),
        ("มีแล้ว", True),
        ("อยู่ระหว่างจัดทำ", False),
        ("ไม่มี (อยู่ระหว่างจัดทำ)", False),
        ("มี (คำสั่งจังหวัดที่ 123/2566)", True),
        ("-", False),
        ("มี", True),
        ("ไม่มี", False),
        ("ใช่", True),
        ("ไม่ใช่", False),
        ("ครบ", True),
        ("ไม่ครบ", False),
        ("", False),
        (None, False),
        (math.nan, False),
        (" yes ", True),
        ("๑", True),
        ("๐", False),
    ],
)
def test_parse_yes_no(value: object, expected: bool) -> None:
    assert parse_yes_no(value) is expected


@pytest.mark.parametrize("value", ["maybe", "2", 2, "yess", "ok?", 0.5, "บางส่วน", "มี/ไม่มี", "N/A",
                                   "มี (อยู่ระหว่างจัดทำ)"])
def test_parse_yes_no_rejects(value: object) -> None:
    with pytest.raises(ValueProblem, match="yes or no"):
        parse_yes_no(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2, 2),
        ("2", 2),
        ("SDG 2", 2),
        ("SDG2", 2),
        ("sdg 2", 2),
        ("SDGs 17", 17),
        ("Goal 2", 2),
        ("Goal #2", 2),
        ("goal-11", 11),
        ("เป้าหมายที่ 2", 2),
        ("เป้าหมายหลักที่ ๒", 2),
        ("เป้าหมายที่๑๑", 11),
        ("๒", 2),
        (2.0, 2),
        (np.int64(17), 17),
        ("02", 2),
        ("Goal 2.", 2),
        ("2)", 2),
        ("SDG 2: Zero Hunger", 2),
        ("2 - Zero Hunger", 2),
        ("Zero Hunger", 2),
        ("ขจัดความยากจน", 1),
        ("เป้าหมายหลักที่ 1 ยุติความยากจนทุกรูปแบบในทุกที่", 1),
        (1, 1),
        (17, 17),
    ],
)
def test_parse_goal(value: object, expected: int) -> None:
    assert parse_goal(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "1 to 17"),
        (18, "1 to 17"),
        ("18", "1 to 17"),
        ("SDG two", "1 to 17"),
        ("100", "1 to 17"),
        (2.5, "1 to 17"),
        ("2.3", "looks like a target"),
        ("", "missing"),
        (None, "missing"),
        ("SDG 0", "1 to 17"),
        (True, "1 to 17"),
    ],
)
def test_parse_goal_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueProblem, match=message):
        parse_goal(value)


def test_goal_problem_message_says_how_to_fix() -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_goal("18")
    assert str(problem.value) == (
        "goal must be a number from 1 to 17, such as 2, 'SDG 2' or 'เป้าหมายที่ 2'; got '18'"
    )


OFFICIAL_TARGETS = read_reference("sdg_targets")


def test_reference_lists_the_169_official_targets() -> None:
    assert len(OFFICIAL_TARGETS) == 169
    assert OFFICIAL_TARGETS["target"].is_unique
    per_goal = OFFICIAL_TARGETS.groupby("goal").size().to_dict()
    assert per_goal == {
        1: 7,
        2: 8,
        3: 13,
        4: 10,
        5: 9,
        6: 8,
        7: 5,
        8: 12,
        9: 8,
        10: 10,
        11: 10,
        12: 11,
        13: 5,
        14: 10,
        15: 12,
        16: 12,
        17: 19,
    }
    assert list(OFFICIAL_TARGETS["sort_order"]) == list(range(1, 170))


@pytest.mark.parametrize(
    ("target", "goal"), list(zip(OFFICIAL_TARGETS["target"], OFFICIAL_TARGETS["goal"], strict=True))
)
def test_every_official_target_reads_back(target: str, goal: int) -> None:
    assert parse_target(target) == target
    assert parse_target(target.upper(), goal=int(goal)) == target
    assert parse_target(f"Target {target}") == target


@pytest.mark.parametrize(
    ("value", "goal", "expected"),
    [
        ("2.3", None, "2.3"),
        ("11.a", None, "11.a"),
        ("11.A", None, "11.a"),
        ("Target 2.3", 2, "2.3"),
        ("SDG 11.a", 11, "11.a"),
        ("11a", None, "11.a"),
        ("๒.๓", None, "2.3"),
        ("เป้าหมายย่อยที่ 1.1", 1, "1.1"),
        ("8.10", 8, "8.10"),
        ("17.19", 17, "17.19"),
        (2.3, 2, "2.3"),
        (1.1, None, "1.1"),
        ("2.3 By 2030, double", 2, "2.3"),
        ("", 2, None),
        (None, None, None),
        (math.nan, 3, None),
    ],
)
def test_parse_target(value: object, goal: int | None, expected: str | None) -> None:
    assert parse_target(value, goal) == expected


@pytest.mark.parametrize(
    ("value", "goal", "message"),
    [
        ("2.9", 3, "target 2.9 is not a target of goal 3"),
        ("17.1", 3, "not a target of goal 3"),
        ("2.9", None, "not one of the 169"),
        ("1.10", None, "not one of the 169"),
        ("๑๑.ก", None, "official SDG target"),
        ("23", None, "official SDG target"),
        ("2.3.1", None, "official SDG target"),
        ("target", None, "official"),
        (8.1, 8, "format the target column as text"),
        (17.1, None, "as text"),
        (11.0, 11, "official SDG target"),
    ],
)
def test_parse_target_rejects(value: object, goal: int | None, message: str) -> None:
    with pytest.raises(ValueProblem, match=message):
        parse_target(value, goal)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(thai, key) for key, (thai, _) in PROJECT_STATUSES.items()]
    + [(english, key) for key, (_, english) in PROJECT_STATUSES.items()]
    + [(key, key) for key in PROJECT_STATUSES]
    + [
        ("in-progress", "in_progress"),
        ("ONGOING", "in_progress"),
        ("กำลังดำเนินการ", "in_progress"),
        ("แล้วเสร็จ", "completed"),
        ("เสร็จสิ้น", "completed"),
        ("done", "completed"),
        ("ยังไม่เริ่ม", "planned"),
        ("canceled", "cancelled"),
        ("ยกเลิกโครงการ", "cancelled"),
        ("", None),
        (None, None),
    ],
)
def test_parse_status(value: object, expected: str | None) -> None:
    assert parse_status(value) == expected


@pytest.mark.parametrize("value", ["ดำเนินการ", "blah", "50%", 3])
def test_parse_status_rejects(value: object) -> None:
    with pytest.raises(ValueProblem, match="unknown project status"):
        parse_status(value)


CATEGORIES = read_reference("district_categories")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(row.name_th, row.category) for row in CATEGORIES.itertuples()]
    + [(row.name_en, row.category) for row in CATEGORIES.itertuples()]
    + [(row.category, row.category) for row in CATEGORIES.itertuples()]
    + [
        ("โครงการประเภทแก้ไขปัญหาคความยากจน", "poverty"),
        ("แก้ไขปัญหาคความยากจน", "poverty"),
        ("Poverty", "poverty"),
        ("โครงการประเภทบริหารจัดการน้ำอย่างยั่งยืน", "water"),
        ("โครงการด้านอื่น ๆ เช่น การจัดการขยะ ปัญหามลพิษ ฯลฯ", "other"),
        ("ด้านอื่นๆ", "other"),
        ("โครงการประเภทแก้ไขปัญหายาเสพติด", "drugs"),
        ("Drugs", "drugs"),
        ("โครงการประเภทห้องเรียนชุมชน กระตุ้นเศรษฐกิจฐานราก", "classroom"),
        ("Community classroom", "classroom"),
    ],
)
def test_parse_category(value: object, expected: str) -> None:
    assert parse_category(value) == expected


@pytest.mark.parametrize(
    ("value", "message"), [("", "missing"), (None, "missing"), ("ท่องเที่ยว", "unknown"), ("x", "unknown")]
)
def test_parse_category_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueProblem, match=message):
        parse_category(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  โครงการ   ส่งเสริม\tอาชีพ \n", "โครงการ ส่งเสริม อาชีพ"),
        ("e\u0301cole", "\u00e9cole"),
        ("a < b and c > d", "a < b and c > d"),
        ("ลดลง <5%", "ลดลง <5%"),
        ("ราคา 100-200 บาท", "ราคา 100-200 บาท"),
        ("x\u200by", "xy"),
        (2566, "2566"),
        (12.0, "12"),
        ("", None),
        (None, None),
        ("   ", None),
    ],
)
def test_clean_text(value: object, expected: str | None) -> None:
    assert clean_text(value, required=False) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("=SUM(A1:A3)", "formula"),
        ('  =HYPERLINK("x")', "formula"),
        ("@cmd", "formula"),
        ("＝1+1", "formula"),
        ("-ก่อสร้างถนน", "formula"),
        ("+66 81 234 5678", "formula"),
        ("\t=cmd|' /C calc'!A0", "formula"),
        ("\r@SUM(1)", "formula"),
        ("<script>alert(1)</script>", "HTML tag"),
        ("ดู <a href='http://x'>ลิงก์</a>", "HTML tag"),
        ("จบ</b>", "HTML tag"),
        ("<img src=x onerror=alert(1)>", "HTML tag"),
        ("<br/>", "HTML tag"),
    ],
)
def test_clean_text_rejects(value: str, message: str) -> None:
    with pytest.raises(ValueProblem, match=message):
        clean_text(value, required=False)


@pytest.mark.parametrize("value", ["", None, "  ", math.nan])
def test_clean_text_required(value: object) -> None:
    with pytest.raises(ValueProblem, match="required"):
        clean_text(value, required=True)


@given(st.integers(min_value=0, max_value=10**12))
def test_integer_written_with_commas_and_thai_digits(number: int) -> None:
    written = f"{number:,}"
    thai = written.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert parse_integer(written) == parse_integer(thai) == number


ANY_CELL = st.one_of(
    st.text(),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet="0123456789๐๑๒๓๔๕๖๗๘๙,. -บาทล้านพ.ศ.SDGsdgoal#เป้าหมายที่xX✓มีไม่<>=@/"),
)
PARSERS: list[Callable[[object], object]] = [
    parse_integer,
    parse_amount,
    parse_fiscal_year,
    parse_yes_no,
    parse_goal,
    parse_target,
    parse_status,
    parse_category,
    lambda v: parse_target(v, 3),
    lambda v: clean_text(v, required=True),
    lambda v: clean_text(v, required=False),
]


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: getattr(p, "__name__", "parser"))
@given(value=ANY_CELL)
def test_any_cell_gives_a_value_or_a_value_problem(parser: Callable[[object], object], value: object) -> None:
    try:
        parser(value)
    except ValueProblem as problem:
        assert str(problem) and "\n" not in str(problem)
