"""Carrying previous plans into a new one: `ntm new SLUG --year N --from OLD [--from OLD2 …]`.

From the (first) previous plan the new one keeps the unit, the criteria set
and overlay while their period covers the new year, the document's issuer,
parent body, place, recipients, archive, signature and legal bases,
recognitions, sponsorship, duties and monitoring; it moves the period to the
new year, sets the baseline to 31/12 of the year before, empties tasks and
funding lines (keeping the funding unit), drops phasing, targets, goals,
free-text sections and notes, and leaves the document unnumbered and
undated. Comments inside what is kept stay.

Nothing dated from the old year comes along as if it were the new one's
(`ntm.dated`): a legal basis that names only years outside the new period
(last year's budget allocation, a 2021-2025 criteria set in a 2027 plan) is
left out; a duty or monitoring item of an annual plan that names last year
("trong quý IV năm 2024") moves to the new year, one of a longer plan is left
out; the latest assessment of each unit keeps its own date (last year's data,
not the state at the new baseline) and loses last year's targets.

Across the 2025 reform (a commune plan dated before 1 July 2025 carried into
2026 or later) the new plan is for the commune the old ones became
(`ntm.successor`), from one or several previous plans; huyện-level content
(district, region, district bodies among recipients, legal bases and duties)
is dropped and the document is issued by the new commune's UBND with its
signature block to fill in (`ntm.reform`); the criteria are re-based on
the set of the new year. The 19 criteria of 2021-2025 do not map onto the 10
of 2026-2030, so old assessments and recognitions are not carried as such:
they are written into `notes` as history. Every such decision is returned as
an info diagnostic (N008-N025) for `ntm new` to print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm.diagnostics import Diagnostic, Severity

DROPPED = ("phasing", "targets", "goals", "sections", "notes")
DOCUMENT_DROPPED = ("date", "published", "source_note")


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


class Notes:
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
    notes = Notes(str(target))
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
        strip_comments(data)  # they describe the old document, not the new commune's
        from ntm.reform import move_to_successor

        move_to_successor(data, base, successor, notes)
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


def _carry_over(data: Any, previous, slug: str, year: int, notes: Notes) -> None:
    for key in DROPPED:
        data.pop(key, None)
    data["slug"] = slug
    start, end = new_period(previous.period.start, previous.period.end, year)
    if "period" not in data:
        _set(data, "period", _period(start, end))
    _set(data, "baseline_as_of", date_scalar(dt.date(year - 1, 12, 31)))
    _carry_document(data["document"], previous.period.label(), f"{start}" if start == end else f"{start}-{end}")
    if "tasks" not in data or data["tasks"]:
        _set(data, "tasks", seq([]))
    if "funding" not in data or data["funding"].get("lines") or "total" in data["funding"]:
        _set(data, "funding", _carried_funding(data.get("funding")))
    from ntm.dated import Dated

    Dated(previous.period, start, end, notes).carry(data)


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
            document[key] = like(text, text.replace(old_label, new_label))


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


def _kept_assessments(items: Any, previous, year: int, notes: Notes) -> Any:
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


def _assessments_to_history(data: Any, previous: list[Previous], notes: Notes) -> None:
    """Old assessments and recognitions become notes: a new set (or a new commune) starts unassessed."""
    lines = []
    for one in previous:
        plan = one.plan
        lines += [_assessment_line(plan, plan.assessments[i]) for i in _latest(plan.assessments)]
        lines += [_recognition_line(plan, r) for r in plan.recognitions]
    if lines:
        notes.add("N021", count=len(lines))
        _set(data, "notes", seq(lines))
    _set(data, "assessments", seq([]))
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


def _criteria_for(previous, year: int, notes: Notes, file: str) -> _Criteria:
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


def _add_set_basis(data: Any, notes: Notes) -> None:
    """Cite the decision of the new criteria set, which a plan under it rests on."""
    from ntm.vnformat import format_short_date

    catalog = _catalog(data.get("criteria_set"), "")
    source = catalog.source if catalog is not None else None
    if source is None or not source.date or "date" in source.unconfirmed:
        return
    document = data["document"]
    bases = document.get("legal_bases")
    if bases is None:
        bases = document["legal_bases"] = seq([])
    if any(source.number in str(b.get("text", "")) for b in bases):
        return
    title = f" {source.title[0].lower()}{source.title[1:]}" if source.title else ""
    text = f"Căn cứ {source.document} số {source.number} ngày {format_short_date(source.date)} của {source.issuer}{title};"
    basis = {"text": text, "kind": _KINDS.get(source.document), "number": source.number,
             "date": date_scalar(source.date), "issuer": source.issuer}
    bases.insert(0, mapping({k: v for k, v in basis.items() if v is not None}))
    notes.add("N022", what={"vi": f"thêm căn cứ: {text}", "en": f"added a legal basis: {text}"})


_KINDS = {"Quyết định": "QĐ", "Nghị quyết": "NQ", "Thông tư": "TT", "Nghị định": "NĐ", "Chỉ thị": "CT"}


# ---------------------------------------------------------------------------
# ruamel helpers
# ---------------------------------------------------------------------------


def _set(owner: Any, key: str, value: Any) -> None:
    from ntm.fmt import top_level_order
    from ntm.roundtrip import Edit, apply_edits

    if key in owner:
        owner[key] = value
    else:
        apply_edits(owner, [Edit("set", (key,), value, tuple(top_level_order()))])


def _period(start: int, end: int) -> Any:
    from ruamel.yaml.comments import CommentedMap

    from ntm.roundtrip import number_scalar

    period = CommentedMap()
    period["start"] = number_scalar(start)
    period["end"] = number_scalar(end)
    return period


def date_scalar(day: dt.date):
    from ntm.roundtrip import PlainScalar

    return PlainScalar(day.isoformat(), "tag:yaml.org,2002:timestamp")


def seq(items: list) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(items)


def mapping(value: dict) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    made = CommentedMap()
    for key, item in value.items():
        if isinstance(item, dict):
            item = mapping(item)
        elif isinstance(item, list):
            item = CommentedSeq([mapping(i) if isinstance(i, dict) else i for i in item])
        made[key] = item
    return made


def without(items: Any, indexes: list[int]) -> Any:
    """The list without those items, removed in place so that the comments of the others stay."""
    for index in reversed(indexes):
        del items[index]
    return items


def strip_comments(node: Any) -> None:
    comments = getattr(node, "ca", None)
    if comments is not None:
        comments.items.clear()
        comments.comment = None
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        strip_comments(child)


def like(old: Any, text: str) -> Any:
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
    funding["lines"] = seq([])
    return funding
