"""Plan files in, `Plan` objects and diagnostics out.

`load_plan` reads one file (through `ntm.yamlio`), validates it against the
plan model and translates any schema error into diagnostics; `discover`
walks files and folders (recursively, following no symlink loops) for plan
files. Nothing here raises on bad input.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ntm.diagnostics import Diagnostic, Severity
from ntm.yamlio import LoadedYaml, load_file, load_text

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass
class PlanFile:
    """One loaded plan file: the plan when it validates, and every problem found loading it."""

    file: str
    loaded: LoadedYaml
    plan: object | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def positions(self):
        return self.loaded.positions


def load_plan(path: Path | str, display: str | None = None) -> PlanFile:
    loaded = load_file(path, display)
    return validate_loaded(loaded)


def load_plan_text(text: str, file: str = "<text>") -> PlanFile:
    return validate_loaded(load_text(text, file))


def validate_loaded(loaded: LoadedYaml) -> PlanFile:
    result = PlanFile(file=loaded.file, loaded=loaded, diagnostics=list(loaded.diagnostics))
    if loaded.diagnostics:
        return result
    if loaded.data is None:  # a document with only an anchor, a tag or `~`
        result.diagnostics.append(Diagnostic("Y004", Severity.ERROR, loaded.file, 1, 1))
        return result
    if not isinstance(loaded.data, dict):
        result.diagnostics.append(Diagnostic("Y011", Severity.ERROR, loaded.file, 1, 1))
        return result
    from pydantic import ValidationError

    from ntm.model import Plan
    from ntm.schema_errors import translate

    try:
        result.plan = Plan.model_validate(loaded.data)
    except ValidationError as exc:
        result.diagnostics.extend(translate(exc.errors(), loaded.data, loaded.positions, loaded.file))
    return result


CATALOG_FOLDER = "catalogs"  # see ntm.criteria: province overlays kept beside the plans


def discover(paths: Iterable[Path | str], catalogs: list[Path] | None = None) -> tuple[list[Path], list[Diagnostic]]:
    """Plan files under the given files and folders, sorted; missing paths are diagnostics.

    A plans repository's own criteria catalogs (`catalogs/*.yaml`) are not plans; when a
    `catalogs` list is given, the same walk appends them to it.
    """
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(_walk(path, problems, catalogs))
        else:
            problems.append(Diagnostic("Y012", Severity.ERROR, str(path)))
    if catalogs is not None:
        catalogs[:] = sorted(dict.fromkeys(catalogs))
    return sorted(dict.fromkeys(found)), problems


def _walk(root: Path, problems: list[Diagnostic], catalogs: list[Path] | None = None) -> list[Path]:
    files: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def on_error(exc: OSError) -> None:
        problems.append(Diagnostic("Y001", Severity.ERROR, str(exc.filename), params={"reason": exc.strerror or ""}))

    for folder, dirs, names in os.walk(root, followlinks=True, onerror=on_error):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:
            dirs[:] = []
            problems.append(Diagnostic("Y013", Severity.WARNING, folder))
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # hidden folders are not plans
        yamls = [Path(folder, n) for n in sorted(names) if n.endswith(PLAN_SUFFIXES)]
        if Path(folder).name == CATALOG_FOLDER:  # a repository's own criteria catalogs
            dirs[:] = []
            if catalogs is not None:
                catalogs.extend(yamls)
            continue
        files.extend(yamls)
    return files
