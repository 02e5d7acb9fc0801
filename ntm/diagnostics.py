"""Diagnostics: every problem ntm finds, as a typed, sortable object.

A `Diagnostic` carries a stable rule code, a severity, the message parameters,
and where the problem is (file, line, column, YAML path). Its text is produced
late, from the code and the parameters, in Vietnamese or English, by
`ntm.messages`; nothing in the core formats a message string itself. This
module also owns the exit-code contract shared by every command.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

YamlPath = tuple[str | int, ...]


class Severity(str, enum.Enum):
    """What a finding means: error = the plan is wrong, warning = doubtful, info = cannot be checked."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class ExitCode(enum.IntEnum):
    """The written exit-code contract (README, "Exit codes")."""

    CLEAN = 0
    FINDINGS = 1
    USAGE_OR_IO = 2


@dataclass(frozen=True)
class Diagnostic:
    """One finding. `params` fill the message template of `code`."""

    code: str
    severity: Severity
    file: str
    line: int | None = None
    column: int | None = None
    path: YamlPath = ()
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def message(self, lang: str = "vi") -> str:
        from ntm.messages import render_message

        return render_message(self.code, self.params, lang)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.severity.rank, self.code)

    def yaml_path(self) -> str:
        return format_path(self.path)

    def location(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.yaml_path(),
        }


def format_path(path: YamlPath) -> str:
    """`('funding', 'sources', 3, 'amount')` -> `funding.sources[3].amount`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def sort_diagnostics(items: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(items, key=Diagnostic.sort_key)


def exit_code_for(items: list[Diagnostic], strict: bool = False) -> ExitCode:
    """0 clean (warnings allowed unless strict), 1 findings; info never fails a run."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    if any(d.severity in failing for d in items):
        return ExitCode.FINDINGS
    return ExitCode.CLEAN


def worst_exit_code(codes: list[int]) -> ExitCode:
    """One exit code for a command that did several things: usage/I-O beats findings beats clean."""
    return ExitCode(max(codes, default=ExitCode.CLEAN))
