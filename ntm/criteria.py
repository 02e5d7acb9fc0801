"""Which criteria catalog a plan is checked against.

A plan names a national set (`criteria_set`, per assessment) and may name a
province overlay (`overlay`). The overlay is looked for first in a `catalogs/`
folder beside the plan or in any folder above it (a plans repository's own
overlays), then among the catalogs shipped with ntm. An overlay applies to
the assessments whose set it extends; others use the national set alone.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable


def repository_catalog(catalog_id: str, plan_file: str | None) -> Path | None:
    """A `catalogs/<id>.yaml` in the plan's folder or any folder above it."""
    if not plan_file or plan_file.startswith("<"):
        return None
    for folder in catalog_folders(str(Path(plan_file).parent)):
        candidate = folder / f"{catalog_id}.yaml"
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=1024)
def catalog_folders(plan_folder: str) -> tuple[Path, ...]:
    """The `catalogs/` folders at or above a plan folder, nearest first.

    Looked up once per plan folder and process (a repository of 10,000 plans has a
    few hundred folders); a `catalogs/` folder created while ntm runs is seen by
    the next run.
    """
    from ntm.loader import CATALOG_FOLDER

    folders = (Path(plan_folder).resolve(), *Path(plan_folder).resolve().parents)
    return tuple(f / CATALOG_FOLDER for f in folders if (f / CATALOG_FOLDER).is_dir())


def load_any(catalog_id: str, plan_file: str | None):
    """The catalog by id, from the plans repository first, else shipped; None when unknown or broken."""
    catalog, _ = load_with_problem(catalog_id, plan_file)
    return catalog


def load_with_problem(catalog_id: str, plan_file: str | None) -> tuple[object | None, str | None]:
    """(catalog, None), or (None, why it could not be loaded); why is None for an unknown id."""
    from ntm.catalog import CatalogError, available_catalogs, load_catalog, load_catalog_file

    local = repository_catalog(catalog_id, plan_file)
    try:
        if local is not None:
            return load_catalog_file(local), None
        if catalog_id in available_catalogs():
            return load_catalog(catalog_id), None
    except CatalogError as exc:
        return None, str(exc).splitlines()[0]
    return None, None


def resolver(plan, plan_file: str | None) -> Callable[[str], object]:
    """`catalog_for(set_id)` for one plan: the overlay when it extends that set, else the set."""
    overlay = load_any(plan.overlay, plan_file) if plan.overlay else None
    extends = {layer.extends for layer in overlay.layers} if overlay is not None else set()

    def catalog_for(set_id: str):
        if overlay is not None and set_id in extends:
            return overlay
        return load_any(set_id, plan_file)

    return catalog_for


def plan_status(plan, plan_file: str | None = None):
    """The status engine over every assessment of a plan, with the right catalogs."""
    from ntm.status import evaluate_plan

    return evaluate_plan(plan, resolver(plan, plan_file))
