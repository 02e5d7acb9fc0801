"""`import_plan`: the differences between the sheets and the plan turned into edits of the YAML text,
written only when the result reads back as exactly the intended data and validates."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from ntm.diagnostics import Diagnostic, Severity, YamlPath, format_path
from ntm.spreadsheet.cells import (
    CellProblem,
    cell_length,
    code_page_losses,
    cut_by_a_spreadsheet,
    parse_cell,
    parse_text,
    same,
)
from ntm.spreadsheet.reading import SheetRow, Sheets, is_blank, read_sheets
from ntm.spreadsheet.tables import (
    CELL_LIMIT,
    FUNDING,
    INDICATORS,
    KINDS,
    TABLES,
    TASKS,
    TOTAL_KEY,
    Column,
    ImportResult,
    Row,
    Table,
    as_mapping,
    plan_rows,
)


@dataclass
class _Plan:
    """The plan file as read for editing: LF text (as written, not renormalised), BOM and CRLF to restore."""

    path: Path
    text: str
    data: dict
    bom: bool
    crlf: bool

    def encode(self, text: str) -> bytes:
        body = text.replace("\n", "\r\n") if self.crlf else text
        return (b"\xef\xbb\xbf" if self.bom else b"") + body.encode("utf-8")


def import_plan(sheet_path: Path | str, plan_path: Path | str) -> ImportResult:
    """Apply a filled-in export to the plan; the plan is written only if all of it can be applied."""
    plan, problems = _read_plan(Path(plan_path))
    if plan is None:
        return ImportResult(diagnostics=problems)
    sheets = read_sheets(sheet_path)
    if sheets.diagnostics:
        return ImportResult(diagnostics=sheets.diagnostics)
    edits, found = sheet_edits(sheets, plan.data)
    if _has_errors(found):
        return ImportResult(diagnostics=found)
    if not edits:
        return ImportResult(False, found)
    new_text, problems = edited_text(plan, edits)
    if new_text is None:
        return ImportResult(diagnostics=found + problems + _total_hint(sheets, edits, problems))
    from ntm.safeio import atomic_write_bytes

    atomic_write_bytes(plan.path, plan.encode(new_text))
    return ImportResult(True, found, list(dict.fromkeys(format_path(e.path) for e in edits)))


def _total_hint(sheets: Sheets, edits: list, problems: list[Diagnostic]) -> list[Diagnostic]:
    """Lines changed, stated total not: I015 gives the figure the lines now add up to (from R101)."""
    r101 = next((d for d in problems if d.code == "R101"), None)
    if r101 is None or any(tuple(e.path[:2]) == ("funding", "total") for e in edits):
        return []
    total = next((r for r in sheets.rows if r.table is FUNDING and _row_key(r) == TOTAL_KEY), None)
    if total is None:
        return []
    return [total.diagnostic("I015", "amount", Severity.INFO, stated=r101.params["stated"],
                             computed=r101.params["computed"])]


def _has_errors(found: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in found)


def _read_plan(path: Path) -> tuple[_Plan | None, list[Diagnostic]]:
    from ntm.yamlio import decode, load_text

    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic("Y001", Severity.ERROR, str(path), params={"reason": exc.strerror or ""})]
    _, problems = decode(raw, str(path))
    if not problems:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        loaded = load_text(text.replace("\r\n", "\n"), str(path))
        not_mapping = [] if isinstance(loaded.data, dict) else [Diagnostic("Y011", Severity.ERROR, str(path), 1, 1)]
        problems = loaded.diagnostics or not_mapping or _schema_errors(loaded)
    if problems:
        return None, [Diagnostic("I013", Severity.ERROR, str(path), params={"count": len(problems)}), *problems]
    return _Plan(path, loaded.text, loaded.data, raw.startswith(b"\xef\xbb\xbf"), "\r\n" in text), []


def _schema_errors(loaded) -> list[Diagnostic]:
    """The plan model's errors: a file the model cannot read is not imported into."""
    from ntm.loader import validate_loaded

    return [d for d in validate_loaded(loaded).diagnostics if d.severity is Severity.ERROR]


def edited_text(plan: _Plan, edits: list) -> tuple[str | None, list[Diagnostic]]:
    """The plan's text with the edits applied, checked to hold exactly the intended data and no new error."""
    from ntm import roundtrip
    from ntm.fmt import check_text
    from ntm.yamlio import load_text

    file = str(plan.path)
    try:
        new_text = apply_to_text(plan.text, edits)
    except roundtrip.RoundTripError as exc:
        return None, [Diagnostic("I011", Severity.ERROR, file, exc.line, exc.column, params={"problem": exc.problem})]
    expected = copy.deepcopy(plan.data)
    roundtrip.apply_edits(expected, edits)
    after = load_text(new_text, file)
    if after.diagnostics or after.data != expected:
        return None, [Diagnostic("I011", Severity.ERROR, file, params={"problem": "dữ liệu sau khi ghi khác dự kiến"})]
    # The file is written only if it validates afterwards: an error it already had must be fixed too.
    new_errors = [d for d in check_text(new_text, file) if d.severity is Severity.ERROR]
    if new_errors:
        return None, [Diagnostic("I010", Severity.ERROR, file, params={"count": len(new_errors)}), *new_errors]
    return new_text, []


def apply_to_text(text: str, edits: list) -> str:
    """Values that exist are replaced in place; new keys and rows go through the round-trip tree."""
    from ntm import roundtrip

    sets = {e.path: e.value for e in edits if e.op == "set"}
    spliced, rest = roundtrip.splice_scalars(text, sets)
    structural = [e for e in edits if e.op != "set" or e.path in rest]
    if not structural:
        return spliced
    return roundtrip.edit_tree_text(spliced, structural)


def sheet_edits(sheets: Sheets, data: dict) -> tuple[list, list[Diagnostic]]:
    """The edits the sheets ask for, and every problem found in them."""
    current = {name: {row.key: row for row in rows} for name, rows in plan_rows(data).items()}
    builder = _EditBuilder(data)
    found: list[Diagnostic] = []
    seen: dict[tuple[str, str], int] = {}
    for srow in sheets.rows:
        old = current[srow.table.name].get(_row_key(srow) or "")
        parsed, problems = _parse_row(srow, old.values if old else {})
        found.extend(problems)
        key = parsed.get("key") or _row_key(srow)
        if problems:
            seen.setdefault((srow.table.name, key), srow.number)
            continue
        if not key:
            found.extend(builder.new_row(srow, parsed))
            continue
        first = seen.setdefault((srow.table.name, key), srow.number)
        row = current[srow.table.name].get(key)
        if first != srow.number:
            found.append(srow.diagnostic("I005", "key", key=key, first=first))
        elif row is None:
            found.append(srow.diagnostic("I004", "key", key=key))
        else:
            found.extend(builder.changed_row(srow, parsed, row))
    found.extend(_missing_rows(sheets, current, seen))
    return builder.edits, found


def _row_key(srow: SheetRow) -> str | None:
    raw = srow.cells.get("key")
    return None if is_blank(raw) else parse_text(raw)


def _parse_row(srow: SheetRow, old: dict[str, Any]) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Every cell of the row parsed; `old` (the plan's values of the row) settles a number that reads two ways."""
    parsed: dict[str, Any] = {}
    problems = []
    for key, value in srow.cells.items():
        column = srow.table.column(key)
        try:
            parsed[key] = parse_text(value) if column.kind == "key" and not is_blank(value) else \
                parse_cell(column, value, srow.text_only, srow.notation, old.get(key))
        except CellProblem as problem:
            problems.append(srow.diagnostic(problem.code, key, **problem.params))
    return parsed, problems


def _missing_rows(sheets: Sheets, current: dict, seen: dict) -> list[Diagnostic]:
    found = []
    for table in TABLES:
        if table.name not in sheets.tables:
            continue
        sheet, file = sheets.tables[table.name]
        for key in current[table.name]:
            if (table.name, key) not in seen:
                found.append(Diagnostic("I012", Severity.WARNING, file, params={"sheet": sheet, "key": key}))
    return found


class _EditBuilder:
    """Collects edits for changed cells and new rows, creating missing containers once."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.edits: list = []
        self.created: set[YamlPath] = set()

    def add(self, op: str, path: YamlPath, value: Any = None, order: Iterable[str] = ()) -> None:
        from ntm.roundtrip import Edit

        self.edits.append(Edit(op, tuple(path), value, tuple(order)))

    # existing rows -----------------------------------------------------

    def changed_row(self, srow: SheetRow, parsed: dict, row: Row) -> list[Diagnostic]:
        problems = [srow.diagnostic("I006", c.key) for c in srow.table.columns
                    if (c.identity or c.key in row.fixed) and c.key in parsed and parsed[c.key] is not None
                    and not same(parsed[c.key], row.values.get(c.key))]
        if problems:
            return problems
        if srow.table is FUNDING:
            self._funding_amount(parsed, row)
        kept = []
        for column in srow.table.columns:
            if column.kind == "key" or column.identity or column.key in row.fixed or column.key not in parsed:
                continue
            if srow.table is FUNDING and column.key in ("amount", "unit"):
                continue
            if _lost_cell(srow, column, parsed[column.key], row, kept):
                continue
            self._cell(column, parsed[column.key], row.values.get(column.key), row.paths[column.key])
        return kept

    def _cell(self, column: Column, new: Any, old: Any, path: YamlPath) -> None:
        if same(new, old):
            return
        if new is None or new == []:
            self.add("delete", path)
            return
        self.add("set", path, yaml_value(column, new, old), _order_for(path))

    def _funding_amount(self, parsed: dict, row: Row) -> None:
        from ntm.roundtrip import number_scalar

        amount_path = row.paths["unit"][:-1]
        raw = _get(self.data, amount_path)
        value = parsed.get("amount", row.values["amount"])
        unit = parsed.get("unit") or row.values["unit"]
        unit_changed = not same(unit, row.values["unit"])
        if isinstance(raw, dict):
            self._cell(FUNDING.column("amount"), value, row.values["amount"], amount_path + ("value",))
            if unit_changed:
                self.add("set", amount_path + ("unit",), unit, _order_for(amount_path + ("unit",)))
        elif unit_changed and value is not None:
            self.add("set", amount_path, {"value": number_scalar(value, like=_like(raw)), "unit": unit})
        else:
            self._cell(FUNDING.column("amount"), value, row.values["amount"], amount_path)

    # new rows ------------------------------------------------------------

    def new_row(self, srow: SheetRow, parsed: dict) -> list[Diagnostic]:
        values = {c.key: parsed.get(c.key) for c in srow.table.columns if not c.identity and c.kind != "key"}
        if all(v is None or v == [] for v in values.values()):
            return []
        if srow.table is INDICATORS:
            return self._new_figure(srow, parsed, values)
        if srow.table is TASKS:
            self._ensure(("tasks",), list)
            self.add("append", ("tasks",), _item(TASKS, values))
            return []
        self._ensure(("funding",), dict)
        self._ensure(("funding", "lines"), list)
        self.add("append", ("funding", "lines"), self._funding_item(values))
        return []

    def _new_figure(self, srow: SheetRow, parsed: dict, values: dict) -> list[Diagnostic]:
        assessments = self.data.get("assessments")
        number, code, kind = parsed.get("assessment"), parsed.get("indicator"), parsed.get("kind")
        if not isinstance(assessments, list) or not number or number > len(assessments):
            return [srow.diagnostic("I008", "assessment", value=number)]
        if not code or not re.fullmatch(r"[0-9]+(\.[0-9]+)*", code):  # the pattern of model.common.Code
            return [srow.diagnostic("I008", "indicator", value=code)]
        if kind is None:
            return [srow.diagnostic("I008", "kind", value=None)]
        base = ("assessments", number - 1, "indicators")
        self._ensure(base, dict)
        self._ensure(base + (code,), dict)
        self._ensure(base + (code, kind), list)
        self.add("append", base + (code, kind), _item(INDICATORS, values))
        return []

    def _funding_item(self, values: dict) -> dict:
        from ntm.model.funding import DEFAULT_UNIT

        item = _item(FUNDING, {k: v for k, v in values.items() if k != "unit"})
        block_unit = as_mapping(self.data.get("funding")).get("unit") or DEFAULT_UNIT
        if values.get("unit") and values["unit"] != block_unit and "amount" in item:
            item["amount"] = {"value": item["amount"], "unit": values["unit"]}
        return item

    def _ensure(self, path: YamlPath, kind: type) -> None:
        """Create the mapping or list at `path` (in model order) unless the plan or an earlier edit has it."""
        if path in self.created or isinstance(_get(self.data, path), kind):
            return
        self.created.add(path)
        self.add("set", path, kind(), _order_for(path))


def _lost_cell(srow: SheetRow, column: Column, new: Any, row: Row, found: list[Diagnostic]) -> bool:
    """A cell that holds only what a spreadsheet could keep of the exported text is not a change:
    cut at the cell limit (I014), or characters a Windows-1258 CSV cannot hold replaced (I016)."""
    from ntm.messages import grouped_count
    from ntm.spreadsheet.export import cell_value

    shown = cell_value(column, row)
    if cut_by_a_spreadsheet(column, new, shown):
        found.append(srow.diagnostic("I014", column.key, Severity.WARNING, length=grouped_count(cell_length(shown)),
                                     limit=grouped_count(CELL_LIMIT)))
        return True
    lost = code_page_losses(column, new, shown) if srow.encoding == "cp1258" else ""
    if lost:
        found.append(srow.diagnostic("I016", column.key, Severity.WARNING, chars=" ".join(lost)))
        return True
    return False


def _item(table: Table, values: dict) -> dict:
    """A new list item in model field order, without empty fields."""
    item = {}
    for column in table.columns:
        value = values.get(column.key)
        if column.kind in ("key", "figure_kind", "index") or column.identity or value is None or value == []:
            continue
        item[column.key] = yaml_value(column, value, None)
    return item


def yaml_value(column: Column, new: Any, old: Any) -> Any:
    """A parsed cell as the value to write: exact numbers keeping the old one's decimal places."""
    from ntm.roundtrip import number_scalar

    if column.kind == "number":
        return number_scalar(new, like=_like(old))
    return list(new) if isinstance(new, list) else new


def _like(old: Any) -> str | None:
    return str(old) if isinstance(old, (int, Decimal)) and not isinstance(old, bool) else None


def _get(data: Any, path: YamlPath) -> Any:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _order_for(path: YamlPath) -> tuple[str, ...]:
    """Model field order of the mapping that holds `path`'s last key."""
    from ntm.model.assessment import Assessment, IndicatorStatus
    from ntm.model.common import Figure
    from ntm.model.funding import Amount, Funding, FundingLine
    from ntm.model.plan import Plan
    from ntm.model.tasks import Task

    parent = tuple(path[:-1])
    if not parent:
        model = Plan
    elif parent[-1] == "amount":
        model = Amount
    elif len(parent) >= 2 and parent[-2] in KINDS:
        model = Figure
    elif len(parent) == 4 and parent[2] == "indicators":
        model = IndicatorStatus
    elif len(parent) == 2 and parent[0] == "assessments":
        model = Assessment
    elif parent == ("funding",):
        model = Funding
    elif parent[:2] == ("funding", "lines"):
        model = FundingLine
    elif parent[0] == "tasks":
        model = Task
    else:
        return ()
    return tuple(model.model_fields)
