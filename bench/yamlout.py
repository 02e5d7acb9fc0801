"""A small YAML writer for the benchmark corpus, in the style plans are typed in.

`dump(data)` writes a mapping the way `plans/tuyen-quang/hung-my.yaml` is
written: block mappings and sequences; flow style only for short lists of
scalars (`sources: [ngan_sach_tinh, ctmtqg_dtts]`) and for one-line criterion
entries (`"1": {status: met, as_written: Quy hoạch}`); long text folded with
`>-` at about 110 columns; multi-paragraph text as a literal block (`|-`);
dates and numbers unquoted; codes and any string YAML 1.1 or 1.2 would read as
something else ("17.8", "yes", "2024-02-22", text with ": ") double-quoted.
`Decimal` values are written digit for digit, never through float. A
`Commented` mapping carries comment lines written above it or above some of
its keys. The output round-trips through `ntm.yamlio` to the same data.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from functools import lru_cache

WIDTH = 110
_CODE = re.compile(r"^[0-9]+(\.[0-9]+)*$")
_SPECIAL = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N"
    r"|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|0[xXoObB][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$"
)
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


class Commented(dict):
    """A mapping with comments: `above` goes before it (as a list item), `keys[k]` before its key k."""

    def __init__(self, data=(), above: tuple[str, ...] = (), keys: dict | None = None) -> None:
        super().__init__(data)
        self.above = tuple(above)
        self.keys_comments = dict(keys or {})


def dump(data: dict) -> str:
    """The whole document as text, ending with a newline."""
    lines = comment_lines(getattr(data, "above", ()), 0) + mapping_lines(data, 0)
    return "\n".join(lines) + "\n"


def comment_lines(comments, indent: int) -> list[str]:
    return [" " * indent + "# " + c if c else " " * indent + "#" for c in comments]


def mapping_lines(data: dict, indent: int) -> list[str]:
    notes = getattr(data, "keys_comments", {})
    lines: list[str] = []
    for key, value in data.items():
        lines.extend(comment_lines(notes.get(key, ()), indent))
        lines.extend(entry_lines(key, value, indent))
    return lines


def entry_lines(key, value, indent: int) -> list[str]:
    """One `key: value` entry of a block mapping, with whatever lines its value needs."""
    head = " " * indent + scalar(key) + ":"
    if isinstance(value, str):
        return text_lines(head, value, indent + 2)
    if not isinstance(value, (dict, list)):
        return [f"{head} {scalar(value)}"]
    if not value:
        return [f"{head} {flow_text(value)}"]
    flow = flow_text(value) if _flow_wanted(key, value) else None
    if flow is not None and len(head) + 1 + len(flow) <= WIDTH:
        return [f"{head} {flow}"]
    if isinstance(value, dict):
        return [head, *mapping_lines(value, indent + 2)]
    return [head, *sequence_lines(value, indent + 2)]


def _flow_wanted(key, value) -> bool:
    """Flow only for lists of scalars and for the value of a criterion code key."""
    if isinstance(value, list):
        return all(not isinstance(v, (dict, list)) for v in value)
    return isinstance(key, str) and _CODE.match(key) is not None and "status" in value


def sequence_lines(items: list, indent: int) -> list[str]:
    lines: list[str] = []
    for item in items:
        lines.extend(item_lines(item, indent))
    return lines


def item_lines(item, indent: int) -> list[str]:
    """One `- item` of a block sequence; a mapping item starts on the dash's line."""
    pad = " " * indent
    above = comment_lines(getattr(item, "above", ()), indent)
    if isinstance(item, str):
        return above + text_lines(pad + "-", item, indent + 2)
    if not isinstance(item, (dict, list)):
        return above + [f"{pad}- {scalar(item)}"]
    if not isinstance(item, dict) or not item:
        raise ValueError("lists inside lists and empty items are not written by this module")
    inner = mapping_lines(item, indent + 2)
    first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
    inner[first] = pad + "- " + inner[first][indent + 2 :]
    return above + inner


def text_lines(head: str, text: str, indent: int) -> list[str]:
    """A string after `key:` or `-`: plain or quoted on one line, folded (>-) when long, literal (|-) when multi-line."""
    if "\n" in text:
        if text.startswith(" ") or text.endswith("\n"):
            raise ValueError("literal blocks here start and end with text")
        return [head + " |-", *[(" " * indent + line) if line else "" for line in text.split("\n")]]
    one = f"{head} {scalar(text)}"
    if len(one) <= WIDTH or not foldable(text):
        return [one]
    return [head + " >-", *[" " * indent + line for line in wrap(text, WIDTH - indent)]]


def foldable(text: str) -> bool:
    return text == text.strip() and "  " not in text and "\t" not in text and text.isprintable()


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap at single spaces; folding joins the lines back with one space each."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def flow_text(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k, flow=True)}: {scalar(v, flow=True)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"


def scalar(value, flow: bool = False) -> str:
    """A scalar as YAML text that every loader reads back as the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return _text(value, flow)
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


@lru_cache(maxsize=1 << 16)
def _text(text: str, flow: bool) -> str:
    return text if plain_safe(text, flow) else quoted(text)


def plain_safe(text: str, flow: bool) -> bool:
    """Can `text` be written without quotes and still load as this very string?"""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or not text.isprintable():
        return False
    if flow and any(c in text for c in ",[]{}:"):
        return False
    return _SPECIAL.match(text) is None


def quoted(text: str) -> str:
    """Double quotes as plan authors write them; single quotes when the text itself holds double quotes."""
    if '"' in text and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)
