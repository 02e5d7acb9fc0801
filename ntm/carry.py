"""Carrying previous plans into a new one: `ntm new SLUG --year N --from OLD [--from OLD2 …]`.

From the (first) previous plan the new one keeps the unit, the criteria set
and overlay while their period covers the new year, the document's issuer,
parent body, place, recipients, archive, signature and legal bases,
recognitions, sponsorship, duties and monitoring; it moves the period to the
new year, sets the baseline to 31/12 of the year before, empties tasks and
funding lines (keeping the funding unit), drops phasing, targets, goals,
free-text sections and notes, and leaves the document unnumbered and
undated. Comments inside what is kept stay.

Nothing dated from the old year comes along as if it were the new one's: a
legal basis that names only years outside the new period (last year's
budget allocation, a 2021-2025 criteria set in a 2027 plan) is left out; a
duty or monitoring item of an annual plan that names last year ("trong quý
IV năm 2024") moves to the new year, one of a longer plan is left out; the
latest assessment of each unit keeps its own date (last year's data, not the
state at the new baseline) and loses last year's targets.

Across the 2025 reform (a commune plan dated before 1 July 2025 carried into
2026 or later) the new plan is for the commune the old ones became
(`ntm.successor`), from one or several previous plans; huyện-level content
(district, region, district bodies among recipients, legal bases and duties,
the district budget) is dropped, the document is issued by the new commune's
UBND with its signature block to fill in, and the criteria are re-based on
the set of the new year. The 19 criteria of 2021-2025 do not map onto the 10
of 2026-2030, so old assessments and recognitions are not carried as such:
they are written into `notes` as history. Every such decision is returned as
an info diagnostic (N008-N025) for `ntm new` to print.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm.diagnostics import Diagnostic, Severity

DROPPED = ("phasing", "targets", "goals", "sections", "notes")
DOCUMENT_DROPPED = ("date", "published", "source_note")
# A district body ("UBND huyện Chiêm Hóa"); recipients also lose the bodies renamed in 2025
# ("Phòng Nông nghiệp và PTNT", a district office; the ministry is now Nông nghiệp và Môi trường).
DISTRICT = re.compile(r"\bhuyện\b", re.IGNORECASE)
GONE_RECIPIENT = re.compile(r"\bhuyện\b|\bPTNT\b|phát triển nông thôn", re.IGNORECASE)


@dataclass
class Previous:
    """A previous plan: its file, its text and its validated model."""

    path: Path
    text: str
    plan: Any


@dataclass
class Carried:
    """The new plan's body (no header comment) and what `ntm new` should say about it."""

    text: str
    notes: list[Diagnostic] = field(default_factory=list)


class _Notes:
    """Info diagnostics about the carry, all on the new file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Diagnostic] = []

    def add(self, code: str, **params) -> None:
        self.items.append(Diagnostic(code, Severity.INFO, self.file, params=params))


def load_previous(path: Path) -> Previous:
    """A previous plan, refused (N005) unless it validates."""
    from ntm.loader import load_plan_text
    from ntm.scaffold import NewPlanRefused
    from ntm.yamlio import read_text

    text, problems = read_text(path, str(path))
    if problems:
        raise NewPlanRefused(problems)
    loaded = load_plan_text(text, str(path))
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if loaded.plan is None or errors:
        raise NewPlanRefused([Diagnostic("N005", Severity.ERROR, str(path), params={"count": len(errors)}), *errors])
    return Previous(Path(path), text, loaded.plan)


def carried(paths: list[Path], slug: str, level: str | None, year: int, target: Path) -> Carried:
    """The new plan carried over from `paths` (the first is the base; the others add history)."""
    from ntm import roundtrip
    from ntm.scaffold import NewPlanRefused
    from ntm.successor import successor_of

    previous = [load_previous(Path(p)) for p in paths]
    base = previous[0].plan
    if level is not None and level != base.unit.level.value:
        raise NewPlanRefused([Diagnostic("N004", Severity.ERROR, str(previous[0].path),
                                         params={"level": level, "previous": base.unit.level.value})])
    notes = _Notes(str(target))
    successor, found = successor_of(previous, year, str(target))
    notes.items.extend(found)
    criteria = _criteria_for(base, year, notes, str(previous[0].path))
    start, end = new_period(base.period.start, base.period.end, year)
    fresh = {"period": f"period:\n  start: {start}\n  end: {end}\n",
             "baseline_as_of": f"baseline_as_of: {year - 1}-12-31\n"}
    drop = set(DROPPED) | ({"overlay"} if criteria.drop_overlay else set())
    data = roundtrip.load(_carried_chunks(previous[0].text, drop, fresh))
    _carry_over(data, base, slug, year, notes)
    criteria.apply(data)
    if successor is not None or criteria.replaced:
        _assessments_to_history(data, previous, notes)
    elif base.assessments:
        _set(data, "assessments", _kept_assessments(data["assessments"], base, year, notes))
    if successor is not None:
        _strip_comments(data)  # they describe the old document, not the new commune's
        _move_to_successor(data, base, successor, notes)
    if criteria.new is not None:
        _add_set_basis(data, notes)
    label = ", ".join(f"{p.plan.slug} ({p.plan.period.label()})" for p in previous)
    head = f"# Lập bằng `ntm new` từ kế hoạch {label}; hãy rà soát trước khi trình ký.\n"
    return Carried(head + roundtrip.dump(data), notes.items)


def _carried_chunks(text: str, drop: set[str], fresh: dict[str, str]) -> str:
    """Last year's text without its header comments and dropped parts; the parts in `fresh`
    (and tasks and funding) start afresh.

    Done on the text, by top-level key: each part leaves with the comments
    above and inside it (ruamel would leave them dangling, or mis-emit a
    comment left between a key and its new, empty value).
    """
    from ntm.fmt import split_top_level

    parts = split_top_level(text)
    if parts is None:
        return text
    fresh = {"tasks": "tasks: []\n", "funding": _funding_text(text), **fresh}
    return "".join(fresh.get(key, chunk) for key, chunk in parts.chunks if key not in drop)


def _funding_text(text: str) -> str:
    from ntm.yamlio import load_text

    funding = (load_text(text).data or {}).get("funding")
    unit = funding.get("unit") if isinstance(funding, dict) else None
    return "funding:\n" + (f"  unit: {unit}\n" if unit else "") + "  lines: []\n"


# ---------------------------------------------------------------------------
# Every carry: period, baseline, document, dated content
# ---------------------------------------------------------------------------


def _carry_over(data: Any, previous, slug: str, year: int, notes: _Notes) -> None:
    for key in DROPPED:
        data.pop(key, None)
    data["slug"] = slug
    start, end = new_period(previous.period.start, previous.period.end, year)
    if "period" not in data:
        _set(data, "period", _period(start, end))
    _set(data, "baseline_as_of", _date(dt.date(year - 1, 12, 31)))
    _carry_document(data["document"], previous.period.label(), f"{start}" if start == end else f"{start}-{end}")
    if "tasks" not in data or data["tasks"]:
        _set(data, "tasks", _seq([]))
    if "funding" not in data or data["funding"].get("lines") or "total" in data["funding"]:
        _set(data, "funding", _carried_funding(data.get("funding")))
    _Dated(previous.period, start, end, notes).carry(data)


def new_period(start: int, end: int, year: int) -> tuple[int, int]:
    """The new plan's period starts in `year` and is as long as the previous one (2021-2025 → 2026-2030)."""
    return year, year + (end - start)


def _carry_document(document: Any, old_label: str, new_label: str) -> None:
    from ntm.roundtrip import value_of

    for key in DOCUMENT_DROPPED:
        document.pop(key, None)
    number = value_of(document.get("number"))
    if isinstance(number, str) and "/" in number:
        document["number"] = "/" + number.split("/", 1)[1]
    for key in ("title", "subtitle"):
        text = document.get(key)
        if isinstance(text, str) and old_label != new_label and old_label in text:
            document[key] = _like(text, text.replace(old_label, new_label))


class _Dated:
    """What of the previous plan names a year, judged against the new period.

    A legal basis (or reference) that names years, none of them in the new
    period, is about another time and is left out. A duty or monitoring item
    naming years outside the new period moves by the years between the plans
    when both are annual (a recurring duty), and is left out otherwise.
    """

    def __init__(self, old_period, start: int, end: int, notes: _Notes) -> None:
        self.old = range(old_period.start, old_period.end + 1)
        self.new = (start, end)
        self.by = start - old_period.start if old_period.start == old_period.end and start == end else None
        self.notes = notes
        self.label = f"{start}" if start == end else f"{start}-{end}"

    def carry(self, data: Any) -> None:
        document = data.get("document") or {}
        for key in ("legal_bases", "references"):
            if document.get(key):
                document[key] = self._bases(document[key], key)
        for key, fields, dates in (("duties", ("text", "deadline_text"), ("deadline",)),
                                   ("monitoring", ("text",), ("due",))):
            if data.get(key):
                data[key] = self._items(data[key], key, fields, dates)

    def _outside(self, text: str) -> list:
        from ntm.years import subject_years

        return [m for m in subject_years(text) if not m.overlaps(*self.new)]

    def _bases(self, items: Any, key: str) -> Any:
        from ntm.years import subject_years

        gone = []
        for index, basis in enumerate(items):
            text = str(basis.get("text", ""))
            named = subject_years(text)
            if named and all(not m.overlaps(*self.new) for m in named):
                self.notes.add("N008", years=_years_text(named), period=self.label, text=text)
                gone.append(index)
        return _without(items, gone)

    def _items(self, items: Any, key: str, fields: tuple[str, ...], dates: tuple[str, ...]) -> Any:
        gone = []
        for index, item in enumerate(items):
            texts = [str(item[f]) for f in fields if isinstance(item.get(f), str)]
            outside = [m for t in texts for m in self._outside(t)]
            old_dates = [str(_year_of(item[f])) for f in dates if f in item and self._date_outside(item[f])]
            if not outside and not old_dates:
                continue
            if self.by is None:
                self.notes.add("N010", field=key, years=_years_text(outside) or ", ".join(old_dates),
                               period=self.label, text=texts[0] if texts else "")
                gone.append(index)
            else:
                self._shift(item, key, fields, dates)
        return _without(items, gone)

    def _date_outside(self, value: Any) -> bool:
        year = _year_of(value)
        return year is not None and not self.new[0] <= year <= self.new[1]

    def _shift(self, item: Any, key: str, fields: tuple[str, ...], dates: tuple[str, ...]) -> None:
        from ntm.years import shift

        old_text = str(item.get(fields[0], ""))
        for name in fields:
            if isinstance(item.get(name), str):
                item[name] = _like(item[name], shift(str(item[name]), self.old, self.by))
        for name in dates:
            if name in item and self._date_outside(item[name]):
                item[name] = _date(_moved(dt.date.fromisoformat(str(item[name])), self.by))
        _shift_comments(item, self.old, self.by)
        self.notes.add("N009", old=self.old.start, new=self.old.start + self.by, field=key, text=old_text)


def _without(items: Any, indexes: list[int]) -> Any:
    """The list without those items, removed in place so that the comments of the others stay."""
    for index in reversed(indexes):
        del items[index]
    return items


def _moved(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def _year_of(value: Any) -> int | None:
    match = re.match(r"([0-9]{4})-", str(value))
    return int(match[1]) if match else None


def _shift_comments(node: Any, years: range, by: int) -> None:
    """Comments inside a moved item name the old year too ("# "trong quý IV năm 2024": …")."""
    from ntm.years import shift

    for tokens in getattr(getattr(node, "ca", None), "items", {}).values():
        for token in tokens or []:
            for one in token if isinstance(token, list) else [token]:
                if one is not None and hasattr(one, "value"):
                    one.value = shift(one.value, years, by)


def _years_text(mentions: list) -> str:
    shown = dict.fromkeys(f"{m.first}" if m.first == m.last else f"{m.first}-{m.last}" for m in mentions)
    return ", ".join(shown)


# ---------------------------------------------------------------------------
# Assessments: kept with their own date, or history
# ---------------------------------------------------------------------------


def _latest(assessments) -> list[int]:
    """Indexes of each unit's latest assessment."""
    from ntm.text import fold

    latest: dict[str, int] = {}
    for index, assessment in enumerate(assessments):
        key = fold(assessment.unit.name) if assessment.unit else ""
        when = assessment.as_of or dt.date.min
        best = latest.get(key)
        if best is None or when >= (assessments[best].as_of or dt.date.min):
            latest[key] = index
    return sorted(latest.values())


def _kept_assessments(items: Any, previous, year: int, notes: _Notes) -> Any:
    """Each unit's latest assessment with its own date (old data, not re-dated), without last year's targets."""
    from ntm.vnformat import format_short_date

    keep = _latest(previous.assessments)
    for index in reversed(range(len(items))):
        if index not in keep:
            del items[index]  # in place: the comments of the kept ones stay
    baseline = format_short_date(dt.date(year - 1, 12, 31))
    for assessment, index in zip(items, keep):
        _drop_targets(assessment)
        when = previous.assessments[index].as_of
        notes.add("N011", date=format_short_date(when) if when else "?", baseline=baseline)
    return items


def _drop_targets(assessment: Any) -> None:
    indicators = assessment.get("indicators") or {}
    for code in list(indicators):
        indicator = indicators[code]
        indicator.pop("targets", None)
        if not indicator.get("measures") and indicator.get("status") is None and not indicator.get("note"):
            del indicators[code]


def _assessments_to_history(data: Any, previous: list[Previous], notes: _Notes) -> None:
    """Old assessments and recognitions become notes: a new set (or a new commune) starts unassessed."""
    lines = []
    for one in previous:
        plan = one.plan
        lines += [_assessment_line(plan, plan.assessments[i]) for i in _latest(plan.assessments)]
        lines += [_recognition_line(plan, r) for r in plan.recognitions]
    if lines:
        notes.add("N021", count=len(lines))
        _set(data, "notes", _seq(lines))
    _set(data, "assessments", _seq([]))
    data.pop("recognitions", None)


def _assessment_line(plan, assessment) -> str:
    from ntm.vnformat import format_short_date

    unit = assessment.unit.name if assessment.unit else plan.unit.name
    when = f"đến ngày {format_short_date(assessment.as_of)}" if assessment.as_of else f"năm {assessment.year or '?'}"
    declared = assessment.declared
    met = declared.met if declared.met is not None else len(assessment.met_codes())
    total = declared.total if declared.total is not None else len(assessment.criteria) or "?"
    unmet = ", ".join(assessment.unmet_codes())
    tail = f" (chưa đạt: tiêu chí {unmet})" if unmet else ""
    return (f"Lịch sử (kế hoạch {plan.slug}): {when}, {_unit_words(plan, unit)} đạt {met}/{total} tiêu chí theo "
            f"{_set_title(assessment.criteria_set)}{tail}; không quy đổi sang bộ tiêu chí của kế hoạch này.")


def _recognition_line(plan, recognition) -> str:
    from ntm.messages import standard_label

    when = f" năm {recognition.year}" if recognition.year else ""
    decision = f" ({recognition.decision})" if recognition.decision else ""
    return (f"Lịch sử (kế hoạch {plan.slug}): {_unit_words(plan, plan.unit.name)} được công nhận đạt chuẩn "
            f"{standard_label(recognition.standard, 'vi')}{when}{decision}; xã sau sắp xếp cần được xem xét lại.")


def _unit_words(plan, name: str | None) -> str:
    district = f", huyện {plan.unit.district}" if plan.unit.district else ""
    return f"xã {name}{district}" if plan.unit.level.value == "xa" else str(name)


def _set_title(set_id: str) -> str:
    catalog = _catalog(set_id, "")
    return catalog.title if catalog is not None else f"bộ tiêu chí {set_id}"


# ---------------------------------------------------------------------------
# The criteria set of the new year
# ---------------------------------------------------------------------------


@dataclass
class _Criteria:
    """The criteria set and overlay of the new year: `new` replaces an old set whose period does not cover it."""

    new: str | None = None
    replaced: bool = False
    drop_overlay: bool = False

    def apply(self, data: Any) -> None:
        if not self.replaced:
            return
        if self.new is None:
            data.pop("criteria_set", None)
        else:
            data["criteria_set"] = self.new
        for duty in data.get("duties") or []:
            duty.pop("criteria", None)  # codes of the old set mean nothing in the new one


def _criteria_for(previous, year: int, notes: _Notes, file: str) -> _Criteria:
    from ntm.scaffold import default_criteria_set

    choice = _Criteria()
    overlay = previous.overlay
    if overlay and not _covers(overlay, year, file):
        notes.add("N020", overlay=overlay, year=year)
        choice.drop_overlay = True
    old = previous.criteria_set
    if not old or _covers(old, year, file):
        return choice
    choice.replaced = True
    choice.new = default_criteria_set(previous.unit.level.value, year)
    notes.add("N015", old=old, new=choice.new or "—", year=year, old_count=_count(old, file),
              new_count=_count(choice.new, file))
    return choice


def _catalog(set_id: str | None, file: str):
    from ntm.criteria import load_with_problem

    return load_with_problem(set_id, file)[0] if set_id else None


def _covers(set_id: str, year: int, file: str) -> bool:
    catalog = _catalog(set_id, file)
    if catalog is None:
        return True  # unknown here: keep it, validation says what is wrong
    return catalog.period.start <= year <= (catalog.period.end or year)


def _count(set_id: str | None, file: str) -> int | str:
    catalog = _catalog(set_id, file)
    return len(catalog.criteria) if catalog is not None else "?"


def _add_set_basis(data: Any, notes: _Notes) -> None:
    """Cite the decision of the new criteria set, which a plan under it rests on."""
    from ntm.vnformat import format_short_date

    catalog = _catalog(data.get("criteria_set"), "")
    source = catalog.source if catalog is not None else None
    if source is None or not source.date or "date" in source.unconfirmed:
        return
    document = data["document"]
    bases = document.get("legal_bases")
    if bases is None:
        bases = document["legal_bases"] = _seq([])
    if any(source.number in str(b.get("text", "")) for b in bases):
        return
    title = f" {source.title[0].lower()}{source.title[1:]}" if source.title else ""
    text = f"Căn cứ {source.document} số {source.number} ngày {format_short_date(source.date)} của {source.issuer}{title};"
    basis = {"text": text, "kind": _KINDS.get(source.document), "number": source.number,
             "date": _date(source.date), "issuer": source.issuer}
    bases.insert(0, _map({k: v for k, v in basis.items() if v is not None}))
    notes.add("N022", what={"vi": f"thêm căn cứ: {text}", "en": f"added a legal basis: {text}"})


_KINDS = {"Quyết định": "QĐ", "Nghị quyết": "NQ", "Thông tư": "TT", "Nghị định": "NĐ", "Chỉ thị": "CT"}


# ---------------------------------------------------------------------------
# Across the reform: the new commune, without the district
# ---------------------------------------------------------------------------


def _move_to_successor(data: Any, previous, successor, notes: _Notes) -> None:
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
                    item[name] = _like(item[name], _renamed(str(item[name]), previous, successor))


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


def _drop_matching(mapping: Any, key: str, matches) -> list[str]:
    items = mapping.get(key) or []
    gone = [i for i, item in enumerate(items) if matches(item)]
    shown = [f"{key}: {_shown(items[i])}" for i in gone]
    _without(items, gone)
    return shown


def _shown(item: Any) -> str:
    return str(item.get("text") or item.get("body")) if hasattr(item, "get") else str(item)


def _new_document(document: Any, previous, successor, notes: _Notes) -> None:
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
            document[key] = _like(document[key], _renamed(str(document[key]), previous, successor))
    document["archive"] = "VT"
    document["signature"] = _map({"authority": [{"form": "TM", "of": "ỦY BAN NHÂN DÂN"}],
                                  "title": "CHỦ TỊCH", "name": "«Họ và tên»"})
    recipients = document.get("recipients")
    if recipients is None:
        recipients = document["recipients"] = _seq([])
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


# ---------------------------------------------------------------------------
# ruamel helpers
# ---------------------------------------------------------------------------


def _set(mapping: Any, key: str, value: Any) -> None:
    from ntm.fmt import top_level_order
    from ntm.roundtrip import Edit, apply_edits

    if key in mapping:
        mapping[key] = value
    else:
        apply_edits(mapping, [Edit("set", (key,), value, tuple(top_level_order()))])


def _period(start: int, end: int) -> Any:
    from ruamel.yaml.comments import CommentedMap

    from ntm.roundtrip import number_scalar

    period = CommentedMap()
    period["start"] = number_scalar(start)
    period["end"] = number_scalar(end)
    return period


def _date(day: dt.date):
    from ntm.roundtrip import PlainScalar

    return PlainScalar(day.isoformat(), "tag:yaml.org,2002:timestamp")


def _seq(items: list) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(items)


def _map(value: dict) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    made = CommentedMap()
    for key, item in value.items():
        if isinstance(item, dict):
            item = _map(item)
        elif isinstance(item, list):
            item = CommentedSeq([_map(i) if isinstance(i, dict) else i for i in item])
        made[key] = item
    return made


def _strip_comments(node: Any) -> None:
    comments = getattr(node, "ca", None)
    if comments is not None:
        comments.items.clear()
        comments.comment = None
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        _strip_comments(child)


def _like(old: Any, text: str) -> Any:
    """New text in the old scalar's style (plain, quoted, folded) when the type allows it."""
    try:
        return type(old)(text)
    except TypeError:
        return text


def _carried_funding(old: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    funding = old if isinstance(old, CommentedMap) else CommentedMap()
    for key in ("total", "note"):
        funding.pop(key, None)
    funding["lines"] = _seq([])
    return funding
