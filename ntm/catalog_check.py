"""A plans repository's own criteria catalogs, checked by `ntm validate`.

A province keeps its overlays (stricter thresholds, its own decision as
source) in `catalogs/` folders beside its plans. `ntm validate plans/` lints
each of them with `ntm.catalog.lint_catalog` and reports every problem (a file
that does not validate, an indicator without a source, a region missing from a
regional threshold, a duplicate code…) as a diagnostic with its C code, file
and line, like any finding on a plan.
"""

from __future__ import annotations

from pathlib import Path

from ntm.diagnostics import Diagnostic, Severity


def check_catalogs(files: list[Path]) -> list[Diagnostic]:
    """Diagnostics of every repository catalog file given."""
    from ntm.catalog import lint_catalog

    found: list[Diagnostic] = []
    for path in files:
        for problem in lint_catalog(path):
            _register(problem.code)
            found.append(Diagnostic(problem.code, Severity(problem.severity), problem.file, problem.line,
                                    1 if problem.line else None, (),
                                    {"what": {"vi": problem.message, "en": problem.message_en}}))
    return found


def _register(code: str) -> None:
    from ntm.messages import MESSAGES, register

    if code not in MESSAGES:
        register(code, "{what}", "{what}")
