"""Every rule's own examples: the passing one passes, the failing one fails with its code."""

import pytest

from ntm.loader import load_plan_text
from ntm.rules import PlanContext, all_rules, run_plan_rules
from ntm.rules.examples import example_plan_text

PLAN_RULES = [r for r in all_rules() if r.scope == "plan" and r.code != "R602"]


def codes_for(fragment: str) -> list[str]:
    loaded = load_plan_text(example_plan_text(fragment))
    assert loaded.plan is not None, [(d.code, d.path, d.params) for d in loaded.diagnostics]
    return [d.code for d in run_plan_rules(PlanContext(loaded.file, loaded.plan, loaded.positions))]


@pytest.mark.parametrize("rule", PLAN_RULES, ids=lambda r: r.code)
def test_passing_example_passes(rule):
    assert rule.code not in codes_for(rule.passing)


@pytest.mark.parametrize("rule", PLAN_RULES, ids=lambda r: r.code)
def test_failing_example_fails(rule):
    assert rule.code in codes_for(rule.failing)


def test_every_rule_documents_itself():
    for rule in all_rules():
        assert rule.title["vi"] and rule.title["en"]
        assert rule.when_missing["vi"] and rule.when_missing["en"]
        assert rule.passing.strip() and rule.failing.strip()
        assert rule.code[0] == "R" and len(rule.code) == 4


def test_rule_codes_are_unique():
    codes = [r.code for r in all_rules()]
    assert len(codes) == len(set(codes))


def test_percentage_tolerance_follows_printed_precision():
    """1276/1413 = 90,304…%: "90,3" passes, "90,30" passes, "90,4" and "90,31" fail."""
    base = "assessments:\n  - criteria_set: xa-ntm-2021-2025\n    indicators:\n      '17.8': {{measures: [{{count: 1276, of: 1413, percent: {p}}}]}}\n"
    assert "R201" not in codes_for(base.format(p="90.3"))
    assert "R201" not in codes_for(base.format(p="90.30"))
    assert "R201" in codes_for(base.format(p="90.4"))
    assert "R201" in codes_for(base.format(p="90.31"))
    assert "R201" not in codes_for(base.format(p="90"))


def test_percentage_floor_is_checked_as_a_floor():
    """Seed 002: "50% số thôn (29/52 thôn)" is a floor; 29/52 = 55,8% reaches it."""
    floor = "targets:\n  - {{standard: thon_ntm, count: 29, of: 52, percent: 50, qualifier: {q}}}\n"
    assert "R201" not in codes_for(floor.format(q="at_least"))
    assert "R201" in codes_for(floor.format(q="exact"))


@pytest.mark.parametrize(
    "qualifier, total, passes",
    [("exact", "215.5", True), ("about", "220", True), ("about", "240", False),
     ("over", "200", True), ("over", "215.5", False), ("at_least", "215.5", True), ("under", "215", False)],
)
def test_funding_total_honours_qualifier(qualifier, total, passes):
    fragment = (f"funding:\n  total: {{value: {total}, qualifier: {qualifier}}}\n  lines:\n"
                "    - {source: ngan_sach_tinh, amount: 135}\n    - {source: ctmtqg_ntm, amount: 80.5}\n")
    assert ("R101" not in codes_for(fragment)) is passes


def test_funding_total_converts_ty_dong_exactly():
    fragment = ("funding:\n  total: {value: 1.2, unit: tỷ đồng}\n  lines:\n"
                "    - {source: ngan_sach_tinh, amount: 1000}\n    - {source: ctmtqg_ntm, amount: 200}\n")
    assert "R101" not in codes_for(fragment)


def _tree_codes(tmp_path, names: dict[str, str]) -> list[str]:
    from ntm.validate import validate_paths

    for slug, unit_name in names.items():
        text = example_plan_text(f"slug: {slug}\nunit: {{level: xa, name: {unit_name}, district: Chiêm Hóa, "
                                 "province: Tuyên Quang, region: TDMNPB}\n")
        (tmp_path / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return [d.code for d in validate_paths([tmp_path], cache=None).diagnostics if d.code in ("R501", "R502")]


def test_two_plans_of_one_unit_for_one_year_are_a_duplicate(tmp_path):
    # The same name typed with the tone mark elsewhere and in another case is the same commune.
    assert _tree_codes(tmp_path, {"a": "Hùng Mỹ", "b": "HÙNG MỸ"}) == ["R502"]


def test_names_that_differ_only_by_a_diacritic_are_two_communes(tmp_path):
    # Minh Quán and Minh Quân are different communes; accent folding would merge them.
    assert _tree_codes(tmp_path, {"minh-quan-1": "Minh Quán", "minh-quan-2": "Minh Quân"}) == []


def test_tone_placement_does_not_make_two_units(tmp_path):
    assert _tree_codes(tmp_path, {"hoa-1": "Hòa An", "hoa-2": "Hoà An"}) == ["R502"]
