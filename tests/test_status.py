"""The status engine on the seeds' own figures, and how verdicts move with the data."""

from pathlib import Path


from ntm.criteria import plan_status
from ntm.loader import load_plan, load_plan_text
from ntm.model.common import Standard
from ntm.rules import PlanContext, run_plan_rules
from ntm.rules.examples import example_plan_text

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
