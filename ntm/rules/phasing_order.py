"""R401: phasing respects the order of standards for each unit.

A commune reaches NTM kiểu mẫu only after NTM nâng cao, and nâng cao only
after NTM (a thôn kiểu mẫu after thôn NTM; a huyện nâng cao after huyện NTM).
The earlier step must be phased no later than the later one, or declared as
an earlier achievement in `recognitions` (for the plan's own unit, or for the
units it names, or `units: all`). Otherwise: a warning, because the plan may
simply not mention an achievement that exists.
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.messages import standard_label
from ntm.model.vocab import STANDARD_ORDER, Standard
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R401",
    name="phasing-order",
    severity=Severity.WARNING,
    title={"vi": "Lộ trình đạt chuẩn theo đúng thứ tự", "en": "Phasing follows the order of standards"},
    message={
        "vi": "{unit} được đưa vào lộ trình đạt chuẩn {standard} năm {year} nhưng chưa đạt chuẩn {previous} trước đó (trong lộ trình hoặc đã được công nhận)",
        "en": "{unit} is phased to {standard} in {year} but has no {previous} before it (phased or recognised)",
    },
    when_missing={
        "vi": "Không có bước trước trong lộ trình và không khai báo công nhận: cảnh báo.",
        "en": "No earlier step phased and no recognition declared: warning.",
    },
    passing="phasing:\n  - {standard: xa_nang_cao, year: 2024, units: [Phúc Hòa]}\n  - {standard: xa_kieu_mau, year: 2024, units: [Phúc Hòa]}\nrecognitions:\n  - {standard: xa_ntm, year: 2019, units: all}\n",
    failing="phasing:\n  - {standard: xa_kieu_mau, year: 2024, units: [Việt Lập]}\nrecognitions:\n  - {standard: xa_ntm, year: 2019, units: all}\n",
)


def previous_standard(standard: Standard) -> Standard | None:
    family, rank = STANDARD_ORDER[standard]
    for other, (other_family, other_rank) in STANDARD_ORDER.items():
        if other_family == family and other_rank == rank - 1:
            return other
    return None


def check(ctx):
    plan = ctx.plan
    reached = _reached(plan)
    for m, milestone in enumerate(plan.phasing):
        previous = previous_standard(milestone.standard)
        if previous is None:
            continue
        for u, name in enumerate(milestone.unit_names()):
            year = reached.get((name, previous)) or reached.get(("*", previous))
            if year is None or year > milestone.year:
                yield Finding(
                    ("phasing", m, "units", u),
                    {"unit": name, "standard": standard_label(milestone.standard), "year": milestone.year,
                     "previous": standard_label(previous)},
                )


def _reached(plan) -> dict[tuple[str, Standard], int]:
    """Earliest year each (unit name, standard) is reached: recognitions count from their year (or before the period)."""
    reached: dict[tuple[str, Standard], int] = {}

    def note(name: str, standard: Standard, year: int) -> None:
        reached[(name, standard)] = min(year, reached.get((name, standard), year))

    for rec in plan.recognitions:
        year = rec.year if rec.year is not None else plan.period.start - 1
        names = ["*"] if rec.units == "all" else (rec.units or [plan.unit.name or "?"])
        for name in names:
            note(name, rec.standard, year)
    for milestone in plan.phasing:
        for name in milestone.unit_names():
            note(name, milestone.standard, milestone.year)
    return reached
