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

from pydantic import BeforeValidator, Field

from ntm.model.common import QUALIFIER_WORDS, NonNegative, Qualifier, Strict, Year

UNIT_FACTORS = {
    "triệu đồng": Decimal(1),
    "tr.đồng": Decimal(1),
    "tr.đ": Decimal(1),
    "tỷ đồng": Decimal(1000),
    "nghìn đồng": Decimal("0.001"),
    "đồng": Decimal("0.000001"),
}
DEFAULT_UNIT = "triệu đồng"
UNIT_PATTERN = "^(triệu đồng|tr\\.đồng|tr\\.đ|tỷ đồng|nghìn đồng|đồng)$"


def _number_as_amount(value: Any) -> Any:
    """A bare number is an exact amount in the block's unit."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return {"value": value}
    return value


class Amount(Strict):
    value: Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=28)] = Field(
        description="Số tiền, viết bằng dấu chấm thập phân, không có dấu chấm hàng nghìn: 8.321,7 ghi là 8321.7.")
    unit: str | None = Field(
        default=None, pattern=UNIT_PATTERN,
        description="Đơn vị tiền: triệu đồng, tr.đồng, tr.đ, tỷ đồng, nghìn đồng, đồng; "
                    "không ghi: đơn vị của khối nguồn vốn (mặc định triệu đồng).")
    qualifier: Qualifier = Field(default=Qualifier.EXACT, description=QUALIFIER_WORDS)

    def in_trieu_dong(self, default_unit: str = DEFAULT_UNIT) -> Decimal:
        return self.value * UNIT_FACTORS[self.unit or default_unit]


# In the JSON Schema an amount is what a plan may write: a bare YAML number (read as an
# exact Decimal, bound as an amount's value is; a quoted string is refused) or the full
# form with unit and qualifier.
Money = Annotated[Amount, BeforeValidator(_number_as_amount, json_schema_input_type=NonNegative | Amount)]
AMOUNT_WORDS = "một số (theo đơn vị của khối nguồn vốn, mặc định triệu đồng) hoặc {value, unit, qualifier}."


class FundingLine(Strict):
    source: str = Field(
        pattern=r"^[a-z0-9_]+$",
        description="Mã nguồn vốn trong danh mục nguồn vốn của ntm, ví dụ ngan_sach_tinh, ctmtqg_ntm.")
    label: str | None = Field(default=None, description="Tên nguồn vốn như văn bản ghi.")
    amount: Money = Field(description="Số tiền của nguồn: " + AMOUNT_WORDS)
    year: Year | None = Field(default=None, description="Năm của dòng vốn, khi văn bản chia vốn theo năm.")
    note: str | None = Field(default=None, description="Ghi chú về dòng vốn.")


class Funding(Strict):
    unit: str = Field(
        default=DEFAULT_UNIT, pattern=UNIT_PATTERN,
        description="Đơn vị tiền của cả khối: triệu đồng (mặc định), tr.đồng, tr.đ, tỷ đồng, nghìn đồng, đồng.")
    total: Money | None = Field(default=None, description="Tổng kinh phí như văn bản ghi: " + AMOUNT_WORDS)
    lines: list[FundingLine] = Field(default_factory=list, description="Các dòng vốn theo nguồn.")
    note: str | None = Field(default=None, description="Ghi chú về nguồn vốn.")

    def lines_total(self) -> Decimal:
        """Sum of the lines in triệu đồng, exact."""
        return sum((line.amount.in_trieu_dong(self.unit) for line in self.lines), Decimal(0))

    def stated_total(self) -> Decimal | None:
        return self.total.in_trieu_dong(self.unit) if self.total else None
