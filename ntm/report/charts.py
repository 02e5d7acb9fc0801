"""PNG charts of a report, labelled in Vietnamese.

Three charts: criteria met per unit (a bar per unit, or for many units the
number of units by criteria met), funding for the year by source, and the
phasing by year and standard (stacked bars). Drawn with matplotlib's Agg
canvas on `Figure` objects (no pyplot state), in DejaVu Sans, which has the
Vietnamese glyphs; tick and value labels are written by `ntm.vnformat`.
Each PNG is written atomically. Values are converted to float only to draw.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from ntm.report.build import Report
from ntm.report.views import STANDARD_RANK

FONT = "DejaVu Sans"
DPI = 120
MAX_BARS = 40
STANDARD_COLOURS = {"xa_ntm": "#4C9F70", "xa_nang_cao": "#2E6DA4", "xa_kieu_mau": "#8E44AD", "thon_ntm": "#E0A526",
                    "thon_kieu_mau": "#D35400", "huyen_ntm": "#16A085", "huyen_nang_cao": "#1F3A93",
                    "tinh_hoan_thanh": "#7F8C8D"}
CHARTS = ("tieu-chi-dat.png", "kinh-phi-theo-nguon.png", "lo-trinh-theo-nam.png")


def write_charts(report: Report, folder: Path | str, lang: str = "vi") -> list[Path]:
    """Write the three charts into `folder`; returns their paths."""
    import matplotlib

    from ntm.safeio import atomic_write_bytes

    folder = Path(folder)
    written = []
    with matplotlib.rc_context({"font.family": FONT, "font.size": 9, "axes.titlesize": 11}):
        for name, draw in zip(CHARTS, (_criteria, _funding, _phasing)):
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


def _criteria(report: Report, lang: str):
    frame = report.view("criteria", lang)
    if len(frame) > MAX_BARS:
        return _criteria_histogram(frame, report.year, lang)
    figure = _figure(max(2.5, 0.35 * len(frame) + 1.2))
    axes = figure.add_subplot()
    axes.set_title(_say("chart.criteria.title", lang, year=report.year))
    if frame.empty:
        _empty(axes, lang)
        return figure
    labels = [_unit_label(r) for r in frame.to_dict("records")]
    met = [int(v) for v in frame["met"]]
    total = [int(v) for v in frame["total"]]
    positions = range(len(frame))
    axes.barh(positions, total, color="#E5E5E5", label=None)
    axes.barh(positions, met, color=["#4C9F70" if m == t else "#D9822B" for m, t in zip(met, total)])
    for y, (m, t) in enumerate(zip(met, total)):
        axes.text(m + 0.2, y, f"{m}/{t}", va="center")
    axes.set_yticks(list(positions), labels)
    axes.invert_yaxis()
    axes.set_xlabel(_say("chart.criteria.x", lang))
    axes.set_xlim(0, max(total) + 2)
    _integer_ticks(axes.xaxis)
    return figure


def _unit_label(row: dict) -> str:
    from ntm.report.outputs import missing

    parts = [row["unit"] or "?"]
    if not missing(row.get("district")):
        parts.append(row["district"])
    return ", ".join(parts)


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


def _funding(report: Report, lang: str):
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
    for y, amount in enumerate(amounts):
        axes.text(float(amount) + top * 0.01, y, _number(amount), va="center")
    axes.set_yticks(list(positions), [str(v) for v in frame["source_label"]])
    axes.invert_yaxis()
    axes.set_xlim(0, top * 1.2)
    axes.xaxis.set_major_formatter(_formatter())
    return figure


def _phasing(report: Report, lang: str):
    from ntm.messages import standard_label

    frame = report.view("roadmap", lang)
    figure = _figure(4.5)
    axes = figure.add_subplot()
    axes.set_title(_say("chart.phasing.title", lang))
    if frame.empty:
        _empty(axes, lang)
        return figure
    years = sorted({int(y) for y in frame["year"]})
    bottom = [0] * len(years)
    for standard in sorted(set(frame["standard"]), key=lambda s: STANDARD_RANK.get(s, 99)):
        part = frame[frame["standard"] == standard]
        counts = {int(y): int(c) for y, c in zip(part["year"], part["count"])}
        heights = [counts.get(y, 0) for y in years]
        axes.bar([str(y) for y in years], heights, bottom=bottom, label=standard_label(standard, lang),
                 color=STANDARD_COLOURS.get(standard))
        bottom = [b + h for b, h in zip(bottom, heights)]
    axes.set_xlabel(_say("chart.phasing.x", lang))
    axes.set_ylabel(_say("chart.phasing.y", lang))
    _integer_ticks(axes.yaxis)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return figure
