"""R106: a funding source is used only in the time it exists.

The vocabulary (ntm/data/funding_sources.yaml) gives a source the time it
exists in (`exists: {from, until}`): ngân sách huyện ends on 30 June 2025 with
the districts, the three 2021-2025 programmes end with 2025 and the merged
programme of NQ 257/2025/QH15 begins in 2026. A plan cannot spend a source
that has ended by the time it is signed or its period begins, or one that
begins after its period ends; each funding line, task source and task part
naming such a source is a finding. It is an error when the money cannot
exist (a district budget after the reform) and a warning when an ended
programme's money may still be disbursed (`ended: warning`). A funding line
with its own year is judged by that year.
"""

from __future__ import annotations

import datetime as dt

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R106",
    name="funding-period",
    severity=Severity.ERROR,
    title={"vi": "Nguồn vốn còn tồn tại trong thời gian của kế hoạch", "en": "Funding sources exist in the plan's time"},
    message={"vi": "{what}", "en": "{what}"},
    when_missing={
        "vi": "Nguồn vốn không ghi thời gian tồn tại trong danh mục: bỏ qua; kế hoạch không ghi ngày: tính từ ngày 01/01 năm đầu giai đoạn.",
        "en": "A source without a time in the vocabulary: skipped; an undated plan: counted from 1 January of its first year.",
    },
    passing="funding:\n  lines:\n    - {source: ngan_sach_huyen, amount: 1650.4}\n",
    failing="period: {start: 2026, end: 2026}\ndocument: {kind: KH, title: Kế hoạch ví dụ, date: 2026-01-20}\n"
            "funding:\n  lines:\n    - {source: ngan_sach_huyen, amount: 1650.4}\n",
)


def check(ctx):
    from ntm.funding_sources import lifetimes

    plan = ctx.plan
    known = lifetimes()
    for path, source, year in _uses(plan):
        life = known.get(source)
        if life is not None:
            yield from _judge(path, source, life, *_span(plan, year))


def _uses(plan):
    """(path, source key, line year or None) for every place the plan names a source."""
    for i, line in enumerate(plan.funding.lines if plan.funding else []):
        yield ("funding", "lines", i, "source"), line.source, line.year
    for i, task in enumerate(plan.tasks):
        for j, source in enumerate(task.sources):
            yield ("tasks", i, "sources", j), source, None
        for kind in ("parts", "of_which"):
            for j, part in enumerate(getattr(task, kind)):
                if part.source:
                    yield ("tasks", i, kind, j, "source"), part.source, None


def _span(plan, year: int | None) -> tuple[dt.date, dt.date]:
    """When the money is decided (the later of signing and the first day spent) and the last day it is spent."""
    first, last = (year, year) if year is not None else (plan.period.start, plan.period.end)
    begins = dt.date(first, 1, 1)
    signed = plan.document.date
    return (max(begins, signed) if signed else begins), dt.date(last, 12, 31)


def _judge(path, source: str, life: dict, decided: dt.date, last: dt.date):
    from ntm.vnformat import format_short_date

    label = life["label"]
    why = life["why"] or {"vi": "", "en": ""}
    if life["until"] is not None and decided > life["until"]:
        until = life["until"]
        yield Finding(path, _what(
            f"Nguồn vốn '{source}' ({label}) chỉ có đến ngày {format_short_date(until)}{_because(why, 'vi')}; "
            f"kế hoạch tính từ ngày {format_short_date(decided)} không dùng được nguồn này",
            f"Funding source '{source}' ({label}) exists until {until}{_because(why, 'en')}; "
            f"a plan counted from {decided} cannot use it"), severity=life["ended"])
    elif life["from"] is not None and last < life["from"]:
        begins = life["from"]
        yield Finding(path, _what(
            f"Nguồn vốn '{source}' ({label}) chỉ có từ ngày {format_short_date(begins)}{_because(why, 'vi')}, "
            f"sau khi kế hoạch kết thúc ({format_short_date(last)})",
            f"Funding source '{source}' ({label}) exists from {begins}{_because(why, 'en')}, "
            f"after the plan ends ({last})"))


def _because(why: dict, lang: str) -> str:
    return f" ({why[lang]})" if why.get(lang) else ""


def _what(vi: str, en: str) -> dict:
    return {"what": {"vi": vi, "en": en}}
