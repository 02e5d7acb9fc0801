"""Specification of ntm.vnformat: Vietnamese numbers, money and dates.

Figures come from the real plans in shared/seeds/ (003 Hùng Mỹ 2024, 001 Tân Yên).
"""

import subprocess
import sys
import unicodedata
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm.vnformat import (
    BLANK,
    MONEY_UNITS,
    amount_in_words,
    format_date,
    format_money,
    format_number,
    format_percent,
    format_place_date,
    format_short_date,
    normalize_unit,
    parse_number,
    to_trieu_dong,
)

# --------------------------------------------------------------------------
# format_number
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("8321.7"), "8.321,7"),  # total funding, seed 003
        (931359, "931.359"),  # Tân Yên 2021-2025 total, seed 001
        (712276, "712.276"),
        (219083, "219.083"),
        (D("3494.3"), "3.494,3"),
        (D("1650.4"), "1.650,4"),
        (D("80"), "80"),
        (0, "0"),
        (1, "1"),
        (999, "999"),
        (1000, "1.000"),
        (1_005_000, "1.005.000"),
        (10**12, "1.000.000.000.000"),
        (D("0.5"), "0,5"),
        (D("0.00001"), "0,00001"),
    ],
)
def test_number_uses_dot_for_thousands_and_comma_for_decimals(value, text):
    assert format_number(value) == text


def test_number_keeps_the_decimals_it_was_written_with():
    assert format_number(D("1714.0")) == "1.714,0"  # "Vốn Doanh nghiệp: 1.714,0"
    assert format_number(D("45.00")) == "45,00"


def test_number_with_positive_exponent_is_written_in_full():
    assert format_number(D("5E+3")) == "5.000"


def test_negative_number_has_a_leading_minus():
    assert format_number(D("-1234.5")) == "-1.234,5"


def test_negative_zero_is_written_as_zero():
    assert format_number(D("-0")) == "0"
    assert format_number(D("-0.04"), decimals=1) == "0,0"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (D("8321.7"), 2, "8.321,70"),
        (D("2.675"), 2, "2,68"),  # a float would give 2,67
        (D("0.125"), 2, "0,13"),
        (D("-1.25"), 1, "-1,3"),  # ties go away from zero
        (D("1.24"), 1, "1,2"),
        (D("999.95"), 1, "1.000,0"),
        (D("1714.0"), 0, "1.714"),
        (931359, 1, "931.359,0"),
    ],
)
def test_decimals_rounds_half_up(value, decimals, text):
    assert format_number(value, decimals) == text


def test_number_is_exact_for_huge_decimals():
    huge = D("123456789012345678901234567890.125")  # 33 significant digits
    assert format_number(huge) == "123.456.789.012.345.678.901.234.567.890,125"
    assert format_number(huge, 2) == "123.456.789.012.345.678.901.234.567.890,13"
    assert format_number(10**40) == "10" + ".000" * 13


def test_number_refuses_floats_and_bools():
    with pytest.raises(TypeError, match="float"):
        format_number(8321.7)
    with pytest.raises(TypeError):
        format_number(True)


@pytest.mark.parametrize("value", [D("NaN"), D("Infinity"), D("-Infinity")])
def test_number_refuses_non_finite_values(value):
    with pytest.raises(ValueError):
        format_number(value)


def test_negative_decimals_are_refused():
    with pytest.raises(ValueError):
        format_number(D("1"), decimals=-1)


# --------------------------------------------------------------------------
# format_percent
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (D("90.3"), None, "90,3%"),  # latrines, seed 003
        (D("12.17"), None, "12,17%"),  # multidimensional poverty, seed 003
        (D("12.1654"), 2, "12,17%"),
        (100, None, "100%"),
    ],
)
def test_percent_is_the_number_followed_by_a_percent_sign(value, decimals, text):
    assert format_percent(value, decimals) == text


# --------------------------------------------------------------------------
# format_money, units and to_trieu_dong
# --------------------------------------------------------------------------


def test_money_defaults_to_trieu_dong():
    assert format_money(D("8321.7")) == "8.321,7 triệu đồng"


def test_money_keeps_the_unit_spelling_it_was_given():
    assert format_money(D("8321.7"), "tr.đồng") == "8.321,7 tr.đồng"
    assert format_money(D("39632"), "tỷ đồng") == "39.632 tỷ đồng"


def test_money_refuses_an_unknown_unit_and_floats():
    with pytest.raises(ValueError, match="unknown money unit"):
        format_money(D("1"), "USD")
    with pytest.raises(TypeError):
        format_money(8321.7)


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("triệu đồng", "triệu đồng"),
        ("tr.đồng", "triệu đồng"),
        ("tr.đ", "triệu đồng"),
        ("Tr. đồng", "triệu đồng"),
        ("  Triệu   Đồng ", "triệu đồng"),
        ("tỷ đồng", "tỷ đồng"),
        ("tỉ đồng", "tỷ đồng"),
        ("đồng", "đồng"),
        ("nghìn đồng", "nghìn đồng"),
        ("ngàn đồng", "nghìn đồng"),
        (unicodedata.normalize("NFD", "triệu đồng"), "triệu đồng"),
    ],
)
def test_unit_spellings_normalise_to_a_canonical_unit(spelling, canonical):
    assert normalize_unit(spelling) == canonical


def test_every_accepted_spelling_is_nfc_and_lower_case():
    for spelling, canonical in MONEY_UNITS.items():
        assert spelling == unicodedata.normalize("NFC", spelling).lower()
        assert canonical in MONEY_UNITS


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="accepted"):
        normalize_unit("triệu")


@pytest.mark.parametrize(
    ("value", "unit", "trieu"),
    [
        (D("8321.7"), "tr.đồng", D("8321.7")),
        (D("8.3217"), "tỷ đồng", D("8321.7")),
        (D("39632"), "tỷ đồng", D("39632000")),
        (D("1500"), "nghìn đồng", D("1.5")),
        (D("1500000"), "đồng", D("1.5")),
        (D("1714"), "đồng", D("0.001714")),
        (931359, "triệu đồng", D("931359")),
    ],
)
def test_conversion_to_trieu_dong_is_exact(value, unit, trieu):
    assert to_trieu_dong(value, unit) == trieu


def test_conversion_keeps_every_digit_of_huge_amounts():
    huge = D("123456789012345678901234567890.123")
    assert to_trieu_dong(huge, "tỷ đồng") == D("123456789012345678901234567890123")
    assert str(to_trieu_dong(huge, "đồng")) == "123456789012345678901234.567890123"


def test_conversion_never_returns_an_exponent_form():
    assert str(to_trieu_dong(D("5"), "tỷ đồng")) == "5000"


# --------------------------------------------------------------------------
# parse_number
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8.321,7", D("8321.7")),
        ("931.359", D("931359")),
        ("1.413", D("1413")),  # households, seed 003: dot is thousands
        ("1413", D("1413")),  # "1.137/1413 hộ", seed 003
        ("07", D("7")),  # "07 hộ cận nghèo"
        ("90,3", D("90.3")),
        ("12,17%", D("12.17")),
        ("12,17 %", D("12.17")),
        ("  3.494,3 ", D("3494.3")),
        ("-1.234,5", D("-1234.5")),
        ("\u22121.234,5", D("-1234.5")),  # typographic minus sign
        ("0", D("0")),
        ("0,5", D("0.5")),
        ("1.000.000.000.000", D("1000000000000")),
    ],
)
def test_parse_reads_vietnamese_notation(text, value):
    assert parse_number(text) == value


def test_parse_keeps_the_written_decimals():
    assert str(parse_number("1.714,0")) == "1714.0"


@pytest.mark.parametrize(
    "text",
    [
        "8321.7",  # English decimal point
        "1.5",
        "0.500",  # would read as 500 thousands-style: ambiguous
        "1.2345",
        "12.34.567",
        "8,321.7",  # English grouping
        "1,234,567",
        "8 321,7",
        ",5",
        "5,",
        "",
        "   ",
        "%",
        "abc",
        "1.000,",
        "--1",
        "١٢٣",  # non-ASCII digits
    ],
)
def test_parse_refuses_ambiguous_or_invalid_text(text):
    with pytest.raises(ValueError, match="Vietnamese notation"):
        parse_number(text)


def test_parse_refuses_non_text():
    with pytest.raises(TypeError):
        parse_number(8321.7)


def test_parse_of_minus_zero_is_plain_zero():
    assert str(parse_number("-0")) == "0"


_three_place_decimals = st.builds(
    lambda n, places: D(f"{n}E-{places}"),
    st.integers(min_value=-(10**32), max_value=10**32),
    st.integers(min_value=0, max_value=3),
)


@given(_three_place_decimals)
def test_parse_is_the_inverse_of_format(value):
    text = format_number(value)
    assert parse_number(text) == value
    assert parse_number(text).as_tuple().exponent == value.as_tuple().exponent


@given(st.decimals(places=3, allow_nan=False, allow_infinity=False))
def test_parse_inverts_format_for_hypothesis_decimals(value):
    assert parse_number(format_number(value)) == value


# --------------------------------------------------------------------------
# amount_in_words
# --------------------------------------------------------------------------


def test_words_for_the_seed_totals():
    assert (
        amount_in_words(D("8321.7"))
        == "Tám tỷ ba trăm hai mươi mốt triệu bảy trăm nghìn đồng"
    )
    assert (
        amount_in_words(D("931359"), "triệu đồng")
        == "Chín trăm ba mươi mốt tỷ ba trăm năm mươi chín triệu đồng"
    )
    assert (
        amount_in_words(D("3494.3"), "tr.đồng")
        == "Ba tỷ bốn trăm chín mươi tư triệu ba trăm nghìn đồng"
    )
    assert amount_in_words(D("1714.0")) == "Một tỷ bảy trăm mười bốn triệu đồng"


@pytest.mark.parametrize(
    ("dong", "words"),
    [
        (0, "Không đồng"),
        (1, "Một đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),  # not "mười mốt"
        (14, "Mười bốn đồng"),  # not "mười tư"
        (15, "Mười lăm đồng"),
        (20, "Hai mươi đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi tư đồng"),
        (25, "Hai mươi lăm đồng"),
        (50, "Năm mươi đồng"),
        (55, "Năm mươi lăm đồng"),
        (100, "Một trăm đồng"),
        (101, "Một trăm linh một đồng"),  # "linh", not "lẻ"
        (104, "Một trăm linh bốn đồng"),
        (105, "Một trăm linh năm đồng"),  # "năm" after "linh"
        (110, "Một trăm mười đồng"),
        (115, "Một trăm mười lăm đồng"),
        (1_000, "Một nghìn đồng"),
        (1_005, "Một nghìn không trăm linh năm đồng"),
        (2_024, "Hai nghìn không trăm hai mươi tư đồng"),
        (1_000_000, "Một triệu đồng"),
        (1_000_001, "Một triệu không trăm linh một đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (1_500_000, "Một triệu năm trăm nghìn đồng"),
        (10**9, "Một tỷ đồng"),
        (10**9 + 5, "Một tỷ không trăm linh năm đồng"),
        (10**12, "Một nghìn tỷ đồng"),
        (39_632 * 10**9, "Ba mươi chín nghìn sáu trăm ba mươi hai tỷ đồng"),
        (10**15 + 10**9, "Một triệu không trăm linh một tỷ đồng"),
        (10**18, "Một tỷ tỷ đồng"),
        (10**18 + 1, "Một tỷ tỷ không trăm linh một đồng"),
    ],
)
def test_words_follow_vietnamese_reading_rules(dong, words):
    assert amount_in_words(D(dong), "đồng") == words


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        (D("1.5"), "nghìn đồng"),
        (D("8321.7"), "tỷ đồng"),
        (D("1500"), "nghìn đồng"),
        (D("1.5"), "triệu đồng"),
        (D("1500000"), "đồng"),
    ],
)
def test_words_convert_the_unit_to_dong_first(value, unit):
    assert amount_in_words(value, unit).endswith(" đồng")
    assert amount_in_words(value, unit) == amount_in_words(
        to_trieu_dong(value, unit), "triệu đồng"
    )


def test_words_for_one_and_a_half_million():
    assert amount_in_words(D("1.5")) == "Một triệu năm trăm nghìn đồng"


def test_words_refuse_fractions_of_a_dong():
    with pytest.raises(ValueError, match="whole number of đồng"):
        amount_in_words(D("0.5"), "đồng")
    with pytest.raises(ValueError, match="whole number of đồng"):
        amount_in_words(D("0.0000001"), "triệu đồng")


def test_words_accept_trailing_zero_decimals():
    assert amount_in_words(D("12.000"), "đồng") == "Mười hai đồng"


def test_words_refuse_negative_amounts_floats_and_unknown_units():
    with pytest.raises(ValueError, match="negative"):
        amount_in_words(D("-1"))
    with pytest.raises(TypeError):
        amount_in_words(8321.7)
    with pytest.raises(ValueError, match="unknown money unit"):
        amount_in_words(D("1"), "USD")


def test_words_are_nfc():
    words = amount_in_words(D("8321.7"))
    assert words == unicodedata.normalize("NFC", words)


_FORBIDDEN_READINGS = (
    "mười mốt",
    "mười tư",
    "mươi một",  # 21 is "hai mươi mốt"
    "mươi bốn",  # 24 is "hai mươi tư"
    "mươi năm",  # 25 is "hai mươi lăm"
    "mười năm",
    "linh lăm",
    "linh mốt",
    "linh tư",
    "lẻ",
    "ngàn",
    "linh không",
    "mươi không",
)


@given(st.integers(min_value=1, max_value=10**21))
def test_words_never_use_wrong_forms(dong):
    words = amount_in_words(D(dong), "đồng")
    assert words[0].isupper() and words.endswith(" đồng")
    assert not any(bad in words.lower() for bad in _FORBIDDEN_READINGS)
    assert "  " not in words


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2024, 2, 22), "ngày 22 tháng 02 năm 2024"),  # seed 003 header
        (date(2024, 7, 5), "ngày 05 tháng 7 năm 2024"),
        (date(2025, 2, 1), "ngày 01 tháng 02 năm 2025"),
        (date(2022, 3, 12), "ngày 12 tháng 3 năm 2022"),
        (date(2022, 8, 4), "ngày 04 tháng 8 năm 2022"),
        (date(2020, 9, 30), "ngày 30 tháng 9 năm 2020"),  # seed 003
        (date(2023, 12, 31), "ngày 31 tháng 12 năm 2023"),  # seed 003
        (date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (date(2024, 10, 1), "ngày 01 tháng 10 năm 2024"),
    ],
)
def test_legal_date_pads_day_below_ten_and_only_months_one_and_two(d, text):
    assert format_date(d) == text


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2022, 3, 8), "08/3/2022"),  # QĐ 318/QĐ-TTg, seed 003
        (date(2022, 8, 4), "04/8/2022"),  # QĐ 479/QĐ-UBND, seed 003
        (date(2024, 1, 5), "05/01/2024"),  # QĐ 01/QĐ-UBND, seed 003
        (date(2024, 1, 30), "30/01/2024"),  # QĐ 23/QĐ-UBND, seed 003
        (date(2022, 2, 22), "22/02/2022"),
        (date(2022, 11, 15), "15/11/2022"),
    ],
)
def test_short_date_follows_the_citation_form(d, text):
    assert format_short_date(d) == text


def test_place_date_line():
    assert (
        format_place_date("Hùng Mỹ", date(2024, 2, 22))
        == "Hùng Mỹ, ngày 22 tháng 02 năm 2024"
    )


def test_place_date_is_nfc_and_trimmed():
    decomposed = unicodedata.normalize("NFD", " Hùng  Mỹ ")
    line = format_place_date(decomposed, date(2024, 2, 22))
    assert line == "Hùng Mỹ, ngày 22 tháng 02 năm 2024"
    assert line == unicodedata.normalize("NFC", line)


def test_place_date_without_a_date_leaves_blanks_for_signing():
    assert BLANK == "…"
    assert format_place_date("Hùng Mỹ", None) == "Hùng Mỹ, ngày … tháng … năm …"
    assert (
        format_place_date("Hùng Mỹ", None, year=2024)
        == "Hùng Mỹ, ngày … tháng … năm 2024"
    )


def test_place_date_refuses_an_empty_place_or_a_contradicting_year():
    with pytest.raises(ValueError, match="empty"):
        format_place_date("  ", date(2024, 2, 22))
    with pytest.raises(ValueError, match="contradicts"):
        format_place_date("Hùng Mỹ", date(2024, 2, 22), year=2025)


# --------------------------------------------------------------------------
# Module hygiene
# --------------------------------------------------------------------------


def test_import_pulls_in_no_heavy_package():
    code = (
        "import sys, ntm.vnformat; "
        "print(sorted({'babel', 'pandas', 'num2words'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
