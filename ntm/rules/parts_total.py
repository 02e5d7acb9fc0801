"""R104: a task's parts add up to its quantity; a named subset does not exceed it.

"Bê tông hóa 1,08 km, trong đó 0,31 km … 0,77 km" (parts) must add up;
"14 hộ, trong đó 06 hộ nghèo" (of_which) must not exceed 14.
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R104",
    name="parts-total",
    severity=Severity.ERROR,
    title={"vi": "Khối lượng nhiệm vụ bằng tổng các phần", "en": "A task's quantity equals the sum of its parts"},
    message={
        "vi": "Nhiệm vụ ghi khối lượng {stated} {unit} nhưng {relation} {computed}",
        "en": "The task states {stated} {unit} but {relation} {computed}",
    },
    when_missing={"vi": "Không ghi khối lượng hoặc không chia phần: bỏ qua.", "en": "No quantity or no parts: skipped."},
    passing="tasks:\n  - {criterion: '2', what: Bê tông hóa đường nội đồng, quantity: 1.08, unit: km,\n     parts: [{quantity: 0.31}, {quantity: 0.77}]}\n",
    failing="tasks:\n  - {criterion: '2', what: Bê tông hóa đường nội đồng, quantity: 1.08, unit: km,\n     parts: [{quantity: 0.31}, {quantity: 0.67}]}\n",
)


def check(ctx):

    for i, task in enumerate(ctx.plan.tasks):
        if task.quantity is None:
            continue
        unit = task.unit or ""
        if task.parts and task.parts_total() != task.quantity:
            relation = {"vi": "các phần cộng lại", "en": "its parts add up to"}
            yield Finding(("tasks", i, "quantity"), _params(task.quantity, task.parts_total(), unit, relation))
        for j, subset in enumerate(task.of_which):
            if subset.quantity > task.quantity:
                relation = {"vi": "phần 'trong đó' là", "en": "its subset is"}
                yield Finding(("tasks", i, "of_which", j, "quantity"), _params(task.quantity, subset.quantity, unit, relation))


def _params(stated, computed, unit, relation) -> dict:
    from ntm.vnformat import format_number

    return {"stated": format_number(stated), "computed": format_number(computed), "unit": unit, "relation": relation}
