"""Phasing and targets: which unit reaches which standard in which year.

`Milestone` groups the units a plan phases into one standard in one year
("Năm 2023: Liên Sơn, Lam Cốt"). `Target` is a counted goal ("43 thôn NTM
kiểu mẫu", "06 xã nâng cao", "29/52 thôn = 50%") with an optional split by
year that must add up, and a stated percentage that must match its counts.
"""

from __future__ import annotations

from pydantic import Field

from ntm.model.common import Count, NonNegative, Qualifier, Standard, Strict, Text, Year
from ntm.model.unit import UnitRef


class Milestone(Strict):
    standard: Standard
    year: Year
    units: list[Text | UnitRef] = Field(min_length=1)
    note: str | None = None

    def unit_names(self) -> list[str]:
        return [u if isinstance(u, str) else u.name for u in self.units]


class Target(Strict):
    standard: Standard | None = None
    what: str | None = None
    year: Year | None = None
    count: Count | None = None
    of: Count | None = None
    percent: NonNegative | None = None
    qualifier: Qualifier = Qualifier.EXACT
    by_year: dict[Year, Count] = Field(default_factory=dict)
    increment: bool = False
    scope: str | None = None
    note: str | None = None


class Goal(Strict):
    """A quantified goal that is not a count of units (income, coverage, OCOP products…)."""

    text: Text
    criterion: str | None = None
    value: NonNegative | None = None
    value_max: NonNegative | None = None
    unit: str | None = None
    qualifier: Qualifier = Qualifier.EXACT
    year: Year | None = None
    scope: str | None = None
    note: str | None = None
