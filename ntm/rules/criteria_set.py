"""R302: criteria sets, criterion and indicator codes exist in the catalog.

The plan's `criteria_set`, each assessment's set and the overlay must be known
(shipped with ntm or in the plans repository's `catalogs/`); every criterion
code and indicator code an assessment or a task names must belong to its set
(codes mean something only within a set: 17.8 is food safety in 2016-2020 and
latrines in 2021-2025); a declared total ("…/19") must equal the set's number
of criteria. Where a catalog's indicator list is marked partial, an unlisted
indicator code cannot be checked: information, not an error.
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R302",
    name="criteria-set",
    severity=Severity.ERROR,
    title={"vi": "Bộ tiêu chí, mã tiêu chí và mã chỉ tiêu có trong danh mục", "en": "Criteria sets and codes exist in the catalog"},
    message={"vi": "{what}", "en": "{what}"},
    when_missing={
        "vi": "Kế hoạch không nêu bộ tiêu chí: chỉ kiểm tra các đánh giá có nêu; danh mục chỉ tiêu chưa đầy đủ: thông tin.",
        "en": "No criteria set named: only assessments that name one are checked; partial indicator list: info.",
    },
    passing="assessments:\n  - criteria_set: xa-ntm-2021-2025\n    declared: {met: 19, total: 19}\n    criteria: {'17': met}\n",
    failing="assessments:\n  - criteria_set: xa-ntm-2021-2025\n    declared: {met: 19, total: 20}\n    criteria: {'20': met}\n",
)


def _what(vi: str, en: str) -> dict:
    return {"what": {"vi": vi, "en": en}}


def check(ctx):
    from ntm.catalog import available_catalogs
    from ntm.criteria import load_with_problem, resolver

    plan = ctx.plan
    for path, set_id in _named_sets(plan):
        catalog, problem = load_with_problem(set_id, ctx.file)
        if problem:
            yield Finding(path, _what(f"Bộ tiêu chí '{set_id}' không đọc được: {problem}", f"Criteria set '{set_id}' cannot be loaded: {problem}"))
        elif catalog is None:
            known = ", ".join(available_catalogs())
            yield Finding(path, _what(f"Không có bộ tiêu chí '{set_id}' (có: {known})", f"No criteria set '{set_id}' (available: {known})"))
    catalog_for = resolver(plan, ctx.file)
    for a, assessment in enumerate(plan.assessments):
        catalog = catalog_for(assessment.criteria_set)
        if catalog is not None:
            yield from _check_assessment(a, assessment, catalog)
    task_catalog = catalog_for(plan.criteria_set) if plan.criteria_set else None
    if task_catalog is not None:
        yield from _check_tasks(plan, task_catalog)


def _named_sets(plan):
    if plan.criteria_set:
        yield ("criteria_set",), plan.criteria_set
    if plan.overlay:
        yield ("overlay",), plan.overlay
    for a, assessment in enumerate(plan.assessments):
        yield ("assessments", a, "criteria_set"), assessment.criteria_set


def _check_assessment(a: int, assessment, catalog):
    criteria = {c.code for c in catalog.criteria}
    total = assessment.declared.total
    if total is not None and criteria and total != len(criteria):
        yield Finding(("assessments", a, "declared", "total"), _what(
            f"Khai báo tổng {total} tiêu chí nhưng {catalog.id} có {len(criteria)} tiêu chí",
            f"Declares {total} criteria in all but {catalog.id} has {len(criteria)}"))
    for code in assessment.criteria:
        if criteria and code not in criteria:
            yield Finding(("assessments", a, "criteria", code), _what(
                f"Tiêu chí {code} không có trong {catalog.id}", f"Criterion {code} is not in {catalog.id}"), key=True)
    for code, entry in assessment.indicators.items():
        if entry.measures or entry.targets:
            yield from _indicator(("assessments", a, "indicators", code), code, catalog, checked_by_r701=True)
        else:
            yield from _indicator(("assessments", a, "indicators", code), code, catalog)


def _check_tasks(plan, catalog):
    criteria = {c.code for c in catalog.criteria}
    for i, task in enumerate(plan.tasks):
        if task.criterion and criteria and task.criterion not in criteria:
            yield Finding(("tasks", i, "criterion"), _what(
                f"Tiêu chí {task.criterion} không có trong {catalog.id}", f"Criterion {task.criterion} is not in {catalog.id}"))
        if task.indicator:
            yield from _indicator(("tasks", i, "indicator"), task.indicator, catalog)


def _indicator(path, code: str, catalog, checked_by_r701: bool = False):
    """An unknown code is an error; an unlisted code of a known criterion in an incomplete list is
    information (left to R701 when the plan gives values for it, which says why they cannot be verified)."""
    known = {i.code for i in catalog.indicators()}
    if code in known:
        return
    if catalog.listing.indicators != "complete" and catalog.criterion_of(code) is not None:
        if not checked_by_r701:
            yield Finding(path, _what(
                f"Chỉ tiêu {code} chưa có trong danh mục {catalog.id} (danh mục chưa đầy đủ): không kiểm tra được",
                f"Indicator {code} is not listed in {catalog.id} (the list is partial): cannot check"), severity=Severity.INFO)
        return
    yield Finding(path, _what(f"Chỉ tiêu {code} không có trong {catalog.id}", f"Indicator {code} is not in {catalog.id}"))
