"""R101: the stated funding total agrees with the sum of its lines.

An exact total must equal the sum to the last digit; "khoảng" (about) must be
within 5%; "trên"/"ít nhất" (over, at least) and "dưới"/"tối đa" (under, at
most) are checked as the bound they claim. Amounts in tỷ đồng are converted
to triệu đồng first, exactly.
"""

from __future__ import annotations

from decimal import Decimal

from ntm.diagnostics import Severity
from ntm.model.vocab import Qualifier
from ntm.rules.base import Finding, Rule, line_span

RULE = Rule(
    code="R101",
    name="funding-total",
    severity=Severity.ERROR,
    title={"vi": "Tổng kinh phí ghi trong văn bản khớp với tổng các nguồn", "en": "Stated funding total matches the sum of its lines"},
    message={
        "vi": "Tổng kinh phí ghi {stated} triệu đồng nhưng các nguồn (dòng {lines}) cộng lại {computed} triệu đồng (chênh {difference})",
        "en": "Stated funding total is {stated} million VND but the lines ({lines}) add up to {computed} (difference {difference})",
    },
    when_missing={"vi": "Không ghi tổng hoặc không có nguồn nào: bỏ qua.", "en": "No stated total or no lines: skipped."},
    passing="funding:\n  total: 215.5\n  lines:\n    - {source: ngan_sach_tinh, amount: 135}\n    - {source: ctmtqg_ntm, amount: 80.5}\n",
    failing="funding:\n  total: 215.5\n  lines:\n    - {source: ngan_sach_tinh, amount: 135}\n    - {source: ctmtqg_ntm, amount: 80}\n",
)

ABOUT = Decimal("0.05")


def check(ctx):
    funding = ctx.plan.funding
    if funding is None or funding.total is None or not funding.lines:
        return
    stated = funding.stated_total()
    computed = funding.lines_total()
    if not holds(funding.total.qualifier, stated, computed):
        from ntm.vnformat import format_number

        yield Finding(
            ("funding", "total"),
            {
                "stated": format_number(stated),
                "computed": format_number(computed),
                "difference": format_number(computed - stated),
                "lines": line_span(ctx.positions, [("funding", "lines", i, "amount") for i in range(len(funding.lines))]),
            },
        )


def holds(qualifier: Qualifier, stated: Decimal, computed: Decimal) -> bool:
    """Does `computed` satisfy what `stated` claims under `qualifier`?"""
    if qualifier is Qualifier.EXACT:
        return computed == stated
    if qualifier is Qualifier.ABOUT:
        return abs(computed - stated) <= abs(stated) * ABOUT
    if qualifier is Qualifier.AT_LEAST:
        return computed >= stated
    if qualifier is Qualifier.OVER:
        return computed > stated
    if qualifier is Qualifier.AT_MOST:
        return computed <= stated
    return computed < stated
