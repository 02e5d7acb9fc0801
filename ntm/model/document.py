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

    form: AuthorityForm
    of: Text


class Signature(Strict):
    authority: list[Authority] = Field(default_factory=list)
    title: str | None = None
    position: str | None = None
    name: str | None = None


class LegalBasis(Strict):
    """One "Căn cứ …" line; `text` is the line as the document writes it."""

    text: Text
    kind: str | None = None
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    verb: str = "Căn cứ"


class Document(Strict):
    kind: DocumentKind
    number: str | None = Field(default=None, pattern=r"^[0-9]*/[0-9A-Za-zĐđ&.\-]+$")
    issuer: str | None = None
    parent_body: str | None = None
    place: str | None = None
    date: dt.date | None = None
    title: Text
    subtitle: str | None = None
    legal_bases: list[LegalBasis] = Field(default_factory=list)
    references: list[LegalBasis] = Field(default_factory=list)
    recipients: list[Text] = Field(default_factory=list)
    electronic_recipients: list[Text] = Field(default_factory=list)
    archive: str | None = None
    signature: Signature | None = None
    published: dt.date | None = None
    source_note: str | None = None
