"""`ntm export` / `ntm import`: sheets out, exact edits back in, refusals leave the YAML untouched."""

import csv
import difflib
import io
import os
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ntm.spreadsheet import (
    FUNDING,
    INDICATORS,
    NUMBER_FORMAT,
    TASKS,
    CellProblem,
    export_plan,
    import_plan,
    parse_cell,
    parse_number,
)
from ntm.yamlio import load_file

REPO = Path(__file__).resolve().parents[1]
HUNG_MY = REPO / "plans" / "tuyen-quang" / "hung-my.yaml"

PLAN = """\
# yaml-language-server: $schema=../schema/plan.schema.json
# Kế hoạch thử nghiệm
schema_version: 1
slug: vi-du
unit: {level: xa, name: Hùng Mỹ, district: Chiêm Hóa, province: Tuyên Quang, region: TDMNPB}
criteria_set: xa-ntm-2021-2025
period: {start: 2024, end: 2024}
document: {kind: KH, title: Kế hoạch ví dụ, date: 2024-02-22}
assessments:
  - criteria_set: xa-ntm-2021-2025
    as_of: 2023-12-31
    indicators:
      # Nhà tiêu hợp vệ sinh
      "17.8": {measures: [{label: Nhà tiêu, count: 1276, of: 1413, percent: 90.3, unit: hộ}]}
      "17.10":
        measures:
          - value: 1714.0  # số liệu năm trước
            unit: kg
tasks:
  - criterion: "2"
    what: Bê tông hóa đường trục thôn   # đường
    quantity: 1.08
    unit: km
    sources: [ctmtqg_ntm, ngan_sach_tinh]
    amount: 1500
funding:
  total: 215.5
  lines:
    - {source: ngan_sach_tinh, amount: 135}   # tỉnh
    - source: ctmtqg_ntm
      label: Vốn CTMTQG XD NTM
      amount: 80.5
"""


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "vi-du.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def exported(plan, tmp_path, fmt="xlsx"):
    out = tmp_path / ("vi-du.xlsx" if fmt == "xlsx" else "vi-du-csv")
    result = export_plan(plan, fmt, out)
    assert result.diagnostics == []
    return out


def edit(book_path, sheet, changes, append=None):
    book = load_workbook(book_path)
    for cell, value in changes.items():
        book[sheet][cell] = value
    for row in append or []:
        book[sheet].append(row)
    book.save(book_path)


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_workbook_layout(plan, tmp_path):
    book = load_workbook(exported(plan, tmp_path))
    assert book.sheetnames == ["Hướng dẫn", "Chỉ tiêu", "Nhiệm vụ", "Nguồn vốn"]
    sheet = book["Chỉ tiêu"]
    assert [c.value for c in sheet[1]] == [c.key for c in INDICATORS.columns]
    assert sheet.row_dimensions[1].hidden and sheet.column_dimensions["A"].hidden
    assert sheet["F2"].value == "Nội dung" and sheet["F2"].font.b
    assert sheet.freeze_panes == "B3"
    assert sheet["A3"].value == "assessments/0/indicators/17.8/measures/0"
    assert (sheet["C3"].value, sheet["C3"].number_format) == ("17.8", "@")
    assert sheet["C4"].value == "17.10" and sheet["D3"].value == "hiện trạng"
    assert sheet["G3"].value == 1276 and sheet["G3"].number_format == NUMBER_FORMAT
    assert sheet["J4"].value == 1714
    tasks = book["Nhiệm vụ"]
    assert [c.value for c in tasks[3]][1:] == ["2", None, "Bê tông hóa đường trục thôn", None, 1.08, "km",
                                               "ctmtqg_ntm; ngan_sach_tinh", 1500, None]
    funding = book["Nguồn vốn"]
    assert [c.value for c in funding[3]] == ["funding/total", None, "TỔNG KINH PHÍ (tổng các nguồn vốn dưới đây)",
                                             215.5, "triệu đồng"]
    assert funding["C3"].font.b and funding["D3"].font.b
    assert [c.value for c in funding[4]] == ["funding/lines/0", "ngan_sach_tinh", None, 135, "triệu đồng"]


def test_export_then_import_changes_nothing(plan, tmp_path):
    before = plan.read_bytes()
    result = import_plan(exported(plan, tmp_path), plan)
    assert (result.changed, result.diagnostics) == (False, [])
    assert plan.read_bytes() == before


def test_one_edited_value_changes_exactly_one_line(plan, tmp_path):
    book = exported(plan, tmp_path)
    edit(book, "Chỉ tiêu", {"J4": 1800.5})
    result = import_plan(book, plan)
    assert result.changed and result.diagnostics == []
    assert result.changes == ["assessments[0].indicators.17.10.measures[0].value"]
    assert changed_lines(PLAN, plan.read_text(encoding="utf-8")) == [
        "-          - value: 1714.0  # số liệu năm trước",
        "+          - value: 1800.5  # số liệu năm trước",
    ]


def test_decimal_places_are_kept_and_no_float_drift(plan, tmp_path):
    book = exported(plan, tmp_path)
    edit(book, "Chỉ tiêu", {"J4": 1715, "G3": 1277, "I3": 90.4})
    assert import_plan(book, plan).changed
    text = plan.read_text(encoding="utf-8")
    assert "- value: 1715.0  # số liệu năm trước" in text
    assert '"17.8": {measures: [{label: Nhà tiêu, count: 1277, of: 1413, percent: 90.4, unit: hộ}]}' in text


def test_text_in_a_number_cell_is_refused_and_the_yaml_is_untouched(plan, tmp_path):
    book = exported(plan, tmp_path)
    edit(book, "Chỉ tiêu", {"G3": "1.280 hộ", "J4": 1800.5})
    before = plan.read_bytes()
    result = import_plan(book, plan)
    assert not result.changed
    (problem,) = [d for d in result.diagnostics if d.severity.value == "error"]
    assert (problem.code, problem.file, problem.line, problem.column) == ("I001", str(book), 3, 7)
    assert problem.params["sheet"] == "Chỉ tiêu" and problem.params["cell"] == "G3"
    assert "Chỉ tiêu" in problem.message() and "G3" in problem.message("en")
    assert plan.read_bytes() == before


def test_a_new_error_is_refused_and_the_yaml_is_untouched(plan, tmp_path):
    book = exported(plan, tmp_path)
    edit(book, "Chỉ tiêu", {"G3": 1300})  # 1300/1413 is not the stated 90,3%
    before = plan.read_bytes()
    result = import_plan(book, plan)
    assert not result.changed and [d.code for d in result.diagnostics] == ["I010", "R201"]
    assert plan.read_bytes() == before


def test_an_existing_rows_identity_cannot_change(plan, tmp_path):
    book = exported(plan, tmp_path)
    edit(book, "Chỉ tiêu", {"C3": "17.9"})
    result = import_plan(book, plan)
    assert [d.code for d in result.diagnostics] == ["I006"] and not result.changed


def test_new_rows_and_fields_are_added_in_model_order(plan, tmp_path):
    book = exported(plan, tmp_path)
    edit(book, "Nhiệm vụ", {}, append=[[None, "5", None, "Xây nhà ăn bán trú", "Trường mầm non", 1, "nhà",
                                        "ctmtqg_ntm; ngan_sach_xa", 2500.5, "UBND xã"]])
    edit(book, "Chỉ tiêu", {"L4": "khoảng"}, append=[[None, 1, "17.8", "mục tiêu", None, "Nhà tiêu", 1300, 1413,
                                                        92, None, "hộ", "ít nhất"]])
    result = import_plan(book, plan)
    assert result.changed and result.diagnostics == []
    data = load_file(plan).data
    assert data["tasks"][1] == {"criterion": "5", "what": "Xây nhà ăn bán trú", "where": "Trường mầm non",
                                "quantity": 1, "unit": "nhà", "sources": ["ctmtqg_ntm", "ngan_sach_xa"],
                                "amount": Decimal("2500.5"), "responsible": "UBND xã"}
    target = data["assessments"][0]["indicators"]["17.8"]["targets"][0]
    assert target == {"label": "Nhà tiêu", "count": 1300, "of": 1413, "percent": 92, "unit": "hộ",
                      "qualifier": "at_least"}
    assert data["assessments"][0]["indicators"]["17.10"]["measures"][0]["qualifier"] == "about"
    text = plan.read_text(encoding="utf-8")
    assert "# Nhà tiêu hợp vệ sinh" in text and "# đường" in text and "# tỉnh" in text
    assert all(line.startswith("+") for line in changed_lines(PLAN, text) if "17.8" not in line)


def test_a_funding_unit_change_turns_the_amount_into_a_mapping(plan, tmp_path):
    book = exported(plan, tmp_path)
    edit(book, "Nguồn vốn", {"D4": 0.135, "E4": "tỷ đồng"})  # still 135 triệu đồng: the total holds
    result = import_plan(book, plan)
    assert result.changed, result.diagnostics
    assert changed_lines(PLAN, plan.read_text(encoding="utf-8")) == [
        "-    - {source: ngan_sach_tinh, amount: 135}   # tỉnh",
        "+    - {source: ngan_sach_tinh, amount: {value: 0.135, unit: tỷ đồng}}   # tỉnh",
    ]


def test_csv_round_trip_with_bom(plan, tmp_path):
    folder = exported(plan, tmp_path, "csv")
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["chi-tieu.csv", "nguon-von.csv", "nhiem-vu.csv"]
    raw = (folder / "chi-tieu.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "Mã chỉ tiêu".encode() in raw
    assert import_plan(folder, plan).changed is False
    text = raw.decode("utf-8-sig").replace(",1714.0,", ",1714.25,")
    (folder / "chi-tieu.csv").write_bytes(text.encode("utf-8-sig"))
    assert import_plan(folder, plan).changes == ["assessments[0].indicators.17.10.measures[0].value"]
    assert "- value: 1714.25  # số liệu năm trước" in plan.read_text(encoding="utf-8")


def test_csv_text_that_is_not_a_number_is_refused(plan, tmp_path):
    folder = exported(plan, tmp_path, "csv")
    text = (folder / "chi-tieu.csv").read_text(encoding="utf-8-sig").replace(",1714.0,", ",khoảng 1.714,")
    (folder / "chi-tieu.csv").write_text(text, encoding="utf-8-sig")
    before = plan.read_bytes()
    result = import_plan(folder, plan)
    assert [(d.code, d.params["cell"], d.params["value"]) for d in result.diagnostics] == [
        ("I001", "J4", "khoảng 1.714")]
    assert plan.read_bytes() == before


def test_crlf_and_bom_of_the_plan_are_kept(tmp_path):
    path = tmp_path / "vi-du.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + PLAN.replace("\n", "\r\n").encode("utf-8"))
    book = exported(path, tmp_path)
    edit(book, "Chỉ tiêu", {"J4": 1800.5})
    assert import_plan(book, path).changed
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == PLAN.count("\n")
    assert b"- value: 1800.5  # s" in raw


LOOSE = PLAN.replace("\n    - {source", "\n  - {source").replace("\n    - source", "\n  - source") \
    .replace("\n      label: Vốn", "\n    label: Vốn").replace("\n      amount: 80.5", "\n    amount: 80.5")


def test_a_file_not_in_canonical_layout_keeps_its_layout(tmp_path):
    path = tmp_path / "vi-du.yaml"
    path.write_text(LOOSE.replace("total: 215.5", "total: 216"), encoding="utf-8")
    loose = path.read_text(encoding="utf-8")
    book = exported(path, tmp_path)
    edit(book, "Nguồn vốn", {"D5": 81})
    edit(book, "Nhiệm vụ", {}, append=[[None, "5", None, "Xây nhà ăn", None, None, None, None, None, None]])
    result = import_plan(book, path)
    assert result.changed, result.diagnostics
    assert changed_lines(loose, path.read_text(encoding="utf-8")) == [
        '+  - criterion: "5"', "+    what: Xây nhà ăn", "-    amount: 80.5", "+    amount: 81.0"]


def test_a_new_row_in_a_loosely_laid_out_list_gets_the_canonical_layout(tmp_path):
    path = tmp_path / "vi-du.yaml"
    path.write_text(LOOSE.replace("total: 215.5", "total: 216.5"), encoding="utf-8")
    book = exported(path, tmp_path)
    edit(book, "Nguồn vốn", {}, append=[[None, "ngan_sach_xa", "Ngân sách xã", 1, None]])
    assert import_plan(book, path).changed
    text = path.read_text(encoding="utf-8")
    assert "    - source: ngan_sach_xa\n      label: Ngân sách xã\n      amount: 1\n" in text
    assert "# tỉnh" in text and "# số liệu năm trước" in text


def test_a_failed_write_leaves_the_original(plan, tmp_path, monkeypatch):
    book = exported(plan, tmp_path)
    edit(book, "Chỉ tiêu", {"J4": 1800.5})
    before = plan.read_bytes()

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        import_plan(book, plan)
    assert plan.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vi-du.xlsx", "vi-du.yaml"]


def test_missing_rows_are_kept_with_a_warning(plan, tmp_path):
    book = exported(plan, tmp_path)
    workbook = load_workbook(book)
    workbook["Nhiệm vụ"].delete_rows(3)
    workbook.save(book)
    result = import_plan(book, plan)
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [("I012", "warning")]
    assert load_file(plan).data["tasks"][0]["what"] == "Bê tông hóa đường trục thôn"


def test_a_foreign_workbook_is_refused(plan, tmp_path):
    from openpyxl import Workbook

    other = tmp_path / "khac.xlsx"
    Workbook().save(other)
    assert [d.code for d in import_plan(other, plan).diagnostics] == ["I009"]


def test_numbers_from_cells_are_exact():
    assert parse_number(1714.0) == Decimal("1714.0") and str(parse_number(0.1)) == "0.1"
    assert str(parse_number(8321.7)) == "8321.7" and parse_number(5) == 5
    assert str(parse_number(1e-05)) == "0.00001"
    with pytest.raises(CellProblem) as noise:
        parse_number(0.1 + 0.2)  # 0.30000000000000004: not a figure anyone typed
    assert noise.value.code == "I002"
    with pytest.raises(CellProblem) as text:
        parse_cell(TASKS.column("amount"), "1.500 triệu")
    assert text.value.code == "I001"


def test_codes_typed_as_numbers():
    column = TASKS.column("criterion")
    assert parse_cell(column, 5) == "5" and parse_cell(column, 5.0) == "5" and parse_cell(column, "17.10") == "17.10"
    with pytest.raises(CellProblem) as lost:
        parse_cell(column, 17.1)  # was it 17.1 or 17.10?
    assert lost.value.code == "I003"


def test_choices_accept_vietnamese_or_keys():
    column = FUNDING.column("unit")
    assert parse_cell(column, " tỷ đồng ") == "tỷ đồng"
    qualifier = INDICATORS.column("qualifier")
    assert parse_cell(qualifier, "Ít nhất") == "at_least" and parse_cell(qualifier, "about") == "about"
    with pytest.raises(CellProblem):
        parse_cell(qualifier, "gần bằng")


def test_hung_my_one_value_round_trip(tmp_path):
    path = tmp_path / "hung-my.yaml"
    path.write_bytes(HUNG_MY.read_bytes())
    book = exported(path, tmp_path)
    assert import_plan(book, path).changed is False
    workbook = load_workbook(book)
    sheet = workbook["Chỉ tiêu"]
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value.endswith("/10/targets/0"))
    assert sheet.cell(row, 10).value == 49  # income target, triệu đồng/người/năm
    sheet.cell(row, 10).value = 50.5
    workbook.save(book)
    result = import_plan(book, path)
    assert result.changed, result.diagnostics
    diff = changed_lines(HUNG_MY.read_text(encoding="utf-8"), path.read_text(encoding="utf-8"))
    assert diff == ["-            value: 49", "+            value: 50.5"]


# ----- issue 14.2: a cell holds 32,767 characters; nothing longer may be cut on the way back -----

LONG = ("Bê tông hóa đường trục thôn Nà Khện đi bản Bường, có rãnh thoát nước hai bên. " * 600)[:40_000]


def long_plan(tmp_path, what: str):
    path = tmp_path / "vi-du.yaml"
    path.write_text(PLAN.replace("what: Bê tông hóa đường trục thôn   # đường", f'what: "{what}"   # đường'),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_refuses_text_longer_than_a_cell_and_writes_nothing(tmp_path, fmt):
    path = long_plan(tmp_path, LONG)
    out = tmp_path / ("vi-du.xlsx" if fmt == "xlsx" else "vi-du-csv")
    result = export_plan(path, fmt, out)
    assert result.paths == [] and not out.exists()
    (diag,) = result.diagnostics
    assert (diag.code, diag.severity.value, diag.file, diag.line, diag.column, diag.path) == (
        "E002", "error", str(path), 21, 5, ("tasks", 0, "what"))
    assert diag.message() == ("Không xuất: 'tasks[0].what' có 40.000 ký tự, một ô bảng tính chỉ giữ được 32.767 ký "
                              "tự (phần còn lại sẽ bị cắt mất khi nhập lại); hãy rút gọn hoặc tách nội dung này "
                              "trong tệp kế hoạch")
    assert "has 40,000 characters and a spreadsheet cell holds only 32,767" in diag.message("en")


def test_text_of_exactly_one_cell_exports_and_comes_back_unchanged(tmp_path):
    path = long_plan(tmp_path, LONG[:32_767].rstrip())
    before = path.read_bytes()
    book = exported(path, tmp_path)
    assert len(load_workbook(book)["Nhiệm vụ"]["D3"].value) == len(LONG[:32_767].rstrip())
    assert (import_plan(book, path).changed, path.read_bytes()) == (False, before)


def test_export_command_refuses_with_the_line_and_exit_1(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from ntm.cli import app

    monkeypatch.chdir(tmp_path)
    path = long_plan(tmp_path, LONG)
    result = CliRunner().invoke(app, ["export", str(path), "--output", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 1 and not (tmp_path / "out.xlsx").exists()
    assert f"{path}:21:5: lỗi E002 Không xuất: 'tasks[0].what' có 40.000 ký tự" in result.output


def sheet_cut_by_a_spreadsheet(tmp_path, fmt):
    """The sheet a spreadsheet program leaves of LONG: exported when the text was short, the cell then
    given LONG (openpyxl, like Excel and LibreOffice, keeps the first 32,767 characters), the plan LONG."""
    short = long_plan(tmp_path, "Bê tông hóa đường trục thôn")
    out = exported(short, tmp_path, fmt)
    if fmt == "xlsx":
        edit(out, "Nhiệm vụ", {"D3": LONG})
        assert len(load_workbook(out)["Nhiệm vụ"]["D3"].value) == 32_767
    else:
        sheet = out / "nhiem-vu.csv"
        rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"), newline="")))
        rows[2][3] = LONG[:32_767]  # what Excel saves of a longer cell
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        sheet.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return long_plan(tmp_path, LONG), out


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_import_never_shortens_a_text_a_spreadsheet_cut(tmp_path, fmt):
    path, sheet = sheet_cut_by_a_spreadsheet(tmp_path, fmt)
    before = path.read_bytes()
    result = import_plan(sheet, path)
    assert result.changed is False and path.read_bytes() == before
    (diag,) = result.diagnostics
    assert (diag.code, diag.severity.value, diag.params["cell"]) == ("I014", "warning", "D3")
    sheet_name = {"xlsx": "Nhiệm vụ", "csv": "nhiem-vu.csv"}[fmt]
    assert diag.message() == (f"Trang '{sheet_name}', ô D3: ô chỉ còn 32.767 ký tự đầu của nội dung 40.000 ký tự trong kế "
                              "hoạch (bảng tính cắt ô dài); coi như không sửa, kế hoạch giữ nguyên toàn văn")
    assert load_file(path).data["tasks"][0]["what"] == LONG


def test_the_other_cells_of_a_cut_sheet_are_still_imported(tmp_path):
    path, sheet = sheet_cut_by_a_spreadsheet(tmp_path, "xlsx")
    edit(sheet, "Nhiệm vụ", {"F3": 1.1})
    result = import_plan(sheet, path)
    assert result.changed and result.changes == ["tasks[0].quantity"]
    data = load_file(path).data["tasks"][0]
    assert (data["what"], data["quantity"]) == (LONG, Decimal("1.1"))


def test_new_text_typed_over_a_cut_cell_is_a_change(tmp_path):
    path, sheet = sheet_cut_by_a_spreadsheet(tmp_path, "xlsx")
    edit(sheet, "Nhiệm vụ", {"D3": "Bê tông hóa 1,1 km đường trục thôn"})
    result = import_plan(sheet, path)
    assert result.changed and result.diagnostics == []
    assert load_file(path).data["tasks"][0]["what"] == "Bê tông hóa 1,1 km đường trục thôn"



# ----- issue 12.6: the stated total is in the Nguồn vốn sheet, so a clerk can change an amount -----


def hung_my_funding(tmp_path):
    path = tmp_path / "hung-my.yaml"
    path.write_bytes(HUNG_MY.read_bytes())
    book = exported(path, tmp_path)
    sheet = load_workbook(book)["Nguồn vốn"]
    rows = {sheet.cell(r, 1).value: r for r in range(3, sheet.max_row + 1)}
    return path, book, sheet, rows


def test_hung_my_funding_sheet_holds_the_stated_total_above_its_nine_sources(tmp_path):
    _, _, sheet, rows = hung_my_funding(tmp_path)
    assert list(rows) == ["funding/total"] + [f"funding/lines/{i}" for i in range(9)]
    assert [c.value for c in sheet[3]][2:] == ["TỔNG KINH PHÍ (tổng các nguồn vốn dưới đây)", 8321.7, "tr.đồng"]
    assert sum(Decimal(str(sheet.cell(r, 4).value)) for r in range(4, 13)) == Decimal("8321.7")


def test_hung_my_one_source_and_the_total_changed_in_the_sheet_import_and_validate(tmp_path):
    path, book, _, rows = hung_my_funding(tmp_path)
    before = path.read_text(encoding="utf-8")
    # Ngân sách tỉnh 135 -> 150 triệu đồng, so the total 8.321,7 -> 8.336,7
    edit(book, "Nguồn vốn", {f"D{rows['funding/lines/3']}": 150, "D3": 8336.7})
    result = import_plan(book, path)
    assert result.changed and result.diagnostics == []
    assert result.changes == ["funding.total.value", "funding.lines[3].amount"]
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        "-    value: 8321.7", "+    value: 8336.7", "-      amount: 135", "+      amount: 150"]
    from ntm.fmt import check_text

    assert [d.code for d in check_text(path.read_text(encoding="utf-8"), "hung-my.yaml")
            if d.severity.value == "error"] == []


def test_hung_my_one_source_changed_without_the_total_is_refused_with_the_new_sum(tmp_path):
    path, book, _, rows = hung_my_funding(tmp_path)
    before = path.read_bytes()
    edit(book, "Nguồn vốn", {f"D{rows['funding/lines/3']}": 150})
    result = import_plan(book, path)
    assert not result.changed and path.read_bytes() == before
    assert [d.code for d in result.diagnostics] == ["I010", "R101", "I015"]
    hint = result.diagnostics[-1]
    assert (hint.severity.value, hint.line, hint.column) == ("info", 3, 4)
    assert hint.message() == ("Trang 'Nguồn vốn', ô D3: các nguồn vốn nay cộng lại 8.336,7 triệu đồng, dòng tổng "
                              "kinh phí vẫn ghi 8.321,7; nếu văn bản ghi tổng mới, hãy sửa ô D3 thành 8.336,7 rồi "
                              "nhập lại")


def test_the_total_rows_caption_cannot_be_edited(tmp_path):
    path, book, _, _ = hung_my_funding(tmp_path)
    edit(book, "Nguồn vốn", {"B3": "ngan_sach_xa"})
    result = import_plan(book, path)
    assert [(d.code, d.params["cell"]) for d in result.diagnostics] == [("I006", "B3")] and not result.changed


def test_a_stated_total_can_be_added_where_the_plan_had_none(tmp_path):
    path = tmp_path / "vi-du.yaml"
    path.write_text(PLAN.replace("  total: 215.5\n", ""), encoding="utf-8")
    book = exported(path, tmp_path)
    edit(book, "Nguồn vốn", {"D3": 215.5})
    assert import_plan(book, path).changed
    assert load_file(path).data["funding"]["total"] == Decimal("215.5")


# ----- issue 15.1: CSV as Vietnamese Excel saves it -----------------------------------------------

TONES = "\u0300\u0301\u0303\u0309\u0323"  # the five tone marks Windows-1258 writes as combining characters


def windows_1258(text: str) -> bytes:
    """Text encoded as Windows writes code page 1258: a letter it lacks becomes base letter + tone mark,
    a character it cannot write at all (≥, →) becomes '?'."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        for attempt in (char, base + "".join(c for c in parts if c in TONES), "?"):
            try:
                out += attempt.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
    return bytes(out)


def as_vietnamese_excel_saves(folder: Path, encoding: str, separator: str = ";", sep_line: bool = False,
                              grouped: bool = True) -> None:
    """Rewrite each CSV of an export as Excel in a Vietnamese locale saves it: `;` between cells, CRLF,
    numbers as shown (8.321,7 with the sheet's number format; 8321,7 without), in Windows-1258
    ("CSV"), UTF-8 with a BOM ("CSV UTF-8") or UTF-16 with tabs ("Unicode Text")."""
    from ntm.spreadsheet import TABLES
    from ntm.vnformat import format_number

    for table in TABLES:
        path = folder / table.file
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        numbers = [i for i, c in enumerate(table.columns) if c.kind in ("number", "index")]
        for row in rows[2:]:
            for i in numbers:
                if row[i]:
                    shown = format_number(Decimal(row[i]))
                    row[i] = shown if grouped else shown.replace(".", "")
        buffer = io.StringIO()
        if sep_line:
            buffer.write(f"sep={separator}\r\n")
        csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
        text = buffer.getvalue()
        path.write_bytes({"cp1258": windows_1258, "utf-8-sig": lambda t: t.encode("utf-8-sig"),
                          "utf-16": lambda t: t.encode("utf-16")}[encoding](text))


def hung_my_csv(tmp_path):
    path = tmp_path / "hung-my.yaml"
    path.write_bytes(HUNG_MY.read_bytes())
    return path, exported(path, tmp_path, "csv")


EXCEL_FORMS = {
    "CSV (Windows-1258), 8.321,7": dict(encoding="cp1258"),
    "CSV UTF-8 (BOM), 8.321,7": dict(encoding="utf-8-sig"),
    "CSV UTF-8, sep=; line, 8321,7": dict(encoding="utf-8-sig", sep_line=True, grouped=False),
    "CSV (Windows-1258), sep=; line": dict(encoding="cp1258", sep_line=True),
    "Unicode Text (UTF-16, tabs)": dict(encoding="utf-16", separator="\t"),
}


@pytest.mark.parametrize("form", EXCEL_FORMS)
def test_hung_my_csv_saved_by_vietnamese_excel_imports_unchanged(tmp_path, form):
    path, folder = hung_my_csv(tmp_path)
    as_vietnamese_excel_saves(folder, **EXCEL_FORMS[form])
    before = path.read_bytes()
    result = import_plan(folder, path)
    assert result.changed is False and path.read_bytes() == before
    # Windows-1258 has no '≥': Excel writes '?' for the one in task 6 ("đạt ≥ 83%"), which is no edit
    lost = [("I016", "warning", "D7", "≥")] if EXCEL_FORMS[form]["encoding"] == "cp1258" else []
    assert [(d.code, d.severity.value, d.params["cell"], d.params["chars"]) for d in result.diagnostics] == lost


def test_the_excel_form_is_what_the_test_says(tmp_path):
    _, folder = hung_my_csv(tmp_path)
    as_vietnamese_excel_saves(folder, encoding="cp1258", sep_line=True)
    raw = (folder / "nguon-von.csv").read_bytes()
    assert raw.startswith(b"sep=;\r\nkey;source;label;amount;unit\r\n")
    assert windows_1258("tr.đồng") == b"tr.\xf0\xf4\xccng"  # đ, ô, then the grave accent as a mark
    assert windows_1258("Hùng Mỹ ≥") == b"H\xf9ng My\xde ?"  # ù is one byte; ỹ is y + combining tilde
    assert b";8.321,7;tr.\xf0\xf4\xccng\r\n" in raw and b";Ng\xe2n s\xe1ch ti\xd2nh;135;" in raw


def test_an_amount_changed_in_vietnamese_excel_csv_is_imported_as_a_number(tmp_path):
    path, folder = hung_my_csv(tmp_path)
    as_vietnamese_excel_saves(folder, encoding="cp1258")
    sheet = folder / "nguon-von.csv"
    text = sheet.read_bytes().decode("cp1258")
    # Ngân sách tỉnh 135 -> 150,5; the total 8.321,7 -> 8.337,2; "Vốn Tín dụng" relabelled with Vietnamese letters
    text = unicodedata.normalize("NFC", text).replace(";Ngân sách tỉnh;135;", ";Ngân sách tỉnh;150,5;") \
        .replace(";8.321,7;", ";8.337,2;").replace("Vốn Tín dụng", "Vốn tín dụng ưu đãi")
    sheet.write_bytes(windows_1258(text))
    before = HUNG_MY.read_text(encoding="utf-8")
    result = import_plan(folder, path)
    assert result.changed and [d.code for d in result.diagnostics] == ["I016"]
    assert result.diagnostics[0].message() == (
        "Trang 'nhiem-vu.csv', ô D7: tệp CSV lưu bằng bảng mã Windows-1258, không có ký tự ≥ nên chương trình bảng "
        "tính đã thay bằng ký tự khác; coi như không sửa, kế hoạch giữ nguyên (lần sau hãy lưu bằng «CSV UTF-8»)")
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        "-    value: 8321.7", "+    value: 8337.2", "-      amount: 135", "+      amount: 150.5",
        "-      label: Vốn Tín dụng", "+      label: Vốn tín dụng ưu đãi"]


def test_a_number_that_reads_two_ways_keeps_the_plans_value(tmp_path):
    from ntm.spreadsheet.cells import csv_number

    assert csv_number("1.413", "vi") == 1413 and csv_number("1.413", "plain") == Decimal("1.413")
    assert csv_number("1.413", "vi", old=Decimal("1.413")) == Decimal("1.413")
    assert csv_number("1.413", "plain", old=1413) == 1413
    assert csv_number("8.321,7", "plain") == Decimal("8321.7") and csv_number("1714.0", "vi") == Decimal("1714.0")
    assert csv_number(" 90,3% ", "vi") == Decimal("90.3")
    with pytest.raises(CellProblem):
        csv_number("8,321.7", "vi")


def test_a_comma_separated_csv_with_decimal_commas_is_read_the_vietnamese_way(plan, tmp_path):
    folder = exported(plan, tmp_path, "csv")  # LibreOffice in a Vietnamese locale: commas, quoted "1714,5"
    text = (folder / "chi-tieu.csv").read_text(encoding="utf-8-sig").replace(",1714.0,", ',"1714,5",')
    (folder / "chi-tieu.csv").write_text(text, encoding="utf-8-sig")
    assert import_plan(folder, plan).changes == ["assessments[0].indicators.17.10.measures[0].value"]
    assert "- value: 1714.5  # số liệu năm trước" in plan.read_text(encoding="utf-8")


@pytest.mark.parametrize("raw, reason", [
    (b"key,source\r\nfunding/lines/0,v\x81n\r\n",
     "dòng 2 có byte 0x81: tệp không phải UTF-8, cũng không phải Windows-1258; hãy mở tệp bằng Excel rồi lưu lại "
     "bằng «CSV UTF-8»"),
    (b"key,source\r\nfunding/lines/0,Ng\xecu\r\n",  # a tone mark after a consonant: TCVN3 or VNI bytes
     "tệp không phải UTF-8; đọc theo Windows-1258 thì dòng 2 có dấu thanh không đứng sau nguyên âm, nên cũng không "
     "phải Windows-1258 (bảng mã TCVN3, VNI?); hãy mở tệp bằng Excel rồi lưu lại bằng «CSV UTF-8»"),
    ("khóa;nguồn\r\nx;y\r\n".encode("utf-8-sig"),
     "trang 'nguon-von.csv': hàng 1 không phải hàng tên trường của ntm (key, source, label, …); hàng này bị xóa, "
     "hoặc tệp không phải bảng xuất bằng ntm export"),
])
def test_a_csv_that_truly_cannot_be_read_says_why(plan, tmp_path, raw, reason):
    sheet = tmp_path / "nguon-von.csv"
    sheet.write_bytes(raw)
    before = plan.read_bytes()
    (diag,) = import_plan(sheet, plan).diagnostics
    assert (diag.code, diag.file) == ("I009", str(sheet))
    assert diag.message() == f"Không đọc được tệp bảng tính: {reason}"
    assert "hàng 1 bị xóa?" not in diag.message() and "Cannot read the spreadsheet: " in diag.message("en")
    assert plan.read_bytes() == before



def test_a_cell_keeps_32767_utf16_units_or_32767_characters():
    from ntm.spreadsheet.cells import cuts_to_cell

    text = "Mỹ" + "😀" * 20_000  # 40,002 UTF-16 units in 20,002 characters
    assert cuts_to_cell(text) == {"Mỹ" + "😀" * 16_382, text}  # Excel's cut (never half a pair); openpyxl's none
