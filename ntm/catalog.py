"""Criteria catalogs: the national and provincial NTM criteria sets as versioned data.

This module owns the catalog file format (`ntm/catalogs/<id>.yaml`, one file
per criteria set, validated by the Pydantic models below at load time), the
resolution of province overlays (`extends:` a base set, tightening or filling
its thresholds while each overridden value keeps the overlay's legal source),
the threshold lookup by indicator code, region or commune group and year
(`threshold()`, which says whether a value is known and, when it is not, why),
and overlays that add the indicators a base set does not list; the rows of a
criteria table live in `ntm.catalog_table`, the lint of catalog files in
`ntm.catalog_lint`. Every number is a `Decimal`: catalog files
write thresholds as quoted strings ("80", "1.10") or integers; a float is
refused because YAML 1.1 would already have rounded it (`17.10` -> 17.1).
Every fact carries a confidence tag (C confirmed, S seen in a seed plan,
L checked locally, M background knowledge, ? unknown) and a `ref` into
ntm-facts.md; only C, S and L values count as known. A new criteria set is a
new YAML file, never new code.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

Confidence = Literal["C", "S", "L", "M", "?"]
KNOWN_CONFIDENCE = frozenset({"C", "S", "L"})
_CONFIDENCE_RANK = {"?": 0, "M": 1, "S": 2, "L": 2, "C": 3}
Op = Literal[">=", "<=", "==", "none-allowed"]
Kind = Literal["ratio", "amount", "count", "yes_no"]
Dimension = Literal["region", "group", "year"]
Completeness = Literal["complete", "partial", "unknown"]
# Mirrors the values of ntm.model.common.Standard (kept literal: no import of the plan model).
Tier = Literal["xa_ntm", "xa_nang_cao", "xa_kieu_mau", "thon_ntm", "thon_kieu_mau", "huyen_ntm", "huyen_nang_cao", "tinh_hoan_thanh"]
Level = Literal["thon", "xa", "huyen", "tinh"]

_CODE = re.compile(r"^[0-9]+(\.[0-9]+)*$")
_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_PACKAGE_DIR = "catalogs"


class CatalogError(Exception):
    """A catalog cannot be found, read, validated or resolved."""


def _no_float(value: Any, what: str) -> None:
    if isinstance(value, float):
        raise PydanticCustomError(
            "catalog_float",
            "{what} {value!r} was read as a float; write it as a quoted string",
            {"what": what, "value": value},
        )


def _exact_number(value: Any) -> Any:
    """YAML value -> Decimal (from str/int/Decimal), bool kept, None kept; floats refused."""
    _no_float(value, "number")
    if value is None or isinstance(value, (bool, Decimal)):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise PydanticCustomError("catalog_number", "not a number: {value!r}", {"value": value}) from None
        if not number.is_finite():
            raise PydanticCustomError("catalog_number", "not a finite number: {value!r}", {"value": value})
        return number
    return value


def _code_text(value: Any) -> Any:
    """Codes are text; an int is accepted ("5"), a float is refused (17.10 would be 17.1)."""
    _no_float(value, "code")
    if isinstance(value, Decimal):  # a YAML 1.2 loader keeps "17.10" exactly
        return str(value)
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Value = Annotated[Decimal | bool | None, BeforeValidator(_exact_number)]
Factor = Annotated[Decimal, BeforeValidator(_exact_number), Field(gt=0)]
Code = Annotated[str, BeforeValidator(_code_text), Field(pattern=r"^[0-9]+(\.[0-9]+)*$")]
Slug = Annotated[str, Field(pattern=_SLUG)]
Text = Annotated[str, Field(min_length=1)]
Ref = Annotated[str, Field(min_length=1)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------------
# File models
# ---------------------------------------------------------------------------


class Source(Model):
    """The legal document a set (or a value) comes from. `unconfirmed` names fields that are only M."""

    document: Text  # loại văn bản: "Quyết định"
    number: Text  # "318/QĐ-TTg"
    date: dt.date | None = None
    effective: dt.date | None = None
    issuer: Text
    signer: str | None = None
    annex: str | None = None
    title: str | None = None
    confidence: Confidence
    ref: Ref
    unconfirmed: tuple[str, ...] = ()

    @field_validator("unconfirmed")
    @classmethod
    def _known_fields(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [n for n in names if n not in cls.model_fields or n in {"confidence", "ref", "unconfirmed"}]
        if unknown:
            raise ValueError(f"unconfirmed names unknown source fields: {unknown}")
        return names

    def label(self) -> str:
        """'Quyết định 318/QĐ-TTg ngày 08/3/2022, Phụ lục I (M)'; unconfirmed parts are marked (M)."""
        from ntm.vnformat import format_short_date

        text = f"{self.document} {self.number}"
        if self.date:
            text += f" ngày {format_short_date(self.date)}{self._mark('date')}"
        return f"{text}, {self.annex}{self._mark('annex')}" if self.annex else text

    def _mark(self, field: str) -> str:
        return " (M)" if field in self.unconfirmed else ""

    def short(self) -> str:
        return f"{self.document} {self.number}"


class Note(Model):
    text: Text
    confidence: Confidence
    ref: Ref


class Stated(Model):
    """A count the source states (19 criteria, 57 indicators); None when unknown."""

    value: int | None = Field(default=None, ge=0)
    confidence: Confidence
    ref: Ref
    note: str | None = None


class Counts(Model):
    criteria: Stated | None = None
    indicators: Stated | None = None


class Listing(Model):
    """How complete the lists written in the file are, compared with the source."""

    criteria: Completeness
    indicators: Completeness


class Period(Model):
    start: int = Field(ge=1990, le=2100)
    end: int | None = Field(default=None, ge=1990, le=2100)


class Zone(Model):
    """A region (vùng) or a commune group (nhóm xã) that thresholds differ by."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]+$")]
    name: Text
    abbr: str | None = None
    definition: str | None = None
    confidence: Confidence
    ref: Ref

    def display(self) -> str:
        return self.abbr or self.id


class Section(Model):
    """A group of criteria (nhóm tiêu chí), e.g. "II. Hạ tầng kinh tế – xã hội"."""

    id: Text
    name: Text
    confidence: Confidence
    ref: Ref
    note: str | None = None


class Scope(Model):
    """Where a province-defined set or overlay applies; `region` is the default for lookups."""

    province: Text
    region: str | None = None
    confidence: Confidence
    ref: Ref


class Prerequisite(Model):
    """Another set the unit must already meet (kiểu mẫu requires nâng cao)."""

    catalog: Slug
    confidence: Confidence
    ref: Ref
    note: str | None = None


class Relative(Model):
    """A threshold defined as `factor` × the threshold of `code` in `catalog` at the same time."""

    catalog: Slug
    code: Text
    factor: Factor


class Cell(Model):
    """One value of a threshold that varies by region, commune group and/or year."""

    region: str | None = None
    group: str | None = None
    year: int | None = Field(default=None, ge=1990, le=2100)
    value: Value = None
    confidence: Confidence
    ref: Ref
    note: str | None = None
    source: Source | None = None

    def key(self) -> tuple[str | None, str | None, int | None]:
        return (self.region, self.group, self.year)

    @model_validator(mode="after")
    def _value_matches_confidence(self) -> Cell:
        _check_value_confidence(self.value, self.confidence)
        return self


class ThresholdSpec(Model):
    """The threshold of an indicator as written in a catalog file.

    Either one general `value`, or `by` dimensions with `cells`; `unlisted:
    unknown` declares that combinations without a cell are explicitly unknown.
    `relative_to` derives the value from another set's threshold.
    """

    op: Op
    value: Value = None
    by: tuple[Dimension, ...] = ()
    years: tuple[int, ...] = ()
    cells: tuple[Cell, ...] = ()
    unlisted: Literal["unknown"] | None = None
    relative_to: Relative | None = None
    confidence: Confidence
    ref: Ref
    note: str | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _shape(self) -> ThresholdSpec:
        if self.by:
            self._check_cells()
        elif self.cells or self.years or self.unlisted:
            raise ValueError("cells, years and unlisted need 'by'")
        if self.relative_to and (self.value is not None or self.cells):
            raise ValueError("a relative threshold has no value or cells of its own")
        if self.op == "none-allowed" and (self.value is not None or any(c.value is not None for c in self.cells)):
            raise ValueError("'none-allowed' takes no value")
        if not self.by and not self.relative_to and self.op != "none-allowed":
            _check_value_confidence(self.value, self.confidence)
        return self

    def _check_cells(self) -> None:
        if self.value is not None:
            raise ValueError("a threshold with 'by' keeps its values in 'cells'")
        if len(set(self.by)) != len(self.by):
            raise ValueError("'by' repeats a dimension")
        if ("year" in self.by) != bool(self.years):
            raise ValueError("'years' is required with (and only with) 'by: [year]'")
        seen: set[tuple] = set()
        for cell in self.cells:
            self._check_cell(cell, seen)

    def _check_cell(self, cell: Cell, seen: set[tuple]) -> None:
        for dim in ("region", "group", "year"):
            if (getattr(cell, dim) is not None) != (dim in self.by):
                raise ValueError(f"cell {cell.key()} must give exactly the dimensions {list(self.by)}")
        if cell.year is not None and cell.year not in self.years:
            raise ValueError(f"cell year {cell.year} is not one of 'years'")
        if cell.key() in seen:
            raise ValueError(f"two cells for {cell.key()}")
        seen.add(cell.key())

    def all_values(self) -> list[Decimal | bool | None]:
        return [self.value, *(c.value for c in self.cells)]


def _check_value_confidence(value: Any, confidence: str) -> None:
    if value is None and confidence != "?":
        raise PydanticCustomError("catalog_null_confidence", "an unknown value (null) must have confidence '?'")
    if value is not None and confidence == "?":
        raise PydanticCustomError("catalog_value_unknown", "a value with confidence '?' must be null")


class Requirement(Model):
    """What indicators and extra conditions share: name, unit, kind, threshold, provenance."""

    name: Text
    unit: Text
    kind: Kind
    threshold: ThresholdSpec
    confidence: Confidence
    ref: Ref
    note: str | None = None

    @model_validator(mode="after")
    def _kind_matches_threshold(self) -> Requirement:
        spec = self.threshold
        values = [v for v in spec.all_values() if v is not None]
        if self.kind == "yes_no":
            if spec.op != "==" or any(not isinstance(v, bool) for v in values):
                raise ValueError("a yes_no requirement takes op '==' and a true/false value")
        elif any(isinstance(v, bool) for v in values):
            raise ValueError(f"a {self.kind} requirement takes a number, not true/false")
        if spec.op == "none-allowed" and self.kind != "count":
            raise ValueError("'none-allowed' applies to counts only")
        return self


class Indicator(Requirement):
    code: Code


class Condition(Requirement):
    """An extra condition that is not a numbered indicator (kiểu mẫu: thôn thông minh).

    `share_of` says the value is the share (%) of the unit's communes or districts at that
    standard or higher (huyện NTM: 100% of communes at xa_ntm), counted from a plan's phasing
    and recognitions.
    """

    id: Slug
    share_of: Tier | None = None


class Basis(Model):
    """A reference value a criterion is counted with (a poverty line), not a threshold to meet."""

    id: Slug
    name: Text
    value: Annotated[Decimal, BeforeValidator(_exact_number)]
    unit: Text
    period: Period | None = None
    confidence: Confidence
    ref: Ref
    note: str | None = None

    @model_validator(mode="after")
    def _known_value(self) -> Basis:
        _check_value_confidence(self.value, self.confidence)
        return self


class Criterion(Model):
    code: Code
    name: Text
    section: str | None = None
    confidence: Confidence
    ref: Ref
    note: str | None = None
    indicator_count: Stated | None = None
    indicators: tuple[Indicator, ...] = ()
    bases: tuple[Basis, ...] = ()
    notes: tuple[Note, ...] = ()


class Layer(Model):
    """An overlay applied on top of the base set (filled in by resolution, never written)."""

    id: Slug
    extends: Slug
    source: Source


class Catalog(Model):
    """A resolved criteria set: a base file, or a base with its overlays applied."""

    format: Literal[1]
    id: Slug
    title: Text
    tier: Tier
    level: Level
    period: Period
    source: Source
    scope: Scope | None = None
    partition: Literal["region", "group", "none"]
    regions: tuple[Zone, ...] = ()
    groups: tuple[Zone, ...] = ()
    sections: tuple[Section, ...] = ()
    counts: Counts = Counts()
    listing: Listing
    requires: tuple[Prerequisite, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    conditions: tuple[Condition, ...] = ()
    notes: tuple[Note, ...] = ()
    layers: tuple[Layer, ...] = ()
    # Answers of `threshold()` already given for this catalog (Threshold is frozen).
    _answers: dict = PrivateAttr(default_factory=dict)

    @field_validator("layers")
    @classmethod
    def _layers_from_resolution_only(cls, layers: tuple, info: ValidationInfo) -> tuple:
        if layers and not (info.context or {}).get("resolved"):
            raise ValueError("'layers' is filled in by overlay resolution; write 'extends' instead")
        return layers

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        self._check_partition()
        _check_unique("criterion", [c.code for c in self.criteria])
        _check_unique("indicator", [i.code for i in self.indicators()] + [c.id for c in self.conditions])
        self._check_references()
        return self

    def _check_partition(self) -> None:
        wanted = {"region": (True, False), "group": (False, True), "none": (False, False)}[self.partition]
        if (bool(self.regions), bool(self.groups)) != wanted:
            raise ValueError(f"partition '{self.partition}' does not match the regions/groups lists")
        dims = {d for r in self.requirements() for d in r.threshold.by} - {"year"}
        allowed = {"region": {"region"}, "group": {"group"}, "none": set()}[self.partition]
        if dims - allowed:
            raise ValueError(f"thresholds vary by {sorted(dims - allowed)} but the set's partition is '{self.partition}'")

    def _check_references(self) -> None:
        zones = {"region": {z.id for z in self.regions}, "group": {z.id for z in self.groups}}
        for req in self.requirements():
            for cell in req.threshold.cells:
                for dim in ("region", "group"):
                    value = getattr(cell, dim)
                    if value is not None and value not in zones[dim]:
                        raise PydanticCustomError(
                            "catalog_unknown_zone", "unknown {dim} '{value}'", {"dim": dim, "value": value}
                        )
        sections = {s.id for s in self.sections}
        for crit in self.criteria:
            if crit.section is not None and crit.section not in sections:
                raise ValueError(f"criterion {crit.code} names an unknown section '{crit.section}'")
        if self.scope and self.scope.region and self.scope.region not in zones["region"]:
            raise ValueError(f"scope names an unknown region '{self.scope.region}'")

    def indicators(self) -> list[Indicator]:
        return [i for c in self.criteria for i in c.indicators]

    def requirements(self) -> list[Requirement]:
        return [*self.indicators(), *self.conditions]

    def criterion_of(self, code: str) -> Criterion | None:
        return next((c for c in self.criteria if code == c.code or code.startswith(c.code + ".")), None)

    def zone(self, dim: str, zone_id: str) -> Zone | None:
        return next((z for z in (self.regions if dim == "region" else self.groups) if z.id == zone_id), None)


def _check_unique(what: str, codes: list[str]) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise PydanticCustomError(
                "catalog_duplicate_code", "duplicate {what} code '{code}'", {"what": what, "code": code}
            )
        seen.add(code)


class Override(Model):
    """An overlay's change to one threshold: a general `value`, or `cells` that replace or fill cells."""

    code: Text
    value: Value = None
    cells: tuple[Cell, ...] = ()
    confidence: Confidence
    ref: Ref
    note: str | None = None

    @model_validator(mode="after")
    def _something(self) -> Override:
        if (self.value is None) == (not self.cells):
            raise ValueError("an override gives either 'value' or 'cells'")
        if self.value is not None:
            _check_value_confidence(self.value, self.confidence)
        return self


class Addition(Indicator):
    """An indicator an overlay adds to a criterion of its base set whose list is not complete
    (the 47 indicators of QĐ 51/2025, supplied by a province with their values per group)."""

    criterion: Code


class Overlay(Model):
    """A province overlay file: `extends` a base set, tightens or fills its thresholds
    (`overrides`) and adds the indicators the base does not list (`indicators`).

    `listing` restates how complete the lists are once the additions are made; without it
    the base's listing stands.
    """

    format: Literal[1]
    id: Slug
    extends: Slug
    title: str | None = None
    source: Source
    scope: Scope | None = None
    listing: Listing | None = None
    overrides: tuple[Override, ...] = ()
    indicators: tuple[Addition, ...] = ()
    notes: tuple[Note, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> Overlay:
        _check_unique("override", [o.code for o in self.overrides])
        _check_unique("indicator", [i.code for i in self.indicators])
        return self


# ---------------------------------------------------------------------------
# Loading and overlay resolution
# ---------------------------------------------------------------------------


def read_catalog_yaml(path: Path) -> Any:
    """The one place a catalog file is parsed: through ntm.yamlio (duplicate keys, tags refused)."""
    from ntm.yamlio import load_file

    loaded = load_file(path)
    if loaded.diagnostics:
        first = loaded.diagnostics[0]
        mark = yaml.error.Mark(str(path), 0, (first.line or 1) - 1, (first.column or 1) - 1, None, None)
        raise yaml.MarkedYAMLError(problem=f"{first.location()}: {first.message('en')}", problem_mark=mark)
    return loaded.data


def _package_dir() -> Path:
    return Path(str(resources.files("ntm") / _PACKAGE_DIR))


def available_catalogs() -> list[str]:
    """Ids of the shipped criteria sets (file names, nothing parsed)."""
    return list(_shipped_ids())


@functools.lru_cache(maxsize=1)
def _shipped_ids() -> tuple[str, ...]:
    """The package's catalog files do not change while ntm runs: list them once."""
    return tuple(sorted(p.stem for p in _package_dir().glob("*.yaml")))


@functools.lru_cache(maxsize=64)
def load_catalog(catalog_id: str) -> Catalog:
    """A shipped set by id, validated and with its overlays resolved."""
    path = _package_dir() / f"{catalog_id}.yaml"
    if not re.fullmatch(_SLUG, catalog_id) or not path.is_file():
        raise CatalogError(f"unknown criteria set '{catalog_id}' (available: {', '.join(available_catalogs())})")
    return build_catalog(path, chain=())


def load_catalog_file(path: str | Path) -> Catalog:
    """A catalog or overlay file of a plans repository; `extends` looks beside it, then in the package."""
    path = Path(path).resolve()
    try:
        stat = path.stat()
    except OSError as exc:
        raise CatalogError(f"cannot read {path}: {exc.strerror}") from exc
    return _load_file_cached(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _load_file_cached(path: str, _mtime: int, _size: int) -> Catalog:
    return build_catalog(Path(path), chain=())


def build_catalog(path: Path, chain: tuple[str, ...]) -> Catalog:
    data = _parse(path)
    try:
        if "extends" in data:
            return _resolve(Overlay.model_validate(data), path, chain)
        return Catalog.model_validate(data)
    except ValidationError as exc:
        raise CatalogError(f"{path}: invalid catalog ({exc.error_count()} errors)\n{exc}") from exc


def _parse(path: Path) -> dict:
    try:
        data = read_catalog_yaml(path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: a catalog file must be a mapping")
    return data


def find_base_file(base_id: str, beside: Path) -> Path | None:
    for folder in (beside.parent, _package_dir()):
        candidate = folder / f"{base_id}.yaml"
        if candidate.is_file():
            return candidate
    return None


def _resolve(overlay: Overlay, path: Path, chain: tuple[str, ...]) -> Catalog:
    if overlay.extends in chain or overlay.extends == overlay.id:
        raise CatalogError(f"{path}: overlay cycle {' -> '.join((*chain, overlay.id, overlay.extends))}")
    base_path = find_base_file(overlay.extends, path)
    if base_path is None:
        raise CatalogError(f"{path}: extends an unknown criteria set '{overlay.extends}'")
    base = build_catalog(base_path, (*chain, overlay.id))
    return Catalog.model_validate(merge_overlay(base, overlay), context={"resolved": True})


def merge_overlay(base: Catalog, overlay: Overlay) -> dict:
    """The data of `base` with `overlay` applied; overridden values carry the overlay's source."""
    data = base.model_dump()
    data.update(id=overlay.id, title=overlay.title or base.title, notes=[*data["notes"], *overlay.model_dump()["notes"]])
    if overlay.scope:
        data["scope"] = overlay.scope.model_dump()
    data["layers"] = [*data["layers"], {"id": overlay.id, "extends": overlay.extends, "source": overlay.source.model_dump()}]
    for addition in overlay.indicators:
        _add(data, base, overlay, addition)
    if overlay.listing:
        data["listing"] = overlay.listing.model_dump()
    specs = _threshold_dicts(data)
    for override in overlay.overrides:
        if override.code not in specs:
            raise CatalogError(f"overlay {overlay.id}: '{override.code}' is not a code of {base.id}")
        _apply(specs[override.code], override, overlay.source.model_dump())
    return data


def addition_problem(base: Catalog, addition: Addition) -> tuple[str, dict] | None:
    """Why `addition` cannot be added to `base` (a lint code and its parameters), or None."""
    params = {"code": addition.code, "criterion": addition.criterion, "base": base.id}
    if requirement_code_exists(base, addition.code):
        return "C114", params
    if not any(c.code == addition.criterion for c in base.criteria):
        return "C115", params
    if not (addition.code == addition.criterion or addition.code.startswith(addition.criterion + ".")):
        return "C116", params
    if base.listing.indicators == "complete":
        return "C117", params
    return None


def requirement_code_exists(catalog: Catalog, code: str) -> bool:
    return any(i.code == code for i in catalog.indicators()) or any(c.id == code for c in catalog.conditions)


def _add(data: dict, base: Catalog, overlay: Overlay, addition: Addition) -> None:
    problem = addition_problem(base, addition)
    if problem:
        raise CatalogError(f"overlay {overlay.id}: cannot add indicator '{addition.code}' ({problem[0]})")
    indicator = addition.model_dump(exclude={"criterion"})
    indicator["threshold"]["source"] = indicator["threshold"]["source"] or overlay.source.model_dump()
    criterion = next(c for c in data["criteria"] if c["code"] == addition.criterion)
    criterion["indicators"] = [*criterion["indicators"], indicator]


def _threshold_dicts(data: dict) -> dict[str, dict]:
    specs = {i["code"]: i["threshold"] for c in data["criteria"] for i in c["indicators"]}
    specs.update({c["id"]: c["threshold"] for c in data["conditions"]})
    return specs


def _apply(spec: dict, override: Override, source: dict) -> None:
    if override.value is not None:
        if spec["by"]:
            raise CatalogError(f"'{override.code}' varies by {list(spec['by'])}: override it with cells")
        spec.update(value=override.value, confidence=override.confidence, ref=override.ref, source=source)
        spec["note"] = override.note or spec["note"]
        return
    cells = {_cell_key(c): c for c in spec["cells"]}
    for cell in override.cells:
        new = cell.model_dump()
        new["source"] = new["source"] or source
        cells[_cell_key(new)] = new
    spec["cells"] = list(cells.values())


def _cell_key(cell: dict) -> tuple:
    return (cell["region"], cell["group"], cell["year"])


# ---------------------------------------------------------------------------
# Threshold lookup
# ---------------------------------------------------------------------------

_SYMBOL = {">=": "≥", "<=": "≤", "==": "="}


@dataclass(frozen=True)
class Threshold:
    """The answer of `threshold()`: the value to compare with, or why there is none.

    `known` is true only for a value tagged C, S or L. `value` is a Decimal for
    ratio/amount/count, a bool for yes_no, None when unknown or for
    'none-allowed'. An unverified (M) value is returned with `known=False`.
    """

    catalog: str
    code: str
    name: str
    kind: str
    unit: str
    known: bool
    op: str
    value: Decimal | bool | None
    confidence: str
    ref: str
    source: Source
    region: str | None = None
    group: str | None = None
    year: int | None = None
    reason: str | None = None
    reason_en: str | None = None
    note: str | None = None

    def text(self) -> str:
        """'≥ 80%', '= đạt', 'không có', '≥ 100% (M, chưa xác nhận)', 'chưa rõ'."""
        body = self._body()
        if body is None:
            return "chưa rõ"
        return body if self.known else f"{body} ({self.confidence}, chưa xác nhận)"

    def _body(self) -> str | None:
        if self.op == "none-allowed":
            return "không có"
        if self.value is None:
            return None
        if isinstance(self.value, bool):
            return "= đạt" if self.value else "= không đạt"
        number = number_text(self.value)
        unit = self.unit if self.unit == "%" else f" {self.unit}"
        return f"{_SYMBOL[self.op]} {number}{unit}"

    def satisfied_by(self, measured: Decimal | bool | int) -> bool | None:
        """Whether a measured value meets a known threshold; None when the threshold is not known."""
        if not self.known:
            return None
        if self.op == "none-allowed":
            return measured == 0
        if isinstance(self.value, bool) or isinstance(measured, bool):
            return measured is self.value
        compare = {">=": measured >= self.value, "<=": measured <= self.value, "==": measured == self.value}
        return compare[self.op]


def number_text(value: Decimal) -> str:
    """A threshold as the decisions print it: whole numbers without decimals ('1.714', '8.321,7')."""
    from ntm.vnformat import format_number

    return format_number(value.normalize() if value == value.to_integral() else value)


@dataclass(frozen=True)
class _Query:
    region: str | None
    group: str | None
    year: int | None


def threshold(
    catalog: Catalog, code: str, *, region: str | None = None, group: str | None = None, year: int | None = None
) -> Threshold:
    """The threshold of indicator (or condition) `code` in `catalog`, for a region or group and a year.

    Dimensions the set does not vary by are ignored; an id that is not one of
    the set's regions or groups raises ValueError; a code the set does not have
    raises KeyError, unless the set's indicator list is incomplete (then the
    answer is unknown, with the reason).
    """
    key = (str(code), region, group, year)
    answer = catalog._answers.get(key)
    if answer is None:
        answer = catalog._answers[key] = _threshold(catalog, str(code), region, group, year)
    return answer


def _threshold(catalog: Catalog, code: str, region: str | None, group: str | None, year: int | None) -> Threshold:
    query = _Query(region or (catalog.scope.region if catalog.scope else None), group, year)
    _check_zone(catalog, "region", query.region)
    _check_zone(catalog, "group", query.group)
    req = requirement_of(catalog, code)
    if req is None:
        return _not_listed(catalog, code, query)
    spec = req.threshold
    base = _base(catalog, code, req, spec, query)
    missing = _missing_dimension(catalog, spec, query)
    if missing:
        return _unknown(base, *missing)
    if spec.relative_to:
        return _relative(base, spec, query)
    if not spec.by:
        return _result(base, spec.value, spec.confidence, spec.ref, spec.source, spec.note, catalog)
    return _from_cells(catalog, base, spec, query)


def _check_zone(catalog: Catalog, dim: str, zone_id: str | None) -> None:
    if zone_id is None or catalog.partition != dim:
        return
    if catalog.zone(dim, zone_id) is None:
        known = ", ".join(z.id for z in (catalog.regions if dim == "region" else catalog.groups))
        raise ValueError(f"'{zone_id}' is not a {dim} of {catalog.id} ({known})")


def requirement_of(catalog: Catalog, code: str) -> Requirement | None:
    code = str(code)
    found = next((r for r in catalog.indicators() if r.code == code), None)
    found = found or next((c for c in catalog.conditions if c.id == code), None)
    if found is not None:
        return found
    crit = catalog.criterion_of(code)
    if crit is None or crit.code == code or catalog.listing.indicators == "complete":
        what = "a criterion, not an indicator" if crit is not None and crit.code == code else "not a code"
        raise KeyError(f"'{code}' is {what} of {catalog.id}")
    return None


def _not_listed(catalog: Catalog, code: str, query: _Query) -> Threshold:
    reason, reason_en = unlisted_reason(catalog, code)
    return Threshold(
        catalog=catalog.id, code=code, name="", kind="", unit="", known=False, op="", value=None,
        confidence="?", ref="", source=catalog.source, region=query.region, group=query.group, year=query.year,
        reason=reason, reason_en=reason_en,
    )


def unlisted_reason(catalog: Catalog, code: str | None = None) -> tuple[str, str]:
    """Why an indicator (or a criterion's indicators) cannot be looked up: the list is missing or partial."""
    if catalog.listing.indicators == "unknown":
        number = catalog.source.number
        return (f"danh sách chỉ tiêu của {catalog.source.document} {number} chưa có trong danh mục",
                f"the indicator list of {number} is not in the catalog")
    if code is None:
        return ("danh sách chỉ tiêu của tiêu chí này chưa có trong danh mục",
                "the indicators of this criterion are not in the catalog")
    return (f"chỉ tiêu {code} chưa có trong danh mục {catalog.id} (danh sách chỉ tiêu của bộ này chưa đầy đủ)",
            f"indicator {code} is not in {catalog.id} (the set's indicator list is incomplete)")


def _base(catalog: Catalog, code: str, req: Requirement, spec: ThresholdSpec, query: _Query) -> Threshold:
    used = set(spec.by) | ({"region", "year"} if spec.relative_to else set())
    return Threshold(
        catalog=catalog.id, code=str(code), name=req.name, kind=req.kind, unit=req.unit, known=False,
        op=spec.op, value=None, confidence="?", ref=spec.ref, source=spec.source or catalog.source,
        region=query.region if "region" in used else None, group=query.group if "group" in used else None,
        year=query.year if "year" in used else None, note=spec.note,
    )


def _missing_dimension(catalog: Catalog, spec: ThresholdSpec, query: _Query) -> tuple[str, str] | None:
    label = {"region": ("vùng", "region"), "group": ("nhóm xã", "commune group"), "year": ("năm", "year")}
    for dim in spec.by:
        if getattr(query, dim) is None:
            vi, en = label[dim]
            return (f"ngưỡng khác nhau theo {vi}: cần chỉ rõ {vi}", f"the threshold varies by {en}: give the {en}")
    if "year" in spec.by and query.year not in spec.years:
        years = ", ".join(map(str, spec.years))
        return (f"năm {query.year} không thuộc các năm có ngưỡng ({years})", f"year {query.year} is not one of {years}")
    return None


def _unknown(base: Threshold, reason: str, reason_en: str) -> Threshold:
    return _replace(base, known=False, value=None, confidence="?", reason=reason, reason_en=reason_en)


def _replace(base: Threshold, **changes: Any) -> Threshold:
    return Threshold(**{**base.__dict__, **changes})


def _result(base, value, confidence, ref, source, note, catalog: Catalog) -> Threshold:
    known = confidence in KNOWN_CONFIDENCE and (value is not None or base.op == "none-allowed")
    reason = reason_en = None
    if not known:
        reason, reason_en = _why_unknown(base, value, confidence, source or catalog.source, catalog)
    return _replace(base, known=known, value=value, confidence=confidence, ref=ref,
                    source=source or catalog.source, note=note or base.note, reason=reason, reason_en=reason_en)


def _why_unknown(base: Threshold, value: Any, confidence: str, source: Source, catalog: Catalog) -> tuple[str, str]:
    where, where_en = _where(base, catalog)
    if value is None and base.op != "none-allowed":
        return (f"giá trị{where} của {source.short()} chưa được xác nhận",
                f"the value{where_en} of {source.short()} is not confirmed")
    return (f"giá trị{where} của {source.short()} chỉ là hiểu biết nền ({confidence}), chưa được xác nhận",
            f"the value{where_en} of {source.short()} is background knowledge ({confidence}), not confirmed")


def _where(base: Threshold, catalog: Catalog) -> tuple[str, str]:
    vi, en = [], []
    if base.region:
        zone = catalog.zone("region", base.region)
        vi.append(f"theo vùng {zone.display() if zone else base.region}")
        en.append(f"for region {base.region}")
    if base.group:
        zone = catalog.zone("group", base.group)
        name = zone.name if zone else base.group
        vi.append(f"cho {name[:1].lower()}{name[1:]}")
        en.append(f"for group {base.group}")
    if base.year:
        vi.append(f"năm {base.year}")
        en.append(f"for {base.year}")
    return ("".join(" " + p for p in vi), "".join(" " + p for p in en))


def _from_cells(catalog: Catalog, base: Threshold, spec: ThresholdSpec, query: _Query) -> Threshold:
    key = tuple(getattr(query, d) if d in spec.by else None for d in ("region", "group", "year"))
    cell = next((c for c in spec.cells if c.key() == key), None)
    if cell is None:
        return _result(base, None, "?", spec.ref, spec.source, spec.note, catalog)
    return _result(base, cell.value, cell.confidence, cell.ref, cell.source or spec.source,
                   cell.note or spec.note, catalog)


def _relative(base: Threshold, spec: ThresholdSpec, query: _Query) -> Threshold:
    rel = spec.relative_to
    other = threshold(load_catalog(rel.catalog), rel.code, region=query.region, group=query.group, year=query.year)
    value = other.value * rel.factor if isinstance(other.value, Decimal) else None
    confidence = min(spec.confidence, other.confidence, key=_CONFIDENCE_RANK.__getitem__)
    if value is None:
        confidence = "?"
    known = other.known and spec.confidence in KNOWN_CONFIDENCE and value is not None
    reason, reason_en = (None, None) if known else _relative_reason(spec, other)
    return _replace(base, known=known, value=value, confidence=confidence, reason=reason, reason_en=reason_en)


def _relative_reason(spec: ThresholdSpec, other: Threshold) -> tuple[str, str]:
    rel, factor = spec.relative_to, number_text(spec.relative_to.factor)
    vi = f"= {factor} × ngưỡng {rel.code} của {rel.catalog}"
    en = f"= {factor} × threshold {rel.code} of {rel.catalog}"
    if spec.confidence not in KNOWN_CONFIDENCE:
        vi += f" (hệ số chỉ là {spec.confidence}, chưa xác nhận)"
        en += f" (the factor is only {spec.confidence}, not confirmed)"
    if other.reason:
        vi, en = f"{vi}; {other.reason}", f"{en}; {other.reason_en}"
    return vi, en
