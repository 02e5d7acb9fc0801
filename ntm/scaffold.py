"""`ntm new`: start a plan file, either as a skeleton or from previous plans.

`create_plan` writes `<slug>.yaml` (beside the first plan it starts from, or
in the plans folder), headed by the `yaml-language-server` comment that
points editors at the plan schema: the plans repository's
schema/plan.schema.json when the new file lies inside one, else a
plan.schema.json that it writes beside the plans (the path always resolves,
also when ntm is installed from a wheel). From previous plans it carries
what still holds (`ntm.carry`, across the 2025 reform too) and says what it
did not carry; without one it writes a minimal valid skeleton for the level,
with Vietnamese placeholders «…». Nothing is written unless the result
validates with no errors and the target does not exist yet; refusals are
`NewPlanRefused` carrying diagnostics.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ntm.diagnostics import Diagnostic, Severity
from ntm.messages import register
from ntm.units import REFORM_DATE as REFORM

SCHEMA_RELATIVE = Path("schema") / "plan.schema.json"
SCHEMA_BESIDE_PLANS = "plan.schema.json"
MODELINE = "# yaml-language-server: $schema="
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
# What `ntm new --from` did not carry, or changed (info), and why it refused (error): ntm.carry, ntm.successor.
register("N008", "Không kế thừa căn cứ chỉ gắn với năm {years} (ngoài giai đoạn {period}): {text}",
         "Not carried: a legal basis only about {years} (outside the period {period}): {text}")
register("N009", "Chuyển năm {old} sang năm {new} trong {field} (việc lặp lại hằng năm; hãy kiểm tra): {text}",
         "Moved {old} to {new} in {field} (a yearly duty; check it): {text}")
register("N010", "Không kế thừa mục {field} gắn với năm {years} (ngoài giai đoạn {period}): {text}",
         "Not carried: an item of {field} naming {years} (outside the period {period}): {text}")
register("N011", "Đánh giá ngày {date} được giữ nguyên ngày (số liệu cũ, không phải hiện trạng tại {baseline}); "
         "hãy thêm đánh giá tại ngày {baseline}",
         "The assessment of {date} keeps its date (old data, not the state at {baseline}); add an assessment at {baseline}")
register("N012", "Các xã cũ không cùng trở thành một xã mới từ ngày 01/7/2025 ({units}); mỗi kế hoạch mới chỉ lập cho một xã",
         "The former communes did not become one commune on 1 July 2025 ({units}); a new plan is for one commune")
register("N013", "Không tra được đơn vị '{name}' của kế hoạch {slug} trong danh mục chính thức: {reason}",
         "Cannot find unit '{name}' of plan {slug} in the official register: {reason}")
register("N014", "{old} từ ngày 01/7/2025 thuộc {new}: kế hoạch mới lập cho đơn vị này",
         "{old} is part of {new} since 1 July 2025: the new plan is for that unit")
register("N015", "Bộ tiêu chí {old} không áp dụng cho năm {year}: kế hoạch mới dùng bộ {new}. {old_count} tiêu chí cũ "
         "không tương ứng một - một với {new_count} tiêu chí mới, nên không quy đổi đánh giá cũ; "
         "đánh giá và công nhận cũ chỉ được ghi vào notes như lịch sử",
         "Criteria set {old} does not apply to {year}: the new plan uses {new}. The {old_count} old criteria do not map "
         "one to one onto the {new_count} new ones, so old assessments are not converted; they and old recognitions "
         "are written into notes as history only")
register("N016", "Bỏ phần của cấp huyện hoặc cơ quan không còn sau sắp xếp năm 2025: {what}",
         "Dropped, a district body or one gone since the 2025 reform: {what}")
register("N017", "Chưa có nhóm xã: thêm unit.commune_group (nhom-1, nhom-2 hoặc nhom-3) theo quyết định phân nhóm của tỉnh",
         "No commune group yet: add unit.commune_group (nhom-1, nhom-2 or nhom-3) as the province's decision says")
register("N018", "Từ ngày 01/7/2025 không còn cấp huyện: không lập kế hoạch cấp huyện cho năm {year}",
         "There are no districts from 1 July 2025: no district plan for {year}")
register("N019", "Nhiều --from chỉ dùng để gộp kế hoạch của các xã cũ sáp nhập từ ngày 01/7/2025; {slugs} không phải trường hợp đó",
         "Several --from are only for former communes merged on 1 July 2025; {slugs} are not")
register("N020", "Không kế thừa bộ chỉ tiêu của tỉnh '{overlay}': giai đoạn của bộ không gồm năm {year}",
         "Not carried: the province overlay '{overlay}', whose period does not include {year}")
register("N021", "Đã ghi {count} mục lịch sử (đánh giá, công nhận của kế hoạch cũ) vào notes; không kế thừa thành hiện trạng",
         "Wrote {count} history items (old assessments, recognitions) into notes; not carried as the current state")
register("N022", "Đã đổi: {what}", "Changed: {what}")
register("N024", "{old} được chia cho nhiều xã mới ({parts}); kế hoạch mới lập cho xã {new}",
         "{old} was split between several new communes ({parts}); the new plan is for {new}")
register("N025", "{new} còn gồm {units}: không có kế hoạch nào của các xã này được đưa vào (--from)",
         "{new} also includes {units}: no plan of those was given (--from)")


class NewPlanRefused(Exception):
    """`ntm new` wrote nothing; `diagnostics` say why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(", ".join(d.code for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass
class Created:
    """The new plan's path, what `ntm new` should say about it, and the schema file it wrote (if any)."""

    path: Path
    notes: list[Diagnostic] = field(default_factory=list)
    schema_written: Path | None = None


def new_plan(
    slug: str,
    level: str | None,
    year: int,
    from_plan_path: Path | str | Sequence[Path | str] | None = None,
    plans_dir: Path | str = "plans",
    schema_path: Path | str | None = None,
    force: bool = False,
) -> Path:
    """`create_plan`, returning only the new file's path."""
    return create_plan(slug, level, year, from_plan_path, plans_dir, schema_path, force).path


def create_plan(
    slug: str,
    level: str | None,
    year: int,
    from_plans: Path | str | Sequence[Path | str] | None = None,
    plans_dir: Path | str = "plans",
    schema_path: Path | str | None = None,
    force: bool = False,
) -> Created:
    """Write a new plan; raise `NewPlanRefused` (nothing written) otherwise.

    `force` writes a plan whose carried-over content no longer validates so
    that it can be corrected by hand; it never overrides a bad slug, level or
    year, a refused carry, or an existing file.
    """
    previous = _paths(from_plans)
    folder = previous[0].parent if previous else Path(plans_dir)
    target = folder / f"{slug}.yaml"
    _refuse_if(_argument_problems(slug, level, year, target, bool(previous)))
    notes: list[Diagnostic] = []
    if previous:
        from ntm.carry import carried

        result = carried(previous, slug, level, year, target)
        body, notes = result.text, result.notes
    else:
        body = skeleton_text(slug, level or "xa", year)
    schema, to_write = schema_location(target, Path(plans_dir), schema_path)
    text = _finish(body, target, schema)
    if not force:
        _refuse_if(_validation_problems(text, target))
    _refuse_if(_exists(target))
    from ntm.safeio import atomic_write_text

    if to_write:
        from ntm.schema import schema_text

        atomic_write_text(schema, schema_text())
    atomic_write_text(target, text)
    return Created(target, notes, schema if to_write else None)


def _paths(from_plans) -> list[Path]:
    if from_plans is None:
        return []
    if isinstance(from_plans, (str, Path)):
        return [Path(from_plans)]
    return [Path(p) for p in from_plans]


def _refuse_if(problems: list[Diagnostic]) -> None:
    if problems:
        raise NewPlanRefused(problems)


def _argument_problems(slug: str, level: str | None, year: int, target: Path, carried: bool) -> list[Diagnostic]:
    from ntm.model.plan import SLUG_PATTERN

    file = str(target)
    problems = []
    if not re.fullmatch(SLUG_PATTERN, slug or "") or len(slug) > 80:
        problems.append(Diagnostic("N001", Severity.ERROR, file, params={"slug": slug}))
    if level is not None and level not in LEVELS:
        problems.append(Diagnostic("N003", Severity.ERROR, file, params={"level": level}))
    if not 1945 <= year <= 2100:
        problems.append(Diagnostic("N007", Severity.ERROR, file, params={"year": year}))
    elif level == "huyen" and not carried and dt.date(year, 1, 1) >= REFORM:
        problems.append(Diagnostic("N018", Severity.ERROR, file, params={"year": year}))
    return problems or _exists(target)


def _exists(target: Path) -> list[Diagnostic]:
    clash = [p for p in (target, target.with_suffix(".yml")) if p.exists()]
    return [Diagnostic("N002", Severity.ERROR, str(clash[0]))] if clash else []


def _finish(body: str, target: Path, schema: Path) -> str:
    from ntm.fmt import FormatError, format_text

    header = f"{MODELINE}{schema_reference(target, schema)}\n"
    try:
        return format_text(header + body)
    except FormatError as exc:
        params = {"count": 1}
        raise NewPlanRefused([Diagnostic("N006", Severity.ERROR, str(target), params=params),
                              Diagnostic("F003", Severity.ERROR, str(target), exc.line, exc.column,
                                         params={"problem": exc.problem})]) from None


def schema_reference(target: Path, schema: Path) -> str:
    """The schema file's path relative to the new file's folder, with forward slashes."""
    return Path(os.path.relpath(Path(schema).resolve(), target.parent.resolve())).as_posix()


def schema_location(target: Path, plans_dir: Path, schema_path: Path | str | None = None) -> tuple[Path, bool]:
    """Where the new file's `$schema` points, and whether ntm must write that file first.

    The plans repository's schema/plan.schema.json (in the new file's folder or
    above it) when there is one; else plan.schema.json beside the plans (the
    plans folder when it holds the new file, else the new file's folder),
    written (again) when it is missing or not the current schema.
    """
    if schema_path is not None:
        return Path(schema_path), False
    folder = target.parent.resolve()
    for candidate in [folder, *folder.parents]:
        if (candidate / SCHEMA_RELATIVE).is_file():
            return candidate / SCHEMA_RELATIVE, False
    plans = plans_dir.resolve()
    home = plans if folder == plans or plans in folder.parents else folder
    beside = home / SCHEMA_BESIDE_PLANS
    return beside, not _current_schema(beside)


def _current_schema(path: Path) -> bool:
    from ntm.schema import schema_text

    try:
        return path.read_text(encoding="utf-8") == schema_text()
    except (OSError, UnicodeDecodeError):
        return False


def _validation_problems(text: str, target: Path) -> list[Diagnostic]:
    """Validate the new text as the target file (slug = file name, catalogs beside it)."""
    from ntm.fmt import check_text

    errors = [d for d in check_text(text, str(target)) if d.severity is Severity.ERROR]
    if not errors:
        return []
    return [Diagnostic("N006", Severity.ERROR, str(target), params={"count": len(errors)}), *errors]


# ---------------------------------------------------------------------------
# Skeleton
# ---------------------------------------------------------------------------


def skeleton_text(slug: str, level: str, year: int) -> str:
    """A minimal valid plan for the level, with placeholders «…» to fill in."""
    two_level = year >= 2026
    issuer, parent = _bodies(level)
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
    if level == "xa" and two_level:
        lines.append("  # commune_group: nhom-1 | nhom-2 | nhom-3 (nhóm xã theo QĐ 51/2025/QĐ-TTg, theo quyết định của tỉnh)")
    if level == "thon":
        lines[2] += "; thôn thuộc xã «Tên xã»"
    return lines


def _bodies(level: str) -> tuple[str, str | None]:
    """The issuing body and its parent. A UBND (xã, huyện, tỉnh) names no parent body in its
    letterhead ("ỦY BAN NHÂN DÂN / XÃ TÂN MỸ"); a thôn's Ban phát triển names its UBND xã."""
    if level == "thon":
        return "Ban phát triển thôn «Tên thôn»", "Ủy ban nhân dân xã «Tên xã»"
    return f"Ủy ban nhân dân {LEVELS[level]} «Tên {LEVELS[level]}»", None
