"""The signed document as an officer reads it (issue #12, points 1-5; #13.1, render side).

One Vietnamese serif family in the PDF, no blank page, every sentence the plan holds in
the document, prose without machine seams (em-dashes, "(Các ngã ba…)", quantities said
twice), counts as the document writes them ("07 sân"), scaffolds printed as DỰ THẢO, and
the letterhead of a commune after the 2025 reform (no huyện, no parent body)."""

from __future__ import annotations

import enum
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as read_docx
from pydantic import BaseModel
from typer.testing import CliRunner

from ntm.cli import app
from ntm.loader import load_plan, load_plan_text
from ntm.model.document import LegalBasis
from ntm.render import build_document, render_plan, write_bytes
from ntm.render.pdf import convert, find_soffice, font_families
from ntm.render.sentences import pieces, squash
from ntm.validate import check_file
from ntm.yamlio import load_text

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted((ROOT / "plans").glob("**/*.yaml"))
HUNG_MY = ROOT / "plans" / "tuyen-quang" / "hung-my.yaml"
TAN_MY = Path(__file__).resolve().parent / "render_fixtures" / "tan-my-2027-mau.yaml"
POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts")
needs_pdf = pytest.mark.skipif(find_soffice() is None or not POPPLER,
                               reason="needs LibreOffice (soffice) and poppler-utils (pdftotext, pdffonts): "
                                      "apt-get install libreoffice-writer fonts-liberation2 poppler-utils")


def markdown(path_or_plan) -> str:
    loaded = load_plan(path_or_plan) if isinstance(path_or_plan, Path) else path_or_plan
    document, diagnostics = build_document(loaded)
    assert document is not None, [d.message() for d in diagnostics]
    return write_bytes(document, "md").decode("utf-8")


def body_of(md: str) -> str:
    """The document without its annexes (Biểu): what the officer reads as text."""
    return md.split("\n---\n", 1)[0]


def readable(md: str) -> str:
    """Markdown back to the words: escapes and emphasis marks removed, spaces and case folded."""
    return squash(re.sub(r"\\(.)", r"\1", md))


def pdf_pages(tmp_path: Path, plan, name: str = "plan") -> list[str]:
    result = render_plan(plan, "pdf", tmp_path / name)
    assert result.exit_code == 0, [d.message() for d in result.diagnostics]
    text = subprocess.run(["pdftotext", "-layout", str(result.paths[0]), "-"], capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def page_is_blank(page: str) -> bool:
    """Nothing on the page but its number (page numbers print from page 2) and the draft mark."""
    return not re.sub(r"^\s*(?:\d+|DỰ THẢO)\s*$", "", page, flags=re.MULTILINE).strip()


# ---------------------------------------------------------------------------
# 1. Fonts: one serif family with every Vietnamese letter
# ---------------------------------------------------------------------------


@needs_pdf
def test_hung_my_pdf_embeds_one_serif_family_and_whole_words(tmp_path):
    result = render_plan(load_plan(HUNG_MY), "pdf", tmp_path)
    assert result.exit_code == 0 and not [d for d in result.diagnostics if d.code == "T014"]
    listing = subprocess.run(["pdffonts", str(result.paths[0])], capture_output=True, text=True).stdout
    names = [line.split()[0] for line in listing.splitlines()[2:] if line.strip()]
    families = {re.sub(r"^[A-Z]{6}\+", "", n).split("-")[0].split(",")[0] for n in names}
    assert len(families) == 1 and "DejaVu" not in listing, listing
    assert font_families(result.paths[0].read_bytes()) == sorted(families)
    text = subprocess.run(["pdftotext", str(result.paths[0]), "-"], capture_output=True, text=True).stdout
    for word in ("Chi tiết", "Mục tiêu", "được", "Hộ đảm bảo 3 sạch", "Tiêu chí số 19 (Quốc phòng và an ninh)"):
        assert word in text, word  # copied text is whole words, not "chi ti ết"


@needs_pdf
def test_font_families_of_a_pdf_with_two_families(tmp_path):
    """The T014 check reads the families a real PDF embeds: Serif and Sans are two."""
    from docx import Document

    word = Document()
    word.add_paragraph().add_run("Tiêu chí số 17").font.name = "Liberation Serif"
    word.add_paragraph().add_run("Môi trường").font.name = "Liberation Sans"
    path = tmp_path / "two.docx"
    word.save(str(path))
    assert font_families(convert(path.read_bytes(), "two")) == ["LiberationSans", "LiberationSerif"]


def test_install_hints_name_fonts_liberation2():
    from ntm.messages import render_message

    assert "fonts-liberation2" in render_message("T004", {}, "vi")
    assert "fonts-liberation2" in render_message("T004", {}, "en")
    assert "fonts-liberation2" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install libreoffice-writer fonts-liberation2" in (ROOT / "README.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# 2. No blank page
# ---------------------------------------------------------------------------


@needs_pdf
@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_no_page_of_a_shipped_plan_is_blank(path, tmp_path):
    pages = pdf_pages(tmp_path, load_plan(path))
    assert pages and [n for n, page in enumerate(pages, start=1) if page_is_blank(page)] == []


def hung_my_with_tasks(count: int):
    """Hùng Mỹ with its first `count` tasks: Biểu 02 then ends at another height of its page."""
    text = HUNG_MY.read_text(encoding="utf-8")
    head, rest = text.split("\ntasks:\n", 1)
    block, tail = rest.split("\nfunding:\n", 1)
    items = [i for i in re.split(r"\n(?=  - )", "\n" + block) if i.strip()]
    return load_plan_text(head + "\ntasks:\n" + "\n".join(items[:count]).lstrip("\n") + "\nfunding:\n" + tail)


@needs_pdf
def test_a_landscape_table_ending_at_the_foot_of_a_page_leaves_no_blank_page(tmp_path):
    """17 tasks fill Biểu 02 to the bottom of its page: the old writer's two empty paragraphs
    before the section break spilled onto page 12 and printed it blank."""
    pages = pdf_pages(tmp_path, hung_my_with_tasks(17))
    assert [n for n, page in enumerate(pages, start=1) if page_is_blank(page)] == []
    assert sum(bool(re.search(r"^\s*Biểu 03\s*$", page, re.MULTILINE)) for page in pages) == 1


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_annexes_break_pages_without_empty_paragraphs(tmp_path):
    """In the .docx: no paragraph holds only a page break, and a section break sits in the one
    1 pt paragraph a table needs after it, never after an empty line."""
    result = render_plan(load_plan(HUNG_MY), "docx", tmp_path)
    body = read_docx(str(result.paths[0])).element.body
    paragraphs = list(body.iter(W + "p"))
    assert not [p for p in paragraphs if p.find(f".//{W}br[@{W}type='page']") is not None]
    breaks = [p for p in paragraphs if p.find(f"{W}pPr/{W}sectPr") is not None]
    assert len(breaks) == 2  # portrait body and Biểu 01 | landscape Biểu 02 | portrait Biểu 03
    for p in breaks:
        assert "".join(t.text for t in p.iter(W + "t")) == ""
        assert p.find(f"{W}pPr/{W}spacing").get(W + "line") == "20"  # exactly 1 pt
        before = p.getprevious()
        assert before.tag == W + "tbl" or "".join(t.text for t in before.iter(W + "t")).strip()
    labels = [p for p in paragraphs if "".join(t.text for t in p.iter(W + "t")) in ("Biểu 01", "Biểu 03")]
    assert [p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in labels] == [True, False]


# ---------------------------------------------------------------------------
# 3. Every sentence the plan holds reaches the document
# ---------------------------------------------------------------------------

REMARKS = {"note", "notes", "source_note"}  # the transcriber's remarks, never document text
MACHINE_KEY = re.compile(r"^[a-z0-9_.\-]+$")  # criteria_set, source keys, codes, roles


def document_texts(obj, path=()):
    """Every text of a plan model that is the document's words, with its path.

    Left out: remarks, values constrained to a pattern or a vocabulary (codes, units,
    enumerations, machine keys), and the parts read out of a cited line, whose `text`
    is printed as written.
    """
    if isinstance(obj, enum.Enum):
        return
    if isinstance(obj, BaseModel):
        for name, info in type(obj).model_fields.items():
            if name in REMARKS or any(getattr(m, "pattern", None) for m in info.metadata):
                continue
            if isinstance(obj, LegalBasis) and name != "text":
                continue
            yield from document_texts(getattr(obj, name), path + (name,))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from document_texts(value, path + (str(getattr(key, "value", key)),))
    elif isinstance(obj, (list, tuple)):
        for index, value in enumerate(obj):
            yield from document_texts(value, path + (index,))
    elif isinstance(obj, str) and not MACHINE_KEY.match(obj):
        yield path, obj


@pytest.mark.parametrize("path", PLANS + [TAN_MY], ids=lambda p: p.stem)
def test_every_free_text_of_the_plan_reaches_the_document(path):
    md = readable(markdown(path))
    missing = [(".".join(map(str, where)), piece) for where, text in document_texts(load_plan(path).plan)
               for piece in pieces(text) if squash(piece).rstrip(" .;:,") not in md]
    assert missing == []


SEED_003_SENTENCES = [
    "Các thành viên BCĐ được phân công phụ trách tiêu chí xây dựng kế hoạch chi tiết để thực hiện.",
    "- 17.8. Tỷ lệ hộ có nhà tiêu, nhà tắm, thiết bị chứa nước sinh hoạt hợp vệ sinh và đảm bảo 3 sạch:",
    "(Chi tiết theo Biểu 05, Biểu 06 kèm theo)",
    "### 4. Thực hiện các nội dung và giải pháp hỗ trợ",
    "#### 4.1. Về huy động vốn và nguồn lực xã hội",
    "- Tỷ lệ hộ nghèo đa chiều của xã còn 172/1.413 hộ = 12,17%, kế hoạch năm 2024 giảm 30 hộ nghèo đa chiều, "
    "trong đó giảm 23 hộ nghèo và 07 hộ cận nghèo.",
    "  - Nhà tiêu hợp vệ sinh: đã đạt chuẩn 1.276/1.413 hộ đạt 90,3%, kế hoạch 2024 vận động thêm 56 hộ thực "
    "hiện nhà tiêu tự hoại.",
    "- Đường trục thôn: bê tông hóa 0,51 km đường Nà Khện đi bản Bường từ nguồn vốn đầu tư Chương trình MTQG "
    "phát triển KTXH vùng đồng bào DTTS và miền núi.",
    "- Đề nghị Điện lực xây dựng mới 02 trạm biến áp (01 trạm tại thôn Nặm Kép; 01 trạm tại khu dân cư Khun "
    "Thắng thuộc thôn Hùng Cường) để đảm bảo cung cấp đủ điện sử dụng cho nhân dân.",
    "- Hoàn thành xây dựng 07 sân thể thao thôn.",
    "- Vận động 14 hộ làm nhà đạt chuẩn, trong đó hỗ trợ 06 hộ nghèo làm nhà từ nguồn vốn CT MTQG phát triển "
    "KTXH vùng DTTS và miền núi.",
    "- Phát triển kinh tế trồng trọt: lúa 485,3 ha; ngô 232 ha; lạc 157 ha; rau củ các loại 47 ha; cây ăn quả "
    "15,1 ha.",
    "- Phát triển kinh tế chăn nuôi: đàn trâu 2.187 con; đàn bò 330 con; đàn lợn 5.757 con; đàn gia cầm 74.900 "
    "con; chăn nuôi cá ao 47,1 ha; cá lồng 75 lồng.",
    "- Tuyên truyền trên hệ thống loa phát thanh của xã tối thiểu 02 chuyên mục tuyên truyền về bình đẳng "
    "giới/tháng.",
    "- Xây dựng 01 cổng chào tại Trung tâm xã.",
]


def test_seed_003_sentences_are_lines_of_the_body():
    """Each is a whole line of the Markdown body (a numbered paragraph may carry its number)."""
    lines = [re.sub(r"\\(.)", r"\1", line) for line in body_of(markdown(HUNG_MY)).splitlines()]
    for sentence in SEED_003_SENTENCES:
        assert any(re.fullmatch(r"(?:\d+\. )?" + re.escape(sentence), line) for line in lines), sentence


def test_the_detail_note_follows_the_17_8_tasks_and_the_annex_note_follows_section_3():
    body = body_of(markdown(HUNG_MY))
    assert body.index("- Chuồng gia súc hợp vệ sinh") < body.index("(Chi tiết theo Biểu 05, Biểu 06 kèm theo)") \
        < body.index("#### 2.15. Tiêu chí số 18")
    assert body.index("### 3. Các chỉ tiêu khác") < body.index("(Chi tiết có Biểu 02 kèm theo)") \
        < body.index("### 4. Thực hiện các nội dung")


# ---------------------------------------------------------------------------
# 4. Prose an officer would sign
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", PLANS + [TAN_MY], ids=lambda p: p.stem)
def test_no_machine_seams_in_the_text(path):
    plan = load_plan(path).plan
    body = body_of(markdown(path))
    assert "—" not in body  # no em-dash glued between a name and its text
    for task in plan.tasks:
        if task.where:
            assert f"({task.where}" not in body, task.where  # no "(Các ngã ba…)" fragment
    for line in body.splitlines():
        for bracket in re.findall(r"\(([^()]*)\)", line):
            for number, unit in re.findall(r"(\d[\d.,]*)\s+([^\s;,)]+)", bracket):
                outside = line.replace(f"({bracket})", "")
                assert not re.search(rf"(?<![\d.,]){re.escape(number)}\s*{re.escape(unit)}", outside), line


def test_tasks_print_in_the_documents_words_and_only_add_what_they_lack(tmp_path):
    plan = load_plan_text((ROOT / "tests" / "render_fixtures" / "tan-my-2027-mau.yaml").read_text(encoding="utf-8")
                          .replace("what: Bê tông hóa 02 tuyến đường trục thôn", "what: Bê tông hóa đường trục thôn"))
    lines = body_of(markdown(plan)).splitlines()
    assert "- Bê tông hóa đường trục thôn: 02 tuyến." in lines  # the quantity the words lack, as written
    assert "- Lắp đặt mạng internet cho nhà văn hóa các thôn tại thôn Nà Khện." in lines  # the place, mid-sentence


def test_zero_padded_counts_print_as_written_and_count_as_numbers():
    loaded = load_text("quantity: 07\nparts: [01, 010, 0, 7]\n")
    assert loaded.data == {"quantity": 7, "parts": [1, 10, 0, 7]} and json.dumps(loaded.data) == '{"quantity": 7, "parts": [1, 10, 0, 7]}'
    assert [getattr(v, "written", None) for v in loaded.data["parts"]] == ["01", "010", None, None]
    plan = load_plan(HUNG_MY).plan
    stations = next(t for t in plan.tasks if t.unit == "trạm")
    assert stations.quantity == Decimal(2) and stations.parts_total() == Decimal(2)
    assert [d.code for d in check_file(HUNG_MY).diagnostics if d.code == "R104"] == []
    table = markdown(HUNG_MY).split("## Biểu 02", 1)[1]
    assert "| 07 | sân |" in table and "| 02 | trạm |" in table and "| 01 | cổng |" in table


# ---------------------------------------------------------------------------
# 5. A scaffold is a draft: findings on validate, DỰ THẢO on every page
# ---------------------------------------------------------------------------


@pytest.fixture
def scaffold(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["new", "x", "--year", "2027", "--level", "xa", "--plans", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    return tmp_path / "p" / "x.yaml"


def test_a_scaffold_does_not_validate_clean(scaffold):
    lines = scaffold.read_text(encoding="utf-8").splitlines()
    found = [d for d in check_file(scaffold).diagnostics if d.code == "R901"]
    assert found and all(d.severity.value == "warning" and d.line for d in found)
    placeholders = [d for d in found if "«" in d.message()]
    assert placeholders and all("«" in lines[d.line - 1] for d in placeholders)
    assert {d.yaml_path() for d in placeholders} >= {"document.issuer", "document.place", "document.signature.name"}
    assert any(d.yaml_path() == "unit" for d in found)  # the commune has no name yet
    empty = [d for d in found if "chưa có nhiệm vụ nào và chưa có kinh phí" in d.message()]
    assert [d.yaml_path() for d in empty] == ["tasks"] and lines[empty[0].line - 1].startswith("tasks:")
    output = CliRunner().invoke(app, ["validate", str(scaffold)]).output
    assert "R901" in output and "0 cảnh báo" not in output


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_scaffold_renders_as_a_draft(scaffold, fmt, tmp_path):
    result = render_plan(load_plan(scaffold), fmt, tmp_path / "out")
    assert result.exit_code == 0 and "T013" in [d.code for d in result.diagnostics]
    if fmt == "docx":
        word = read_docx(str(result.paths[0]))
        section = word.sections[0]
        assert all("DỰ THẢO" in h.paragraphs[-1].text for h in (section.first_page_header, section.header))
    else:
        text = result.paths[0].read_text(encoding="utf-8")
        assert ("**DỰ THẢO**" in text.splitlines()[0]) if fmt == "md" else ('<div class="draft-mark">DỰ THẢO</div>' in text
                                                                             and '<body class="draft">' in text)


@needs_pdf
def test_every_page_of_a_draft_pdf_says_du_thao(scaffold, tmp_path):
    plan = load_plan_text(scaffold.read_text(encoding="utf-8").replace("  legal_bases: []", "  legal_bases:\n"
                          + "".join(f"    - text: Căn cứ văn bản số {n} của «Tên cơ quan»;\n" for n in range(40))))
    pages = pdf_pages(tmp_path, plan)
    assert len(pages) >= 2 and all("DỰ THẢO" in page for page in pages)


def test_a_filled_plan_is_no_draft(tmp_path):
    for path in (HUNG_MY, TAN_MY):
        document, diagnostics = build_document(load_plan(path))
        assert not document.draft and not [d for d in diagnostics if d.code in ("R901", "T013")]
        assert "DỰ THẢO" not in write_bytes(document, "md").decode("utf-8")


def test_an_annual_plan_without_tasks_or_money_is_a_draft():
    text = TAN_MY.read_text(encoding="utf-8")
    text = text[: text.index("tasks:\n")] + text[text.index("sections:\n"): text.index("funding:\n")]
    document, diagnostics = build_document(load_plan_text(text))
    assert document.draft
    assert [d.message() for d in diagnostics if d.code == "R901"] == ["Kế hoạch năm 2027 chưa có nhiệm vụ nào và chưa có kinh phí"]


# ---------------------------------------------------------------------------
# 13.1 A commune after the 2025 reform: xã under tỉnh, UBND xã, no huyện
# ---------------------------------------------------------------------------


def test_post_reform_commune_letterhead_and_title(tmp_path):
    md = markdown(TAN_MY)
    assert md.startswith("**ỦY BAN NHÂN DÂN**  \n**XÃ TÂN MỸ**  \nSố: …/KH-UBND\n")
    assert "*Tân Mỹ, ngày 15 tháng 01 năm 2027*" in md
    assert "# KẾ HOẠCH\n\n**Thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2027, xã Tân Mỹ, tỉnh Tuyên Quang**" in md
    assert "huyện" not in md.casefold()
    result = render_plan(load_plan(TAN_MY), "docx", tmp_path)
    word = read_docx(str(result.paths[0]))
    left = [r for p in word.tables[0].cell(0, 0).paragraphs for r in p.runs if r.text.strip()]
    assert [(r.text, bool(r.bold)) for r in left] == [("ỦY BAN NHÂN DÂN", True), ("XÃ TÂN MỸ", True)]
    assert word.tables[0].cell(1, 1).text == "Tân Mỹ, ngày 15 tháng 01 năm 2027"
    everything = "\n".join([p.text for p in word.paragraphs] + [c.text for t in word.tables for r in t.rows for c in r.cells])
    assert "huyện" not in everything.casefold()


def test_a_parent_body_named_for_a_ubnd_xa_is_not_printed_and_warned(tmp_path):
    text = TAN_MY.read_text(encoding="utf-8").replace(
        "  issuer: Ủy ban nhân dân xã Tân Mỹ\n", "  issuer: Ủy ban nhân dân xã Tân Mỹ\n  parent_body: Ủy ban nhân dân tỉnh Tuyên Quang\n")
    plan = load_plan_text(text, str(tmp_path / "tan-my.yaml"))
    document, diagnostics = build_document(plan)
    (warning,) = [d for d in diagnostics if d.code == "T015"]
    assert (warning.severity.value, warning.yaml_path()) == ("warning", "document.parent_body")
    assert text.splitlines()[warning.line - 1] == "  parent_body: Ủy ban nhân dân tỉnh Tuyên Quang"
    assert document.letterhead.parent_body == [] and document.letterhead.issuer == ["ỦY BAN NHÂN DÂN", "XÃ TÂN MỸ"]


def test_the_place_defaults_to_the_communes_name():
    plan = load_plan_text(TAN_MY.read_text(encoding="utf-8"))
    assert plan.plan.document.place is None
    document, _ = build_document(plan)
    assert document.letterhead.place_date == "Tân Mỹ, ngày 15 tháng 01 năm 2027"


def test_the_subject_does_not_repeat_the_type_name():
    text = TAN_MY.read_text(encoding="utf-8").replace(
        "  title: Thực hiện Chương trình", "  title: Kế hoạch thực hiện Chương trình")
    document, _ = build_document(load_plan_text(text))
    assert document.title.kind_name == "KẾ HOẠCH"
    assert document.title.subject[0].startswith("Thực hiện Chương trình mục tiêu quốc gia")
