"""`ntm new`: start a plan file, either as a skeleton or from last year's plan.

`new_plan` writes `<slug>.yaml` (beside the plan it starts from, or in the
plans folder), headed by the `yaml-language-server` comment that points
editors at schema/plan.schema.json. From a previous plan it keeps the unit,
the criteria set and overlay, the document's issuer, parent body, place,
recipients, archive, signature and legal bases, recognitions, sponsorship,
duties and monitoring (without due dates); it moves the period to the new
year, sets the baseline to 31/12 of the year before, carries the previous
plan's latest assessment of each unit forward as the new baseline (measures
and statuses, without last year's targets), empties tasks and funding lines
(keeping the funding unit), drops last year's phasing, targets, goals,
free-text sections and notes, and leaves the document unnumbered and
undated ("/KH-BCĐ") until it is signed. Comments inside what is kept stay.
Without a previous plan it writes a minimal valid skeleton for the level,
with Vietnamese placeholders «…». Nothing is written unless the result
validates with no errors and the target does not exist yet; refusals are
`NewPlanRefused` carrying diagnostics.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from ntm.diagnostics import Diagnostic, Severity
from ntm.messages import register

SCHEMA_RELATIVE = Path("schema") / "plan.schema.json"
MODELINE = "# yaml-language-server: $schema="
DROPPED = ("phasing", "targets", "goals", "sections", "notes")
DOCUMENT_DROPPED = ("date", "published", "source_note")
LEVELS = {"xa": "xã", "huyen": "huyện", "tinh": "tỉnh", "thon": "thôn"}

register("N001", "Mã kế hoạch '{slug}' không hợp lệ (chỉ chữ thường không dấu, số và dấu '-', ví dụ: hung-my-2025)",
         "Invalid plan slug '{slug}' (lower-case ASCII letters, digits and '-', e.g. hung-my-2025)")
register("N002", "Tệp đã tồn tại; không ghi đè", "The file already exists; not overwritten")
register("N003", "Cấp '{level}' không hợp lệ (xa, huyen, tinh, thon)", "Invalid level '{level}' (xa, huyen, tinh, thon)")
register("N004", "Cấp '{level}' khác cấp của kế hoạch gốc ('{previous}')",
         "Level '{level}' differs from the previous plan's level ('{previous}')")
register("N005", "Không lập được kế hoạch mới từ kế hoạch gốc vì kế hoạch gốc chưa hợp lệ ({count} lỗi)",
         "Cannot start from the previous plan: it does not validate ({count} errors)")
register("N006", "Kế hoạch mới sẽ không hợp lệ ({count} lỗi); không ghi tệp (thêm --force để vẫn ghi rồi sửa tay)",
         "The new plan would not validate ({count} errors); nothing written (add --force to write it and fix it by hand)")
register("N007", "Năm {year} không hợp lệ (1945-2100)", "Invalid year {year} (1945-2100)")


class NewPlanRefused(Exception):
    """`ntm new` wrote nothing; `diagnostics` say why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(", ".join(d.code for d in diagnostics))
        self.diagnostics = diagnostics


def new_plan(
    slug: str,
    level: str | None,
    year: int,
    from_plan_path: Path | str | None = None,
    plans_dir: Path | str = "plans",
    schema_path: Path | str | None = None,
    force: bool = False,
) -> Path:
    """Write a new plan and return its path; raise `NewPlanRefused` (nothing written) otherwise.

    `force` writes a plan whose carried-over content no longer validates (a
    unit merged in the 2025 reform, say) so that it can be corrected by hand;
    it never overrides a bad slug, level or year, or an existing file.
    """
    folder = Path(from_plan_path).parent if from_plan_path else Path(plans_dir)
    target = folder / f"{slug}.yaml"
    _refuse_if(_argument_problems(slug, level, year, target))
    if from_plan_path:
        body = carried_text(Path(from_plan_path), slug, level, year)
    else:
        body = skeleton_text(slug, level or "xa", year)
    text = _finish(body, target, schema_path)
    if not force:
        _refuse_if(_validation_problems(text, target))
    _refuse_if(_exists(target))
    from ntm.safeio import atomic_write_text

    atomic_write_text(target, text)
    return target


def _refuse_if(problems: list[Diagnostic]) -> None:
    if problems:
        raise NewPlanRefused(problems)


def _argument_problems(slug: str, level: str | None, year: int, target: Path) -> list[Diagnostic]:
    from ntm.model.plan import SLUG_PATTERN

    file = str(target)
    problems = []
    if not re.fullmatch(SLUG_PATTERN, slug or "") or len(slug) > 80:
        problems.append(Diagnostic("N001", Severity.ERROR, file, params={"slug": slug}))
    if level is not None and level not in LEVELS:
        problems.append(Diagnostic("N003", Severity.ERROR, file, params={"level": level}))
    if not 1945 <= year <= 2100:
        problems.append(Diagnostic("N007", Severity.ERROR, file, params={"year": year}))
    return problems or _exists(target)


def _exists(target: Path) -> list[Diagnostic]:
    clash = [p for p in (target, target.with_suffix(".yml")) if p.exists()]
    return [Diagnostic("N002", Severity.ERROR, str(clash[0]))] if clash else []


def _finish(body: str, target: Path, schema_path: Path | str | None) -> str:
    from ntm.fmt import FormatError, format_text

    header = f"{MODELINE}{schema_reference(target, schema_path)}\n"
    try:
        return format_text(header + body)
    except FormatError as exc:
        params = {"count": 1}
        raise NewPlanRefused([Diagnostic("N006", Severity.ERROR, str(target), params=params),
                              Diagnostic("F003", Severity.ERROR, str(target), exc.line, exc.column,
                                         params={"problem": exc.problem})]) from None


def schema_reference(target: Path, schema_path: Path | str | None = None) -> str:
    """The schema file's path relative to the new file's folder, with forward slashes."""
    schema = Path(schema_path) if schema_path else _find_schema(target.parent)
    return Path(os.path.relpath(schema.resolve(), target.parent.resolve())).as_posix()


def _find_schema(folder: Path) -> Path:
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        if (candidate / SCHEMA_RELATIVE).is_file():
            return candidate / SCHEMA_RELATIVE
    return Path(__file__).resolve().parents[1] / SCHEMA_RELATIVE


def _validation_problems(text: str, target: Path) -> list[Diagnostic]:
    """Validate the new text as the target file (slug = file name, catalogs beside it)."""
    from ntm.fmt import check_text

    errors = [d for d in check_text(text, str(target)) if d.severity is Severity.ERROR]
    if not errors:
        return []
    return [Diagnostic("N006", Severity.ERROR, str(target), params={"count": len(errors)}), *errors]


# ---------------------------------------------------------------------------
# From last year's plan
# ---------------------------------------------------------------------------


def carried_text(previous_path: Path, slug: str, level: str | None, year: int) -> str:
    """The body (no header comment) of a new plan carried over from `previous_path`."""
    from ntm import roundtrip
    from ntm.loader import load_plan_text
    from ntm.yamlio import read_text

    text, problems = read_text(previous_path, str(previous_path))
    _refuse_if(problems)
    loaded = load_plan_text(text, str(previous_path))
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if loaded.plan is None or errors:
        _refuse_if([Diagnostic("N005", Severity.ERROR, str(previous_path), params={"count": len(errors)}), *errors])
    previous = loaded.plan
    if level is not None and level != previous.unit.level.value:
        _refuse_if([Diagnostic("N004", Severity.ERROR, str(previous_path),
                                params={"level": level, "previous": previous.unit.level.value})])
    data = roundtrip.load(_carried_chunks(text, previous))
    _carry_over(data, previous, slug, year)
    note = (f"# Lập bằng `ntm new` từ kế hoạch {previous.slug} ({previous.period.label()}); "
            "hãy rà soát trước khi trình ký.\n")
    return note + roundtrip.dump(data)


def _carried_chunks(text: str, previous) -> str:
    """Last year's text without its header comments and dropped parts; tasks and funding start afresh.

    Done on the text, by top-level key: each part leaves with the comments
    above and inside it (ruamel would leave them dangling, or mis-emit a
    comment left between a key and its new, empty value).
    """
    from ntm.fmt import split_top_level

    parts = split_top_level(text)
    if parts is None:
        return text
    fresh = {"tasks": "tasks: []\n", "funding": _funding_text(previous)}
    return "".join(fresh.get(key, chunk) for key, chunk in parts.chunks if key not in DROPPED)


def _funding_text(previous) -> str:
    funding = previous.funding
    unit = funding.unit if funding is not None and "unit" in funding.model_fields_set else None
    return "funding:\n" + (f"  unit: {unit}\n" if unit else "") + "  lines: []\n"


def _carry_over(data: Any, previous, slug: str, year: int) -> None:
    from ntm.fmt import top_level_order

    order = tuple(top_level_order())
    for key in DROPPED:
        data.pop(key, None)
    data["slug"] = slug
    start, end = new_period(previous.period.start, previous.period.end, year)
    _set(data, "period", _period(data.get("period"), start, end), order)
    _set(data, "baseline_as_of", _date(dt.date(year - 1, 12, 31)), order)
    _carry_document(data["document"], previous.period.label(), f"{start}" if start == end else f"{start}-{end}")
    if previous.assessments:
        _set(data, "assessments", _carried_assessments(data["assessments"], previous, dt.date(year - 1, 12, 31)), order)
    if _has_items(data.get("tasks")) or "tasks" not in data:
        _set(data, "tasks", _seq([]), order)
    if "funding" not in data or data["funding"].get("lines") or "total" in data["funding"]:
        _set(data, "funding", _carried_funding(data.get("funding")), order)
    for item in data.get("monitoring") or []:
        item.pop("due", None)


def new_period(start: int, end: int, year: int) -> tuple[int, int]:
    """The new plan's period starts in `year` and is as long as the previous one (2021-2025 → 2026-2030)."""
    return year, year + (end - start)


def _set(mapping: Any, key: str, value: Any, order: tuple[str, ...]) -> None:
    from ntm.roundtrip import Edit, apply_edits

    if key in mapping:
        mapping[key] = value
    else:
        apply_edits(mapping, [Edit("set", (key,), value, order)])


def _period(old: Any, start: int, end: int) -> Any:
    from ruamel.yaml.comments import CommentedMap

    from ntm.roundtrip import number_scalar

    period = old if isinstance(old, CommentedMap) else CommentedMap()
    period["start"] = number_scalar(start)
    period["end"] = number_scalar(end)
    return period


def _date(day: dt.date):
    from ntm.roundtrip import PlainScalar

    return PlainScalar(day.isoformat(), "tag:yaml.org,2002:timestamp")


def _seq(items: list) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(items)


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
            document[key] = type(text)(text.replace(old_label, new_label))  # keeps its quoting style


def _has_items(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 0


def _carried_funding(old: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    funding = old if isinstance(old, CommentedMap) else CommentedMap()
    for key in ("total", "note"):
        funding.pop(key, None)
    funding["lines"] = _seq([])
    return funding


def _carried_assessments(items: Any, previous, as_of: dt.date) -> Any:
    """Each unit's latest assessment, dated at the new baseline, without last year's targets."""
    from ntm.text import fold

    latest: dict[str, int] = {}
    for index, assessment in enumerate(previous.assessments):
        key = fold(assessment.unit.name) if assessment.unit else ""
        when = assessment.as_of or dt.date.min
        best = latest.get(key)
        if best is None or when >= (previous.assessments[best].as_of or dt.date.min):
            latest[key] = index
    for index in reversed(range(len(items))):
        if index not in latest.values():
            del items[index]  # in place: the comments of the kept ones stay
    for assessment in items:
        _carry_assessment(assessment, as_of)
    return items


def _carry_assessment(assessment: Any, as_of: dt.date) -> None:
    from ntm.model.assessment import Assessment
    from ntm.roundtrip import apply_edits, Edit

    assessment.pop("year", None)
    apply_edits(assessment, [Edit("set", ("as_of",), _date(as_of), tuple(Assessment.model_fields))])
    indicators = assessment.get("indicators") or {}
    for code in list(indicators):
        indicator = indicators[code]
        indicator.pop("targets", None)
        if not indicator.get("measures") and indicator.get("status") is None and not indicator.get("note"):
            del indicators[code]


# ---------------------------------------------------------------------------
# Skeleton
# ---------------------------------------------------------------------------


def skeleton_text(slug: str, level: str, year: int) -> str:
    """A minimal valid plan for the level, with placeholders «…» to fill in."""
    two_level = year >= 2026
    issuer, parent = _bodies(level, two_level)
    criteria_set = default_criteria_set(level, year)
    criteria = f"criteria_set: {criteria_set}" if criteria_set else "# criteria_set: mã bộ tiêu chí áp dụng"
    lines = [
        f"# Kế hoạch mới năm {year}: thay các chỗ «…» bằng nội dung của văn bản, rồi chạy `ntm validate`.",
        "schema_version: 1",
        f"slug: {slug}",
        "unit:",
        *_unit_lines(level, two_level),
        criteria,
        "period:",
        f"  start: {year}",
        f"  end: {year}",
        f"baseline_as_of: {year - 1}-12-31",
        "document:",
        "  kind: KH",
        "  number: /KH-UBND  # số văn bản: điền khi ký ban hành",
        f"  issuer: {issuer}",
        *([f"  parent_body: {parent}"] if parent else []),
        "  place: «Địa danh»",
        f"  title: Kế hoạch xây dựng nông thôn mới năm {year}",
        "  legal_bases: []  # mỗi căn cứ: {text: Căn cứ …}",
        "  recipients: []",
        "  archive: VT",
        "  signature:",
        "    authority:",
        "      - form: TM",
        "        of: ỦY BAN NHÂN DÂN",
        "    title: CHỦ TỊCH",
        "    name: «Họ và tên»",
        "assessments: []  # hiện trạng tiêu chí tại mốc baseline_as_of",
        "tasks: []",
        "funding:",
        "  unit: triệu đồng",
        "  lines: []",
    ]
    return "\n".join(lines) + "\n"


def default_criteria_set(level: str, year: int) -> str | None:
    """The shipped national set `<level>-ntm-<from>-<to>` whose years include `year`, if any."""
    from ntm.catalog import available_catalogs

    for catalog_id in available_catalogs():
        match = re.fullmatch(rf"{level}-ntm-([0-9]{{4}})-([0-9]{{4}})", catalog_id)
        if match and int(match[1]) <= year <= int(match[2]):
            return catalog_id
    return None


def _unit_lines(level: str, two_level: bool) -> list[str]:
    lines = [
        f"  level: {level}",
        f"  # name: «Tên {LEVELS[level]}» (tên chính thức; bỏ dấu # ở đầu dòng và xóa dòng note)",
        f"  note: Chưa điền tên {LEVELS[level]}",
    ]
    if level in ("xa", "thon") and not two_level:
        lines.append("  district: «Tên huyện»")
    if level != "tinh":
        lines.append("  province: «Tên tỉnh»")
    if level == "thon":
        lines[2] += "; thôn thuộc xã «Tên xã»"
    return lines


def _bodies(level: str, two_level: bool) -> tuple[str, str | None]:
    if level == "tinh":
        return "Ủy ban nhân dân tỉnh «Tên tỉnh»", None
    if level == "huyen":
        return "Ủy ban nhân dân huyện «Tên huyện»", "Ủy ban nhân dân tỉnh «Tên tỉnh»"
    parent = "Ủy ban nhân dân tỉnh «Tên tỉnh»" if two_level else "Ủy ban nhân dân huyện «Tên huyện»"
    if level == "thon":
        return "Ban phát triển thôn «Tên thôn»", "Ủy ban nhân dân xã «Tên xã»"
    return "Ủy ban nhân dân xã «Tên xã»", parent
