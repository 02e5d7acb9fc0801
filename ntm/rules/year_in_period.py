"""R402: every year a plan names lies within its period.

Milestones, targets (and their split by year), goals and funding lines of a
2021-2025 plan must fall in 2021-2025; so must the deadlines it sets: a
task's deadline as the document writes it ("quý IV năm 2024", "trước ngày
15/12/2027": every year it names, see `ntm.years`), a duty's deadline and a
monitoring item's due date. A 2025 plan carried over from 2024 with "hoàn
thành trong quý IV năm 2024" left in it is caught here.
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
    passing="tasks:\n  - {criterion: '2', what: Bê tông hóa đường trục thôn, deadline: quý IV năm 2024}\n",
    failing="tasks:\n  - {criterion: '2', what: Bê tông hóa đường trục thôn, deadline: quý IV năm 2023}\n",
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
    yield from _deadline_years(plan)


def _deadline_years(plan):
    from ntm.years import deadline_years

    for i, task in enumerate(plan.tasks):
        for year in _distinct(deadline_years(task.deadline or "")):
            yield ("tasks", i, "deadline"), year
    for i, duty in enumerate(plan.duties):
        if duty.deadline is not None:
            yield ("duties", i, "deadline"), duty.deadline.year
        else:
            for year in _distinct(deadline_years(duty.deadline_text or "")):
                yield ("duties", i, "deadline_text"), year
    for i, item in enumerate(plan.monitoring):
        if item.due is not None:
            yield ("monitoring", i, "due"), item.due.year


def _distinct(mentions) -> list[int]:
    """Each year once (a span counts by its ends): "từ 2026 đến năm 2026" is one finding."""
    years = []
    for mention in mentions:
        for year in dict.fromkeys((mention.first, mention.last)):
            if year not in years:
                years.append(year)
    return years
