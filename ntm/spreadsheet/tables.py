"""The three tables a plan leaves the YAML as (indicator values, tasks, funding lines): their
columns, the rows of a plan, the number formats and the I/E messages shared by export and import."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm.diagnostics import Diagnostic, YamlPath
from ntm.messages import register

NUMBER_FORMAT = "#,##0.0##"
MAX_DIGITS = 15
CELL_LIMIT = 32_767  # characters a spreadsheet cell holds (Excel, LibreOffice, openpyxl cut the rest)
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
register("E002", "Không xuất: '{field}' có {length} ký tự, một ô bảng tính chỉ giữ được {limit} ký tự "
                 "(phần còn lại sẽ bị cắt mất khi nhập lại); hãy rút gọn hoặc tách nội dung này trong tệp kế hoạch",
         "Not exported: '{field}' has {length} characters and a spreadsheet cell holds only {limit} "
         "(the rest would be cut off and lost on import); shorten or split it in the plan file")
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
register("I014", "Trang '{sheet}', ô {cell}: ô chỉ còn {limit} ký tự đầu của nội dung {length} ký tự trong kế "
                 "hoạch (bảng tính cắt ô dài); coi như không sửa, kế hoạch giữ nguyên toàn văn",
         "Sheet '{sheet}', cell {cell}: the cell holds only the first {limit} of the plan's {length} characters "
         "(spreadsheets cut long cells); taken as unchanged, the plan keeps the full text")
register("I015", "Trang '{sheet}', ô {cell}: các nguồn vốn nay cộng lại {computed} triệu đồng, dòng tổng kinh phí "
                 "vẫn ghi {stated}; nếu văn bản ghi tổng mới, hãy sửa ô {cell} thành {computed} rồi nhập lại",
         "Sheet '{sheet}', cell {cell}: the funding lines now add up to {computed} million VND while the total row "
         "still says {stated}; if the document states the new total, enter {computed} in cell {cell} and import again")
register("I016", "Trang '{sheet}', ô {cell}: tệp CSV lưu bằng bảng mã Windows-1258, không có ký tự {chars} nên "
                 "chương trình bảng tính đã thay bằng ký tự khác; coi như không sửa, kế hoạch giữ nguyên (lần sau "
                 "hãy lưu bằng «CSV UTF-8»)",
         "Sheet '{sheet}', cell {cell}: the CSV was saved in Windows-1258, which lacks {chars}, so the spreadsheet "
         "program replaced it; taken as unchanged, the plan keeps its text (next time save as 'CSV UTF-8')")
register("I013", "Không nhập: tệp kế hoạch chưa đọc được ({count} lỗi)",
         "Not imported: the plan file cannot be read ({count} errors)")


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
    """One row of a table: its key, its cell values, where each lives in the YAML, and the
    columns that are the row's caption rather than data (they cannot be edited)."""

    key: str
    values: dict[str, Any]
    paths: dict[str, YamlPath] = field(default_factory=dict)
    fixed: tuple[str, ...] = ()


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


def as_mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _indicator_rows(data: dict) -> list[Row]:
    rows = []
    for a, assessment in _items(data.get("assessments")):
        for code, indicator in as_mapping(assessment.get("indicators")).items():
            for kind in KINDS:
                for i, figure in _items(as_mapping(indicator).get(kind)):
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


TOTAL_KEY = "funding/total"
TOTAL_LABEL = "TỔNG KINH PHÍ (tổng các nguồn vốn dưới đây)"


def _funding_rows(data: dict) -> list[Row]:
    """The stated total first (as Vietnamese budget tables put "Tổng số"), then one row per line."""
    from ntm.model.funding import DEFAULT_UNIT

    funding = as_mapping(data.get("funding"))
    block_unit = funding.get("unit") or DEFAULT_UNIT
    rows = [_total_row(funding.get("total"), block_unit)]
    for i, line in _items(funding.get("lines")):
        base = ("funding", "lines", i)
        amount = line.get("amount")
        values = {"source": line.get("source"), "label": line.get("label")}
        values["amount"], amount_path = _amount(amount, base + ("amount",))
        values["unit"] = as_mapping(amount).get("unit") or block_unit
        paths = {"source": base + ("source",), "label": base + ("label",), "amount": amount_path,
                 "unit": base + ("amount", "unit")}
        rows.append(Row(key_text(base), values, paths))
    return rows


def _total_row(total: Any, block_unit: str) -> Row:
    """The document's stated total, editable beside the lines it must add up to (rule R101)."""
    base = ("funding", "total")
    value, amount_path = _amount(total, base)
    values = {"source": None, "label": TOTAL_LABEL, "amount": value,
              "unit": as_mapping(total).get("unit") or block_unit}
    paths = {"source": base, "label": base, "amount": amount_path, "unit": base + ("unit",)}
    return Row(TOTAL_KEY, values, paths, fixed=("source", "label"))


def _amount(amount: Any, path: YamlPath) -> tuple[Any, YamlPath]:
    """A money value is a bare number or {value, unit, qualifier}: the number and its path."""
    if isinstance(amount, dict):
        return amount.get("value"), path + ("value",)
    return amount, path
