"""`ntm report`: who meets what, who is due to reach which standard, where the
money comes from, and where plans disagree, over a tree of plan files.

The package is a pure core the CLI calls in three steps:

    report = build_report(["plans/"], 2024, unit=None, level=None, standard=None,
                          as_of_units=None, jobs=None, cache=open_cache())
    text = write_report(report, "text")              # or json, md; csv and xlsx need output=
    write_charts(report, "charts/")                  # PNG charts, labelled in Vietnamese

`build` checks options and orchestrates, `collect` turns plan files into plain
records (in parallel, cached by content), `frames` computes the views on
pandas, `outputs` writes csv/json/md and dispatches, `terminal` the rich
tables, `excel` the workbook, `charts` the PNGs, and `views` holds the
columns and headers every format shares. Importing this package imports
neither pandas nor matplotlib.
"""

from __future__ import annotations

from ntm.report.build import Report, ReportError, build_report
from ntm.report.outputs import FORMATS, write_report
from ntm.report.views import VIEW_NAMES

__all__ = ["FORMATS", "VIEW_NAMES", "Report", "ReportError", "build_report", "open_cache", "write_charts", "write_report"]


def open_cache():
    """The report cache in the user's cache folder (`$NTM_CACHE_DIR`, default ~/.cache/ntm)."""
    from ntm.report.collect import ReportCache

    return ReportCache.default()


def write_charts(report: Report, folder, lang: str = "vi"):
    """Write the PNG charts of `report` into `folder`; returns the paths written."""
    from ntm.report.charts import write_charts as write

    return write(report, folder, lang)
