"""The status engine on the seeds' own figures, and how verdicts move with the data."""

import shutil
from decimal import Decimal
from pathlib import Path


from ntm.criteria import plan_status
from ntm.loader import load_plan, load_plan_text
from ntm.model.assessment import Status
from ntm.model.common import Standard
from ntm.rules import PlanContext, run_plan_rules
from ntm.rules.examples import example_plan_text
from ntm.status import Verdict

PLANS = Path(__file__).resolve().parent.parent / "plans"


def statuses(path):
    loaded = load_plan(path)
    assert loaded.plan is not None, loaded.diagnostics
    return {s.unit: s for s in plan_status(loaded.plan, loaded.file)}


def test_sponsor_plan_communes_come_out_as_the_document_says():
    """Seed 004: Ba Tầng 9/19, Triệu Long 16/19, Triệu Phước 19/19, with the named gaps."""
    found = statuses(PLANS / "quang-tri" / "hoi-ccb-quang-tri.yaml")
    assert {u: s.label for u, s in found.items()} == {"Ba Tầng": "9/19", "Triệu Long": "16/19", "Triệu Phước": "19/19"}
    assert found["Ba Tầng"].unmet == ("2", "5", "6", "8", "9", "10", "11", "13", "14", "17")
    assert found["Triệu Long"].unmet == ("2", "6", "9")
    assert found["Triệu Phước"].standard is Standard.XA_NTM
    assert found["Ba Tầng"].standard is None
    assert all(s.criteria_set == "xa-ntm-2016-2020" for s in found.values())


def evaluate(fragment: str):
    loaded = load_plan_text(example_plan_text(fragment))
    assert loaded.plan is not None, loaded.diagnostics
    (status,) = plan_status(loaded.plan, None)
    codes = [(d.code, d.severity.value, d.line) for d in run_plan_rules(PlanContext(loaded.file, loaded.plan, loaded.positions))]
    return status, codes


ALL_MET = "assessments:\n  - criteria_set: xa-ntm-2021-2025\n    declared: {{met: 19, total: 19, unmet: 0}}\n    indicators:\n      '3.1': {{measures: [{{label: tưới tiêu chủ động, percent: {value}}}]}}\n"


def test_lowering_a_value_under_a_known_threshold_flips_criterion_count_and_standard():
    """3.1 (≥ 80%, confirmed) at 85% keeps 19/19; at 70% criterion 3 fails, 18/19, no standard, and R701 on the line."""
    good, good_codes = evaluate(ALL_MET.format(value=85))
    bad, bad_codes = evaluate(ALL_MET.format(value=70))
    assert (good.label, good.standard) == ("19/19", Standard.XA_NTM)
    assert (bad.label, bad.standard, bad.unmet) == ("18/19", None, ("3",))
    criterion_3 = next(c for c in bad.criteria if c.code == "3")
    assert criterion_3.conflict and "≥ 80%" in criterion_3.figures[0].reason["vi"]
    assert not [c for c in good_codes if c[1] == "error"]
    line_of_value = example_plan_text(ALL_MET.format(value=70)).splitlines().index(
        "      '3.1': {measures: [{label: tưới tiêu chủ động, percent: 70}]}") + 1
    assert ("R701", "error", line_of_value) in bad_codes


def test_unconfirmed_threshold_is_cannot_verify_with_a_reason():
    status, codes = evaluate("assessments:\n  - criteria_set: xa-ntm-2021-2025\n    declared: {met: 19, total: 19}\n"
                             "    indicators:\n      '17.8': {measures: [{count: 1276, of: 1413, percent: 90.3}]}\n")
    figure = next(c for c in status.criteria if c.code == "17").figures[0]
    assert figure.verdict.value == "cannot_verify"
    assert "TDMNPB" in figure.reason["vi"] and "chưa được xác nhận" in figure.reason["vi"]
    assert ("R701", "info") in [(c, s) for c, s, _ in codes]
    assert status.label == "19/19"


def test_a_province_overlay_changes_the_verdict_for_its_plans_only(tmp_path):
    """A repository overlay tightening 17.8 to ≥ 85% fails a 84,8% bathroom figure — only for plans that follow it."""
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "tinh-thu-nghiem.yaml").write_text(
        "format: 1\nid: tinh-thu-nghiem\nextends: xa-ntm-2021-2025\ntitle: Chỉ tiêu thử nghiệm của tỉnh\n"
        "source: {document: Quyết định, number: 1/QĐ-UBND, date: 2024-01-02, issuer: UBND tỉnh thử nghiệm, confidence: S, ref: test}\n"
        "overrides:\n  - code: '17.8'\n    confidence: S\n    ref: test\n    cells: [{region: TDMNPB, value: '85', confidence: S, ref: test}]\n", encoding="utf-8")
    body = ("criteria_set: xa-ntm-2021-2025\n{overlay}assessments:\n  - criteria_set: xa-ntm-2021-2025\n"
            "    declared: {{met: 19, total: 19}}\n    indicators:\n      '17.8': {{measures: [{{label: nhà tắm, count: 1198, of: 1413, percent: 84.8}}]}}\n")
    follows = tmp_path / "a" / "theo-tinh.yaml"
    other = tmp_path / "a" / "khong-theo.yaml"
    follows.parent.mkdir()
    follows.write_text(example_plan_text(body.format(overlay="overlay: tinh-thu-nghiem\n")).replace("slug: vi-du", "slug: theo-tinh"), encoding="utf-8")
    other.write_text(example_plan_text(body.format(overlay="")).replace("slug: vi-du", "slug: khong-theo"), encoding="utf-8")
    assert statuses(follows)["Hùng Mỹ"].label == "18/19"
    assert statuses(other)["Hùng Mỹ"].label == "19/19"


# ----- 2026-2030: QĐ 51/2025 without and with a province's indicator values --------------------

CATALOGS = Path(__file__).resolve().parent.parent / "ntm" / "catalogs"
PLAN_2027 = """\
schema_version: 1
slug: tan-my-thu
unit: {{level: xa, name: Tân Mỹ, province: Tuyên Quang, commune_group: {group}}}
criteria_set: xa-ntm-2026-2030
{overlay}period: {{start: 2027, end: 2027}}
document: {{kind: KH, title: Kế hoạch thử năm 2027, date: 2027-01-15}}
assessments:
  - as_of: 2026-12-31
    criteria_set: xa-ntm-2026-2030
    criteria:
      "1": met
      "6": met
    indicators:
      "6.1": {{measures: [{{label: hộ nghèo đa chiều, count: 95, of: 2100, percent: 4.5}}]}}
"""


def plan_2027(tmp_path, group: str, with_overlay: bool):
    """A 2027 plan of Tân Mỹ (4,5% multidimensional poverty, criterion 6 declared met) in a repository
    whose catalogs/ holds the shipped example overlay of QĐ 51/2025 indicator values."""
    (tmp_path / "catalogs").mkdir(exist_ok=True)
    shutil.copy(CATALOGS / "examples" / "vi-du-chi-tieu-51-2025.yaml", tmp_path / "catalogs")
    path = tmp_path / "tuyen-quang" / "tan-my-thu.yaml"
    path.parent.mkdir(exist_ok=True)
    overlay = "overlay: vi-du-chi-tieu-51-2025\n" if with_overlay else ""
    path.write_text(PLAN_2027.format(group=group, overlay=overlay), encoding="utf-8")
    loaded = load_plan(path)
    assert loaded.plan is not None, loaded.diagnostics
    (status,) = plan_status(loaded.plan, loaded.file)
    findings = [(d.code, d.severity.value, d.line, d.message("vi"))
                for d in run_plan_rules(PlanContext(loaded.file, loaded.plan, loaded.positions))]
    return status, findings


def line_2027(needle: str, with_overlay: bool) -> int:
    text = PLAN_2027.format(group="nhom-3", overlay="overlay: vi-du-chi-tieu-51-2025\n" if with_overlay else "")
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(needle))


def test_without_the_indicator_list_a_2027_plan_cannot_be_verified_and_says_why(tmp_path):
    status, findings = plan_2027(tmp_path, "nhom-3", with_overlay=False)
    poverty = next(c for c in status.criteria if c.code == "6")
    assert poverty.figures[0].verdict is Verdict.CANNOT_VERIFY
    assert poverty.figures[0].reason["vi"] == (
        "không kiểm chứng được: danh sách chỉ tiêu của Quyết định 51/2025/QĐ-TTg chưa có trong danh mục")
    assert poverty.figures[0].reason["en"] == "cannot verify: the indicator list of 51/2025/QĐ-TTg is not in the catalog"
    planning = next(c for c in status.criteria if c.code == "1")
    assert (planning.computed, planning.effective) == (Verdict.CANNOT_VERIFY, Status.MET)
    assert planning.reason["vi"] == ("văn bản khai báo đạt; không kiểm chứng được: danh sách chỉ tiêu của "
                                     "Quyết định 51/2025/QĐ-TTg chưa có trong danh mục")
    assert status.unverifiable == ("1", "6")
    assert sorted((code, severity, line) for code, severity, line, _ in findings if code == "R701") == [
        ("R701", "info", line_2027("criteria:", False)), ("R701", "info", line_2027('"6.1"', False))]
    declared = next(f for f in findings if f[2] == line_2027("criteria:", False))
    assert declared[3].startswith("Không kiểm chứng được tình trạng khai báo của tiêu chí 1, 6 (xa-ntm-2026-2030): "
                                     "danh sách chỉ tiêu của Quyết định 51/2025/QĐ-TTg chưa có trong danh mục")


def test_a_province_overlay_of_51_2025_values_turns_cannot_verify_into_a_verdict(tmp_path):
    """The example overlay: 6.1 ≤ 6% for group 3 (4,5% passes), ≤ 3% for group 2 (4,5% fails, R701 error)."""
    group_3, findings_3 = plan_2027(tmp_path, "nhom-3", with_overlay=True)
    figure = next(c for c in group_3.criteria if c.code == "6").figures[0]
    assert (figure.verdict, figure.threshold, figure.source) == (Verdict.MET, "≤ 6%", "Quyết định 00/2026/QĐ-UBND")
    assert figure.reason["vi"] == "đạt: 4,5% ≤ 6% (Quyết định 00/2026/QĐ-UBND)"
    assert not [f for f in findings_3 if f[1] == "error"]
    assert group_3.unverifiable == ("1",)  # criterion 6 now has an indicator; criterion 1 still has none

    group_2, findings_2 = plan_2027(tmp_path, "nhom-2", with_overlay=True)
    poverty = next(c for c in group_2.criteria if c.code == "6")
    assert (poverty.figures[0].verdict, poverty.computed, poverty.effective) == (
        Verdict.NOT_MET, Verdict.NOT_MET, Status.NOT_MET)
    assert ("R701", "error", line_2027('"6.1"', True), "Tiêu chí khai báo đạt nhưng chỉ tiêu 6.1 (hộ nghèo đa chiều) chưa đạt: "
            "4,5%, yêu cầu ≤ 3% (Quyết định 00/2026/QĐ-UBND)") in findings_2
    assert group_2.label == "1/10" and group_2.unmet == ("6",)


def test_r302_leaves_unlisted_indicators_of_a_missing_list_to_r701(tmp_path):
    """6.1 is not in the national 2026-2030 set: not an error (the list is missing, not wrong)."""
    _, findings = plan_2027(tmp_path, "nhom-3", with_overlay=False)
    assert "R302" not in [code for code, *_ in findings]


# ----- districts, provinces and plans with nothing to assess ----------------------------------


def area(path, year=None):
    from ntm.criteria import plan_area_status

    loaded = load_plan(path)
    return plan_area_status(loaded.plan, loaded.file, year, plan_status(loaded.plan, loaded.file))


def test_tan_yen_gets_its_district_status_from_its_recognitions_and_phasing():
    found = area(PLANS / "bac-giang" / "tan-yen.yaml")
    assert (found.criteria_set, found.year, found.recognised) == ("huyen-ntm-2021-2025", 2025, (Standard.HUYEN_NTM,))
    verdicts = {c.indicator: c.verdict for c in found.conditions}
    assert verdicts == {"xa-dat-chuan": Verdict.MET, "xa-nang-cao": Verdict.CANNOT_VERIFY,
                        "thi-tran-van-minh": Verdict.NO_DATA, "hai-long": Verdict.NO_DATA, "hai-long-moi-xa": Verdict.NO_DATA}
    nang_cao = next(c for c in found.conditions if c.indicator == "xa-nang-cao")
    assert nang_cao.reason["vi"] == ("12 xã đạt chuẩn xã nông thôn mới nâng cao trở lên đến năm 2025 (0 đã công nhận, "
                                     "12 theo lộ trình), nhưng kế hoạch không ghi tổng số xã nên không tính được tỷ lệ")
    assert [item["vi"] for item in found.lacks] == [
        "kế hoạch không có đánh giá 9 tiêu chí huyện nông thôn mới (mục assessments)",
        "không có số liệu cho 3/5 điều kiện của Quyết định 320/QĐ-TTg",
    ]
    # By 2022 the phasing names 5 communes at nâng cao (Hợp Đức, Phúc Hòa; Phúc Sơn, Ngọc Châu, Quế Nham).
    assert "5 xã đạt chuẩn" in next(c for c in area(PLANS / "bac-giang" / "tan-yen.yaml", 2022).conditions
                                    if c.indicator == "xa-nang-cao").reason["vi"]


def test_a_stated_total_gives_the_share(tmp_path):
    text = (PLANS / "bac-giang" / "tan-yen.yaml").read_text(encoding="utf-8").replace(
        "    what: xã đạt chuẩn Bộ tiêu chí xã nông thôn mới nâng cao\n    count: 11\n",
        "    what: xã đạt chuẩn Bộ tiêu chí xã nông thôn mới nâng cao\n    count: 11\n    of: 24\n")
    (tmp_path / "tan-yen.yaml").write_text(text, encoding="utf-8")
    nang_cao = next(c for c in area(tmp_path / "tan-yen.yaml").conditions if c.indicator == "xa-nang-cao")
    assert (nang_cao.verdict, nang_cao.value) == (Verdict.MET, Decimal("50.0"))
    assert nang_cao.reason["vi"].endswith("/ 24 xã = 50% ≥ 10% (Quyết định 320/QĐ-TTg)")


def test_the_provincial_directive_says_what_it_lacks():
    found = area(PLANS / "chua-ro-tinh" / "chi-thi-06-2021.yaml")
    assert (found.unit, found.criteria_set, found.year) == ("Tỉnh (văn bản không nêu tên)", "tinh-ntm-2021-2025", 2021)
    assert {c.verdict for c in found.conditions} == {Verdict.NO_DATA}
    assert [item["vi"] for item in found.lacks] == [
        "văn bản không nêu tên đơn vị", "không có số liệu cho 8/8 điều kiện của Quyết định 321/QĐ-TTg"]
    assert found.goals[0]["vi"] == "8 xã đạt chuẩn xã nông thôn mới theo quy định (2021)"


def test_a_sponsor_plan_is_its_communes_not_a_province():
    assert area(PLANS / "quang-tri" / "hoi-ccb-quang-tri.yaml") is None


def test_the_status_text_says_the_missing_indicator_list_once_and_uses_the_documents_words(tmp_path):
    """A 2026-2030 plan: the catalog-level reason stands once above the criteria, each criterion
    line says what the document declares, and an unmet criterion is "chưa đạt" as plans write it."""
    from ntm.status_view import status_text

    status, _ = plan_2027(tmp_path, "nhom-3", with_overlay=False)
    text = status_text([status], [None], "vi")
    reason = "danh sách chỉ tiêu của Quyết định 51/2025/QĐ-TTg chưa có trong danh mục"
    criterion_lines = [line for line in text.splitlines() if line[:6].strip().rstrip(".").isdigit()]
    assert len(criterion_lines) == 10 and not [line for line in criterion_lines if reason in line]
    assert "  Không kiểm chứng được tiêu chí 1, 6: " + reason in text
    assert "    1. Quy hoạch: đạt — văn bản khai báo đạt\n" in text
    assert "không đạt" not in text
