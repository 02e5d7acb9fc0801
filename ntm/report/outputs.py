"""Writing a report: the format dispatch, csv, json and Markdown, and the cell rules.

`write_report` picks the writer for a format and writes files atomically
(`ntm.safeio`). Machine formats (csv, json) carry plain values under the
views' English column names: integers as numbers, money and percentages as
exact decimal strings ("8321.7", never a float), dates as ISO dates, codes
as codes; csv writes one UTF-8 file per view into a folder (with a BOM, so
Excel shows the diacritics). Human formats (text, md, xlsx) show Vietnamese
headers and values: numbers through `ntm.vnformat` ("8.321,7"), standards
and other codes by their Vietnamese names; they drop optional columns that
are empty and add a total row under money views. `human_cell` and
`machine_cell` are the one place those rules live.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from decimal import Decimal
from pathlib import Path

from ntm.jsonshape import json_head
from ntm.report.build import Report, ReportError
from ntm.report.views import (BOOL, BOOL_WORDS, DATE, ENUMS, INT, MATRIX_PREFIX, MONEY, PERCENT, PLAIN, STANDARD,
                              STANDARDS, STATUS, UNNAMED, VIEW_BY_NAME, YEAR, Column, View, label, matrix_column)

FORMATS = ("text", "json", "csv", "md", "xlsx")
SCREEN_ROWS = 50  # rows per view on a terminal; files get every row
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_MATRIX = re.compile(rf"{MATRIX_PREFIX}[0-9]+")


def write_report(report: Report, fmt: str, output: Path | str | None = None, lang: str = "vi", *,
                 color: bool | None = None, max_rows: int | None = None) -> str | None:
    """Write `report` as `fmt`; returns the text when `output` is None (text, json, md), else None.

    csv writes one file per view into the folder `output`; xlsx one workbook.
    `color` (text only): None colours only on a terminal without NO_COLOR.
    `max_rows` (text only): rows per view, None = 50 on screen and all in a file, 0 = all.
    """
    if fmt not in FORMATS:
        raise ReportError("P014", value=fmt, choices=" | ".join(FORMATS))
    if fmt in ("csv", "xlsx") and output is None:
        raise ReportError("P015", format=fmt, what="THƯ_MỤC" if fmt == "csv" else "TỆP.xlsx")
    if fmt == "csv":
        write_csv(report, Path(output), lang)
        return None
    if fmt == "xlsx":
        from ntm.report.excel import workbook_bytes
        from ntm.safeio import atomic_write_bytes

        atomic_write_bytes(output, workbook_bytes(report, lang))
        return None
    text = _text(report, fmt, lang, color, max_rows, to_screen=output is None)
    if output is None:
        return text
    from ntm.safeio import atomic_write_text

    atomic_write_text(output, text if text.endswith("\n") else text + "\n")
    return None


def _text(report: Report, fmt: str, lang: str, color: bool | None, max_rows: int | None, to_screen: bool) -> str:
    if fmt == "json":
        return json_text(report, lang)
    if fmt == "md":
        return markdown(report, lang)
    from ntm.report.terminal import render

    tty = to_screen and sys.stdout.isatty()
    if color is None:
        color = tty and not os.environ.get("NO_COLOR")
    if max_rows is None:
        max_rows = SCREEN_ROWS if to_screen else 0
    return render(report, lang, color=color, max_rows=max_rows, width=screen_width() if to_screen else None)


def screen_width() -> int | None:
    """The terminal's width (COLUMNS when set, even through a pipe); None when there is no terminal to fit."""
    import shutil

    if not sys.stdout.isatty() and not os.environ.get("COLUMNS", "").isdigit():
        return None
    return shutil.get_terminal_size((120, 40)).columns


# ----- columns and cells ----------------------------------------------------------------


def columns(view: View, frame) -> list[Column]:
    """The view's columns, with one status column per criterion code in the matrix."""
    found = list(view.columns)
    if view.dynamic:
        found += [matrix_column(key[len(MATRIX_PREFIX):]) for key in frame.columns if _MATRIX.fullmatch(key)]
    return found


def human_columns(view: View, frame, brief: bool = False) -> list[Column]:
    """Columns a person sees: optional columns that are all empty are left out (and non-brief ones on screen).

    A criterion's status column is optional too: a part of the matrix shows
    only the criteria of its own set (10 for 2026-2030, 19 before).
    """
    shown = []
    for column in columns(view, frame):
        if (brief and not column.brief) or not column.human:
            continue
        if (column.optional or column.kind == STATUS) and all(missing(v) for v in frame[column.key].tolist()):
            continue
        shown.append(column)
    return shown


def matrix_parts(report: Report, frame, lang: str) -> list[tuple[list[str], object]]:
    """The criteria matrix as one (heading lines, rows) part per national criteria set.

    Criterion codes mean different things in different sets (TC2 is "Giao
    thông" in 2021-2025 and "Hạ tầng kinh tế – xã hội" in 2026-2030), so a
    person sees each set apart: current sets first, then stale ones, whose
    heading says why they are left out of the gaps.
    """
    from ntm.messages import render_message

    if frame.empty:
        return [([], frame)]
    parts = []
    keys = [frame["stale"].astype(bool), frame["criteria_period"].fillna(""), frame["base_set"].fillna("")]
    for (stale, period, base), part in frame.groupby(keys, sort=False):
        heading = [render_message("report.set", {"title": _set_title(report, base), "set": base or "?"}, lang)]
        if stale:
            first, second = _gap_sections()
            heading.append(render_message("report.stale", {"period": period, "year": report.year, "first": first,
                                                           "second": second}, lang))
        order = (bool(stale), -int(period[:4]) if period[:4].isdigit() else 0, base)
        parts.append((order, heading, part.reset_index(drop=True)))
    return [(heading, part) for _, heading, part in sorted(parts, key=lambda p: p[0])]


def _set_title(report: Report, base: str) -> str:
    return report.set_titles.get(base) or base


def _gap_sections() -> tuple[int, int]:
    from ntm.report.views import VIEW_NAMES

    return VIEW_NAMES.index("gaps_criteria") + 1, VIEW_NAMES.index("gaps_units") + 1


_NA = None


def missing(value) -> bool:
    """None, NaN or pandas' NA."""
    global _NA
    if value is None:
        return True
    if value.__class__ is float:
        return value != value
    if _NA is None:
        import pandas as pd

        _NA = pd.NA
    return value is _NA


def machine_cell(value, kind: str):
    """A plain value for csv and json."""
    if missing(value):
        return None
    if kind in (INT, YEAR):
        return int(value)
    if kind in (MONEY, PERCENT):
        return format(Decimal(value), "f")
    if kind == BOOL:
        return bool(value)
    if kind == DATE:
        return value.isoformat()
    return str(value)


def money_places(frame, shown: list[Column]) -> dict[str, int]:
    """Decimal places of each money column: the most any of its values has, so that a column reads alike
    ("80,0" above "3.494,3") and no value is rounded."""
    places = {}
    for column in shown:
        if column.kind == MONEY:
            exponents = [Decimal(v).as_tuple().exponent for v in frame[column.key].tolist() if not missing(v)]
            places[column.key] = max([-e for e in exponents if isinstance(e, int)] + [0])
    return places


def human_cell(value, column: Column, lang: str = "vi", decimals: int | None = None) -> str:
    """The value as an officer reads it, in Vietnamese notation (money with `decimals` places when given)."""
    from ntm.messages import standard_label
    from ntm.vnformat import format_number, format_percent, format_short_date

    kind = column.kind
    if missing(value):
        return UNNAMED[lang] if column.key == "unit" else ""
    if kind == INT:
        return format_number(int(value))
    if kind == YEAR:
        return str(int(value))
    if kind == MONEY:
        return format_number(Decimal(value), decimals)
    if kind == PERCENT:
        return format_percent(Decimal(value))
    if kind == BOOL:
        return BOOL_WORDS[lang][0 if value else 1]
    if kind == DATE:
        return format_short_date(value)
    if kind == STANDARD:
        return standard_label(value, lang)
    if kind == STANDARDS:
        return "; ".join(standard_label(s.strip(), lang) for s in str(value).split(","))
    if kind == STATUS:
        return label("status", value, lang)
    if kind in ENUMS:
        return label(kind, value, lang)
    if kind == PLAIN and _PLAIN_NUMBER.fullmatch(str(value)):
        return format_number(Decimal(str(value)))
    return str(value)


def total_row(view: View, frame, shown: list[Column]) -> dict | None:
    """Sums of the view's money columns, for a last row in human formats; None when not totalled."""
    if not view.totals or frame.empty:
        return None
    sums = {}
    for key in view.totals:
        values = [Decimal(v) for v in frame[key].tolist() if not missing(v)]
        sums[key] = sum(values, Decimal(0))
    return sums


def title(report: Report, lang: str) -> list[str]:
    """The heading lines every human format starts with."""
    from ntm.messages import render_message

    lines = [render_message("report.title", {"year": report.year}, lang),
             render_message("report.scope", {"used": report.plans, "year": report.year, "files": report.files,
                                             "skipped": len(report.skipped_files)}, lang)]
    if report.earlier:
        lines.append(render_message("report.earlier", {"earlier": report.earlier, "year": report.year}, lang))
    shown = [f"--{k.replace('_', '-')} {v}" for k, v in report.filters.items() if v is not None and k != "as_of_units"]
    if shown:
        lines.append(render_message("report.filters", {"filters": ", ".join(shown)}, lang))
    if report.filters.get("as_of_units"):
        lines.append(render_message("report.units2025", {}, lang))
    return lines


# ----- csv and json ---------------------------------------------------------------------


def machine_rows(view: View, frame) -> tuple[list[str], list[list]]:
    cols = columns(view, frame)
    data = [[machine_cell(v, c.kind) for v in frame[c.key].tolist()] for c in cols]
    return [c.key for c in cols], [list(row) for row in zip(*data)] if data else []


def write_csv(report: Report, folder: Path, lang: str = "vi") -> list[Path]:
    """One `<view>.csv` per view in `folder`, each written atomically."""
    from ntm.safeio import atomic_write_text

    written = []
    for name, frame in report.views(lang):
        header, rows = machine_rows(VIEW_BY_NAME[name], frame)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([["" if v is None else ("true" if v is True else "false" if v is False else v) for v in row]
                          for row in rows])
        path = folder / f"{name}.csv"
        atomic_write_text(path, "\ufeff" + buffer.getvalue())
        written.append(path)
    return written


def json_text(report: Report, lang: str = "vi") -> str:
    """{kind, version, year, filters, files, plans, earlier_plans, criteria_sets: {id: title},
    columns: {view: [keys]}, views: {view: [rows]}}."""
    views, keys = {}, {}
    for name, frame in report.views(lang):
        header, rows = machine_rows(VIEW_BY_NAME[name], frame)
        keys[name] = header
        views[name] = [dict(zip(header, row)) for row in rows]
    document = {**json_head("ntm-report"), "year": report.year, "filters": report.filters, "files": report.files,
                "plans": report.plans, "earlier_plans": report.earlier, "criteria_sets": report.set_titles,
                "columns": keys, "views": views}
    return json.dumps(document, ensure_ascii=False, indent=2)


# ----- Markdown -------------------------------------------------------------------------


def markdown(report: Report, lang: str) -> str:
    from ntm.messages import render_message

    heading = title(report, lang)
    parts = [f"# {heading[0]}", "", *heading[1:]]
    for number, (name, frame) in enumerate(report.views(lang), 1):
        view = VIEW_BY_NAME[name]
        parts += ["", f"## {number}. {view.title(lang, report.year)}", ""]
        if frame.empty:
            parts.append(render_message("report.empty", {}, lang))
            continue
        pieces = matrix_parts(report, frame, lang) if view.dynamic else [([], frame)]
        for index, (lines, piece) in enumerate(pieces):
            parts += ([""] if index else []) + _md_heading(lines)
            parts += _md_table(view, piece, lang, render_message("report.total", {}, lang))
    return "\n".join(parts) + "\n"


def _md_heading(lines: list[str]) -> list[str]:
    """A part's heading (the criteria set) and its note (stale data), before its table."""
    if not lines:
        return []
    return [f"### {_md(lines[0])}", ""] + [f"*{_md(line)}*" for line in lines[1:]] + ([""] if lines[1:] else [])


def _md_table(view: View, frame, lang: str, total_word: str) -> list[str]:
    shown = human_columns(view, frame)
    places = money_places(frame, shown)
    numeric = {INT, YEAR, MONEY, PERCENT}
    lines = ["| " + " | ".join(_md(c.header(lang)) for c in shown) + " |",
             "|" + "|".join("---:" if c.kind in numeric else "---" for c in shown) + "|"]
    data = [frame[c.key].tolist() for c in shown]
    for values in zip(*data):
        lines.append("| " + " | ".join(_md(human_cell(v, c, lang, places.get(c.key))) for v, c in zip(values, shown))
                     + " |")
    sums = total_row(view, frame, shown)
    if sums is not None:
        cells = [f"**{human_cell(sums[c.key], c, lang, places.get(c.key))}**" if c.key in sums else "" for c in shown]
        cells[0] = f"**{total_word}**"
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")

