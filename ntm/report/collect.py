"""Plan files to plain records: the part of `ntm report` that reads plans.

`collect_file` loads one plan (`ntm.loader.load_plan`), runs the status
engine on it (`ntm.criteria.plan_status`) and returns a plain, picklable dict
of what the report needs: the plan's place and period, each assessment's
counts and per-criterion statuses, its phasing expanded to one row per unit
(or per counted group of units), its targets, its funding lines in triệu
đồng, and diagnostics. Records do not depend on the year asked, so they are
cached by file content (`ReportCache`) and reused for any year or filter.
`collect_all` runs it over many files, in parallel over every core in
chunks. A plan that cannot be read yields only diagnostics, never a raise.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable

from ntm.cache import ResultCache
from ntm.diagnostics import Diagnostic, Severity
from ntm.parallel import map_files
from ntm.report import places

RECORD_VERSION = 2  # bump when the record shape changes (the cache fingerprint also covers this file)


def collect_file(path: Path | str, as_of_units: int | None = None) -> dict:
    """One plan file as a plain record; failures become diagnostics."""
    from ntm.loader import load_plan

    file = str(path)
    try:
        loaded = load_plan(path)
    except Exception as exc:  # noqa: BLE001 - a report never stops on one file
        return _failed(file, exc)
    if loaded.plan is None:
        errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
        return {"file": loaded.file, "plan": None, "diagnostics": errors or list(loaded.diagnostics)}
    try:
        return plan_record(loaded.plan, loaded.file, as_of_units)
    except Exception as exc:  # noqa: BLE001
        return _failed(loaded.file, exc)


def _failed(file: str, exc: Exception) -> dict:
    reason = f"{type(exc).__name__}: {exc}"
    return {"file": file, "plan": None, "diagnostics": [Diagnostic("P001", Severity.ERROR, file, params={"reason": reason})]}


def plan_record(plan, file: str, as_of_units: int | None = None) -> dict:
    """Everything the report reads from one valid plan, as plain values."""
    owner = places.plan_place(plan.unit)
    record = {
        "file": file,
        "plan": plan.slug,
        "place": owner,
        "start": plan.period.start,
        "end": plan.period.end,
        "period": plan.period.label(),
        "diagnostics": [],
    }
    record["assessments"] = _assessments(plan, file, owner, record["diagnostics"])
    record["phasing"] = _phasing(plan, owner)
    record["targets"] = [_target(t) for t in plan.targets if t.standard is not None]
    record["funding"] = _funding(plan.funding)
    if as_of_units:
        _add_successors(record, plan)
    return record


# ----- assessments ----------------------------------------------------------------------


def _assessments(plan, file: str, owner: dict, diagnostics: list) -> list[dict]:
    from ntm.criteria import plan_status, resolver

    statuses = {s.assessment_index: s for s in plan_status(plan, file)}
    catalog_for = resolver(plan, file)
    found = []
    for index, assessment in enumerate(plan.assessments):
        where = places.ref_place(assessment.unit, assessment.unit.level.value, owner) if assessment.unit else dict(owner)
        status = statuses.get(index)
        if status is None:
            diagnostics.append(Diagnostic("P002", Severity.WARNING, file, path=("assessments", index, "criteria_set"),
                                          params={"unit": where["name"] or "?", "criteria_set": assessment.criteria_set}))
            continue
        found.append(_assessment(status, assessment, where, catalog_for(assessment.criteria_set), file))
    return found


def _assessment(status, assessment, where: dict, catalog, file: str) -> dict:
    return {
        "place": where,
        "as_of": assessment.as_of,
        "year": status.year,
        "criteria_set": status.criteria_set,
        "tier": getattr(catalog, "tier", None),
        **_criteria_set(catalog, file),
        "met": status.met,
        "total": status.total,
        "declared_met": status.declared_met,
        "standard": _value(status.standard),
        "recognised": [_value(s) for s in status.recognised],
        "unmet": list(status.unmet),
        "unknown": list(status.unknown),
        "statuses": {c.code: c.effective.value for c in status.criteria},
        "names": {c.code: c.name for c in status.criteria},
    }


def _criteria_set(catalog, file: str) -> dict:
    """The set whose codes an assessment uses (the base below any overlay), its title and period.

    The period is the one the criteria apply in: the report marks data counted
    against a set whose period ended before the report year as stale.
    """
    from ntm.criteria import load_any

    if catalog is None:
        return {"base_set": None, "set_title": None, "set_period": None}
    layers = getattr(catalog, "layers", ())
    base_id = layers[0].extends if layers else catalog.id
    base = load_any(base_id, file) if layers else catalog
    return {"base_set": base_id, "set_title": (base or catalog).title,
            "set_period": (catalog.period.start, catalog.period.end)}


def _value(item):
    return None if item is None else getattr(item, "value", item)


# ----- phasing and targets --------------------------------------------------------------


def _phasing(plan, owner: dict) -> list[dict]:
    """Named units of each milestone; a target's yearly count where no milestone names units."""
    rows = []
    named = set()
    for milestone in plan.phasing:
        standard = milestone.standard.value
        level = places.standard_level(standard)
        named.add((standard, milestone.year))
        for ref in milestone.units:
            rows.append({"year": milestone.year, "standard": standard, "count": 1, "basis": "named",
                         "place": places.ref_place(ref, level, owner)})
    for target in plan.targets:
        if target.standard is None:
            continue
        standard = target.standard.value
        for year, count in sorted(target.by_year.items()):
            if (standard, year) not in named and count:
                rows.append({"year": year, "standard": standard, "count": count, "basis": "counted",
                             "place": places.counted_place(places.standard_level(standard), owner)})
    return rows


def _target(target) -> dict:
    return {
        "standard": target.standard.value,
        "what": target.what,
        "year": target.year,
        "count": target.count,
        "of": target.of,
        "percent": target.percent,
        "qualifier": target.qualifier.value,
        "by_year": dict(sorted(target.by_year.items())),
        "increment": target.increment,
        "scope": target.scope,
    }


# ----- funding --------------------------------------------------------------------------


def _funding(funding) -> dict | None:
    if funding is None:
        return None
    lines = [{"source": line.source, "label": line.label, "amount": line.amount.in_trieu_dong(funding.unit),
              "year": line.year} for line in funding.lines]
    return {"stated": funding.stated_total(), "qualifier": funding.total.qualifier.value if funding.total else None,
            "lines": lines}


# ----- the 2025 structure ----------------------------------------------------------------


def _add_successors(record: dict, plan) -> None:
    from ntm.unit_check import plan_date

    when = plan_date(plan)
    record["place"] = places.add_successors(record["place"], when)
    for item in record["assessments"] + record["phasing"]:
        item["place"] = places.add_successors(item["place"], when)


# ----- many files -----------------------------------------------------------------------


def collect_all(files: list[Path], *, as_of_units: int | None = None, jobs: int | None = None,
                cache: "ReportCache | None" = None, progress: Callable[[], None] | None = None) -> list[dict]:
    """Records of every file, in the order given; through the cache when one is given."""
    compute = partial(_collect_uncached, as_of_units=as_of_units, jobs=jobs, progress=progress)
    if cache is not None:
        return cache.for_variant(as_of_units).check_many(files, compute)
    return compute(files)


def _collect_uncached(files: list[Path], *, as_of_units, jobs, progress) -> list[dict]:
    return map_files(partial(collect_file, as_of_units=as_of_units), files, jobs, progress)


class ReportCache(ResultCache):
    """Records of unchanged files, keyed like the validation cache, in their own SQLite file."""

    def __init__(self, folder: Path, variant: str = "") -> None:
        super().__init__(folder)
        self.filename = f"report-v{RECORD_VERSION}{variant}.sqlite3"

    @classmethod
    def default(cls) -> "ReportCache":
        from ntm.cache import default_dir

        return cls(default_dir())

    def for_variant(self, as_of_units: int | None) -> "ReportCache":
        return self if not as_of_units else ReportCache(self.folder, f"-units{as_of_units}")
