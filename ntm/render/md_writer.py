"""Markdown writer: the block tree as a Markdown file (for review, diffs and wikis).

Headings carry the renderer's numbers, tables are pipe tables, and every
piece of plan text is escaped so that `*`, `_`, `#`, `|`, `<` or a leading
"1." in a plan are shown as written and never become Markdown structure.
"""

from __future__ import annotations

import re

from ntm.render.blocks import Annex, Document, Item, Para, Run, Section, Table

_SPECIAL = re.compile(r"([\\`*_\[\]<|])")
_LINE_START = re.compile(r"^(\s*)([-+>#]|[0-9]+[.)])(\s|$)")


def escape(text: str, line_start: bool = True) -> str:
    """Backslash-escape what Markdown would read as markup; `line_start` also guards a leading `-`, `#`, `1.`."""
    text = _SPECIAL.sub(r"\\\1", text)
    if not line_start:
        return text
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) + m.group(3), text)


def inline(runs: list[Run]) -> str:
    out = []
    for run in runs:
        if run.is_break:
            out.append("<br>")
            continue
        text = escape(run.text)
        core = text.strip()
        if core and (run.bold or run.italic):
            mark = ("**" if run.bold else "") + ("*" if run.italic else "")
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            text = f"{lead}{mark}{core}{mark[::-1]}{trail}"
        out.append(text)
    return "".join(out)


DRAFT = "DỰ THẢO"


def write_markdown(doc: Document) -> str:
    lines: list[str] = [f"**{DRAFT}**", ""] if doc.draft else []
    _letterhead(doc, lines)
    if doc.title:
        lines += [f"# {escape(doc.title.kind_name, line_start=False)}", ""]
        lines += [f"**{escape(s)}**" for s in doc.title.subject] + [""]
    for block in doc.body:
        _block(block, lines)
    _signoff(doc, lines)
    for annex in doc.annexes:
        _annex(annex, lines)
    return "\n".join(lines).rstrip() + "\n"


def _letterhead(doc: Document, lines: list[str]) -> None:
    head = doc.letterhead
    if head is None:
        return
    left = [escape(t) for t in head.parent_body] + [f"**{escape(t)}**" for t in head.issuer]
    if head.number:
        left.append(escape(head.number))
    right = [f"**{escape(head.national)}**", f"**{escape(head.motto)}**"]
    lines += ["  \n".join(left), "", "  \n".join(right), ""]
    if head.place_date:
        lines += [f"*{escape(head.place_date)}*", ""]


def _block(block, lines: list[str]) -> None:
    if isinstance(block, Section):
        if not block.run_in:
            level = min(block.depth + 1, 6)
            lines += [f"{'#' * level} {escape(block.heading, line_start=False)}", ""]
        for child in block.children:
            _block(child, lines)
    elif isinstance(block, Para):
        text = inline(block.runs)
        lines += [f"*{text}*" if block.role == "basis" else text, ""]
    elif isinstance(block, Item):
        indent = "  " * (block.level - 1)
        lines.append(f"{indent}- {inline(block.runs)}")
        lines.append("")
    elif isinstance(block, Table):
        _table(block, lines)


def _table(table: Table, lines: list[str]) -> None:
    if table.unit:
        lines += [f"*{escape(table.unit)}*", ""]
    for index, row in enumerate(table.rows):
        cells = []
        for cell in row.cells:
            text = inline(cell.runs)
            if row.role in ("group", "total") and text:
                text = f"**{text}**"
            cells += [text] + [""] * (cell.span - 1)
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "|".join(_rule(c.align) for c in table.columns) + "|")
    lines.append("")


def _rule(align: str) -> str:
    return {"center": ":---:", "right": "---:"}.get(align, "---")


def _signoff(doc: Document, lines: list[str]) -> None:
    signoff = doc.signoff
    if signoff is None:
        return
    if signoff.signature:
        sig = signoff.signature
        for text in sig.authority + sig.title:
            lines.append(f"**{escape(text)}**  ")
        lines += ["", "*(Ký, đóng dấu)*", ""]
        for text in sig.position:
            lines.append(f"**{escape(text)}**  ")
        if sig.name:
            lines.append(f"**{escape(sig.name)}**")
        lines.append("")
    if signoff.recipients:
        lines += [f"***{escape(signoff.recipients.label)}***", ""]
        for line in signoff.recipients.lines:
            lines.append(f"*{escape(line.text)}*  " if line.role == "label" else escape(line.text) + "  ")
        lines.append("")


def _annex(annex: Annex, lines: list[str]) -> None:
    lines += ["---", "", f"## {escape(annex.label, line_start=False)}", "", f"**{escape(annex.title.upper())}**", ""]
    if annex.note:
        lines += [f"*{escape(annex.note)}*", ""]
    for block in annex.children:
        _block(block, lines)
