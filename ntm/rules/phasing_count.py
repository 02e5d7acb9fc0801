"""R105: a whole-period target count equals the units phased to that standard.

Tân Yên: "11 xã đạt chuẩn NTM nâng cao" must match the 2+3+2+2+2 communes
named by year in its phasing.
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.messages import standard_label
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R105",
    name="phasing-count",
    severity=Severity.ERROR,
    title={"vi": "Số đơn vị trong chỉ tiêu khớp với lộ trình phân kỳ", "en": "A target count matches the units phased"},
    message={
        "vi": "Chỉ tiêu ghi {stated} đơn vị đạt chuẩn {standard} nhưng lộ trình nêu tên {computed} đơn vị",
        "en": "The target states {stated} units at {standard} but the phasing names {computed}",
    },
    when_missing={
        "vi": "Chỉ tiêu không có số, có năm riêng, hoặc lộ trình không nêu đơn vị nào cho chuẩn đó: bỏ qua.",
        "en": "No count, a single-year target, or no unit phased to that standard: skipped.",
    },
    passing="targets:\n  - {standard: xa_nang_cao, count: 1}\nphasing:\n  - {standard: xa_nang_cao, year: 2024, units: [Hùng Mỹ]}\n",
    failing="targets:\n  - {standard: xa_nang_cao, count: 2}\nphasing:\n  - {standard: xa_nang_cao, year: 2024, units: [Hùng Mỹ]}\n",
)


def check(ctx):
    plan = ctx.plan
    for i, target in enumerate(plan.targets):
        if target.count is None or target.year is not None or target.standard is None or target.scope:
            continue
        named = {n for m in plan.phasing if m.standard == target.standard for n in m.unit_names()}
        if named and len(named) != target.count:
            yield Finding(
                ("targets", i, "count"),
                {"stated": target.count, "computed": len(named), "standard": standard_label(target.standard)},
            )
