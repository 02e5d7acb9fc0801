"""R901: a plan is filled in, not a scaffold: no «…» left, a named unit, an annual plan with content.

`ntm new` writes «Tên xã», «Địa danh», «Họ và tên» where the officer must write
the document's words; a value that still holds «…» is a warning at that value.
A unit without a name (a note says why) and an annual kế hoạch with neither a
task nor any funding are warnings too: such a plan validates, but it is not a
document anyone can sign, and `ntm render` prints it as a draft (DỰ THẢO).
"""

from __future__ import annotations

import enum
import re
from typing import Any, Iterator

from ntm.diagnostics import Severity, YamlPath
from ntm.rules.base import Finding, Rule

PLACEHOLDER = re.compile(r"«[^«»\n]*»")

RULE = Rule(
    code="R901",
    name="unfilled",
    severity=Severity.WARNING,
    title={"vi": "Kế hoạch đã điền đủ, không còn là bản nháp", "en": "The plan is filled in, not a draft"},
    message={"vi": "{what}", "en": "{what}"},
    when_missing={
        "vi": "Đơn vị không có tên, kế hoạch năm không có nhiệm vụ và kinh phí: cảnh báo; văn bản in thành dự thảo.",
        "en": "An unnamed unit, an annual plan without tasks and funding: warning; the document prints as a draft.",
    },
    passing="tasks:\n  - {criterion: '5', what: Xây dựng nhà ăn bán trú}\n",
    failing="document: {kind: KH, issuer: Ủy ban nhân dân xã «Tên xã», title: Kế hoạch năm 2024, date: 2024-02-22}\n",
)


def check(ctx) -> Iterator[Finding]:
    plan = ctx.plan
    for path, text in strings(plan):
        marks = PLACEHOLDER.findall(text) if "«" in text else None
        if marks:
            shown = ", ".join(dict.fromkeys(marks))
            yield Finding(path, {"what": {
                "vi": f"Còn chỗ chưa điền {shown}: thay bằng nội dung của văn bản",
                "en": f"Still to be filled in: {shown}; replace with the document's words",
            }})
    if plan.unit.name is None:
        yield Finding(("unit",), {"what": {
            "vi": "Đơn vị của kế hoạch chưa có tên (unit.name): ghi tên chính thức của đơn vị",
            "en": "The plan's unit has no name (unit.name): write its official name",
        }}, key=True)
    if _empty_annual_plan(plan):
        yield Finding(("tasks",) if "tasks" in plan.model_fields_set else ("period",), {"what": {
            "vi": f"Kế hoạch năm {plan.period.start} chưa có nhiệm vụ nào và chưa có kinh phí",
            "en": f"The {plan.period.start} plan has no task and no funding",
        }}, key=True)


def _empty_annual_plan(plan: Any) -> bool:
    if plan.document.kind.value != "KH" or plan.period.start != plan.period.end or plan.tasks:
        return False
    funding = plan.funding
    return funding is None or (not funding.lines and not (funding.total and funding.total.value))


def strings(obj: Any, path: YamlPath = ()) -> Iterator[tuple[YamlPath, str]]:
    """Every text value of a plan model with its YAML path (enumerations are not text)."""
    from pydantic import BaseModel

    if isinstance(obj, str):
        if not isinstance(obj, enum.Enum):
            yield path, obj
    elif isinstance(obj, BaseModel):
        for name, value in obj.__dict__.items():  # the fields, without pydantic's attribute lookups
            if value is not None:
                yield from strings(value, path + (name,))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from strings(value, path + (getattr(key, "value", key),))
    elif isinstance(obj, (list, tuple)):
        for index, value in enumerate(obj):
            yield from strings(value, path + (index,))
