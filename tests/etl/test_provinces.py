"""The province and district resolver: every way a name is written, and never a silent wrong match."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.provinces import (
    DistrictProblem,
    Match,
    ProvinceProblem,
    resolve_cli,
    resolve_district,
    resolve_province,
)
from etl.reference import read_reference
from etl.values import ValueProblem

ROOT = Path(__file__).resolve().parents[2]
PROVINCES = read_reference("provinces")
DISTRICTS = read_reference("districts")
ROWS = list(PROVINCES.itertuples(index=False))


def code_of(value: object) -> str:
    return resolve_province(value).province.code


def exact(value: object) -> Match:
    """The match, asserting it was exact (no misspelling warning)."""
    match = resolve_province(value)
    assert match.warning is None, match.warning
    return match


def test_reference_has_77_provinces() -> None:
    assert len(PROVINCES) == 77 and PROVINCES["province_code"].is_unique


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.province_code)
def test_every_province_by_every_plain_form(row: object) -> None:
    code, th, en = row.province_code, row.name_th, row.name_en  # type: ignore[attr-defined]
    thai_code = code.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    forms = [
        th,
        en,
        code,
        int(code),
        float(code),
        f"TH-{code}",
        f"TH{code}",
        f"th-{code}",
        thai_code,
        f"จ.{th}",
        f"จ. {th}",
        f"จังหวัด{th}",
        f"จังหวัด {th}",
        f" {th} ",
        f"{en} Province",
        f"Province of {en}",
        f"Changwat {en}",
        en.upper(),
        en.lower(),
        en.replace(" ", "-"),
        en.replace(" ", ""),
        f"  {en}  ".replace(" ", "  "),
        f"{th} ({en})",
        f"{code} {th}",
    ]
    for form in forms:
        match = exact(form)
        assert match.province.code == code, form
        assert (match.province.name_th, match.province.name_en) == (th, en)


# The seed's list of governors (moi-sdg-committee-1-2566.txt) spells the provinces this way.
SEED_GOVERNORS = [
    "Amnat Charoen",
    "Ang Thong",
    "Buengkan",
    "Buri Ram",
    "Chachoengsao",
    "Chai Nat",
    "Chaiyaphum",
    "Chanthaburi",
    "Chiang Mai",
    "Chiang Rai",
    "Chon Buri",
    "Chumphon",
    "Kalasin",
    "Kamphaeng Phet",
    "Kanchanaburi",
    "Khon Keen",
    "Krabi",
    "Lampang",
    "Lamphun",
    "Loei",
    "Lop Buri",
    "Mae Hong Son",
    "Maha Sarakham",
    "Mukdahan",
    "Nakhon Nayok",
    "Nakhon Pathom",
    "Nakhon Phanom",
    "Narathiwat",
    "Nakhon Sawan",
    "Nakhon Si Thammarat",
    "Nan",
    "Nong Bua Lam Phu",
    "Nong Khai",
    "Nonthaburi",
    "Pathum Thani",
    "Pattani",
    "Phangnga",
    "Phatthalung",
    "Phayao",
    "Phetchabun",
    "Phetchaburi",
    "Phichit",
    "Phitsanulok",
    "Phra Nakhon Si Ayutthaya",
    "Phrae",
    "Phuket",
    "Prachin Buri",
    "Prachuap Khiri Khan",
    "Ranong",
    "Ratchaburi",
    "Rayong",
    "Roi Et",
    "Sa Kaeo",
    "Sakon Nakhon",
    "Samut Prakan",
    "Samut Sakhon",
    "Samut Songkhram",
    "Saraburi",
    "Satun",
    "Sing Buri",
    "Si Sa Ket",
    "Songkhla",
    "Sukhothai",
    "Suphan Buri",
    "Surat Thani",
    "Surin",
    "Tak",
    "Trang",
    "Uttaradit",
    "Ubon Ratchathani",
    "Udon Thani",
    "Uthai Thani",
    "Yala",
    "Yasothon",
]


@pytest.mark.parametrize("name", SEED_GOVERNORS)
def test_seed_governor_spellings_resolve_exactly(name: str) -> None:
    exact(name)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Lopburi", "16"),
        ("Lop Buri", "16"),
        ("Phangnga", "82"),
        ("Phang Nga", "82"),
        ("Phang-nga", "82"),
        ("Chonburi", "20"),
        ("Chon Buri", "20"),
        ("Buriram", "31"),
        ("Sisaket", "33"),
        ("Si Sa Ket", "33"),
        ("Srisaket", "33"),
        ("Si Saket", "33"),
        ("Ayutthaya", "14"),
        ("Phra Nakhon Si Ayutthaya", "14"),
        ("Korat", "30"),
        ("Khorat", "30"),
        ("Nakhon Ratchasima", "30"),
        ("Bueng Kan", "38"),
        ("Buengkan", "38"),
        ("Nong Bua Lamphu", "39"),
        ("Nong Bua Lam Phu", "39"),
        ("Prachinburi", "25"),
        ("Suphanburi", "72"),
        ("Khon Kaen", "40"),
        ("Khon Keen", "40"),
        ("Khonkaen", "40"),
        ("Chiangmai", "50"),
        ("Chiang-Rai", "57"),
        ("Ubon", "34"),
        ("Udon", "41"),
        ("Sakaeo", "27"),
        ("Sa Kaew", "27"),
        ("Nakhon Sri Thammarat", "80"),
        ("Suratthani", "84"),
        ("Petchaburi", "76"),
        ("Phetburi", "76"),
        ("Phetchaboon", "67"),
        ("Ratburi", "70"),
        ("Samut Prakarn", "11"),
        ("Samut Songkram", "75"),
        ("Samut Sakorn", "74"),
        ("Chumporn", "86"),
        ("Songkla", "90"),
        ("Pattalung", "93"),
        ("Chainat", "18"),
        ("Singburi", "17"),
        ("Angthong", "15"),
        ("Roi-Et", "45"),
        ("Roiet", "45"),
        ("Mahasarakham", "44"),
        ("Amnatcharoen", "37"),
        ("Maehongson", "58"),
        ("อยุธยา", "14"),
        ("โคราช", "30"),
        ("Chanthaburi", "22"),
        ("Ubon Ratchathani", "34"),
        ("Loey", "42"),
        ("Ｃｈｉａｎｇ Ｍａｉ", "50"),
        ("Chiang Mai, Thailand", "50"),
        ("Lop Buri Prov.", "16"),
    ],
)
def test_common_romanisations(written: str, code: str) -> None:
    assert exact(written).province.code == code


@pytest.mark.parametrize(
    "written",
    [
        "กทม.",
        "กทม",
        "กรุงเทพฯ",
        "กรุงเทพ",
        "กรุงเทพมหานคร",
        "จ.กรุงเทพฯ",
        "Bangkok",
        "bangkok",
        "Bangkok Metropolis",
        "Krung Thep Maha Nakhon",
        "Krung Thep",
        "BKK",
        "bkk",
        "TH-10",
        "10",
        "๑๐",
        10,
    ],
)
def test_bangkok_forms(written: object) -> None:
    assert exact(written).province.code == "10"


# Provinces whose names differ by a few letters: each must resolve to itself and never to its neighbour.
NEAR_GROUPS = [
    (
        "Nakhon Nayok",
        "Nakhon Phanom",
        "Nakhon Pathom",
        "Nakhon Sawan",
        "Nakhon Ratchasima",
        "Nakhon Si Thammarat",
    ),
    ("Nong Khai", "Nong Bua Lam Phu"),
    ("Samut Prakan", "Samut Sakhon", "Samut Songkhram"),
    ("Phetchaburi", "Phetchabun"),
    ("Satun", "Saraburi"),
    ("Nan", "Ranong", "Rayong", "Trang", "Tak"),
    ("Chiang Mai", "Chiang Rai"),
    ("Udon Thani", "Uthai Thani", "Ubon Ratchathani"),
    ("Sakon Nakhon", "Samut Sakhon"),
    ("Phitsanulok", "Phichit", "Phayao", "Phrae"),
    ("Surin", "Surat Thani"),
    ("Lampang", "Lamphun"),
    ("Pathum Thani", "Pattani"),
    ("นครนายก", "นครพนม", "นครปฐม"),
    ("หนองคาย", "หนองบัวลำภู"),
    ("สมุทรปราการ", "สมุทรสาคร", "สมุทรสงคราม"),
    ("เพชรบุรี", "เพชรบูรณ์"),
    ("สตูล", "สระบุรี"),
    ("น่าน", "ระนอง", "ระยอง"),
    ("ลำปาง", "ลำพูน"),
    ("ปทุมธานี", "ปัตตานี"),
]


@pytest.mark.parametrize("group", NEAR_GROUPS, ids=lambda g: "/".join(g))
def test_near_pairs_never_cross_match(group: tuple[str, ...]) -> None:
    codes = [exact(name).province.code for name in group]
    assert len(set(codes)) == len(group)
    by_name = dict(zip(PROVINCES["name_en"], PROVINCES["province_code"], strict=True))
    by_name |= dict(zip(PROVINCES["name_th"], PROVINCES["province_code"], strict=True))
    assert codes == [by_name[name] for name in group]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Chachoengsoa", "24"),
        ("Nong Kai", "43"),
        ("Nakhon Pathum", "73"),
        ("Nakhon Phanum", "48"),
        ("Samut Prakhan", "11"),
        ("Samut Sakon", "74"),
        ("Phetchaboun", "67"),
        ("Satan", "91"),
        ("Kanchanabury", "71"),
        ("Songkhlaa", "90"),
        ("Ubon Ratchatani", "34"),
        ("Nakhon Ratchasim", "30"),
        ("Prachuap Kiri Khan", "77"),
        ("เชียงใหม", "50"),
        ("สุราษฏร์ธานี", "84"),
        ("ศรีษะเกษ", "33"),
        ("กาฬสินธ์", "46"),
        ("ปราจีณบุรี", "25"),
        ("อุตรดิษถ์", "53"),
        ("บุรีรัม", "31"),
        ("นครศรีธรรมราด", "80"),
    ],
)
def test_misspelling_resolves_with_a_warning(written: str, code: str) -> None:
    match = resolve_province(written)
    assert match.province.code == code
    assert match.warning is not None
    assert match.province.name_th in match.warning and "check the spelling" in match.warning


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        ("Nakhon", {"26", "48", "60", "73", "30", "80", "47"}),
        ("Samut", {"11", "74", "75"}),
        ("Phetchabur", {"67", "76"}),
        ("Chiang Mia", {"50", "57"}),
        ("Chiang Maii", {"50", "57"}),
        ("Songkhal", {"90", "43"}),
        ("Chiang", {"50", "57"}),
        ("Nam", {"55", "63", "10", "11", "74", "75"}),
        ("Ranog", {"85", "21", "92"}),
        ("Nong", {"43", "39", "85"}),
        ("หนอง", {"43", "39", "85"}),
        ("นคร", {"26", "48", "60", "73", "30", "80", "47"}),
        ("เพชรบุร", {"67", "76"}),
        ("Sakhon", {"47", "74"}),
    ],
)
def test_unsure_names_are_problems_with_suggestions(written: str, suggested: set[str]) -> None:
    with pytest.raises(ProvinceProblem) as problem:
        resolve_province(written)
    codes = {p.code for p in problem.value.suggestions}
    assert 2 <= len(codes) <= 3 and codes <= suggested
    for province in problem.value.suggestions:
        assert province.name_th in str(problem.value)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("", "missing"),
        (None, "missing"),
        ("29", "no province has code 29"),
        ("TH-99", "no province has code 99"),
        (5, "no province has code 05"),
        (50.5, "not a province code"),
        ("xyz", "unknown province"),
        ("เชียงใหม่ Chiang Rai", "unknown province"),
        ("Thailand", "not a province name"),
        ("จังหวัด", "not a province"),
        ("Mueang", "unknown province"),
        ("Bangkok Chiang Mai", "unknown province"),
    ],
)
def test_not_a_province(written: object, message: str) -> None:
    with pytest.raises(ProvinceProblem, match=message):
        resolve_province(written)


def _one_edit_variants(name: str, letters: str) -> set[str]:
    variants = set()
    for i in range(len(name)):
        variants.add(name[:i] + name[i + 1 :])
        variants.add(name[:i] + name[i + 1 : i + 2] + name[i] + name[i + 2 :])
        for letter in letters:
            variants.add(name[:i] + letter + name[i + 1 :])
    return variants - {name}


@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.province_code)
def test_one_wrong_letter_never_resolves_to_another_province(row: object) -> None:
    code, th, en = row.province_code, row.name_th, row.name_en  # type: ignore[attr-defined]
    real_names = {n.lower() for n in PROVINCES["name_en"]} | set(PROVINCES["name_th"])
    for variant in _one_edit_variants(en.lower(), "aenr") | _one_edit_variants(th, "านร่"):
        if variant in real_names:
            continue  # Ranong/Rayong and Chiang Mai/Chiang Rai are one letter apart and both real
        try:
            match = resolve_province(variant)
        except ProvinceProblem:
            continue
        assert match.province.code == code, f"{variant!r} (from {en}) resolved to {match.province.name_en}"


# --- districts -----------------------------------------------------------------------------------------

UNIQUE_EN = DISTRICTS[~DISTRICTS.duplicated(["province_code", "name_en"], keep=False)]


@pytest.mark.parametrize("province_code", sorted(PROVINCES["province_code"]))
def test_every_district_by_name_and_code(province_code: str) -> None:
    for row in DISTRICTS[DISTRICTS["province_code"] == province_code].itertuples():
        assert resolve_district(row.name_th, province_code) == row.district_code
        assert resolve_district(row.district_code, province_code) == row.district_code
        assert resolve_district(int(row.district_code), province_code) == row.district_code
        prefix = "เขต" if province_code == "10" else "อำเภอ"
        assert resolve_district(f"{prefix}{row.name_th}", province_code) == row.district_code
    for row in UNIQUE_EN[UNIQUE_EN["province_code"] == province_code].itertuples():
        assert resolve_district(row.name_en, province_code) == row.district_code
        assert resolve_district(f"{row.name_en} District", province_code) == row.district_code
        assert resolve_district(row.name_en.upper().replace(" ", "-"), province_code) == row.district_code


@pytest.mark.parametrize(
    ("written", "province_code", "district_code"),
    [
        ("เมือง", "50", "5001"),
        ("อ.เมือง", "50", "5001"),
        ("อ. เมือง", "50", "5001"),
        ("เมืองเชียงใหม่", "50", "5001"),
        ("Mueang", "50", "5001"),
        ("Mueang Chiang Mai", "50", "5001"),
        ("Muang Chiang Mai", "50", "5001"),
        ("Amphoe Mueang Chiang Mai", "50", "5001"),
        ("อ.เมือง จ.เชียงใหม่", "50", "5001"),
        ("Amphoe Mae Rim", "50", "5007"),
        ("อำเภอแม่ริม", "50", "5007"),
        ("อ.แม่ริม", "50", "5007"),
        ("กิ่งอำเภอแม่ริม", "50", "5007"),
        ("Mae Rim District", "50", "5007"),
        ("แม่ริม District", "50", "5007"),
        ("๕๐๐๗", "50", "5007"),
        ("เขตบางรัก", "10", "1004"),
        ("Khet Bang Rak", "10", "1004"),
        ("Bang Rak", "10", "1004"),
        ("บางไทร", "14", "1404"),
        ("บางซ้าย", "14", "1413"),
        ("เมืองสุราษฎร์ธานี", "84", "8401"),
        ("Mueang Surat Thani", "84", "8401"),
        ("เมืองนครศรีธรรมราช", "80", "8001"),
        ("Mueang Korat", "30", "3001"),
        ("เมืองยาง", "30", "3027"),
        ("Mueang Yang", "30", "3027"),
        ("สนามชัยเขต", "24", "2408"),
        ("Sanam Chai Khet", "24", "2408"),
        ("เมือง", "14", "1401"),
        (5001.0, "50", "5001"),
    ],
)
def test_district_forms(written: object, province_code: str, district_code: str) -> None:
    assert resolve_district(written, province_code) == district_code


@pytest.mark.parametrize(
    ("written", "province_code", "message"),
    [
        ("Bang Sai", "14", "could be บางไทร .* or บางซ้าย"),
        ("5101", "50", "5101 is a district of province 51"),
        ("9999", "50", "no district 9999"),
        ("แม่ริม", "51", "unknown district"),
        ("Mae Rym", "50", "did you mean แม่ริม"),
        ("", "50", "missing"),
        (None, "50", "missing"),
        ("เมือง", "10", "unknown district"),
        ("Hat Yai", "50", "unknown"),
    ],
)
def test_district_problems(written: object, province_code: str, message: str) -> None:
    with pytest.raises(DistrictProblem, match=message):
        resolve_district(written, province_code)


def test_district_of_an_unknown_province() -> None:
    with pytest.raises(ValueProblem, match="no province has code 99"):
        resolve_district("เมือง", "99")


# --- the command line ------------------------------------------------------------------------------------


def test_resolve_cli_prints_one_line_per_name(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    code = resolve_cli(["Lopburi", "กทม.", "TH-50", "Kanchanabury"], out)
    assert code == 0
    assert out.getvalue().splitlines() == [
        "Lopburi\t16\tลพบุรี\tLop Buri",
        "กทม.\t10\tกรุงเทพมหานคร\tBangkok",
        "TH-50\t50\tเชียงใหม่\tChiang Mai",
        "Kanchanabury\t71\tกาญจนบุรี\tKanchanaburi",
    ]
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1 and "Kanchanabury" in warnings[0] and "กาญจนบุรี" in warnings[0]


def test_resolve_cli_fails_with_suggestions() -> None:
    out = io.StringIO()
    assert resolve_cli(["Nakhon", "Korat", "xyz"], out) == 1
    lines = [line.split("\t") for line in out.getvalue().splitlines()]
    assert [len(parts) for parts in lines] == [3, 4, 3]
    assert lines[0][:2] == ["Nakhon", "ERROR"] and "นครนายก (Nakhon Nayok, 26)" in lines[0][2]
    assert lines[1] == ["Korat", "30", "นครราชสีมา", "Nakhon Ratchasima"]
    assert lines[2][:2] == ["xyz", "ERROR"] and "unknown province" in lines[2][2]


def test_resolve_cli_keeps_each_result_on_one_line() -> None:
    out = io.StringIO()
    assert resolve_cli(["Chiang\tMai\n"], out) == 0
    assert out.getvalue() == "Chiang Mai \t50\tเชียงใหม่\tChiang Mai\n"


@pytest.mark.skipif(not (ROOT / "etl" / "__main__.py").exists(), reason="etl/__main__.py not wired yet")
def test_resolve_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "etl", "resolve", "จ.ลพบุรี", "Nakhon", "Srisaket"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "จ.ลพบุรี\t16\tลพบุรี\tLop Buri"
    assert lines[1].startswith("Nakhon\tERROR\t")
    assert lines[2] == "Srisaket\t33\tศรีสะเกษ\tSi Sa Ket"
    assert "Traceback" not in result.stderr


# --- any input at all ------------------------------------------------------------------------------------

NAME_LIKE = st.text(alphabet="กขคงจนมยรลวสหอะาิีุู่้เแโใไำ์ฯ. -()/ChiangMaNkoPhtubrs0123456789๕๐TH")
ANY_CELL = st.one_of(st.text(), NAME_LIKE, st.none(), st.integers(), st.floats(), st.booleans())


@settings(max_examples=300)
@given(value=ANY_CELL)
def test_any_input_gives_a_province_or_a_value_problem(value: object) -> None:
    try:
        match = resolve_province(value)
    except ValueProblem as problem:
        assert str(problem) and len(getattr(problem, "suggestions", ())) <= 3
        return
    assert match.province.code in set(PROVINCES["province_code"])


@settings(max_examples=200)
@given(value=ANY_CELL, province_code=st.sampled_from(["10", "14", "50", "84", "96"]))
def test_any_input_gives_a_district_or_a_value_problem(value: object, province_code: str) -> None:
    try:
        code = resolve_district(value, province_code)
    except ValueProblem:
        return
    assert code.startswith(province_code) and len(code) == 4
