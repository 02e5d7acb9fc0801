"""Money in a plan: amounts with their unit and qualifier, and funding by source.

Amounts are `Decimal`, never float. Each amount keeps the unit it was written
in (triệu đồng, tỷ đồng…) and how it was meant ("trên 200 tỷ" is `over`,
"khoảng" is `about`); `in_trieu_dong()` normalises for arithmetic. A funding
block lists its lines by source key (see `ntm/data/funding_sources.yaml` for
the vocabulary and its grouping) with the document's stated total beside them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from ntm.model.common import Qualifier, Strict, Year

UNIT_FACTORS = {
    "triệu đồng": Decimal(1),
    "tr.đồng": Decimal(1),
    "tr.đ": Decimal(1),
    "tỷ đồng": Decimal(1000),
    "nghìn đồng": Decimal("0.001"),
    "đồng": Decimal("0.000001"),
}
DEFAULT_UNIT = "triệu đồng"


def _number_as_amount(value: Any) -> Any:
    """A bare number is an exact amount in the block's unit."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return {"value": value}
    return value


class Amount(Strict):
    value: Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=28)]
    unit: str | None = Field(default=None, pattern="^(triệu đồng|tr\\.đồng|tr\\.đ|tỷ đồng|nghìn đồng|đồng)$")
    qualifier: Qualifier = Qualifier.EXACT

    def in_trieu_dong(self, default_unit: str = DEFAULT_UNIT) -> Decimal:
        return self.value * UNIT_FACTORS[self.unit or default_unit]


# In the JSON Schema an amount is what a plan may write: a bare YAML number (read as an
# exact Decimal; a quoted string is refused) or the full form with unit and qualifier.
_BARE_NUMBER = Annotated[Decimal, WithJsonSchema({"type": "number", "minimum": 0})]
Money = Annotated[Amount, BeforeValidator(_number_as_amount, json_schema_input_type=_BARE_NUMBER | Amount)]


class FundingLine(Strict):
    source: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str | None = None
    amount: Money
    year: Year | None = None
    note: str | None = None


class Funding(Strict):
    unit: str = Field(default=DEFAULT_UNIT, pattern="^(triệu đồng|tr\\.đồng|tr\\.đ|tỷ đồng|nghìn đồng|đồng)$")
    total: Money | None = None
    lines: list[FundingLine] = Field(default_factory=list)
    note: str | None = None

    def lines_total(self) -> Decimal:
        """Sum of the lines in triệu đồng, exact."""
        return sum((line.amount.in_trieu_dong(self.unit) for line in self.lines), Decimal(0))

    def stated_total(self) -> Decimal | None:
        return self.total.in_trieu_dong(self.unit) if self.total else None
