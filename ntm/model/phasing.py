"""Phasing and targets: which unit reaches which standard in which year.

`Milestone` groups the units a plan phases into one standard in one year
("Năm 2023: Liên Sơn, Lam Cốt"). `Target` is a counted goal ("43 thôn NTM
kiểu mẫu", "06 xã nâng cao", "29/52 thôn = 50%") with an optional split by
year that must add up, and a stated percentage that must match its counts.
"""

from __future__ import annotations

from pydantic import Field

from ntm.model.common import QUALIFIER_WORDS, Count, NonNegative, Qualifier, Standard, Strict, Text, Year
from ntm.model.unit import UnitRef


class Milestone(Strict):
    standard: Standard = Field(description="Chuẩn mà các đơn vị đạt trong năm đó.")
    year: Year = Field(description="Năm đạt chuẩn.")
    units: list[Text | UnitRef] = Field(
        min_length=1, description="Các đơn vị đạt chuẩn trong năm (ít nhất một): tên, hoặc {name, level, district…}.")
    note: str | None = Field(default=None, description="Ghi chú về bước của lộ trình.")

    def unit_names(self) -> list[str]:
        return [u if isinstance(u, str) else u.name for u in self.units]


class Target(Strict):
    standard: Standard | None = Field(default=None, description="Chuẩn mà các đơn vị được đếm phấn đấu đạt.")
    what: str | None = Field(
        default=None, description="Các đơn vị được đếm như văn bản ghi, ví dụ xã đạt chuẩn xã nông thôn mới nâng cao.")
    year: Year | None = Field(default=None, description="Năm phải đạt chỉ tiêu.")
    count: Count | None = Field(default=None, description="Số đơn vị phấn đấu, ví dụ 6 trong \"06 xã\".")
    of: Count | None = Field(default=None, description="Tổng số đơn vị (mẫu số), ví dụ 52 trong \"29/52 thôn\".")
    percent: NonNegative | None = Field(default=None, description="Tỷ lệ phần trăm như văn bản ghi.")
    qualifier: Qualifier = Field(default=Qualifier.EXACT, description=QUALIFIER_WORDS)
    by_year: dict[Year, Count] = Field(
        default_factory=dict, description="Số đơn vị chia theo năm (năm: số), cộng lại bằng số đơn vị (count).")
    increment: bool = Field(
        default=False, description="true khi con số là số tăng thêm trong năm, không phải số lũy kế.")
    scope: str | None = Field(default=None, description="Phạm vi của chỉ tiêu như văn bản ghi.")
    note: str | None = Field(default=None, description="Ghi chú về chỉ tiêu.")


class Goal(Strict):
    """A quantified goal that is not a count of units (income, coverage, OCOP products…)."""

    text: Text = Field(description="Mục tiêu như văn bản ghi.")
    criterion: str | None = Field(default=None, description="Mã tiêu chí liên quan, ví dụ \"10\".")
    value: NonNegative | None = Field(
        default=None, description="Giá trị mục tiêu, viết bằng dấu chấm thập phân, ví dụ 49 hoặc 1.5.")
    value_max: NonNegative | None = Field(default=None, description="Cận trên khi văn bản ghi một khoảng.")
    unit: str | None = Field(default=None, description="Đơn vị tính, ví dụ triệu đồng/người/năm.")
    qualifier: Qualifier = Field(default=Qualifier.EXACT, description=QUALIFIER_WORDS)
    year: Year | None = Field(default=None, description="Năm phải đạt mục tiêu.")
    scope: str | None = Field(default=None, description="Phạm vi của mục tiêu như văn bản ghi.")
    note: str | None = Field(default=None, description="Ghi chú về mục tiêu.")
