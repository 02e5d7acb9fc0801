"""Numbers that remember how the document wrote them: `07 sân` stays "07" in print.

Vietnamese documents write small counts with a leading zero ("02 trạm", "07 sân",
"06 hộ"). YAML 1.2 reads `07` as the integer 7, which is what every check must
see; the loader (`ntm.yamlio`) returns such an integer as a `WrittenInt`, an
`int` that also keeps its digits, and the plan model's quantities keep them on a
`WrittenDecimal` (see `keep_written`). Arithmetic on either gives plain numbers,
so sums and comparisons never know; only `written()` (the renderer) asks.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any


class WrittenInt(int):
    """An integer written with leading zeros: equal to its value, `written` keeps the digits ("07")."""

    written: str

    def __new__(cls, text: str) -> "WrittenInt":
        number = super().__new__(cls, int(text))
        number.written = text
        return number

    def __reduce__(self):
        return (WrittenInt, (self.written,))


class WrittenDecimal(Decimal):
    """A Decimal with the digits the document wrote ("07"); arithmetic returns plain Decimals."""

    written: str

    def __new__(cls, value: Any, written: str) -> "WrittenDecimal":
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __reduce__(self):
        return (WrittenDecimal, (str(self), self.written))


def padded(text: str) -> bool:
    """`07`, `001`: an unsigned integer with a leading zero (but not `0` itself)."""
    return len(text) > 1 and text[0] == "0" and text.isdigit()


def written(value: Any) -> str | None:
    """The digits a document wrote for this number, when they differ from its plain form."""
    return getattr(value, "written", None)


def keep_written(value: Any, handler) -> Any:
    """Pydantic wrap validator: validate as usual, then keep the written digits of the input."""
    result = handler(value)
    digits = written(value)
    if digits is None or result is None:
        return result
    return WrittenDecimal(result, digits)
