"""HTML writer: the block tree as one self-contained, printable HTML page.

The page imitates the Nghị định 30/2020 layout with CSS (A4 page and legal
margins for printing, Times New Roman, letterhead and sign-off as two-column
tables, annexes on new pages). Every piece of text goes through
`html.escape`, so `&`, `<` or template syntax in a plan is shown as written.
"""

from __future__ import annotations

from html import escape

from ntm.render.blocks import Annex, Document, Item, Para, Run, Section, SignOff, Table

CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
@page landscape { size: A4 landscape; }
body { font-family: "Times New Roman", Times, serif; font-size: 14pt; line-height: 1.3; color: #000;
       max-width: 165mm; margin: 2em auto; }
table.layout { width: 100%; border-collapse: collapse; }
table.layout td { vertical-align: top; text-align: center; padding: 0; }
.issuer { font-size: 12pt; font-weight: bold; }
.parent { font-size: 12pt; }
.national { font-size: 12pt; font-weight: bold; }
.motto { font-size: 13pt; font-weight: bold; }
.rule { border-bottom: 1px solid #000; margin: 2px auto 6px; }
.number { font-size: 13pt; }
.place-date { font-style: italic; }
h1 { font-size: 14pt; text-align: center; margin: 18pt 0 0; }
.subject { font-weight: bold; text-align: center; margin: 0; }
p, li.item { text-align: justify; text-indent: 12.7mm; margin: 0 0 6pt; }
p.basis { font-style: italic; }
p.note, p.words { text-indent: 0; font-size: 13pt; }
p.words { font-style: italic; }
.h { font-weight: bold; text-indent: 12.7mm; margin: 6pt 0; font-size: 14pt; text-align: left; }
.h3 { font-style: italic; }
.h4 { font-weight: normal; font-style: italic; }
ul.items { list-style: none; padding: 0; margin: 0; }
td.recipients { text-align: left; font-size: 11pt; }
.recipients-label { font-size: 12pt; font-weight: bold; font-style: italic; }
td.signature { font-weight: bold; }
.sign-space { height: 6em; }
section.annex { page-break-before: always; margin-top: 3em; }
.annex-label { text-align: right; font-weight: bold; font-size: 13pt; }
.annex-title { text-align: center; font-weight: bold; }
.annex-note { text-align: center; font-style: italic; font-size: 13pt; }
.unit { text-align: right; font-style: italic; font-size: 12pt; }
table.grid { width: 100%; border-collapse: collapse; font-size: 12pt; margin-bottom: 6pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
tr.group td, tr.total td { font-weight: bold; }
.draft-mark { display: inline-block; border: 1.5pt solid #000; padding: 1pt 6pt; font-weight: bold; font-size: 13pt; }
body.draft::before { content: "DỰ THẢO"; position: fixed; top: 45%; left: 0; right: 0; text-align: center;
                     font-size: 72pt; font-weight: bold; color: rgba(0, 0, 0, 0.10); transform: rotate(-30deg);
                     pointer-events: none; }
"""

DRAFT = "DỰ THẢO"


def write_html(doc: Document) -> str:
    title = escape(doc.meta.get("title", doc.title.kind_name if doc.title else ""))
    parts = [f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>',
             f"<style>{CSS}</style>\n</head>\n" + ('<body class="draft">' if doc.draft else "<body>")]
    if doc.draft:  # on screen at the top; in print the fixed watermark repeats on every page
        parts.append(f'<div class="draft-mark">{DRAFT}</div>')
    if doc.letterhead:
        parts.append(_letterhead(doc.letterhead))
    if doc.title:
        parts.append(f"<h1>{escape(doc.title.kind_name)}</h1>")
        parts += [f'<p class="subject">{escape(s)}</p>' for s in doc.title.subject]
        parts.append('<div class="rule" style="width: 30%"></div>')
    parts += [_block(b) for b in doc.body]
    if doc.signoff:
        parts.append(_signoff(doc.signoff))
    parts += [_annex(a) for a in doc.annexes]
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def _inline(runs: list[Run]) -> str:
    out = []
    for run in runs:
        if run.is_break:
            out.append("<br>")
            continue
        text = escape(run.text)
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def _letterhead(head) -> str:
    left = "".join(f'<div class="parent">{escape(t)}</div>' for t in head.parent_body)
    left += "".join(f'<div class="issuer">{escape(t)}</div>' for t in head.issuer)
    left += '<div class="rule" style="width: 35%"></div>'
    right = f'<div class="national">{escape(head.national)}</div><div class="motto">{escape(head.motto)}</div>'
    right += '<div class="rule" style="width: 60%"></div>'
    number = f'<div class="number">{escape(head.number)}</div>' if head.number else ""
    place = f'<div class="place-date">{escape(head.place_date)}</div>' if head.place_date else ""
    return (f'<table class="layout letterhead"><tr><td align="center" style="width: 41%">{left}</td>'
            f'<td align="center">{right}</td></tr><tr><td align="center">{number}</td><td align="center">{place}</td></tr></table>')


def _block(block) -> str:
    if isinstance(block, Section):
        tag = f"h{min(block.depth + 1, 6)}"
        heading = "" if block.run_in else f'<{tag} class="h h{block.depth}">{escape(block.heading)}</{tag}>'
        return "<section>" + heading + "".join(_block(c) for c in block.children) + "</section>"
    if isinstance(block, Para):
        return f'<p class="{escape(block.role)}">{_inline(block.runs)}</p>'
    if isinstance(block, Item):
        indent = "" if block.level == 1 else ' style="text-indent: 19mm"'
        return f'<p class="item"{indent}>{escape(block.marker)} {_inline(block.runs)}</p>'
    if isinstance(block, Table):
        return _table(block)
    return ""


def _table(table: Table) -> str:
    total = sum(c.width for c in table.columns) or 1
    cols = "".join(f'<col style="width: {100 * c.width / total:.1f}%">' for c in table.columns)
    rows = []
    for row in table.rows:
        tag = "th" if row.role == "header" else "td"
        cells, column = [], 0
        for cell in row.cells:
            align = "center" if row.role == "header" else (cell.align or table.columns[column].align)
            if row.role == "group" and cell.span > 1:
                align = "left"
            span = f' colspan="{cell.span}"' if cell.span > 1 else ""
            cells.append(f'<{tag}{span} style="text-align: {align}">{_inline(cell.runs)}</{tag}>')
            column += cell.span
        rows.append(f'<tr class="{escape(row.role)}">' + "".join(cells) + "</tr>")
    unit = f'<div class="unit">{escape(table.unit)}</div>' if table.unit else ""
    return f'{unit}<table class="grid"><colgroup>{cols}</colgroup>' + "".join(rows) + "</table>"


def _signoff(signoff: SignOff) -> str:
    left = ""
    if signoff.recipients:
        left = f'<div class="recipients-label">{escape(signoff.recipients.label)}</div>'
        for line in signoff.recipients.lines:
            style = ' style="font-style: italic; font-weight: bold"' if line.role == "label" else ""
            left += f"<div{style}>{escape(line.text)}</div>"
    right = ""
    if signoff.signature:
        sig = signoff.signature
        right = "".join(f"<div>{escape(t)}</div>" for t in sig.authority + sig.title)
        right += '<div class="sign-space"></div>'
        right += "".join(f"<div>{escape(t)}</div>" for t in sig.position)
        right += f"<div>{escape(sig.name)}</div>" if sig.name else ""
    return (f'<table class="layout signoff"><tr><td class="recipients" style="width: 45%">{left}</td>'
            f'<td class="signature" align="center">{right}</td></tr></table>')


def _annex(annex: Annex) -> str:
    page = ' style="page: landscape"' if annex.landscape else ""
    head = (f'<div class="annex-label">{escape(annex.label)}</div>'
            f'<div class="annex-title">{escape(annex.title.upper())}</div>')
    if annex.note:
        head += f'<div class="annex-note">{escape(annex.note)}</div>'
    return f'<section class="annex"{page}>{head}' + "".join(_block(b) for b in annex.children) + "</section>"
