"""Cell parsers: every way a province writes a number, year, yes/no, goal or status, read to one value.

Each parser takes one raw cell (str, int, float, None, NaN...) and returns the canonical value or raises
`ValueProblem`, whose message says what is wrong and how to fix it. The pipeline calls each parser once
per distinct raw value, so the text-level work is cached.
"""
from __future__ import annotations

import math
import numbers
import re
import unicodedata
from functools import cache

import pandas as pd

from etl.reference import read_reference
from etl.schema import PROJECT_STATUSES


class ValueProblem(ValueError):
    """A value that cannot be read; str(exc) tells the user what is wrong and how to fix it."""


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_MAX_SHOWN = 60


def thai_digits_to_arabic(text: str) -> str:
    """Thai numerals (๐-๙) as Arabic digits, so one number grammar serves both scripts."""
    return text.translate(_THAI_DIGITS)


def is_blank(value: object) -> bool:
    """True for an empty cell: None, NaN/NA/NaT, or text that is only whitespace."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.translate(_INVISIBLE).strip()
    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


def _shown(value: object) -> str:
    """The raw value quoted for a message, shortened so a report line stays readable."""
    text = str(value)
    text = text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"
    return repr(text)


def _text(value: object) -> str:
    """Cell as comparable text: NFC, invisible characters gone, Thai digits as Arabic, trimmed."""
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    return _SPACES.sub(" ", thai_digits_to_arabic(text)).strip()


def _real(value: object) -> float | None:
    """A native or numpy number as float (None when the cell is text); booleans are not numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    return None


# --- numbers -------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def _number_text(text: str, what: str, example: str) -> float:
    """A plain decimal number written with optional thousands commas, or a problem naming `what`."""
    compact = re.sub(r"(?<=\d)[ \u00a0\u202f'](?=\d{3}\b)", ",", text)
    if not _NUMBER.fullmatch(compact):
        raise ValueProblem(f"expected {what} such as {example}; got {_shown(text)}")
    return float(compact.replace(",", ""))


@cache
def _integer_text(text: str) -> int:
    number = _number_text(text, "a whole number", "12500, 12,500 or ๑๒,๕๐๐")
    if not number.is_integer():
        raise ValueProblem(f"expected a whole number such as 12500; got {_shown(text)}")
    return int(number)


def parse_integer(value: object) -> int | None:
    """A whole number from digits in either script, with thousands commas; None for a blank cell."""
    if is_blank(value):
        return None
    real = _real(value)
    if real is not None:
        if not math.isfinite(real) or not real.is_integer():
            raise ValueProblem(f"expected a whole number such as 12500; got {_shown(value)}")
        return int(real)
    if isinstance(value, bool):
        raise ValueProblem(f"expected a whole number such as 12500; got {_shown(value)}")
    return _integer_text(_text(value))


_MAX_BUDGET = 100_000_000_000.0
_BUDGET_EXAMPLE = "1250000, 1,250,000, '๑๒,๕๐๐ บาท' or '1.5 ล้าน'"
_CURRENCY = re.compile(r"(บาท|baht|thb|฿|b\.?$)", re.IGNORECASE)
_MULTIPLIERS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"(ล้าน|million|mln|mn|m)$", re.IGNORECASE), 1_000_000.0),
    (re.compile(r"(แสน)$"), 100_000.0),
    (re.compile(r"(หมื่น)$"), 10_000.0),
    (re.compile(r"(พัน|thousand|k)$", re.IGNORECASE), 1_000.0),
)
_NO_BUDGET = frozenset({"ไม่ใช้งบประมาณ", "ไม่ใช้งบ", "ไม่มีงบประมาณ", "no budget", "none", "nil"})
_DASHES = frozenset({"-", "–", "—", "--"})


def _negative(raw: object) -> str:
    return f"budget cannot be negative; got {_shown(raw)}: write the amount in baht, e.g. 1250000"


def _check_amount(amount: float, raw: object) -> float:
    if not math.isfinite(amount):
        raise ValueProblem(f"budget must be a number of baht such as {_BUDGET_EXAMPLE}; got {_shown(raw)}")
    if amount < 0:
        raise ValueProblem(_negative(raw))
    if amount > _MAX_BUDGET:
        raise ValueProblem(
            f"budget {_shown(raw)} is more than 100,000 million baht, which no single project has: "
            "check that it is written in baht, not satang or with extra digits"
        )
    return amount


@cache
def _amount_text(text: str) -> float | None:
    lowered = text.lower()
    if lowered in _DASHES:
        return None
    if lowered in _NO_BUDGET:
        return 0.0
    body = text
    if body.startswith("(") and body.endswith(")"):
        raise ValueProblem(_negative(text))
    body = _CURRENCY.sub("", body).strip()
    factor = 1.0
    for pattern, multiplier in _MULTIPLIERS:
        if pattern.search(body):
            body, factor = pattern.sub("", body).strip(), multiplier
            break
    body = re.sub(r"(?<=\d)\s*\.?-$", "", _CURRENCY.sub("", body).strip())  # Thai "12,500.-": no satang
    if body.startswith("-"):
        raise ValueProblem(_negative(text))
    amount = _number_text(body, "a budget in baht", _BUDGET_EXAMPLE) if body else math.nan
    return _check_amount(round(amount * factor, 2), text)


def parse_amount(value: object) -> float | None:
    """Budget in baht from numbers or text ("1,250,000", "๑๒,๕๐๐ บาท", "1.5 ล้าน"); None when blank."""
    if is_blank(value):
        return None
    real = _real(value)
    if real is not None:
        return _check_amount(real, value)
    if isinstance(value, bool):
        raise ValueProblem(f"budget must be a number of baht such as {_BUDGET_EXAMPLE}; got {_shown(value)}")
    return _amount_text(_text(value))


# --- fiscal year -----------------------------------------------------------------------------------------

_BE_RANGE = (2550, 2600)
_CE_RANGE = (_BE_RANGE[0] - 543, _BE_RANGE[1] - 543)
_YEAR_HELP = "write the fiscal year as 2566 (Buddhist era) or 2023 (Common era)"
_BE_MARK = re.compile(r"(พ\s*\.?\s*ศ\s*\.?|b\s*\.?\s*e\s*\.?|buddhist era)", re.IGNORECASE)
_CE_MARK = re.compile(r"(ค\s*\.?\s*ศ\s*\.?|c\s*\.?\s*e\s*\.?|a\s*\.?\s*d\s*\.?)", re.IGNORECASE)
_YEAR_WORDS = re.compile(
    r"(ปีงบประมาณ|ปีงบ|ปี|fiscal\s*year|financial\s*year|budget\s*year|fy|year)", re.IGNORECASE
)


def _year_from_number(number: int, raw: object, era: str | None) -> int:
    """BE from a four-digit year, using the plausible ranges to tell the eras apart."""
    in_be = _BE_RANGE[0] <= number <= _BE_RANGE[1]
    in_ce = _CE_RANGE[0] <= number <= _CE_RANGE[1]
    if in_be and era != "CE":
        return number
    if in_ce and era != "BE":
        return number + 543
    if in_be or in_ce:
        marked, meant = ("พ.ศ.", "Common-era") if era == "BE" else ("ค.ศ.", "Buddhist-era")
        raise ValueProblem(
            f"fiscal year {_shown(raw)} is marked {marked} but {number} is a {meant} year; {_YEAR_HELP}"
        )
    raise ValueProblem(
        f"fiscal year {_shown(raw)} is outside the plausible range "
        f"(BE {_BE_RANGE[0]}-{_BE_RANGE[1]}, CE {_CE_RANGE[0]}-{_CE_RANGE[1]}); {_YEAR_HELP}"
    )


@cache
def _fiscal_year_text(text: str) -> int:
    era: str | None = None
    body = text
    if _BE_MARK.search(body):
        era, body = "BE", _BE_MARK.sub(" ", body)
    elif _CE_MARK.search(body):
        era, body = "CE", _CE_MARK.sub(" ", body)
    body = _YEAR_WORDS.sub(" ", body)
    body = re.sub(r"[\s:#]+", "", body).strip(".")
    if re.fullmatch(r"\d{4}(\.0+)?", body):
        return _year_from_number(int(float(body)), text, era)
    if re.fullmatch(r"\d{2}", body):
        raise ValueProblem(f"fiscal year {_shown(text)} has only two digits; {_YEAR_HELP}")
    raise ValueProblem(f"fiscal year {_shown(text)} is not a year; {_YEAR_HELP}")


def parse_fiscal_year(value: object) -> int:
    """Fiscal year in the Buddhist era from BE or CE, numbers or text ("FY2023", "พ.ศ. ๒๕๖๖")."""
    if is_blank(value):
        raise ValueProblem(f"fiscal year is missing; {_YEAR_HELP}")
    real = _real(value)
    if real is not None:
        if not math.isfinite(real) or not real.is_integer():
            raise ValueProblem(f"fiscal year {_shown(value)} is not a whole year; {_YEAR_HELP}")
        return _year_from_number(int(real), value, None)
    if isinstance(value, bool):
        raise ValueProblem(f"fiscal year {_shown(value)} is not a year; {_YEAR_HELP}")
    return _fiscal_year_text(_text(value))


# --- yes / no --------------------------------------------------------------------------------------------

# A tick means the document exists, a cross that it does not (as on Thai office checklists).
TICKS = ("✓", "✔", "☑", "✅", "🗸", "/")
CROSSES = ("✗", "✘", "×", "x", "☒", "❌", "❎", "╳")
_YES = frozenset({
    "1", "yes", "y", "true", "t", *TICKS, "มี", "ใช่", "ครบ", "ได้", "มีแล้ว", "มีครบ", "ดำเนินการแล้ว",
    "จัดทำแล้ว", "ประกาศแล้ว", "มีคำสั่งแล้ว",
})
# A document still being drafted, planned or waited for does not exist yet.
_NO = frozenset({
    "0", "no", "n", "false", "f", *CROSSES, "☐", "ไม่มี", "ไม่ใช่", "ไม่ครบ", "ไม่", "ยังไม่มี",
    "อยู่ระหว่างจัดทำ", "อยู่ระหว่างดำเนินการ", "อยู่ระหว่างการจัดทำ", "กำลังจัดทำ", "ระหว่างจัดทำ",
    "อยู่ระหว่างเสนอ", "อยู่ระหว่างเสนอลงนาม", "รอลงนาม", "ยังไม่ได้จัดทำ", "ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ",
    "ไม่ได้จัดทำ",
})
DASHES = frozenset({"-", "–", "—", "--", "---"})
# A province that was not assessed: the row carries one of these instead of answers.
NOT_ASSESSED = frozenset({
    "n/a", "na", "n.a", "n.a.", "ไม่ได้ประเมิน", "ไม่ประเมิน", "ยังไม่ได้ประเมิน", "ไม่มีการประเมิน",
    "ไม่ได้รับการประเมิน", "not assessed", "notassessed", "ไม่ได้รายงาน", "ไม่รายงาน", "ไม่มีข้อมูล",
    "not reported", "no data",
})
_NOTE = re.compile(r"\s*[\(\[（][^\)\]）]*[\)\]）]\s*$")
_YES_NO_HELP = (
    "write มี or ไม่มี (also 1/0, yes/no, Y/N, ✓ for yes and ✗ for no); blank means no, "
    "and ไม่ได้ประเมิน or N/A marks a province that was not assessed"
)
PLAN_YES, PLAN_NO, PLAN_DASH, PLAN_NOT_ASSESSED = "yes", "no", "dash", "not_assessed"


def _mark_key(text: str) -> str:
    """Lower case, no spaces, no trailing full stop or bracketed note: the form the vocabulary lists."""
    body = _NOTE.sub("", text) or text
    key = re.sub(r"\s+", "", body.lower()).rstrip(".") or body.strip()
    return key[:-2] if key.endswith(".0") else key


def _vocabulary(key: str) -> str | None:
    """The answer a vocabulary word gives, None for a word outside the vocabulary."""
    if key in DASHES:
        return PLAN_DASH
    if key in _YES:
        return PLAN_YES
    if key in _NO:
        return PLAN_NO
    if key in NOT_ASSESSED:
        return PLAN_NOT_ASSESSED
    return None


@cache
def _plan_answer_text(text: str) -> str:
    note = _NOTE.search(text)
    if note and note.start() > 0:
        said, noted = _vocabulary(_mark_key(text)), _vocabulary(_mark_key(note.group().strip(" ()[]（）")))
        if said is not None and noted is not None and noted != said:
            raise ValueProblem(f"expected yes or no, but the answer and its note disagree in {_shown(text)}: "
                               "write only the answer")
    key = _mark_key(text)
    if key in DASHES:
        return PLAN_DASH
    if key in _YES:
        return PLAN_YES
    if key in _NO:
        return PLAN_NO
    if key in NOT_ASSESSED or key.replace(" ", "") in NOT_ASSESSED:
        return PLAN_NOT_ASSESSED
    raise ValueProblem(f"expected yes or no; got {_shown(text)}: {_YES_NO_HELP}")


def parse_plan_answer(value: object) -> str | None:
    """A plan answer as yes / no / dash / not_assessed, None when blank (the row decides what those mean)."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return PLAN_YES if value else PLAN_NO
    real = _real(value)
    if real is not None:
        if real in (0.0, 1.0):
            return PLAN_YES if real == 1.0 else PLAN_NO
        raise ValueProblem(f"expected yes or no; got {_shown(value)}: write 1 for yes and 0 for no")
    return _plan_answer_text(_text(value))


def parse_yes_no(value: object) -> bool:
    """Yes/no in any documented form (1/0, Y/N, ✓/✗, มี/ไม่มี ...); a blank cell or a dash means no."""
    answer = parse_plan_answer(value)
    if answer == PLAN_NOT_ASSESSED:
        raise ValueProblem(f"expected yes or no; got {_shown(value)}: {_YES_NO_HELP}")
    return answer == PLAN_YES


# --- goals and targets -----------------------------------------------------------------------------------

_GOAL_HELP = "a number from 1 to 17, such as 2, 'SDG 2' or 'เป้าหมายที่ 2'"
_GOAL_PREFIX = (
    r"(?:เป้าหมายการพัฒนาที่ยั่งยืน|เป้าหมายหลัก|เป้าหมาย|เป้า)\s*(?:ที่)?|"
    r"sdgs?|goals?|sustainable\s+development\s+goal|g"
)
_GOAL = re.compile(
    rf"(?:(?:{_GOAL_PREFIX})\s*[-:#.]?\s*)?(?:no\.?\s*)?#?\s*0*(\d{{1,2}})"
    r"(?:\s*[:)\-–—]\s*\S.*|\.\s+\D.*|\s+\D.*|\s*[.)])?",
    re.IGNORECASE,
)


def _compact(text: str) -> str:
    """Lower-case letters, marks and digits only: spacing and punctuation never decide a match."""
    return "".join(ch for ch in text.lower() if unicodedata.category(ch)[0] in "LMN")


@cache
def _goal_names() -> dict[str, int]:
    """Short goal names in both languages (compacted) -> goal, from data/reference/sdg_goals.csv."""
    goals = read_reference("sdg_goals")
    names: dict[str, int] = {}
    for row in goals.itertuples(index=False):
        for name in (row.short_en, row.short_th, row.name_en):
            names[_compact(unicodedata.normalize("NFC", str(name)))] = int(row.goal)
    return names


@cache
def _goal_text(text: str) -> int:
    whole = re.fullmatch(r"0*(\d{1,2})\.0+", text)  # a goal typed as a number and saved as 6.0
    if whole:
        return _goal_number(int(whole.group(1)), text)
    match = _GOAL.fullmatch(text)
    if match:
        return _goal_number(int(match.group(1)), text)
    by_name = _goal_names().get(_compact(text))
    if by_name is not None:
        return by_name
    if re.fullmatch(r".*\d+\.\w+.*", text):
        raise ValueProblem(f"goal {_shown(text)} looks like a target; the goal must be {_GOAL_HELP}")
    raise ValueProblem(f"goal must be {_GOAL_HELP}; got {_shown(text)}")


def _goal_number(number: int, raw: object) -> int:
    if 1 <= number <= 17:
        return number
    raise ValueProblem(f"goal must be {_GOAL_HELP}; got {_shown(raw)}")


def parse_goal(value: object) -> int:
    """SDG goal 1-17 from 2, "SDG 2", "Goal #2", "เป้าหมายหลักที่ ๒" or the goal's short name."""
    if is_blank(value):
        raise ValueProblem(f"goal is missing; write {_GOAL_HELP}")
    real = _real(value)
    if real is not None:
        if not math.isfinite(real) or not real.is_integer():
            raise ValueProblem(f"goal must be {_GOAL_HELP}; got {_shown(value)}")
        return _goal_number(int(real), value)
    if isinstance(value, bool):
        raise ValueProblem(f"goal must be {_GOAL_HELP}; got {_shown(value)}")
    return _goal_text(_text(value))


@cache
def _targets() -> dict[str, int]:
    """Official target code -> its goal, from data/reference/sdg_targets.csv."""
    table = read_reference("sdg_targets")
    return {str(t): int(g) for t, g in zip(table["target"], table["goal"], strict=True)}


_TARGET_HELP = "an official SDG target such as 2.3 or 11.a"
_TARGET_PREFIX = r"(?:เป้าประสงค์\s*(?:ที่)?|เป้าหมายย่อย\s*(?:ที่)?|เป้าหมาย\s*(?:ที่)?|targets?|sdgs?|goal)"
_TARGET = re.compile(
    rf"(?:{_TARGET_PREFIX}\s*[-:#.]?\s*)*#?\s*0*(\d{{1,2}})(?:\s*[.\-]\s*(\d{{1,2}})|\s*[.\-]?\s*([a-z]))"
    r"(?:\s*[:)\-–—]\s*\S.*|\s+\S.*|\s*\.)?",
    re.IGNORECASE,
)


def _target_goal_check(target: str, goal: int | None, raw: object) -> str:
    """The target itself, once it is official and (when the row names a goal) one of that goal's."""
    owner = _targets().get(target)
    if goal is not None and target.split(".")[0] != str(goal):
        of_goal = [t for t, g in _targets().items() if g == goal]
        listed = f"{of_goal[0]} to {of_goal[-1]}" if of_goal else "none"
        official = "" if owner is not None else f" ({target} is not an official target at all)"
        raise ValueProblem(
            f"target {target} is not a target of goal {goal}, the goal on this row{official}: "
            f"fix the goal, or write one of goal {goal}'s targets ({listed})"
        )
    if owner is None:
        raise ValueProblem(f"{_shown(raw)} is not one of the 169 official SDG targets; write {_TARGET_HELP}")
    return target


@cache
def _target_text(text: str) -> str:
    match = _TARGET.fullmatch(text)
    if not match:
        raise ValueProblem(f"target must be {_TARGET_HELP}; got {_shown(text)}")
    goal_part, digits, letter = int(match.group(1)), match.group(2), match.group(3)
    number = str(int(digits)) if digits else letter.lower()
    return f"{goal_part}.{number}"


def parse_target(value: object, goal: int | None = None) -> str | None:
    """Official SDG target code ("11.a") from "11.A", "Target 2.3", "SDG 11.a"; None when blank."""
    if is_blank(value):
        return None
    real = _real(value)
    if real is not None:
        if not math.isfinite(real):
            raise ValueProblem(f"target must be {_TARGET_HELP}; got {_shown(value)}")
        text = format(real, ".15g")
        ambiguous = f"{text}0"
        if "." in text and ambiguous in _targets() and text in _targets():
            raise ValueProblem(
                f"target {text} was stored as a number, so {text} and {ambiguous} look the same: "
                "format the target column as text and write the target again"
            )
        target = _target_text(text)
    elif isinstance(value, bool):
        raise ValueProblem(f"target must be {_TARGET_HELP}; got {_shown(value)}")
    else:
        target = _target_text(_text(value))
    return _target_goal_check(target, goal, value)


# --- status and category ---------------------------------------------------------------------------------

_STATUS_ALIASES: dict[str, tuple[str, ...]] = {
    "planned": ("planned", "plan", "not started", "not yet started", "pending", "to do", "todo",
                "ยังไม่เริ่ม", "ยังไม่ดำเนินการ", "ยังไม่ได้ดำเนินการ", "ยังไม่ได้เริ่ม", "รอดำเนินการ",
                "อยู่ระหว่างเตรียมการ", "เตรียมการ", "วางแผน"),
    "in_progress": ("in progress", "inprogress", "ongoing", "on going", "underway", "under way", "started",
                    "active", "wip", "กำลังดำเนินการ", "ระหว่างดำเนินการ", "ดำเนินการอยู่",
                    "อยู่ระหว่างการดำเนินการ"),
    "completed": ("completed", "complete", "done", "finished", "closed", "เสร็จ", "เสร็จสิ้น", "เสร็จแล้ว",
                  "แล้วเสร็จ", "ดำเนินการเสร็จ", "ดำเนินการเสร็จแล้ว", "ดำเนินการเสร็จสิ้น", "ดำเนินการแล้ว",
                  "ดำเนินการแล้วเสร็จแล้ว"),
    "cancelled": ("cancelled", "canceled", "cancel", "dropped", "terminated", "ยกเลิก", "ยกเลิกโครงการ",
                  "ยกเลิกแล้ว"),
}


@cache
def _status_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for key, (thai, english) in PROJECT_STATUSES.items():
        for form in (key, thai, english, *_STATUS_ALIASES.get(key, ())):
            lookup[_compact(unicodedata.normalize("NFC", form))] = key
    return lookup


_PERCENT = re.compile(r"ร้อยละ\s*(\d{1,3}(?:\.\d+)?)|(\d{1,3}(?:\.\d+)?)\s*(?:%|เปอร์เซ็นต์|percent)",
                      re.IGNORECASE)
_STATUS_NOTE = re.compile(r"[\(\[（]([^\)\]）]*)[\)\]）]")


def _status_with_note(text: str) -> tuple[str | None, float | None]:
    """(status, percent done) of a status followed by a note: brackets, a percentage, or words after it."""
    notes = [m.group(1) for m in _STATUS_NOTE.finditer(text)]
    body = _STATUS_NOTE.sub(" ", text).strip()
    lookup = _status_lookup()
    status = lookup.get(_compact(body))
    if status is None:  # "อยู่ระหว่างดำเนินการ ร้อยละ 60", "In progress - 60%": the longest status it starts with
        cuts = sorted({m.start() for m in re.finditer(r"[\s:,;\-–—/]", body)}, reverse=True)
        for cut in cuts:
            status = lookup.get(_compact(body[:cut]))
            if status is not None:
                notes = [*notes, body[cut:]]
                break
    percents = [float(m.group(1) or m.group(2)) for n in notes for m in _PERCENT.finditer(n)]
    return status, (percents[0] if percents else None)


@cache
def _status_text(text: str) -> str:
    status = _status_lookup().get(_compact(text))
    if status is None:
        status, percent = _status_with_note(text)
        if status == "completed" and percent is not None and percent < 100:
            raise ValueProblem(
                f"status {_shown(text)} says completed but {percent:g}% done: write อยู่ระหว่างดำเนินการ "
                "(In progress) if the work is not finished, or remove the percentage"
            )
    if status is None:
        forms = "; ".join(f"{thai} / {english}" for thai, english in PROJECT_STATUSES.values())
        raise ValueProblem(f"unknown project status {_shown(text)}; write one of: {forms}")
    return status


def parse_status(value: object) -> str | None:
    """Project status as a key of PROJECT_STATUSES from its Thai or English forms; None when blank."""
    if is_blank(value):
        return None
    return _status_text(_text(value))


_CATEGORY_ALIASES: dict[str, tuple[str, ...]] = {
    "poverty": ("แก้ไขปัญหาคความยากจน", "แก้ปัญหาความยากจน", "ความยากจน", "ยากจน", "แก้จน", "poverty",
                "poverty reduction", "poverty alleviation"),
    "water": ("บริหารจัดการน้ำ", "จัดการน้ำ", "น้ำ", "water", "water management", "sustainable water management"),
    "other": ("อื่นๆ", "อื่น", "other", "others", "other issues"),
    "drugs": ("แก้ปัญหายาเสพติด", "ยาเสพติด", "drug", "drugs", "drug problems", "narcotics"),
    "classroom": ("ห้องเรียนชุมชน", "community classroom", "classroom", "grassroots economy",
                  "community classroom and grassroots economy"),
}
_CATEGORY_PREFIX = re.compile(r"^(?:โครงการ|ประเภท|ด้าน|การ)+")


def _category_key(text: str) -> str:
    """Compacted category text without the 'project type' words and examples people add."""
    text = re.sub(r"[\(\[（].*?[\)\]）]", "", text.lower())
    text = re.split(r"เช่น|such as|e\.g\.", text)[0]
    return _CATEGORY_PREFIX.sub("", _compact(text).replace("ๆ", ""))


@cache
def _category_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for row in read_reference("district_categories").itertuples(index=False):
        code = str(row.category)
        for form in (code, row.name_th, row.name_en, *_CATEGORY_ALIASES.get(code, ())):
            lookup[_category_key(unicodedata.normalize("NFC", str(form)))] = code
    return lookup


@cache
def _category_text(text: str) -> str:
    code = _category_lookup().get(_category_key(text))
    if code is None:
        names = ", ".join(
            f"{row.name_th} ({row.category})" for row in read_reference("district_categories").itertuples()
        )
        raise ValueProblem(f"unknown district project category {_shown(text)}; write one of: {names}")
    return code


def parse_category(value: object) -> str:
    """District-programme category code (poverty, water, other, drugs, classroom) from Thai/English."""
    if is_blank(value):
        raise ValueProblem("district project category is missing; write e.g. แก้ไขปัญหาความยากจน or poverty")
    return _category_text(_text(value))


# --- free text -------------------------------------------------------------------------------------------

_HTML_TAG = re.compile(r"</?[a-z][a-z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--|<!doctype", re.IGNORECASE)
# What a spreadsheet runs as a formula when the cell is opened (tab and CR are trimmed off first).
FORMULA_START = ("=", "@", "+", "-", "＝", "＠", "＋", "－")


def clean_text(value: object, *, required: bool) -> str | None:
    """Text as stored: NFC, trimmed, one space between words; refuses formulas and HTML tags."""
    if is_blank(value):
        if required:
            raise ValueProblem("this cell is required but empty; fill it in")
        return None
    real = _real(value)
    if real is not None and math.isfinite(real) and real.is_integer():
        value = int(real)
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    text = _SPACES.sub(" ", _CONTROL.sub("", text)).strip()
    if not text:
        if required:
            raise ValueProblem("this cell is required but empty; fill it in")
        return None
    if text.startswith(FORMULA_START):
        raise ValueProblem(
            f"text {_shown(text)} starts with '{text[0]}', so a spreadsheet would run it as a formula: "
            "remove the leading character (a list dash or plus is not part of the name)"
        )
    tag = _HTML_TAG.search(text)
    if tag:
        raise ValueProblem(
            f"text {_shown(text)} contains an HTML tag ({tag.group(0)!r}): "
            "write plain text, without <...> markup"
        )
    return text
