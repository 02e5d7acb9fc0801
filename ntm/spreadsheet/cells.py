"""Cell values back into plan values: exact numbers (never a float unchecked), codes as text, choices."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ntm.spreadsheet.reading import is_blank
from ntm.spreadsheet.tables import CELL_LIMIT, KINDS, MAX_DIGITS, QUALIFIERS, Column
from ntm.text import nfc


class CellProblem(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_cell(column: Column, value: Any, text_only: bool = False, notation: str = "plain", old: Any = None) -> Any:
    """A cell's value as the plan would hold it; `CellProblem` when it cannot be one.

    In a workbook a number cell must hold a number (text is refused); in CSV,
    where every cell is text, a number is read as `csv_number` reads it.
    """
    if is_blank(value):
        return [] if column.kind == "list" else None
    if isinstance(value, str) and column.kind in ("number", "index"):
        if text_only:
            number = csv_number(value, notation, old)
            return number if column.kind == "number" else _parse_index(number)
        if not _long_number(value):
            raise CellProblem("I001", value=value)
    reader = {
        "number": parse_number,
        "index": _parse_index,
        "code": _parse_code,
        "list": lambda v: [s.strip() for s in nfc(str(v)).split(";") if s.strip()],
        "qualifier": lambda v: _parse_choice(v, QUALIFIERS),
        "figure_kind": lambda v: _parse_choice(v, KINDS),
    }.get(column.kind, parse_text)
    return reader(value)


def _long_number(text: str) -> bool:
    """A number too long for a float cell, which export writes as text."""
    digits = text.strip().lstrip("+-").replace(".", "").lstrip("0")
    return bool(re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", text.strip())) and len(digits) > MAX_DIGITS


def parse_number(value: Any) -> Decimal:
    """A number cell as an exact Decimal: ints as they are, floats by their shortest repr."""
    if isinstance(value, bool):
        raise CellProblem("I001", value=str(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return _from_float(value)
    if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", value.strip()):
        return Decimal(value.strip())  # text is exact: no float noise
    raise CellProblem("I001", value=str(value))


def csv_number(text: str, notation: str, old: Any = None) -> Decimal:
    """A number written as text: ntm's own 1714.5, or Vietnamese 1.714,5, 8321,7, 90,3% (`ntm.vnformat`).

    Only text such as 1.413 (one dot, then three digits) reads both ways, 1413 or 1,413: the
    file's notation ("vi" or "plain") decides, unless the other reading is the plan's current
    value `old` (the cell then is unchanged, whatever program saved it).
    """
    from ntm.vnformat import parse_number as vietnamese

    stripped = text.strip()
    plain = Decimal(stripped) if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", stripped) else None
    try:
        written = vietnamese(stripped)
    except ValueError:
        written = None
    readings = [r for r in ((written, plain) if notation == "vi" else (plain, written)) if r is not None]
    if not readings:
        raise CellProblem("I001", value=text)
    if isinstance(old, (int, Decimal)) and not isinstance(old, bool):
        return next((r for r in readings if r == old), readings[0])
    return readings[0]


def _from_float(value: float) -> Decimal:
    text = repr(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellProblem("I001", value=text) from None
    if not number.is_finite():
        raise CellProblem("I001", value=text)
    return _checked(number, text)


def _checked(number: Decimal, text: str) -> Decimal:
    digits = len(number.normalize().as_tuple().digits)
    if digits > MAX_DIGITS:
        raise CellProblem("I002", value=text, limit=MAX_DIGITS)
    return number if "e" not in text.lower() else Decimal(format(number, "f"))


def _parse_index(value: Any) -> int:
    number = value if isinstance(value, Decimal) else parse_number(value)
    if number != number.to_integral_value() or number < 1:
        raise CellProblem("I001", value=str(value))
    return int(number)


def _parse_code(value: Any) -> str:
    if isinstance(value, float):
        if not value.is_integer():
            raise CellProblem("I003", value=repr(value))
        value = int(value)
    return nfc(str(value)).strip()


def parse_text(value: Any) -> str:
    if isinstance(value, float):
        value = format(_from_float(value), "f")
    return nfc(str(value)).strip()


def _parse_choice(value: Any, choices: dict[str, str]) -> str:
    from ntm.text import fold

    wanted = fold(str(value))
    for key, word in choices.items():
        if wanted in (fold(key), fold(word)):
            return key
    raise CellProblem("I007", value=str(value), expected=", ".join(choices.values()))


def same(a: Any, b: Any) -> bool:
    """Cell and plan values agree: numbers by value, text without surrounding spaces, empties alike."""
    a, b = _comparable(a), _comparable(b)
    if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)) and not isinstance(a, bool):
        return Decimal(a) == Decimal(b)
    return a == b


def _comparable(value: Any) -> Any:
    if isinstance(value, str):
        value = nfc(value).strip()
        return value or None
    if isinstance(value, list):
        return [_comparable(v) for v in value] or None
    return value


def cell_length(text: str) -> int:
    """Length as a spreadsheet counts it: UTF-16 code units (a character outside the BMP is two)."""
    return len(text.encode("utf-16-le")) // 2


def cuts_to_cell(text: str) -> set[str]:
    """What a cell may keep of `text`: its first CELL_LIMIT UTF-16 units (Excel; never half a
    surrogate pair) or characters (openpyxl), which differ only for characters outside the BMP."""
    units = text.encode("utf-16-le")[: 2 * CELL_LIMIT].decode("utf-16-le", errors="ignore")
    return {units, text[:CELL_LIMIT]}


def cut_by_a_spreadsheet(column: Column, new: Any, shown: Any) -> bool:
    """The cell (parsed as `new`) is what a spreadsheet left of the over-long text `shown` exported."""
    if not isinstance(shown, str) or cell_length(shown) <= CELL_LIMIT:
        return False
    try:
        return any(same(new, parse_cell(column, cut, text_only=True)) for cut in cuts_to_cell(shown))
    except CellProblem:
        return False


def code_page_losses(column: Column, new: Any, shown: Any) -> str:
    """The characters of the exported `shown` that a Windows-1258 CSV replaced (as Excel writes '?' for ≥)
    where the cell `new` is otherwise the same text; "" when it differs in anything else."""
    from ntm.spreadsheet.csvfiles import in_windows_1258

    if not isinstance(shown, str) or new is None:
        return ""
    old_text = nfc(shown).strip()
    new_text = "; ".join(new) if isinstance(new, list) else str(new)
    if len(new_text) != len(old_text) or new_text == old_text:
        return ""
    lost = [b for a, b in zip(new_text, old_text) if a != b]
    if any(in_windows_1258(b) for b in lost):
        return ""
    return "".join(dict.fromkeys(lost))

