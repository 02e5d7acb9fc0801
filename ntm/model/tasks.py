"""Tasks a plan sets for the year, each serving a criterion (or indicator).

A task keeps what, where, the quantity and its unit, funding sources, the
amount and who is responsible. `parts` split a quantity that must add up
("1,08 km, trong đó 0,31 km … 0,77 km"); `of_which` names a subset that must
not exceed it ("14 hộ, trong đó 06 hộ nghèo").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from ntm.model.common import Code, NonNegative, Strict, Text
from ntm.model.funding import Money


class TaskPart(Strict):
    label: str | None = Field(default=None, description="Tên phần, ví dụ tên tuyến đường hay tên thôn.")
    where: str | None = Field(default=None, description="Địa điểm của phần.")
    quantity: NonNegative = Field(description="Khối lượng của phần, cùng đơn vị tính với nhiệm vụ.")
    source: str | None = Field(default=None, description="Nguồn vốn của phần, như văn bản ghi.")


class Task(Strict):
    criterion: Code | None = Field(
        default=None, description="Mã tiêu chí mà nhiệm vụ phục vụ, viết trong ngoặc kép, ví dụ \"2\".")
    indicator: Code | None = Field(
        default=None, description="Mã chỉ tiêu mà nhiệm vụ phục vụ, viết trong ngoặc kép, ví dụ \"17.8\".")
    what: Text = Field(description="Nội dung công việc.")
    where: str | None = Field(default=None, description="Địa điểm thực hiện.")
    quantity: NonNegative | None = Field(
        default=None, description="Khối lượng, viết bằng dấu chấm thập phân: 1,08 km ghi là 1.08.")
    unit: str | None = Field(default=None, description="Đơn vị tính của khối lượng, ví dụ km, hộ.")
    parts: list[TaskPart] = Field(
        default_factory=list, description="Các phần cộng lại bằng khối lượng (\"1,08 km, trong đó 0,31 km… 0,77 km\").")
    of_which: list[TaskPart] = Field(
        default_factory=list, description="Phần \"trong đó\", không vượt khối lượng (\"14 hộ, trong đó 06 hộ nghèo\").")
    sources: list[str] = Field(
        default_factory=list, description="Mã các nguồn vốn thực hiện, ví dụ ngan_sach_xa, von_doanh_nghiep.")
    amount: Money | None = Field(
        default=None, description="Kinh phí: một số (triệu đồng) hoặc {value, unit, qualifier}.")
    responsible: str | None = Field(default=None, description="Cơ quan, đơn vị, người chịu trách nhiệm.")
    deadline: str | None = Field(
        default=None, description="Thời hạn như văn bản ghi, ví dụ 2024-12-31 hoặc quý II/2024.")
    note: str | None = Field(default=None, description="Ghi chú về nhiệm vụ.")

    def parts_total(self) -> Decimal:
        return sum((p.quantity for p in self.parts), Decimal(0))


TaskList = Annotated[list[Task], Field(default_factory=list)]
