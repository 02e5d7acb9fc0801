"""R701: declared criterion statuses agree with the measured values.

A criterion declared "đạt" while one of its measured values fails a confirmed
threshold is an error; a criterion declared "chưa đạt" whose every indicator
is verified met is doubtful (warning); a measured value or a target whose
threshold is not confirmed cannot be verified (information, with the reason);
a target below a confirmed threshold is doubtful (warning). Where the set's
indicator list is missing altogether (QĐ 51/2025 until a province supplies
it), the declared criteria cannot be verified either: one information per
assessment names them.
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R701",
    name="criteria-status",
    severity=Severity.ERROR,
    title={"vi": "Tình trạng tiêu chí khai báo khớp với số liệu đo", "en": "Declared criterion status matches the measured values"},
    message={"vi": "{what}", "en": "{what}"},
    when_missing={
        "vi": "Không có số liệu đo, ngưỡng chưa xác nhận hoặc bộ tiêu chí chưa có danh sách chỉ tiêu: thông tin \"không kiểm chứng được\" kèm lý do.",
        "en": "No measured value, unconfirmed threshold or no indicator list in the set: info \"cannot verify\" with the reason.",
    },
    passing="assessments:\n  - criteria_set: xa-ntm-2021-2025\n    criteria: {'3': met}\n    indicators:\n      '3.1': {measures: [{percent: 85}]}\n",
    failing="assessments:\n  - criteria_set: xa-ntm-2021-2025\n    criteria: {'3': met}\n    indicators:\n      '3.1': {measures: [{percent: 70}]}\n",
)


def check(ctx):
    from ntm.criteria import plan_status
    from ntm.model.assessment import Status
    from ntm.status import Verdict

    for status in plan_status(ctx.plan, ctx.file):
        base = ("assessments", status.assessment_index)
        for criterion in status.criteria:
            for figure in criterion.figures:
                yield from _figure(base, figure, criterion.declared)
            if criterion.declared is Status.NOT_MET and criterion.computed is Verdict.MET:
                yield Finding(base + ("criteria", criterion.code), _what(
                    f"Tiêu chí {criterion.code} khai báo chưa đạt nhưng mọi chỉ tiêu được kiểm chứng là đạt",
                    f"Criterion {criterion.code} is declared unmet but every indicator is verified met"),
                    severity=Severity.WARNING, key=True)
        for figure in status.targets:
            yield from _target(base, figure)
        if status.unverifiable:
            yield _unverifiable(ctx.plan.assessments[status.assessment_index], base, status)


def _unverifiable(assessment, base, status):
    """One info per assessment: its declared criteria cannot be checked without the set's indicator list."""
    where = "criteria" if assessment.criteria else "declared" if assessment.declared.met is not None else "criteria_set"
    codes = ", ".join(status.unverifiable)
    reason = status.unverifiable_reason
    return Finding(base + (where,), _what(
        f"Không kiểm chứng được tình trạng khai báo của tiêu chí {codes} ({status.criteria_set}): {reason['vi']}; "
        "bổ sung chỉ tiêu bằng tệp của tỉnh trong thư mục catalogs/ (xem ntm/catalogs/examples/)",
        f"The declared status of criteria {codes} ({status.criteria_set}) cannot be verified: {reason['en']}; "
        "add the indicators with a province file in catalogs/ (see ntm/catalogs/examples/)"),
        severity=Severity.INFO, key=True)


def _figure(base, figure, declared):
    from ntm.model.assessment import Status
    from ntm.status import Verdict

    path = base + ("indicators", figure.indicator, figure.kind, figure.index)
    if figure.verdict is Verdict.NOT_MET and declared is Status.MET:
        yield Finding(path, _what(
            f"Tiêu chí khai báo đạt nhưng chỉ tiêu {figure.indicator} {_label(figure)}{figure.reason['vi']}",
            f"The criterion is declared met but indicator {figure.indicator} {_label(figure)}is {figure.reason['en']}"))
    elif figure.verdict is Verdict.CANNOT_VERIFY:
        yield Finding(path, _what(f"Chỉ tiêu {figure.indicator} {_label(figure)}— {figure.reason['vi']}",
                                  f"Indicator {figure.indicator} {_label(figure)}— {figure.reason['en']}"), severity=Severity.INFO)


def _target(base, figure):
    from ntm.status import Verdict

    path = base + ("indicators", figure.indicator, "targets", figure.index)
    if figure.verdict is Verdict.NOT_MET:
        yield Finding(path, _what(f"Chỉ tiêu phấn đấu {figure.indicator} thấp hơn ngưỡng: {figure.reason['vi']}",
                                  f"Target for {figure.indicator} is below the threshold: {figure.reason['en']}"),
                      severity=Severity.WARNING)
    elif figure.verdict is Verdict.CANNOT_VERIFY:
        yield Finding(path, _what(f"Chỉ tiêu phấn đấu {figure.indicator} {_label(figure)}— {figure.reason['vi']}",
                                  f"Target for {figure.indicator} {_label(figure)}— {figure.reason['en']}"), severity=Severity.INFO)


def _label(figure) -> str:
    return f"({figure.label}) " if figure.label else ""


def _what(vi: str, en: str) -> dict:
    return {"what": {"vi": vi, "en": en}}
