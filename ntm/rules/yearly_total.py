"""R103: a target's total equals the sum of its split by year.

"43 thôn: năm 2021 11 thôn, 2022 10 thôn …" must add up to 43.
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule, line_span

RULE = Rule(
    code="R103",
    name="yearly-total",
    severity=Severity.ERROR,
    title={"vi": "Tổng chỉ tiêu bằng tổng các năm", "en": "A target's total equals the sum of its years"},
    message={
        "vi": "Chỉ tiêu ghi tổng {stated} nhưng các năm (dòng {lines}) cộng lại {computed}",
        "en": "The target states {stated} but its years ({lines}) add up to {computed}",
    },
    when_missing={"vi": "Không có tổng hoặc không chia theo năm: bỏ qua.", "en": "No total or no split by year: skipped."},
    passing="targets:\n  - {standard: thon_kieu_mau, count: 5, by_year: {2024: 5}}\n",
    failing="targets:\n  - {standard: thon_kieu_mau, count: 6, by_year: {2024: 5}}\n",
)


def check(ctx):
    for i, target in enumerate(ctx.plan.targets):
        if target.count is None or not target.by_year:
            continue
        computed = sum(target.by_year.values())
        if computed != target.count:
            lines = line_span(ctx.positions, [("targets", i, "by_year", str(year)) for year in target.by_year])
            yield Finding(("targets", i, "count"), {"stated": target.count, "computed": computed, "lines": lines})
