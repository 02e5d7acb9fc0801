"""The report as an Excel workbook an officer can hand on.

One sheet per view, in the views' order (the criteria matrix: one sheet per
national criteria set when there are several, "TC xa-ntm-2021-2025", since a
criterion's code means another criterion in another set): a bold, wrapped
header row of Vietnamese headers, frozen; column widths from the views; numbers stored as
numbers (money exactly, from Decimal) with the formats `#,##0.0` (money),
`#,##0` (counts), `0.0"%"` (percentages, stored as the percent number) and
`dd/mm/yyyy` (dates); standards, statuses and other codes written as their
Vietnamese names; a bold total row under the money views. Written with
openpyxl's write-only mode, so large reports stay fast and small in memory.
"""

from __future__ import annotations

import io
from decimal import Decimal

from ntm.report.build import Report
from ntm.report.outputs import human_cell, human_columns, matrix_parts, missing, total_row
from ntm.report.views import DATE, INT, MONEY, PERCENT, VIEW_BY_NAME, YEAR, Column

FORMATS = {MONEY: "#,##0.0", INT: "#,##0", YEAR: "0", PERCENT: '0.0"%"', DATE: "dd/mm/yyyy"}
MAX_WIDTH = 60
SHEET_NAME = 31  # Excel's longest sheet name


def workbook_bytes(report: Report, lang: str = "vi") -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, frame in report.views(lang):
        view = VIEW_BY_NAME[name]
        parts = [part for _, part in matrix_parts(report, frame, lang)] if view.dynamic else [frame]
        for part in parts:
            _sheet(book, view, part, lang, view.sheet if len(parts) == 1 else _set_sheet(part))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _set_sheet(part) -> str:
    """The sheet of one criteria set's part of the matrix: "TC " and the set's id, within Excel's 31 characters."""
    return f"TC {part['base_set'].iloc[0] or '?'}"[:SHEET_NAME]


def _sheet(book, view, frame, lang: str, title: str) -> None:
    from openpyxl.utils import get_column_letter

    from ntm.messages import render_message

    sheet = book.create_sheet(title=title)
    shown = human_columns(view, frame)
    for index, column in enumerate(shown, 1):
        sheet.column_dimensions[get_column_letter(index)].width = min(column.width, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    styles = _Styles(sheet)
    sheet.append([styles.header(c.header(lang)) for c in shown])
    writers = [styles.writer(c, lang) for c in shown]
    data = [frame[c.key].tolist() for c in shown]
    for values in zip(*data):
        sheet.append([write(v) for write, v in zip(writers, values)])
    sums = total_row(view, frame, shown)
    if sums is not None:
        cells = [styles.number(sums[c.key], c, bold=True) if c.key in sums else None for c in shown]
        cells[0] = styles.header(render_message("report.total", {}, lang), wrap=False)
        sheet.append(cells)


class _Styles:
    """Cell writers for one sheet: numbers and dates as formatted cells, the rest as Vietnamese text."""

    def __init__(self, sheet) -> None:
        from openpyxl.styles import Alignment, Font

        self.sheet = sheet
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="center")

    def header(self, text: str, wrap: bool = True):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value=text)
        cell.font = self.bold
        if wrap:
            cell.alignment = self.wrap
        return cell

    def number(self, value, column: Column, bold: bool = False):
        from openpyxl.cell import WriteOnlyCell

        if missing(value):
            return None
        plain = int(value) if column.kind in (INT, YEAR) else Decimal(value) if column.kind in (MONEY, PERCENT) else value
        cell = WriteOnlyCell(self.sheet, value=plain)
        cell.number_format = FORMATS[column.kind]
        if bold:
            cell.font = self.bold
        return cell

    def writer(self, column: Column, lang: str):
        """A function from a frame value to what the sheet gets; text values are looked up once each."""
        if column.kind in FORMATS:
            return lambda value: self.number(value, column)
        seen: dict = {}

        def text(value):
            if missing(value):
                return human_cell(value, column, lang) or None
            try:
                return seen[value]
            except KeyError:
                seen[value] = human_cell(value, column, lang)
                return seen[value]
            except TypeError:
                return human_cell(value, column, lang)

        return text
