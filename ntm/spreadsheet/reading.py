"""Reading a filled-in workbook or CSV folder back into rows, each cell with its sheet, row and column."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm.diagnostics import Diagnostic, Severity
from ntm.spreadsheet.tables import DATA_ROW, TABLES, Table


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

    def diagnostic(self, code: str, name: str | None = None, severity: Severity = Severity.ERROR,
                   **params: Any) -> Diagnostic:
        """A problem at this row, in the column of field `name` when given."""
        column = self.columns.get(name) if name else None
        params = {"sheet": self.sheet, "row": self.number, **params}
        if name:
            params.setdefault("cell", self.where(name))
            params.setdefault("column", self.table.column(name).label)
        return Diagnostic(code, severity, self.file, self.number, column, params=params)


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
        if any(not is_blank(v) for v in cells.values()):
            rows.append(SheetRow(table, sheet, file, number, cells, {k: i + 1 for k, i in columns.items()}, text_only))
    return rows


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
