"""The view-model: a plain, read-only picture of a plan, everything a template prints.

`build_view(plan)` turns the Pydantic plan into `Fields` and `Items` (see
`ntm.render.fields`) holding text already formatted in Vietnamese notation
(through `ntm.vnformat`) beside the raw values. This is the only place where
the renderer derives a number: funding totals come from
`Funding.lines_total()` and `stated_total()`, and the shares, group subtotals,
row numbers and amount in words are computed here, once, so templates and
writers never do arithmetic. Values a plan does not have are left out, so a
template that needs them fails with the plan field's name. Free-text `note`
fields are the transcriber's remarks, not document text, and are not shown,
except a criterion's note that the plan's prose says as well: those are the
document's words, and Biểu 01 shows them beside the criterion's status.
The status engine's results come in from `ntm.render.core` (`standing`).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any, Iterable, Sequence

from ntm import vnformat
from ntm.render import sentences, sources, standing
from ntm.render.fields import Fields, Items

TYPE_NAMES = {
    "KH": "KẾ HOẠCH", "CT": "CHỈ THỊ", "CTr": "CHƯƠNG TRÌNH", "BC": "BÁO CÁO", "QĐ": "QUYẾT ĐỊNH",
    "NQ": "NGHỊ QUYẾT", "TB": "THÔNG BÁO", "HD": "HƯỚNG DẪN", "ĐA": "ĐỀ ÁN", "tin": "BẢN TIN",
}
LEVEL_WORDS = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã", "thon": "thôn"}
STANDARD_LABELS = {
    "xa_ntm": "Xã đạt chuẩn nông thôn mới",
    "xa_nang_cao": "Xã nông thôn mới nâng cao",
    "xa_kieu_mau": "Xã nông thôn mới kiểu mẫu",
    "thon_ntm": "Thôn nông thôn mới",
    "thon_kieu_mau": "Thôn nông thôn mới kiểu mẫu",
    "huyen_ntm": "Huyện nông thôn mới",
    "huyen_nang_cao": "Huyện nông thôn mới nâng cao",
    "tinh_hoan_thanh": "Tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới",
}
QUALIFIER_WORDS = {"exact": "", "about": "khoảng ", "at_least": "ít nhất ", "over": "trên ", "at_most": "tối đa ", "under": "dưới "}
STATUS_WORDS = {"met": "Đạt", "not_met": "Chưa đạt", "unknown": "Chưa đánh giá"}
ROLE_WORDS = {"sponsored": "Đỡ đầu", "supervised": "Phụ trách"}
DISPLAY_UNIT = "triệu đồng"


def build_view(plan: Any, kind: str = "", statuses: Sequence[Any] = ()) -> Fields:
    """The whole view-model of a plan; `kind` is the document kind chosen for it, `statuses` the
    status engine's results for its assessments (`ntm.criteria.plan_status`), never recomputed here."""
    names = criterion_names(plan)
    document = _document(plan)
    status = standing.own_status(plan, statuses)
    groups = _task_groups(plan, names, standing.verdicts(status))
    return Fields({
        "kind": kind,
        "slug": plan.slug,
        "unit": _unit(plan.unit),
        "period": Fields({"start": plan.period.start, "end": plan.period.end, "label": plan.period.label()}, ("period",)),
        "year": plan.year(),
        "programme": sources.ntm_programme(plan.period.start),
        "document": document,
        "status": _status(status) if status is not None else None,
        "assessments": Items((_assessment(a, i, plan, names) for i, a in enumerate(plan.assessments)), ("assessments",)),
        "tasks": Items((_task(t, i, plan) for i, t in enumerate(plan.tasks)), ("tasks",)),
        "task_groups": groups,
        "task_groups_met": Items((g for g in groups if g.met), ("tasks",)),
        "task_groups_unmet": Items((g for g in groups if "criterion" in g and not g.met), ("tasks",)),
        "task_columns": _task_columns(plan.tasks),
        "funding": _funding(plan.funding) if plan.funding else None,
        "phasing": Items((_milestone(m, i) for i, m in enumerate(plan.phasing)), ("phasing",)),
        "targets": Items((_target(t, i) for i, t in enumerate(plan.targets)), ("targets",)),
        "goals": Items((_goal(g, i, names) for i, g in enumerate(plan.goals)), ("goals",)),
        "sponsorship": _sponsorship(plan) if plan.sponsorship else None,
        "duties": Items((_duty(d, i) for i, d in enumerate(plan.duties)), ("duties",)),
        "monitoring": Items((_monitoring(m, i) for i, m in enumerate(plan.monitoring)), ("monitoring",)),
        "monitoring_new": _new_monitoring(plan),
        "duties_new": _new_duties(plan),
        "sections": _sections(plan),
    }, derived={"programme": ("period",), "status": ("assessments",)})


def _status(status: Any) -> Fields:
    """The plan's own unit's computed status: `đạt 4/10`, and whether every criterion is met."""
    return Fields({"met": status.met, "total": status.total, "label": status.label,
                   "all_met": standing.all_met(status)}, ("assessments", status.assessment_index))


# ---------------------------------------------------------------------------
# Small text helpers
# ---------------------------------------------------------------------------


def upper(text: str) -> str:
    return unicodedata.normalize("NFC", text.upper())


def sentence_case(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _qualified(qualifier: Any, text: str) -> str:
    return QUALIFIER_WORDS.get(getattr(qualifier, "value", qualifier) or "exact", "") + text


def _with_unit(number: str, unit: str | None) -> str:
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def _range(value: Decimal, value_max: Decimal | None) -> str:
    text = vnformat.format_number(value)
    return f"{text}-{vnformat.format_number(value_max)}" if value_max is not None else text


def unit_label(name: str | None, level: Any, district: str | None = None, province: str | None = None) -> str:
    """`xã Hùng Mỹ, huyện Chiêm Hóa, tỉnh Tuyên Quang` (the parts that are known)."""
    parts = []
    if name:
        parts.append(f"{LEVEL_WORDS.get(getattr(level, 'value', level), '')} {name}".strip())
    if district:
        parts.append(f"huyện {district}")
    if province:
        parts.append(f"tỉnh {province}")
    return ", ".join(parts)


# ---------------------------------------------------------------------------
# Unit and document
# ---------------------------------------------------------------------------


def _unit(unit: Any) -> Fields:
    label = unit_label(unit.name, unit.level, unit.district, unit.province)
    return Fields({
        "level": unit.level.value,
        "level_word": LEVEL_WORDS[unit.level.value],
        "name": unit.name,
        "district": unit.district,
        "province": unit.province,
        "label": label if unit.name else None,
    }, ("unit",), derived={"label": ("unit", "name")})


def _document(plan: Any) -> Fields:
    doc = plan.document
    kind = doc.kind.value
    return Fields({
        "kind": kind,
        "type_name": TYPE_NAMES.get(kind, kind.upper()),
        "number": doc.number,
        "number_line": _number_line(doc.number, kind),
        "issuer": doc.issuer,
        "issuer_caps": upper(doc.issuer) if doc.issuer else None,
        "issuer_lines": Items(issuer_lines(doc.issuer), ("document", "issuer")) if doc.issuer else None,
        "parent_body": doc.parent_body,
        "parent_body_caps": upper(doc.parent_body) if doc.parent_body and not parent_body_dropped(doc) else None,
        "place": place(plan),
        "date_text": vnformat.format_date(doc.date) if doc.date else None,
        "short_date": vnformat.format_short_date(doc.date) if doc.date else None,
        "place_date": vnformat.format_place_date(place(plan) or vnformat.BLANK, doc.date),
        "title": doc.title,
        "subject": subject(doc.title, TYPE_NAMES.get(kind, kind)),
        "subtitle": doc.subtitle,
        "legal_bases": Items((Fields({"text": b.text, "verb": b.verb}, ("document", "legal_bases", i))
                              for i, b in enumerate(doc.legal_bases)), ("document", "legal_bases")),
        "recipients": _recipient_lines(doc),
        "electronic_recipients": _electronic_lines(doc.electronic_recipients),
        "signature": _signature(doc.signature) if doc.signature else None,
        "annex_note": _annex_note(doc),
        "source_note": doc.source_note,
    }, ("document",), derived={
        "issuer_caps": ("document", "issuer"),
        "issuer_lines": ("document", "issuer"),
        "parent_body_caps": ("document", "parent_body"),
        "date_text": ("document", "date"),
        "short_date": ("document", "date"),
    })


# A local government body (Ủy ban nhân dân, Hội đồng nhân dân) is named with its unit and has no
# parent body line (Nghị định 30/2020/NĐ-CP, Phụ lục I): ỦY BAN NHÂN DÂN / XÃ TÂN MỸ.
_LOCAL_BODY = re.compile(
    r"^(?P<body>Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+"
    r"(?P<unit>(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\s+\S.*)$", re.IGNORECASE)
_BODY_NAMES = {"ubnd": "Ủy ban nhân dân", "uỷ ban nhân dân": "Ủy ban nhân dân", "hđnd": "Hội đồng nhân dân"}


def issuer_lines(issuer: str) -> list[str]:
    """`Ủy ban nhân dân xã Tân Mỹ` -> [ỦY BAN NHÂN DÂN, XÃ TÂN MỸ]; any other body is one line."""
    match = _LOCAL_BODY.match(issuer.strip())
    if not match:
        return [upper(issuer)]
    body = _BODY_NAMES.get(match["body"].casefold(), match["body"])
    return [upper(body), upper(match["unit"])]


def parent_body_dropped(doc: Any) -> bool:
    """A parent body named for a local government issuer is not printed (it has none)."""
    return bool(doc.parent_body and doc.issuer and _LOCAL_BODY.match(doc.issuer.strip()))


def place(plan: Any) -> str | None:
    """The place before the date: the document's, else the unit's name (Nghị định 30: the unit where
    the issuing body sits; for a commune its name, `Tân Mỹ, ngày …`)."""
    return plan.document.place or plan.unit.name


def subject(title: str, type_name: str) -> str:
    """The trích yếu under the type name, without repeating it: `Kế hoạch xây dựng…` -> `Xây dựng…`."""
    words = type_name.split()
    head = title.split()[: len(words)]
    if len(title.split()) > len(words) and [w.casefold() for w in head] == [w.casefold() for w in words]:
        return sentence_case(title.split(None, len(words))[-1])
    return title


def _number_line(number: str | None, kind: str) -> str:
    """`Số: 05/KH-BCĐ`; a number left blank until signing prints as `Số: …/KH-CCB`."""
    if not number:
        return f"Số: {vnformat.BLANK}/{kind}"
    digits, _, symbol = number.partition("/")
    return f"Số: {digits or vnformat.BLANK}/{symbol}"


def _clean_recipient(text: str) -> str:
    return re.sub(r"^[-–•+]\s*", "", text.strip()).rstrip(";.").strip()


def _recipient_lines(doc: Any) -> Items:
    """`- UBND huyện;` … `- Lưu: VT, BCĐ.` (Nghị định 30/2020: the last line is the archive)."""
    names = [_clean_recipient(r) for r in doc.recipients]
    archive = re.sub(r"^Lưu\s*:\s*", "", (doc.archive or "").strip()).rstrip(".")
    lines = [f"- {name};" for name in names if name]
    if archive:
        lines.append(f"- Lưu: {archive}.")
    elif lines:
        lines[-1] = lines[-1][:-1] + "."
    return Items(lines, ("document", "recipients"))


def _electronic_lines(recipients: list[str]) -> Items:
    lines = [f"- {_clean_recipient(r)};" for r in recipients if _clean_recipient(r)]
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return Items(lines, ("document", "electronic_recipients"))


def _signature(sig: Any) -> Fields:
    authority = [f"{a.form.value}. {upper(a.of)}" for a in sig.authority]
    return Fields({
        "authority": Items(authority, ("document", "signature", "authority")),
        "title": upper(sig.title) if sig.title else None,
        "position": sig.position,
        "name": sig.name,
    }, ("document", "signature"))


def _annex_note(doc: Any) -> str:
    """`(Kèm theo Kế hoạch số 05/KH-BCĐ ngày 22/02/2024 của Ban Chỉ đạo …)`"""
    text = f"Kèm theo {TYPE_NAMES.get(doc.kind.value, doc.kind.value).capitalize()}"
    if doc.number:
        text += f" số {_number_line(doc.number, doc.kind.value).removeprefix('Số: ')}"
    if doc.date:
        text += f" ngày {vnformat.format_short_date(doc.date)}"
    if doc.issuer:
        text += f" của {doc.issuer}"
    return f"({text})"


# ---------------------------------------------------------------------------
# Criteria and assessments
# ---------------------------------------------------------------------------


def criterion_names(plan: Any) -> dict[str, str]:
    """Criterion code -> name: the plan's own wording first, then the criteria catalog."""
    names: dict[str, str] = {}
    for catalog_id in {plan.criteria_set, *(a.criteria_set for a in plan.assessments)} - {None}:
        for code, name in _catalog_names(catalog_id).items():
            names.setdefault(code, name)
    for assessment in plan.assessments:
        for code, status in assessment.criteria.items():
            if status.as_written:
                names[code] = sentence_case(status.as_written)
    return names


def _catalog_names(catalog_id: str) -> dict[str, str]:
    try:
        from ntm.catalog import load_catalog

        return {c.code: c.name for c in load_catalog(catalog_id).criteria}
    except Exception:  # noqa: BLE001 - an unknown or broken catalog only loses the names
        return {}


def criterion_label(code: str | None, names: dict[str, str]) -> str:
    """`Tiêu chí số 2 (Giao thông)`."""
    if not code:
        return "Các chỉ tiêu khác"
    name = names.get(code)
    return f"Tiêu chí số {code} ({name})" if name else f"Tiêu chí số {code}"


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def _assessment(a: Any, index: int, plan: Any, names: dict[str, str]) -> Fields:
    path = ("assessments", index)
    codes = sorted(a.criteria, key=_code_key)
    prose = sentences.join_corpus(_prose(plan, duties=False))
    rows = [_criterion_row(code, a, names, n, path, prose) for n, code in enumerate(codes, start=1)]
    met, unmet = a.met_codes(), a.unmet_codes()
    return Fields({
        "unit_label": _assessed_unit(a, plan),
        "role_label": ROLE_WORDS.get(a.role or "", None),
        "as_of_text": vnformat.format_short_date(a.as_of) if a.as_of else None,
        "declared_text": _declared(a),
        "rows": Items(rows, path + ("criteria",)),
        "met": Items((criterion_label(c, names) for c in sorted(met, key=_code_key)), path + ("criteria",)),
        "unmet": Items((criterion_label(c, names) for c in sorted(unmet, key=_code_key)), path + ("criteria",)),
    }, path)


def _assessed_unit(a: Any, plan: Any) -> str:
    if a.unit is not None:
        return sentence_case(unit_label(a.unit.name, a.unit.level, a.unit.district))
    return sentence_case(unit_label(plan.unit.name, plan.unit.level, plan.unit.district))


def _declared(a: Any) -> str | None:
    """`9/19` as declared; without a declaration, the count of the listed statuses."""
    d = a.declared
    if d.met is not None and d.total is not None:
        return f"{d.met}/{d.total}"
    if a.criteria:
        return f"{len(a.met_codes())}/{len(a.criteria)}"
    return None


def _criterion_row(code: str, a: Any, names: dict[str, str], number: int, path: tuple, prose: str) -> Fields:
    """A row of Biểu 01: status, then the situation and figures. A criterion's `note` is the document's
    own words when its prose says it too ("quy hoạch chung xã … đang lập"), else a transcriber's remark."""
    status = a.criteria[code]
    figures = [_figure_text(f, "") for ind_code, ind in sorted(a.indicators.items(), key=lambda kv: _code_key(kv[0]))
               if ind_code.split(".")[0] == code for f in ind.measures]
    figures += [_figure_text(f, "Mục tiêu: ") for ind_code, ind in sorted(a.indicators.items(), key=lambda kv: _code_key(kv[0]))
                if ind_code.split(".")[0] == code for f in ind.targets]
    if status.note and sentences.said(status.note, prose):
        figures.insert(0, sentence_case(status.note).rstrip(" .;"))
    return Fields({
        "tt": str(number),
        "code": code,
        "name": names.get(code),
        "label": criterion_label(code, names),
        "status": status.status.value,
        "status_text": STATUS_WORDS[status.status.value],
        "figures": Items(figures, path + ("indicators",)),
    }, path + ("criteria", code))


def _figure_text(figure: Any, prefix: str) -> str:
    """`Nhà tiêu hợp vệ sinh: 1.276/1.413 hộ (90,3%)`, `Mục tiêu: trên 90%`."""
    if figure.count is not None and figure.of is not None:
        value = _with_unit(f"{vnformat.format_number(figure.count)}/{vnformat.format_number(figure.of)}", figure.unit)
        if figure.percent is not None:
            value += f" ({vnformat.format_percent(figure.percent)})"
    elif figure.percent is not None:
        value = vnformat.format_percent(figure.percent)
    elif figure.value is not None:
        value = _with_unit(_range(figure.value, figure.value_max), figure.unit)
    elif figure.count is not None:
        value = _with_unit(vnformat.format_number(figure.count), figure.unit)
    else:
        value = "Có" if figure.flag else "Không"
    value = _qualified(figure.qualifier, value)
    label = f"{figure.label}: " if figure.label else ""
    return f"{prefix}{label}{value}"


# ---------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------


def _task(task: Any, index: int, plan: Any, number: int | None = None) -> Fields:
    return Fields({
        "tt": str(number) if number is not None else None,
        "criterion": task.criterion,
        "indicator": task.indicator,
        "what": task.what,
        "where": task.where,
        "quantity_text": sentences.number_text(task.quantity) if task.quantity is not None else None,
        "unit": task.unit,
        "source_labels": Items((sources.short_label(s) for s in task.sources), ("tasks", index, "sources")),
        "amount_text": _task_amount(task, plan),
        "responsible": task.responsible,
        "deadline": sentence_case(task.deadline) if task.deadline else None,
        "parts_text": sentences.parts_phrase(task, task.what),
        "sentence": sentences.task_sentence(task),
    }, ("tasks", index))


def _task_amount(task: Any, plan: Any) -> str | None:
    if task.amount is None:
        return None
    unit = plan.funding.unit if plan.funding else DISPLAY_UNIT
    return _display_amount(task.amount.value, task.amount.unit or unit)


def _task_columns(tasks: list) -> Fields:
    """Which optional columns Biểu 02 needs: those some task fills (place, money, deadline, responsible body)."""
    return Fields({
        "where": any(t.where for t in tasks),
        "amount": any(t.amount is not None for t in tasks),
        "deadline": any(t.deadline for t in tasks),
        "responsible": any(t.responsible for t in tasks),
    }, ("tasks",))


def _task_groups(plan: Any, names: dict[str, str], verdicts: dict[str, str]) -> Items:
    """Tasks grouped by criterion in the order the plan first names each one; rows numbered across groups.
    `met` says whether the criterion is met in the computed status (`verdicts`)."""
    order: list[str | None] = []
    for task in plan.tasks:
        if task.criterion not in order:
            order.append(task.criterion)
    order = [c for c in order if c is not None] + ([None] if None in order else [])
    indicators = indicator_details(plan)
    groups, number = [], 0
    for code in order:
        entries = [(i, t) for i, t in enumerate(plan.tasks) if t.criterion == code]
        tasks = []
        for index, task in entries:
            number += 1
            tasks.append(_task(task, index, plan, number))
        groups.append(Fields({"criterion": code, "title": criterion_label(code, names), "tasks": Items(tasks, ("tasks",)),
                              "lines": _group_lines(entries, indicators), "met": verdicts.get(code or "") == "met"},
                             ("tasks",)))
    return Items(groups, ("tasks",))


def _group_lines(entries: list[tuple[int, Any]], indicators: dict[str, tuple[str | None, str | None]]) -> Items:
    """The body lines of one criterion: several tasks of one indicator under its lead-in, then its detail note."""
    lines: list[sentences.Line] = []
    for code, run in _runs_by_indicator(entries):
        name, detail = indicators.get(code or "", (None, None))
        if code and name and len(run) > 1:
            lines.append(sentences.Line(f"{code}. {name}:", 1, tasks=(run[0][0],)))
            lines += sentences.task_lines(run, level=2)
        else:
            for line in sentences.task_lines(run):
                if code and name and _letters(line.text).startswith(_letters(name)):
                    line.text = f"{code}. {line.text}"  # "17.1. Tỷ lệ hộ được sử dụng nước sạch…: …"
                lines.append(line)
        if detail:
            lines.append(sentences.Line(detail, kind="p", tasks=(run[-1][0],)))
    return Items((Fields({"text": ln.text, "level": ln.level, "kind": ln.kind}, ("tasks", ln.tasks[0])) for ln in lines),
                 ("tasks",))


def _runs_by_indicator(entries: list[tuple[int, Any]]) -> list[tuple[str | None, list[tuple[int, Any]]]]:
    runs: list[tuple[str | None, list[tuple[int, Any]]]] = []
    for index, task in entries:
        if runs and runs[-1][0] == task.indicator:
            runs[-1][1].append((index, task))
        else:
            runs.append((task.indicator, [(index, task)]))
    return runs


def _letters(text: str) -> str:
    return " ".join("".join(ch for ch in word if ch.isalnum()) for word in sentences.squash(text).split())


def indicator_details(plan: Any) -> dict[str, tuple[str | None, str | None]]:
    """Indicator code -> (name, detail note): the plan's own wording first, then the catalog's name."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for catalog_id in {plan.criteria_set, *(a.criteria_set for a in plan.assessments)} - {None}:
        for code, name in _catalog_indicator_names(catalog_id).items():
            found.setdefault(code, (name, None))
    for assessment in (a for a in plan.assessments if a.unit is None):
        for code, status in assessment.indicators.items():
            name = sentence_case(status.as_written) if status.as_written else found.get(code, (None, None))[0]
            found[code] = (name, status.detail or found.get(code, (None, None))[1])
    return found


def _catalog_indicator_names(catalog_id: str) -> dict[str, str]:
    try:
        from ntm.catalog import load_catalog

        return {i.code: i.name for c in load_catalog(catalog_id).criteria for i in c.indicators if i.name}
    except Exception:  # noqa: BLE001 - an unknown or broken catalog only loses the names
        return {}


# ---------------------------------------------------------------------------
# Funding
# ---------------------------------------------------------------------------


def _display_amount(value: Decimal, unit: str) -> str:
    """An amount in triệu đồng as written; converted exactly when written in another unit."""
    converted = vnformat.to_trieu_dong(value, unit)
    if vnformat.normalize_unit(unit) != DISPLAY_UNIT:
        converted = converted.normalize()
    return vnformat.format_number(converted)


def _funding(funding: Any) -> Fields:
    total = funding.lines_total()
    stated = funding.stated_total()
    lines = [_funding_line(line, i, funding, total) for i, line in enumerate(funding.lines)]
    stated_text = _display_amount(funding.total.value, funding.total.unit or funding.unit) if stated is not None else None
    return Fields({
        "unit": DISPLAY_UNIT,
        "lines": Items(lines, ("funding", "lines")),
        "rows": _funding_rows(funding, total),
        "total_text": vnformat.format_number(total),
        "stated_text": stated_text,
        "stated_differs": stated is not None and stated != total,
        "headline_text": stated_text or vnformat.format_number(total),
        "words": _words(stated if stated is not None else total),
    }, ("funding",), derived={"stated_text": ("funding", "total")})


def _words(amount: Decimal) -> str | None:
    try:
        return vnformat.amount_in_words(amount, DISPLAY_UNIT)
    except ValueError:  # not a whole number of đồng
        return None


def _share(amount: Decimal, total: Decimal) -> str | None:
    if not total:
        return None
    return vnformat.format_percent(amount * 100 / total, 1)


def _funding_line(line: Any, index: int, funding: Any, total: Decimal) -> Fields:
    amount = line.amount.in_trieu_dong(funding.unit)
    return Fields({
        "source": line.source,
        "label": line.label or sources.source_label(line.source),
        "amount_text": _display_amount(line.amount.value, line.amount.unit or funding.unit),
        "share_text": _share(amount, total),
        "year": line.year,
    }, ("funding", "lines", index))


def _funding_rows(funding: Any, total: Decimal) -> Items:
    """Rows of Biểu 03: a Roman-numbered row per group (`sources.funding_tree`), its members 1, 2 … and "-" under it."""
    rows: list[Fields] = []
    for number, node in enumerate(sources.funding_tree(funding.lines), start=1):
        rows.extend(_node_rows(node, 0, number, funding, total))
    return Items(rows, ("funding", "lines"))


def _node_rows(node: sources.Node, depth: int, number: int, funding: Any, total: Decimal) -> list[Fields]:
    from ntm.render.blocks import roman

    tt = roman(number) if depth == 0 else (str(number) if depth == 1 else "-")
    if isinstance(node, int):
        line = _funding_line(funding.lines[node], node, funding, total)
        return [Fields({"tt": tt, "role": "single" if depth == 0 else "line", "label": line.label,
                        "amount_text": line.amount_text, "share_text": line.share_text}, line._path)]
    group, members = node
    subtotal = sum((funding.lines[i].amount.in_trieu_dong(funding.unit) for i in sources.line_indexes(node)), Decimal(0))
    rows = [Fields({"tt": tt, "role": "group", "label": sources.group_label(group),
                    "amount_text": vnformat.format_number(subtotal), "share_text": _share(subtotal, total)}, ("funding", "lines"))]
    for n, member in enumerate(members, start=1):
        rows.extend(_node_rows(member, depth + 1, n, funding, total))
    return rows


# ---------------------------------------------------------------------------
# Phasing, targets, goals, sponsorship, duties, monitoring
# ---------------------------------------------------------------------------


def _milestone(m: Any, index: int) -> Fields:
    return Fields({
        "tt": str(index + 1),
        "year": str(m.year),
        "standard_label": STANDARD_LABELS[m.standard.value],
        "units_text": ", ".join(m.unit_names()),
        "count": str(len(m.units)),
    }, ("phasing", index))


def _target(t: Any, index: int) -> Fields:
    return Fields({
        "tt": str(index + 1),
        "what": sentence_case(t.what) if t.what else (STANDARD_LABELS[t.standard.value] if t.standard else None),
        "standard_label": STANDARD_LABELS[t.standard.value] if t.standard else None,
        "year_text": str(t.year) if t.year else None,
        "value_text": _target_value(t),
        "by_year_text": "; ".join(f"năm {y}: {n}" for y, n in sorted(t.by_year.items())) or None,
        "scope": t.scope,
    }, ("targets", index))


def _target_value(t: Any) -> str:
    count = None
    if t.count is not None:
        count = f"{t.count}/{t.of}" if t.of is not None else str(t.count)
    if t.percent is not None:
        percent = _qualified(t.qualifier, vnformat.format_percent(t.percent))
        return f"{count} ({percent})" if count else percent
    if count:
        return _qualified(t.qualifier, count)
    return "Hoàn thành"


def _goal(g: Any, index: int, names: dict[str, str]) -> Fields:
    value = None
    if g.value is not None:
        value = _qualified(g.qualifier, _with_unit(_range(g.value, g.value_max), g.unit))
    return Fields({
        "tt": str(index + 1),
        "text": g.text,
        "criterion_label": criterion_label(g.criterion, names) if g.criterion else None,
        "value_text": value,
        "year_text": str(g.year) if g.year else None,
    }, ("goals", index))


def _sponsorship(plan: Any) -> Fields:
    s = plan.sponsorship
    units = []
    for i, su in enumerate(s.units):
        status = _unit_status(su.unit, plan)
        units.append(Fields({
            "label": sentence_case(unit_label(su.unit.name, su.unit.level, su.unit.district)),
            "role_label": ROLE_WORDS[su.role.value],
            "status_text": status,
        }, ("sponsorship", "units", i)))
    return Fields({
        "sponsor": s.sponsor,
        "basis": s.basis,
        "units": Items(units, ("sponsorship", "units")),
        "steering_committee": s.steering_committee,
        "steering_committee_new": s.steering_committee if s.steering_committee and not sentences.said(
            s.steering_committee, sentences.join_corpus(_prose(plan))) else None,
    }, ("sponsorship",))


def _unit_status(unit: Any, plan: Any) -> str | None:
    for a in plan.assessments:
        if a.unit is not None and a.unit.name == unit.name and a.unit.district == unit.district:
            declared = _declared(a)
            return f"Đạt {declared} tiêu chí" if declared else None
    return None


def _duty(d: Any, index: int) -> Fields:
    return Fields({
        "body": d.body,
        "text": d.text,
        "deadline_text": getattr(d, "deadline_text", None),
        "names_body": sentences.names_body(d.body, d.text),
        "sentence": sentences.duty_sentence(d.body, d.text) if len(sentences.pieces(d.text)) == 1 else None,
    }, ("duties", index))


def _new_duties(plan: Any) -> Items:
    """Duties the plan's prose sections and tasks do not already say (printed after that prose)."""
    corpus = sentences.join_corpus(_prose(plan, duties=False))
    fresh = [_duty(d, i) for i, d in enumerate(plan.duties) if not sentences.duty_said(d.body, d.text, corpus)]
    return Items(fresh, ("duties",))


def _monitoring(m: Any, index: int) -> Fields:
    return Fields({"text": sentence_case(m.text).rstrip(" ;."), "by": m.by, "to": m.to}, ("monitoring", index))


def _new_monitoring(plan: Any) -> Items:
    """Monitoring items whose text the plan's prose (sections, duties, tasks) does not already say."""
    corpus = sentences.join_corpus(_prose(plan))
    fresh = [_monitoring(m, i) for i, m in enumerate(plan.monitoring) if not sentences.said(m.text, corpus)]
    return Items(fresh, ("monitoring",))


def _prose(plan: Any, duties: bool = True) -> Iterable[str]:
    for value in plan.sections.values():
        yield from ([value] if isinstance(value, str) else _section_texts(value))
    if duties:
        for duty in plan.duties:
            yield duty.text
    for task in plan.tasks:
        yield task.what


def _section_texts(sections: list) -> Iterable[str]:
    for s in sections:
        yield from (t for t in (s.title, s.body) if t)
        yield from _section_texts(s.parts)


# ---------------------------------------------------------------------------
# Free-text sections
# ---------------------------------------------------------------------------


def _sections(plan: Any) -> Fields:
    values = {}
    for key, value in plan.sections.items():
        path = ("sections", key.value)
        if isinstance(value, str):
            values[key.value] = Items([Fields({"body": value, "numbered": False, "parts": Items([], path)}, path)], path)
        else:
            values[key.value] = _section_list(value, path)
    return Fields(values, ("sections",))


def _section_list(sections: list, path: tuple) -> Items:
    """Untitled sections among several siblings are numbered paragraphs (run-in); a lone one is plain text."""
    numbered = len(sections) > 1
    return Items((_section(s, path + (i,), numbered) for i, s in enumerate(sections)), path)


def _section(section: Any, path: tuple, numbered: bool) -> Fields:
    parts = _section_list(section.parts, path + ("parts",))
    return Fields({"title": section.title, "body": section.body, "parts": parts, "numbered": numbered}, path)
