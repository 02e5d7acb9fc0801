"""`Plan`: one plan file, the root of the model.

A plan has a `schema_version`, a `slug` (its file's name and its handle on the
command line), the unit it concerns, the criteria set (and province overlay)
it is written under, its period, the administrative document, the state of
criteria (assessments), tasks, funding, phasing and targets, sponsorship,
duties per body, monitoring, and the free-text sections as Markdown.
"""

from __future__ import annotations

import enum
import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from ntm.model.assessment import Assessment
from ntm.model.common import Code, Strict, Text, Year
from ntm.model.document import Document
from ntm.model.funding import Funding
from ntm.model.phasing import Goal, Milestone, Target
from ntm.model.sponsorship import Sponsorship
from ntm.model.tasks import Task
from ntm.model.unit import Recognition, Unit

SCHEMA_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Period(Strict):
    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end < self.start:
            raise ValueError("period_reversed")
        return self

    def contains(self, year: int) -> bool:
        return self.start <= year <= self.end

    def label(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"


class SectionKey(str, enum.Enum):
    PREAMBLE = "preamble"
    PURPOSE = "purpose"
    REQUIREMENTS = "requirements"
    RESULTS = "results"
    OBJECTIVES = "objectives"
    TASKS = "tasks"
    SOLUTIONS = "solutions"
    ORGANISATION = "organisation"
    REPORTING = "reporting"
    CLOSING = "closing"


class Section(Strict):
    """A titled part of free text; the renderer numbers it, never the author."""

    title: str | None = None
    body: str | None = None
    parts: list["Section"] = Field(default_factory=list)


class Duty(Strict):
    body: Text
    text: Text
    criteria: list[Code] = Field(default_factory=list)
    deadline: dt.date | None = None
    deadline_text: str | None = None


class Frequency(str, enum.Enum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    NINE_MONTHLY = "nine_monthly"
    YEARLY = "yearly"
    AD_HOC = "ad_hoc"
    ONCE = "once"


class Monitoring(Strict):
    text: Text
    frequency: list[Frequency] = Field(default_factory=list)
    day_of_month: int | None = Field(default=None, ge=1, le=31)
    by: str | None = None
    to: str | None = None
    due: dt.date | None = None


class Plan(Strict):
    schema_version: Literal[1]
    slug: str = Field(pattern=SLUG_PATTERN, max_length=80)
    unit: Unit
    criteria_set: str | None = None
    overlay: str | None = None
    period: Period
    baseline_as_of: dt.date | None = None
    document: Document
    recognitions: list[Recognition] = Field(default_factory=list)
    assessments: list[Assessment] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    funding: Funding | None = None
    phasing: list[Milestone] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    sponsorship: Sponsorship | None = None
    duties: list[Duty] = Field(default_factory=list)
    monitoring: list[Monitoring] = Field(default_factory=list)
    sections: dict[SectionKey, str | list[Section]] = Field(default_factory=dict)
    notes: list[Text] = Field(default_factory=list)

    def year(self) -> int:
        return self.period.start if self.period.start == self.period.end else self.period.end
