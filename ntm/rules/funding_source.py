"""R102: every funding source key is in the vocabulary (ntm/data/funding_sources.yaml).

Also flags a plan that lists an aggregate line ("Ngân sách nhà nước") beside
the lines it aggregates, which would count the same money twice.
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R102",
    name="funding-source",
    severity=Severity.ERROR,
    title={"vi": "Mã nguồn vốn có trong danh mục nguồn vốn", "en": "Funding source keys are in the vocabulary"},
    message={
        "vi": "Nguồn vốn '{source}' không có trong danh mục; các mã gần giống: {suggestions}",
        "en": "Funding source '{source}' is not in the vocabulary; close keys: {suggestions}",
    },
    when_missing={"vi": "Không có nguồn vốn: bỏ qua.", "en": "No funding lines: skipped."},
    passing="funding:\n  lines:\n    - {source: ngan_sach_tinh, amount: 135}\n",
    failing="funding:\n  lines:\n    - {source: ngan_sach_tinhh, amount: 135}\n",
)


def check(ctx):
    from ntm.funding_sources import vocabulary

    known = vocabulary()["sources"]
    funding = ctx.plan.funding
    lines = funding.lines if funding else []
    for i, line in enumerate(lines):
        if line.source not in known:
            yield Finding(("funding", "lines", i, "source"), _params(line.source, known))
    for i, task in enumerate(ctx.plan.tasks):
        for j, source in enumerate(task.sources):
            if source not in known:
                yield Finding(("tasks", i, "sources", j), _params(source, known))


def _params(source: str, known: dict) -> dict:
    import difflib

    close = difflib.get_close_matches(source, list(known), n=3, cutoff=0.6)
    return {"source": source, "suggestions": ", ".join(close) or "—"}
