"""How unit statuses and catalogs are shown: text tables and JSON.

`status_items` is the stable machine shape of `ntm status --format json`;
`status_text` (with `area_text` for districts and provinces) and
`criteria_text` are the terminal views; the criteria table is a rich table,
wrapped to the terminal's width on a terminal and one line per row
otherwise. Nothing here computes a verdict: it prints what `ntm.status`,
`ntm.area_status` and `ntm.catalog` returned.
"""

from __future__ import annotations

import json
from decimal import Decimal

from ntm.messages import standard_label

VERDICT_WORDS = {
    "vi": {"met": "đạt", "not_met": "chưa đạt", "cannot_verify": "không kiểm chứng được", "no_data": "không có số liệu",
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
        "kind": "unit",
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
        "unverifiable": list(status.unverifiable),
        "unverifiable_reason": status.unverifiable_reason,
    }


def area_dict(area) -> dict:
    """The machine shape of a district's or province's status."""
    return {
        "kind": "area", "unit": area.unit, "level": area.level, "criteria_set": area.criteria_set,
        "year": area.year, "recognised": [_plain(s) for s in area.recognised],
        "conditions": [{"id": c.indicator, "name": c.label, "verdict": _plain(c.verdict), "value": _plain(c.value),
                        "threshold": c.threshold, "source": c.source, "confidence": c.confidence, "reason": c.reason}
                       for c in area.conditions],
        "goals": list(area.goals), "lacks": list(area.lacks),
    }


def _figure_dict(f) -> dict:
    return {"indicator": f.indicator, "label": f.label, "value": _plain(f.value), "verdict": _plain(f.verdict),
            "threshold": f.threshold, "source": f.source, "confidence": f.confidence, "reason": f.reason}


def status_items(statuses, units, area=None, empty=None) -> list[dict]:
    """The area status first (district, province), then one entry per assessment; when
    there is nothing, one entry of kind "none" with the message saying why."""
    items = ([area_dict(area)] if area else []) + [status_dict(s, u) for s, u in zip(statuses, units)]
    if empty and not items:
        items = [{"kind": "none", "message": empty}]
    return items


def status_text(statuses, units, lang: str, area=None, empty=None) -> str:
    blocks = [area_text(area, lang)] if area else []
    for status, unit in zip(statuses, units):
        blocks.append(_status_block(status, unit, lang))
    if not blocks and empty:
        blocks.append(empty[lang])
    return "\n\n".join(blocks)


def area_text(area, lang: str) -> str:
    """A district's or province's status: its set, recognitions, conditions, goals and gaps."""
    vi = lang == "vi"
    title = area.catalog_title or ("chưa có bộ tiêu chí" if vi else "no criteria set")
    lines = [f"{area.unit} — {title} ({area.year})"]
    if area.recognised:
        names = ", ".join(standard_label(s, lang) for s in area.recognised)
        lines.append(("Đã được công nhận: " if vi else "Recognised: ") + names)
    if area.conditions:
        counts = _verdict_counts([c.verdict for c in area.conditions], lang)
        lines.append(("Điều kiện: " if vi else "Conditions: ") + counts)
        for c in area.conditions:
            verdict = "" if getattr(c.verdict, "value", c.verdict) == "no_data" else f"{_word(c.verdict, lang)} — "
            lines.append(f"  - {c.label}: {verdict}{c.reason[lang]}")
    if area.goals:
        lines.append("Mục tiêu của kế hoạch:" if vi else "Goals of the plan:")
        lines += [f"  - {g[lang]}" for g in area.goals]
    if area.lacks:
        lines.append("Còn thiếu:" if vi else "Missing:")
        lines += [f"  - {item[lang]}" for item in area.lacks]
    return "\n".join(lines)


def _verdict_counts(verdicts, lang: str) -> str:
    order = ("met", "not_met", "cannot_verify", "no_data")
    found = [getattr(v, "value", v) for v in verdicts]
    return ", ".join(f"{found.count(key)} {VERDICT_WORDS[lang][key]}" for key in order if key in found)


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
    if status.unverifiable:  # said once here, not again on every criterion it concerns
        codes = ", ".join(status.unverifiable)
        lines.append((f"  Không kiểm chứng được tiêu chí {codes}: " if vi else f"  Cannot verify criteria {codes}: ")
                     + status.unverifiable_reason[lang])
    for c in status.criteria:
        said_above = c.code in status.unverifiable and c.declared_reason is not None
        reason = c.declared_reason if said_above else c.reason
        lines.append(f"  {c.code:>3}. {c.name}: {_word(c.effective, lang)} — {reason[lang]}")
        for f in c.figures:
            lines.append(f"       {f.indicator} {f.label or ''}: {f.reason[lang]}")
    for f in status.targets:
        lines.append(("  Mục tiêu " if vi else "  Target ") + f"{f.indicator} {f.label or ''}: {f.reason[lang]}")
    return "\n".join(lines)


CRITERIA_HEADERS = {
    "vi": ("Mã", "Tên tiêu chí, chỉ tiêu", "Áp dụng cho", "Ngưỡng", "Tin cậy", "Nguồn (nếu khác)"),
    "en": ("Code", "Criterion, indicator", "Applies to", "Threshold", "Confidence", "Source (if different)"),
}
FILE_WIDTH = 1000
NAME_WIDTH = 72


def criteria_text(rows: list[dict], header: dict, lang: str, *, fit_terminal: bool = False, color: bool = False) -> str:
    """The criteria table: a heading (set, source, overlays, the query), then one line per criterion,
    indicator and open cell, in aligned columns (wrapped to the terminal's width on a terminal)."""
    import io
    import shutil

    from rich.console import Console

    width = shutil.get_terminal_size((120, 40)).columns if fit_terminal else FILE_WIDTH
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False,
                      emoji=False, soft_wrap=False, color_system="standard" if color else None)
    for line in _criteria_heading(header, lang):
        console.print(_rich_text(line))
    console.print(_criteria_table(rows, header, lang))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()).rstrip("\n")


def _criteria_heading(header: dict, lang: str) -> list[str]:
    vi = lang == "vi"
    lines = [f"{header['title']} ({header['id']}, {header['period']})",
             ("Nguồn: " if vi else "Source: ") + header["source"]]
    for layer in header["layers"]:
        lines.append(("Lớp bổ sung: " if vi else "Overlay: ") + layer)
    lines.append(("Áp dụng cho: " if vi else "Applies to: ") + _query_words(header, vi))
    return lines


def _query_words(header: dict, vi: bool) -> str:
    parts = []
    if header["region"]:
        parts.append(f"{'vùng' if vi else 'region'} {header['region']['name']} ({header['region']['abbr']})")
    elif header["partition"] == "region":
        parts.append("mọi vùng (--region để chọn một vùng)" if vi else "every region (--region picks one)")
    if header["group"]:
        parts.append(header["group"]["name"].lower() if vi else f"group {header['group']['id']}")
    elif header["partition"] == "group":
        parts.append("mọi nhóm xã (--group để chọn một nhóm)" if vi else "every commune group (--group picks one)")
    if header["year"]:
        parts.append(f"{'năm' if vi else 'year'} {header['year']}")
    else:
        parts.append("mọi năm của giai đoạn (--year để chọn một năm)" if vi else "every year of the period (--year picks one)")
    return "; ".join(parts)


def _criteria_table(rows: list[dict], header: dict, lang: str):
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False)
    for number, title in enumerate(CRITERIA_HEADERS[lang]):
        # Names wrap at word boundaries (never cut); the other columns keep their width.
        table.add_column(title, overflow="fold", max_width=NAME_WIDTH if number == 1 else None)
    criterion = None
    for row in rows:
        if row["criterion"] and row["criterion"] != criterion:
            criterion = row["criterion"]
            table.add_row(_rich_text(criterion, "bold"), _rich_text(row["criterion_name"], "bold"), "", "", "", "")
        for cells in _criteria_lines(row, header, lang):
            table.add_row(*[_rich_text(c) for c in cells])
    return table


def _criteria_lines(row: dict, header: dict, lang: str) -> list[tuple[str, ...]]:
    """The row itself, then one line per known open cell and one for the unknown rest."""
    source = "" if row["source"] == header["source"] else row["source"]
    applies = ", ".join(p for p in (_applies(row["applies"], header, lang),
                                     _varies(row["varies_by"], lang) if row["cells"] else "") if p)
    threshold = row["threshold"]
    if row["cells"]:
        threshold = "" if any(c["known"] for c in row["cells"]) else _word("unknown", lang)
    name = row["name"] if row["kind"] != "basis" else (("Căn cứ: " if lang == "vi" else "Basis: ") + row["name"])
    lines = [(row["indicator"] or "", name, applies, threshold, row["confidence"], source)]
    known = [c for c in row["cells"] if c["known"]]
    for cell in known:
        cell_source = "" if cell["source"] == header["source"] else cell["source"]
        lines.append(("", "", _applies(cell, header, lang), cell["threshold"], cell["confidence"], cell_source))
    rest = len(row["cells"]) - len(known)
    if known and rest:
        other = f"{rest} trường hợp khác" if lang == "vi" else f"{rest} other cases"
        lines.append(("", "", other, _word("unknown", lang), "?", ""))
    return lines


def _applies(values: dict, header: dict, lang: str) -> str:
    parts = [header["zones"].get(values[d], values[d]) for d in ("region", "group") if values.get(d)]
    if values.get("year"):
        parts.append(str(values["year"]))
    return ", ".join(parts)


def _varies(dims: list[str], lang: str) -> str:
    words = {"vi": {"region": "vùng", "group": "nhóm xã", "year": "năm"},
             "en": {"region": "region", "group": "group", "year": "year"}}[lang]
    return ("theo " if lang == "vi" else "by ") + ", ".join(words[d] for d in dims)


def _rich_text(content: str, style: str = ""):
    from rich.text import Text

    return Text(content or "", style=style)
