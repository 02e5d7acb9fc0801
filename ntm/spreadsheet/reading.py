"""Reading a filled-in workbook or CSV folder back into rows, each cell with its sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm.diagnostics import Diagnostic, Severity
from ntm.spreadsheet.tables import DATA_ROW, TABLES, Table


class SheetProblem(Exception):
    """A spreadsheet file that cannot be read, and why ({"vi", "en"}, localised when printed)."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi)
        self.problem = {"vi": vi, "en": en}


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
    notation: str = "plain"  # CSV: "vi" when the file writes numbers as 8.321,7 (see csvfiles.notation)
    encoding: str = "utf-8"  # CSV: "cp1258" when read as Windows-1258, which lacks some characters

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


def _problem(exc: Exception) -> str | dict[str, str]:
    if isinstance(exc, SheetProblem):
        return exc.problem
    return f"{type(exc).__name__}: {exc}"[:200]


def _read_xlsx(path: Path) -> Sheets:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    found = Sheets()
    for table in TABLES:
        if table.title in book.sheetnames:
            values = [list(r) for r in book[table.title].iter_rows(values_only=True)]
            found.rows.extend(_table_rows(table, table.title, str(path), values, _columns(table, table.title, values)))
            found.tables[table.name] = (table.title, str(path))
    if not found.tables:
        raise SheetProblem("không có trang Chỉ tiêu, Nhiệm vụ hay Nguồn vốn",
                           "it has no sheet Chỉ tiêu, Nhiệm vụ or Nguồn vốn")
    return found


def _read_csv_folder(folder: Path) -> Sheets:
    files = [folder / t.file for t in TABLES if (folder / t.file).is_file()]
    if not files:
        names = ", ".join(t.file for t in TABLES)
        raise SheetProblem(f"thư mục không có tệp nào trong số {names}", f"the folder has none of {names}")
    return _read_csv_files(files)


def _read_csv_files(files: list[Path]) -> Sheets:
    from ntm.spreadsheet.csvfiles import decode_csv, notation, split_csv

    found = Sheets()
    for file in files:
        table = next((t for t in TABLES if t.file == file.name), None)
        if table is None:
            names = ", ".join(t.file for t in TABLES)
            raise SheetProblem(f"tên tệp {file.name} không phải tên một bảng của ntm ({names})",
                               f"{file.name} is not the name of an ntm table ({names})")
        text, encoding = decode_csv(file.read_bytes())
        separator, values = split_csv(text)
        columns = _columns(table, file.name, values)
        numbers = [i for k, i in columns.items() if table.column(k).kind in ("number", "index")]
        found.rows.extend(_table_rows(table, file.name, str(file), values, columns, text_only=True,
                                      notation=notation(separator, values[DATA_ROW - 1:], numbers),
                                      encoding=encoding))
        found.tables[table.name] = (file.name, str(file))
    return found


def _columns(table: Table, sheet: str, values: list[list[Any]]) -> dict[str, int]:
    """Field name -> column index, from the field-name row (row 1) every ntm sheet starts with."""
    if not values or "key" not in [str(v).strip() if v is not None else "" for v in values[0]]:
        names = ", ".join(c.key for c in table.columns[:3])
        raise SheetProblem(f"trang '{sheet}': hàng 1 không phải hàng tên trường của ntm ({names}, …); hàng này bị "
                         f"xóa, hoặc tệp không phải bảng xuất bằng ntm export",
                         f"sheet '{sheet}': row 1 is not ntm's field-name row ({names}, …); it was deleted, or "
                         f"the file is not a sheet made by ntm export")
    known = {c.key for c in table.columns}
    return {str(v).strip(): i for i, v in enumerate(values[0]) if v is not None and str(v).strip() in known}


def _table_rows(table: Table, sheet: str, file: str, values: list[list[Any]], columns: dict[str, int],
                text_only: bool = False, notation: str = "plain", encoding: str = "utf-8") -> list[SheetRow]:
    rows = []
    where = {k: i + 1 for k, i in columns.items()}
    for number, raw in enumerate(values[DATA_ROW - 1:], start=DATA_ROW):
        cells = {k: raw[i] if i < len(raw) else None for k, i in columns.items()}
        if any(not is_blank(v) for v in cells.values()):
            rows.append(SheetRow(table, sheet, file, number, cells, where, text_only, notation, encoding))
    return rows


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
