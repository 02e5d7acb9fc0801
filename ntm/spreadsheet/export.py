"""`export_plan`: a plan's tables as an .xlsx workbook an officer can fill in, or a folder of CSV files."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from ntm.diagnostics import Diagnostic, Severity
from ntm.spreadsheet.tables import (
    CELL_LIMIT,
    DATA_ROW,
    KINDS,
    MAX_DIGITS,
    NUMBER_FORMAT,
    QUALIFIERS,
    TABLES,
    TOTAL_KEY,
    Column,
    ExportResult,
    Row,
    Table,
    plan_rows,
)


def export_plan(plan_path: Path | str, fmt: str, out_path: Path | str) -> ExportResult:
    """Write the plan's tables: `fmt` "xlsx" (one workbook at out_path) or "csv" (a folder)."""
    from ntm.loader import load_plan

    loaded = load_plan(plan_path)  # a sheet is made only of a plan that validates
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if loaded.plan is None or errors:
        return ExportResult(diagnostics=[Diagnostic("E001", Severity.ERROR, str(plan_path),
                                                    params={"count": max(1, len(errors))}), *errors])
    rows = plan_rows(loaded.loaded.data)
    too_long = overlong_cells(rows, loaded.loaded.positions, str(plan_path))
    if too_long:  # a cell would cut them, and an import of the sheet would write the cut text back
        return ExportResult(diagnostics=too_long)
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


def overlong_cells(rows: dict[str, list[Row]], positions, file: str) -> list[Diagnostic]:
    """E002 for every value longer than a cell holds, at its place in the YAML."""
    from ntm.diagnostics import format_path
    from ntm.messages import grouped_count
    from ntm.spreadsheet.cells import cell_length

    found = []
    for table in TABLES:
        for row in rows[table.name]:
            for column in table.columns:
                value = cell_value(column, row)
                if not isinstance(value, str) or cell_length(value) <= CELL_LIMIT:
                    continue
                path = row.paths.get(column.key, ())  # the key column has no path of its own
                # the key's place: under an alias the value's own place is the anchor's
                line, col = (positions.of(path, prefer_key=True) if path else None) or (None, None)
                found.append(Diagnostic("E002", Severity.ERROR, file, line, col, path, params={
                    "field": format_path(path), "length": grouped_count(cell_length(value)),
                    "limit": grouped_count(CELL_LIMIT)}))
    return found


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
    "• Dòng TỔNG KINH PHÍ đầu trang Nguồn vốn là tổng ghi trong văn bản: sửa số tiền một nguồn thì sửa cả dòng "
    "này để tổng khớp với các nguồn.",
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
    for number, row in enumerate(rows, start=DATA_ROW):
        sheet.append([cell_value(c, row) for c in table.columns])
        if row.key == TOTAL_KEY:
            for cell in sheet[number]:
                cell.font = Font(bold=True)
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
