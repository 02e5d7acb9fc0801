"""The Markdown of plan prose, turned into block markup with every character escaped.

Plan files write their free text (`sections`, duties, notes) in a small
subset of Markdown: paragraphs separated by blank lines, "- " or "* " items,
"+ " sub-items (or an item indented by two spaces or more), `**bold**` and
`*italic*`. Anything else is text. The result is `markupsafe.Markup` holding
`<p>` and `<item>` elements whose text is escaped, so `&`, `<` and Jinja
syntax in a plan are printed as written and never become structure or code.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+])[ \t]+(?P<text>.*)$")
_INLINE = re.compile(r"\*\*(?P<bold>[^\s*](?:.*?[^\s*])?)\*\*|\*(?P<italic>[^\s*](?:.*?[^\s])?)\*")
_BLANK = re.compile(r"\n[ \t]*\n")


def to_markup(text: str | None, role: str = "body") -> Markup:
    """Markdown text -> `<p role=…>` and `<item>` markup (empty for empty text)."""
    if not text:
        return Markup("")
    blocks = [b for b in _BLANK.split(str(text).replace("\r\n", "\n")) if b.strip()]
    return Markup("").join(_block(b, role) for b in blocks)


def inline(text: str | None) -> Markup:
    """Inline Markdown (bold, italic) -> escaped markup with `<b>` and `<i>`."""
    if not text:
        return Markup("")
    out, last = [], 0
    for match in _INLINE.finditer(str(text)):
        out.append(escape(text[last:match.start()]))
        if match["bold"] is not None:
            out.append(Markup("<b>%s</b>") % inline(match["bold"]))
        else:
            out.append(Markup("<i>%s</i>") % inline(match["italic"]))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _block(block: str, role: str) -> Markup:
    """One blank-line-separated block: a paragraph, or items with their continuation lines."""
    parts: list[tuple[str, int, list[str]]] = []  # (kind, level, lines)
    for line in block.split("\n"):
        match = _ITEM.match(line)
        if match:
            parts.append(("item", _level(match), [match["text"]]))
        elif parts:
            parts[-1][2].append(line.strip())
        else:
            parts.append(("p", 0, [line.strip()]))
    return Markup("").join(_element(kind, level, lines, role) for kind, level, lines in parts)


def _level(match: re.Match) -> int:
    indent = len(match["indent"].expandtabs(4))
    return 2 if match["marker"] == "+" or indent >= 2 else 1


def _element(kind: str, level: int, lines: list[str], role: str) -> Markup:
    text = inline(" ".join(line for line in lines if line))
    if kind == "item":
        marker = "+" if level == 2 else "-"
        return Markup('<item level="%s" marker="%s">%s</item>') % (level, marker, text)
    return Markup('<p role="%s">%s</p>') % (role, text)
