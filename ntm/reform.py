"""What changes when a plan crosses the 2025 reform: the new commune, without the district.

`move_to_successor` rewrites a carried commune plan for the commune its unit
became on 1 July 2025 (`ntm.successor`): the unit loses its district, region
and 2021-2025 attributes; district bodies leave the recipients, legal bases,
references, duties and monitoring, and bodies renamed in 2025 (Phòng Nông
nghiệp và PTNT) the recipients; the document is issued by the new commune's
UBND (a UBND names no parent body), placed and titled for it, numbered
`/KH-UBND`, with UBND tỉnh and Sở Nông nghiệp và Môi trường among its
recipients and its signature block to fill in. Each change is an info
diagnostic (N016, N017, N022).
"""

from __future__ import annotations

import re
from typing import Any

from ntm.carry import Notes, like, mapping, seq, without

# A district body ("UBND huyện Chiêm Hóa"); recipients also lose the bodies renamed in 2025
# ("Phòng Nông nghiệp và PTNT", a district office; the ministry is now Nông nghiệp và Môi trường).
DISTRICT = re.compile(r"\bhuyện\b", re.IGNORECASE)
GONE_RECIPIENT = re.compile(r"\bhuyện\b|\bPTNT\b|phát triển nông thôn", re.IGNORECASE)


def move_to_successor(data: Any, previous, successor, notes: Notes) -> None:
    unit = data["unit"]
    dropped = [f"unit.{key}: {unit[key]}" for key in ("district", "region") if key in unit]
    for key in ("district", "region", "special_difficulty", "note"):
        unit.pop(key, None)
    unit["name"] = successor.name
    unit["province"] = successor.province
    if "commune_group" not in unit:
        notes.add("N017")
    dropped += _district_free(data)
    for what in dropped:
        notes.add("N016", what=what)
    _new_document(data["document"], previous, successor, notes)
    for key in ("duties", "monitoring"):
        for item in data.get(key) or []:
            for name in ("text", "body", "by", "to"):
                if isinstance(item.get(name), str):
                    item[name] = like(item[name], _renamed(str(item[name]), previous, successor))


def _district_free(data: Any) -> list[str]:
    """Drop what names a district body: recipients, legal bases, references, duties, monitoring."""
    dropped = []
    document = data["document"]
    for key in ("recipients", "electronic_recipients"):
        dropped += _drop_matching(document, key, lambda item: GONE_RECIPIENT.search(str(item)))
    for key in ("legal_bases", "references"):
        dropped += _drop_matching(document, key, lambda b: DISTRICT.search(f"{b.get('issuer', '')} {b.get('text', '')}"))
    for key in ("duties", "monitoring"):
        dropped += _drop_matching(data, key, lambda d: DISTRICT.search(" ".join(str(v) for v in d.values())))
    return dropped


def _drop_matching(owner: Any, key: str, matches) -> list[str]:
    items = owner.get(key) or []
    gone = [i for i, item in enumerate(items) if matches(item)]
    shown = [f"{key}: {_shown(items[i])}" for i in gone]
    without(items, gone)
    return shown


def _shown(item: Any) -> str:
    return str(item.get("text") or item.get("body")) if hasattr(item, "get") else str(item)


def _new_document(document: Any, previous, successor, notes: Notes) -> None:
    """Issued by the new commune's UBND (no parent body: a UBND carries none), signed by its chairman."""
    issuer = f"Ủy ban nhân dân xã {successor.name}"
    if document.get("issuer") != issuer:
        notes.add("N022", what={"vi": f"cơ quan ban hành: {document.get('issuer')} → {issuer}",
                                "en": f"issuer: {document.get('issuer')} → {issuer}"})
    document["issuer"] = issuer
    document.pop("parent_body", None)
    document["place"] = successor.name
    kind = str(document.get("kind", "KH"))
    document["number"] = f"/{kind}-UBND"
    for key in ("title", "subtitle"):
        if isinstance(document.get(key), str):
            document[key] = like(document[key], _renamed(str(document[key]), previous, successor))
    document["archive"] = "VT"
    document["signature"] = mapping({"authority": [{"form": "TM", "of": "ỦY BAN NHÂN DÂN"}],
                                  "title": "CHỦ TỊCH", "name": "«Họ và tên»"})
    recipients = document.get("recipients")
    if recipients is None:
        recipients = document["recipients"] = seq([])
    for index, name in enumerate((f"UBND tỉnh {successor.province}",
                                  f"Sở Nông nghiệp và Môi trường tỉnh {successor.province}")):
        if name not in [str(r) for r in recipients]:
            recipients.insert(index, name)
            notes.add("N022", what={"vi": f"thêm nơi nhận: {name}", "en": f"added a recipient: {name}"})


def _renamed(text: str, previous, successor) -> str:
    """"xã Hùng Mỹ, huyện Chiêm Hóa, tỉnh Tuyên Quang" → "xã Tân Mỹ, tỉnh Tuyên Quang"."""
    unit = previous.unit
    if unit.district:
        text = re.sub(rf",?\s*huyện\s+{re.escape(unit.district)}\b", "", text, flags=re.IGNORECASE)
    for name in successor.former:
        text = re.sub(rf"\b(xã)\s+{re.escape(name)}\b", rf"\1 {successor.name}", text, flags=re.IGNORECASE)
    if unit.province and unit.province != successor.province:
        text = re.sub(rf"\b(tỉnh)\s+{re.escape(unit.province)}\b", rf"\1 {successor.province}", text, flags=re.IGNORECASE)
    return text
