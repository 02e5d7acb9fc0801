"""Which criteria catalog a plan is checked against.

A plan names a national set (`criteria_set`, per assessment) and may name a
province overlay (`overlay`). The overlay is looked for first in a `catalogs/`
folder beside the plan or in any folder above it (a plans repository's own
overlays), then among the catalogs shipped with ntm. An overlay applies to
the assessments whose set it extends; others use the national set alone.
A district or province plan is also measured as an area (`area_catalog`,
`plan_area_status`), and a plan with no status at all says why (`why_no_status`).
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


AREA_LEVELS = ("huyen", "tinh")


def area_catalog(plan, year: int, plan_file: str | None = None):
    """The set a district or province is measured against at `year`: the plan's overlay or a shipped
    set of the plan's level at its base tier (huyện NTM, tỉnh hoàn thành) whose period holds the year."""
    from ntm.catalog import available_catalogs, load_catalog
    from ntm.model.vocab import STANDARD_ORDER, Standard

    level = plan.unit.level.value
    candidates = [load_any(plan.overlay, plan_file)] if plan.overlay else []
    candidates += [load_catalog(catalog_id) for catalog_id in available_catalogs()]
    for catalog in candidates:
        if catalog is None or catalog.level != level or STANDARD_ORDER[Standard(catalog.tier)][1] != 1:
            continue
        if catalog.period.start <= year <= (catalog.period.end or year):
            return catalog
    return None


def plan_area_status(plan, plan_file: str | None, year: int | None, statuses) -> object | None:
    """The area status of a district or province plan (not a sponsor's), else None."""
    from ntm.area_status import evaluate_area

    if plan.unit.level.value not in AREA_LEVELS or plan.sponsorship is not None:
        return None
    when = year or plan.year()
    catalog = area_catalog(plan, when, plan_file)
    own = any(s.criteria_set == getattr(catalog, "id", None) for s in statuses)
    return evaluate_area(plan, catalog, when, own)


def why_no_status(plan, year: int | None, statuses) -> dict[str, str] | None:
    """What `ntm status` says when a plan yields no status at all (never an empty screen); None otherwise."""
    if statuses:
        return None
    if not plan.assessments:
        return {"vi": f"Kế hoạch {plan.slug} không có đánh giá tiêu chí nào (mục assessments) nên không có tình trạng để tính",
                "en": f"The plan {plan.slug} has no criteria assessment (assessments), so there is no status to compute"}
    from ntm.status import context_for

    years = sorted({context_for(plan, a).year for a in plan.assessments})
    if year is not None and year not in years:
        shown = ", ".join(map(str, years))
        return {"vi": f"Kế hoạch {plan.slug} không có đánh giá nào của năm {year} (có: {shown})",
                "en": f"The plan {plan.slug} has no assessment for {year} (it has: {shown})"}
    sets = ", ".join(sorted({a.criteria_set for a in plan.assessments}))
    return {"vi": f"Không tính được tình trạng: bộ tiêu chí {sets} không có trong danh mục (xem ntm validate)",
            "en": f"No status can be computed: the criteria set {sets} is not in the catalog (see ntm validate)"}
