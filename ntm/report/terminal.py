"""The report in a terminal: one rich table per view, in Vietnamese.

Numbers are written by `ntm.vnformat` (through `outputs.human_cell`), the
criteria matrix shows ✓ ✗ ? per criterion, and colour (met in green, not met
in red, differences in red) is used only when asked, which the writer does
on a terminal without NO_COLOR. Cell text is passed as `rich.text.Text`, so
brackets in names are never read as markup. On screen each view shows at
most `max_rows` rows and says how many more there are.
"""

from __future__ import annotations

import io
import shutil

from ntm.report.build import Report
from ntm.report.outputs import human_cell, human_columns, missing, title, total_row
from ntm.report.views import INT, MONEY, NUMERIC, STATUS, STATUS_SYMBOLS, VIEW_BY_NAME, Column

STATUS_STYLE = {"met": "green", "not_met": "bold red", "unknown": "yellow"}
DIFFERENCES = ("difference", "difference_own", "difference_below")
FILE_WIDTH = 1000


def render(report: Report, lang: str, *, color: bool, max_rows: int, fit_terminal: bool = False) -> str:
    """The whole report as text; tables fit the terminal's width when `fit_terminal`, else take their own."""
    from rich.console import Console

    from ntm.messages import render_message

    width = shutil.get_terminal_size((120, 40)).columns if fit_terminal else FILE_WIDTH
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False, soft_wrap=False)
    heading = title(report, lang)
    console.print(_text(heading[0], "bold"))
    for line in heading[1:]:
        console.print(_text(line))
    for number, (name, frame) in enumerate(report.views(lang), 1):
        if name == "skipped" and frame.empty:
            continue
        view = VIEW_BY_NAME[name]
        console.print()
        console.print(_text(f"{number}. {view.title(lang, report.year)}", "bold"))
        if frame.empty:
            console.print(_text(render_message("report.empty", {}, lang)))
            continue
        console.print(_table(view, frame, lang, max_rows))
        if max_rows and len(frame) > max_rows:
            console.print(_text(render_message("report.omitted", {"count": len(frame) - max_rows}, lang), "dim"))
        if view.dynamic:
            console.print(_text(render_message("report.legend", {}, lang), "dim"))
    return _strip(buffer.getvalue())


def _table(view, frame, lang: str, max_rows: int):
    from rich import box
    from rich.table import Table

    from ntm.messages import render_message

    shown = human_columns(view, frame, brief=True)
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False)
    for column in shown:
        table.add_column(_header(column, lang), justify="right" if column.kind in NUMERIC else "left",
                         no_wrap=column.kind in NUMERIC or column.kind == STATUS)
    part = frame if not max_rows else frame.head(max_rows)
    data = [part[c.key].tolist() for c in shown]
    for values in zip(*data):
        table.add_row(*[_cell(v, c, lang) for v, c in zip(values, shown)])
    if max_rows and len(frame) > max_rows:
        table.add_row(*[_text("…", "dim")] + [_text("") for _ in shown[1:]])
    sums = total_row(view, frame, shown)
    if sums is not None:
        cells = [_text(human_cell(sums[c.key], c, lang), "bold") if c.key in sums else _text("") for c in shown]
        cells[0] = _text(render_message("report.total", {}, lang), "bold")
        table.add_section()
        table.add_row(*cells)
    return table


def _header(column: Column, lang: str) -> str:
    return column.header(lang)


def _cell(value, column: Column, lang: str):
    if column.kind == STATUS:
        key = None if missing(value) else value
        return _text(STATUS_SYMBOLS.get(key, ""), STATUS_STYLE.get(key, ""))
    text = human_cell(value, column, lang)
    if column.key in DIFFERENCES and column.kind in (INT, MONEY) and text not in ("", "0"):
        return _text(text, "bold red")
    return _text(text)


def _text(content: str, style: str = ""):
    from rich.text import Text

    return Text(content, style=style)


def _strip(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()).rstrip("\n")
