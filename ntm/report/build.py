"""`build_report`: plan files and a year in, a `Report` of DataFrames out.

This module owns the report's entry point and its result object: it checks
the options (raising `ReportError`, a usage error with a message from the
catalog, before any work), discovers plan files (`ntm.loader.discover`),
collects their records in parallel (`collect`), and computes the views
(`frames`). Files that cannot be loaded are skipped with their diagnostics,
which the `skipped` view lists. pandas is imported only when a report is
built, never when this package is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ntm.diagnostics import Diagnostic, Severity, sort_diagnostics
from ntm.report.views import STANDARD_KEYS as STANDARDS
from ntm.report.views import VIEW_NAMES

LEVELS = ("xa", "huyen", "tinh")
AS_OF_UNITS = (2025,)


class ReportError(ValueError):
    """A usage error: a bad option or a missing --output. `message(lang)` is the sentence to show."""

    def __init__(self, code: str, **params) -> None:
        self.code, self.params = code, params
        super().__init__(self.message("vi"))

    def message(self, lang: str = "vi") -> str:
        from ntm.messages import render_message

        return render_message(self.code, self.params, lang)


@dataclass
class Report:
    """The views of one report (pandas DataFrames by view name) and the files it skipped."""

    year: int
    frames: dict
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0  # plan files found
    plans: int = 0  # readable plans whose period contains the year
    filters: dict = field(default_factory=dict)

    def __getitem__(self, name: str):
        return self.frames[name]

    @property
    def skipped_files(self) -> list[str]:
        return sorted({d.file for d in self.diagnostics if d.severity is Severity.ERROR})

    def view(self, name: str, lang: str = "vi"):
        """The frame of a view; the `skipped` view is written in `lang`."""
        if name == "skipped":
            return _skipped(self.diagnostics, lang)
        return self.frames[name]

    def views(self, lang: str = "vi") -> list[tuple[str, object]]:
        return [(name, self.view(name, lang)) for name in VIEW_NAMES]


def build_report(paths: Iterable[Path | str], year: int, *, unit: str | None = None, level: str | None = None,
                 standard: str | None = None, as_of_units: int | str | None = None, jobs: int | None = None,
                 cache=None, progress: Callable[[], None] | None = None) -> Report:
    """The report over the plan files under `paths` for `year` (the rules are in `ntm.report.frames`).

    `unit` keeps a unit and everything under it (a slug such as "tan-yen", a
    path "bac-giang/tan-yen", or a plan slug); `level` keeps units of one
    level (xa, huyen, tinh); `standard` keeps what concerns one standard;
    `as_of_units=2025` adds the commune and province each unit became part of
    on 1 July 2025 and rolls money up into them. `cache` is a
    `collect.ReportCache` (or None), `jobs` the number of processes.
    """
    from ntm.loader import discover
    from ntm.report.collect import collect_all
    from ntm.report.frames import build_frames

    query = make_query(year, unit, level, standard, as_of_units)
    paths = list(paths)
    files, problems = discover(paths)
    if not files and not problems:
        problems.append(Diagnostic("Y014", Severity.WARNING, ", ".join(str(p) for p in paths)))
    records = collect_all(files, as_of_units=query.as_of_units, jobs=jobs, cache=cache, progress=progress)
    diagnostics = problems + [d for r in records for d in r["diagnostics"]]
    frames, used = build_frames(records, query)
    filters = {"unit": unit, "level": query.level, "standard": query.standard, "as_of_units": query.as_of_units}
    readable = sum(1 for r in records if r.get("plan"))
    return Report(query.year, frames, sort_diagnostics(diagnostics), readable, used, filters)


def make_query(year, unit, level, standard, as_of_units):
    """The checked options; a bad one raises ReportError before any file is read."""
    from ntm.report.frames import Query
    from ntm.report.places import parse_unit_filter

    if isinstance(year, bool) or not isinstance(year, int) or not 1945 <= year <= 2100:
        raise ReportError("P010", value=year)
    if level is not None and level not in LEVELS:
        raise ReportError("P011", value=level)
    if standard is not None:
        standard = standard.replace("-", "_").lower()
        if standard not in STANDARDS:
            raise ReportError("P012", value=standard, choices=", ".join(STANDARDS))
    if as_of_units is not None:
        if str(as_of_units) not in {str(v) for v in AS_OF_UNITS}:
            raise ReportError("P013", value=as_of_units)
        as_of_units = int(as_of_units)
    wanted = None
    if unit is not None:
        wanted = parse_unit_filter(unit)
        if wanted is None:
            raise ReportError("P016", value=unit)
    return Query(year, wanted, unit.strip() if unit else None, level, standard, as_of_units)


def _skipped(diagnostics: list[Diagnostic], lang: str):
    from ntm.report.frames import make_frame

    rows = [{"file": d.file, "line": d.line, "code": d.code, "severity": d.severity.value, "message": d.message(lang)}
            for d in diagnostics]
    return make_frame("skipped", rows)
