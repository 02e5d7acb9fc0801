"""plans/tuyen-quang/tan-my-2027.yaml: the illustrative 2027 plan of Xã Tân Mỹ after the 2025 reform (issue 13.1).

Its own figures: 10.685,5 triệu đồng over the eight sources that exist after the reform, 04/10
criteria met at 31/12/2026 under the 2026-2030 set, tasks for each of the 10 criteria, and every
percentage it states agreeing with its counts. Then the daily commands on it: validate, status,
report --year 2027, render.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm.catalog import load_catalog
from ntm.cli import app
from ntm.loader import load_plan
from ntm.rules.percentage import agrees
from ntm.units import predecessors, resolve
from ntm.validate import validate_paths
from ntm.vnformat import format_number, format_percent, parse_number

REPO = Path(__file__).resolve().parents[1]
TAN_MY = REPO / "plans" / "tuyen-quang" / "tan-my-2027.yaml"
POST_REFORM_SOURCES = ["ctmtqg_2026_2035", "ngan_sach_tinh", "ngan_sach_xa", "von_long_ghep", "von_tin_dung",
                       "von_doanh_nghiep", "nhan_dan_dong_gop", "xa_hoi_hoa"]


@pytest.fixture(scope="module")
def plan():
    loaded = load_plan(TAN_MY)
    assert loaded.plan is not None, loaded.diagnostics
    return loaded.plan


def test_it_validates_with_no_error_and_no_warning():
    result = validate_paths([TAN_MY])
    assert [d for d in result.diagnostics if d.severity.value in ("error", "warning")] == []


def test_it_says_it_is_illustrative():
    head = TAN_MY.read_text(encoding="utf-8").splitlines()[1]
    assert head == "# KẾ HOẠCH MINH HỌA, KHÔNG PHẢI VĂN BẢN THẬT. ntm soạn kế hoạch này để làm mẫu cho một xã hình thành"


def test_a_commune_directly_under_its_province(plan):
    unit = plan.unit
    assert (unit.level.value, unit.name, unit.province, unit.district, unit.region) == ("xa", "Tân Mỹ", "Tuyên Quang", None, None)
    assert unit.commune_group.value == "nhom-3"
    official = resolve("Tân Mỹ", "xa", province="Tuyên Quang", as_of=plan.document.date)
    assert (official.found, official.official_name, official.code) == (True, "Xã Tân Mỹ", "02308")
    former = [(u.name, u.code, d.name) for u, d in predecessors("02308")]
    assert former == [("Xã Tân Mỹ", "02308", "Huyện Chiêm Hóa"), ("Xã Hùng Mỹ", "02314", "Huyện Chiêm Hóa")]
    assert all(f"xã {name.removeprefix('Xã ')} ({code})" in unit.note for name, code, _ in former)


def test_total_is_the_sum_of_the_eight_post_reform_sources(plan):
    funding = plan.funding
    assert [line.source for line in funding.lines] == POST_REFORM_SOURCES
    assert funding.stated_total() == funding.lines_total() == Decimal("10685.5")
    assert format_number(funding.stated_total()) == "10.685,5"
    shares = [format_percent(line.amount.in_trieu_dong() * 100 / funding.lines_total(), 1) for line in funding.lines]
    assert shares == ["50,7%", "4,2%", "3,0%", "11,7%", "5,6%", "20,1%", "3,8%", "0,8%"]


def strings(value):
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def test_no_district_anywhere_but_in_the_history_of_the_merger(plan):
    from ntm.yamlio import load_file

    mentions = [s for s in strings(load_file(TAN_MY).data) if re.search(r"\bhuyện\b", s, re.IGNORECASE)]
    assert len(mentions) == 2 and all(re.search(r"huyện Chiêm Hóa \(?cũ", m) for m in mentions)
    assert "ngan_sach_huyen" not in TAN_MY.read_text(encoding="utf-8") and plan.document.parent_body is None
    assert plan.document.recipients[:2] == ["UBND tỉnh Tuyên Quang (b/c)", "Sở Nông nghiệp và Môi trường tỉnh Tuyên Quang"]


def test_legal_bases_are_the_three_documents_of_the_2026_2030_period(plan):
    bases = [(b.kind, b.number, b.date.isoformat(), b.issuer) for b in plan.document.legal_bases]
    assert bases == [("NQ", "257/2025/QH15", "2025-12-11", "Quốc hội"), ("NQ", "424/NQ-CP", "2025-12-30", "Chính phủ"),
                     ("QĐ", "51/2025/QĐ-TTg", "2025-12-29", "Thủ tướng Chính phủ")]
    catalog = load_catalog(plan.criteria_set)
    assert (catalog.source.number, catalog.source.date) == ("51/2025/QĐ-TTg", plan.document.legal_bases[2].date)
    assert all(b.date < plan.document.date for b in plan.document.legal_bases)


def test_baseline_four_of_ten_criteria_at_the_end_of_2026(plan):
    (assessment,) = plan.assessments
    catalog = load_catalog("xa-ntm-2026-2030")
    assert assessment.as_of.isoformat() == "2026-12-31" == plan.baseline_as_of.isoformat()
    assert sorted(assessment.criteria, key=int) == [c.code for c in catalog.criteria]
    assert (assessment.declared.met, assessment.declared.unmet, assessment.declared.total) == (4, 6, 10)
    assert assessment.met_codes() == ["4", "5", "9", "10"]
    assert len(assessment.unmet_codes()) == assessment.declared.unmet
    results = plan.sections["results"][0]
    assert "đến hết năm 2026 xã đạt 04/10 tiêu chí" in results.body
    listed = re.findall(r"Tiêu chí số ([0-9]+)", results.parts[0].body)
    assert listed == assessment.met_codes()
    assert re.findall(r"Tiêu chí số ([0-9]+)", results.parts[1].body) == assessment.unmet_codes()


def test_every_criterion_has_tasks_with_their_quantities(plan):
    by_criterion = {}
    for task in plan.tasks:
        by_criterion.setdefault(task.criterion, []).append(task)
    assert sorted(by_criterion, key=int) == [str(n) for n in range(1, 11)]
    counted = [t for t in plan.tasks if t.quantity is not None]
    assert len(plan.tasks) == 42 and len(counted) == 28 and all(t.unit for t in counted)
    for task in plan.tasks:
        if task.parts:
            assert task.parts_total() == task.quantity, task.what


def stated_percentages(plan) -> list[tuple[str, str, str]]:
    """Every "a/b hộ = p%", "a/b hộ đạt p%" or "a/b thôn … (p%)" the plan writes in its text."""
    texts = [s.body for section in plan.sections["results"] for s in [section, *section.parts]]
    texts += [c.note for a in plan.assessments for c in a.criteria.values() if c.note]
    texts += [t.note for t in plan.tasks if t.note]
    pattern = re.compile(r"([0-9.]+)/([0-9.]+) [^=()%]*?(?:= |đạt |\()([0-9]+,[0-9]+)%")
    return [m.groups() for text in texts for m in pattern.finditer(text)]


def test_every_percentage_it_states_agrees_with_its_counts(plan):
    stated = stated_percentages(plan)
    assert len(stated) == 11
    for count, of, percent in stated:
        computed = parse_number(count) * 100 / parse_number(of)
        assert agrees(parse_number(percent), computed, None), (count, of, percent)
    assert ("236", "2.650", "8,91") in stated and ("191", "2.650", "7,21") in stated


def test_status_counts_against_the_ten_criteria(repo):
    result = CliRunner().invoke(app, ["status", "tan-my-2027"])
    assert result.exit_code == 0, result.output
    assert "Mã đơn vị: Xã Tân Mỹ (02308), Tỉnh Tuyên Quang" in result.output
    assert "Đạt 4/10 tiêu chí" in result.output


def test_report_for_2027_takes_the_plan(repo):
    from ntm.report import build_report

    report = build_report([repo / "plans"], 2027, jobs=1)
    (row,) = [r for r in report["criteria"].to_dict("records") if r["plan"] == "tan-my-2027"]
    assert (row["unit"], row["score"], str(row["as_of"])) == ("Tân Mỹ", "4/10", "2026-12-31")
    cli = CliRunner().invoke(app, ["report", "--year", "2027", "plans/"])
    assert cli.exit_code == 0, cli.output
    assert "tan-my-2027" in cli.output and "10.685,5" in cli.output


def test_render_writes_the_commune_document(repo):
    result = CliRunner().invoke(app, ["render", "tan-my-2027", "--format", "md", "--output", "out"])
    assert result.exit_code == 0, result.output
    md = (repo / "out" / "tan-my-2027.md").read_text(encoding="utf-8")
    assert "*Tân Mỹ, ngày 20 tháng 01 năm 2027*" in md
    assert "**10.685,5 triệu đồng**" in md and "Nguyễn Văn A" in md
    assert "Căn cứ Quyết định số 51/2025/QĐ-TTg ngày 29/12/2025" in md
