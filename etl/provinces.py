"""Any written form of a province or district name, resolved to its DOPA code.

Provinces write their own names many ways (Thai or English, with `จ.` or `Province`, Lopburi or
Lop Buri, กทม. for Bangkok, TH-50 or ๕๐). Exact forms resolve silently; a misspelling of one or two
letters resolves only when no other province is that close, and then with a warning. Anything else is
a `ProvinceProblem` that names up to three likely provinces: never a silent wrong match.
"""
from __future__ import annotations

import numbers
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TextIO

from etl.reference import read_reference
from etl.values import ValueProblem, is_blank, thai_digits_to_arabic


@dataclass(frozen=True)
class Province:
    """One of the 77 provinces; `code` is the 2-digit DOPA code ("50"), equal to the ISO number."""

    code: str
    name_th: str
    name_en: str

    def label(self) -> str:
        return f"{self.name_th} ({self.name_en}, {self.code})"


@dataclass(frozen=True)
class Match:
    """A resolved province; `warning` is set when it was read from a misspelling."""

    province: Province
    warning: str | None


@dataclass(frozen=True)
class District:
    """One district (amphoe / khet); `code` is the 4-digit DOPA code ("5001")."""

    code: str
    province_code: str
    name_th: str
    name_en: str

    def label(self) -> str:
        return f"{self.name_th} ({self.name_en}, {self.code})"


class ProvinceProblem(ValueProblem):
    """An unknown or ambiguous province name; `suggestions` are the likeliest provinces, best first."""

    def __init__(self, message: str, suggestions: Iterable[Province] = ()) -> None:
        super().__init__(message)
        self.suggestions: tuple[Province, ...] = tuple(suggestions)


class DistrictProblem(ValueProblem):
    """An unknown or ambiguous district name; `suggestions` are districts of the same province."""

    def __init__(self, message: str, suggestions: Iterable[District] = ()) -> None:
        super().__init__(message)
        self.suggestions: tuple[District, ...] = tuple(suggestions)


# Romanisations and short forms in common use (the seed's governors list writes "Khon Keen").
_EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "10": ("Bangkok Metropolis", "Krung Thep Maha Nakhon", "Krung Thep Mahanakhon", "Krung Thep", "BKK",
           "Bangkok Metropolitan Administration", "BMA", "กรุงเทพ", "กทม", "บางกอก"),
    "11": ("Samut Prakarn", "Samutprakarn"),
    "12": ("Nontaburi",),
    "13": ("Patum Thani", "Pathumtani"),
    "14": ("Ayutthaya", "Ayuthaya", "Ayudhya", "Ayuttaya", "Phra Nakhon Si Ayudhya", "อยุธยา"),
    "16": ("Lopburi",),
    "18": ("Chainat",),
    "20": ("Cholburi",),
    "22": ("Chantaburi", "Chanthaburi"),
    "23": ("Trad",),
    "24": ("Chachoengsao", "Chachengsao", "Paet Rio", "Paetriu", "แปดริ้ว"),
    "26": ("Nakorn Nayok",),
    "27": ("Sa Kaew", "Srakaew", "Sakaeo", "Sakaew", "Sra Kaeo"),
    "30": ("Korat", "Khorat", "Nakorn Ratchasima", "Nakhon Rajasima", "โคราช"),
    "31": ("Buriram",),
    "33": ("Sisaket", "Srisaket", "Sri Saket", "Si Saket"),
    "34": ("Ubon", "Ubon Rachathani", "อุบล"),
    "36": ("Chaiyapoom",),
    "38": ("Buengkan", "Bung Kan", "Bungkan", "Bueng Kan"),
    "39": ("Nong Bua Lamphu", "Nongbualamphu", "Nong Bua Lumphu"),
    "40": ("Khon Keen", "Khonkaen", "Khon Khaen"),
    "41": ("Udon", "Udorn", "Udorn Thani", "อุดร"),
    "42": ("Loey",),
    "44": ("Mahasarakham", "Maha Sarakam"),
    "45": ("Roiet", "Roi-Et"),
    "47": ("Sakhon Nakhon",),
    "48": ("Nakorn Panom", "Nakhon Panom"),
    "50": ("Chiengmai", "Chieng Mai"),
    "51": ("Lampoon", "Lamphoon"),
    "53": ("Utaradit",),
    "54": ("Prae",),
    "56": ("Payao",),
    "57": ("Chiengrai", "Chieng Rai"),
    "58": ("Maehongson",),
    "60": ("Nakorn Sawan",),
    "62": ("Kamphaengphet", "Kampaeng Phet", "Kamphaeng Pet"),
    "64": ("Sukothai",),
    "65": ("Pitsanulok", "Phitsanuloke"),
    "66": ("Pichit",),
    "67": ("Petchabun", "Phetchaboon"),
    "70": ("Ratburi", "Rat Buri", "Rajaburi", "Rachaburi"),
    "71": ("Kanjanaburi",),
    "72": ("Suphanburi", "Supanburi"),
    "73": ("Nakorn Pathom",),
    "74": ("Samut Sakorn", "Samutsakorn"),
    "75": ("Samut Songkram", "Samutsongkram"),
    "76": ("Petchaburi", "Phetburi", "Phet Buri"),
    "77": ("Prachuab Khiri Khan", "Prachuap Khirikhan", "Prachuabkhirikhan"),
    "80": ("Nakhon Sri Thammarat", "Nakorn Sri Thammarat", "Nakhon Si Thammarat"),
    "82": ("Phang Nga", "Pang Nga"),
    "83": ("Puket",),
    "84": ("Suratthani", "Surat"),
    "86": ("Chumporn", "Chumpon"),
    "90": ("Songkla",),
    "91": ("Satul",),
    "93": ("Pattalung", "Phattalung"),
    "96": ("Narathiwas",),
}

_THAI_CHAR = re.compile(r"[\u0e00-\u0e7f]")
_LATIN_CHAR = re.compile(r"[A-Za-z]")
_LATIN_PROVINCE_WORDS = re.compile(
    r"\b(?:province\s+of|province|prov|changwat|changwad|jangwat|thailand|kingdom\s+of)\b\.?"
)
_THAI_PROVINCE_WORDS = re.compile(r"จังหวัด|^\s*จ\s*\.|^\s*จ\s+(?=\S)|ประเทศไทย|ฯ")
_THAI_TONES = dict.fromkeys(map(ord, "\u0e48\u0e49\u0e4a\u0e4b\u0e47\u0e4c\u0e4d\u0e4e\u0e3a\u0e30"))
_THAI_SOUNDALIKE = str.maketrans({
    "ศ": "ส", "ษ": "ส", "ณ": "น", "ฏ": "ฎ", "ธ": "ท", "ฑ": "ท", "ฒ": "ท", "ภ": "พ", "ฆ": "ค", "ฐ": "ถ",
    "ฬ": "ล", "ญ": "ย", "ใ": "ไ", "ี": "ิ", "ู": "ุ", "ื": "ึ",
})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_MAX_EDITS = 2
_CODE = re.compile(r"(?:th)?[\s\-_.:]*(\d{2})(?:\.0+)?", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:[()\[\]/|,;]|\s[-–—]\s)\s*")
_SCRIPT_CHANGE = re.compile(
    r"(?<=[\u0e00-\u0e7f])\s*(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])\s*(?=[\u0e00-\u0e7f])|(?<=\d)\s+(?=\D)"
)


def _text(value: object) -> str:
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    return re.sub(r"\s+", " ", thai_digits_to_arabic(text)).strip()


def _letters(text: str) -> str:
    """Letters, marks and digits only: spacing, hyphens and punctuation never decide a match."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LMN")


def _latin_key(text: str, noise: re.Pattern[str] = _LATIN_PROVINCE_WORDS) -> str:
    """Romanised name as compared: accents dropped, lower case, noise words and separators removed."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()
    key = _letters(noise.sub(" ", folded))
    return key.replace("muang", "mueang").replace("meuang", "mueang")


def _thai_key(text: str, noise: re.Pattern[str] = _THAI_PROVINCE_WORDS) -> str:
    """Thai name as compared: NFC, noise words (จังหวัด, จ.) and separators removed."""
    return _letters(noise.sub(" ", unicodedata.normalize("NFC", text)).replace("\u0e4d\u0e32", "\u0e33"))


def _skeleton(thai_key: str) -> str:
    """Thai key without tone marks, with sound-alike letters and vowel lengths merged."""
    return thai_key.translate(_THAI_TONES).translate(_THAI_SOUNDALIKE)


def _key(text: str, latin_noise: re.Pattern[str], thai_noise: re.Pattern[str]) -> tuple[str, str]:
    """('th', key) for Thai text, ('en', key) otherwise; the two never compare with each other."""
    if _THAI_CHAR.search(text):
        return "th", _thai_key(latin_noise.sub(" ", text.lower()), thai_noise)
    return "en", _latin_key(text, latin_noise)


def _fuzzy(key: tuple[str, str]) -> tuple[str, str]:
    """The form misspellings are measured on: Thai keys lose tone marks and sound-alike letters merge."""
    return (key[0], _skeleton(key[1])) if key[0] == "th" else key


def edit_distance(a: str, b: str, limit: int = _MAX_EDITS) -> int:
    """Optimal-string-alignment distance (a swap of two neighbours counts once), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _allowed_edits(key: str) -> int:
    """Short names tolerate one wrong letter, longer ones two."""
    return 1 if len(key) <= 6 else _MAX_EDITS


def _is_part_of_another_name(key: tuple[str, str], code: str) -> bool:
    """True when the text is part of another province's name ('Samut' is not a misspelt 'Satun')."""
    return any(k[0] == key[0] and key[1] in k[1]
               for other, own in _provinces().keys.items() if other != code for k in own)


# --- provinces ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Index:
    """Province lookups: codes, exact name keys -> codes, and each province's names for fuzzy matching."""

    by_code: dict[str, Province]
    exact: dict[tuple[str, str], frozenset[str]]
    keys: dict[str, tuple[tuple[str, str], ...]]  # province code -> its names in `_fuzzy` form


def _add(table: dict[tuple[str, str], frozenset[str]], key: tuple[str, str], code: str) -> None:
    if key[1]:
        table[key] = table.get(key, frozenset()) | {code}


@cache
def _provinces() -> _Index:
    """Every province's names (reference table plus common romanisations), indexed once per process."""
    exact: dict[tuple[str, str], frozenset[str]] = {}
    by_code: dict[str, Province] = {}
    keys: dict[str, tuple[tuple[str, str], ...]] = {}
    for row in read_reference("provinces").itertuples(index=False):
        province = Province(str(row.province_code), str(row.name_th), str(row.name_en))
        by_code[province.code] = province
        names = (province.name_th, province.name_en, *_EXTRA_NAMES.get(province.code, ()))
        own = {_key(_text(name), _LATIN_PROVINCE_WORDS, _THAI_PROVINCE_WORDS) for name in names}
        for key in own:
            _add(exact, key, province.code)
        keys[province.code] = tuple(sorted({_fuzzy(key) for key in own}))
    return _Index(by_code, exact, keys)


def provinces() -> tuple[Province, ...]:
    """All 77 provinces in code order."""
    return tuple(_provinces().by_code.values())


def _province_by_code(code: str, raw: str) -> Province:
    province = _provinces().by_code.get(code)
    if province is None:
        raise ProvinceProblem(
            f"no province has code {code} ({raw!r}): codes run from 10 (Bangkok) to 96 (Narathiwat); "
            "see data/reference/provinces.csv, or write the province's name"
        )
    return province


def _exact(text: str) -> frozenset[str]:
    return _provinces().exact.get(_key(text, _LATIN_PROVINCE_WORDS, _THAI_PROVINCE_WORDS), frozenset())


def _by_parts(text: str) -> frozenset[str]:
    """Codes named by every part of 'เชียงใหม่ (Chiang Mai)', '50 - Chiang Mai' and similar, when they agree."""
    parts = [p for p in _SPLIT.split(text) if p.strip()]
    if len(parts) == 1:
        parts = [p for p in _SCRIPT_CHANGE.split(text) if p.strip()]
    if len(parts) < 2:
        return frozenset()
    found: set[str] = set()
    for part in parts:
        code = _CODE.fullmatch(part.strip())
        codes = frozenset({code.group(1)}) if code else _exact(part)
        if len(codes) != 1:
            return frozenset()
        found |= codes
    return frozenset(found) if len(found) == 1 else frozenset()


def _distances(key: tuple[str, str], limit: int) -> dict[str, int]:
    """Province code -> fewest edits from `key` to any of its names in the same script (<= limit)."""
    result: dict[str, int] = {}
    for code, own in _provinces().keys.items():
        best = min((edit_distance(key[1], k[1], limit) for k in own if k[0] == key[0]), default=limit + 1)
        if best <= limit:
            result[code] = best
    return result


def _suggest(key: tuple[str, str], close: dict[str, int]) -> list[Province]:
    """Up to three provinces the writer may have meant: the closest spellings, then names containing it."""
    index = _provinces()
    nearest = sorted((c for c in close if close[c] <= 1), key=lambda c: (close[c], c))
    containing: dict[str, int] = {}
    loose: dict[str, int] = {}
    if len(key[1]) >= 3:
        for code, own in index.keys.items():
            same = [k[1] for k in own if k[0] == key[0] and key[1] in k[1]]
            lengths = [len(k) - 100 * k.startswith(key[1]) for k in same]
            if lengths:
                containing[code] = min(lengths)
        loose = _distances(key, max(_MAX_EDITS, len(key[1]) // 3))
    ranked = nearest + sorted(containing, key=lambda c: (containing[c], c))
    ranked += sorted(close, key=lambda c: (close[c], c)) + sorted(loose, key=lambda c: (loose[c], c))
    return [index.by_code[c] for c in dict.fromkeys(ranked)][:3]


def _listing(items: list[Province] | list[District]) -> str:
    labels = [item.label() for item in items]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def _resolve_text(text: str) -> Match:
    index = _provinces()
    code = _CODE.fullmatch(text)
    if code:
        return Match(_province_by_code(code.group(1), text), None)
    codes = _exact(text) or _by_parts(text)
    if len(codes) > 1:
        many = [index.by_code[c] for c in sorted(codes)]
        raise ProvinceProblem(f"province {text!r} could be {_listing(many)}: write the full name", many)
    if codes:
        return Match(index.by_code[next(iter(codes))], None)
    key = _fuzzy(_key(text, _LATIN_PROVINCE_WORDS, _THAI_PROVINCE_WORDS))
    if not key[1]:
        raise ProvinceProblem(
            f"{text!r} is not a province name: write the Thai or English name or the 2-digit code"
        )
    close = _distances(key, _MAX_EDITS)
    if len(close) == 1:
        only, edits = next(iter(close.items()))
        if edits <= _allowed_edits(key[1]) and not _is_part_of_another_name(key, only):
            province = index.by_code[only]
            how = "a spelling variant of" if edits == 0 else f"{edits} letter(s) away from"
            warning = (f"{text!r} read as {province.label()}: it is {how} that name and no other province "
                       "is that close; check the spelling")
            return Match(province, warning)
    suggestions = _suggest(key, close)
    if len(close) > 1:
        raise ProvinceProblem(
            f"province {text!r} is ambiguous: several provinces are that close, such as "
            f"{_listing(suggestions)}; write the name in full or use the 2-digit code", suggestions)
    hint = f"did you mean {_listing(suggestions)}? " if suggestions else ""
    raise ProvinceProblem(
        f"unknown province {text!r}: {hint}write the Thai or English name (เชียงใหม่, Chiang Mai) "
        "or the 2-digit code (50) as in data/reference/provinces.csv", suggestions)


@cache
def _resolve_cached(text: str) -> Match | ProvinceProblem:
    try:
        return _resolve_text(text)
    except ProvinceProblem as problem:
        return problem


def resolve_province(value: object) -> Match:
    """The province meant by any written form of its name or code; ProvinceProblem when unsure."""
    if is_blank(value):
        raise ProvinceProblem("province is missing: write the Thai or English name or the 2-digit code")
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and 0 <= number < 100:
            return Match(_province_by_code(f"{int(number):02d}", str(value)), None)
        raise ProvinceProblem(f"{value!r} is not a province code: codes are 2 digits, 10 to 96")
    result = _resolve_cached(_text(value))
    if isinstance(result, ProvinceProblem):
        raise ProvinceProblem(str(result), result.suggestions)
    return result


# --- districts ---------------------------------------------------------------------------------------------

_LATIN_DISTRICT_WORDS = re.compile(
    r"^\s*(?:king\s+amphoe|amphoe|amphur|amphor|khet|district\s+of)\b\.?|\bdistrict\b\.?|"
    r",.*$|\b(?:province|changwat)\b.*$"
)
_THAI_DISTRICT_WORDS = re.compile(
    r"^\s*(?:กิ่ง\s*อำเภอ|กิ่ง\s*อ\s*\.|อำเภอ|อ\s*\.|เขต)|(?:\s|^)(?:จังหวัด|จ\s*\.)\s*\S+$|ฯ"
)


@dataclass(frozen=True)
class _DistrictIndex:
    """One province's districts: by code, by exact name key, and by `_fuzzy` name key."""

    by_code: dict[str, District]
    exact: dict[tuple[str, str], frozenset[str]]
    fuzzy: dict[tuple[str, str], frozenset[str]]


@cache
def _districts(province_code: str) -> _DistrictIndex:
    """One province's districts indexed by every name form, the capital also as เมือง / Mueang."""
    province = _province_by_code(province_code, province_code)
    table = read_reference("districts")
    rows = table[table["province_code"] == province_code]
    by_code = {
        str(r.district_code): District(str(r.district_code), province_code, str(r.name_th), str(r.name_en))
        for r in rows.itertuples(index=False)
    }
    names = [(d.code, name) for d in by_code.values() for name in (d.name_th, d.name_en)]
    capital = by_code.get(f"{province_code}01")
    if capital is not None and province_code != "10":
        for place in (province.name_th, province.name_en, *_EXTRA_NAMES.get(province_code, ())):
            names.append((capital.code, f"เมือง{place}" if _THAI_CHAR.search(place) else f"Mueang {place}"))
        names += [(capital.code, "เมือง"), (capital.code, "Mueang")]
    exact: dict[tuple[str, str], frozenset[str]] = {}
    fuzzy: dict[tuple[str, str], frozenset[str]] = {}
    for code, name in names:
        key = _key(_text(name), _LATIN_DISTRICT_WORDS, _THAI_DISTRICT_WORDS)
        _add(exact, key, code)
        _add(fuzzy, _fuzzy(key), code)
    return _DistrictIndex(by_code, exact, fuzzy)


def _district_suggestions(key: tuple[str, str], province_code: str) -> list[District]:
    index = _districts(province_code)
    limit = max(_MAX_EDITS, len(key[1]) // 3)
    scored: dict[str, int] = {}
    for (script, name), codes in index.fuzzy.items():
        if script != key[0]:
            continue
        edits = edit_distance(key[1], name, limit)
        if edits > limit and not (len(key[1]) >= 3 and key[1] in name):
            continue
        for code in codes:
            scored[code] = min(scored.get(code, limit + 1), edits)
    return [index.by_code[c] for c in sorted(scored, key=lambda c: (scored[c], c))[:3]]


def _district_by_code(code: str, index: _DistrictIndex, where: str) -> str:
    if code in index.by_code:
        return code
    table = read_reference("districts")
    owner = table.loc[table["district_code"] == code, "province_code"]
    elsewhere = f"; {code} is a district of province {owner.iloc[0]}" if len(owner) else ""
    raise DistrictProblem(f"no district {code} {where}{elsewhere}: check the district and province codes")


def resolve_district(value: object, province_code: str) -> str:
    """The 4-digit code of the district meant, looked up only within the given province."""
    province = _province_by_code(str(province_code), str(province_code))
    where = f"in {province.label()}"
    if is_blank(value):
        raise DistrictProblem(f"district is missing: write its Thai or English name or 4-digit code {where}")
    index = _districts(province.code)
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(float(value)))
    text = _text(value)
    if re.fullmatch(r"\d{4}", text):
        return _district_by_code(text, index, where)
    key = _key(text, _LATIN_DISTRICT_WORDS, _THAI_DISTRICT_WORDS)
    codes = index.exact.get(key) or index.fuzzy.get(_fuzzy(key), frozenset())
    if len(codes) == 1:
        return next(iter(codes))
    if len(codes) > 1:
        many = [index.by_code[c] for c in sorted(codes)]
        raise DistrictProblem(
            f"district {text!r} {where} could be {_listing(many)}: write the Thai name or 4-digit code", many
        )
    suggestions = _district_suggestions(_fuzzy(key), province.code)
    hint = f"did you mean {_listing(suggestions)}? " if suggestions else ""
    raise DistrictProblem(f"unknown district {text!r} {where}: {hint}write the name as in "
                          "data/reference/districts.csv or the 4-digit code", suggestions)


# --- command line ------------------------------------------------------------------------------------------

def _one_line(text: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", text)


def resolve_cli(names: list[str], out: TextIO = sys.stdout) -> int:
    """`python -m etl resolve NAME...`: one tab-separated line per name; exit code 1 if any failed."""
    failed = False
    for name in names:
        shown = _one_line(name)
        try:
            match = resolve_province(name)
        except ValueProblem as problem:
            failed = True
            out.write(f"{shown}\tERROR\t{_one_line(str(problem))}\n")
            continue
        if match.warning:
            print(f"warning: {_one_line(match.warning)}", file=sys.stderr)
        p = match.province
        out.write(f"{shown}\t{p.code}\t{p.name_th}\t{p.name_en}\n")
    return 1 if failed else 0
