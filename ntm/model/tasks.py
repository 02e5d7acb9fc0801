"""Tasks a plan sets for the year, each serving a criterion (or indicator).

A task keeps what, where, the quantity and its unit, funding sources, the
amount and who is responsible. `parts` split a quantity that must add up
("1,08 km, trong đó 0,31 km … 0,77 km"); `of_which` names a subset that must
not exceed it ("14 hộ, trong đó 06 hộ nghèo"). Quantities keep the digits the
document wrote (`06`), for print only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from ntm.model.common import Code, Quantity, Strict, Text
from ntm.model.funding import Money


class TaskPart(Strict):
    label: str | None = None
    where: str | None = None
    quantity: Quantity
    source: str | None = None


class Task(Strict):
    criterion: Code | None = None
    indicator: Code | None = None
    what: Text
    where: str | None = None
    quantity: Quantity | None = None
    unit: str | None = None
    parts: list[TaskPart] = Field(default_factory=list)
    of_which: list[TaskPart] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    amount: Money | None = None
    responsible: str | None = None
    deadline: str | None = None
    note: str | None = None

    def parts_total(self) -> Decimal:
        return sum((p.quantity for p in self.parts), Decimal(0))


TaskList = Annotated[list[Task], Field(default_factory=list)]
