"""How plan data reads as the sentences of a signed document.

A task prints as an officer writes it: its `what` (the document's own words),
then only what those words do not already say, the place ("tại thôn Nặm Kép"),
the quantity ("07 sân", with the digits the document wrote) and the parts
("trong đó: …"). Nothing is said twice and no figure is repeated in brackets.
Consecutive tasks that share a lead ("Phát triển kinh tế chăn nuôi: đàn trâu",
"…: đàn bò") are listed on one line, as documents list them. A duty reads
"<body> <what it does>", and `said` tells whether prose already says a text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable

from ntm import vnformat
from ntm.written import written

_MARKUP = re.compile(r"[*_`\\]")
_SPACE = re.compile(r"\s+")
_ITEM_MARK = re.compile(r"^\s*[-+*]\s+", re.MULTILINE)
_BLANK = re.compile(r"\n[ \t]*\n")


def squash(text: str) -> str:
    """Text for comparing: NFC, case-folded, Markdown marks and runs of white space removed."""
    text = _MARKUP.sub("", unicodedata.normalize("NFC", text)).casefold()
    return _SPACE.sub(" ", text).strip()


def said(phrase: str, text: str) -> bool:
    """Whether `text` already says `phrase` (case, spacing and closing punctuation aside)."""
    core = squash(phrase).rstrip(" .;:,")
    return bool(core) and core in squash(text)


def pieces(text: str) -> list[str]:
    """The paragraphs and list items of a piece of plan prose, without their markers."""
    found = []
    for block in _BLANK.split(text.replace("\r\n", "\n")):
        for line in re.split(r"\n(?=\s*[-+*]\s)", block):
            line = _SPACE.sub(" ", _ITEM_MARK.sub("", line)).strip()
            if line:
                found.append(line)
    return found


def mid_sentence(text: str) -> str:
    """A name as it reads inside a sentence: `Thôn Nặm Kép` -> `thôn Nặm Kép`; `TT Cao Thượng` stays."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def sentence_case(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def number_text(value: Decimal | int) -> str:
    """A number as the document wrote it (`07`), else in Vietnamese notation (`1.137`, `0,51`)."""
    return written(value) or vnformat.format_number(value)


def with_unit(value: Decimal | int, unit: str | None) -> str:
    number = number_text(value)
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


_NUMBER = r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d]|[.,]\d)"


def quantity_said(value: Decimal | int, unit: str | None, text: str) -> bool:
    """`07 sân` in "Hoàn thành xây dựng 07 sân thể thao thôn" (also "7 sân"); `3,5 km` also as "3,5km"."""
    head = re.split(r"[\s/]", unit.strip())[0] if unit and unit.strip() else ""
    for match in re.finditer(_NUMBER + r"\s*" + re.escape(head), text, re.IGNORECASE):
        if vnformat.parse_number(match.group(1)) == value:
            return True
    return False


# ---------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------


def part_name(part: Any) -> str | None:
    """`thôn Đình: tuyến TĐC Đình - Khuổi Lôm`, or the label, or the place."""
    if part.label and part.where:
        return f"{mid_sentence(part.where)}: {mid_sentence(part.label)}"
    name = part.label or part.where
    return mid_sentence(name) if name else None


def parts_phrase(task: Any, text: str = "") -> str | None:
    """`trong đó: …` for the parts of a task that `text` does not already name with their quantity."""
    parts = task.parts or task.of_which
    if not parts or all(_part_said(p, task.unit, text) for p in parts):
        return None
    names = [part_name(p) for p in parts]
    if task.unit and all(p.quantity == 1 for p in parts) and all(names):
        return "trong đó: " + "; ".join(names)  # one of each: the names suffice
    described = [_named_quantity(name, with_unit(p.quantity, task.unit)) for name, p in zip(names, parts)]
    return "trong đó: " + "; ".join(described)


def _named_quantity(name: str | None, quantity: str) -> str:
    """`thôn Dõm 0,7 km`; after a name ending in a number, a colon keeps the numbers apart
    (`vốn … giai đoạn 2026 - 2035: 1,0 km`, not `2026 - 2035 1,0 km`)."""
    if not name:
        return quantity
    return f"{name}: {quantity}" if name[-1].isdigit() else f"{name} {quantity}"


def _part_said(part: Any, unit: str | None, text: str) -> bool:
    names = [n for n in (part.label, part.where) if n]
    return any(said(n, text) for n in names) and quantity_said(part.quantity, unit, text)


def task_phrase(task: Any, what: str | None = None, joiner: str | None = None) -> str:
    """The task's words, then the place, quantity and parts they do not say (no final stop)."""
    text = (what if what is not None else task.what).strip().rstrip(" .;")
    if task.where and not said(task.where, text):
        text += f" tại {mid_sentence(task.where)}"
    if task.quantity is not None and not quantity_said(task.quantity, task.unit, text):
        glue = joiner if joiner is not None else (" " if ":" in text else ": ")
        text += glue + with_unit(task.quantity, task.unit)
    parts = parts_phrase(task, text)
    if parts:
        text += f", {parts}"
    return text


def task_sentence(task: Any) -> str:
    return sentence_case(task_phrase(task)) + "."


@dataclass
class Line:
    """One line of the body: an item (level 1 "-", level 2 "+") or a paragraph; `tasks` it prints."""

    text: str
    level: int = 1
    kind: str = "item"
    tasks: tuple[int, ...] = ()


def task_lines(tasks: list[tuple[int, Any]], level: int = 1) -> list[Line]:
    """Body lines for (index, task) pairs in order; neighbours sharing a lead ("X: a", "X: b") become "X: a; b"."""
    lines = []
    for lead, run in _runs_by_lead(tasks):
        indexes = tuple(index for index, _, _ in run)
        if len(run) == 1:
            lines.append(Line(task_sentence(run[0][1]), level, tasks=indexes))
        else:
            listed = "; ".join(task_phrase(task, rest, joiner=" ") for _, task, rest in run)
            lines.append(Line(sentence_case(f"{lead}: {listed}") + ".", level, tasks=indexes))
    return lines


def _runs_by_lead(tasks: list[tuple[int, Any]]) -> list[tuple[str | None, list[tuple[int, Any, str]]]]:
    runs: list[tuple[str | None, list[tuple[int, Any, str]]]] = []
    for index, task in tasks:
        lead, colon, rest = task.what.partition(": ")
        if not (colon and lead.strip() and rest.strip()):
            runs.append((None, [(index, task, task.what)]))
        elif runs and runs[-1][0] is not None and squash(runs[-1][0]) == squash(lead):
            runs[-1][1].append((index, task, rest.strip()))
        else:
            runs.append((lead.strip(), [(index, task, rest.strip())]))
    return runs


# ---------------------------------------------------------------------------
# Duties
# ---------------------------------------------------------------------------


def duty_said(body: str, text: str, corpus: str) -> bool:
    """Whether prose already says every paragraph of a duty, alone, as "<body> <it>" or "<body>: <It>"."""
    squashed = squash(corpus)
    for piece in pieces(text):
        forms = (piece, f"{body} {piece}", f"{body}: {piece}")
        if not any(squash(form).rstrip(" .;:,") in squashed for form in forms):
            return False
    return True


def duty_sentence(body: str, text: str) -> str:
    """`Các thành viên BCĐ … xây dựng kế hoạch chi tiết để thực hiện.`: the body, then what it does."""
    text = text.strip()
    if said(body, text.split(".", 1)[0]):  # the text names its body itself
        return sentence_case(text)
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        text = text[0].lower() + text[1:]
    return sentence_case(f"{body} {text}")


def names_body(body: str, text: str) -> bool:
    """Whether the first paragraph of a duty starts by naming its body ("Thường trực Hội CCB tỉnh thành lập …")."""
    first = pieces(text)[:1]
    return bool(first) and squash(first[0]).startswith(squash(body))


def join_corpus(texts: Iterable[str | None]) -> str:
    return "\n".join(t for t in texts if t)
