"""Lint of criteria catalog files, and its findings as diagnostics for `ntm validate`.

`lint_catalog(path)` checks one catalog or overlay file, shipped or a plans
repository's own, beyond what loading it checks: the file validates against
the catalog model, every value carries a source and a confidence, a regional
threshold has a cell (or an explicit unknown) for every region, codes are
unique, counts agree with the decision, an overlay names a set and codes that
exist, adds indicators only where its base's list is incomplete, and says when
it loosens a threshold. Each finding has a stable C code,
its line, and both languages. `check_catalogs(files)` turns the findings of a
plans repository's `catalogs/` folders into diagnostics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ntm.catalog import (
    Catalog,
    CatalogError,
    Overlay,
    Override,
    Relative,
    ThresholdSpec,
    addition_problem,
    build_catalog,
    find_base_file,
    load_catalog,
    merge_overlay,
    number_text,
    read_catalog_yaml,
    requirement_of,
)
from ntm.diagnostics import Diagnostic, Severity

_PROBLEMS: dict[str, tuple[str, str, str]] = {
    # code: (severity, Vietnamese, English)
    "C101": ("error", "Không đọc được tệp danh mục: {detail}", "Cannot read the catalog file: {detail}"),
    "C102": ("error", "Danh mục không hợp lệ tại '{field}': {detail}", "Invalid catalog at '{field}': {detail}"),
    "C103": ("error", "Thiếu nguồn hoặc mức tin cậy tại '{field}' (cần 'confidence' và 'ref')",
             "Missing source or confidence at '{field}' ('confidence' and 'ref' are required)"),
    "C104": ("error", "Mã {what} '{code}' bị lặp", "Duplicate {what} code '{code}'"),
    "C105": ("error", "Ngưỡng {code} thiếu giá trị cho {dim_vi} {missing} (ghi ô giá trị null hoặc 'unlisted: unknown')",
             "Threshold {code} lacks a value for {dim} {missing} (write a null cell or 'unlisted: unknown')"),
    "C106": ("error", "{dim_vi} '{value}' không có trong bộ tiêu chí", "Unknown {dim} '{value}' in the set"),
    "C107": ("error", "Lớp bổ sung mở rộng bộ tiêu chí không tồn tại '{base}'", "Overlay extends an unknown set '{base}'"),
    "C108": ("error", "Lớp bổ sung sửa mã '{code}' không có trong bộ '{base}'", "Overlay changes '{code}', not a code of '{base}'"),
    "C109": ("warning", "Lớp bổ sung nới lỏng ngưỡng {code}: {old} thành {new}", "Overlay loosens threshold {code}: {old} to {new}"),
    "C110": ("error", "Số {what} ghi nhận ({listed}) khác số văn bản nêu ({stated}) mà danh sách lại ghi là đầy đủ",
             "{listed} {what} listed but the source states {stated}, and the list is marked complete"),
    "C111": ("warning", "Mã bộ tiêu chí '{id}' khác tên tệp '{stem}'", "Catalog id '{id}' differs from the file name '{stem}'"),
    "C112": ("error", "Số hoặc mã tại '{field}' bị đọc thành số thực ({value}); hãy viết trong ngoặc kép",
             "Number or code at '{field}' was read as a float ({value}); quote it"),
    "C113": ("error", "Ngưỡng {code} dẫn chiếu tới '{target}' không tồn tại", "Threshold {code} refers to '{target}', which does not exist"),
    "C114": ("error", "Lớp bổ sung thêm chỉ tiêu '{code}' nhưng bộ '{base}' đã có mã này (sửa ngưỡng bằng 'overrides')",
             "Overlay adds indicator '{code}' but '{base}' already has it (change its threshold with 'overrides')"),
    "C115": ("error", "Lớp bổ sung thêm chỉ tiêu '{code}' vào tiêu chí '{criterion}' không có trong bộ '{base}'",
             "Overlay adds indicator '{code}' to criterion '{criterion}', which '{base}' does not have"),
    "C116": ("error", "Mã chỉ tiêu '{code}' không thuộc tiêu chí '{criterion}' (mã phải là {criterion} hoặc {criterion}.n)",
             "Indicator code '{code}' does not belong to criterion '{criterion}' (write {criterion} or {criterion}.n)"),
    "C117": ("error", "Bộ '{base}' đã có đủ danh sách chỉ tiêu; lớp bổ sung không thêm được chỉ tiêu '{code}'",
             "'{base}' lists every indicator already; the overlay cannot add '{code}'"),
}


@dataclass(frozen=True)
class CatalogProblem:
    """One finding of `lint_catalog`, with a stable code and both languages."""

    file: str
    line: int | None
    code: str
    severity: str
    message: str
    message_en: str

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.code, self.message)


def _problem(rule: str, file: Path, line: int | None, /, **params: Any) -> CatalogProblem:
    severity, vi, en = _PROBLEMS[rule]
    return CatalogProblem(str(file), line, rule, severity, vi.format(**params), en.format(**params))


def lint_catalog(path: str | Path) -> list[CatalogProblem]:
    """Every problem of one catalog or overlay file; [] when it is clean."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = read_catalog_yaml(path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [_problem("C101", path, _yaml_error_line(exc), detail=str(exc).splitlines()[0])]
    if not isinstance(data, dict):
        return [_problem("C101", path, 1, detail="not a mapping / không phải bảng khóa: giá trị")]
    return sorted(_Lint(path, text, data).run(), key=CatalogProblem.sort_key)


def _yaml_error_line(exc: Exception) -> int | None:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else None


@dataclass
class _Lint:
    path: Path
    text: str
    data: dict

    def run(self) -> list[CatalogProblem]:
        problems = self._id_matches_file()
        catalog = self._overlay() if "extends" in self.data else self._validate(Catalog, self.data)
        if isinstance(catalog, list):
            return problems + catalog
        return problems + self._coverage(catalog) + self._counts(catalog) + self._relatives(catalog)

    def _id_matches_file(self) -> list[CatalogProblem]:
        cid = self.data.get("id")
        if isinstance(cid, str) and cid != self.path.stem:
            return [_problem("C111", self.path, self._line("id"), id=cid, stem=self.path.stem)]
        return []

    def _validate(self, model: type[BaseModel], data: dict, context: dict | None = None) -> Any:
        try:
            return model.model_validate(data, context=context)
        except ValidationError as exc:
            return [self._from_error(err, data) for err in exc.errors()]

    def _overlay(self) -> Catalog | list[CatalogProblem]:
        overlay = self._validate(Overlay, self.data)
        if isinstance(overlay, list):
            return overlay
        base_path = find_base_file(overlay.extends, self.path)
        if base_path is None:
            return [_problem("C107", self.path, self._line("extends"), base=overlay.extends)]
        try:
            base = build_catalog(base_path, (overlay.id,))
        except CatalogError as exc:
            return [_problem("C107", self.path, self._line("extends"), base=f"{overlay.extends}: {exc}")]
        problems = self._override_problems(base, overlay)
        if problems:
            return problems
        try:
            merged = merge_overlay(base, overlay)
        except CatalogError as exc:
            return [_problem("C102", self.path, self._line("overrides"), field="overrides", detail=str(exc))]
        return self._validate(Catalog, merged, {"resolved": True})

    def _override_problems(self, base: Catalog, overlay: Overlay) -> list[CatalogProblem]:
        codes = {i.code for i in base.indicators()} | {c.id for c in base.conditions}
        problems = []
        for override in overlay.overrides:
            line = self._code_line(override.code)
            if override.code not in codes:
                problems.append(_problem("C108", self.path, line, code=override.code, base=base.id))
                continue
            problems += [_problem("C109", self.path, line, code=override.code, old=o, new=n)
                         for o, n in _loosened(base, override)]
        for addition in overlay.indicators:
            found = addition_problem(base, addition)
            if found:
                problems.append(_problem(found[0], self.path, self._code_line(addition.code), **found[1]))
        return problems

    def _from_error(self, err: dict, data: dict) -> CatalogProblem:
        loc = tuple(err["loc"])
        field = ".".join(str(p) for p in loc) or "(gốc)"
        line = self._loc_line(data, loc, err["type"])
        ctx = err.get("ctx") or {}
        if err["type"] == "catalog_duplicate_code":
            return _problem("C104", self.path, self._code_line(ctx["code"], nth=2), what=ctx["what"], code=ctx["code"])
        if err["type"] == "catalog_unknown_zone":
            dim_vi = {"region": "Vùng", "group": "Nhóm xã"}[ctx["dim"]]
            line = self._value_line(ctx["dim"], ctx["value"])
            return _problem("C106", self.path, line, dim_vi=dim_vi, dim=ctx["dim"], value=ctx["value"])
        if err["type"] == "catalog_float":
            return _problem("C112", self.path, line, field=field, value=ctx.get("value"))
        if loc and loc[-1] in {"ref", "confidence", "source"} and err["type"] in {"missing", "string_too_short"}:
            return _problem("C103", self.path, line, field=field)
        return _problem("C102", self.path, line, field=field, detail=err["msg"])

    def _coverage(self, catalog: Catalog) -> list[CatalogProblem]:
        problems = []
        for code, spec in _specs(catalog):
            missing = _missing_cells(catalog, spec)
            if missing:
                dim = next((d for d in ("region", "group", "year") if d in spec.by))
                dim_vi = {"region": "vùng", "group": "nhóm xã", "year": "năm"}[dim]
                problems.append(_problem("C105", self.path, self._code_line(code), code=code, dim=dim,
                                         dim_vi=dim_vi, missing=", ".join(missing)))
        return problems

    def _relatives(self, catalog: Catalog) -> list[CatalogProblem]:
        problems = []
        for code, spec in _specs(catalog):
            rel = spec.relative_to
            if rel and not _relative_target_exists(rel):
                problems.append(_problem("C113", self.path, self._code_line(code), code=code,
                                         target=f"{rel.catalog} {rel.code}"))
        return problems

    def _counts(self, catalog: Catalog) -> list[CatalogProblem]:
        listed = {"criteria": len(catalog.criteria), "indicators": len(catalog.indicators())}
        problems = []
        for what, stated in (("criteria", catalog.counts.criteria), ("indicators", catalog.counts.indicators)):
            complete = getattr(catalog.listing, what) == "complete"
            if stated and stated.value is not None and complete and stated.value != listed[what]:
                what_vi = {"criteria": "tiêu chí", "indicators": "chỉ tiêu"}[what]
                problems.append(_problem("C110", self.path, self._line("counts"), what=f"{what_vi} / {what}",
                                         listed=listed[what], stated=stated.value))
        return problems

    # -- lines -----------------------------------------------------------

    def _line(self, key: str, start: int = 0) -> int | None:
        pattern = re.compile(rf"^\s*(?:-\s+)?{re.escape(key)}\s*:")
        return self._search(pattern, start)

    def _search(self, pattern: re.Pattern, start: int = 0, nth: int = 1) -> int | None:
        hits = 0
        for number, line in enumerate(self.text.splitlines(), start=1):
            if number > start and pattern.search(line):
                hits += 1
                if hits == nth:
                    return number
        return None

    def _code_line(self, code: str, nth: int = 1) -> int | None:
        pattern = re.compile(rf"\b(?:code|id)\s*:\s*[\"']?{re.escape(code)}[\"']?\s*(?:[,}}#]|$)")
        return self._search(pattern, nth=nth) or self._search(pattern)

    def _value_line(self, key: str, value: str) -> int | None:
        return self._search(re.compile(rf"\b{key}\s*:\s*[\"']?{re.escape(value)}[\"']?\s*(?:[,}}#]|$)"))

    def _loc_line(self, data: Any, loc: tuple, error_type: str) -> int | None:
        anchor, field = _anchor(data, loc)
        start = self._code_line(anchor) if anchor else None
        if field is None or error_type == "missing":
            return start or (self._line(str(loc[0])) if loc else 1)
        return self._line(field, (start or 1) - 1) or start


def _anchor(data: Any, loc: tuple) -> tuple[str | None, str | None]:
    """The innermost `code`/`id` on the way to `loc`, and the last field name of `loc`."""
    anchor, node = None, data
    for part in (*loc, None):
        if isinstance(node, dict) and (node.get("code") or node.get("id")):
            anchor = str(node.get("code") or node.get("id"))
        if isinstance(node, dict) and part is not None:
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            break
    field = str(loc[-1]) if loc and isinstance(loc[-1], str) else None
    return anchor, field


def _relative_target_exists(rel: Relative) -> bool:
    try:
        target = load_catalog(rel.catalog)
    except CatalogError:
        return False
    return any(r.code == rel.code for r in target.indicators()) or any(c.id == rel.code for c in target.conditions)


def _specs(catalog: Catalog) -> list[tuple[str, ThresholdSpec]]:
    return [(i.code, i.threshold) for i in catalog.indicators()] + [(c.id, c.threshold) for c in catalog.conditions]


def _missing_cells(catalog: Catalog, spec: ThresholdSpec) -> list[str]:
    """Region/group ids with no cell, for a varying threshold not declared 'unlisted: unknown'."""
    if not spec.by or spec.unlisted or spec.relative_to:
        return []
    dim = "region" if "region" in spec.by else "group" if "group" in spec.by else None
    zones = [z.id for z in (catalog.regions if dim == "region" else catalog.groups)] if dim else [None]
    years = list(spec.years) or [None]
    present = {c.key() for c in spec.cells}
    missing = []
    for zone in zones:
        keys = [(zone if dim == "region" else None, zone if dim == "group" else None, y) for y in years]
        if any(k not in present for k in keys):
            missing.append(zone or ", ".join(str(k[2]) for k in keys if k not in present))
    return missing


def _loosened(base: Catalog, override: Override) -> list[tuple[str, str]]:
    """(old, new) pairs where an overlay value is weaker than a numeric base value."""
    req = requirement_of(base, override.code)
    if req is None:
        return []
    spec = req.threshold
    pairs = [(spec.value, override.value)] if override.value is not None else []
    old_cells = {c.key(): c.value for c in spec.cells}
    pairs += [(old_cells.get(c.key()), c.value) for c in override.cells]
    weaker = {">=": lambda old, new: new < old, "<=": lambda old, new: new > old}.get(spec.op)
    return [
        (number_text(old), number_text(new))
        for old, new in pairs
        if weaker and isinstance(old, Decimal) and isinstance(new, Decimal) and weaker(old, new)
    ]


def check_catalogs(files: list[Path]) -> list[Diagnostic]:
    """Diagnostics (C codes, file and line) of every repository catalog file given."""
    from ntm.messages import MESSAGES, register

    found: list[Diagnostic] = []
    for path in files:
        for problem in lint_catalog(path):
            if problem.code not in MESSAGES:
                register(problem.code, "{what}", "{what}")
            found.append(Diagnostic(problem.code, Severity(problem.severity), problem.file, problem.line,
                                    1 if problem.line else None, (),
                                    {"what": {"vi": problem.message, "en": problem.message_en}}))
    return found
