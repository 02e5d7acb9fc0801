"""The plan model: what a KẾ HOẠCH says, as Pydantic v2 models.

One module per part of a plan (unit, document, assessment, tasks, funding,
phasing, sponsorship); `Plan` in `ntm.model.plan` ties them together. The
models are strict (`extra="forbid"`), hold money as `Decimal`, and keep what
the document states (totals, percentages, counts) beside what can be computed,
so the rules in `ntm.rules` can compare the two.
"""

from ntm.model.plan import Plan

__all__ = ["Plan"]
