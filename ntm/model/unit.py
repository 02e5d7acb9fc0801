"""Administrative units as plans name them, and their recognitions.

A `Unit` is written as the document writes it (name, level, the parents it
names) plus what the thresholds need: the socio-economic region (7 regions of
2021-2025) or the commune group (3 groups of 2026-2030). Both the three-level
shape (tỉnh / huyện / xã) of plans before 1 July 2025 and the two-level shape
after it (a commune directly under its province) are valid. A `Recognition`
records that a unit was recognised at a standard, when and by which decision,
which is not the same as meeting every criterion today.
"""

from __future__ import annotations

import enum
from typing import Literal
import datetime as dt

from pydantic import ConfigDict, Field, model_validator

from ntm.model.common import Standard, Strict, Text, Year
from ntm.model.schema_rules import given, merge

DISTRICT_WORDS = "Huyện của đơn vị (trước ngày 01/7/2025, khi còn cấp huyện)."
PROVINCE_WORDS = "Tỉnh của đơn vị."
REGION_WORDS = "Vùng kinh tế - xã hội theo QĐ 318/QĐ-TTg (7 vùng, giai đoạn 2021-2025)."


class Level(str, enum.Enum):
    TINH = "tinh"
    HUYEN = "huyen"
    XA = "xa"
    THON = "thon"


class Region(str, enum.Enum):
    """The seven socio-economic regions of QĐ 318/QĐ-TTg (2021-2025)."""

    TDMNPB = "TDMNPB"
    DBSH = "DBSH"
    BTB = "BTB"
    DHNTB = "DHNTB"
    TN = "TN"
    DNB = "DNB"
    DBSCL = "DBSCL"


class CommuneGroup(str, enum.Enum):
    """The three commune groups of QĐ 51/2025/QĐ-TTg (2026-2030)."""

    NHOM_1 = "nhom-1"
    NHOM_2 = "nhom-2"
    NHOM_3 = "nhom-3"


class UnitRef(Strict):
    """Another unit named in a plan: a commune in a district's phasing, a sponsored commune."""

    name: Text = Field(description="Tên đơn vị, viết đủ dấu, ví dụ Hùng Mỹ.")
    level: Level = Field(default=Level.XA, description="Cấp đơn vị; không ghi: xã.")
    district: str | None = Field(default=None, description=DISTRICT_WORDS)
    province: str | None = Field(default=None, description=PROVINCE_WORDS)
    region: Region | None = Field(default=None, description=REGION_WORDS)
    note: str | None = Field(default=None, description="Ghi chú về đơn vị.")


class Unit(Strict):
    """The unit a plan is about (or issued by)."""

    model_config = ConfigDict(json_schema_extra=lambda schema, cls: _unit_schema(schema))

    level: Level = Field(description="Cấp đơn vị.")
    name: Text | None = Field(
        default=None,
        description="Tên đơn vị, viết đủ dấu, ví dụ Hùng Mỹ; chỉ bỏ trống khi văn bản không nêu, kèm ghi chú (note).")
    district: str | None = Field(default=None, description=DISTRICT_WORDS + " Đơn vị cấp tỉnh không ghi huyện.")
    province: str | None = Field(default=None, description=PROVINCE_WORDS)
    region: Region | None = Field(default=None, description=REGION_WORDS)
    commune_group: CommuneGroup | None = Field(
        default=None, description="Nhóm xã theo QĐ 51/2025/QĐ-TTg (giai đoạn 2026-2030).")
    special_difficulty: bool = Field(
        default=False, description="Xã thuộc diện đặc biệt khó khăn (true/false), như văn bản ghi.")
    note: str | None = Field(default=None, description="Ghi chú về đơn vị; bắt buộc khi không ghi tên (name).")

    @model_validator(mode="after")
    def _shape(self) -> "Unit":
        if self.name is None and not self.note:
            raise ValueError("unit_name_missing")
        if self.level is Level.TINH and self.district:
            raise ValueError("unit_province_with_district")
        return self

    def ref(self) -> UnitRef:
        return UnitRef(name=self.name or "?", level=self.level, district=self.district, province=self.province)


class Recognition(Strict):
    """Recognised (công nhận) at `standard` in `year`, by `decision` when known.

    Without `units` it is the plan's own unit; `units` names other units (a
    district's communes), or `all` of them ("100% số xã đạt chuẩn NTM"). A
    recognition with no `year` happened before the plan's period.
    """

    standard: Standard = Field(description="Chuẩn được công nhận.")
    year: Year | None = Field(
        default=None, description="Năm được công nhận; không ghi: được công nhận trước giai đoạn của kế hoạch.")
    units: list[Text] | Literal["all"] | None = Field(
        default=None, description="Tên các đơn vị được công nhận; all: tất cả các đơn vị trực thuộc; "
                                  "không ghi: chính đơn vị của kế hoạch.")
    decision: str | None = Field(default=None, description="Số, ký hiệu quyết định công nhận, ví dụ 1234/QĐ-UBND.")
    decision_date: dt.date | None = Field(default=None, description="Ngày của quyết định công nhận (YYYY-MM-DD).")
    note: str | None = Field(default=None, description="Ghi chú về lần công nhận.")


def _unit_schema(schema: dict) -> None:
    """`Unit._shape` in JSON Schema: a name or a note, and no district under a province."""
    note = {"required": ["note"], "properties": {"note": {"type": "string", "minLength": 1}}}
    merge(schema,
          {"anyOf": [given("name"), note]},
          {"if": {"required": ["level"], "properties": {"level": {"const": Level.TINH.value}}},
           "then": {"properties": {"district": {"maxLength": 0}}}})
