"""Shared building blocks of the plan model: the strict base class, code and
number types, qualifiers of approximate figures, and the `Figure` that holds a
measured or targeted value (a count of a total, a percentage, an amount or a
yes/no) exactly as a document states it."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ntm.model.schema_rules import given, merge, some_given, when_given
from ntm.model.vocab import STANDARD_ORDER, Qualifier, Standard  # noqa: F401 - re-exported

FIRST_YEAR, LAST_YEAR = 1945, 2100
QUALIFIER_WORDS = "Cách hiểu con số như văn bản ghi (\"khoảng\", \"trên\", \"ít nhất\"…); không ghi: đúng bằng."


class Strict(BaseModel):
    """Base of every plan model: unknown fields are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)


def _code_text(value: Any) -> Any:
    """Criterion and indicator codes are text: `17.10` written unquoted stays "17.10"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)):
        return str(value)
    return value


Code = Annotated[str, BeforeValidator(_code_text), Field(pattern=r"^[0-9]+(\.[0-9]+)*$")]
Text = Annotated[str, Field(min_length=1)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
NonNegative = Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=28)]
Count = Annotated[int, Field(ge=0, le=10**12)]


class Figure(Strict):
    """A value as a document states it.

    Exactly one shape is used: `count` of `of` (1.276 of 1.413 hộ, with the
    printed `percent` kept when stated), a `percent` alone, a `value` with its
    `unit` (49 triệu đồng/người/năm), or a yes/no `flag`. `qualifier` keeps
    "trên", "ít nhất", "khoảng"; `value_max` a range such as 25-26%.
    """

    model_config = ConfigDict(json_schema_extra=lambda schema, cls: _figure_schema(schema))

    label: str | None = Field(default=None, description="Tên số liệu như văn bản ghi.")
    count: NonNegative | None = Field(
        default=None, description="Số đếm (tử số), không có dấu chấm hàng nghìn: \"1.276/1.413 hộ\" ghi là 1276.")
    of: NonNegative | None = Field(
        default=None, description="Tổng số (mẫu số), lớn hơn 0, ví dụ 1413; chỉ ghi khi có số đếm (count).")
    percent: NonNegative | None = Field(
        default=None, description="Tỷ lệ phần trăm như văn bản ghi, viết bằng dấu chấm thập phân: 90,3% ghi là 90.3.")
    value: Annotated[Decimal, Field(allow_inf_nan=False, max_digits=28)] | None = Field(
        default=None, description="Giá trị số khi không phải số đếm hay tỷ lệ, ví dụ 49 (triệu đồng/người/năm).")
    value_max: Annotated[Decimal, Field(allow_inf_nan=False, max_digits=28)] | None = Field(
        default=None, description="Cận trên khi văn bản ghi một khoảng, ví dụ 26 trong \"25-26%\".")
    unit: str | None = Field(default=None, description="Đơn vị tính của giá trị, ví dụ triệu đồng/người/năm.")
    flag: bool | None = Field(
        default=None, description="Có hay không (true/false), cho chỉ tiêu chỉ đánh giá đạt hay không đạt.")
    qualifier: Qualifier = Field(default=Qualifier.EXACT, description=QUALIFIER_WORDS)
    note: str | None = Field(default=None, description="Ghi chú về số liệu.")

    @model_validator(mode="after")
    def _one_shape(self) -> "Figure":
        if self.of is not None and self.count is None:
            raise ValueError("figure_of_without_count")
        if self.of == 0:
            raise ValueError("figure_zero_total")
        if self.count is None and self.percent is None and self.value is None and self.flag is None:
            raise ValueError("figure_empty")
        return self

    def computed_percent(self) -> Decimal | None:
        """count/of × 100, exact to 10 places; None when not a ratio."""
        if self.count is None or not self.of:
            return None
        return (self.count * 100 / self.of).quantize(Decimal("1e-10"))

    def comparable(self) -> Decimal | None:
        """The number a threshold compares with: a percentage, or the value."""
        if self.percent is not None:
            return self.percent
        computed = self.computed_percent()
        if computed is not None:
            return computed
        return self.value


def _figure_schema(schema: dict) -> None:
    """`_one_shape` in JSON Schema: a count for every total, no zero total, and some value."""
    merge(schema,
          when_given("of", given("count")),
          {"properties": {"of": {"exclusiveMinimum": 0}}},
          some_given("count", "percent", "value", "flag"))
