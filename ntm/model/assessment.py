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
    status: Status = Field(description="Tình trạng tiêu chí: đạt, chưa đạt hay chưa rõ.")
    as_written: str | None = Field(default=None, description="Tên tiêu chí như văn bản ghi, ví dụ giao thông.")
    note: str | None = Field(default=None, description="Ghi chú về tiêu chí.")


class IndicatorStatus(Strict):
    status: Status | None = Field(default=None, description="Tình trạng chỉ tiêu: đạt, chưa đạt hay chưa rõ.")
    measures: list[Figure] = Field(default_factory=list, description="Số liệu hiện trạng của chỉ tiêu.")
    targets: list[Figure] = Field(default_factory=list, description="Mức phấn đấu của chỉ tiêu.")
    note: str | None = Field(default=None, description="Ghi chú về chỉ tiêu.")


class Declared(Strict):
    """The count a document states: `met` of `total`, and `unmet` when it says "còn N tiêu chí"."""

    met: Count | None = Field(
        default=None, description="Số tiêu chí đạt như văn bản ghi, ví dụ 16 trong \"đạt 16/19\".")
    unmet: Count | None = Field(
        default=None, description="Số tiêu chí chưa đạt như văn bản ghi, ví dụ 3 trong \"còn 3 tiêu chí chưa đạt\".")
    total: Count | None = Field(
        default=None, description="Tổng số tiêu chí như văn bản ghi, ví dụ 19 trong \"đạt 16/19\".")


class Assessment(Strict):
    unit: UnitRef | None = Field(default=None, description="Đơn vị được đánh giá; không ghi: đơn vị của kế hoạch.")
    role: str | None = Field(
        default=None, description="Quan hệ của đơn vị với cơ quan lập kế hoạch, ví dụ sponsored (được đỡ đầu).")
    as_of: dt.date | None = Field(default=None, description="Ngày chốt số liệu đánh giá (YYYY-MM-DD).")
    year: Year | None = Field(default=None, description="Năm của số liệu đánh giá, khi văn bản chỉ ghi năm.")
    criteria_set: str = Field(description="Mã bộ tiêu chí dùng để đánh giá, ví dụ xa-ntm-2021-2025.")
    declared: Declared = Field(
        default_factory=Declared, description="Số tiêu chí đạt, chưa đạt và tổng số như văn bản ghi.")
    criteria: dict[Code, Annotated[CriterionStatus, BeforeValidator(
        _status_shorthand, json_schema_input_type=Status | CriterionStatus)]] = Field(
        default_factory=dict,
        description="Tình trạng từng tiêu chí theo mã tiêu chí trong ngoặc kép: \"2\": met, "
                    "hoặc \"2\": {status: not_met, as_written: giao thông}.")
    indicators: dict[Code, IndicatorStatus] = Field(
        default_factory=dict, description="Tình trạng và số liệu từng chỉ tiêu theo mã chỉ tiêu, ví dụ \"17.8\".")
    note: str | None = Field(default=None, description="Ghi chú về lần đánh giá.")

    def met_codes(self) -> list[str]:
        return [c for c, s in self.criteria.items() if s.status is Status.MET]

    def unmet_codes(self) -> list[str]:
        return [c for c, s in self.criteria.items() if s.status is Status.NOT_MET]
