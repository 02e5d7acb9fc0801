"""Validation of plan files and trees: the core behind `ntm validate`.

`check_file` loads one file and runs the per-plan rules on it, returning
plain, picklable results; `validate_paths` discovers files, checks them (in
parallel over both cores when there are many, through the content-hash
cache when one is given), then runs the cross-file rules on the summaries
and lints the repository's own criteria catalogs (`catalogs/` folders).
The result is a list of diagnostics; the CLI only prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ntm.diagnostics import Diagnostic, Severity, sort_diagnostics
from ntm.loader import discover, load_plan
from ntm.parallel import map_files


@dataclass
class FileResult:
    file: str
    diagnostics: list[Diagnostic]
    summary: object | None = None


@dataclass
class ValidationResult:
    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def check_file(path: Path | str) -> FileResult:
    """Load one plan and run every per-plan rule on it."""
    from ntm.rules import PlanContext, PlanSummary, run_plan_rules

    loaded = load_plan(path)
    diagnostics = list(loaded.diagnostics)
    summary = None
    if loaded.plan is not None:
        ctx = PlanContext(loaded.file, loaded.plan, loaded.positions)
        diagnostics.extend(run_plan_rules(ctx))
        summary = PlanSummary.of(ctx)
    return FileResult(loaded.file, diagnostics, summary)


def validate_paths(paths: Iterable[Path | str], jobs: int | None = None, cache=None, progress=None,
                   changed: set[Path] | None = None) -> ValidationResult:
    """Check every plan file under `paths`, then the cross-file rules.

    With `changed` (resolved paths, see `ntm.changed`), only those files get the
    per-plan rules; the others are read just far enough for the cross-file rules,
    and only cross-file findings that involve a changed file are kept.
    """
    paths = list(paths)
    catalogs: list[Path] = []
    files, problems = discover(paths, catalogs)
    if not files and not problems:
        problems.append(Diagnostic("Y014", Severity.WARNING, ", ".join(str(p) for p in paths)))
    if changed is not None:
        catalogs = [c for c in catalogs if c.resolve() in changed]
    problems += _catalog_problems(catalogs)
    if changed is not None:
        return _validate_changed(files, problems, changed, jobs, cache, progress)
    results = _check_all(files, jobs, cache, progress)
    from ntm.rules import run_tree_rules

    summaries = [r.summary for r in results if r.summary is not None]
    diagnostics = problems + [d for r in results for d in r.diagnostics] + run_tree_rules(summaries)
    return ValidationResult([r.file for r in results], sort_diagnostics(diagnostics))


def _catalog_problems(catalogs: list[Path]) -> list[Diagnostic]:
    """The repository's own catalogs (`catalogs/` folders) are linted on every run: they are few."""
    if not catalogs:
        return []
    from ntm.catalog_lint import check_catalogs

    return check_catalogs(catalogs)


def _validate_changed(files: list[Path], problems: list[Diagnostic], changed: set[Path], jobs, cache,
                      progress) -> ValidationResult:
    from ntm.rules import run_tree_rules

    mine = [f for f in files if f.resolve() in changed]
    others = [f for f in files if f.resolve() not in changed]
    results = _check_all(mine, jobs, cache, progress)
    summaries = [r.summary for r in results if r.summary is not None]
    summaries += [s for s in map_files(summarise_file, others, jobs) if s is not None]
    names = {r.file for r in results}
    involved = [d for d in run_tree_rules(summaries) if d.file in names or d.params.get("other") in names]
    diagnostics = problems + [d for r in results for d in r.diagnostics] + involved
    return ValidationResult(sorted(names), sort_diagnostics(diagnostics))


def summarise_file(path: Path | str):
    """What the cross-file rules need of a plan (`PlanSummary`), without running the plan rules."""
    from ntm.rules import PlanContext, PlanSummary

    loaded = load_plan(path)
    if loaded.plan is None:
        return None
    return PlanSummary.of(PlanContext(loaded.file, loaded.plan, loaded.positions))


def _check_all(files: list[Path], jobs: int | None, cache, progress) -> list[FileResult]:
    if cache is not None:
        return cache.check_many(files, lambda todo: _check_uncached(todo, jobs, progress))
    return _check_uncached(files, jobs, progress)


def _check_uncached(files: list[Path], jobs: int | None, progress) -> list[FileResult]:
    return map_files(check_file, files, jobs, progress)
