"""CSV files as spreadsheet programs save them: their encoding, their separator, how they write numbers.

ntm writes UTF-8 with a BOM, commas and plain decimals (1714.5). Excel in a Vietnamese locale
saves with the locale's list separator (`;`) and numbers as they are shown (decimal comma, dot
thousands: 8.321,7), in Windows-1258 (tone marks as combining characters) unless "CSV UTF-8"
(with a BOM) is chosen; its "Unicode Text" is UTF-16 with tabs; files made for Excel may start
with a `sep=;` line. `decode_csv` reads the bytes (UTF-16 by its BOM, UTF-8 with or without a
BOM, else Windows-1258, refusing bytes that are neither), `split_csv` takes the separator from
the `sep=` line or from the field-name row every ntm sheet starts with, and `notation` says
whether the file writes numbers the Vietnamese way. Problems are `SheetProblem`s (the reason in
Vietnamese and English).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from typing import Any

from ntm.spreadsheet.reading import SheetProblem

SEPARATORS = (",", ";", "\t")
# The letters a Windows-1258 tone mark (a combining character) may follow in Vietnamese, and the marks.
VOWELS = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SEP_LINE = re.compile(r'"?sep=(.)"?')
_DECIMAL_COMMA = re.compile(r"[-\u2212]?[0-9.]*[0-9],[0-9]+\s*%?")


def decode_csv(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file, NFC, and its encoding: UTF-16 (BOM), UTF-8 (BOM or not), else cp1258."""
    encoding = "utf-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decoded(raw, "utf-16", "UTF-16")
    elif raw.startswith(codecs.BOM_UTF8):
        text = _decoded(raw[len(codecs.BOM_UTF8):], "utf-8", "UTF-8 (có BOM)")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding = _windows_1258(raw), "cp1258"
    if "\x00" in text:
        raise SheetProblem("tệp nhị phân, không phải CSV", "a binary file, not CSV")
    return unicodedata.normalize("NFC", text), encoding


def _decoded(raw: bytes, codec: str, name: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SheetProblem(f"tệp ghi là {name} nhưng dòng {line} không phải {name}",
                         f"the file says {name} but line {line} is not") from None


def _windows_1258(raw: bytes) -> str:
    """Bytes that are not UTF-8, read as Windows-1258 when they are Vietnamese text in it."""
    save_as = ("hãy mở tệp bằng Excel rồi lưu lại bằng «CSV UTF-8»", "open it in Excel and save it as 'CSV UTF-8'")
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SheetProblem(f"dòng {line} có byte 0x{raw[exc.start]:02X}: tệp không phải UTF-8, cũng không phải "
                         f"Windows-1258; {save_as[0]}",
                         f"line {line} has byte 0x{raw[exc.start]:02X}: the file is neither UTF-8 nor "
                         f"Windows-1258; {save_as[1]}") from None
    stray = next((i for i, ch in enumerate(text) if unicodedata.combining(ch) and (i == 0 or text[i - 1] not in VOWELS)),
                 None)
    if stray is not None:  # a tone mark that follows no vowel: these bytes are not Vietnamese Windows-1258
        line = text[:stray].count("\n") + 1
        raise SheetProblem(f"tệp không phải UTF-8; đọc theo Windows-1258 thì dòng {line} có dấu thanh không đứng sau "
                         f"nguyên âm, nên cũng không phải Windows-1258 (bảng mã TCVN3, VNI?); {save_as[0]}",
                         f"the file is not UTF-8; read as Windows-1258, line {line} has a tone mark after no "
                         f"vowel, so it is not Windows-1258 either (TCVN3, VNI?); {save_as[1]}")
    return text


def in_windows_1258(char: str) -> bool:
    """Can Windows-1258 hold this character (as one byte, or as a letter and its tone mark)?"""
    try:
        char.encode("cp1258")
        return True
    except UnicodeEncodeError:
        pass
    parts = unicodedata.normalize("NFD", char)
    base = unicodedata.normalize("NFC", "".join(c for c in parts if not unicodedata.combining(c) or c not in TONES))
    try:
        (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
        return True
    except UnicodeEncodeError:
        return False


def split_csv(text: str) -> tuple[str, list[list[str]]]:
    """The separator and the rows: from a `sep=` first line, else the one that splits out 'key'."""
    first, _, rest = text.partition("\n")
    declared = _SEP_LINE.fullmatch(first.strip())
    if declared:
        separator, text = declared[1], rest
    else:
        separator = next((s for s in SEPARATORS if "key" in _cells(first, s)), ",")
    return separator, [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=separator)]


def _cells(line: str, separator: str) -> list[str]:
    return [c.strip() for c in next(csv.reader([line.rstrip("\r")], delimiter=separator), [])]


def notation(separator: str, rows: list[list[Any]], number_columns: list[int]) -> str:
    """"vi" when the file writes numbers the Vietnamese way (`;` files, or a decimal comma), else "plain"."""
    if separator == ";":
        return "vi"
    for row in rows:
        if any(i < len(row) and _DECIMAL_COMMA.fullmatch(str(row[i]).strip()) for i in number_columns):
            return "vi"
    return "plain"
