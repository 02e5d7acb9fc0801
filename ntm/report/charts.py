"""PNG charts of a report, labelled in Vietnamese.

Three charts: criteria met per unit (a bar per unit, stale data grey and
hatched and said so in its label, or for many units the number of units by
criteria met), funding for the year by source, and the phasing by year and
standard: one panel per kind of unit (communes, villages, districts), the
standards side by side, since a commune and a village do not add up. Drawn with matplotlib's Agg
canvas on `Figure` objects (no pyplot state), in DejaVu Sans, which has the
Vietnamese glyphs; tick and value labels are written by `ntm.vnformat`.
Each PNG is written atomically. Values are converted to float only to draw.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from ntm.report import places
from ntm.report.build import Report
from ntm.report.outputs import money_places
from ntm.report.views import AMOUNT, STANDARD_RANK

FONT = "DejaVu Sans"
DPI = 120
MAX_BARS = 40
STANDARD_COLOURS = {"xa_ntm": "#4C9F70", "xa_nang_cao": "#2E6DA4", "xa_kieu_mau": "#8E44AD", "thon_ntm": "#E0A526",
                    "thon_kieu_mau": "#D35400", "huyen_ntm": "#16A085", "huyen_nang_cao": "#1F3A93",
                    "tinh_hoan_thanh": "#7F8C8D"}
STALE_COLOUR = "#A6A6A6"
MIN_YEARS = 4
KINDS = ("xa", "thon", "huyen", "tinh")  # one phasing panel per kind of unit, in this order
CHARTS = ("tieu-chi-dat.png", "kinh-phi-theo-nguon.png", "lo-trinh-theo-nam.png")


def write_charts(report: Report, folder: Path | str, lang: str = "vi") -> list[Path]:
    """Write the three charts into `folder`; returns their paths."""
    import matplotlib

    from ntm.safeio import atomic_write_bytes

    folder = Path(folder)
    written = []
    with matplotlib.rc_context({"font.family": FONT, "font.size": 9, "axes.titlesize": 11}):
        for name, draw in zip(CHARTS, (criteria_figure, funding_figure, phasing_figure)):
            figure = draw(report, lang)
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
            atomic_write_bytes(folder / name, buffer.getvalue())
            written.append(folder / name)
    return written


def _figure(height: float, width: float = 9.0):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure


def _say(key: str, lang: str, **params) -> str:
    from ntm.messages import render_message

    return render_message(key, params, lang)


def _number(value, decimals: int | None = None) -> str:
    from ntm.vnformat import format_number

    return format_number(Decimal(str(value)), decimals)


def _formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: _number(round(x, 6), 0 if float(x).is_integer() else 1))


def _integer_ticks(axis) -> None:
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(_formatter())


def _empty(axes, lang: str) -> None:
    axes.text(0.5, 0.5, _say("report.empty", lang), ha="center", va="center", transform=axes.transAxes)
    axes.set_axis_off()


def criteria_figure(report: Report, lang: str):
    frame = report.view("criteria", lang)
    if len(frame) > MAX_BARS:
        return _criteria_histogram(frame, report.year, lang)
    figure = _figure(max(2.5, 0.35 * len(frame) + 1.2))
    axes = figure.add_subplot()
    axes.set_title(_say("chart.criteria.title", lang, year=report.year))
    if frame.empty:
        _empty(axes, lang)
        return figure
    frame = frame.sort_values("stale", kind="stable", key=lambda column: column.astype(bool))
    records = frame.to_dict("records")
    labels = [_unit_label(r, lang) for r in records]
    met = [int(v) for v in frame["met"]]
    total = [int(v) for v in frame["total"]]
    stale = [bool(r["stale"]) for r in records]
    positions = range(len(frame))
    axes.barh(positions, total, color="#E5E5E5", label=None)
    colours = [STALE_COLOUR if old else "#4C9F70" if m == t else "#D9822B" for m, t, old in zip(met, total, stale)]
    axes.barh(positions, met, color=colours, hatch=["//" if old else "" for old in stale])
    for y, (m, t) in enumerate(zip(met, total)):
        axes.text(m + 0.2, y, f"{m}/{t}", va="center")
    axes.set_yticks(list(positions), labels)
    axes.invert_yaxis()
    axes.set_xlabel(_say("chart.criteria.x", lang))
    axes.set_xlim(0, max(total) + 2)
    _integer_ticks(axes.xaxis)
    return figure


def _unit_label(row: dict, lang: str) -> str:
    """"Ba Tầng, Hướng Hóa"; a stale row says so: "(số liệu cũ: 2020, bộ tiêu chí 2016-2020)"."""
    from ntm.report.outputs import missing

    parts = [row["unit"] or "?"]
    if not missing(row.get("district")):
        parts.append(row["district"])
    label = ", ".join(parts)
    if row["stale"]:
        label += " " + _say("chart.criteria.stale", lang, year=row["data_year"], period=row["criteria_period"])
    return label


def _criteria_histogram(frame, year: int, lang: str):
    figure = _figure(4.0)
    axes = figure.add_subplot()
    axes.set_title(_say("chart.criteria.hist", lang, year=year))
    counts = frame["met"].astype(int).value_counts().sort_index()
    axes.bar([int(i) for i in counts.index], [int(v) for v in counts.values], color="#2E6DA4")
    axes.set_xlabel(_say("chart.criteria.x", lang))
    axes.set_ylabel(_say("chart.criteria.units", lang))
    _integer_ticks(axes.yaxis)
    _integer_ticks(axes.xaxis)
    return figure


def funding_figure(report: Report, lang: str):
    frame = report.view("funding_sources", lang)
    figure = _figure(max(2.5, 0.4 * len(frame) + 1.2))
    axes = figure.add_subplot()
    axes.set_title(_say("chart.funding.title", lang, year=report.year))
    if frame.empty:
        _empty(axes, lang)
        return figure
    amounts = [Decimal(v) for v in frame["amount"]]
    positions = range(len(frame))
    axes.barh(positions, [float(a) for a in amounts], color="#2E6DA4")
    top = float(max(amounts)) or 1.0
    places = money_places(frame, [AMOUNT])["amount"]  # one scale for every label: 80,0 beside 45,0
    for y, amount in enumerate(amounts):
        axes.text(float(amount) + top * 0.01, y, _number(amount, places), va="center")
    axes.set_yticks(list(positions), [str(v) for v in frame["source_label"]])
    axes.invert_yaxis()
    axes.set_xlim(0, top * 1.2)
    axes.xaxis.set_major_formatter(_formatter())
    return figure


def phasing_figure(report: Report, lang: str):
    """One panel per kind of unit (xã, thôn, huyện, tỉnh), bars side by side per standard: communes and
    villages are never added into one bar."""
    frame = report.view("roadmap", lang)
    kinds = [k for k in KINDS if not frame.empty and any(places.standard_level(s) == k for s in frame["standard"])]
    figure = _figure(max(3.0, 3.0 * len(kinds) + 0.6))
    if frame.empty:
        axes = figure.add_subplot()
        axes.set_title(_say("chart.phasing.title", lang))
        _empty(axes, lang)
        return figure
    years = sorted({int(y) for y in frame["year"]})
    figure.suptitle(_say("chart.phasing.title", lang))
    for index, kind in enumerate(kinds, 1):
        axes = figure.add_subplot(len(kinds), 1, index)
        standards = sorted({s for s in frame["standard"] if places.standard_level(s) == kind},
                           key=lambda s: STANDARD_RANK.get(s, 99))
        _phasing_panel(axes, frame[frame["standard"].isin(standards)], years, standards, lang)
        axes.set_ylabel(_say(f"chart.phasing.{kind}", lang))
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    axes.set_xlabel(_say("chart.phasing.x", lang))
    figure.tight_layout()
    return figure


def _phasing_panel(axes, frame, years: list[int], standards: list[str], lang: str) -> None:
    from ntm.messages import standard_label

    step = 0.8 / len(standards)
    for offset, standard in enumerate(standards):
        part = frame[frame["standard"] == standard]
        counts = {int(y): int(c) for y, c in zip(part["year"], part["count"])}
        positions = [i - 0.4 + step * (offset + 0.5) for i in range(len(years))]
        heights = [counts.get(y, 0) for y in years]
        bars = axes.bar(positions, heights, width=step * 0.95, label=standard_label(standard, lang),
                        color=STANDARD_COLOURS.get(standard))
        axes.bar_label(bars, labels=[_number(h) if h else "" for h in heights], padding=2)
    axes.set_xticks(range(len(years)), [str(y) for y in years])
    room = max(0.0, (MIN_YEARS - len(years)) / 2)  # a year or two: bars of a usual width, not the whole panel
    axes.set_xlim(-0.6 - room, len(years) - 0.4 + room)
    axes.set_ylim(0, max(int(c) for c in frame["count"]) * 1.2 + 1)
    _integer_ticks(axes.yaxis)
