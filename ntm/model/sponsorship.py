"""Sponsorship (đỡ đầu) and supervision (phụ trách) of communes by a body.

The sponsor's own plan names the units it sponsors or supervises; their
criteria status lives in the plan's assessments, keyed by the same unit.
"""

from __future__ import annotations

import enum

from pydantic import Field

from ntm.model.common import Strict, Text
from ntm.model.unit import UnitRef


class SponsorRole(str, enum.Enum):
    SPONSORED = "sponsored"
    SUPERVISED = "supervised"


class SponsoredUnit(Strict):
    unit: UnitRef = Field(description="Xã được đỡ đầu hoặc phụ trách.")
    role: SponsorRole = Field(description="Đỡ đầu hay phụ trách.")


class Sponsorship(Strict):
    sponsor: Text = Field(description="Cơ quan, tổ chức đỡ đầu, ví dụ Hội Cựu chiến binh tỉnh Quảng Trị.")
    basis: str | None = Field(default=None, description="Văn bản phân công đỡ đầu, phụ trách.")
    units: list[SponsoredUnit] = Field(min_length=1, description="Các xã được đỡ đầu, phụ trách (ít nhất một).")
    steering_committee: str | None = Field(
        default=None, description="Ban chỉ đạo, tổ công tác của cơ quan đỡ đầu, như văn bản ghi.")
