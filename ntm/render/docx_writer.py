"""Word writer: the block tree as a .docx in the layout of Nghị định 30/2020/NĐ-CP.

A4 portrait, margins 20/20/30/15 mm (top, bottom, left, right), Times New
Roman everywhere. The letterhead is a borderless two-column table (issuing
body and số ký hiệu | Quốc hiệu, Tiêu ngữ and the place-date line), with the
short solid lines under the issuing body and the Tiêu ngữ drawn as bottom
borders of narrow paragraphs. Page numbers are a PAGE field centred in the
top margin, hidden on page 1 (a different first-page header). The sign-off
is a borderless table (Nơi nhận left, signature right); annexes (Biểu) start
on a new page, in a landscape section when the template asks, with real
Word tables whose header row repeats on every page. python-docx is imported
only when a document is written; text is set through python-docx, which
escapes it, so nothing in a plan can break the XML.
"""

from __future__ import annotations

import io

from ntm.render.blocks import Annex, Document, Item, Para, Run, Section, SignOff, Table

FONT = "Times New Roman"
PAGE_W, PAGE_H = 210, 297
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}
BODY_W = PAGE_W - MARGINS["left"] - MARGINS["right"]  # 165 mm
LANDSCAPE_BODY_W = PAGE_H - MARGINS["left"] - MARGINS["right"]
HEAD_COLS = (68, BODY_W - 68)
SIGN_COLS = (75, BODY_W - 75)
INDENT_MM = 12.7

SIZE = {
    "body": 14, "parent": 12, "issuer": 12, "number": 13, "national": 12, "motto": 13, "place_date": 14,
    "type": 14, "subject": 14, "recipients_label": 12, "recipients": 11, "signature": 14, "page": 13,
    "annex_label": 13, "annex_title": 14, "annex_note": 13, "table": 12, "table_landscape": 11, "note": 13,
}


def write_docx(doc: Document) -> bytes:
    from docx import Document as new_document

    word = new_document()
    _setup(word, doc)
    if doc.draft:
        _draft_mark(word.sections[0])
    if doc.letterhead:
        _letterhead(word, doc.letterhead)
    if doc.title:
        _title(word, doc.title)
    for block in doc.body:
        _block(word, block, BODY_W)
    if doc.signoff:
        if word.paragraphs:
            word.paragraphs[-1].paragraph_format.keep_with_next = True  # the closing line stays with the signature
        _signoff(word, doc.signoff)
    for annex in doc.annexes:
        _annex(word, annex)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# Page, styles, header
# ---------------------------------------------------------------------------


def _setup(word, doc: Document) -> None:
    from docx.shared import Mm

    section = word.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(MARGINS["top"]), Mm(MARGINS["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS["left"]), Mm(MARGINS["right"])
    section.header_distance = Mm(10)
    _styles(word)
    _page_numbers(section)
    props = word.core_properties
    props.title = doc.meta.get("title", "")
    props.author = doc.meta.get("author", "")
    props.subject = doc.meta.get("subject", "")
    props.language = "vi-VN"


def _styles(word) -> None:
    from docx.shared import Pt

    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZE["body"])
    _rfonts(normal.element.get_or_add_rPr())
    _lang(normal.element.get_or_add_rPr())
    _table_style(word)
    defaults = word.styles.element.find(_qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(_qn("w:rPrDefault") + "/" + _qn("w:rPr"))
        if rpr is not None:
            _rfonts(rpr)


TABLE_STYLE = "NTM Bảng"
TABLE_STYLE_ID = "NTMBang"


def _table_style(word) -> None:
    """The paragraph style of table cells: 12 pt, single spacing, 2 pt before and after."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    style = word.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.element.styleId = TABLE_STYLE_ID
    style.base_style = word.styles["Normal"]
    style.font.size = Pt(SIZE["table"])
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(2), Pt(2), 1.0


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _rfonts(rpr) -> None:
    """Times New Roman for every script, replacing the template's theme fonts."""
    from docx.oxml import OxmlElement

    fonts = rpr.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(_qn(name), FONT)


def _lang(rpr) -> None:
    from docx.oxml import OxmlElement

    lang = rpr.find(_qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(_qn("w:val"), "vi-VN")


def _page_numbers(section) -> None:
    """PAGE field centred in the top margin from page 2 on (page 1's header stays empty)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an explicit, empty first-page header
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), ("instr", "PAGE"), ("separate", None), ("text", "2"), ("end", None)):
        run = paragraph.add_run()
        _size(run, SIZE["page"])
        if kind == "text":
            run.text = text
        elif kind == "instr":
            run._r.append(_element("w:instrText", {"xml:space": "preserve"}, text))
        else:
            run._r.append(_element("w:fldChar", {"w:fldCharType": kind}))


DRAFT = "DỰ THẢO"


def _draft_mark(section) -> None:
    """DỰ THẢO, bold in a box, at the top right of every page (both headers; later sections inherit them)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for header in (section.first_page_header, section.header):
        paragraph = header.paragraphs[0] if not header.paragraphs[0].runs else header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(f" {DRAFT} ")
        _size(run, SIZE["number"], bold=True)
        run._r.get_or_add_rPr().append(  # a box around the words only
            _element("w:bdr", {"w:val": "single", "w:sz": "8", "w:space": "0", "w:color": "000000"}))


def _element(tag: str, attrs: dict[str, str], text: str | None = None):
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(_qn(key), value)
    if text is not None:
        el.text = text
    return el


# ---------------------------------------------------------------------------
# Paragraph helpers
# ---------------------------------------------------------------------------


def _size(run, size: float, bold: bool = False, italic: bool = False) -> None:
    """Size on every run; the font itself comes from the Normal style and the document defaults."""
    from docx.shared import Pt

    font = run.font
    font.size = Pt(size)
    if bold:
        font.bold = True
    if italic:
        font.italic = True


def _paragraph(container, align: str = "justify", before: float = 0, after: float = 6, indent: float = 0,
               spacing: float = 1.15, keep: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    paragraph.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = spacing
    fmt.first_line_indent = Mm(indent) if indent else None
    fmt.keep_with_next = keep or None
    return paragraph


def _runs(paragraph, runs: list[Run], size: float | None, bold: bool = False, italic: bool = False) -> None:
    """Add the runs; `size=None` keeps the paragraph style's size."""
    for piece in runs:
        run = paragraph.add_run()
        if piece.is_break:
            run.add_break()
        else:
            run.text = piece.text
        if size is not None:
            _size(run, size, bold or piece.bold, italic or piece.italic)
        else:
            run.font.bold = (bold or piece.bold) or None
            run.font.italic = (italic or piece.italic) or None


def _text(container, text: str, size: float, bold: bool = False, italic: bool = False, align: str = "center",
          after: float = 0, before: float = 0):
    paragraph = _paragraph(container, align, before=before, after=after, spacing=1.0)
    _runs(paragraph, [Run(text)], size, bold, italic)
    return paragraph


def _rule(container, length_mm: float, column_mm: float) -> None:
    """A short solid line, centred: the bottom border of an empty, narrow paragraph."""
    from docx.shared import Mm, Pt

    length = max(15.0, min(length_mm, column_mm))
    paragraph = _paragraph(container, "center", before=3, after=3, spacing=1.0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm((column_mm - length) / 2)
    fmt.line_spacing = Pt(2)
    borders = _element("w:pBdr", {})
    borders.append(_element("w:bottom", {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}))
    paragraph._p.get_or_add_pPr().append(borders)


def text_width_mm(text: str, size: float, bold: bool = False) -> float:
    """A rough width of Times New Roman text: enough to size the short rules of the letterhead."""
    em = 0.0
    for char in text:
        if char.isspace():
            em += 0.25
        elif char.isupper():
            em += 0.70
        elif char.isalnum():
            em += 0.48
        else:
            em += 0.33
    return em * size * (1.06 if bold else 1.0) * 0.3528


# ---------------------------------------------------------------------------
# Letterhead and title
# ---------------------------------------------------------------------------


def _letterhead(word, head) -> None:
    table = _borderless(word, 2, HEAD_COLS)
    left, right = table.cell(0, 0), table.cell(0, 1)
    for text in head.parent_body:
        _text(left, text, SIZE["parent"])
    for text in head.issuer:
        _text(left, text, SIZE["issuer"], bold=True)
    issuer = max([text_width_mm(t, SIZE["issuer"], True) for t in head.issuer] or [30])
    _rule(left, 0.4 * min(issuer, HEAD_COLS[0]), HEAD_COLS[0])
    _text(right, head.national, SIZE["national"], bold=True)
    _text(right, head.motto, SIZE["motto"], bold=True)
    _rule(right, text_width_mm(head.motto, SIZE["motto"], True), HEAD_COLS[1])
    if head.number:
        _text(table.cell(1, 0), head.number, SIZE["number"], before=4)
    if head.place_date:
        _text(table.cell(1, 1), head.place_date, SIZE["place_date"], italic=True, before=4)
    _drop_empty_first_paragraphs(table)


def _title(word, title) -> None:
    _text(word, title.kind_name, SIZE["type"], bold=True, before=18)
    for line in title.subject:
        _text(word, line, SIZE["subject"], bold=True)
    widest = max([text_width_mm(s, SIZE["subject"], True) for s in title.subject] or [40])
    _rule(word, min(widest / 3, 55), BODY_W)
    _paragraph(word, after=6, spacing=1.0)


# ---------------------------------------------------------------------------
# Body blocks
# ---------------------------------------------------------------------------

HEADING_STYLE = {1: (True, False), 2: (True, False), 3: (True, True), 4: (False, True)}


def _block(container, block, width_mm: float, size: float = SIZE["body"]) -> None:
    if isinstance(block, Section):
        _section(container, block, width_mm, size)
    elif isinstance(block, Para):
        _para(container, block, size)
    elif isinstance(block, Item):
        _item(container, block, size)
    elif isinstance(block, Table):
        _table(container, block, width_mm)


def _section(container, section: Section, width_mm: float, size: float) -> None:
    if not section.run_in:
        bold, italic = HEADING_STYLE.get(section.depth, (False, False))
        paragraph = _paragraph(container, before=6 if section.depth == 1 else 0, indent=INDENT_MM, keep=True)
        _runs(paragraph, [Run(section.heading)], size, bold, italic)
    for child in section.children:
        _block(container, child, width_mm, size)


def _para(container, para: Para, size: float) -> None:
    if para.role == "words":
        paragraph = _paragraph(container, "left", before=3)
        _runs(paragraph, para.runs, SIZE["note"], italic=True)
    elif para.role == "note":
        _runs(_paragraph(container, "left", before=6), para.runs, SIZE["note"])
    elif para.role == "center":
        _runs(_paragraph(container, "center"), para.runs, size)
    else:
        _runs(_paragraph(container, indent=INDENT_MM), para.runs, size, italic=para.role == "basis")


def _item(container, item: Item, size: float) -> None:
    paragraph = _paragraph(container, indent=INDENT_MM if item.level == 1 else INDENT_MM * 1.5)
    _runs(paragraph, [Run(f"{item.marker} ")] + item.runs, size)


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


def _borderless(container, rows: int, widths_mm: tuple[float, ...]):
    table = container.add_table(rows=rows, cols=len(widths_mm))
    _fixed_widths(table, widths_mm)
    borders = _table_borders(table)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{side}", {"w:val": "nil"}))
    return table


def _table_borders(table):
    tbl_pr = table._tbl.tblPr
    existing = tbl_pr.find(_qn("w:tblBorders"))
    if existing is not None:
        tbl_pr.remove(existing)
    borders = _element("w:tblBorders", {})
    tbl_pr.append(borders)
    return borders


def _fixed_widths(table, widths_mm) -> None:
    """Grid and cell widths, set on the XML directly (python-docx's cell lookup is quadratic)."""
    from docx.shared import Mm

    table.autofit = False
    table._tbl.tblPr.append(_element("w:tblLayout", {"w:type": "fixed"}))
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths_mm):
            tc.width = Mm(width)


def _row_cells(table, r: int, spans: list[int], widths_mm: tuple[float, ...]) -> list:
    """The cells of row r after merging each run of `spans` columns into one (gridSpan)."""
    from docx.shared import Mm
    from docx.table import _Cell

    tr = table._tbl.tr_lst[r]
    tcs, cells, column = list(tr.tc_lst), [], 0
    for span in spans:
        first = tcs[column]
        for extra in tcs[column + 1: column + span]:
            tr.remove(extra)
        if span > 1:
            first.get_or_add_tcPr().append(_element("w:gridSpan", {"w:val": str(span)}))
            first.width = Mm(sum(widths_mm[column: column + span]))
        cells.append(_Cell(first, table))
        column += span
    return cells


def _drop_empty_first_paragraphs(table) -> None:
    """Cells start with one empty paragraph; remove it where content was added after it."""
    for row in table.rows:
        for cell in row.cells:
            paragraphs = cell.paragraphs
            if len(paragraphs) > 1 and not paragraphs[0].text and not paragraphs[0].runs:
                paragraphs[0]._p.getparent().remove(paragraphs[0]._p)


def _table(container, table: Table, width_mm: float) -> None:
    size = SIZE["table"] if width_mm <= BODY_W else SIZE["table_landscape"]
    if table.unit:
        _text(container, table.unit, size, italic=True, align="right", after=2)
    total = sum(c.width for c in table.columns) or 1
    widths = tuple(width_mm * c.width / total for c in table.columns)
    word_table = container.add_table(rows=len(table.rows), cols=len(table.columns))
    word_table.style = "Table Grid"
    _fixed_widths(word_table, widths)
    for r, row in enumerate(table.rows):
        _table_row(word_table, r, row, table, size, widths)
    spacer = _paragraph(container, after=0, spacing=1.0)  # a table needs a paragraph after it
    _exact_line(spacer.paragraph_format, 6)


def _table_row(word_table, r: int, row, table: Table, size: float, widths: tuple[float, ...]) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    tr_pr = word_table._tbl.tr_lst[r].get_or_add_trPr()
    tr_pr.append(_element("w:cantSplit", {}))
    if row.role == "header":
        tr_pr.append(_element("w:tblHeader", {}))
    column = 0
    targets = _row_cells(word_table, r, [c.span for c in row.cells], widths)
    for cell, target in zip(row.cells, targets):
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        align = "center" if row.role == "header" else (cell.align or table.columns[column].align)
        if row.role == "group" and cell.span > 1:
            align = "left"
        paragraph = target.paragraphs[0]
        _format_cell_paragraph(paragraph, align)
        if row.role == "group":  # a group's heading row never ends a page without its first row
            paragraph.paragraph_format.keep_with_next = True
        _runs(paragraph, cell.runs, None if size == SIZE["table"] else size, bold=row.role in ("header", "group", "total"))
        column += cell.span


def _format_cell_paragraph(paragraph, align: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph._p.get_or_add_pPr().style = TABLE_STYLE_ID  # by id: python-docx looks names up one by one
    if align != "left":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.RIGHT


# ---------------------------------------------------------------------------
# Sign-off and annexes
# ---------------------------------------------------------------------------


def _signoff(word, signoff: SignOff) -> None:
    table = _borderless(word, 1, SIGN_COLS)
    table.rows[0]._tr.get_or_add_trPr().append(_element("w:cantSplit", {}))  # never split the signature
    left, right = table.cell(0, 0), table.cell(0, 1)
    if signoff.recipients:
        _recipients(left, signoff.recipients)
    if signoff.signature:
        _signature(right, signoff.signature)
    _drop_empty_first_paragraphs(table)


def _recipients(cell, recipients) -> None:
    _text(cell, recipients.label, SIZE["recipients_label"], bold=True, italic=True, align="left", before=6)
    for line in recipients.lines:
        italic = line.role == "label"
        _text(cell, line.text, SIZE["recipients"], italic=italic, bold=italic, align="left", before=2 if italic else 0)


def _signature(cell, sig) -> None:
    for text in sig.authority + sig.title:
        _text(cell, text, SIZE["signature"], bold=True)
    for _ in range(4):  # room for the signature and the seal
        _text(cell, "", SIZE["signature"])
    for text in sig.position:
        _text(cell, text, SIZE["signature"], bold=True)
    if sig.name:
        _text(cell, sig.name, SIZE["signature"], bold=True)


def _annex(word, annex: Annex) -> None:
    width, new_section = _annex_page(word, annex.landscape)
    label = _text(word, annex.label, SIZE["annex_label"], bold=True, align="right", after=6)
    label.paragraph_format.page_break_before = not new_section or None
    _text(word, annex.title.upper(), SIZE["annex_title"], bold=True)
    if annex.note:
        _text(word, annex.note, SIZE["annex_note"], italic=True)
    _paragraph(word, after=4, spacing=1.0)
    for block in annex.children:
        _block(word, block, width, SIZE["note"])


def _annex_page(word, landscape: bool) -> tuple[float, bool]:
    """(body width, whether a section starts here): a new section only when the orientation changes.

    Otherwise the annex label breaks the page itself (page break before), so no paragraph that
    holds only a break can spill onto a page of its own and leave it blank.
    """
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    width = LANDSCAPE_BODY_W if landscape else BODY_W
    current = word.sections[-1]
    if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return width, False
    section = word.add_section(WD_SECTION.NEW_PAGE)
    _merge_section_break(word)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = Mm(PAGE_H), Mm(PAGE_W)
    section.page_width, section.page_height = (long_side, short_side) if landscape else (short_side, long_side)
    section.different_first_page_header_footer = False
    return width, True


def _merge_section_break(word) -> None:
    """Put the section break python-docx just added into the empty paragraph before it, and make it 1 pt.

    A table must be followed by a paragraph, and the break needs one too; two empty 14 pt lines
    after a table that ends near the foot of a page spill over and print a blank page.
    """
    body = word.element.body
    holder = body[-2]  # <w:p><w:pPr><w:sectPr/></w:pPr></w:p> that ends the previous section
    previous = holder.getprevious()
    if previous is not None and previous.tag == _qn("w:p") and not _has_text(previous) \
            and previous.find(_qn("w:pPr") + "/" + _qn("w:sectPr")) is None:
        sect_pr = holder.find(_qn("w:pPr") + "/" + _qn("w:sectPr"))
        previous.get_or_add_pPr().append(sect_pr)
        body.remove(holder)
        holder = previous
    _shrink(holder)


def _has_text(p) -> bool:
    return any(t.text for t in p.iter(_qn("w:t"))) or p.find(".//" + _qn("w:br")) is not None


def _shrink(p) -> None:
    """An empty paragraph 1 pt high (its mark 1 pt too): the smallest a paragraph that must exist can be."""
    from docx.shared import Pt
    from docx.text.paragraph import Paragraph

    fmt = Paragraph(p, None).paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    _exact_line(fmt, 1)
    ppr = p.get_or_add_pPr()
    mark = ppr.find(_qn("w:rPr"))
    if mark is None:
        mark = _element("w:rPr", {})
        sect_pr = ppr.find(_qn("w:sectPr"))
        if sect_pr is not None:
            sect_pr.addprevious(mark)  # the schema puts rPr before sectPr
        else:
            ppr.append(mark)
    mark.append(_element("w:sz", {"w:val": "2"}))


def _exact_line(fmt, points: float) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt.line_spacing = Pt(points)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY