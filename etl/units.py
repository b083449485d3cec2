"""The unit a budget is written in: from its header, a line above the headers, or the cell itself.

Provincial offices often report budgets in thousands or millions of baht and say so once, in the
header ("งบประมาณ (ล้านบาท)") or in a line above the table ("หน่วย: ล้านบาท"). Reading those numbers as
baht would shrink a province's budget a million times, so a unit is either understood and applied
or refused by name: never dropped.
"""
from __future__ import annotations

import re
import unicodedata

# Compacted unit wording -> baht per unit. Longest first, so "ล้านบาท" wins over "บาท".
_UNITS: tuple[tuple[str, float], ...] = tuple(sorted({
    "บาท": 1.0, "baht": 1.0, "thb": 1.0, "฿": 1.0,
    "พันบาท": 1e3, "thousandbaht": 1e3, "thousandthb": 1e3, "thbthousand": 1e3, "bahtthousand": 1e3,
    "kthb": 1e3, "thbk": 1e3, "'000baht": 1e3, "000baht": 1e3, "000thb": 1e3,
    "หมื่นบาท": 1e4, "แสนบาท": 1e5,
    "ล้านบาท": 1e6, "millionbaht": 1e6, "millionthb": 1e6, "thbmillion": 1e6, "bahtmillion": 1e6,
    "mthb": 1e6, "thbm": 1e6, "mbaht": 1e6, "ลบ": 1e6,
}.items(), key=lambda kv: -len(kv[0])))
# Words that say "this is a unit" but name none we can convert: refused rather than read as baht.
_FOREIGN = re.compile(r"usd|us\$|\$|dollar|ดอลลาร์|eur|€|yen|¥|สตางค์|satang|%|ร้อยละ|percent", re.IGNORECASE)
_BRACKETED = re.compile(r"[\(\[（]([^\)\]）]*)[\)\]）]")
_UNIT_WORD = re.compile(r"^\s*(?:หน่วย|unit|units|in)\s*[:：]?\s*", re.IGNORECASE)
_STATEMENT = re.compile(r"(?:หน่วย|unit|units)\s*[:：]?\s*([^\)\]）,;]*)", re.IGNORECASE)


class UnitProblem(ValueError):
    """A unit is written but cannot be converted to baht; str(exc) says which and what to do."""


def _compact(text: str) -> str:
    return re.sub(r"[\s.:：]+", "", unicodedata.normalize("NFC", text).lower())


def unit_factor(text: str) -> float | None:
    """Baht per unit of a unit phrase ("ล้านบาท" -> 1e6); None when the text names no unit at all.

    Raises UnitProblem when the text names a currency or unit that is not baht.
    """
    body = _UNIT_WORD.sub("", text.strip().strip("()[]（）"))
    compact = _compact(body)
    for words, factor in _UNITS:
        if compact == words:
            return factor
    if _FOREIGN.search(body):
        raise UnitProblem(f"unit {text.strip()!r} is not baht")
    return None


def header_unit(header: str) -> float | None:
    """The unit a budget header states in brackets or at its end; None when it states none."""
    found: set[float] = set()
    for part in _BRACKETED.findall(header):
        factor = unit_factor(part)
        if factor is not None:
            found.add(factor)
    bare = _BRACKETED.sub(" ", header)
    for words, factor in _UNITS:
        if _compact(bare).endswith(words) and len(words) > 1:
            found.add(factor)
            break
    if _FOREIGN.search(header):
        raise UnitProblem(f"header {header.strip()!r} states a unit that is not baht")
    if len(found) > 1:
        raise UnitProblem(f"header {header.strip()!r} states two different units")
    return found.pop() if found else None


def stated_unit(lines: list[str]) -> tuple[float, str] | None:
    """A "หน่วย: ล้านบาท" line above the headers: (baht per unit, the text); None when there is none."""
    for line in lines:
        for match in _STATEMENT.finditer(line):
            factor = unit_factor(match.group(1))
            if factor is not None:
                return factor, line
            if match.group(1).strip() and _FOREIGN.search(match.group(1)):
                raise UnitProblem(f"the line {line.strip()!r} states a unit that is not baht")
    return None


def strip_unit(header: str) -> str:
    """The header without a trailing unit phrase, to match "งบประมาณ ล้านบาท" to the budget column."""
    bare = header.rstrip()
    lowered = bare.lower()
    for words, _ in _UNITS:
        if lowered.replace(" ", "").endswith(words):
            cut = len(bare)
            kept = 0
            while cut > 0 and kept < len(words):
                cut -= 1
                if not bare[cut].isspace():
                    kept += 1
            return bare[:cut].strip()
    return header
