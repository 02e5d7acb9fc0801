"""What a rule is: its metadata, the context it checks, and what it yields.

A rule module defines `RULE = Rule(...)` (code, severity, one-line title in
Vietnamese and English, the message template, what it does when a value it
needs is missing, and a passing and a failing example) and a function
`check(ctx)` for one plan, or `check_tree(ctxs)` for rules across files.
Rules yield `Finding`s (a YAML path and message parameters); the runner turns
them into positioned diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ntm.diagnostics import Diagnostic, Severity, YamlPath
from ntm.yamlio import Positions


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    title: dict[str, str]
    message: dict[str, str]
    when_missing: dict[str, str]
    passing: str
    failing: str
    scope: str = "plan"


@dataclass(frozen=True)
class Finding:
    path: YamlPath
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    key: bool = False


@dataclass
class PlanContext:
    """One validated plan with what rules need to point at lines."""

    file: str
    plan: Any
    positions: Positions

    def diagnostic(self, rule: Rule, finding: Finding) -> Diagnostic:
        where = self.positions.of(finding.path, prefer_key=finding.key)
        line, column = where if where else (None, None)
        return Diagnostic(
            code=rule.code,
            severity=finding.severity or rule.severity,
            file=self.file,
            line=line,
            column=column,
            path=tuple(finding.path),
            params=finding.params,
        )


@dataclass(frozen=True)
class PlanSummary:
    """What cross-file rules need of a plan: small and picklable, so files can be checked in parallel."""

    file: str
    slug: str
    unit_key: tuple
    unit_name: str | None
    period: str
    slug_at: tuple[int, int] | None
    unit_at: tuple[int, int] | None

    @classmethod
    def of(cls, ctx: "PlanContext") -> "PlanSummary":
        from ntm.text import name_key

        plan = ctx.plan
        unit = plan.unit
        key = (unit.level.value, name_key(unit.name or ""), name_key(unit.district or ""), name_key(unit.province or ""),
               plan.document.kind.value, plan.period.start, plan.period.end)
        return cls(ctx.file, plan.slug, key, unit.name, plan.period.label(),
                   ctx.positions.of(("slug",)), ctx.positions.of(("unit", "name")))

    def diagnostic(self, rule: Rule, path: YamlPath, at: tuple[int, int] | None, params: dict) -> Diagnostic:
        line, column = at if at else (None, None)
        return Diagnostic(rule.code, rule.severity, self.file, line, column, tuple(path), params)


def line_span(positions: Positions, paths) -> str:
    """"581–605": the lines a sum is made of, so a reader can find the part that is wrong."""
    lines = sorted(p[0] for p in (positions.of(tuple(path)) for path in paths) if p)
    if not lines:
        return "?"
    return str(lines[0]) if lines[0] == lines[-1] else f"{lines[0]}–{lines[-1]}"


def tolerance_for(stated) -> Any:
    """Half a unit of the last printed digit: 90.3 -> 0.05, 12.17 -> 0.005, 50 -> 0.5."""
    from decimal import Decimal

    exponent = stated.as_tuple().exponent if hasattr(stated, "as_tuple") else 0
    return Decimal(5) * Decimal(10) ** (exponent - 1)
