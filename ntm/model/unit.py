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

from pydantic import model_validator

from ntm.model.common import Standard, Strict, Text, Year


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

    name: Text
    level: Level = Level.XA
    district: str | None = None
    province: str | None = None
    region: Region | None = None
    note: str | None = None


class Unit(Strict):
    """The unit a plan is about (or issued by)."""

    level: Level
    name: Text | None = None
    district: str | None = None
    province: str | None = None
    region: Region | None = None
    commune_group: CommuneGroup | None = None
    special_difficulty: bool = False
    note: str | None = None

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

    standard: Standard
    year: Year | None = None
    units: list[Text] | Literal["all"] | None = None
    decision: str | None = None
    decision_date: dt.date | None = None
    note: str | None = None
