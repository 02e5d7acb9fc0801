"""R601: the dates of a plan are possible together.

A plan cannot cite a decision issued after the plan itself, have its baseline
after its own date, or be published before it was signed; a document dated
far from its period (more than two years before its start or after its end)
is doubtful. Calendar-impossible dates (30 February) are schema errors (S005).
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R601",
    name="dates",
    severity=Severity.ERROR,
    title={"vi": "Các ngày tháng trong kế hoạch hợp lý với nhau", "en": "The plan's dates are consistent"},
    message={"vi": "{what}", "en": "{what}"},
    when_missing={"vi": "Văn bản không ghi ngày: bỏ qua.", "en": "The document has no date: skipped."},
    passing="document: {kind: KH, title: Kế hoạch ví dụ, date: 2024-02-22,\n  legal_bases: [{text: Căn cứ Quyết định số 318/QĐ-TTg, date: 2022-03-08}]}\n",
    failing="document: {kind: KH, title: Kế hoạch ví dụ, date: 2024-02-22,\n  legal_bases: [{text: Căn cứ Quyết định số 318/QĐ-TTg, date: 2025-03-08}]}\n",
)


def check(ctx):
    plan = ctx.plan
    doc = plan.document
    if doc.date is None:
        return
    for i, basis in enumerate(doc.legal_bases):
        if basis.date and basis.date > doc.date:
            yield Finding(("document", "legal_bases", i, "date"), _what(
                "Căn cứ văn bản ngày {0} sau ngày ban hành kế hoạch {1}",
                "Cites a document dated {0}, after the plan's own date {1}", basis.date, doc.date))
    if plan.baseline_as_of and plan.baseline_as_of > doc.date:
        yield Finding(("baseline_as_of",), _what(
            "Mốc hiện trạng {0} sau ngày ban hành {1}", "Baseline {0} is after the document date {1}",
            plan.baseline_as_of, doc.date), severity=Severity.WARNING)
    if doc.published and doc.published < doc.date:
        yield Finding(("document", "published"), _what(
            "Ngày đăng {0} trước ngày ban hành {1}", "Published {0} before it was issued {1}", doc.published, doc.date))
    if not (plan.period.start - 2 <= doc.date.year <= plan.period.end):
        yield Finding(("document", "date"), _what(
            "Ngày ban hành {0} quá xa giai đoạn {1}", "Document date {0} is far from the period {1}",
            doc.date, plan.period.label()), severity=Severity.WARNING)


def _what(vi: str, en: str, *dates) -> dict:
    from ntm.vnformat import format_short_date

    shown = [format_short_date(d) if hasattr(d, "year") else d for d in dates]
    return {"what": {"vi": vi.format(*shown), "en": en.format(*[str(d) for d in dates])}}
