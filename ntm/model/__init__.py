"""The plan model: what a KẾ HOẠCH says, as Pydantic v2 models.

One module per part of a plan (unit, document, assessment, tasks, funding,
phasing, sponsorship); `Plan` in `ntm.model.plan` ties them together. The
models are strict (`extra="forbid"`), hold money as `Decimal`, and keep what
the document states (totals, percentages, counts) beside what can be computed,
so the rules in `ntm.rules` can compare the two.
"""

__all__ = ["Plan"]


def __getattr__(name: str):
    """`Plan` is imported on first use, so `ntm.model.vocab` stays cheap to import."""
    if name == "Plan":
        from ntm.model.plan import Plan

        return Plan
    raise AttributeError(name)
