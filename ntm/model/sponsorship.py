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
    unit: UnitRef
    role: SponsorRole


class Sponsorship(Strict):
    sponsor: Text
    basis: str | None = None
    units: list[SponsoredUnit] = Field(min_length=1)
    steering_committee: str | None = None
