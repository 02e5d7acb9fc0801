"""The status engine: which criteria a unit meets, and why (pure, no I/O).

From one assessment of a plan (its declared statuses and measured figures),
the unit's region or commune group, the year and the criteria catalog, it
computes a verdict per indicator figure (met, not met, cannot verify — with
the value, the threshold and its source, or the reason it cannot be checked),
per criterion (met when every indicator is verified met; not met when any is
verified not met), and per unit: the count "đạt N/19", the unmet criteria, the
highest standard whose conditions hold, and the standards the unit was
recognised at (which is not the same thing). Declarations are kept beside the
verdicts so rules and reports can show every disagreement.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ntm.model.assessment import Assessment, Status
from ntm.model.common import Figure, Standard


class Verdict(str, enum.Enum):
    MET = "met"
    NOT_MET = "not_met"
    CANNOT_VERIFY = "cannot_verify"
    NO_DATA = "no_data"


def say(vi: str, en: str) -> dict[str, str]:
    return {"vi": vi, "en": en}


@dataclass(frozen=True)
class FigureResult:
    """One measured or targeted figure compared with its threshold."""

    indicator: str
    kind: str  # "measures" or "targets"
    index: int
    label: str | None
    value: Decimal | bool | None
    verdict: Verdict
    threshold: str | None
    source: str | None
    confidence: str | None
    reason: dict[str, str]


@dataclass(frozen=True)
class CriterionResult:
    code: str
    name: str
    declared: Status | None
    computed: Verdict
    effective: Status
    figures: tuple[FigureResult, ...]
    reason: dict[str, str]
    listed: bool = True  # False when the catalog lists none of this criterion's indicators
    declared_reason: dict[str, str] | None = None  # what the document declares, without the verdict's reason

    @property
    def conflict(self) -> bool:
        return self.declared is Status.MET and self.computed is Verdict.NOT_MET


@dataclass(frozen=True)
class UnitStatus:
    """The status of one unit at one date under one criteria set."""

    assessment_index: int
    unit: str
    criteria_set: str
    catalog_title: str
    year: int | None
    criteria: tuple[CriterionResult, ...]
    total: int
    met: int
    unmet: tuple[str, ...]
    unknown: tuple[str, ...]
    standard: Standard | None
    standard_reason: dict[str, str]
    recognised: tuple[Standard, ...] = ()
    declared_met: int | None = None
    targets: tuple[FigureResult, ...] = field(default=())
    # Declared criteria the catalog cannot check because the set's indicator list is missing
    # (QĐ 51/2025 before a province supplies it), and why.
    unverifiable: tuple[str, ...] = ()
    unverifiable_reason: dict[str, str] | None = None

    @property
    def label(self) -> str:
        return f"{self.met}/{self.total}"


@dataclass(frozen=True)
class Context:
    """What thresholds depend on."""

    region: str | None
    group: str | None
    year: int | None


def evaluate_figure(catalog, code: str, figure: Figure, ctx: Context, kind: str, index: int) -> FigureResult:
    from ntm.catalog import threshold

    value = _value(figure)
    try:
        limit = threshold(catalog, code, region=ctx.region, group=ctx.group, year=ctx.year)
    except (KeyError, ValueError, LookupError):
        return FigureResult(code, kind, index, figure.label, value, Verdict.CANNOT_VERIFY, None, None, None,
                            say(f"chỉ tiêu {code} không có trong bộ tiêu chí {catalog.id}",
                                f"indicator {code} is not in the criteria set {catalog.id}"))
    base = dict(indicator=code, kind=kind, index=index, label=figure.label, value=value,
                threshold=limit.text(), source=limit.source.short() if limit.source else None,
                confidence=limit.confidence)
    if value is None:
        return FigureResult(**base, verdict=Verdict.NO_DATA, reason=say("không có số liệu", "no value"))
    if not limit.known:
        return FigureResult(**base, verdict=Verdict.CANNOT_VERIFY,
                            reason=say(f"không kiểm chứng được: {limit.reason}", f"cannot verify: {limit.reason_en}"))
    verdict = _compare(limit, value, figure)
    shown = f"{show_value(value)}{'%' if limit.unit == '%' else ''} {limit.text()}"
    if verdict is Verdict.MET:
        words = say(f"đạt: {shown} ({base['source']})", f"met: {shown} ({base['source']})")
    else:
        value_shown = f"{show_value(value)}{'%' if limit.unit == '%' else ''}"
        words = say(f"chưa đạt: {value_shown}, yêu cầu {limit.text()} ({base['source']})",
                    f"not met: {value_shown}, required {limit.text()} ({base['source']})")
    return FigureResult(**base, verdict=verdict, reason=words)


def _compare(limit, value, figure: Figure) -> Verdict:
    ok = limit.satisfied_by(value)
    if ok is None:
        return Verdict.CANNOT_VERIFY
    return Verdict.MET if ok else Verdict.NOT_MET


def _value(figure: Figure) -> Decimal | bool | None:
    if figure.flag is not None:
        return figure.flag
    return figure.comparable()


def show_value(value) -> str:
    from ntm.vnformat import format_number

    if isinstance(value, bool):
        return "có" if value else "không"
    return format_number(value.normalize() if value == value.to_integral() else round(value, 2).normalize())


def combine(verdicts: list[Verdict], complete: bool) -> Verdict:
    """Criterion verdict from its indicators' verdicts."""
    if Verdict.NOT_MET in verdicts:
        return Verdict.NOT_MET
    if verdicts and complete and all(v is Verdict.MET for v in verdicts):
        return Verdict.MET
    if any(v is not Verdict.NO_DATA for v in verdicts):
        return Verdict.CANNOT_VERIFY
    return Verdict.NO_DATA


def evaluate_assessment(index: int, assessment: Assessment, plan, catalog, ctx: Context) -> UnitStatus:
    implied = _implied_met(assessment, len(catalog.criteria))
    results = tuple(_criterion(c, assessment, catalog, ctx, implied) for c in catalog.criteria)
    met = sum(1 for r in results if r.effective is Status.MET)
    unmet = tuple(r.code for r in results if r.effective is Status.NOT_MET)
    unknown = tuple(r.code for r in results if r.effective is Status.UNKNOWN)
    standard, why = _standard(catalog, met, len(results))
    unverifiable, unverifiable_reason = _unverifiable(catalog, results)
    return UnitStatus(
        assessment_index=index,
        unit=assessment.unit.name if assessment.unit else (plan.unit.name or "?"),
        criteria_set=catalog.id,
        catalog_title=catalog.title,
        year=ctx.year,
        criteria=results,
        total=len(results),
        met=met,
        unmet=unmet,
        unknown=unknown,
        standard=standard,
        standard_reason=why,
        recognised=_recognised(assessment, plan),
        declared_met=assessment.declared.met,
        targets=_targets(assessment, catalog, ctx, plan),
        unverifiable=unverifiable,
        unverifiable_reason=unverifiable_reason,
    )


def _unverifiable(catalog, results) -> tuple[tuple[str, ...], dict[str, str] | None]:
    """Declared criteria without listed indicators, when the set's whole indicator list is missing."""
    from ntm.catalog import unlisted_reason

    if catalog.listing.indicators != "unknown":
        return (), None
    codes = tuple(r.code for r in results if not r.listed and r.declared in (Status.MET, Status.NOT_MET))
    return (codes, say(*unlisted_reason(catalog))) if codes else ((), None)


def _criterion(criterion, assessment: Assessment, catalog, ctx: Context, implied: bool) -> CriterionResult:
    listed = [i.code for i in criterion.indicators]
    codes = listed + [c for c in assessment.indicators if c not in listed and _belongs(c, criterion.code)]
    figures = tuple(_measures(assessment, codes, catalog, ctx))
    per_indicator = [_indicator_verdict([f for f in figures if f.indicator == code]) for code in codes]
    complete = bool(listed) and catalog.listing.indicators == "complete"
    computed = combine(per_indicator, complete)
    declared = _declared(criterion.code, assessment, implied)
    has_list = bool(listed) or catalog.listing.indicators == "complete"
    if not has_list and computed is Verdict.NO_DATA and declared is not None:
        computed = Verdict.CANNOT_VERIFY
    effective = _effective(declared, computed)
    reason = _criterion_reason(declared, computed, figures, None if has_list else catalog)
    return CriterionResult(criterion.code, criterion.name, declared, computed, effective, figures, reason, has_list,
                           say(*DECLARED_WORDS[declared]))


def _belongs(code: str, criterion: str) -> bool:
    return code == criterion or code.startswith(criterion + ".")


def _measures(assessment: Assessment, codes: list[str], catalog, ctx: Context):
    for code in codes:
        entry = assessment.indicators.get(code)
        for i, figure in enumerate(entry.measures if entry else []):
            yield evaluate_figure(catalog, code, figure, ctx, "measures", i)


def _indicator_verdict(figures: list[FigureResult]) -> Verdict:
    if not figures:
        return Verdict.NO_DATA
    return combine([f.verdict for f in figures], complete=True)


def _declared(code: str, assessment: Assessment, implied: bool) -> Status | None:
    entry = assessment.criteria.get(code)
    if entry is not None:
        return entry.status
    return Status.MET if implied else None


def _implied_met(assessment: Assessment, total: int) -> bool:
    """Unlisted criteria are met when the declared count leaves no other reading ("đạt 9/19; còn 10: …")."""
    d = assessment.declared
    if d.met is None:
        return False
    unmet_listed = len(assessment.unmet_codes())
    listed = len(assessment.criteria)
    return d.met + unmet_listed == total and listed - unmet_listed <= d.met


def _effective(declared: Status | None, computed: Verdict) -> Status:
    if computed is Verdict.NOT_MET:
        return Status.NOT_MET
    if declared is not None and declared is not Status.UNKNOWN:
        return declared
    if computed is Verdict.MET:
        return Status.MET
    return Status.UNKNOWN


DECLARED_WORDS = {Status.MET: ("văn bản khai báo đạt", "declared met"),
                  Status.NOT_MET: ("văn bản khai báo chưa đạt", "declared not met"),
                  Status.UNKNOWN: ("văn bản ghi chưa rõ", "declared unknown"), None: ("văn bản không khai báo", "not declared")}


def _criterion_reason(declared, computed: Verdict, figures, unlisted_in=None) -> dict[str, str]:
    """Why a criterion got its verdict; `unlisted_in` is the catalog when it lists none of its indicators."""
    said = DECLARED_WORDS[declared]
    if unlisted_in is not None and computed is Verdict.CANNOT_VERIFY:
        from ntm.catalog import unlisted_reason

        vi, en = unlisted_reason(unlisted_in)
        return say(f"{said[0]}; không kiểm chứng được: {vi}", f"{said[1]}; cannot verify: {en}")
    found = {
        Verdict.MET: ("mọi chỉ tiêu đều được kiểm chứng là đạt", "every indicator verified as met"),
        Verdict.NOT_MET: ("có chỉ tiêu được kiểm chứng là chưa đạt", "an indicator is verified as not met"),
        Verdict.CANNOT_VERIFY: ("không kiểm chứng được đầy đủ (thiếu số liệu đo hoặc ngưỡng chưa xác nhận)",
                                "cannot be fully verified (missing measurements or unconfirmed thresholds)"),
        Verdict.NO_DATA: ("không có số liệu đo để kiểm chứng", "no measured value to verify"),
    }[computed]
    return say(f"{said[0]}; {found[0]}", f"{said[1]}; {found[1]}")


def _standard(catalog, met: int, total: int) -> tuple[Standard | None, dict[str, str]]:
    if total and met == total:
        return Standard(catalog.tier), say(
            f"đạt {met}/{total} tiêu chí của {catalog.title}; chuẩn cao hơn không kiểm chứng được khi chưa có số liệu theo bộ tiêu chí tương ứng",
            f"{met}/{total} criteria of {catalog.title} met; higher standards cannot be verified without data under their sets")
    return None, say(f"mới đạt {met}/{total} tiêu chí của {catalog.title}", f"only {met}/{total} criteria of {catalog.title} met")


def _recognised(assessment: Assessment, plan) -> tuple[Standard, ...]:
    name = assessment.unit.name if assessment.unit else plan.unit.name
    found = []
    for rec in plan.recognitions:
        own = rec.units is None and assessment.unit is None
        named = rec.units == "all" or (isinstance(rec.units, list) and name in rec.units)
        if own or named:
            found.append(rec.standard)
    return tuple(found)


def _targets(assessment: Assessment, catalog, ctx: Context, plan) -> tuple[FigureResult, ...]:
    year_ctx = Context(ctx.region, ctx.group, plan.year())
    found = []
    for code, entry in assessment.indicators.items():
        for i, figure in enumerate(entry.targets):
            found.append(evaluate_figure(catalog, code, figure, year_ctx, "targets", i))
    return tuple(found)


def context_for(plan, assessment: Assessment) -> Context:
    year = assessment.year or (assessment.as_of.year if assessment.as_of else None) or plan.year()
    region = _enum_value(plan.unit.region)
    group = _enum_value(plan.unit.commune_group)
    if assessment.unit is not None and getattr(assessment.unit, "region", None):
        region = _enum_value(assessment.unit.region)
    return Context(region, group, year)


def _enum_value(value: Any) -> str | None:
    return None if value is None else getattr(value, "value", value)


def evaluate_plan(plan, catalog_for) -> list[UnitStatus]:
    """Every assessment of a plan. `catalog_for(set_id)` returns the catalog (with the plan's overlay applied)."""
    statuses = []
    for index, assessment in enumerate(plan.assessments):
        catalog = catalog_for(assessment.criteria_set)
        if catalog is None:
            continue
        statuses.append(evaluate_assessment(index, assessment, plan, catalog, context_for(plan, assessment)))
    return statuses
