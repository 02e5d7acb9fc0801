"""The rule registry: every semantic check of a plan, one module each.

`RULES` lists the rule modules in the order `ntm rules` prints them;
`run_plan_rules` and `run_tree_rules` apply them and return diagnostics.
A rule that fails unexpectedly is reported as a diagnostic (X001) naming
the rule, never as a traceback.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType

from ntm.diagnostics import Diagnostic, Severity
from ntm.messages import register
from ntm.rules.base import Finding, PlanContext, PlanSummary, Rule

RULE_MODULES = [
    "funding_total",
    "funding_source",
    "yearly_total",
    "parts_total",
    "phasing_count",
    "funding_period",
    "percentage",
    "declared_count",
    "criteria_set",
    "criteria_status",
    "task_criterion",
    "phasing_order",
    "year_in_period",
    "dates",
    "slug_filename",
    "unit_register",
    "duplicate_slug",
    "duplicate_unit",
    "placeholders",
]

register(
    "X001",
    "Quy tắc {rule} gặp lỗi nội bộ khi kiểm tra tệp này ({error}); hãy báo lỗi cho nhóm phát triển",
    "Rule {rule} failed internally on this file ({error}); please report it",
)


@lru_cache(maxsize=1)
def rule_modules() -> tuple[ModuleType, ...]:
    modules = tuple(importlib.import_module(f"ntm.rules.{name}") for name in RULE_MODULES)
    for module in modules:
        register(module.RULE.code, module.RULE.message["vi"], module.RULE.message["en"])
    return modules


def all_rules() -> list[Rule]:
    return [m.RULE for m in rule_modules()]


def run_plan_rules(ctx: PlanContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for module in rule_modules():
        if module.RULE.scope == "plan":
            found.extend(_guarded(module, ctx.file, lambda: [ctx.diagnostic(module.RULE, f) for f in module.check(ctx)]))
    return found


def run_tree_rules(summaries: list[PlanSummary]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for module in rule_modules():
        if module.RULE.scope == "tree":
            found.extend(_guarded(module, "", lambda: list(module.check_tree(summaries))))
    return found


def _guarded(module: ModuleType, file: str, run) -> list[Diagnostic]:
    try:
        return run()
    except Exception as exc:  # a rule bug must not hide the other findings
        params = {"rule": module.RULE.code, "error": type(exc).__name__}
        return [Diagnostic("X001", Severity.ERROR, file, params=params)]


__all__ = ["Finding", "PlanContext", "PlanSummary", "Rule", "all_rules", "run_plan_rules", "run_tree_rules"]
