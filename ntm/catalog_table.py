"""The rows of `ntm criteria`: a set's thresholds for the region or group and the year asked.

`check_query` says what is wrong with a request before any row is built (a region
the set does not have, a region asked of a set that varies by commune group, a year
outside the set's period), as message codes with parameters. `catalog_rows` gives
one plain row per indicator, condition, prerequisite and basis (poverty line), each
with the threshold that applies to the query and, for what the query leaves open (no
`--region` for a regional threshold, no `--year` for a yearly one), one cell per
region, group or year, so a set's confirmed values show without options.
`catalog_header` describes the set, its overlays and the query. Nothing here prints.
"""

from __future__ import annotations

import itertools

from ntm.catalog import KNOWN_CONFIDENCE, Catalog, Indicator, Threshold, number_text, threshold

DIMENSIONS = ("region", "group", "year")
_DIM_WORDS = {"region": {"vi": "vùng", "en": "region"}, "group": {"vi": "nhóm xã", "en": "commune group"}}


# ----- the query ------------------------------------------------------------------------


def check_query(catalog: Catalog, region: str | None, group: str | None, year: int | None) -> list[tuple[str, dict]]:
    """Message codes (C121-C124) and parameters for every option the set cannot answer."""
    problems = []
    for dim, value in (("region", region), ("group", group)):
        if value is None:
            continue
        zones = catalog.regions if dim == "region" else catalog.groups
        if catalog.partition != dim:
            problems.append(("C123", {"set": catalog.id, "option": f"--{dim}", "dim": _DIM_WORDS[dim],
                                      "hint": _partition_hint(catalog)}))
        elif catalog.zone(dim, value) is None:
            problems.append(("C121" if dim == "region" else "C122",
                             {"value": value, "set": catalog.id, "known": ", ".join(z.id for z in zones)}))
    if year is not None and not _in_period(catalog, year):
        problems.append(("C124", {"year": year, "set": catalog.id, "period": period_label(catalog),
                                  "hint": _year_hint(catalog, year)}))
    return problems


def period_label(catalog: Catalog) -> str:
    period = catalog.period
    return f"{period.start}–{period.end}" if period.end else f"{period.start}–"


def _in_period(catalog: Catalog, year: int) -> bool:
    return catalog.period.start <= year <= (catalog.period.end or year)


def _partition_hint(catalog: Catalog) -> dict[str, str]:
    if catalog.partition == "none":
        return {"vi": "ngưỡng của bộ này giống nhau ở mọi nơi", "en": "its thresholds are the same everywhere"}
    zones = catalog.regions if catalog.partition == "region" else catalog.groups
    option, known = f"--{catalog.partition}", ", ".join(z.id for z in zones)
    return {"vi": f"dùng {option} ({known})", "en": f"use {option} ({known})"}


def _year_hint(catalog: Catalog, year: int) -> dict[str, str]:
    """' — dùng --set X' when a shipped set of the same tier covers the year."""
    from ntm.catalog import available_catalogs, load_catalog

    for other_id in available_catalogs():
        other = load_catalog(other_id)
        if other.tier == catalog.tier and other.level == catalog.level and _in_period(other, year):
            return {"vi": f"; dùng --set {other.id}", "en": f"; use --set {other.id}"}
    return {"vi": "", "en": ""}


# ----- the rows -------------------------------------------------------------------------


def catalog_rows(
    catalog: Catalog, region: str | None = None, group: str | None = None, year: int | None = None
) -> list[dict]:
    """Plain rows (kind, criterion, indicator, name, unit, threshold, applies, cells, source, confidence…)."""
    query = {"region": region, "group": group, "year": year}
    rows = [_prerequisite_row(catalog, p) for p in catalog.requires]
    for crit in catalog.criteria:
        rows += [_requirement_row(catalog, crit, i, query) for i in crit.indicators]
        if not crit.indicators:
            rows.append(_empty_criterion_row(catalog, crit))
        rows += [_basis_row(catalog, crit, b) for b in crit.bases]
    rows += [_requirement_row(catalog, None, c, query) for c in catalog.conditions]
    return rows


def _row(kind, criterion, criterion_name, indicator, name, unit, text, known, source, confidence, ref,
         reason=None, applies=None, cells=()) -> dict:
    return {
        "kind": kind, "criterion": criterion, "criterion_name": criterion_name, "indicator": indicator,
        "name": name, "unit": unit, "threshold": text, "known": known, "source": source,
        "confidence": confidence, "ref": ref, "reason": reason, "applies": applies or {},
        "varies_by": [d for d in DIMENSIONS if any(c.get(d) is not None for c in cells)], "cells": list(cells),
    }


def _requirement_row(catalog: Catalog, crit, req, query: dict) -> dict:
    code = req.code if isinstance(req, Indicator) else req.id
    found = threshold(catalog, code, **query)
    cells = [_cell(t) for t in _open_cells(catalog, code, req.threshold, query)]
    applies = {d: getattr(found, d) for d in DIMENSIONS if getattr(found, d) is not None}
    return _row("indicator" if crit else "condition", crit.code if crit else None, crit.name if crit else None,
                code, req.name, req.unit, found.text(), found.known, found.source.label(), found.confidence,
                found.ref, found.reason, applies, cells)


def _open_cells(catalog: Catalog, code: str, spec, query: dict) -> list[Threshold]:
    """One lookup per value of each dimension the threshold varies by and the query leaves open."""
    fixed = dict(query, region=query["region"] or (catalog.scope.region if catalog.scope else None))
    open_dims = [d for d in spec.by if fixed[d] is None]
    if not open_dims:
        return []
    choices = {"region": [z.id for z in catalog.regions], "group": [z.id for z in catalog.groups],
               "year": list(spec.years)}
    found = []
    for values in itertools.product(*(choices[d] for d in open_dims)):
        found.append(threshold(catalog, code, **dict(fixed, **dict(zip(open_dims, values)))))
    return found


def _cell(found: Threshold) -> dict:
    return {"region": found.region, "group": found.group, "year": found.year, "threshold": found.text(),
            "known": found.known, "confidence": found.confidence, "ref": found.ref, "source": found.source.label(),
            "reason": found.reason}


def _empty_criterion_row(catalog: Catalog, crit) -> dict:
    from ntm.catalog import unlisted_reason

    count = crit.indicator_count.value if crit.indicator_count else None
    name = f"({count} chỉ tiêu, chưa rõ nội dung)" if count else "(các chỉ tiêu chưa rõ)"
    stated = crit.indicator_count
    return _row("criterion", crit.code, crit.name, None, name, "", "chưa rõ", False, catalog.source.label(),
                stated.confidence if stated else "?", stated.ref if stated else crit.ref, unlisted_reason(catalog)[0])


def _basis_row(catalog: Catalog, crit, basis) -> dict:
    period = f", {basis.period.start}–{basis.period.end}" if basis.period and basis.period.end else ""
    return _row("basis", crit.code, crit.name, None, f"{basis.name}{period}", basis.unit,
                f"{number_text(basis.value)} {basis.unit}", basis.confidence in KNOWN_CONFIDENCE,
                catalog.source.label(), basis.confidence, basis.ref, basis.note)


def _prerequisite_row(catalog: Catalog, pre) -> dict:
    return _row("prerequisite", None, None, None, f"Đã đạt chuẩn theo bộ {pre.catalog}", "", "đạt",
                pre.confidence in KNOWN_CONFIDENCE, catalog.source.label(), pre.confidence, pre.ref)


# ----- the header -----------------------------------------------------------------------


def catalog_header(catalog: Catalog, region: str | None = None, group: str | None = None,
                   year: int | None = None) -> dict:
    """The set, its source and overlays, and the region, group and year the rows apply to."""
    region = region or (catalog.scope.region if catalog.scope and catalog.partition == "region" else None)
    zone = catalog.zone("region", region) if region and catalog.partition == "region" else None
    cluster = catalog.zone("group", group) if group and catalog.partition == "group" else None
    return {
        "id": catalog.id, "title": catalog.title, "source": catalog.source.label(), "period": period_label(catalog),
        "partition": catalog.partition, "layers": [layer.source.label() for layer in catalog.layers],
        "region": {"id": zone.id, "name": zone.name, "abbr": zone.display()} if zone else None,
        "group": {"id": cluster.id, "name": cluster.name} if cluster else None,
        "year": year,
        "zones": {**{z.id: z.display() for z in catalog.regions}, **{z.id: z.name for z in catalog.groups}},
    }
