"""The 2027 plan of a post-reform commune as its document (issue 13 point 1, render side; issue 12 point 3).

plans/tuyen-quang/tan-my-2027.yaml: Xã Tân Mỹ, formed on 1 July 2025, 04/10 criteria of QĐ 51/2025 met at the
end of 2026. Its tasks annex carries their deadlines and responsible bodies; section II.2 and Biểu 02 speak of
carrying the criteria out (maintain the met ones, work on the unmet ones), not of consolidating all of them as
Hùng Mỹ at 19/19 does; Biểu 03 names the merged programme of NQ 257/2025/QH15, from the funding-source
vocabulary, and groups every line of state money under "Ngân sách nhà nước"; Biểu 01 shows each unmet
criterion's situation; the Nguồn vốn column prints short labels.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as read_docx

from ntm.loader import load_plan, load_plan_text
from ntm.render import build_document, render_plan, write_bytes
from ntm.render.docx_writer import LANDSCAPE_BODY_W
from ntm.render.pdf import find_soffice, font_families
from ntm.render.sources import ntm_programme, vocabulary

ROOT = Path(__file__).resolve().parent.parent
TAN_MY = ROOT / "plans" / "tuyen-quang" / "tan-my-2027.yaml"
HUNG_MY = ROOT / "plans" / "tuyen-quang" / "hung-my.yaml"
SCAFFOLD_2027 = ROOT / "tests" / "render_fixtures" / "tan-my-2027-mau.yaml"
QUANG_TRI = ROOT / "plans" / "quang-tri" / "hoi-ccb-quang-tri.yaml"
MERGED = ("Chương trình MTQG xây dựng nông thôn mới, giảm nghèo bền vững và phát triển kinh tế - xã hội vùng đồng "
          "bào dân tộc thiểu số và miền núi")
needs_pdf = pytest.mark.skipif(find_soffice() is None or not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                               reason="needs LibreOffice (soffice) and poppler-utils (pdftotext, pdffonts)")


def markdown(plan_file) -> str:
    document, diagnostics = build_document(plan_file)
    assert document is not None, [d.message() for d in diagnostics]
    return write_bytes(document, "md").decode("utf-8")


@pytest.fixture(scope="module")
def tan_my_md() -> str:
    return markdown(load_plan(TAN_MY))


@pytest.fixture(scope="module")
def hung_my_md() -> str:
    return markdown(load_plan(HUNG_MY))


def annex(md: str, label: str) -> str:
    return md.split(f"## {label}\n", 1)[1].split("\n---\n", 1)[0]


def table(md: str, label: str) -> list[list[str]]:
    """The rows of an annex's Markdown table, cells unescaped and without emphasis, the rule row left out."""
    rows = [line for line in annex(md, label).splitlines() if line.startswith("|") and not re.fullmatch(r"[|:\- ]+", line)]
    return [[re.sub(r"\\(.)", r"\1", c.strip()).replace("**", "") for c in row[1:-1].split(" | ")] for row in rows]


def headings(md: str) -> list[str]:
    return [line.lstrip("#").strip() for line in md.split("\n---\n", 1)[0].splitlines() if line.startswith("#")]


def between(items: list[str], first: str, last: str) -> list[str]:
    return items[items.index(first) + 1: items.index(last)]


# ---------------------------------------------------------------------------
# 1. Biểu 02 carries the deadlines and the responsible bodies
# ---------------------------------------------------------------------------


def test_tasks_annex_has_deadline_and_responsible_columns(tan_my_md):
    rows = table(tan_my_md, "Biểu 02")
    assert rows[0] == ["TT", "Nội dung nhiệm vụ", "Địa điểm", "Khối lượng", "Đơn vị tính", "Nguồn vốn",
                       "Thời gian thực hiện", "Đơn vị chủ trì"]
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number["1"][-2:] == ["Quý II năm 2027", "Phòng Kinh tế xã"]
    assert by_number["2"][-2:] == ["Quý III năm 2027", ""]
    assert by_number["7"][-2:] == ["", "Phòng Kinh tế xã"]
    assert by_number["39"][-2:] == ["Quý I năm 2027", ""]


def test_a_plan_whose_tasks_have_no_deadline_or_body_keeps_the_six_columns():
    rows = table(markdown(load_plan(SCAFFOLD_2027)), "Biểu 01")  # no assessment: the tasks are its first annex
    assert rows[0] == ["TT", "Nội dung nhiệm vụ", "Địa điểm", "Khối lượng", "Đơn vị tính", "Nguồn vốn"]


def test_the_landscape_tasks_table_stays_readable(tmp_path):
    """Eight columns across the landscape page: the task text keeps the widest, none is squeezed under 14 mm."""
    result = render_plan(load_plan(TAN_MY), "docx", tmp_path)
    word = read_docx(str(result.paths[0]))
    tasks = next(t for t in word.tables if t.rows[0].cells[0].text == "TT" and "Đơn vị chủ trì" in t.rows[0].cells[-1].text)
    widths = [column.width.mm for column in tasks.columns]
    assert round(sum(widths)) == round(LANDSCAPE_BODY_W)
    assert max(widths) == widths[1] >= 75 and min(widths[1:]) >= 14
    assert [c.text for c in tasks.rows[0].cells][-2:] == ["Thời gian thực hiện", "Đơn vị chủ trì"]


# ---------------------------------------------------------------------------
# 2. Carrying the criteria out at 4/10, consolidating them at 19/19: from the computed status
# ---------------------------------------------------------------------------


def test_a_commune_at_4_of_10_carries_the_criteria_out(tan_my_md):
    found = headings(tan_my_md)
    assert "2. Kế hoạch thực hiện các tiêu chí nông thôn mới năm 2027" in found
    assert not [h for h in found if "củng cố" in h]
    kept = between(found, "2.1. Duy trì, nâng cao chất lượng các tiêu chí đã đạt", "2.2. Thực hiện các tiêu chí chưa đạt")
    unmet = between(found, "2.2. Thực hiện các tiêu chí chưa đạt", "3. Thực hiện các nội dung và giải pháp hỗ trợ")
    assert [re.search(r"số (\d+)", h).group(1) for h in kept] == ["4", "5", "9", "10"]
    assert [re.search(r"số (\d+)", h).group(1) for h in unmet] == ["1", "2", "3", "6", "7", "8"]
    assert annex(tan_my_md, "Biểu 02").splitlines()[1] == "**NHIỆM VỤ THỰC HIỆN CÁC TIÊU CHÍ NÔNG THÔN MỚI NĂM 2027**"


def test_points_are_lettered_in_the_vietnamese_alphabet(tan_my_md):
    unmet = between(headings(tan_my_md), "2.2. Thực hiện các tiêu chí chưa đạt", "3. Thực hiện các nội dung và giải pháp hỗ trợ")
    assert [h.split(")")[0] for h in unmet] == ["a", "b", "c", "d", "đ", "e"]


def test_hung_my_at_19_of_19_keeps_consolidating_as_its_seed_writes(hung_my_md):
    found = headings(hung_my_md)
    assert "2. Kế hoạch củng cố, nâng cao chất lượng các tiêu chí nông thôn mới năm 2024" in found
    assert "2.1. Tiêu chí số 1 (Quy hoạch)" in found and not [h for h in found if "chưa đạt" in h]
    assert annex(hung_my_md, "Biểu 02").splitlines()[1] == (
        "**NHIỆM VỤ CỦNG CỐ, NÂNG CAO CHẤT LƯỢNG CÁC TIÊU CHÍ NÔNG THÔN MỚI NĂM 2024**")


def test_the_wording_follows_the_status_engine_not_the_declared_count():
    """Hùng Mỹ still declares 19/19, but a measured 70% of rice land irrigated is under the confirmed 80% of
    indicator 3.1 (QĐ 318): the status engine says criterion 3 is not met, and so does the document."""
    text = HUNG_MY.read_text(encoding="utf-8").replace(
        '      "3.1":\n', '      "3.1":\n        measures:\n          - label: Diện tích được tưới tiêu chủ động\n'
                         '            percent: 70\n', 1)
    found = headings(markdown(load_plan_text(text, str(HUNG_MY))))
    assert "2. Kế hoạch thực hiện các tiêu chí nông thôn mới năm 2024" in found
    unmet = between(found, "2.2. Thực hiện các tiêu chí chưa đạt", "3. Các chỉ tiêu khác")
    assert unmet == ["a) Tiêu chí số 3 (Thủy lợi và phòng chống thiên tai)"]


# ---------------------------------------------------------------------------
# 3. Biểu 03: the programme of the plan's year, from data; state money grouped honestly
# ---------------------------------------------------------------------------


def test_the_programme_of_each_year_comes_from_the_funding_vocabulary():
    assert ntm_programme(2024) == ntm_programme(2025) == "Chương trình MTQG xây dựng nông thôn mới"
    assert ntm_programme(2026) == ntm_programme(2035) == MERGED
    assert ntm_programme(2036) is None
    for template in (ROOT / "templates").glob("*.j2"):
        assert "Chương trình MTQG" not in template.read_text(encoding="utf-8"), template.name


def test_biểu_03_names_the_merged_programme_in_2027_and_the_old_one_in_2024(tan_my_md, hung_my_md):
    assert annex(tan_my_md, "Biểu 03").splitlines()[1] == f"**KẾ HOẠCH HUY ĐỘNG VỐN THỰC HIỆN {MERGED.upper()} NĂM 2027**"
    assert annex(hung_my_md, "Biểu 03").splitlines()[1] == (
        "**KẾ HOẠCH HUY ĐỘNG VỐN THỰC HIỆN CHƯƠNG TRÌNH MTQG XÂY DỰNG NÔNG THÔN MỚI NĂM 2024**")


def test_a_2027_plan_without_results_prose_names_the_merged_programme_in_its_results_heading():
    text = SCAFFOLD_2027.read_text(encoding="utf-8").replace("tasks:\n", (
        "assessments:\n  - as_of: 2026-12-31\n    criteria_set: xa-ntm-2026-2030\n"
        "    criteria: {\"1\": met, \"2\": not_met}\ntasks:\n"), 1)
    assert f"1. Kết quả thực hiện {MERGED} trên địa bàn xã Tân Mỹ, tỉnh Tuyên Quang đến ngày 31/12/2026" in headings(
        markdown(load_plan_text(text)))


def test_biểu_03_puts_the_programme_money_inside_the_state_budget(tan_my_md):
    assert table(tan_my_md, "Biểu 03") == [
        ["TT", "Nguồn vốn", "Kinh phí", "Tỷ lệ"],
        ["I", "Ngân sách nhà nước", "6.190,0", "57,9%"],
        ["1", "Vốn Chương trình MTQG giai đoạn 2026 - 2035", "5.420,0", "50,7%"],
        ["2", "Ngân sách tỉnh", "450,0", "4,2%"],
        ["3", "Ngân sách xã", "320,0", "3,0%"],
        ["II", "Vốn lồng ghép các chương trình, dự án", "1.250,0", "11,7%"],
        ["III", "Vốn tín dụng chính sách", "600,0", "5,6%"],
        ["IV", "Vốn doanh nghiệp", "2.150,0", "20,1%"],
        ["V", "Vốn đóng góp của nhân dân", "410,5", "3,8%"],
        ["VI", "Vốn xã hội hóa khác", "85,0", "0,8%"],
        ["", "Tổng cộng", "10.685,5", "100%"],
    ]


def test_hung_mys_three_programmes_are_one_part_of_its_state_budget(hung_my_md):
    """80 + 3.494,3 + 717,6 = 4.291,9 of programmes; with tỉnh 135 and huyện 1.650,4: 6.077,3 of state money."""
    rows = table(hung_my_md, "Biểu 03")
    assert rows[1:8] == [
        ["I", "Ngân sách nhà nước", "6.077,3", "73,0%"],
        ["1", "Chương trình mục tiêu quốc gia", "4.291,9", "51,6%"],
        ["-", "Vốn CTMTQG XD NTM", "80", "1,0%"],
        ["-", "Vốn CTMTQG phát triển KTXH vùng DTTS và miền núi", "3.494,3", "42,0%"],
        ["-", "Vốn CT MTQG giảm nghèo bền vững", "717,6", "8,6%"],
        ["2", "Ngân sách tỉnh", "135", "1,6%"],
        ["3", "Ngân sách huyện", "1.650,4", "19,8%"],
    ]
    assert [row[0] for row in rows[8:]] == ["II", "III", "IV", "V", ""] and rows[-1][2] == "8.321,7"


# ---------------------------------------------------------------------------
# 4. Biểu 01 shows each unmet criterion's situation
# ---------------------------------------------------------------------------


def test_biểu_01_shows_the_situation_of_each_unmet_criterion(tan_my_md):
    rows = {row[0]: row for row in table(tan_my_md, "Biểu 01")[1:-1]}
    assert rows["1"][2:] == ["Chưa đạt", "Quy hoạch chung xã Tân Mỹ sau sắp xếp đang lập, chưa được phê duyệt"]
    assert rows["2"][3] == "Còn 2,4 km đường trục thôn và 1,6 km đường nội đồng chưa được cứng hóa"
    assert rows["3"][3] == "Thu nhập bình quân đầu người năm 2026 đạt 52,6 triệu đồng/người/năm"
    assert rows["6"][3] == "Tỷ lệ hộ nghèo đa chiều còn 236/2.650 hộ = 8,91%"
    assert rows["7"][3] == "Hệ thống truyền thanh của các thôn chưa ứng dụng công nghệ thông tin - viễn thông"
    assert rows["8"][3] == "Hộ có nhà tiêu hợp vệ sinh 2.385/2.650 hộ = 90,0%"
    assert [rows[c][2:] for c in ("4", "5", "9", "10")] == [["Đạt", ""]] * 4


def test_a_transcribers_remark_on_a_criterion_stays_out_of_the_document(hung_my_md):
    """Hùng Mỹ's and Quảng Trị's criterion notes say how the source wrote a title; no prose says them."""
    assert "Tiêu đề mục 2.2" not in hung_my_md and "lỗi đánh máy" not in hung_my_md
    assert table(hung_my_md, "Biểu 01")[2][3] == ""
    assert "văn bản ghi" not in markdown(load_plan(QUANG_TRI))


# ---------------------------------------------------------------------------
# 5. The Nguồn vốn column prints the vocabulary's short labels
# ---------------------------------------------------------------------------


def test_the_source_column_prints_short_labels(tan_my_md):
    rows = {row[0]: row for row in table(tan_my_md, "Biểu 02")[1:]}
    assert rows["3"][5] == "Vốn CTMTQG giai đoạn 2026 - 2035; Vốn đóng góp của nhân dân"
    assert rows["20"][5] == "Vốn lồng ghép"
    assert "giảm nghèo bền vững" not in annex(tan_my_md, "Biểu 02")


def test_every_long_source_label_has_a_short_one():
    for key, entry in vocabulary()["sources"].items():
        if len(entry["label"]) > 36:
            assert len(entry.get("short", "")) <= 36 and entry["short"].startswith("Vốn"), key


# ---------------------------------------------------------------------------
# Sentences the new columns and labels do not spoil
# ---------------------------------------------------------------------------


def test_a_part_named_with_a_period_keeps_its_numbers_apart(tan_my_md):
    assert ("- Đường nội đồng: bê tông hóa 1,6 km, trong đó: cấp xi măng cho nhân dân thực hiện theo chính sách hỗ "
            "trợ của tỉnh 0,6 km; vốn Chương trình mục tiêu quốc gia giai đoạn 2026 - 2035: 1,0 km.") in tan_my_md.splitlines()


# ---------------------------------------------------------------------------
# 6. The PDF an officer reads
# ---------------------------------------------------------------------------


@needs_pdf
def test_tan_my_pdf_one_family_no_blank_page_nothing_cut(tmp_path):
    plan = load_plan(TAN_MY)
    result = render_plan(plan, "pdf", tmp_path)
    assert result.exit_code == 0 and not [d for d in result.diagnostics if d.code == "T014"]
    data = result.paths[0].read_bytes()
    assert font_families(data) == ["LiberationSerif"]
    text = subprocess.run(["pdftotext", "-layout", str(result.paths[0]), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1]
    assert all(re.sub(r"^\s*\d+\s*$", "", page, flags=re.MULTILINE).strip() for page in pages)
    tasks = [page for page in pages if "Biểu 02" in page or "Thời gian" in page and "Đơn vị chủ trì" in page]
    numbers = {int(m) for page in tasks for m in re.findall(r"^\s{0,12}(\d{1,2})\s{2,}\S", page, re.MULTILINE)}
    assert set(range(1, len(plan.plan.tasks) + 1)) <= numbers  # every row of Biểu 02 is on a page
    assert "Quý II năm" in "\n".join(tasks) and "Phòng Kinh tế" in "\n".join(tasks)


@needs_pdf
@pytest.mark.parametrize("path", [TAN_MY, HUNG_MY], ids=lambda p: p.stem)
def test_no_unit_of_measure_is_cut_inside_a_word(path, tmp_path):
    """The extra columns narrow the others: "chuyên mục/tháng" (Hùng Mỹ, task 57) may wrap at its space,
    never inside "mục/tháng"."""
    plan = load_plan(path)
    result = render_plan(plan, "pdf", tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(result.paths[0]), "-"], capture_output=True, text=True).stdout
    words = set(text.split())
    units = {word for task in plan.plan.tasks if task.unit for word in task.unit.split()}
    assert units and sorted(units - words) == []
