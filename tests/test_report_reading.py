"""`ntm report` as an officer reads it (issue 12 points 9, 10, 12; issue 13 point 1, the report half).

Options are checked against what the help lists and what the plans hold; the
terminal tables fit 160 and 80 columns without dropping or cutting a unit's
name; data counted against a criteria set whose period has ended is marked
stale and kept out of the gaps; the phasing chart never adds communes and
villages into one bar; and a 2027 report counts a post-reform commune against
the 10 criteria of 2026-2030, rolls money up xã → tỉnh, and shows the
2021-2025 plans as history.
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from ntm.cli import REPORT_LEVELS, app
from ntm.report import ReportError, build_report, write_report
from ntm.report.build import LEVELS
from ntm.report.charts import criteria_figure, phasing_figure
from ntm.report.terminal import render
from ntm.report.views import STANDARD_KEYS

PLANS = Path(__file__).resolve().parent.parent / "plans"
SCORES_2024 = {"Hùng Mỹ": "19/19", "Ba Tầng": "9/19", "Triệu Long": "16/19", "Triệu Phước": "19/19"}
SPONSOR = ("Ba Tầng", "Triệu Long", "Triệu Phước")

# Started from `ntm new tan-my-2027 --year 2027 --level xa --plans …` and filled in as a post-reform
# commune writes its plan: no district, its commune group, the 10 criteria of QĐ 51/2025, no ngân sách huyện.
TAN_MY_2027 = """\
schema_version: 1
slug: tan-my-2027
unit:
  level: xa
  name: Tân Mỹ
  province: Tuyên Quang
  commune_group: nhom-3
criteria_set: xa-ntm-2026-2030
period:
  start: 2027
  end: 2027
baseline_as_of: 2026-12-31
document:
  kind: KH
  number: 12/KH-UBND
  issuer: Ủy ban nhân dân xã Tân Mỹ
  parent_body: Ủy ban nhân dân tỉnh Tuyên Quang
  place: Tân Mỹ
  date: 2027-01-15
  title: Kế hoạch xây dựng nông thôn mới năm 2027
  legal_bases:
    - text: Căn cứ Quyết định số 51/2025/QĐ-TTg ngày 29/12/2025 của Thủ tướng Chính phủ ban hành Bộ tiêu chí quốc gia về nông thôn mới giai đoạn 2026-2030;
  recipients: [UBND tỉnh]
  archive: VT
  signature:
    authority:
      - form: TM
        of: ỦY BAN NHÂN DÂN
    title: CHỦ TỊCH
    name: Nguyễn Văn An
assessments:
  - as_of: 2026-12-31
    criteria_set: xa-ntm-2026-2030
    declared: {met: 7, total: 10}
    criteria: {"1": met, "2": not_met, "3": met, "4": met, "5": met, "6": not_met, "7": not_met, "8": met,
               "9": met, "10": met}
phasing:
  - {standard: xa_ntm, year: 2027, units: [Tân Mỹ]}
tasks:
  - {criterion: "2", what: Bê tông hóa đường trục thôn Nà Khện, quantity: 1.2, unit: km, sources: [ctmtqg_ntm]}
funding:
  unit: triệu đồng
  total: {value: 5400}
  lines:
    - {source: ctmtqg_ntm, amount: 2500}
    - {source: ngan_sach_tinh, amount: 1200}
    - {source: ngan_sach_xa, amount: 700}
    - {source: nhan_dan_dong_gop, amount: 1000}
"""

# A second commune of the same province that still writes its former district out of habit.
KIM_BINH_2027 = """\
schema_version: 1
slug: kim-binh-2027
unit: {level: xa, name: Kim Bình, district: Chiêm Hóa, province: Tuyên Quang, commune_group: nhom-3}
criteria_set: xa-ntm-2026-2030
period: {start: 2027, end: 2027}
document: {kind: KH, title: Kế hoạch xây dựng nông thôn mới năm 2027, date: 2027-01-20}
assessments:
  - as_of: 2026-12-31
    criteria_set: xa-ntm-2026-2030
    declared: {met: 9, total: 10}
    criteria: {"1": met, "2": met, "3": met, "4": met, "5": met, "6": met, "7": not_met, "8": met, "9": met,
               "10": met}
funding:
  total: 3000
  lines:
    - {source: ctmtqg_ntm, amount: 2000}
    - {source: ngan_sach_tinh, amount: 1000}
"""


@pytest.fixture(scope="module")
def report_2024():
    return build_report([PLANS], 2024, jobs=1)


@pytest.fixture(scope="module")
def tree_2027(tmp_path_factory):
    """The shipped 2020-2025 plans and two post-reform communes' 2027 plans."""
    root = tmp_path_factory.mktemp("plans")
    for shipped in ("bac-giang/tan-yen.yaml", "quang-tri/hoi-ccb-quang-tri.yaml", "tuyen-quang/hung-my.yaml"):
        (root / shipped).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PLANS / shipped, root / shipped)
    (root / "tuyen-quang" / "tan-my-2027.yaml").write_text(TAN_MY_2027, encoding="utf-8")
    (root / "tuyen-quang" / "kim-binh-2027.yaml").write_text(KIM_BINH_2027, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def report_2027(tree_2027):
    return build_report([tree_2027], 2027, jobs=1)


def rows(frame) -> list[dict]:
    return frame.to_dict("records")


def run(*args, env=None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def section(text: str, number: int) -> list[str]:
    parts = re.split(r"^(\d+)\. ", text, flags=re.M)
    return dict(zip(map(int, parts[1::2]), parts[2::2]))[number].splitlines()


# ----- 12.9: options are usage errors, and the help lists what they accept -------------------


def test_an_unknown_unit_is_a_usage_error_with_close_matches(repo):
    result = run("report", "--year", "2024", "plans", "--unit", "tan-yem")
    assert result.exit_code == 2
    assert result.output.strip() == ("ntm: --unit: không có đơn vị hay kế hoạch 'tan-yem' trong các tệp đã đọc "
                                     "(gần giống: tan-yen, tan-my)")  # Tân Mỹ 2027 is a plan too
    nothing_close = run("report", "--year", "2024", "plans", "--unit", "no-such")
    assert nothing_close.exit_code == 2 and "'no-such'" in nothing_close.output
    assert "BÁO CÁO" not in nothing_close.output  # no empty tables
    english = run("--lang", "en", "report", "--year", "2024", "plans", "--unit", "bac-giang/tan-yem")
    assert english.exit_code == 2 and "(closest: bac-giang/tan-yen)" in english.output


def test_a_unit_the_plans_hold_is_no_error_in_a_year_without_its_data():
    lien_son = build_report([PLANS], 2024, unit="lien-son", jobs=1)  # phased in 2023 by Tân Yên
    assert lien_son["phasing"].empty and lien_son["roadmap"]["count"].sum() == 1
    with pytest.raises(ReportError) as caught:
        build_report([PLANS], 2024, unit="lien-sen", jobs=1)
    assert (caught.value.code, caught.value.params["close"]) == ("U030", "lien-son")


def help_choices(option: str) -> list[str]:
    """The values `ntm report --help` lists for an option ("Chỉ các đơn vị một cấp: xa | huyen | tinh | thon.")."""
    text = " ".join(run("report", "--help", env={"COLUMNS": "300"}).output.split())
    found = re.search(rf"{option} \S+ [^:]+: (.+?)[.(]", text)
    return [value.strip() for value in found.group(1).split("|")]


def test_standard_and_level_accept_exactly_what_the_help_lists(repo):
    assert help_choices("--standard") == list(STANDARD_KEYS)
    assert help_choices("--level") == list(LEVELS) == list(REPORT_LEVELS)
    for value in help_choices("--standard"):
        assert run("report", "--year", "2023", "plans", "--standard", value, "-f", "json").exit_code == 0, value
    for value in help_choices("--level"):
        assert run("report", "--year", "2023", "plans", "--level", value, "-f", "json").exit_code == 0, value
    villages = json.loads(run("report", "--year", "2023", "plans", "--level", "thon", "-f", "json").output)
    assert [(r["standard"], r["count"]) for r in villages["views"]["phasing"]] == [("thon_kieu_mau", 13)]


def test_a_standard_the_help_does_not_list_is_a_vietnamese_usage_error(repo):
    result = run("report", "--year", "2024", "plans", "--standard", "ntm")
    assert result.exit_code == 2
    assert "--standard không đúng: 'ntm' (gần giống: xa_ntm, thon_ntm, huyen_ntm); các chuẩn: xa_ntm | " in result.output
    level = run("report", "--year", "2024", "plans", "--level", "xom")
    assert level.exit_code == 2
    assert "--level phải là một trong xa | huyen | tinh | thon (nhận được 'xom')" in level.output


# ----- 12.10: the terminal at 160 and 80 columns --------------------------------------------------


def assert_fits(text: str, width: int, scores: dict[str, str], criteria: dict[str, int]) -> None:
    """Every line fits; no cell is cut ("…"); each unit's whole name stands beside its score, and beside all of
    its set's criteria, each ✓ or ✗ on a line that names it."""
    assert max(len(line) for line in text.splitlines()) <= width
    assert "…" not in text
    matrix = section(text, 1)
    for unit, score in scores.items():
        assert any(re.search(rf"(^|\s){unit}\s.*\s{score}(\s|$)", line) for line in matrix), (unit, width)
        marks = sum(line.count("✓") + line.count("✗") for line in matrix if line.startswith(unit + " "))
        assert marks == criteria[unit], (unit, width, marks)


@pytest.mark.parametrize("width", [160, 80])
def test_the_matrix_keeps_every_unit_name_at_the_terminals_width(report_2024, width):
    text = render(report_2024, "vi", color=False, max_rows=0, width=width)
    assert_fits(text, width, SCORES_2024, dict.fromkeys(SCORES_2024, 19))
    words = set(" ".join(section(text, 5)).split())
    assert set("Vốn Chương trình MTQG phát triển KT-XH vùng đồng bào DTTS và miền núi".split()) <= words  # wrapped, not cut


@pytest.mark.parametrize("width", ["160", "80"])
def test_columns_sets_the_width_through_a_pipe(repo, width):
    result = run("report", "--year", "2024", "plans", env={"COLUMNS": width})
    assert result.exit_code == 0
    assert_fits(result.output, int(width), SCORES_2024, dict.fromkeys(SCORES_2024, 19))


def test_a_2027_matrix_at_80_columns_shows_ten_criteria_for_the_new_commune(report_2027):
    text = render(report_2027, "vi", color=False, max_rows=0, width=80)
    scores = {"Tân Mỹ": "7/10", "Kim Bình": "9/10", "Hùng Mỹ": "19/19", **{u: SCORES_2024[u] for u in SPONSOR}}
    assert_fits(text, 80, scores, {u: int(s.split("/")[1]) for u, s in scores.items()})


# ----- 12.12: stale data, and the phasing chart ------------------------------------------------


def test_2020_data_in_a_2024_report_is_marked_stale_and_left_out_of_the_gaps(report_2024):
    matrix = {r["unit"]: r for r in rows(report_2024["criteria"])}
    assert {u: (r["stale"], r["criteria_period"]) for u, r in matrix.items()} == {
        "Hùng Mỹ": (False, "2021-2025"), **dict.fromkeys(SPONSOR, (True, "2016-2020"))}
    assert report_2024["gaps_criteria"].empty and report_2024["gaps_units"].empty
    stale_note = ("Số liệu cũ, chỉ để tham khảo: giai đoạn 2016-2020 của bộ tiêu chí này đã kết thúc trước năm 2024; "
                  "các đơn vị dưới đây không được tính ở mục 10 và 11.")
    text = write_report(report_2024, "text", color=False)
    matrix_text = "\n".join(section(text, 1))
    assert matrix_text.index("(xa-ntm-2021-2025)") < matrix_text.index("Hùng Mỹ") < \
        matrix_text.index("(xa-ntm-2016-2020)") < matrix_text.index(stale_note) < matrix_text.index("Ba Tầng")
    assert f"*{stale_note}*" in write_report(report_2024, "md")
    views = json.loads(write_report(report_2024, "json"))["views"]["criteria"]
    assert {r["unit"]: (r["stale"], r["base_set"]) for r in views}["Ba Tầng"] == (True, "xa-ntm-2016-2020")


def test_stale_bars_say_so_in_the_criteria_chart(report_2024):
    axes = criteria_figure(report_2024, "vi").axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert labels == ["Hùng Mỹ, Chiêm Hóa", "Ba Tầng, Hướng Hóa (số liệu cũ: năm 2020, bộ tiêu chí 2016-2020)",
                      "Triệu Long, Triệu Phong (số liệu cũ: năm 2020, bộ tiêu chí 2016-2020)",
                      "Triệu Phước, Triệu Phong (số liệu cũ: năm 2020, bộ tiêu chí 2016-2020)"]


def bars(axes) -> dict[str, list[int]]:
    """Bar heights of one chart panel by legend label."""
    return {container.get_label(): [int(p.get_height()) for p in container.patches] for container in axes.containers}


def test_the_phasing_chart_never_adds_communes_and_villages(report_2024):
    communes, villages = phasing_figure(report_2024, "vi").axes
    assert (communes.get_ylabel(), villages.get_ylabel()) == ("Số xã", "Số thôn")
    assert [t.get_text() for t in communes.get_xticklabels()] == ["2021", "2022", "2023", "2024", "2025"]
    assert bars(communes) == {"xã nông thôn mới nâng cao": [2, 3, 2, 2, 2], "xã nông thôn mới kiểu mẫu": [0, 0, 1, 2, 0]}
    assert bars(villages) == {"thôn nông thôn mới kiểu mẫu": [11, 10, 13, 6, 3]}


# ----- 2026-2030: a post-reform commune in a 2027 report ----------------------------------------------


def test_a_2027_report_counts_the_new_commune_against_ten_criteria(report_2027):
    current = [r for r in rows(report_2027["criteria"]) if not r["stale"]]
    assert {r["unit"]: (r["score"], r["criteria_set"], r["criteria_period"]) for r in current} == {
        "Tân Mỹ": ("7/10", "xa-ntm-2026-2030", "2026-2030"), "Kim Bình": ("9/10", "xa-ntm-2026-2030", "2026-2030")}
    tan_my = next(r for r in current if r["unit"] == "Tân Mỹ")
    assert [tan_my[f"c{i}"] for i in range(1, 11)].count("not_met") == 3 and all(pd.isna(tan_my[f"c{i}"]) for i in range(11, 20))
    assert (tan_my["target_standard"], tan_my["target_year"]) == ("xa_ntm", 2027)
    gaps = rows(report_2027["gaps_criteria"])
    assert {(g["criteria_set"], g["code"], g["unmet"]) for g in gaps} == {
        ("xa-ntm-2026-2030", "2", 1), ("xa-ntm-2026-2030", "6", 1), ("xa-ntm-2026-2030", "7", 2)}
    assert [(u["unit"], u["missing"]) for u in rows(report_2027["gaps_units"])] == [("Tân Mỹ", 3), ("Kim Bình", 1)]


def test_a_2027_report_shows_the_2021_2025_plans_as_history(report_2027):
    assert (report_2027.plans, report_2027.earlier) == (2, 2)
    history = {r["unit"]: r for r in rows(report_2027["criteria"]) if r["stale"]}
    assert {u: (r["score"], r["plan"], r["criteria_period"]) for u, r in history.items()} == {
        "Hùng Mỹ": ("19/19", "hung-my", "2021-2025"), **{u: (SCORES_2024[u], "hoi-ccb-quang-tri", "2016-2020")
                                                       for u in SPONSOR}}
    assert history["Hùng Mỹ"]["commune_2025"] == "Tân Mỹ"  # the commune it became part of on 1 July 2025
    assert all(pd.isna(r["target_standard"]) for r in history.values())  # an ended plan sets no target now
    document = json.loads(write_report(report_2027, "json"))
    assert (document["plans"], document["earlier_plans"]) == (2, 2)
    assert document["criteria_sets"]["xa-ntm-2026-2030"] == "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026–2030"
    heading = write_report(report_2027, "text", color=False).splitlines()[:4]
    assert heading[2] == ("Ma trận tiêu chí có thêm đánh giá gần nhất lấy từ 2 kế hoạch đã kết thúc trước năm 2027, "
                          "cho các đơn vị không kế hoạch nào của năm đánh giá.")


def test_a_2027_report_rolls_money_up_from_commune_to_province(report_2027):
    rollup = rows(report_2027["funding_rollup"])
    assert [(r["level"], r["unit"], r["commune_plans"], r["communes_total"]) for r in rollup] == [
        ("tinh", "Tuyên Quang", 2, Decimal(8400))]  # Kim Bình still names Chiêm Hóa: no district row
    assert set(report_2027["funding_lines"]["source"]) == {"ctmtqg_ntm", "ngan_sach_tinh", "ngan_sach_xa",
                                                          "nhan_dan_dong_gop"}
    text = write_report(report_2027, "text", color=False)
    assert not any("huyện" in line.lower() for line in section(text, 9))
    assert "Số KH huyện" not in write_report(report_2027, "md")


def test_every_format_of_the_2027_report_keeps_each_set_apart(report_2027, tmp_path):
    from openpyxl import load_workbook

    md = write_report(report_2027, "md")
    part = md.split("### Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026–2030 (xa-ntm-2026-2030)")[1].split("###")[0]
    header = next(line for line in part.splitlines() if line.startswith("| Đơn vị"))
    assert header.endswith("| TC9 | TC10 |") and "TC11" not in header
    write_report(report_2027, "xlsx", tmp_path / "r.xlsx")
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames[:3] == ["TC xa-ntm-2026-2030", "TC xa-ntm-2021-2025", "TC xa-ntm-2016-2020"]
    first = [c.value for c in book["TC xa-ntm-2026-2030"][1]]
    assert first[-10:] == [f"TC{i}" for i in range(1, 11)] and "Số liệu cũ" in first
    write_report(report_2027, "csv", tmp_path / "csv")
    criteria = pd.read_csv(tmp_path / "csv" / "criteria.csv", dtype=str, keep_default_na=False)
    assert dict(zip(criteria["unit"], criteria["total"])) == {
        "Tân Mỹ": "10", "Kim Bình": "10", "Hùng Mỹ": "19", **dict.fromkeys(SPONSOR, "19")}
    assert dict(zip(criteria["unit"], criteria["stale"]))["Tân Mỹ"] == "false"
    views = json.loads(write_report(report_2027, "json"))["views"]
    assert {r["unit"]: r["score"] for r in views["criteria"] if not r["stale"]} == {"Tân Mỹ": "7/10", "Kim Bình": "9/10"}


def test_a_commune_without_a_district_beside_one_with_is_rolled_up_not_a_crash(tmp_path):
    (tmp_path / "hung-my.yaml").write_text((PLANS / "tuyen-quang" / "hung-my.yaml").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    (tmp_path / "tan-my-2027.yaml").write_text(TAN_MY_2027, encoding="utf-8")
    report = build_report([tmp_path], 2027, jobs=1)  # Hùng Mỹ's plan has ended: only Tân Mỹ's money counts
    assert [(r["level"], r["unit"], r["communes_total"]) for r in rows(report["funding_rollup"])] == [
        ("tinh", "Tuyên Quang", Decimal(5400))]
    (tmp_path / "kim-binh-2024.yaml").write_text(
        KIM_BINH_2027.replace("2027", "2024").replace("2026-12-31", "2023-12-31").replace("district: Chiêm Hóa, ", "")
        .replace("xa-ntm-2026-2030", "xa-ntm-2021-2025"), encoding="utf-8")
    mixed = build_report([tmp_path], 2024, jobs=1)
    assert [(r["level"], r["unit"], r["commune_plans"], r["communes_total"]) for r in rows(mixed["funding_rollup"])] == [
        ("tinh", "Tuyên Quang", 2, Decimal("11321.7")), ("huyen", "Chiêm Hóa", 1, Decimal("8321.7"))]


def test_the_funding_chart_writes_every_amount_to_one_scale(report_2024):
    from ntm.report.charts import funding_figure

    axes = funding_figure(report_2024, "vi").axes[0]
    assert [t.get_text() for t in axes.texts] == ["80,0", "3.494,3", "717,6", "135,0", "1.650,4", "240,0", "1.714,0",
                                                  "245,4", "45,0"]
