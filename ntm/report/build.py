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

LEVELS = ("xa", "huyen", "tinh", "thon")
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
    earlier: int = 0  # plans that ended before the year and still give a unit's latest assessment
    set_titles: dict = field(default_factory=dict)  # national criteria set id → its title

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
    if query.unit:
        check_unit(query, records)
    diagnostics = problems + [d for r in records for d in r["diagnostics"]]
    frames, facts = build_frames(records, query)
    filters = {"unit": unit, "level": query.level, "standard": query.standard, "as_of_units": query.as_of_units}
    readable = sum(1 for r in records if r.get("plan"))
    return Report(query.year, frames, sort_diagnostics(diagnostics), readable, facts["plans"], filters,
                  facts["earlier"], facts["set_titles"])


def make_query(year, unit, level, standard, as_of_units):
    """The checked options; a bad one raises ReportError before any file is read."""
    from ntm.report.frames import Query
    from ntm.report.places import parse_unit_filter

    if isinstance(year, bool) or not isinstance(year, int) or not 1945 <= year <= 2100:
        raise ReportError("P010", value=year)
    if level is not None and level not in LEVELS:
        raise ReportError("P011", value=level, choices=" | ".join(LEVELS))
    if standard is not None:
        standard = _standard(standard)
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


def _standard(text: str) -> str:
    """A standard as the help lists it (xa_ntm…; xa-ntm is the same); else a usage error with close matches."""
    import difflib

    key = text.strip().replace("-", "_").lower()
    if key in STANDARDS:
        return key
    close = [s for s in STANDARDS if key and key in s] or difflib.get_close_matches(key, STANDARDS, n=3, cutoff=0.5)
    if close:
        raise ReportError("U032", value=text, close=", ".join(close), choices=" | ".join(STANDARDS))
    raise ReportError("P012", value=text, choices=" | ".join(STANDARDS))


def check_unit(query, records: list[dict]) -> None:
    """`--unit` must name a unit or plan some file holds (any year): else a usage error with close matches."""
    from ntm.report.places import known_slugs, within

    paths, plans = known_slugs(records)
    if query.unit_text in plans or any(within([path], query.unit) for path in paths):
        return
    raise unknown_unit(query.unit_text, query.unit, paths, plans)


def unknown_unit(text: str, wanted: tuple[str, ...], paths: set, plans: set) -> ReportError:
    import difflib

    size = len(wanted)
    names = {"/".join(path[i:i + size]) for path in paths for i in range(len(path) - size + 1)}
    close = difflib.get_close_matches("/".join(wanted), sorted(names | plans), n=3, cutoff=0.7)
    if close:
        return ReportError("U030", value=text, close=", ".join(close))
    return ReportError("U031", value=text)


def _skipped(diagnostics: list[Diagnostic], lang: str):
    from ntm.report.frames import make_frame

    rows = [{"file": d.file, "line": d.line, "code": d.code, "severity": d.severity.value, "message": d.message(lang)}
            for d in diagnostics]
    return make_frame("skipped", rows)
