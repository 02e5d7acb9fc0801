"""Vietnamese formatting and parsing of numbers, dates and money for ntm.

This module is the only place in the project that writes or reads numbers in
Vietnamese notation ("8.321,7": a dot groups thousands, a comma marks decimals),
percentages ("90,3%"), money amounts with their units ("8.321,7 triệu đồng",
converted exactly between đồng, nghìn đồng, triệu đồng and tỷ đồng), the
"Bằng chữ" line that spells an amount in words, and dates in the legal form of
Nghị định 30/2020/NĐ-CP ("Hùng Mỹ, ngày 22 tháng 02 năm 2024") or the short
form of citations ("08/3/2022"). All functions are pure, use exact
``decimal.Decimal`` arithmetic (a float is refused with ``TypeError``), return
NFC-normalised text, and the module imports only the standard library so that
importing it stays cheap.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal
from types import MappingProxyType

from ntm.text import nfc

TYPE_CHECKING = False  # recognised by type checkers; avoids importing typing
if TYPE_CHECKING:  # date is needed only in annotations
    from datetime import date

__all__ = [
    "BLANK",
    "MONEY_UNITS",
    "amount_in_words",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_place_date",
    "format_short_date",
    "normalize_unit",
    "parse_number",
    "to_trieu_dong",
]

# --------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------

_TO_VIETNAMESE = str.maketrans(",.", ".,")

# Strict grammar: an optional minus, then either plain digits or digit groups
# separated by dots (the first group 1-3 digits without a leading zero, every
# other group exactly 3 digits), then an optional comma and decimals, then an
# optional "%". Compiled on first use (re caches it) to keep the import cheap.
_NUMBER_PATTERN = (
    r"(?P<sign>[-\u2212])?"
    r"(?P<integer>[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)"
    r"(?:,(?P<fraction>[0-9]+))?"
    r"(?:\s*%)?"
)


def _to_decimal(value: Decimal | int) -> Decimal:
    """Return value as a finite Decimal; refuse floats, bools and NaN/Infinity."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(
            f"expected a Decimal or an int, got {type(value).__name__} {value!r}"
            " (use Decimal('…'), never float, for money)"
        )
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"cannot use a non-finite number: {number}")
    return number


def _round_half_up(number: Decimal, decimals: int) -> Decimal:
    """Round to `decimals` places, ties away from zero, exactly for any size."""
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, got {decimals}")
    precision = max(number.adjusted(), 0) + decimals + 2
    context = Context(prec=max(precision, 28), rounding=ROUND_HALF_UP)
    return number.quantize(Decimal((0, (1,), -decimals)), context=context)


def format_number(value: Decimal | int, decimals: int | None = None) -> str:
    """Write a number in Vietnamese notation: ``Decimal("8321.7")`` -> ``"8.321,7"``.

    With ``decimals=None`` the Decimal keeps its own exponent, so
    ``Decimal("1714.0")`` prints as ``"1.714,0"``. With ``decimals=n`` the value
    is rounded half-up (ties away from zero, like Excel's ROUND) to n places.
    Negative zero prints as ``"0"``.
    """
    number = _to_decimal(value)
    if decimals is not None:
        number = _round_half_up(number, decimals)
    if number.is_zero():
        number = number.copy_abs()
    return format(number, ",f").translate(_TO_VIETNAMESE)


def format_percent(value: Decimal | int, decimals: int | None = None) -> str:
    """Write a percentage: ``Decimal("90.3")`` -> ``"90,3%"``.

    The value is the percent number itself (90.3), not a fraction (0.903).
    """
    return format_number(value, decimals) + "%"


def parse_number(text: str) -> Decimal:
    """Read a number written in Vietnamese notation; the inverse of format_number.

    Accepted: ``"8.321,7"``, ``"931.359"``, ``"1.413"`` (a dot is always the
    thousands separator and must be followed by exactly three digits),
    ``"1413"``, ``"07"``, ``"90,3"``, ``"-1.234,5"`` and a trailing ``"%"``
    (``"12,17%"`` -> ``Decimal("12.17")``, the percent number itself).
    The Decimal keeps the written decimals (``"1.714,0"`` -> ``Decimal("1714.0")``).

    Strict on purpose: English notation such as ``"8321.7"`` or ``"0.500"``,
    a comma group separator, spaces inside the number and empty text raise
    ``ValueError`` instead of being guessed.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text, got {type(text).__name__} {text!r}")
    match = re.fullmatch(_NUMBER_PATTERN, text.strip())
    if match is None:
        raise ValueError(
            f"not a number in Vietnamese notation: {text!r} (expected e.g. "
            "'8.321,7': '.' groups thousands in threes, ',' marks decimals)"
        )
    literal = match["integer"].replace(".", "")
    if match["fraction"]:
        literal += "." + match["fraction"]
    number = Decimal(literal)
    negative = match["sign"] and not number.is_zero()
    return number.copy_negate() if negative else number  # exact, unlike -number


# --------------------------------------------------------------------------
# Money units
# --------------------------------------------------------------------------

# Power of ten of one unit, counted in đồng.
_UNIT_EXPONENT = {"đồng": 0, "nghìn đồng": 3, "triệu đồng": 6, "tỷ đồng": 9}

MONEY_UNITS = MappingProxyType(
    {
        "đồng": "đồng",
        "nghìn đồng": "nghìn đồng",
        "ngàn đồng": "nghìn đồng",
        "triệu đồng": "triệu đồng",
        "tr.đồng": "triệu đồng",
        "tr.đ": "triệu đồng",
        "tỷ đồng": "tỷ đồng",
        "tỉ đồng": "tỷ đồng",
    }
)
"""Accepted spellings of money units (lower case, NFC) -> canonical spelling."""


def normalize_unit(unit: str) -> str:
    """Return the canonical spelling of a money unit: ``"Tr. đồng"`` -> ``"triệu đồng"``.

    Case, Unicode normalisation and extra spaces do not matter; an unknown
    unit raises ``ValueError``.
    """
    key = re.sub(r"\.\s+", ".", " ".join(nfc(unit).lower().split()))
    try:
        return MONEY_UNITS[key]
    except KeyError:
        accepted = ", ".join(repr(name) for name in MONEY_UNITS)
        raise ValueError(f"unknown money unit {unit!r}; accepted: {accepted}") from None


def _shift(number: Decimal, places: int) -> Decimal:
    """Multiply by 10**places exactly; the result never has a positive exponent."""
    sign, digits, exponent = number.as_tuple()
    exponent += places
    if exponent > 0:
        return Decimal((sign, digits + (0,) * exponent, 0))
    return Decimal((sign, digits, exponent))


def to_trieu_dong(value: Decimal | int, unit: str) -> Decimal:
    """Convert an amount in `unit` to triệu đồng exactly.

    ``to_trieu_dong(Decimal("8.3217"), "tỷ đồng")`` -> ``Decimal("8321.7")``;
    the result never has a positive exponent (5 tỷ -> ``Decimal("5000")``).
    """
    places = _UNIT_EXPONENT[normalize_unit(unit)] - _UNIT_EXPONENT["triệu đồng"]
    return _shift(_to_decimal(value), places)


def format_money(value: Decimal | int, unit: str = "triệu đồng") -> str:
    """Write an amount with its unit: ``Decimal("8321.7")`` -> ``"8.321,7 triệu đồng"``.

    The unit must be one of MONEY_UNITS and is printed as given (NFC, spaces
    collapsed), so a plan that writes ``"tr.đồng"`` keeps its own spelling.
    """
    normalize_unit(unit)
    return f"{format_number(value)} {' '.join(nfc(unit).split())}"


# --------------------------------------------------------------------------
# Amount in words ("Bằng chữ")
# --------------------------------------------------------------------------

_DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUP_SCALES = ("", "nghìn", "triệu")
_BILLION = 10**9


def _tens_words(tens: int, units: int) -> list[str]:
    """Read 0-99 (without a hundreds digit): mười/mươi, mốt, tư, lăm."""
    if tens == 0:
        return [_DIGIT_WORDS[units]] if units else []
    words = ["mười"] if tens == 1 else [_DIGIT_WORDS[tens], "mươi"]
    if units == 0:
        return words
    if units == 5:
        return words + ["lăm"]
    if tens >= 2 and units in (1, 4):
        return words + ["mốt" if units == 1 else "tư"]
    return words + [_DIGIT_WORDS[units]]


def _group_words(group: int, full: bool) -> list[str]:
    """Read a 3-digit group 1-999; `full` also reads "không trăm" and "linh"."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    if hundreds == 0 and not full:
        return _tens_words(tens, units)
    words = [_DIGIT_WORDS[hundreds], "trăm"]
    if tens == 0 and units:
        return words + ["linh", _DIGIT_WORDS[units]]
    return words + _tens_words(tens, units)


def _number_words(number: int, leading: bool = True) -> list[str]:
    """Read a positive integer; only the leading group is read in short form."""
    if number >= _BILLION:
        high, low = divmod(number, _BILLION)
        words = _number_words(high, leading) + ["tỷ"]
        return words + _number_words(low, leading=False) if low else words
    words: list[str] = []
    for scale in (2, 1, 0):
        group = number // 1000**scale % 1000
        if group:
            words += _group_words(group, full=bool(words) or not leading)
            words += [_GROUP_SCALES[scale]] if scale else []
    return words


def amount_in_words(value: Decimal | int, unit: str = "triệu đồng") -> str:
    """Spell an amount in đồng for the "Bằng chữ" line of a financial document.

    ``Decimal("8321.7")`` triệu đồng -> ``"Tám tỷ ba trăm hai mươi mốt triệu
    bảy trăm nghìn đồng"``. The amount is first converted exactly to đồng; it
    must be a whole, non-negative number of đồng (else ``ValueError``).

    Reading rules (northern forms, as used in administrative documents):
    "mười" for 10-19 and "mươi" from 20; "mốt" for a final 1 after tens >= 20
    (21, but 11 is "mười một"); "lăm" for a final 5 after tens (15, 25) but
    "năm" alone or after "linh" (105 = "một trăm linh năm"); "tư" for a final 4
    after tens >= 20 ("hai mươi tư", but "mười bốn", "linh bốn"); "linh" (not
    "lẻ") for a zero tens digit; "nghìn" (not "ngàn"); all-zero groups are
    skipped and every group after the first is read in full, so 1.005.000 is
    "một triệu không trăm linh năm nghìn"; groups above tỷ repeat "tỷ"
    (10^12 = "một nghìn tỷ", 10^18 = "một tỷ tỷ"). Zero is "Không đồng".
    """
    dong = _shift(_to_decimal(value), _UNIT_EXPONENT[normalize_unit(unit)])
    if dong < 0:
        raise ValueError(f"cannot spell a negative amount: {value} {unit}")
    whole = int(dong)
    if dong != whole:
        raise ValueError(f"{value} {unit} is not a whole number of đồng ({dong} đồng)")
    words = _number_words(whole) if whole else ["không"]
    sentence = " ".join(words + ["đồng"])
    return nfc(sentence[0].upper() + sentence[1:])


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

BLANK = "…"
"""Placeholder for a date part left blank until the document is signed."""


def _month(month: int) -> str:
    """Months 1 and 2 get a leading zero (Nghị định 30/2020), others do not."""
    return f"{month:02d}" if month <= 2 else str(month)


def format_date(d: date) -> str:
    """Legal date form: ``"ngày 22 tháng 02 năm 2024"``, ``"ngày 05 tháng 7 năm 2024"``.

    The day is zero-padded below 10; the month only for January and February.
    """
    return f"ngày {d.day:02d} tháng {_month(d.month)} năm {d.year}"


def format_short_date(d: date) -> str:
    """Citation form: ``"08/3/2022"``, ``"22/02/2022"`` (same padding rule as format_date)."""
    return f"{d.day:02d}/{_month(d.month)}/{d.year}"


def format_place_date(place: str, d: date | None, *, year: int | None = None) -> str:
    """Place and date line: ``"Hùng Mỹ, ngày 22 tháng 02 năm 2024"``.

    When `d` is None the date is left blank to be filled in at signing, each
    missing part written as BLANK ("…", visible in every renderer, unlike runs
    of spaces): ``"Hùng Mỹ, ngày … tháng … năm …"``, or with ``year=2024``
    ``"Hùng Mỹ, ngày … tháng … năm 2024"``. `year` is only for the blank form.
    """
    name = " ".join(nfc(place).split())
    if not name:
        raise ValueError("the place name (địa danh) is empty")
    if d is not None:
        if year is not None and year != d.year:
            raise ValueError(f"year={year} contradicts the date {d.isoformat()}")
        return f"{name}, {format_date(d)}"
    shown_year = BLANK if year is None else str(year)
    return f"{name}, ngày {BLANK} tháng {BLANK} năm {shown_year}"
