"""The administrative document around a plan (Nghị định 30/2020/NĐ-CP).

Kind (KH, CT, BC…), số ký hiệu, issuing body and its parent, place and date,
title (trích yếu), the legal bases it cites (căn cứ), recipients (nơi nhận)
and the signature block with its TM./KT./Q./TL./TUQ. lines.
"""

from __future__ import annotations

import enum
import datetime as dt

from pydantic import Field

from ntm.model.common import Strict, Text


class DocumentKind(str, enum.Enum):
    """Type abbreviations of Phụ lục III, Nghị định 30/2020 (those plans use)."""

    KH = "KH"
    CT = "CT"
    CTR = "CTr"
    BC = "BC"
    QD = "QĐ"
    NQ = "NQ"
    TB = "TB"
    HD = "HD"
    DA = "ĐA"
    NEWS = "tin"


class AuthorityForm(str, enum.Enum):
    TM = "TM"
    KT = "KT"
    Q = "Q"
    TL = "TL"
    TUQ = "TUQ"


class Authority(Strict):
    """One authority line of a signature: `TM. BAN CHỈ ĐẠO XÃ`, `KT. TRƯỞNG BAN`."""

    form: AuthorityForm = Field(description="Hình thức ký ghi trước thẩm quyền, ví dụ TM (thay mặt).")
    of: Text = Field(description="Tập thể hoặc chức danh sau hình thức ký, như văn bản in, ví dụ BAN CHỈ ĐẠO XÃ.")


class Signature(Strict):
    authority: list[Authority] = Field(
        default_factory=list,
        description="Các dòng thẩm quyền ký từ trên xuống, ví dụ TM. BAN CHỈ ĐẠO XÃ rồi KT. TRƯỞNG BAN.")
    title: str | None = Field(default=None, description="Chức vụ của người ký in trong khối chữ ký, ví dụ PHÓ BAN.")
    position: str | None = Field(default=None, description="Chức vụ khác của người ký, ví dụ Chủ tịch UBND xã.")
    name: str | None = Field(default=None, description="Họ và tên người ký, viết đủ dấu.")


class LegalBasis(Strict):
    """One "Căn cứ …" line; `text` is the line as the document writes it."""

    text: Text = Field(description="Dòng viện dẫn nguyên văn như văn bản ghi.")
    kind: str | None = Field(default=None, description="Loại văn bản được viện dẫn, ví dụ QĐ, NQ.")
    number: str | None = Field(default=None, description="Số, ký hiệu văn bản được viện dẫn, ví dụ 318/QĐ-TTg.")
    date: dt.date | None = Field(default=None, description="Ngày của văn bản được viện dẫn (YYYY-MM-DD).")
    issuer: str | None = Field(default=None, description="Cơ quan ban hành văn bản được viện dẫn.")
    verb: str = Field(default="Căn cứ", description="Từ mở đầu dòng: Căn cứ (mặc định), Thực hiện, Thực hiện theo…")


class Document(Strict):
    kind: DocumentKind = Field(description="Tên loại văn bản viết tắt, ví dụ KH (kế hoạch), CT (chỉ thị).")
    number: str | None = Field(
        default=None, pattern=r"^[0-9]*/[0-9A-Za-zĐđ&.\-]+$",
        description="Số, ký hiệu văn bản, ví dụ 05/KH-BCĐ; số có thể để trống: /KH-UBND.")
    issuer: str | None = Field(default=None, description="Tên cơ quan, tổ chức ban hành văn bản.")
    parent_body: str | None = Field(default=None, description="Tên cơ quan, tổ chức chủ quản trực tiếp (nếu có).")
    place: str | None = Field(default=None, description="Địa danh ghi trước ngày tháng, ví dụ Hùng Mỹ.")
    date: dt.date | None = Field(default=None, description="Ngày ban hành (YYYY-MM-DD), ví dụ 2024-02-22.")
    title: Text = Field(description="Trích yếu nội dung (tên gọi) của văn bản.")
    subtitle: str | None = Field(default=None, description="Dòng phụ dưới trích yếu, khi văn bản có.")
    legal_bases: list[LegalBasis] = Field(
        default_factory=list, description="Các căn cứ ban hành (các dòng \"Căn cứ…\" ở đầu văn bản).")
    references: list[LegalBasis] = Field(
        default_factory=list, description="Các văn bản khác được viện dẫn trong nội dung (không phải căn cứ ban hành).")
    recipients: list[Text] = Field(default_factory=list, description="Nơi nhận, mỗi nơi một dòng.")
    electronic_recipients: list[Text] = Field(
        default_factory=list, description="Nơi nhận bản điện tử, mỗi nơi một dòng.")
    archive: str | None = Field(default=None, description="Phần sau \"Lưu:\" ở cuối nơi nhận, ví dụ VT, BCĐ.")
    signature: Signature | None = Field(default=None, description="Khối chữ ký: thẩm quyền ký, chức vụ, họ tên.")
    published: dt.date | None = Field(
        default=None, description="Ngày đăng tải (YYYY-MM-DD), khi văn bản lấy từ một trang tin.")
    source_note: str | None = Field(default=None, description="Ghi chú về bản nguồn: phần thiếu, lỗi đã sửa.")
