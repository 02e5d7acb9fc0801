"""R402: every year a plan names lies within its period.

Milestones, targets (and their split by year), goals and funding lines of a
2021-2025 plan must fall in 2021-2025.
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R402",
    name="year-in-period",
    severity=Severity.ERROR,
    title={"vi": "Năm nêu trong kế hoạch nằm trong giai đoạn của kế hoạch", "en": "Years named lie within the plan's period"},
    message={
        "vi": "Năm {year} nằm ngoài giai đoạn {period} của kế hoạch",
        "en": "Year {year} is outside the plan's period {period}",
    },
    when_missing={"vi": "Mục không ghi năm: bỏ qua.", "en": "Items without a year: skipped."},
    passing="phasing:\n  - {standard: xa_nang_cao, year: 2024, units: [Hùng Mỹ]}\n",
    failing="phasing:\n  - {standard: xa_nang_cao, year: 2026, units: [Hùng Mỹ]}\n",
)


def check(ctx):
    plan = ctx.plan
    period = plan.period
    for path, year in _years(plan):
        if not period.contains(year):
            yield Finding(path, {"year": year, "period": period.label()}, key=path[-2] == "by_year")


def _years(plan):
    for i, m in enumerate(plan.phasing):
        yield ("phasing", i, "year"), m.year
    for i, t in enumerate(plan.targets):
        if t.year is not None:
            yield ("targets", i, "year"), t.year
        for year in t.by_year:
            yield ("targets", i, "by_year", str(year)), year
    for i, g in enumerate(plan.goals):
        if g.year is not None:
            yield ("goals", i, "year"), g.year
    for i, line in enumerate(plan.funding.lines if plan.funding else []):
        if line.year is not None:
            yield ("funding", "lines", i, "year"), line.year
