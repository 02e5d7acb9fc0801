"""Where the plan's own unit stands, as the document needs it: from the status engine's results.

`ntm.render.core` computes the statuses once (`ntm.criteria.plan_status`, the same
engine `ntm status` runs) and hands them to the view; nothing here counts
criteria again. `own_status` picks the plan's own unit's latest status (an
assessment of a sponsored commune is not the plan's), and `verdicts` gives each
criterion's effective status, which decides whether a criterion's tasks
maintain it (đạt) or work towards it (chưa đạt), and whether the document speaks
of consolidating every criterion (all met, Hùng Mỹ 19/19) or of carrying them
out (Tân Mỹ 4/10).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence


def own_status(plan: Any, statuses: Sequence[Any]) -> Any | None:
    """The latest status of the plan's own unit (assessments without `unit`), or None."""
    own = [s for s in statuses if plan.assessments[s.assessment_index].unit is None]
    if not own:
        return None
    return max(own, key=lambda s: (_when(plan.assessments[s.assessment_index]), s.assessment_index))


def _when(assessment: Any) -> dt.date:
    if assessment.as_of:
        return assessment.as_of
    return dt.date(assessment.year, 12, 31) if assessment.year else dt.date.min


def verdicts(status: Any | None) -> dict[str, str]:
    """Criterion code -> effective status value (`met`, `not_met`, `unknown`) of a unit status."""
    if status is None:
        return {}
    return {c.code: c.effective.value for c in status.criteria}


def all_met(status: Any | None) -> bool:
    return status is not None and status.total > 0 and status.met == status.total
