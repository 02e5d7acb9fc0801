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

from pydantic import ConfigDict, Field, model_validator

from ntm.model.assessment import Assessment
from ntm.model.common import FIRST_YEAR, LAST_YEAR, Code, Strict, Text, Year
from ntm.model.document import Document
from ntm.model.funding import Funding
from ntm.model.phasing import Goal, Milestone, Target
from ntm.model.schema_rules import merge, not_before
from ntm.model.sponsorship import Sponsorship
from ntm.model.tasks import Task
from ntm.model.unit import Recognition, Unit

SCHEMA_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Period(Strict):
    model_config = ConfigDict(
        json_schema_extra=lambda schema, cls: merge(schema, not_before("start", "end", FIRST_YEAR, LAST_YEAR)))

    start: Year = Field(description="Năm bắt đầu của giai đoạn.")
    end: Year = Field(
        description="Năm kết thúc của giai đoạn, không trước năm bắt đầu (kế hoạch một năm: bằng năm bắt đầu).")

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

    title: str | None = Field(default=None, description="Tiêu đề của phần, không ghi số thứ tự (ntm tự đánh số).")
    body: str | None = Field(default=None, description="Nội dung của phần, viết theo Markdown.")
    parts: list["Section"] = Field(default_factory=list, description="Các phần con, lồng nhau như đề mục của văn bản.")


class Duty(Strict):
    body: Text = Field(description="Cơ quan, đơn vị được giao nhiệm vụ.")
    text: Text = Field(description="Nội dung nhiệm vụ được giao, như văn bản ghi.")
    criteria: list[Code] = Field(
        default_factory=list, description="Mã các tiêu chí mà cơ quan phụ trách, viết trong ngoặc kép, ví dụ \"17\".")
    deadline: dt.date | None = Field(
        default=None, description="Thời hạn hoàn thành (YYYY-MM-DD), khi văn bản ghi ngày.")
    deadline_text: str | None = Field(
        default=None, description="Thời hạn như văn bản ghi khi không phải một ngày, ví dụ trong quý IV năm 2024.")


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
    text: Text = Field(description="Chế độ kiểm tra, báo cáo như văn bản ghi.")
    frequency: list[Frequency] = Field(default_factory=list, description="Các kỳ báo cáo, ví dụ [quarterly, yearly].")
    day_of_month: int | None = Field(
        default=None, ge=1, le=31, description="Ngày trong tháng phải gửi báo cáo (1-31), ví dụ 22.")
    by: str | None = Field(default=None, description="Cơ quan, đơn vị báo cáo.")
    to: str | None = Field(default=None, description="Nơi nhận báo cáo.")
    due: dt.date | None = Field(default=None, description="Hạn gửi báo cáo (YYYY-MM-DD).")


class Plan(Strict):
    schema_version: Literal[1] = Field(description="Phiên bản định dạng tệp kế hoạch; hiện là 1.")
    slug: str = Field(
        pattern=SLUG_PATTERN, max_length=80,
        description="Mã ngắn của kế hoạch, trùng tên tệp: chữ thường không dấu, chữ số, dấu gạch nối, ví dụ hung-my.")
    unit: Unit = Field(description="Đơn vị hành chính mà kế hoạch nói về.")
    criteria_set: str | None = Field(
        default=None, description="Mã bộ tiêu chí áp dụng, ví dụ xa-ntm-2021-2025 (xem: ntm criteria --list).")
    overlay: str | None = Field(
        default=None, description="Mã bộ chỉ tiêu riêng của tỉnh bổ sung bộ tiêu chí, ví dụ tuyen-quang-479-2022.")
    period: Period = Field(description="Giai đoạn của kế hoạch: năm bắt đầu và năm kết thúc.")
    baseline_as_of: dt.date | None = Field(
        default=None, description="Ngày chốt số liệu hiện trạng (YYYY-MM-DD), thường là ngày cuối năm trước.")
    document: Document = Field(description="Thông tin văn bản theo Nghị định 30/2020/NĐ-CP.")
    recognitions: list[Recognition] = Field(default_factory=list, description="Các lần được công nhận đạt chuẩn.")
    assessments: list[Assessment] = Field(
        default_factory=list, description="Hiện trạng các tiêu chí của từng đơn vị tại một thời điểm.")
    tasks: list[Task] = Field(
        default_factory=list, description="Các nhiệm vụ, công việc, mỗi việc phục vụ một tiêu chí.")
    funding: Funding | None = Field(
        default=None, description="Nguồn vốn thực hiện: tổng như văn bản ghi và các dòng vốn.")
    phasing: list[Milestone] = Field(
        default_factory=list, description="Lộ trình đạt chuẩn: năm nào, đơn vị nào, chuẩn nào.")
    targets: list[Target] = Field(
        default_factory=list,
        description="Các chỉ tiêu đếm theo số đơn vị, ví dụ 06 xã đạt chuẩn nông thôn mới nâng cao.")
    goals: list[Goal] = Field(
        default_factory=list, description="Các mục tiêu định lượng khác: thu nhập, tỷ lệ bao phủ, sản phẩm OCOP…")
    sponsorship: Sponsorship | None = Field(default=None, description="Việc đỡ đầu, phụ trách xã của một cơ quan.")
    duties: list[Duty] = Field(default_factory=list, description="Phân công nhiệm vụ cho từng cơ quan, đơn vị.")
    monitoring: list[Monitoring] = Field(default_factory=list, description="Chế độ kiểm tra, báo cáo.")
    sections: dict[SectionKey, str | list[Section]] = Field(
        default_factory=dict,
        description="Các phần văn bản tự do theo Markdown, theo khóa (preamble, purpose, tasks…): "
                    "một đoạn văn hoặc danh sách các phần có tiêu đề.")
    notes: list[Text] = Field(default_factory=list, description="Ghi chú của người nhập liệu, mỗi ghi chú một dòng.")

    def year(self) -> int:
        return self.period.start if self.period.start == self.period.end else self.period.end
