"""Criterion status of a unit at a date, as a plan declares and measures it.

An `Assessment` names the unit, the date, the criteria set it is counted
against, the declared count ("đạt 16/19"), the status of each criterion
(met / not met, with the name as the document writes it), and the measured
indicator values and targets as `Figure`s. The status engine compares these
with the catalog; the rules compare them with each other.
"""

from __future__ import annotations

import enum
import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from ntm.model.common import Code, Count, Figure, Strict, Year
from ntm.model.unit import UnitRef


class Status(str, enum.Enum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


def _status_shorthand(value: Any) -> Any:
    """`"2": not_met` is shorthand for `"2": {status: not_met}`."""
    return {"status": value} if isinstance(value, str) else value


class CriterionStatus(Strict):
    status: Status
    as_written: str | None = None
    note: str | None = None


class IndicatorStatus(Strict):
    """An indicator's figures; `as_written` its name as the document writes it (the lead-in of its
    tasks), `detail` the document's pointer to its detail tables ("(Chi tiết theo Biểu 05 kèm theo)")."""

    status: Status | None = None
    as_written: str | None = None
    measures: list[Figure] = Field(default_factory=list)
    targets: list[Figure] = Field(default_factory=list)
    detail: str | None = None
    note: str | None = None


class Declared(Strict):
    """The count a document states: `met` of `total`, and `unmet` when it says "còn N tiêu chí"."""

    met: Count | None = None
    unmet: Count | None = None
    total: Count | None = None


class Assessment(Strict):
    unit: UnitRef | None = None
    role: str | None = None
    as_of: dt.date | None = None
    year: Year | None = None
    criteria_set: str
    declared: Declared = Field(default_factory=Declared)
    criteria: dict[Code, Annotated[CriterionStatus, BeforeValidator(_status_shorthand)]] = Field(default_factory=dict)
    indicators: dict[Code, IndicatorStatus] = Field(default_factory=dict)
    note: str | None = None

    def met_codes(self) -> list[str]:
        return [c for c, s in self.criteria.items() if s.status is Status.MET]

    def unmet_codes(self) -> list[str]:
        return [c for c, s in self.criteria.items() if s.status is Status.NOT_MET]
