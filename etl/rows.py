"""Rows a clerk adds that are not data: totals, notes, headings, instructions, examples, repeated headers.

Each is recognised from its cells and skipped with a warning that says what it was taken for, so it
never becomes a project and never causes a cascade of "missing field" errors. Anything that does not
clearly look like one of these stays a data row and is validated as usual.
"""
from __future__ import annotations

import re
import unicodedata

from etl.schema import Dataset, header_lookup, normalise_header

_DIGITS = "0-9๐-๙"
_TOTAL = re.compile(
    rf"(?:ยอด)?รวม(?:ทั้งสิ้น|ทั้งหมด|ทั้งจังหวัด|ทั้งประเทศ|ทุกโครงการ|ทุกอำเภอ|งบประมาณ|ยอด|จำนวน|เงิน)?"
    rf"\s*(?:[:：=]\s*)?(?:\(?\s*[{_DIGITS},.]+\s*(?:โครงการ|รายการ|อำเภอ|บาท)?\s*\)?)?"
    r"|(?:grand\s*|sub\s*-?\s*)?totals?(?:\s*[:(].*|\s+[0-9].*|\s+(?:budget|projects?|amount))?|sum",
    re.IGNORECASE,
)
_NOTE = re.compile(r"(?:หมายเหตุ|หมายเหต|ที่มา|แหล่งที่มา|แหล่งข้อมูล|ข้อมูล\s*ณ)|(?:notes?|remarks?|source)\b|[*※＊]",
                   re.IGNORECASE)
_INSTRUCTION = re.compile(
    r"(?:กรุณา|โปรด|กรอก|ระบุ|เลือก(?:จาก|จังหวัด|อำเภอ|ประเภท|สถานะ|ปี|รายการ)|คำอธิบาย|คำแนะนำ|ให้กรอก"
    r"|please|enter\b|fill\b|select\b|choose\b|e\.g\.|เช่น|หน่วย|unit\b|-+\s*เลือก)",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(r"[\(\[（]?\s*(?:ตัวอย่าง|example|sample row|e\.g\.)", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"x{2,}|\.{3,}|…+|-{2,}.*-{2,}|_{3,}|\?+|<[^<>]*>|\[[^\[\]]*\]", re.IGNORECASE)
_BRACKETED = re.compile(r"[\(\[（].*[\)\]）]")
_NUMBERING = re.compile(rf"\(?\s*[{_DIGITS}]{{1,2}}\s*\)?")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _is_numbering(filled: list[str]) -> bool:
    """(1) (2) (3) ... or 1 2 3 ...: the column numbers some forms print under the headers."""
    if len(filled) < 3 or not all(_NUMBERING.fullmatch(c) for c in filled):
        return False
    digits = [int(re.sub(r"\D", "", c.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))) for c in filled]
    return digits == list(range(digits[0], digits[0] + len(digits)))


# Cheap first look: a row is only looked at closely if its first cell could start a non-data row.
_MAYBE = re.compile("|".join((
    r"(?:ยอด)?รวม|total|grand|sub|sum|ตัวอย่าง|example|sample|e\.g\.|[\(\[（]",
    _NOTE.pattern, _INSTRUCTION.pattern, _PLACEHOLDER.pattern, rf"[{_DIGITS}]{{1,2}}\s*$",
)), re.IGNORECASE)
# Only a label starting like this can make a row a total or an example.
_SUSPECT = ("รวม", "ยอดรวม", "total", "grand", "sub", "sum", "ตัวอย่าง", "example", "sample", "e.g.",
            "(", "[", "（")


class RowSorter:
    """Tells data rows from the other rows of one table (its dataset and which columns hold text).

    Called once per row of every input, so a data row is let through after a few cheap prefix checks;
    the regular expressions only run on cells that could start a total, note or example.
    """

    def __init__(self, dataset: Dataset, text_columns: list[int], headers: list[str] | None = None) -> None:
        self.dataset = dataset
        self.text_columns = text_columns
        self.header_words = set(header_lookup(dataset)) | {h.strip().lower() for h in headers or [] if h} | {
            normalise_header(h) for h in headers or [] if h}

    def _is_header(self, cell: str) -> bool:
        return cell.lower() in self.header_words

    def reason(self, cells: list[str]) -> str | None:
        """What this row is if it is not data ("a total row", ...), or None for a data row."""
        first = next((c for c in cells if c), "")
        if (len(cells) - cells.count("") >= 3 and not _MAYBE.match(first.lstrip())
                and first.strip().lower() not in self.header_words
                and not any(cells[i].lstrip().lower().startswith(_SUSPECT)
                            for i in self.text_columns if i < len(cells) and cells[i])):
            return None  # three cells or more and nothing that starts a non-data row: data
        return self._other_row(cells)

    def _other_row(self, cells: list[str]) -> str | None:
        filled = [c.strip() for c in cells if c and not c.isspace()]
        if not filled:
            return None
        first = filled[0]
        labels = (first, *(cells[i] for i in self.text_columns if i < len(cells) and cells[i]))
        suspects = [_norm(t) for t in labels if t.lstrip().lower().startswith(_SUSPECT)]
        if suspects and any(_TOTAL.fullmatch(t) for t in suspects):
            return "a total row"
        if len(filled) <= 2 and _NOTE.match(first):
            return "a note"
        if suspects and any(_EXAMPLE.match(t) for t in suspects):
            return "the template's example row"
        if len(first) < 60 and self._is_header(first) and sum(map(self._is_header, filled)) >= 2:
            return "the header row repeated"
        if len(first) <= 6 and _NUMBERING.fullmatch(first) and _is_numbering(filled):
            return "a row of column numbers"
        if all(_INSTRUCTION.match(c) or _BRACKETED.fullmatch(c) for c in filled):
            return "an instruction row"
        if all(_PLACEHOLDER.fullmatch(c) for c in filled):
            return "a placeholder row"
        if len(filled) == 1:
            return "a heading (only one cell filled)"
        return None
