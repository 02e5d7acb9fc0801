"""R303: every task names the criterion (or indicator) it serves, consistently.

A task with neither is doubtful (warning): a plan's work should serve a
criterion. An indicator that does not belong to the named criterion
("criterion: '2', indicator: '17.8'") is an error.
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R303",
    name="task-criterion",
    severity=Severity.WARNING,
    title={"vi": "Mỗi nhiệm vụ phục vụ một tiêu chí", "en": "Every task serves a criterion"},
    message={"vi": "{what}", "en": "{what}"},
    when_missing={"vi": "Thiếu cả tiêu chí và chỉ tiêu: cảnh báo.", "en": "Neither criterion nor indicator: warning."},
    passing="tasks:\n  - {criterion: '5', what: Xây dựng nhà ăn bán trú}\n",
    failing="tasks:\n  - {what: Xây dựng 01 cổng chào tại trung tâm xã}\n",
)


def check(ctx):
    for i, task in enumerate(ctx.plan.tasks):
        if task.criterion is None and task.indicator is None:
            yield Finding(("tasks", i, "what"), {"what": {
                "vi": f"Nhiệm vụ '{task.what}' không gắn với tiêu chí nào",
                "en": f"Task '{task.what}' serves no criterion",
            }})
        elif task.criterion and task.indicator and task.indicator.split(".")[0] != task.criterion:
            yield Finding(("tasks", i, "indicator"), {"what": {
                "vi": f"Chỉ tiêu {task.indicator} không thuộc tiêu chí {task.criterion}",
                "en": f"Indicator {task.indicator} does not belong to criterion {task.criterion}",
            }}, severity=Severity.ERROR)
