"""Which commune a new plan is for when the plans it starts from are of pre-reform communes.

`ntm new SLUG --year 2027 --from hung-my` starts from a commune that the 1 July
2025 reform merged into another (Hùng Mỹ → Xã Tân Mỹ). `successor_of` looks
each previous plan's commune up in the official register (`ntm.units`) at the
date of its plan and returns the 2025 commune they all became, with info
diagnostics saying so, naming a commune that was split between several and
the other former communes of the new one that no plan was given for. It
refuses (`NewPlanRefused`) when a previous unit is not in the register, is
not a commune, or when the previous communes did not become one commune; and
when several plans are given for a new plan that crosses no reform. It
returns None when the new plan does not cross the reform (same unit as
before).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ntm.diagnostics import Diagnostic, Severity
from ntm.units import REFORM_DATE as REFORM


@dataclass(frozen=True)
class Successor:
    """The 2025 commune the new plan is for, and the former communes it was made of."""

    name: str  # "Tân Mỹ"
    official: str  # "Xã Tân Mỹ"
    code: str
    province: str  # "Tuyên Quang"
    former: tuple[str, ...]  # short names of the previous plans' communes


def crosses_reform(plan, year: int) -> bool:
    """A commune or district plan dated before 1 July 2025 carried into a year from 2026 (after the reform)."""
    from ntm.unit_check import plan_date

    return plan.unit.level.value in ("xa", "huyen") and plan_date(plan) < REFORM <= dt.date(year, 1, 1)


def successor_of(previous: list, year: int, file: str) -> tuple[Successor | None, list[Diagnostic]]:
    """The commune the previous plans' communes became, or None when no reform lies between."""
    from ntm.scaffold import NewPlanRefused

    crossing = [p for p in previous if crosses_reform(p.plan, year)]
    if not crossing:
        if len(previous) > 1:
            raise NewPlanRefused([_error("N019", file, slugs=", ".join(p.plan.slug for p in previous))])
        return None, []
    refusals = [_not_a_commune(p, file, year) for p in previous if p.plan.unit.level.value != "xa"]
    if refusals:
        raise NewPlanRefused(refusals)
    found = [(p, _resolve(p, file)) for p in previous]
    common = _common_code(found)
    if common is None:
        units = "; ".join(f"{p.plan.unit.name} → {_became(r)}" for p, r in found)
        raise NewPlanRefused([_error("N012", file, units=units)])
    return _chosen(found, common, file)


def _not_a_commune(previous, file: str, year: int) -> Diagnostic:
    if previous.plan.unit.level.value == "huyen":
        return _error("N018", file, year=year)
    return _error("N013", file, name=previous.plan.unit.name or "?", slug=previous.plan.slug,
                  reason={"vi": "chỉ gộp được kế hoạch cấp xã", "en": "only commune plans can be carried into a merged commune"})


def _resolve(previous, file: str):
    """The register's entry for a previous plan's commune, at its plan's date."""
    from ntm.scaffold import NewPlanRefused
    from ntm.unit_check import NamedUnit, plan_date, resolve_named

    unit = previous.plan.unit
    named = NamedUnit(("unit", "name"), unit.name or "", "xa", unit.district, unit.province)
    try:
        resolution = resolve_named(named, plan_date(previous.plan))
    except (LookupError, ValueError) as exc:
        raise NewPlanRefused([_error("N013", file, name=unit.name or "?", slug=previous.plan.slug, reason=str(exc))])
    if not resolution.found or resolution.successor is None or resolution.successor.commune is None:
        reason = resolution.note or ", ".join(resolution.suggestions) or "—"
        raise NewPlanRefused([_error("N013", file, name=unit.name or "?", slug=previous.plan.slug, reason=reason)])
    return resolution


def _candidates(resolution) -> list:
    successor = resolution.successor
    return [successor.commune, *successor.also_part_of]


def _common_code(found) -> str | None:
    """The first commune (in the first plan's order) that every previous commune went (in part) into."""
    shared = set.intersection(*({u.code for u in _candidates(r)} for _, r in found))
    return next((u.code for u in _candidates(found[0][1]) if u.code in shared), None)


def _became(resolution) -> str:
    return ", ".join(f"{u.name} ({u.code})" for u in _candidates(resolution))


def _chosen(found, code: str, file: str) -> tuple[Successor, list[Diagnostic]]:
    from ntm.units import predecessors

    new = next(u for u in _candidates(found[0][1]) if u.code == code)
    province = found[0][1].successor.province
    notes = []
    for previous, resolution in found:
        old = f"{resolution.official_name} ({resolution.code}), {resolution.district.name}"
        notes.append(_info("N014", file, old=old, new=f"{new.name} ({new.code}), {province.name}"))
        if resolution.successor.also_part_of:
            notes.append(_info("N024", file, old=resolution.official_name, parts=_became(resolution), new=new.name))
    given = {r.code for _, r in found}
    others = [f"{u.name} ({u.code})" for u, _ in predecessors(code) if u.code not in given]
    if others:
        notes.append(_info("N025", file, new=new.name, units=", ".join(others)))
    former = tuple(p.plan.unit.name for p, _ in found)
    return Successor(new.short_name, new.name, new.code, province.short_name, former), notes


def _error(code: str, file: str, **params) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, file, params=params)


def _info(code: str, file: str, **params) -> Diagnostic:
    return Diagnostic(code, Severity.INFO, file, params=params)
