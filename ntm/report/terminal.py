"""The report in a terminal: one rich table per view, in Vietnamese, fitted to the width.

Numbers are written by `ntm.vnformat` (through `outputs.human_cell`), the
criteria matrix shows ✓ ✗ ? per criterion, one table per national criteria
set (`outputs.matrix_parts`), and colour (met in green, not met in red,
differences in red) is used only when asked, which the writer does on a
terminal without NO_COLOR. Cell text is passed as `rich.text.Text`, so
brackets in names are never read as markup. On screen each view shows at
most `max_rows` rows and says how many more there are.

Tables fit the width they are given without cutting a word: a column never
gets narrower than its longest word (a unit's name, its whole name), text
columns wrap at spaces, and when even that is too wide the columns are split
into several tables, each repeating the unit column, the matrix's criteria
kept together where they fit.
"""

from __future__ import annotations

import io

from ntm.report.build import Report
from ntm.report.outputs import human_cell, human_columns, matrix_parts, missing, money_places, title, total_row
from ntm.report.views import INT, MONEY, NUMERIC, STATUS, STATUS_SYMBOLS, VIEW_BY_NAME, Column

STATUS_STYLE = {"met": "green", "not_met": "bold red", "unknown": "yellow"}
DIFFERENCES = ("difference", "difference_own", "difference_below")
FILE_WIDTH = 1000
GAP = 3  # the SIMPLE_HEAD box between two columns: padding, divider, padding
WHOLE = ("unit",)  # columns shown whole, never wrapped
MAX_WHOLE = 32


def render(report: Report, lang: str, *, color: bool, max_rows: int, width: int | None = None) -> str:
    """The whole report as text, its tables at most `width` characters wide (a file's own width when None)."""
    from rich.console import Console

    from ntm.messages import render_message

    buffer = io.StringIO()
    console = Console(file=buffer, width=width or FILE_WIDTH, force_terminal=color, no_color=not color,
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
        parts = matrix_parts(report, frame, lang) if view.dynamic else [([], frame)]
        for index, (lines, part) in enumerate(parts):
            if index:
                console.print()
            for line in lines:
                console.print(_text(line, "italic"))
            _print_view(console, view, part, lang, max_rows)
        if view.dynamic:
            console.print(_text(render_message("report.legend", {}, lang), "dim"))
    return _strip(buffer.getvalue())


def _print_view(console, view, frame, lang: str, max_rows: int) -> None:
    from ntm.messages import render_message

    for index, table in enumerate(_tables(view, frame, lang, max_rows, console.width)):
        if index:
            console.print(_text(render_message("report.continued", {}, lang), "dim"))
        console.print(table)
    if max_rows and len(frame) > max_rows:
        console.print(_text(render_message("report.omitted", {"count": len(frame) - max_rows}, lang), "dim"))


# ----- cells ------------------------------------------------------------------------------


def _columns_and_cells(view, frame, lang: str, max_rows: int) -> tuple[list[Column], list[list]]:
    """The columns shown and, per column, its cells: the rows, a '…' row when cut, the total row."""
    from ntm.messages import render_message

    shown = human_columns(view, frame, brief=True)
    places = money_places(frame, shown)
    part = frame if not max_rows else frame.head(max_rows)
    cells = [[_cell(v, c, lang, places.get(c.key)) for v in part[c.key].tolist()] for c in shown]
    if max_rows and len(frame) > max_rows:
        for index, column in enumerate(cells):
            column.append(_text("…" if index == 0 else "", "dim"))
    sums = total_row(view, frame, shown)
    if sums is not None:
        for column, values in zip(shown, cells):
            values.append(_text(human_cell(sums[column.key], column, lang, places.get(column.key)), "bold")
                          if column.key in sums else _text(""))
        cells[0][-1] = _text(render_message("report.total", {}, lang), "bold")
    return shown, cells


def _cell(value, column: Column, lang: str, decimals: int | None = None):
    if column.kind == STATUS:
        key = None if missing(value) else value
        return _text(STATUS_SYMBOLS.get(key, ""), STATUS_STYLE.get(key, ""))
    text = human_cell(value, column, lang, decimals)
    if column.key in DIFFERENCES and column.kind in (INT, MONEY) and text not in ("", "0"):
        return _text(text, "bold red")
    return _text(text)


# ----- fitting the width ----------------------------------------------------------------------


def _tables(view, frame, lang: str, max_rows: int, width: int) -> list:
    shown, cells = _columns_and_cells(view, frame, lang, max_rows)
    headers = [c.header(lang) for c in shown]
    has_sum = total_row(view, frame, shown) is not None
    if _span([_natural(h, values) for h, values in zip(headers, cells)]) <= width:
        return [_table(shown, headers, cells, [None] * len(shown), has_sum)]
    sizes = [_measure(c, h, values) for c, h, values in zip(shown, headers, cells)]
    minimum, natural, wrapped = ([s[i] for s in sizes] for i in range(3))
    keys = [i for i, c in enumerate(shown) if c.key == "unit"] or [0]
    tables = []
    for group in plan_groups(minimum, keys, _blocks(shown, keys), width):
        group = sorted(group)
        widths = fit_widths([minimum[i] for i in group], [natural[i] for i in group], width, [wrapped[i] for i in group])
        tables.append(_table([shown[i] for i in group], [headers[i] for i in group], [cells[i] for i in group],
                             widths, has_sum))
    return tables


def _measure(column: Column, header: str, cells: list) -> tuple[int, int, int]:
    """(narrowest width that cuts no word, width on one line, lines longer than the narrowest) of a column.

    The narrowest width also keeps the header to two lines and a cell to
    three, so that squeezed columns stay legible: the table splits sooner.
    """
    from rich.cells import cell_len

    texts = [c.plain for c in cells]
    natural = _natural(header, cells)
    readable = max([lines_width(header, 2)] + [lines_width(t, 3) for t in texts])
    if column.kind in NUMERIC or column.kind == STATUS:
        minimum = max([lines_width(header, 2)] + [cell_len(t) for t in texts])
    elif column.key in WHOLE:
        minimum = max(readable, min(natural, MAX_WHOLE))
    else:
        minimum = readable
    return minimum, natural, sum(1 for t in [header, *texts] if cell_len(t) > minimum)


def _natural(header: str, cells: list) -> int:
    """The width of a column on one line: its longest cell or header."""
    from rich.cells import cell_len

    return max([cell_len(header)] + [cell_len(c.plain) for c in cells])


def lines_width(text: str, lines: int) -> int:
    """The narrowest width at which `text`, wrapped at spaces, takes at most `lines` lines."""
    from rich.cells import cell_len

    words = [cell_len(w) for w in text.split()]
    if not words:
        return 1
    low, high = max(words), sum(words) + len(words) - 1
    while low < high:
        middle = (low + high) // 2
        if _line_count(words, middle) <= lines:
            high = middle
        else:
            low = middle + 1
    return low


def _line_count(words: list[int], width: int) -> int:
    count, used = 1, -1
    for size in words:
        if used + 1 + size > width:
            count, used = count + 1, size
        else:
            used += 1 + size
    return count


def _blocks(shown: list[Column], keys: list[int]) -> list[list[int]]:
    """Columns that go into a table together: each one alone, the matrix's criteria as one block."""
    blocks, statuses = [], []
    for index, column in enumerate(shown):
        if index in keys:
            continue
        if column.kind == STATUS:
            statuses.append(index)
        else:
            blocks.append([index])
    return blocks + ([statuses] if statuses else [])


def _span(widths: list[int]) -> int:
    return sum(widths) + GAP * (len(widths) - 1)


def plan_groups(minimum: list[int], keys: list[int], blocks: list[list[int]], width: int) -> list[list[int]]:
    """Column indexes of each table: the key columns and, first fit, the blocks; a block wider than one
    table fills the last table and goes on in new ones."""
    def fits(group):
        return _span([minimum[i] for i in group]) <= width

    groups: list[list[int]] = []
    for block in blocks:
        home = next((group for group in groups if fits(group + block)), None)
        if home is not None:
            home.extend(block)
        elif len(block) == 1 or fits(keys + block):
            groups.append(keys + block)
        else:
            current = groups[-1] if groups else None
            for index in block:
                if current is None or not fits(current + [index]):
                    current = list(keys)
                    groups.append(current)
                current.append(index)
    return groups or [list(keys)]


def fit_widths(minimum: list[int], natural: list[int], width: int, wrapped: list[int] | None = None) -> list[int | None]:
    """Column widths for one table: None (natural) when it fits; else every column at its minimum, and the room
    left goes first to the columns that unwrap most lines (`wrapped`: lines longer than the minimum) per
    character, then pro rata to the rest."""
    if _span(natural) <= width:
        return [None] * len(natural)
    wrapped = wrapped or [1] * len(natural)
    room = max(0, width - _span(minimum))
    widths = list(minimum)
    waiting = sorted(range(len(widths)), key=lambda i: (natural[i] - minimum[i]) / max(1, wrapped[i]))
    while waiting and natural[waiting[0]] - minimum[waiting[0]] <= room:
        index = waiting.pop(0)
        room -= natural[index] - minimum[index]
        widths[index] = natural[index]
    wants = sum(natural[i] - minimum[i] for i in waiting) or 1
    for index in waiting:
        widths[index] += room * (natural[index] - minimum[index]) // wants
    return widths


def _table(shown: list[Column], headers: list[str], cells: list[list], widths: list, has_sum: bool):
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False)
    for column, header, size in zip(shown, headers, widths):
        table.add_column(header, justify="right" if column.kind in NUMERIC else "left", width=size,
                         no_wrap=column.kind == STATUS or (size is None and column.kind in NUMERIC),
                         overflow="fold")
    for row in zip(*cells):
        if has_sum and len(table.rows) == len(cells[0]) - 1:
            table.add_section()
        table.add_row(*row)
    return table


def _text(content: str, style: str = ""):
    from rich.text import Text

    return Text(content, style=style)


def _strip(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()).rstrip("\n")
