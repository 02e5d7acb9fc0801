"""R801: every unit a plan names exists in the official register of its date.

Units are resolved with `ntm.units` (offline, from the vietnamadminunits
register) under the plan's date: before 1 July 2025 with their district,
after it in the two-level structure. A name the register does not know is an
error with the closest official names as suggestions; a former unit that the
register records as merged into another (Lam Cốt → Lam Sơn) is information,
since the register holds the state of 30 June 2025, not of the plan's year. A plan dated
from 1 July 2025 that still names a pre-reform commune is an error that names
the commune it became part of (Hùng Mỹ → xã Tân Mỹ); one that still gives its
unit a district, or is itself a district's plan, is an error too: from that day
there is no district level.
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R801",
    name="unit-register",
    severity=Severity.ERROR,
    title={"vi": "Đơn vị hành chính có trong danh mục chính thức", "en": "Units exist in the official register"},
    message={"vi": "{what}", "en": "{what}"},
    when_missing={
        "vi": "Đơn vị không có tên (văn bản không nêu): bỏ qua; đơn vị đã sáp nhập trước 30/6/2025: thông tin.",
        "en": "Unnamed unit: skipped; a unit merged before 30 June 2025: info.",
    },
    passing="unit: {level: xa, name: Hùng Mỹ, district: Chiêm Hóa, province: Tuyên Quang, region: TDMNPB}\n",
    failing="unit: {level: xa, name: Hùng Mộ, district: Chiêm Hóa, province: Tuyên Quang, region: TDMNPB}\n",
)


def check(ctx):
    from ntm.unit_check import named_units, plan_date, resolve_named

    when = plan_date(ctx.plan)
    yield from _districts_after_reform(ctx.plan, when)
    for named in named_units(ctx.plan):
        try:
            resolution = resolve_named(named, when)
        except (LookupError, ValueError) as exc:
            yield Finding(named.path, _what(f"Không tra được đơn vị '{named.name}': {exc}",
                                            f"Cannot look up unit '{named.name}': {exc}"))
            continue
        if resolution.found:
            continue
        if resolution.alias_of is not None:
            alias = resolution.alias_of.name
            yield Finding(named.path, _what(
                f"'{named.name}' không còn trong danh mục 30/6/2025: đã sáp nhập vào {alias} ({resolution.alias_of.code})",
                f"'{named.name}' is not in the 30 June 2025 register: merged into {alias} ({resolution.alias_of.code})"),
                severity=Severity.INFO)
            continue
        if resolution.structure == "2025" and resolution.successor is not None:
            became = resolution.successor.commune or resolution.successor.province
            yield Finding(named.path, _what(
                f"'{named.name}' là đơn vị trước ngày 01/7/2025; từ ngày đó thuộc {became.name} "
                f"({became.code}), {resolution.successor.province.name}: văn bản ban hành từ ngày 01/7/2025 phải ghi đơn vị mới",
                f"'{named.name}' is a unit from before 1 July 2025; since then it is part of {became.name} "
                f"({became.code}), {resolution.successor.province.name}: documents issued from 1 July 2025 must name the new unit"))
            continue
        hint = ", ".join(resolution.suggestions) or "—"
        place = ", ".join(p for p in (named.district, named.province) if p)
        yield Finding(named.path, _what(
            f"Không có đơn vị '{named.name}' ({place}) trong danh mục chính thức; gần giống: {hint}",
            f"No unit '{named.name}' ({place}) in the official register; closest: {hint}"))


def _districts_after_reform(plan, when):
    """From 1 July 2025 there are no districts: neither a district's plan nor a district beside a unit."""
    from ntm.unit_check import REFORM

    if when < REFORM:
        return
    unit = plan.unit
    if unit.level.value == "huyen":
        yield Finding(("unit", "level"), _what(
            "Từ ngày 01/7/2025 không còn cấp huyện: văn bản ban hành từ ngày đó không thể là kế hoạch của huyện",
            "There are no districts since 1 July 2025: a document issued from then cannot be a district's plan"))
    elif unit.district:
        yield Finding(("unit", "district"), _what(
            f"Từ ngày 01/7/2025 không còn cấp huyện: bỏ huyện '{unit.district}', xã trực thuộc tỉnh",
            f"There are no districts since 1 July 2025: remove the district '{unit.district}'; "
            "the commune is directly under its province"))


def _what(vi: str, en: str) -> dict:
    return {"what": {"vi": vi, "en": en}}
