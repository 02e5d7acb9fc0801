"""`ntm render` as specified in issue #5: every shipped plan in every format, the Nghị định
30/2020 layout read back from the .docx, the seed 003 figures, continuous numbering, escaping,
the sandbox, missing fields as diagnostics, atomic writes and the PDF path."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as read_docx
from docx.shared import Mm, Pt

from ntm.loader import load_plan
from ntm.render import FORMATS, build_document, render_plan
from ntm.render.blocks import parse
from ntm.render.environment import available_kinds, builtin_templates_dir
from ntm.render.pdf import find_soffice
from ntm.rules.examples import MINIMAL_PLAN

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted((ROOT / "plans").glob("**/*.yaml"))
HUNG_MY = ROOT / "plans" / "tuyen-quang" / "hung-my.yaml"
SEED_003_LINES = ["80", "3.494,3", "717,6", "135", "1.650,4", "240", "1.714,0", "245,4", "45,0"]
WORDS_003 = "Tám tỷ ba trăm hai mươi mốt triệu bảy trăm nghìn đồng"
HAS_SOFFICE = find_soffice() is not None
needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")


def plan_file(text: str, tmp_path: Path, name: str = "vi-du.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


def render(plan, tmp_path, fmt="docx", **kwargs):
    result = render_plan(plan, fmt, tmp_path / "out", **kwargs)
    return result


COMMUNE = MINIMAL_PLAN.replace(
    "document: {kind: KH, title: Kế hoạch ví dụ, date: 2024-02-22}",
    "document:\n  kind: KH\n  number: 05/KH-BCĐ\n  issuer: Ban Chỉ đạo xã Hùng Mỹ\n  place: Hùng Mỹ\n"
    "  date: 2024-02-22\n  title: Kế hoạch ví dụ\n",
) + "funding:\n  lines:\n    - {source: ngan_sach_xa, amount: 100}\n"  # a filled plan: money, not a draft


# ---------------------------------------------------------------------------
# Every shipped plan, every format
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_shipped_plan_renders(path, fmt, tmp_path):
    result = render(load_plan(path), tmp_path, fmt)
    assert result.exit_code == 0, [d.message() for d in result.diagnostics]
    assert [p.name for p in result.paths] == [f"{load_plan(path).plan.slug}.{fmt}"]
    assert result.paths[0].stat().st_size > 1000


def test_four_shipped_plans_and_four_kinds():
    assert len(PLANS) >= 4
    assert set(available_kinds()) >= {"commune-plan", "district-plan", "sponsorship-plan", "provincial-directive"}
    kinds = {build_document(load_plan(p))[0].kind for p in PLANS}
    assert kinds == {"commune-plan", "district-plan", "sponsorship-plan", "provincial-directive"}


@needs_soffice
@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_shipped_plan_renders_to_pdf(path, tmp_path):
    result = render(load_plan(path), tmp_path, "pdf")
    assert result.exit_code == 0, [d.message() for d in result.diagnostics]
    assert result.paths[0].read_bytes().startswith(b"%PDF")
    if path == HUNG_MY and shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(result.paths[0]), "-"], capture_output=True, text=True).stdout
        assert "8.321,7" in text and "Ma Đình Sắc" in text and "TM. BAN CHỈ ĐẠO XÃ" in text


# ---------------------------------------------------------------------------
# The .docx of seed 003 read back
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hung_my_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("hung-my")
    result = render_plan(load_plan(HUNG_MY), "docx", out)
    assert result.exit_code == 0, [d.message() for d in result.diagnostics]
    return read_docx(str(result.paths[0]))


def near(length, mm: float) -> bool:
    return abs(length - Mm(mm)) < Mm(0.5)


def test_page_is_a4_with_legal_margins(hung_my_docx):
    section = hung_my_docx.sections[0]
    assert near(section.page_width, 210) and near(section.page_height, 297)
    assert Mm(20) - Mm(0.5) <= section.top_margin <= Mm(25) + Mm(0.5)
    assert Mm(20) - Mm(0.5) <= section.bottom_margin <= Mm(25) + Mm(0.5)
    assert Mm(30) - Mm(0.5) <= section.left_margin <= Mm(35) + Mm(0.5)
    assert Mm(15) - Mm(0.5) <= section.right_margin <= Mm(20) + Mm(0.5)


def test_times_new_roman_for_every_script(hung_my_docx):
    normal = hung_my_docx.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.rFonts
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{attr}") == "Times New Roman"


def runs_of(cell):
    return [r for p in cell.paragraphs for r in p.runs if r.text.strip()]


def test_letterhead_is_a_borderless_two_column_table(hung_my_docx):
    table = hung_my_docx.tables[0]
    assert len(table.columns) == 2
    borders = table._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders")
    assert all(b.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "nil" for b in borders)
    left, right = table.cell(0, 0), table.cell(0, 1)
    issuer = runs_of(left)[0]
    assert issuer.text == "BAN CHỈ ĐẠO CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA XÂY DỰNG NÔNG THÔN MỚI XÃ HÙNG MỸ"
    assert issuer.bold and Pt(12) <= issuer.font.size <= Pt(13)
    national, motto = runs_of(right)
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and national.bold and Pt(12) <= national.font.size <= Pt(13)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.bold and Pt(13) <= motto.font.size <= Pt(14)
    assert table.cell(1, 0).text == "Số: 05/KH-BCĐ" and runs_of(table.cell(1, 0))[0].font.size == Pt(13)
    place = runs_of(table.cell(1, 1))[0]
    assert place.text == "Hùng Mỹ, ngày 22 tháng 02 năm 2024" and place.italic


def test_short_rules_under_issuer_and_motto(hung_my_docx):
    table = hung_my_docx.tables[0]
    for cell in (table.cell(0, 0), table.cell(0, 1)):
        assert any(p._p.pPr is not None and p._p.pPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr") is not None for p in cell.paragraphs)


def test_title_and_subject_bold_centred(hung_my_docx):
    texts = [p for p in hung_my_docx.paragraphs if p.text.strip()]
    kind, subject = texts[0], texts[1]
    assert kind.text == "KẾ HOẠCH" and kind.runs[0].bold and kind.alignment == 1
    assert subject.text.startswith("Thực hiện Chương trình Mục tiêu quốc gia") and subject.runs[0].bold and subject.alignment == 1


def test_page_numbers_from_page_two(hung_my_docx):
    section = hung_my_docx.sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element.xml
    assert "<w:instrText" in header and "PAGE" in header and 'w:fldCharType="begin"' in header
    assert "PAGE" not in section.first_page_header._element.xml
    assert section.header.paragraphs[0].alignment == 1  # centred


def annex_table(docx, heading: str):
    """The table that follows the annex heading `Biểu 0N`."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    seen = False
    for child in docx.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[1]
        if tag == "p" and Paragraph(child, docx).text.strip() == heading:
            seen = True
        elif tag == "tbl" and seen:
            return Table(child, docx)
    raise AssertionError(f"no table after {heading}")


def test_funding_table_has_every_line_the_total_and_words(hung_my_docx):
    table = annex_table(hung_my_docx, "Biểu 03")
    amounts = [row.cells[2].text for row in table.rows]
    for number in SEED_003_LINES:
        assert number in amounts, number
    assert table.rows[-1].cells[1].text == "Tổng cộng" and table.rows[-1].cells[2].text == "8.321,7"
    text = "\n".join(p.text for p in hung_my_docx.paragraphs)
    assert "Tổng kinh phí ghi trong kế hoạch: 8.321,7 triệu đồng." in text
    assert f"Bằng chữ: {WORDS_003}." in text


def test_funding_lines_in_the_body_with_the_seed_numbers(hung_my_docx):
    text = "\n".join(p.text for p in hung_my_docx.paragraphs)
    assert "Tổng kinh phí thực hiện là: 8.321,7 triệu đồng; trong đó:" in text
    for number in SEED_003_LINES:
        assert f": {number} triệu đồng" in text, number


def test_every_task_is_in_the_tasks_table(hung_my_docx):
    plan = load_plan(HUNG_MY).plan
    table = annex_table(hung_my_docx, "Biểu 02")
    cells = [row.cells[1].text for row in table.rows]
    for task in plan.tasks:
        assert any(c.startswith(task.what.strip()) for c in cells), task.what
    header = [c.text for c in table.rows[0].cells]
    assert header[:6] == ["TT", "Nội dung nhiệm vụ", "Địa điểm", "Khối lượng", "Đơn vị tính", "Nguồn vốn"]
    row = next(r for r in table.rows if r.cells[1].text.startswith("Đường trục thôn"))
    assert [row.cells[3].text, row.cells[4].text] == ["0,51", "km"]
    assert "DTTS" in row.cells[5].text


def test_criteria_table_lists_declared_status(hung_my_docx):
    table = annex_table(hung_my_docx, "Biểu 01")
    statuses = [r.cells[2].text for r in table.rows[1:-1]]
    assert statuses == ["Đạt"] * 19
    assert table.rows[-1].cells[-2].text == "19/19" or "19/19" in [c.text for c in table.rows[-1].cells]


def test_signature_block_and_recipients(hung_my_docx):
    table = next(t for t in hung_my_docx.tables if "Nơi nhận:" in t.cell(0, 0).text)
    left, right = table.cell(0, 0), table.cell(0, 1)
    lines = [r for r in runs_of(right)]
    assert [r.text for r in lines] == ["TM. BAN CHỈ ĐẠO XÃ", "KT. TRƯỞNG BAN", "PHÓ BAN", "Chủ tịch UBND xã", "Ma Đình Sắc"]
    assert all(r.bold and r.font.size == Pt(14) for r in lines)
    label, *recipients = runs_of(left)
    assert label.text == "Nơi nhận:" and label.bold and label.italic and label.font.size == Pt(12)
    assert recipients[0].text == "- UBND huyện;" and recipients[-1].text == "- Lưu: BCĐ."
    assert all(r.font.size == Pt(11) for r in recipients)


def heading_numbers(paragraphs) -> list[str]:
    found = []
    for p in paragraphs:
        match = re.match(r"^(?:([IVXLC]+)\.|([0-9]+)\.|([0-9]+\.[0-9]+)\.|([a-z]+)\)) ", p.text)
        if match and p.runs and (p.runs[0].bold or p.text.split(" ")[0] in p.runs[0].text):
            found.append(match.group(0).strip())
    return found


def assert_continuous(numbers: list[str]) -> None:
    """I., 1., 1.1. … sequences: each level counts 1, 2, 3 … and restarts under a new parent."""
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    top = arabic = sub = 0
    for number in numbers:
        if re.fullmatch(r"[IVXLC]+\.", number):
            assert number[:-1] == roman[top], numbers
            top, arabic = top + 1, 0
        elif re.fullmatch(r"[0-9]+\.", number):
            assert int(number[:-1]) == arabic + 1, (number, numbers)
            arabic, sub = arabic + 1, 0
        elif re.fullmatch(r"[0-9]+\.[0-9]+\.", number):
            major, minor = number[:-1].split(".")
            assert (int(major), int(minor)) == (arabic, sub + 1), (number, numbers)
            sub += 1


def test_section_numbering_is_continuous_in_the_docx(hung_my_docx):
    body = []
    for p in hung_my_docx.paragraphs:
        if p.text == "Biểu 01":
            break
        body.append(p)
    numbers = heading_numbers(body)
    assert numbers[:3] == ["I.", "1.", "2."]
    assert [n for n in numbers if re.fullmatch(r"[IVX]+\.", n)] == ["I.", "II.", "III.", "IV."]
    assert "2.16." in numbers and "1.5." in numbers  # the seed repeats 2.14 and skips 1.5
    assert_continuous(numbers)


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_numbering_is_continuous_in_every_plan(path):
    document, _ = build_document(load_plan(path))
    sections = [s for s in document.sections() if s.number and s.number != "-"]
    assert_continuous([s.number for s in sections if s.depth <= 3])


def test_annexes_are_numbered_in_order_and_referenced():
    document, _ = build_document(load_plan(HUNG_MY))
    assert [a.label for a in document.annexes] == ["Biểu 01", "Biểu 02", "Biểu 03"]
    assert [a.key for a in document.annexes] == ["criteria", "tasks", "funding"]


def test_sign_off_never_splits(hung_my_docx):
    table = next(t for t in hung_my_docx.tables if "Nơi nhận:" in t.cell(0, 0).text)
    assert "cantSplit" in table.rows[0]._tr.xml


# ---------------------------------------------------------------------------
# Missing fields, template problems, the sandbox
# ---------------------------------------------------------------------------


def test_missing_fields_are_diagnostics_naming_field_and_file(tmp_path):
    text = COMMUNE.replace("  issuer: Ban Chỉ đạo xã Hùng Mỹ\n", "").replace(
        "unit: {level: xa, name: Hùng Mỹ,", "unit: {level: xa, note: chưa rõ tên,")
    plan = plan_file(text + "assessments:\n  - {criteria_set: xa-ntm-2021-2025, criteria: {'1': met}}\n", tmp_path)
    assert plan.plan is not None, plan.diagnostics
    result = render(plan, tmp_path)
    assert result.exit_code == 1 and result.paths == []
    missing = sorted((d.params["field"], d.file) for d in result.diagnostics if d.code == "T001")
    assert missing == [("document.issuer", str(tmp_path / "vi-du.yaml")), ("unit.name", str(tmp_path / "vi-du.yaml"))]
    message = next(d for d in result.diagnostics if d.params["field"] == "document.issuer").message()
    assert "document.issuer" in message and ("commune-plan.xml.j2" in message or "_layout.xml.j2" in message)
    assert "Traceback" not in message and "jinja" not in message.lower()
    issuer = next(d for d in result.diagnostics if d.params["field"] == "document.issuer")
    assert issuer.line == 6  # the `document:` key, the nearest field the plan has
    assert not (tmp_path / "out").exists()


def test_plan_with_schema_errors_is_not_rendered(tmp_path):
    plan = plan_file(MINIMAL_PLAN + "extra: 1\n", tmp_path)
    result = render(plan, tmp_path)
    assert result.exit_code == 1 and result.paths == []
    assert {d.code for d in result.diagnostics} >= {"S002", "T012"}


def write_template(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_template_syntax_error_names_template_and_line(tmp_path):
    templates = write_template(tmp_path / "tpl", "commune-plan.xml.j2", "<document>\n{% if %}\n</document>\n")
    result = render(plan_file(COMMUNE, tmp_path), tmp_path, templates_dir=templates)
    (diag,) = result.diagnostics
    assert diag.code == "T002" and diag.line == 2 and diag.file.endswith("commune-plan.xml.j2")
    assert "commune-plan.xml.j2" in diag.message() and "dòng 2" in diag.message()


def test_province_template_overrides_one_kind_and_reuses_the_shipped_layout(tmp_path):
    body = ('{% import "_layout.xml.j2" as layout %}<document kind="commune-plan">{{ layout.letterhead(plan.document) }}'
            '{{ layout.title(plan.document) }}<section title="Nội dung riêng của tỉnh"><p>Đoạn văn.</p></section>'
            '{{ layout.signoff(plan.document) }}</document>')
    templates = write_template(tmp_path / "tpl", "commune-plan.xml.j2", body)
    result = render(plan_file(COMMUNE, tmp_path), tmp_path, "md", templates_dir=templates)
    assert result.exit_code == 0, [d.message() for d in result.diagnostics]
    assert "## I. NỘI DUNG RIÊNG CỦA TỈNH" in result.paths[0].read_text(encoding="utf-8")


def test_unknown_template_folder_is_a_usage_error(tmp_path):
    result = render(plan_file(COMMUNE, tmp_path), tmp_path, templates_dir=tmp_path / "khong-co")
    assert result.exit_code == 2 and result.diagnostics[0].code == "T009"


def test_unknown_kind_is_reported(tmp_path):
    text = MINIMAL_PLAN.replace("unit: {level: xa, name: Hùng Mỹ,", "unit: {level: thon, name: Bản Bường,")
    result = render(plan_file(text, tmp_path), tmp_path)
    assert result.exit_code == 1 and result.diagnostics[0].code == "T003"


def test_unknown_format_is_a_usage_error(tmp_path):
    result = render(plan_file(COMMUNE, tmp_path), tmp_path, "odt")
    assert result.exit_code == 2 and result.diagnostics[0].code == "T010"
    assert set(FORMATS) == {"md", "html", "docx", "pdf"}


@pytest.mark.parametrize("expression", ["plan.__class__.__mro__", "().__class__.__base__.__subclasses__()",
                                        "plan.document._values"])
def test_templates_run_in_a_sandbox(expression, tmp_path):
    templates = write_template(tmp_path / "tpl", "commune-plan.xml.j2", f"<document>{{{{ {expression} }}}}</document>")
    result = render(plan_file(COMMUNE, tmp_path), tmp_path, templates_dir=templates)
    assert result.exit_code == 1 and result.paths == []
    assert result.diagnostics[0].code in ("T008", "T001")
    assert "Traceback" not in result.diagnostics[0].message()


def test_malformed_markup_is_a_template_error(tmp_path):
    templates = write_template(tmp_path / "tpl", "commune-plan.xml.j2", "<document><section title='x'></document>")
    result = render(plan_file(COMMUNE, tmp_path), tmp_path, templates_dir=templates)
    assert [d.code for d in result.diagnostics] == ["T005"]


def test_hand_numbered_section_title_warns_but_renders(tmp_path):
    text = COMMUNE + "sections:\n  solutions:\n    - {title: '1. Công tác lãnh đạo', body: Nội dung.}\n"
    result = render(plan_file(text, tmp_path), tmp_path, "md")
    assert result.exit_code == 0 and [d.code for d in result.diagnostics] == ["T006"]


# ---------------------------------------------------------------------------
# Escaping: plan text is printed, never executed, never structure
# ---------------------------------------------------------------------------

NASTY = "Đường <b>A</b> & B {{ 7*7 }} {% if true %}x{% endif %} </p><section title='y'>"


@pytest.fixture
def nasty_plan(tmp_path):
    text = COMMUNE + (
        "tasks:\n"
        f"  - criterion: '2'\n    what: \"{NASTY}\"\n    quantity: 1.5\n    unit: km\n"
        "    amount: 120.5\n    sources: [ngan_sach_xa]\n"
        "sections:\n"
        f"  purpose: \"{NASTY}\"\n"
    )
    plan = plan_file(text, tmp_path)
    assert plan.plan is not None, [d.message() for d in plan.diagnostics]
    return plan


def test_docx_prints_plan_text_as_written(nasty_plan, tmp_path):
    result = render(nasty_plan, tmp_path, "docx")
    assert result.exit_code == 0, [d.message() for d in result.diagnostics]
    docx = read_docx(str(result.paths[0]))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert NASTY in text and "49" not in text
    cells = [c.text for t in docx.tables for row in t.rows for c in row.cells]
    assert any(c.startswith(NASTY) for c in cells)
    assert "120,5" in cells  # the money column appears when a task has an amount


def test_html_escapes_plan_text(nasty_plan, tmp_path):
    html = render(nasty_plan, tmp_path, "html").paths[0].read_text(encoding="utf-8")
    assert "Đường &lt;b&gt;A&lt;/b&gt; &amp; B {{ 7*7 }}" in html
    assert "<b>A</b>" not in html and "&lt;section title=" in html


def test_markdown_escapes_plan_text(nasty_plan, tmp_path):
    md = render(nasty_plan, tmp_path, "md").paths[0].read_text(encoding="utf-8")
    assert r"Đường \<b>A\</b> & B {{ 7\*7 }}" in md


def test_plan_text_cannot_add_sections(nasty_plan):
    document, _ = build_document(nasty_plan)
    titles = [s.title for s in document.sections()]
    assert "y" not in titles


def test_markdown_in_plan_prose_becomes_items_and_emphasis():
    from ntm.render.markdown import to_markup

    markup = str(to_markup("Mở đầu **đậm** và *nghiêng*:\n\n- một\n  tiếp\n+ hai <x>"))
    assert markup == ('<p role="body">Mở đầu <b>đậm</b> và <i>nghiêng</i>:</p>'
                      '<item level="1" marker="-">một tiếp</item><item level="2" marker="+">hai &lt;x&gt;</item>')


# ---------------------------------------------------------------------------
# Block tree, numbering rules
# ---------------------------------------------------------------------------


def test_numbering_styles_by_depth():
    markup = ('<document><section title="A"><section title="B"><section title="C"><section title="D"/>'
              '<section title="E"><p>x</p></section></section></section><section title="F"/></section>'
              '<section title="G"/></document>')
    document = parse(markup)
    assert [(s.number, s.heading) for s in document.sections()] == [
        ("I.", "I. A"), ("1.", "1. B"), ("1.1.", "1.1. C"), ("a)", "a) D"), ("b)", "b) E"), ("2.", "2. F"), ("II.", "II. G")]


def test_untitled_groups_share_numbering_and_run_in_sections_number_paragraphs():
    markup = ('<document><section title="A"><section><section title="B"/></section><section title="C"/>'
              '<section run-in="1"><p>Đoạn</p></section></section></document>')
    document = parse(markup)
    numbers = [s.number for s in document.sections()]
    assert numbers == ["I.", "1.", "2.", "3."]
    assert document.sections()[-1].children[0].text == "3. Đoạn"


def test_annex_refs_resolve_and_unknown_refs_fail():
    from ntm.render.blocks import BlockError

    document = parse('<document><p>Xem <annex-ref key="b"/></p><annex key="a" title="A"/><annex key="b" title="B"/></document>')
    assert document.body[0].text == "Xem Biểu 02"
    with pytest.raises(BlockError):
        parse('<document><p><annex-ref key="z"/></p></document>')


# ---------------------------------------------------------------------------
# Atomic writes, PDF, lazy imports, packaging
# ---------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    plan = plan_file(COMMUNE, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "vi-du.docx").write_bytes(b"old")

    def boom(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    result = render_plan(plan, "docx", out)
    assert result.exit_code == 2 and result.diagnostics[0].code == "T011"
    assert (out / "vi-du.docx").read_bytes() == b"old"
    assert sorted(p.name for p in out.iterdir()) == ["vi-du.docx"]


def test_pdf_without_libreoffice_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_SOFFICE", "")
    result = render(plan_file(COMMUNE, tmp_path), tmp_path, "pdf")
    assert result.exit_code == 2 and result.paths == []
    (diag,) = result.diagnostics
    assert diag.code == "T004" and "apt-get install libreoffice-writer" in diag.message()
    assert not (tmp_path / "out").exists()


def test_importing_render_and_cli_does_not_load_docx_or_jinja():
    code = ("import sys, ntm.render, ntm.cli; "
            "print(sorted(m for m in ('docx', 'jinja2', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_shipped_templates_are_found():
    folder = builtin_templates_dir()
    assert (folder / "commune-plan.xml.j2").is_file() and (folder / "_layout.xml.j2").is_file()


def test_templates_are_nfc_vietnamese():
    import unicodedata

    for path in builtin_templates_dir().glob("*.xml.j2"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name
        assert "Nghị định 30/2020" in text or path.name == "_layout.xml.j2", path.name
