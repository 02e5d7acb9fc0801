"""R301: a declared "đạt N/19" agrees with the criteria listed as met or unmet.

Checks, as far as the plan states them: met + unmet = total; no more criteria
met than total minus those listed unmet; no fewer than those listed met; and
the number listed unmet equals a declared "còn N tiêu chí chưa đạt".
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R301",
    name="declared-count",
    severity=Severity.ERROR,
    title={"vi": "Số tiêu chí đạt khai báo khớp với danh sách tiêu chí", "en": "Declared criteria count matches the criteria listed"},
    message={"vi": "{what}", "en": "{what}"},
    when_missing={
        "vi": "Chỉ so sánh những con số văn bản có ghi; không ghi gì thì bỏ qua.",
        "en": "Only the figures the document states are compared; none stated: skipped.",
    },
    passing="assessments:\n  - criteria_set: xa-ntm-2021-2025\n    declared: {met: 16, unmet: 3, total: 19}\n    criteria: {'2': not_met, '6': not_met, '9': not_met}\n",
    failing="assessments:\n  - criteria_set: xa-ntm-2021-2025\n    declared: {met: 16, unmet: 3, total: 19}\n    criteria: {'2': not_met, '6': not_met, '9': not_met, '17': not_met}\n",
)


def check(ctx):
    for a, assessment in enumerate(ctx.plan.assessments):
        for field, what in problems(assessment):
            yield Finding(("assessments", a, "declared", field), {"what": what})


def problems(assessment):
    d = assessment.declared
    met_listed = len(assessment.met_codes())
    unmet_listed = len(assessment.unmet_codes())
    if d.met is not None and d.unmet is not None and d.total is not None and d.met + d.unmet != d.total:
        yield "met", _text("Đạt {0} + chưa đạt {1} ≠ tổng {2} tiêu chí", "Met {0} + unmet {1} ≠ total {2}", d.met, d.unmet, d.total)
    if d.met is not None and d.total is not None and d.met > d.total - unmet_listed:
        yield "met", _text(
            "Khai báo đạt {0}/{2} nhưng có {1} tiêu chí được nêu là chưa đạt",
            "Declares {0}/{2} met but {1} criteria are listed as unmet",
            d.met, unmet_listed, d.total,
        )
    if d.met is not None and met_listed > d.met:
        yield "met", _text(
            "Khai báo đạt {0} tiêu chí nhưng liệt kê {1} tiêu chí đạt",
            "Declares {0} criteria met but lists {1} as met",
            d.met, met_listed,
        )
    if d.unmet is not None and unmet_listed and unmet_listed != d.unmet:
        yield "unmet", _text(
            "Khai báo còn {0} tiêu chí chưa đạt nhưng liệt kê {1} tiêu chí",
            "Declares {0} criteria unmet but lists {1}",
            d.unmet, unmet_listed,
        )


def _text(vi: str, en: str, *values) -> dict:
    return {"vi": vi.format(*values), "en": en.format(*values)}
