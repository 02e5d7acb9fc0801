"""How unit statuses and catalogs are shown: text tables and JSON.

`status_json` is the stable machine shape of `ntm status --format json`;
`status_text` and `criteria_text` are the terminal views (rich tables when
the output is a terminal, plain aligned text otherwise). Nothing here
computes a verdict: it prints what `ntm.status` and `ntm.catalog` returned.
"""

from __future__ import annotations

import json
from decimal import Decimal

from ntm.messages import standard_label

VERDICT_WORDS = {
    "vi": {"met": "đạt", "not_met": "không đạt", "cannot_verify": "không kiểm chứng được", "no_data": "không có số liệu",
           "unknown": "chưa rõ", None: "—"},
    "en": {"met": "met", "not_met": "not met", "cannot_verify": "cannot verify", "no_data": "no data",
           "unknown": "unknown", None: "—"},
}


def _word(value, lang: str) -> str:
    return VERDICT_WORDS[lang][getattr(value, "value", value)]


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    return getattr(value, "value", value)


def status_dict(status, unit_info=None) -> dict:
    return {
        "unit": status.unit,
        "criteria_set": status.criteria_set,
        "year": status.year,
        "met": status.met,
        "total": status.total,
        "declared_met": status.declared_met,
        "unmet": list(status.unmet),
        "unknown": list(status.unknown),
        "standard": _plain(status.standard),
        "recognised": [_plain(s) for s in status.recognised],
        "standard_reason": status.standard_reason,
        "official_unit": unit_info,
        "criteria": [
            {
                "code": c.code, "name": c.name, "declared": _plain(c.declared), "computed": _plain(c.computed),
                "effective": _plain(c.effective), "reason": c.reason,
                "figures": [_figure_dict(f) for f in c.figures],
            }
            for c in status.criteria
        ],
        "targets": [_figure_dict(f) for f in status.targets],
    }


def _figure_dict(f) -> dict:
    return {"indicator": f.indicator, "label": f.label, "value": _plain(f.value), "verdict": _plain(f.verdict),
            "threshold": f.threshold, "source": f.source, "confidence": f.confidence, "reason": f.reason}


def status_json(statuses, units) -> str:
    return json.dumps([status_dict(s, u) for s, u in zip(statuses, units)], ensure_ascii=False, indent=2)


def status_text(statuses, units, lang: str) -> str:
    blocks = []
    for status, unit in zip(statuses, units):
        blocks.append(_status_block(status, unit, lang))
    return "\n\n".join(blocks)


def _status_block(status, unit, lang: str) -> str:
    vi = lang == "vi"
    standard = standard_label(status.standard, lang) if status.standard else ("chưa đạt chuẩn" if vi else "no standard")
    lines = [f"{status.unit} — {status.catalog_title}" + (f" ({status.year})" if status.year else "")]
    if unit:
        lines.append(("Mã đơn vị: " if vi else "Official code: ") + unit)
    lines.append((f"Đạt {status.label} tiêu chí; chuẩn: {standard}" if vi else f"Met {status.label}; standard: {standard}"))
    lines.append(("  Lý do: " if vi else "  Why: ") + status.standard_reason[lang])
    if status.recognised:
        names = ", ".join(standard_label(s, lang) for s in status.recognised)
        lines.append(("  Đã được công nhận: " if vi else "  Recognised: ") + names)
    if status.unmet:
        lines.append(("  Chưa đạt: " if vi else "  Unmet: ") + ", ".join(status.unmet))
    for c in status.criteria:
        lines.append(f"  {c.code:>3}. {c.name}: {_word(c.effective, lang)} — {c.reason[lang]}")
        for f in c.figures:
            lines.append(f"       {f.indicator} {f.label or ''}: {f.reason[lang]}")
    for f in status.targets:
        lines.append(("  Mục tiêu " if vi else "  Target ") + f"{f.indicator} {f.label or ''}: {f.reason[lang]}")
    return "\n".join(lines)


def criteria_text(rows: list[dict], lang: str) -> str:
    header = ("tiêu chí", "chỉ tiêu", "tên", "ngưỡng", "nguồn", "độ tin cậy") if lang == "vi" else (
        "criterion", "indicator", "name", "threshold", "source", "confidence")
    lines = [" | ".join(header)]
    for row in rows:
        lines.append(" | ".join(str(row.get(k, "") or "") for k in ("criterion", "indicator", "name", "threshold", "source", "confidence")))
    return "\n".join(lines)
