"""The four seed documents as plan files: their own figures, read back from the YAML.

Each assertion is a figure printed in the source document (shared/seeds/…);
the last tests break one number in a seed plan and expect `ntm validate` to
fail with a diagnostic on the line of that number.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from ntm.loader import load_plan
from ntm.model.common import Standard
from ntm.validate import check_file, validate_paths

PLANS = Path(__file__).resolve().parent.parent / "plans"
HUNG_MY = PLANS / "tuyen-quang" / "hung-my.yaml"
TAN_YEN = PLANS / "bac-giang" / "tan-yen.yaml"
CCB = PLANS / "quang-tri" / "hoi-ccb-quang-tri.yaml"
CHI_THI = PLANS / "chua-ro-tinh" / "chi-thi-06-2021.yaml"


def plan(path):
    loaded = load_plan(path)
    assert loaded.plan is not None, [(d.code, d.path) for d in loaded.diagnostics]
    return loaded.plan


def test_the_shipped_plans_validate_with_only_documented_findings():
    """No errors; the warnings are Việt Lập's phasing (R401), Hùng Mỹ's cổng chào (R303) and the
    directive's province, which the source never names (R901: a document no one can sign as it is)."""
    result = validate_paths([PLANS])
    assert len(result.files) == 5  # the four seeds and the illustrative Tân Mỹ 2027 plan
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
    warnings = sorted((Path(d.file).name, d.code) for d in result.diagnostics if d.severity.value == "warning")
    assert warnings == [("chi-thi-06-2021.yaml", "R901"), ("hung-my.yaml", "R303"), ("tan-yen.yaml", "R401")]


def test_hung_my_funding_is_8321_7_over_nine_sources():
    funding = plan(HUNG_MY).funding
    assert len(funding.lines) == 9
    assert funding.lines_total() == Decimal("8321.7") == funding.stated_total()
    assert [line.amount.value for line in funding.lines] == [
        Decimal(x) for x in ("80", "3494.3", "717.6", "135", "1650.4", "240", "1714.0", "245.4", "45.0")]


def test_hung_my_indicator_ratios_match_the_document():
    indicators = plan(HUNG_MY).assessments[0].indicators
    latrines, baths, clean3, pens = indicators["17.8"].measures
    assert (latrines.count, latrines.of, latrines.percent) == (1276, 1413, Decimal("90.3"))
    assert (baths.count, baths.of, baths.percent) == (1198, 1413, Decimal("84.8"))
    assert (clean3.count, clean3.of, clean3.percent) == (1137, 1413, Decimal("80.5"))
    assert (pens.count, pens.of, pens.percent) == (767, 878, Decimal("87.4"))
    (poor,) = indicators["11"].measures
    assert (poor.count, poor.of, poor.percent) == (172, 1413, Decimal("12.17"))
    (income,) = indicators["10"].targets
    assert (income.value, income.unit) == (Decimal("49"), "triệu đồng/người/năm")


def test_hung_my_declares_19_of_19_and_keeps_its_document():
    p = plan(HUNG_MY)
    (baseline,) = p.assessments
    assert (baseline.declared.met, baseline.declared.total) == (19, 19)
    assert len(baseline.met_codes()) == 19
    assert p.document.number == "05/KH-BCĐ" and str(p.document.date) == "2024-02-22"
    assert [a.form.value + ". " + a.of for a in p.document.signature.authority] == ["TM. BAN CHỈ ĐẠO XÃ", "KT. TRƯỞNG BAN"]
    assert (p.document.signature.title, p.document.signature.name) == ("PHÓ BAN", "Ma Đình Sắc")
    assert len(p.document.legal_bases) == 7 and len(p.document.recipients) == 7


def test_tan_yen_funding_931359_is_712276_plus_219083():
    funding = plan(TAN_YEN).funding
    assert funding.stated_total() == Decimal("931359")
    assert [line.amount.value for line in funding.lines] == [Decimal("712276"), Decimal("219083")]
    assert funding.lines_total() == funding.stated_total()


def test_tan_yen_phases_43_villages_11_advanced_and_3_model_communes():
    p = plan(TAN_YEN)
    villages = next(t for t in p.targets if t.standard is Standard.THON_KIEU_MAU)
    assert villages.count == 43 and villages.by_year == {2021: 11, 2022: 10, 2023: 13, 2024: 6, 2025: 3}
    advanced = [n for m in p.phasing if m.standard is Standard.XA_NANG_CAO for n in m.unit_names()]
    model = [n for m in p.phasing if m.standard is Standard.XA_KIEU_MAU for n in m.unit_names()]
    assert len(advanced) == 11 and len(model) == 3
    by_year = {(m.year, m.standard): m.unit_names() for m in p.phasing}
    assert by_year[(2023, Standard.XA_NANG_CAO)] == ["Liên Sơn", "Lam Cốt"]
    assert by_year[(2023, Standard.XA_KIEU_MAU)] == ["Việt Lập"]


def test_sponsor_plan_states_9_16_and_19_of_19_with_the_named_gaps():
    p = plan(CCB)
    declared = {a.unit.name: (a.declared.met, a.declared.total, a.unmet_codes()) for a in p.assessments}
    assert declared == {
        "Ba Tầng": (9, 19, ["2", "5", "6", "8", "9", "10", "11", "13", "14", "17"]),
        "Triệu Long": (16, 19, ["2", "6", "9"]),
        "Triệu Phước": (19, 19, []),
    }
    names = [c.as_written for c in p.assessments[1].criteria.values()]
    assert names == ["giao thông", "cơ sở vật chất văn hóa", "nhà ở"]


def test_directive_floor_29_of_52_villages():
    p = plan(CHI_THI)
    floor = next(t for t in p.targets if t.of == 52)
    assert (floor.count, floor.percent, floor.qualifier.value) == (29, Decimal("50"), "at_least")


def broken(path: Path, old: str, new: str, tmp_path: Path):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    target = tmp_path / path.name
    target.write_text(text.replace(old, new), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return target, line


@pytest.mark.parametrize(
    "path, old, new, code",
    [
        (HUNG_MY, "      amount: 1650.4\n", "      amount: 1650.5\n", "R101"),
        (TAN_YEN, "      2023: 13\n", "      2023: 14\n", "R103"),
        (HUNG_MY, "            percent: 90.3\n", "            percent: 91.3\n", "R201"),
        (TAN_YEN, "      amount: 712276\n", "      amount: 712275\n", "R101"),
    ],
    ids=["funding-line", "yearly-count", "percentage", "district-funding"],
)
def test_breaking_one_number_fails_on_the_right_line(path, old, new, code, tmp_path):
    target, line = broken(path, old, new, tmp_path)
    found = [d for d in check_file(target).diagnostics if d.severity.value == "error"]
    assert [d.code for d in found] == [code]
    if code == "R201":  # a percentage is reported on its own line
        assert found[0].line == line
    else:  # a sum is reported at its stated total, naming the lines it adds up
        low, _, high = found[0].params["lines"].partition("–")
        assert int(low) <= line <= int(high or low)
        assert f"dòng {found[0].params['lines']}" in found[0].message()
