"""`ntm export` and `ntm import`: a plan's figures as sheets an officer can fill in, and back.

Three tables leave the YAML: indicator values (every measured and targeted
figure of every assessment), tasks, and funding lines. `export_plan` writes
them as an .xlsx workbook (one sheet per table, a hidden first row of field
names and a hidden first column holding each row's place in the YAML, bold
frozen Vietnamese headers, column widths, `#,##0.0##` number formats, text
format for codes so 17.10 stays 17.10, drop-down lists) or as a folder of
UTF-8-with-BOM CSV files (same two header rows and key column). `import_plan`
reads such a file back, compares every cell with the plan, and turns the
differences into edits: changed values are replaced in the YAML text itself
(`ntm.roundtrip.splice_scalars`: every other byte unchanged), new fields and
new rows go through the ruamel round-trip tree. Numbers never pass through
float unchecked: openpyxl's float becomes the shortest decimal that reads
back as the same float, refused when it has more than 15 significant digits;
text in a number cell is refused with the sheet, row and column. The result
must read back as exactly the intended data and add no validation error;
only then is the plan written (atomically). On any refusal the YAML file is
untouched.
"""

from __future__ import annotations

import copy
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

from ntm.diagnostics import Diagnostic, Severity, YamlPath, format_path
from ntm.messages import register

NUMBER_FORMAT = "#,##0.0##"
MAX_DIGITS = 15
DATA_ROW = 3  # row 1: field names (hidden), row 2: Vietnamese headers
KINDS = {"measures": "hiện trạng", "targets": "mục tiêu"}
QUALIFIERS = {
    "exact": "chính xác",
    "about": "khoảng",
    "at_least": "ít nhất",
    "over": "trên",
    "at_most": "tối đa",
    "under": "dưới",
}
FIGURE_FIELDS = ("label", "count", "of", "percent", "value", "unit", "qualifier")

register("E001", "Không xuất được: tệp kế hoạch chưa đọc được ({count} lỗi)",
         "Cannot export: the plan file cannot be read ({count} errors)")
register("I001", "Trang '{sheet}', ô {cell}: '{value}' không phải là số; hãy nhập một số",
         "Sheet '{sheet}', cell {cell}: '{value}' is not a number; enter a number")
register("I002", "Trang '{sheet}', ô {cell}: số {value} có quá nhiều chữ số (quá {limit} chữ số có nghĩa); hãy làm tròn",
         "Sheet '{sheet}', cell {cell}: {value} has too many digits (over {limit} significant); round it")
register("I003", "Trang '{sheet}', ô {cell}: mã '{value}' phải nhập dạng chữ (ví dụ '17.10), không phải dạng số",
         "Sheet '{sheet}', cell {cell}: code '{value}' must be entered as text (e.g. '17.10), not as a number")
register("I004", "Trang '{sheet}', dòng {row}: khóa '{key}' không có trong kế hoạch (bảng xuất từ phiên bản khác?)",
         "Sheet '{sheet}', row {row}: key '{key}' is not in the plan (exported from another version?)")
register("I005", "Trang '{sheet}', dòng {row}: khóa '{key}' bị lặp (đã có ở dòng {first})",
         "Sheet '{sheet}', row {row}: key '{key}' is repeated (first at row {first})")
register("I006", "Trang '{sheet}', ô {cell}: không sửa được cột '{column}' của dòng đã có; hãy thêm dòng mới",
         "Sheet '{sheet}', cell {cell}: column '{column}' of an existing row cannot change; add a new row instead")
register("I007", "Trang '{sheet}', ô {cell}: '{value}' không thuộc các giá trị cho phép: {expected}",
         "Sheet '{sheet}', cell {cell}: '{value}' is not one of: {expected}")
register("I008", "Trang '{sheet}', dòng {row}: dòng mới thiếu hoặc sai '{column}' ({value})",
         "Sheet '{sheet}', row {row}: the new row lacks or has a wrong '{column}' ({value})")
register("I009", "Không đọc được tệp bảng tính: {problem}", "Cannot read the spreadsheet: {problem}")
register("I010", "Không nhập: kết quả sẽ có {count} lỗi; tệp kế hoạch giữ nguyên",
         "Not imported: the result would have {count} errors; the plan file is unchanged")
register("I011", "Không nhập: kết quả ghi ra không khớp dữ liệu cần nhập ({problem}); tệp kế hoạch giữ nguyên",
         "Not imported: the written result does not match the intended data ({problem}); the plan file is unchanged")
register("I012", "Trang '{sheet}': dòng có khóa '{key}' không còn trong bảng; mục đó được giữ nguyên trong kế hoạch",
         "Sheet '{sheet}': the row with key '{key}' is missing; that item is kept in the plan")
register("I013", "Không nhập: tệp kế hoạch chưa đọc được ({count} lỗi)",
         "Not imported: the plan file cannot be read ({count} errors)")


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column: field name (hidden row), Vietnamese header, how to read it, width."""

    key: str
    label: str
    kind: str  # key | index | code | text | number | list | qualifier | figure_kind
    width: int = 14
    identity: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    file: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


KEY = Column("key", "Khóa (không sửa)", "key", 10)
INDICATORS = Table("indicators", "Chỉ tiêu", "chi-tieu.csv", (
    KEY,
    Column("assessment", "Đánh giá số", "index", 9, identity=True),
    Column("indicator", "Mã chỉ tiêu", "code", 10, identity=True),
    Column("kind", "Loại số liệu", "figure_kind", 12, identity=True),
    Column("index", "STT", "index", 6, identity=True),
    Column("label", "Nội dung", "text", 40),
    Column("count", "Số lượng", "number"),
    Column("of", "Trên tổng số", "number"),
    Column("percent", "Tỷ lệ (%)", "number", 10),
    Column("value", "Giá trị", "number"),
    Column("unit", "Đơn vị tính", "text", 16),
    Column("qualifier", "Mức (khoảng, ít nhất…)", "qualifier", 14),
))
TASKS = Table("tasks", "Nhiệm vụ", "nhiem-vu.csv", (
    KEY,
    Column("criterion", "Tiêu chí", "code", 9),
    Column("indicator", "Chỉ tiêu", "code", 9),
    Column("what", "Nội dung nhiệm vụ", "text", 60),
    Column("where", "Địa điểm", "text", 24),
    Column("quantity", "Khối lượng", "number", 12),
    Column("unit", "Đơn vị tính", "text", 12),
    Column("sources", "Nguồn vốn (mã, cách nhau bởi ;)", "list", 30),
    Column("amount", "Kinh phí", "number", 14),
    Column("responsible", "Đơn vị chủ trì", "text", 30),
))
FUNDING = Table("funding", "Nguồn vốn", "nguon-von.csv", (
    KEY,
    Column("source", "Mã nguồn vốn", "text", 28),
    Column("label", "Tên nguồn vốn", "text", 40),
    Column("amount", "Số tiền", "number", 16),
    Column("unit", "Đơn vị tiền", "text", 14),
))
TABLES = (INDICATORS, TASKS, FUNDING)


@dataclass
class Row:
    """One row of a table: its key, its cell values, and where each lives in the YAML."""

    key: str
    values: dict[str, Any]
    paths: dict[str, YamlPath] = field(default_factory=dict)


@dataclass
class ExportResult:
    paths: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class ImportResult:
    changed: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


def key_text(path: YamlPath) -> str:
    return "/".join(str(p) for p in path)


def plan_rows(data: dict) -> dict[str, list[Row]]:
    """The three tables of a plan (plain data from ntm.yamlio)."""
    return {"indicators": _indicator_rows(data), "tasks": _task_rows(data), "funding": _funding_rows(data)}


def _items(value: Any) -> list[tuple[int, dict]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _indicator_rows(data: dict) -> list[Row]:
    rows = []
    for a, assessment in _items(data.get("assessments")):
        for code, indicator in _mapping(assessment.get("indicators")).items():
            for kind in KINDS:
                for i, figure in _items(_mapping(indicator).get(kind)):
                    base = ("assessments", a, "indicators", code, kind, i)
                    values = {"assessment": a + 1, "indicator": code, "kind": kind, "index": i + 1}
                    values.update({f: figure.get(f) for f in FIGURE_FIELDS})
                    rows.append(Row(key_text(base), values, {f: base + (f,) for f in FIGURE_FIELDS}))
    return rows


def _task_rows(data: dict) -> list[Row]:
    rows = []
    for i, task in _items(data.get("tasks")):
        base = ("tasks", i)
        fields = ("criterion", "indicator", "what", "where", "quantity", "unit", "sources", "responsible")
        values = {f: task.get(f) for f in fields}
        values["sources"] = [s for s in task.get("sources") or [] if isinstance(s, str)]
        paths = {f: base + (f,) for f in fields}
        values["amount"], paths["amount"] = _amount(task.get("amount"), base + ("amount",))
        rows.append(Row(key_text(base), values, paths))
    return rows


def _funding_rows(data: dict) -> list[Row]:
    from ntm.model.funding import DEFAULT_UNIT

    funding = _mapping(data.get("funding"))
    block_unit = funding.get("unit") or DEFAULT_UNIT
    rows = []
    for i, line in _items(funding.get("lines")):
        base = ("funding", "lines", i)
        amount = line.get("amount")
        values = {"source": line.get("source"), "label": line.get("label")}
        values["amount"], amount_path = _amount(amount, base + ("amount",))
        values["unit"] = _mapping(amount).get("unit") or block_unit
        paths = {"source": base + ("source",), "label": base + ("label",), "amount": amount_path,
                 "unit": base + ("amount", "unit")}
        rows.append(Row(key_text(base), values, paths))
    return rows


def _amount(amount: Any, path: YamlPath) -> tuple[Any, YamlPath]:
    """A money value is a bare number or {value, unit, qualifier}: the number and its path."""
    if isinstance(amount, dict):
        return amount.get("value"), path + ("value",)
    return amount, path


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------


def export_plan(plan_path: Path | str, fmt: str, out_path: Path | str) -> ExportResult:
    """Write the plan's tables: `fmt` "xlsx" (one workbook at out_path) or "csv" (a folder)."""
    from ntm.loader import load_plan

    loaded = load_plan(plan_path)  # a sheet is made only of a plan that validates
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if loaded.plan is None or errors:
        return ExportResult(diagnostics=[Diagnostic("E001", Severity.ERROR, str(plan_path),
                                                    params={"count": max(1, len(errors))}), *errors])
    rows = plan_rows(loaded.loaded.data)
    if fmt == "xlsx":
        return ExportResult([_write_xlsx(rows, Path(out_path))])
    if fmt == "csv":
        return ExportResult(_write_csv(rows, Path(out_path)))
    raise ValueError(f"format: {fmt} (xlsx | csv)")


def cell_value(column: Column, row: Row) -> Any:
    """What a cell shows: Vietnamese words for choices, '; '-joined lists, numbers as numbers."""
    value = row.key if column.kind == "key" else row.values.get(column.key)
    if value is None:
        return None
    if column.kind == "figure_kind":
        return KINDS.get(value, value)
    if column.kind == "qualifier":
        return QUALIFIERS.get(value, value)
    if column.kind == "list":
        return "; ".join(value) or None
    if column.kind == "number" and isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal) and len(value.as_tuple().digits) > MAX_DIGITS:
        return format(value, "f")  # a float cell would round it: written as text, read back exactly
    return value


def _write_xlsx(rows: dict[str, list[Row]], out: Path) -> Path:
    from openpyxl import Workbook

    from ntm.safeio import atomic_write_bytes

    book = Workbook()
    _guide_sheet(book.active)
    for table in TABLES:
        _fill_sheet(book.create_sheet(table.title), table, rows[table.name])
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(out, buffer.getvalue())
    return out


GUIDE = (
    "Bảng số liệu kế hoạch (xuất bằng `ntm export`)",
    "",
    "• Sửa số liệu trực tiếp trong các trang Chỉ tiêu, Nhiệm vụ, Nguồn vốn.",
    "• Không sửa hàng và cột bị ẩn (tên trường và khóa): ntm dùng chúng để ghi đúng chỗ trong tệp kế hoạch.",
    "• Cột số chỉ nhập số (không nhập chữ, không ghi đơn vị trong ô số).",
    "• Mã tiêu chí, mã chỉ tiêu nhập dạng chữ, ví dụ 17.10.",
    "• Thêm dòng mới ở cuối bảng và để trống cột khóa; không xóa dòng (xóa dòng không xóa mục trong kế hoạch).",
    "• Xong thì chạy: ntm import <tệp này> --into <mã kế hoạch>",
)


def _guide_sheet(sheet) -> None:
    from openpyxl.styles import Font

    sheet.title = "Hướng dẫn"
    for line in GUIDE:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 110


def _fill_sheet(sheet, table: Table, rows: list[Row]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append([c.key for c in table.columns])
    sheet.append([c.label for c in table.columns])
    for row in rows:
        sheet.append([cell_value(c, row) for c in table.columns])
    sheet.row_dimensions[1].hidden = True
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = f"B{DATA_ROW}"
    _format_columns(sheet, table, len(rows))


def _format_columns(sheet, table: Table, count: int) -> None:
    from openpyxl.utils import get_column_letter

    for number, column in enumerate(table.columns, start=1):
        letter = get_column_letter(number)
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        dimension.hidden = column.kind == "key"
        style = {"number": NUMBER_FORMAT, "code": "@", "key": "@"}.get(column.kind)
        if style:
            dimension.number_format = style
            for row in range(DATA_ROW, DATA_ROW + count):
                sheet.cell(row, number).number_format = style
        choices = {"qualifier": QUALIFIERS, "figure_kind": KINDS}.get(column.kind)
        if choices:
            _choice_list(sheet, letter, list(choices.values()))


def _choice_list(sheet, letter: str, words: list[str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    rule = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True)
    rule.add(f"{letter}{DATA_ROW}:{letter}5000")
    sheet.add_data_validation(rule)


def _write_csv(rows: dict[str, list[Row]], folder: Path) -> list[Path]:
    from ntm.safeio import atomic_write_bytes

    written = []
    for table in TABLES:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([c.key for c in table.columns])
        writer.writerow([c.label for c in table.columns])
        for row in rows[table.name]:
            writer.writerow([_csv_text(cell_value(c, row)) for c in table.columns])
        target = folder / table.file
        atomic_write_bytes(target, buffer.getvalue().encode("utf-8-sig"))
        written.append(target)
    return written


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


# ---------------------------------------------------------------------------
# Reading sheets
# ---------------------------------------------------------------------------


@dataclass
class SheetRow:
    """One data row as read: raw cell values by field name, and where each cell is."""

    table: Table
    sheet: str
    file: str
    number: int
    cells: dict[str, Any]
    columns: dict[str, int]
    text_only: bool = False  # CSV: every cell is text, numbers are parsed from it

    def where(self, name: str) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.columns.get(name, 1))}{self.number}"

    def diagnostic(self, code: str, name: str | None = None, **params: Any) -> Diagnostic:
        """A problem at this row, in the column of field `name` when given."""
        column = self.columns.get(name) if name else None
        params = {"sheet": self.sheet, "row": self.number, **params}
        if name:
            params.setdefault("cell", self.where(name))
            params.setdefault("column", self.table.column(name).label)
        return Diagnostic(code, Severity.ERROR, self.file, self.number, column, params=params)


@dataclass
class Sheets:
    """What a spreadsheet file holds: its data rows, the tables present, and problems reading it."""

    rows: list[SheetRow] = field(default_factory=list)
    tables: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (sheet title, file)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_sheets(sheet_path: Path | str) -> Sheets:
    """Rows of every ntm table found in an .xlsx file, a CSV file, or a folder of CSV files."""
    path = Path(sheet_path)
    try:
        if path.is_dir():
            return _read_csv_folder(path)
        if path.suffix.lower() == ".csv":
            return _read_csv_files([path])
        return _read_xlsx(path)
    except Exception as exc:  # openpyxl and csv raise many kinds on a damaged or foreign file
        return Sheets(diagnostics=[Diagnostic("I009", Severity.ERROR, str(path), params={"problem": _problem(exc)})])


def _problem(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "không phải UTF-8"
    return f"{type(exc).__name__}: {exc}"[:200]


def _read_xlsx(path: Path) -> Sheets:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    found = Sheets()
    for table in TABLES:
        if table.title in book.sheetnames:
            values = [list(r) for r in book[table.title].iter_rows(values_only=True)]
            found.rows.extend(_table_rows(table, table.title, str(path), values))
            found.tables[table.name] = (table.title, str(path))
    if not found.tables:
        raise ValueError("không có trang Chỉ tiêu, Nhiệm vụ hay Nguồn vốn")
    return found


def _read_csv_folder(folder: Path) -> Sheets:
    files = [folder / t.file for t in TABLES if (folder / t.file).is_file()]
    if not files:
        raise ValueError(f"không có tệp {', '.join(t.file for t in TABLES)}")
    return _read_csv_files(files)


def _read_csv_files(files: list[Path]) -> Sheets:
    found = Sheets()
    for file in files:
        table = next((t for t in TABLES if t.file == file.name), None)
        if table is None:
            raise ValueError(f"tên tệp {file.name} không phải một bảng của ntm")
        text = file.read_bytes().decode("utf-8-sig")
        values = [list(r) for r in csv.reader(io.StringIO(text, newline=""))]
        found.rows.extend(_table_rows(table, file.name, str(file), values, text_only=True))
        found.tables[table.name] = (file.name, str(file))
    return found


def _table_rows(table: Table, sheet: str, file: str, values: list[list[Any]],
                text_only: bool = False) -> list[SheetRow]:
    if not values or "key" not in [str(v).strip() if v is not None else "" for v in values[0]]:
        raise ValueError(f"trang '{sheet}' thiếu hàng tên trường (hàng 1 bị xóa?)")
    known = {c.key for c in table.columns}
    columns = {str(v).strip(): i for i, v in enumerate(values[0]) if v is not None and str(v).strip() in known}
    rows = []
    for number, raw in enumerate(values[DATA_ROW - 1:], start=DATA_ROW):
        cells = {k: raw[i] if i < len(raw) else None for k, i in columns.items()}
        if any(not _blank(v) for v in cells.values()):
            rows.append(SheetRow(table, sheet, file, number, cells, {k: i + 1 for k, i in columns.items()}, text_only))
    return rows


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ---------------------------------------------------------------------------
# Cell values
# ---------------------------------------------------------------------------


class CellProblem(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_cell(column: Column, value: Any, text_only: bool = False) -> Any:
    """A cell's value as the plan would hold it; `CellProblem` when it cannot be one.

    In a workbook a number cell must hold a number (text is refused); in CSV,
    where every cell is text, a plain decimal such as 1714.5 is accepted.
    """
    if _blank(value):
        return [] if column.kind == "list" else None
    if isinstance(value, str) and column.kind in ("number", "index") and not text_only and not _long_number(value):
        raise CellProblem("I001", value=value)
    reader = {
        "number": parse_number,
        "index": _parse_index,
        "code": _parse_code,
        "list": lambda v: [s.strip() for s in _nfc(str(v)).split(";") if s.strip()],
        "qualifier": lambda v: _parse_choice(v, QUALIFIERS),
        "figure_kind": lambda v: _parse_choice(v, KINDS),
    }.get(column.kind, _parse_text)
    return reader(value)


def _long_number(text: str) -> bool:
    """A number too long for a float cell, which export writes as text."""
    digits = text.strip().lstrip("+-").replace(".", "").lstrip("0")
    return bool(re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", text.strip())) and len(digits) > MAX_DIGITS


def parse_number(value: Any) -> Decimal:
    """A number cell as an exact Decimal: ints as they are, floats by their shortest repr."""
    if isinstance(value, bool):
        raise CellProblem("I001", value=str(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return _from_float(value)
    if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", value.strip()):
        return _checked(Decimal(value.strip()), value.strip(), exact=True)  # text is exact: no float noise
    raise CellProblem("I001", value=str(value))


def _from_float(value: float) -> Decimal:
    text = repr(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellProblem("I001", value=text) from None
    if not number.is_finite():
        raise CellProblem("I001", value=text)
    return _checked(number, text)


def _checked(number: Decimal, text: str, exact: bool = False) -> Decimal:
    digits = len(number.normalize().as_tuple().digits)
    if digits > MAX_DIGITS and not exact:
        raise CellProblem("I002", value=text, limit=MAX_DIGITS)
    return number if "e" not in text.lower() else Decimal(format(number, "f"))


def _parse_index(value: Any) -> int:
    number = parse_number(value)
    if number != number.to_integral_value() or number < 1:
        raise CellProblem("I001", value=str(value))
    return int(number)


def _parse_code(value: Any) -> str:
    if isinstance(value, float):
        if not value.is_integer():
            raise CellProblem("I003", value=repr(value))
        value = int(value)
    return _nfc(str(value)).strip()


def _parse_text(value: Any) -> str:
    if isinstance(value, float):
        value = format(_from_float(value), "f")
    return _nfc(str(value)).strip()


def _parse_choice(value: Any, choices: dict[str, str]) -> str:
    from ntm.text import fold

    wanted = fold(str(value))
    for key, word in choices.items():
        if wanted in (fold(key), fold(word)):
            return key
    raise CellProblem("I007", value=str(value), expected=", ".join(choices.values()))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def same(a: Any, b: Any) -> bool:
    """Cell and plan values agree: numbers by value, text without surrounding spaces, empties alike."""
    a, b = _comparable(a), _comparable(b)
    if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)) and not isinstance(a, bool):
        return Decimal(a) == Decimal(b)
    return a == b


def _comparable(value: Any) -> Any:
    if isinstance(value, str):
        value = _nfc(value).strip()
        return value or None
    if isinstance(value, list):
        return [_comparable(v) for v in value] or None
    return value


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------


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
        return ImportResult(diagnostics=found + problems)
    from ntm.safeio import atomic_write_bytes

    atomic_write_bytes(plan.path, plan.encode(new_text))
    return ImportResult(True, found, list(dict.fromkeys(format_path(e.path) for e in edits)))


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


# ---------------------------------------------------------------------------
# From sheet rows to edits
# ---------------------------------------------------------------------------


def sheet_edits(sheets: Sheets, data: dict) -> tuple[list, list[Diagnostic]]:
    """The edits the sheets ask for, and every problem found in them."""
    current = {name: {row.key: row for row in rows} for name, rows in plan_rows(data).items()}
    builder = _EditBuilder(data)
    found: list[Diagnostic] = []
    seen: dict[tuple[str, str], int] = {}
    for srow in sheets.rows:
        parsed, problems = _parse_row(srow)
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
    return None if _blank(raw) else _parse_text(raw)


def _parse_row(srow: SheetRow) -> tuple[dict[str, Any], list[Diagnostic]]:
    parsed: dict[str, Any] = {}
    problems = []
    for key, value in srow.cells.items():
        column = srow.table.column(key)
        try:
            parsed[key] = _parse_text(value) if column.kind == "key" and not _blank(value) else \
                parse_cell(column, value, srow.text_only)
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
                    if c.identity and c.key in parsed and parsed[c.key] is not None
                    and not same(parsed[c.key], row.values.get(c.key))]
        if problems:
            return problems
        if srow.table is FUNDING:
            self._funding_amount(parsed, row)
        for column in srow.table.columns:
            if column.kind == "key" or column.identity or column.key not in parsed:
                continue
            if srow.table is FUNDING and column.key in ("amount", "unit"):
                continue
            self._cell(column, parsed[column.key], row.values.get(column.key), row.paths[column.key])
        return []

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
        block_unit = _mapping(self.data.get("funding")).get("unit") or DEFAULT_UNIT
        if values.get("unit") and values["unit"] != block_unit and "amount" in item:
            item["amount"] = {"value": item["amount"], "unit": values["unit"]}
        return item

    def _ensure(self, path: YamlPath, kind: type) -> None:
        """Create the mapping or list at `path` (in model order) unless the plan or an earlier edit has it."""
        if path in self.created or isinstance(_get(self.data, path), kind):
            return
        self.created.add(path)
        self.add("set", path, kind(), _order_for(path))


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
