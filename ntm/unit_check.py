"""Units in plans against the official register (`ntm.units`).

Lists every unit a plan names — its own unit, the communes of its phasing,
the units of its assessments and sponsorship — with the parents the plan
gives, resolves each in the register of the plan's date, and describes the
result: the official name and code, and for a unit from before the 1 July
2025 reform, the commune and province it became part of. `describe_unit`
feeds `ntm status`; the rule R801 reports units that are not found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ntm.units import REFORM_DATE as REFORM


@dataclass(frozen=True)
class NamedUnit:
    path: tuple
    name: str
    level: str
    district: str | None
    province: str | None


def plan_date(plan) -> dt.date:
    if plan.document.date:
        return plan.document.date
    return dt.date(plan.period.start, 1, 1)


def named_units(plan) -> list[NamedUnit]:
    unit = plan.unit
    own_district = unit.name if unit.level.value == "huyen" else unit.district
    own_province = unit.name if unit.level.value == "tinh" else unit.province
    found: list[NamedUnit] = []
    if unit.name and unit.level.value in ("xa", "huyen", "tinh"):
        found.append(NamedUnit(("unit", "name"), unit.name, unit.level.value, unit.district, unit.province))
    for m, milestone in enumerate(plan.phasing):
        if milestone.standard.value.startswith("xa_"):
            for u, ref in enumerate(milestone.units):
                found.append(_ref_unit(("phasing", m, "units", u), ref, own_district, own_province))
    for a, assessment in enumerate(plan.assessments):
        if assessment.unit is not None:
            found.append(_ref_unit(("assessments", a, "unit", "name"), assessment.unit, own_district, own_province))
    return found


def _ref_unit(path, ref, district, province) -> NamedUnit:
    if isinstance(ref, str):
        return NamedUnit(path, ref, "xa", district, province)
    return NamedUnit(path, ref.name, ref.level.value, ref.district or district, ref.province or province)


def resolve_named(named: NamedUnit, when: dt.date):
    from ntm.units import resolve

    return resolve(named.name, named.level, district=named.district if when < REFORM else None,
                   province=named.province, as_of=when)


def describe(resolution, lang: str = "vi") -> str:
    """"Xã Hùng Mỹ (02314), Huyện Chiêm Hóa, Tỉnh Tuyên Quang; từ 01/7/2025 thuộc Xã Tân Mỹ (02308), Tỉnh Tuyên Quang"."""
    if not resolution.found:
        return ""
    parts = [f"{resolution.official_name} ({resolution.code})"]
    parts += [p.name for p in (resolution.district, resolution.province) if p is not None]
    text = ", ".join(parts)
    successor = resolution.successor
    if successor and (successor.commune or successor.province):
        after = ", ".join(f"{u.name} ({u.code})" for u in (successor.commune, successor.province) if u is not None)
        text += ("; từ 01/7/2025 thuộc " if lang == "vi" else "; since 1 July 2025 part of ") + after
    return text


def describe_unit(plan, assessment_index: int, lang: str = "vi") -> str | None:
    assessment = plan.assessments[assessment_index]
    wanted = ("unit", "name") if assessment.unit is None else ("assessments", assessment_index, "unit", "name")
    for named in named_units(plan):
        if named.path == wanted:
            try:
                return describe(resolve_named(named, plan_date(plan)), lang) or None
            except (LookupError, ValueError):
                return None
    return None
