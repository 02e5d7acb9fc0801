"""R201: a stated percentage agrees with its counts, to its printed precision.

"1.276/1.413 hộ đạt 90,3%": 1276/1413 = 90,304…% rounds to 90,3, so it
passes; a stated 90,4% would not. Tolerance is half a unit of the last
printed digit (90,3 → ±0,05; 12,17 → ±0,005). A percentage qualified as
"ít nhất"/"trên" (at least, over) is a floor: the counts must reach it.
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.model.vocab import Qualifier
from ntm.rules.base import Finding, Rule, tolerance_for

RULE = Rule(
    code="R201",
    name="percentage",
    severity=Severity.ERROR,
    title={"vi": "Tỷ lệ phần trăm khớp với số đếm", "en": "Stated percentage matches its counts"},
    message={
        "vi": "Tỷ lệ ghi {stated}% nhưng {count}/{of} = {computed}%",
        "en": "The stated percentage is {stated}% but {count}/{of} = {computed}%",
    },
    when_missing={"vi": "Thiếu số đếm, tổng hoặc tỷ lệ: bỏ qua.", "en": "Count, total or percentage missing: skipped."},
    passing="assessments:\n  - criteria_set: xa-ntm-2021-2025\n    indicators:\n      '17.8': {measures: [{count: 1276, of: 1413, percent: 90.3}]}\n",
    failing="assessments:\n  - criteria_set: xa-ntm-2021-2025\n    indicators:\n      '17.8': {measures: [{count: 1276, of: 1413, percent: 90.4}]}\n",
)


def check(ctx):
    plan = ctx.plan
    for a, assessment in enumerate(plan.assessments):
        for code, indicator in assessment.indicators.items():
            for kind in ("measures", "targets"):
                for i, figure in enumerate(getattr(indicator, kind)):
                    yield from _check(("assessments", a, "indicators", code, kind, i, "percent"), figure)
    for i, target in enumerate(plan.targets):
        yield from _check(("targets", i, "percent"), target)


def _check(path, figure):
    if figure.count is None or not figure.of or figure.percent is None:
        return
    from decimal import Decimal

    computed = Decimal(figure.count) * 100 / Decimal(figure.of)
    stated = Decimal(figure.percent)
    if agrees(stated, computed, figure.qualifier):
        return
    from ntm.vnformat import format_number

    places = max(0, -stated.as_tuple().exponent) + 1
    yield Finding(
        path,
        {
            "stated": format_number(stated),
            "count": format_number(figure.count),
            "of": format_number(figure.of),
            "computed": format_number(round(computed, places)),
        },
    )


def agrees(stated, computed, qualifier) -> bool:
    tolerance = tolerance_for(stated)
    if qualifier in (Qualifier.AT_LEAST, Qualifier.OVER):
        return computed >= stated - tolerance
    if qualifier in (Qualifier.AT_MOST, Qualifier.UNDER):
        return computed <= stated + tolerance
    if qualifier is Qualifier.ABOUT:
        return abs(computed - stated) <= max(tolerance, abs(stated) / 20)
    return abs(computed - stated) <= tolerance
