"""Criteria catalogs: shipped sets, threshold lookup, overlays and lint."""

from __future__ import annotations

import shutil
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from ntm.catalog import (
    KNOWN_CONFIDENCE,
    Catalog,
    CatalogError,
    available_catalogs,
    load_catalog,
    load_catalog_file,
    threshold,
)
from ntm.catalog_lint import lint_catalog
from ntm.catalog_table import catalog_rows

ROOT = Path(__file__).resolve().parents[1]
CATALOG_DIR = ROOT / "ntm" / "catalogs"
CONFIDENCE = {"C", "S", "L", "M", "?"}
SHIPPED = [
    "huyen-ntm-2021-2025",
    "huyen-ntm-nang-cao-2021-2025",
    "thon-kieu-mau-bac-giang-2018",
    "tinh-ntm-2021-2025",
    "tuyen-quang-479-2022",
    "xa-ntm-2016-2020",
    "xa-ntm-2021-2025",
    "xa-ntm-2026-2030",
    "xa-ntm-kieu-mau-2021-2025",
    "xa-ntm-nang-cao-2021-2025",
]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line of `text` (as written by `write`) containing `needle`."""
    hits = [n for n, line in enumerate(textwrap.dedent(text).lstrip().splitlines(), start=1) if needle in line]
    return hits[nth - 1]


# -- shipped catalogs --------------------------------------------------------


def test_available_catalogs_lists_every_shipped_file():
    assert available_catalogs() == SHIPPED


@pytest.mark.parametrize("catalog_id", SHIPPED)
def test_shipped_catalog_validates_and_lints_clean(catalog_id):
    assert isinstance(load_catalog(catalog_id), Catalog)
    assert lint_catalog(CATALOG_DIR / f"{catalog_id}.yaml") == []


@pytest.mark.parametrize(
    ("catalog_id", "criteria"),
    [
        ("xa-ntm-2016-2020", 19),
        ("xa-ntm-2021-2025", 19),
        ("xa-ntm-nang-cao-2021-2025", 19),
        ("huyen-ntm-2021-2025", 9),
        ("huyen-ntm-nang-cao-2021-2025", 9),
        ("xa-ntm-2026-2030", 10),
    ],
)
def test_criterion_counts_match_the_decisions(catalog_id, criteria):
    catalog = load_catalog(catalog_id)
    assert len(catalog.criteria) == criteria
    assert catalog.counts.criteria.value == criteria
    assert [c.code for c in catalog.criteria] == [str(n) for n in range(1, criteria + 1)]


def test_stated_indicator_counts():
    assert load_catalog("xa-ntm-2021-2025").counts.indicators.value == 57
    assert load_catalog("xa-ntm-2016-2020").counts.indicators.value == 49
    assert load_catalog("xa-ntm-2026-2030").counts.indicators.value == 47


def test_2026_2030_uses_three_commune_groups_and_no_regions():
    catalog = load_catalog("xa-ntm-2026-2030")
    assert catalog.partition == "group"
    assert [g.id for g in catalog.groups] == ["nhom-1", "nhom-2", "nhom-3"]
    assert catalog.regions == ()
    assert catalog.source.number == "51/2025/QĐ-TTg"
    assert str(catalog.source.effective) == "2026-02-15"


def test_2021_2025_regions_have_ids_and_vietnamese_names():
    regions = {z.id: z.name for z in load_catalog("xa-ntm-2021-2025").regions}
    assert list(regions) == ["TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL"]
    assert regions["DBSCL"] == "Đồng bằng sông Cửu Long"


def _facts(catalog: Catalog):
    """Every object of a catalog that must carry confidence and ref."""
    yield catalog.source
    yield from (*catalog.regions, *catalog.groups, *catalog.sections, *catalog.notes, *catalog.requires)
    yield from (s for s in (catalog.counts.criteria, catalog.counts.indicators) if s)
    for crit in catalog.criteria:
        yield crit
        yield from crit.notes
    for req in catalog.requirements():
        yield from (req, req.threshold, *req.threshold.cells)


@pytest.mark.parametrize("catalog_id", SHIPPED)
def test_every_fact_carries_confidence_and_ref(catalog_id):
    for fact in _facts(load_catalog(catalog_id)):
        assert fact.confidence in CONFIDENCE, fact
        assert fact.ref.strip(), fact


@pytest.mark.parametrize("catalog_id", SHIPPED)
def test_every_value_is_exact_and_unknown_values_say_so(catalog_id):
    for req in load_catalog(catalog_id).requirements():
        spec = req.threshold
        for value, confidence in [(spec.value, spec.confidence), *((c.value, c.confidence) for c in spec.cells)]:
            assert not isinstance(value, float)
            if value is None and not spec.by and not spec.relative_to and spec.op != "none-allowed":
                assert confidence == "?"
            if value is not None:
                assert confidence != "?"


@pytest.mark.parametrize("catalog_id", SHIPPED)
def test_codes_are_unique_strings_per_set(catalog_id):
    catalog = load_catalog(catalog_id)
    criterion_codes = [c.code for c in catalog.criteria]
    indicator_codes = [i.code for i in catalog.indicators()] + [c.id for c in catalog.conditions]
    assert len(set(criterion_codes)) == len(criterion_codes)
    assert len(set(indicator_codes)) == len(indicator_codes)
    assert all(isinstance(code, str) for code in criterion_codes + indicator_codes)


def test_17_10_stays_a_string():
    assert "17.10" in [i.code for i in load_catalog("xa-ntm-2021-2025").indicators()]


def _indicator(catalog_id: str, code: str):
    return next(i for i in load_catalog(catalog_id).indicators() if i.code == code)


def test_17_8_is_keyed_by_set_and_code():
    assert "3 sạch" in _indicator("xa-ntm-2021-2025", "17.8").name
    assert "nhà tiêu" in _indicator("xa-ntm-2021-2025", "17.8").name
    assert "an toàn thực phẩm" in _indicator("xa-ntm-2016-2020", "17.8").name.lower()
    assert "an toàn thực phẩm" in _indicator("xa-ntm-2021-2025", "17.10").name


def test_kieu_mau_is_defined_on_top_of_nang_cao():
    catalog = load_catalog("xa-ntm-kieu-mau-2021-2025")
    assert catalog.criteria == ()
    assert [p.catalog for p in catalog.requires] == ["xa-ntm-nang-cao-2021-2025"]
    assert [c.id for c in catalog.conditions] == ["thu-nhap", "thon-thong-minh", "linh-vuc-noi-troi"]
    income = catalog.conditions[0].threshold.relative_to
    assert (income.catalog, income.code, income.factor) == ("xa-ntm-nang-cao-2021-2025", "10", Decimal("1.10"))
    assert threshold(catalog, "thon-thong-minh").value == Decimal(1)


def test_nang_cao_requires_xa_ntm():
    assert [p.catalog for p in load_catalog("xa-ntm-nang-cao-2021-2025").requires] == ["xa-ntm-2021-2025"]


def test_province_sets_record_their_source_without_values():
    bac_giang = load_catalog("thon-kieu-mau-bac-giang-2018")
    assert (bac_giang.source.number, str(bac_giang.source.date)) == ("11/2018/QĐ-UBND", "2018-05-15")
    assert bac_giang.criteria == () and bac_giang.listing.criteria == "unknown"
    tuyen_quang = load_catalog("tuyen-quang-479-2022")
    assert tuyen_quang.layers[0].source.number == "479/QĐ-UBND"
    assert str(tuyen_quang.layers[0].source.date) == "2022-08-04"
    assert tuyen_quang.layers[0].extends == "xa-ntm-2021-2025"


def test_load_catalog_is_cached_and_rejects_unknown_ids():
    assert load_catalog("xa-ntm-2021-2025") is load_catalog("xa-ntm-2021-2025")
    with pytest.raises(CatalogError):
        load_catalog("xa-ntm-1999")
    with pytest.raises(CatalogError):
        load_catalog("../pyproject")


# -- threshold lookup --------------------------------------------------------


def test_confirmed_threshold_is_known():
    found = threshold(load_catalog("xa-ntm-2021-2025"), "3.1")
    assert (found.known, found.op, found.value, found.confidence) == (True, ">=", Decimal("80"), "C")
    assert "C[3]" in found.ref
    assert found.source.number == "318/QĐ-TTg"
    assert found.text() == "≥ 80%"
    assert found.satisfied_by(Decimal("83")) is True
    assert found.satisfied_by(Decimal("79.9")) is False


def test_yes_no_threshold():
    found = threshold(load_catalog("xa-ntm-2021-2025"), "3.2")
    assert (found.known, found.value, found.text()) == (True, True, "= đạt")
    assert found.satisfied_by(True) is True


def test_unconfirmed_regional_value_is_unknown_with_reason():
    found = threshold(load_catalog("xa-ntm-2021-2025"), "10", region="TDMNPB", year=2024)
    assert found.known is False and found.value is None and found.confidence == "?"
    assert found.reason == "giá trị theo vùng TDMNPB năm 2024 của Quyết định 318/QĐ-TTg chưa được xác nhận"
    assert "36 triệu" not in found.reason and "36" in found.note  # context kept, never used as the value
    assert found.satisfied_by(Decimal("49")) is None


def test_background_value_is_recorded_but_not_known():
    found = threshold(load_catalog("xa-ntm-2021-2025"), "2.1")
    assert (found.known, found.value, found.confidence) == (False, Decimal("100"), "M")
    assert "(M)" in found.reason
    assert found.text() == "≥ 100% (M, chưa xác nhận)"


def test_lookup_asks_for_missing_dimensions():
    catalog = load_catalog("xa-ntm-2021-2025")
    assert threshold(catalog, "10", year=2024).reason == "ngưỡng khác nhau theo vùng: cần chỉ rõ vùng"
    assert "cần chỉ rõ năm" in threshold(catalog, "10", region="TN").reason
    assert "2021" in threshold(catalog, "10", region="TN", year=2021).reason


def test_confirmed_2016_2020_income_by_region():
    catalog = load_catalog("xa-ntm-2016-2020")
    expected = {"TDMNPB": 36, "DBSH": 50, "BTB": 36, "DHNTB": 41, "TN": 41, "DNB": 59, "DBSCL": 50}
    for region, value in expected.items():
        found = threshold(catalog, "10", region=region, year=2020)
        assert (found.known, found.value, found.confidence) == (True, Decimal(value), "C")
    assert threshold(catalog, "10", region="DNB", year=2018).known is False
    assert threshold(catalog, "10", region="DNB", year=2020).text() == "≥ 59 triệu đồng/người/năm"


def test_kieu_mau_income_is_unknown_because_its_base_is():
    found = threshold(load_catalog("xa-ntm-kieu-mau-2021-2025"), "thu-nhap", region="TN", year=2023)
    assert found.known is False and found.value is None
    assert found.reason.startswith("= 1,10 × ngưỡng 10 của xa-ntm-nang-cao-2021-2025")
    assert "vùng TN năm 2023" in found.reason


def test_incomplete_list_answers_unknown_for_unlisted_codes():
    """A partial list (2021-2025) names the missing code; a missing list (51/2025) names the decision."""
    partial = threshold(load_catalog("xa-ntm-2021-2025"), "12.3", region="TDMNPB")
    assert partial.known is False and partial.reason == (
        "chỉ tiêu 12.3 chưa có trong danh mục xa-ntm-2021-2025 (danh sách chỉ tiêu của bộ này chưa đầy đủ)")
    missing = threshold(load_catalog("xa-ntm-2026-2030"), "3.1", group="nhom-2")
    assert missing.known is False
    assert missing.reason == "danh sách chỉ tiêu của Quyết định 51/2025/QĐ-TTg chưa có trong danh mục"
    assert missing.reason_en == "the indicator list of 51/2025/QĐ-TTg is not in the catalog"


def test_lookup_errors():
    catalog = load_catalog("xa-ntm-2021-2025")
    with pytest.raises(KeyError):
        threshold(catalog, "17")  # a criterion, not an indicator
    with pytest.raises(KeyError):
        threshold(catalog, "20.1")
    with pytest.raises(ValueError):
        threshold(catalog, "10", region="MIEN-TAY", year=2024)
    with pytest.raises(KeyError):
        threshold(load_catalog("xa-ntm-kieu-mau-2021-2025"), "1.1")  # complete list


def test_dimensions_a_set_does_not_use_are_ignored():
    found = threshold(load_catalog("xa-ntm-2021-2025"), "3.1", region="DBSCL", year=2024, group="nhom-1")
    assert found.known and (found.region, found.group, found.year) == (None, None, None)


def test_overlay_scope_supplies_the_default_region():
    found = threshold(load_catalog("tuyen-quang-479-2022"), "10", year=2024)
    assert found.region == "TDMNPB" and found.known is False


def test_catalog_rows():
    rows = catalog_rows(load_catalog("xa-ntm-2021-2025"), region="DBSH", year=2024)
    row = next(r for r in rows if r["indicator"] == "3.1")
    assert row["criterion"] == "3" and row["threshold"] == "≥ 80%" and row["confidence"] == "C"
    assert row["source"] == "Quyết định 318/QĐ-TTg ngày 08/3/2022, Phụ lục I (M)"
    assert len(rows) == 54
    assert set(rows[0]) == {
        "kind", "criterion", "criterion_name", "indicator", "name", "unit", "threshold", "known",
        "source", "confidence", "ref", "reason", "applies", "varies_by", "cells",
    }
    income = next(r for r in rows if r["indicator"] == "10")
    assert (income["applies"], income["cells"]) == ({"region": "DBSH", "year": 2024}, [])
    empty = catalog_rows(load_catalog("xa-ntm-2026-2030"), group="nhom-1")
    assert [r["kind"] for r in empty].count("criterion") == 10
    assert all(r["threshold"] == "chưa rõ" for r in empty if r["kind"] == "criterion")


# -- overlays ----------------------------------------------------------------

TIGHTEN = """
format: 1
id: tinh-thu
extends: xa-ntm-2021-2025
title: Chỉ tiêu thử của tỉnh
source:
  document: Quyết định
  number: 1/QĐ-UBND
  date: 2023-01-05
  issuer: UBND tỉnh Thử
  confidence: C
  ref: "test"
overrides:
  - {code: "3.1", value: "85", confidence: C, ref: "QĐ 1/QĐ-UBND, mục 3"}
  - code: "17.8"
    confidence: C
    ref: "QĐ 1/QĐ-UBND, mục 17"
    cells:
      - {region: TDMNPB, value: "70", confidence: C, ref: "QĐ 1/QĐ-UBND, mục 17"}
"""


def test_overlay_changes_the_lookup_for_the_overlay_only(tmp_path):
    overlay = load_catalog_file(write(tmp_path, "tinh-thu.yaml", TIGHTEN))
    base = load_catalog("xa-ntm-2021-2025")
    tightened = threshold(overlay, "3.1")
    assert (tightened.known, tightened.value, tightened.source.number) == (True, Decimal("85"), "1/QĐ-UBND")
    assert threshold(base, "3.1").value == Decimal("80")
    assert threshold(base, "3.1").source.number == "318/QĐ-TTg"
    filled = threshold(overlay, "17.8", region="TDMNPB")
    assert (filled.known, filled.value, filled.source.number) == (True, Decimal("70"), "1/QĐ-UBND")
    assert threshold(overlay, "17.8", region="TN").known is False
    assert threshold(base, "17.8", region="TDMNPB").known is False
    assert threshold(overlay, "3.2").source.number == "318/QĐ-TTg"  # untouched values keep the base source
    assert lint_catalog(tmp_path / "tinh-thu.yaml") == []


def test_overlay_can_extend_a_set_beside_it(tmp_path):
    write(tmp_path, "bo-thu.yaml", MINIMAL)
    path = write(tmp_path, "lop-thu.yaml", """
        format: 1
        id: lop-thu
        extends: bo-thu
        source: {document: Quyết định, number: 2/QĐ-UBND, issuer: UBND tỉnh Thử, confidence: C, ref: "test"}
        overrides:
          - {code: "1.1", value: "95", confidence: C, ref: "test"}
        """)
    catalog = load_catalog_file(path)
    assert threshold(catalog, "1.1").value == Decimal("95")
    assert lint_catalog(path) == []


def test_overlay_loosening_is_reported(tmp_path):
    path = write(tmp_path, "tinh-thu.yaml", TIGHTEN.replace('value: "85"', 'value: "75"'))
    problems = lint_catalog(path)
    assert codes(problems) == ["C109"]
    assert "80" in problems[0].message and "75" in problems[0].message


# -- lint: one small broken catalog per case ---------------------------------

MINIMAL = """
format: 1
id: bo-thu
title: Bộ tiêu chí thử
tier: xa_ntm
level: xa
period: {start: 2021, end: 2025}
source: {document: Quyết định, number: 9/QĐ-TTg, issuer: Thủ tướng Chính phủ, confidence: C, ref: "test"}
partition: region
regions:
  - {id: A, name: Vùng A, confidence: C, ref: "test"}
  - {id: B, name: Vùng B, confidence: C, ref: "test"}
counts:
  criteria: {value: 1, confidence: C, ref: "test"}
listing: {criteria: complete, indicators: complete}
criteria:
  - code: "1"
    name: Tiêu chí một
    confidence: C
    ref: "test"
    indicators:
      - code: "1.1"
        name: Chỉ tiêu chung
        unit: "%"
        kind: ratio
        confidence: C
        ref: "test"
        threshold: {op: ">=", value: "90", confidence: C, ref: "test"}
      - code: "1.2"
        name: Chỉ tiêu theo vùng
        unit: "%"
        kind: ratio
        confidence: C
        ref: "test"
        threshold:
          op: ">="
          by: [region]
          confidence: C
          ref: "test"
          cells:
            - {region: A, value: "70", confidence: C, ref: "test"}
            - {region: B, value: null, confidence: "?", ref: "test"}
"""


def lint_text(tmp_path: Path, text: str, name: str = "bo-thu.yaml"):
    return lint_catalog(write(tmp_path, name, text))


def test_minimal_catalog_is_clean(tmp_path):
    assert lint_text(tmp_path, MINIMAL) == []


def test_lint_invalid_catalog(tmp_path):
    problems = lint_text(tmp_path, MINIMAL.replace("kind: ratio\n        confidence: C\n        ref: \"test\"\n"
                                                    "        threshold: {op: \">=\", value: \"90\"",
                                                    "kind: yes_no\n        confidence: C\n        ref: \"test\"\n"
                                                    "        threshold: {op: \">=\", value: \"90\""))
    assert codes(problems) == ["C102"]
    assert problems[0].line == line_of(MINIMAL, 'code: "1.1"')
    assert problems[0].severity == "error"


def test_lint_missing_ref(tmp_path):
    text = MINIMAL.replace('        name: Chỉ tiêu chung\n        unit: "%"\n        kind: ratio\n        confidence: C\n        ref: "test"\n',
                           '        name: Chỉ tiêu chung\n        unit: "%"\n        kind: ratio\n        confidence: C\n')
    problems = lint_text(tmp_path, text)
    assert codes(problems) == ["C103"]
    assert problems[0].line == line_of(text, 'code: "1.1"')
    assert "Thiếu nguồn" in problems[0].message and "Missing source" in problems[0].message_en


def test_lint_empty_ref(tmp_path):
    problems = lint_text(tmp_path, MINIMAL.replace('value: "90", confidence: C, ref: "test"', 'value: "90", confidence: C, ref: ""'))
    assert codes(problems) == ["C103"]


def test_lint_regional_threshold_missing_a_region(tmp_path):
    text = MINIMAL.replace('            - {region: B, value: null, confidence: "?", ref: "test"}\n', "")
    problems = lint_text(tmp_path, text)
    assert codes(problems) == ["C105"]
    assert problems[0].line == line_of(text, 'code: "1.2"')
    assert problems[0].message == (
        "Ngưỡng 1.2 thiếu giá trị cho vùng B (ghi ô giá trị null hoặc 'unlisted: unknown')"
    )


def test_lint_accepts_an_explicitly_unknown_rest(tmp_path):
    text = MINIMAL.replace('            - {region: B, value: null, confidence: "?", ref: "test"}\n', "")
    text = text.replace("          by: [region]\n", "          by: [region]\n          unlisted: unknown\n")
    assert lint_text(tmp_path, text) == []


def test_lint_duplicate_indicator_code(tmp_path):
    text = MINIMAL.replace('code: "1.2"', 'code: "1.1"')
    problems = lint_text(tmp_path, text)
    assert codes(problems) == ["C104"]
    assert problems[0].line == line_of(text, 'code: "1.1"', nth=2)
    assert "'1.1'" in problems[0].message


def test_lint_duplicate_criterion_code(tmp_path):
    second = '  - {code: "1", name: Tiêu chí lặp, confidence: C, ref: "test"}\n'
    problems = lint_text(tmp_path, MINIMAL + second)
    assert "C104" in codes(problems)


def test_lint_overlay_extending_an_unknown_set(tmp_path):
    problems = lint_text(tmp_path, TIGHTEN.replace("extends: xa-ntm-2021-2025", "extends: xa-ntm-1999"), "tinh-thu.yaml")
    assert codes(problems) == ["C107"]
    assert problems[0].line == line_of(TIGHTEN, "extends:")


def test_lint_overlay_unknown_code(tmp_path):
    problems = lint_text(tmp_path, TIGHTEN.replace('code: "3.1"', 'code: "3.9"'), "tinh-thu.yaml")
    assert codes(problems) == ["C108"]


def test_unquoted_code_keeps_its_text(tmp_path):
    """ntm.yamlio keeps a plain number's text, so `code: 1.20` unquoted is still "1.20", not 1.2."""
    problems = lint_text(tmp_path, MINIMAL.replace('code: "1.2"', "code: 1.20"))
    assert "C112" not in codes(problems)


def test_lint_unknown_region(tmp_path):
    text = MINIMAL.replace("{region: B,", "{region: C,")
    problems = lint_text(tmp_path, text)
    assert codes(problems) == ["C106"]
    assert problems[0].line == line_of(text, "{region: C,")
    assert problems[0].message == "Vùng 'C' không có trong bộ tiêu chí"


def test_lint_relative_threshold_to_an_unknown_code(tmp_path):
    text = MINIMAL.replace('threshold: {op: ">=", value: "90", confidence: C, ref: "test"}',
                           'threshold: {op: ">=", relative_to: {catalog: xa-ntm-2021-2025, code: "99.9", factor: "1.1"}, '
                           'confidence: C, ref: "test"}')
    problems = lint_text(tmp_path, text)
    assert codes(problems) == ["C113"]
    assert problems[0].line == line_of(text, 'code: "1.1"')


def test_lint_count_mismatch(tmp_path):
    problems = lint_text(tmp_path, MINIMAL.replace("criteria: {value: 1,", "criteria: {value: 19,"))
    assert codes(problems) == ["C110"]


def test_lint_yaml_syntax_error(tmp_path):
    problems = lint_text(tmp_path, MINIMAL + "  - [unclosed\n")
    assert codes(problems) == ["C101"] and problems[0].line is not None


def test_lint_id_differs_from_file_name(tmp_path):
    problems = lint_text(tmp_path, MINIMAL, name="khac.yaml")
    assert codes(problems) == ["C111"] and problems[0].severity == "warning"


def test_invalid_file_does_not_load(tmp_path):
    path = write(tmp_path, "bo-thu.yaml", MINIMAL.replace('code: "1.2"', 'code: "1.1"'))
    with pytest.raises(CatalogError):
        load_catalog_file(path)


def test_known_confidence_tags():
    assert KNOWN_CONFIDENCE == {"C", "S", "L"}


# -- consistency with the seeds and the text ---------------------------------


@pytest.mark.parametrize("catalog_id", SHIPPED)
def test_catalog_text_is_nfc(catalog_id):
    import unicodedata

    text = (CATALOG_DIR / f"{catalog_id}.yaml").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text


def test_seed_004_unmet_criteria_are_criteria_of_the_2016_2020_set():
    # Seed 004 (2020): "Còn 10 tiêu chí ... chưa đạt gồm: ..." and "đạt 9/19 tiêu chí".
    seen = ["giao thông", "trường học", "cơ sở vật chất văn hóa", "nhà ở", "thu nhập", "hộ nghèo",
            "tổ chức sản xuất", "giáo dục", "môi trường và an toàn thực phẩm"]
    names = [c.name.lower() for c in load_catalog("xa-ntm-2016-2020").criteria]
    assert all(any(name.startswith(short) for name in names) for short in seen)


def _sample_query(catalog: Catalog) -> dict:
    return {
        "region": catalog.regions[0].id if catalog.regions else None,
        "group": catalog.groups[0].id if catalog.groups else None,
        "year": catalog.period.end or catalog.period.start,
    }


@pytest.mark.parametrize("catalog_id", SHIPPED)
def test_every_lookup_names_its_source(catalog_id):
    catalog = load_catalog(catalog_id)
    rows = catalog_rows(catalog, **_sample_query(catalog))
    assert all(row["source"] and row["confidence"] in CONFIDENCE and row["ref"] for row in rows)
    for row in rows:
        if not row["known"] and row["indicator"]:
            assert row["reason"], row


# ----- a plans repository's own catalogs, checked by `ntm validate` ----------------------


def test_validate_lints_the_repository_catalogs(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from ntm.cli import app

    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path / ".cache"))
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans)
    (plans / "catalogs").mkdir()
    write(plans / "catalogs", "tinh-thu.yaml", TIGHTEN)
    clean = CliRunner().invoke(app, ["validate", str(plans)])
    assert clean.exit_code == 0, clean.output
    assert "Đã kiểm tra 5 tệp" in clean.output  # the catalog is not taken for a plan

    broken = TIGHTEN.replace("extends: xa-ntm-2021-2025", "extends: xa-ntm-1999")
    write(plans / "catalogs", "tinh-thu.yaml", broken)
    result = CliRunner().invoke(app, ["validate", str(plans)])
    assert result.exit_code == 1
    line = line_of(broken, "extends:")
    assert f"catalogs/tinh-thu.yaml:{line}:1: lỗi C107" in result.output
    english = CliRunner().invoke(app, ["--lang", "en", "validate", str(plans)])
    assert "C107" in english.output and "lỗi" not in english.output


# ----- corrections of issue #13, each with its source --------------------------------------


def _condition(catalog_id: str, condition_id: str):
    return next(c for c in load_catalog(catalog_id).conditions if c.id == condition_id)


def test_qd_320_district_conditions_are_confirmed_with_their_source():
    """QĐ 320: 100% of communes NTM, ≥ 10% nâng cao, 100% thị trấn văn minh, satisfaction ≥ 90% and ≥ 80% in each commune."""
    catalog = load_catalog("huyen-ntm-2021-2025")
    found = {c.id: (threshold(catalog, c.id).text(), threshold(catalog, c.id).known) for c in catalog.conditions}
    assert found == {
        "xa-dat-chuan": ("≥ 100%", True), "xa-nang-cao": ("≥ 10%", True), "thi-tran-van-minh": ("≥ 100%", True),
        "hai-long": ("≥ 90%", True), "hai-long-moi-xa": ("≥ 80%", True),
    }
    assert all("issue #13" in c.threshold.ref and c.threshold.confidence == "C" for c in catalog.conditions)
    assert (_condition("huyen-ntm-2021-2025", "xa-dat-chuan").share_of,
            _condition("huyen-ntm-2021-2025", "xa-nang-cao").share_of) == ("xa_ntm", "xa_nang_cao")
    assert threshold(catalog, "xa-nang-cao").source.number == "320/QĐ-TTg"


def test_qd_321_province_set():
    catalog = load_catalog("tinh-ntm-2021-2025")
    assert (catalog.source.number, str(catalog.source.date), catalog.tier, catalog.level) == (
        "321/QĐ-TTg", "2022-03-08", "tinh_hoan_thanh", "tinh")
    found = {c.id: threshold(catalog, c.id).text() for c in catalog.conditions}
    assert found == {
        "huyen-dat-chuan": "≥ 100%", "thi-xa-thanh-pho": "≥ 100%", "huyen-nang-cao": "≥ 20%", "xa-nang-cao": "≥ 40%",
        "ke-hoach-hdnd": "= đạt", "duong-cay-xanh": "≥ 70%", "cay-xanh-cong-cong": "≥ 4 m²/người",
        "hai-long-hanh-chinh": "≥ 90%",
    }
    assert all(threshold(catalog, c.id).known and "issue #13" in c.threshold.ref for c in catalog.conditions)
    assert "HĐND" not in _condition("tinh-ntm-2021-2025", "ke-hoach-hdnd").name  # written out in full
    assert "Hội đồng nhân dân tỉnh phê duyệt" in _condition("tinh-ntm-2021-2025", "ke-hoach-hdnd").name


def test_nang_cao_income_has_no_factor_any_more_and_kieu_mau_keeps_its_confirmed_one():
    nang_cao = _indicator("xa-ntm-nang-cao-2021-2025", "10").threshold
    assert nang_cao.relative_to is None and nang_cao.confidence == "?" and "issue #13" in nang_cao.ref
    found = threshold(load_catalog("xa-ntm-nang-cao-2021-2025"), "10", region="TDMNPB", year=2024)
    assert (found.known, found.value) == (False, None)
    assert found.reason == "giá trị theo vùng TDMNPB năm 2024 của Quyết định 318/QĐ-TTg chưa được xác nhận"
    kieu_mau = _condition("xa-ntm-kieu-mau-2021-2025", "thu-nhap").threshold
    assert (kieu_mau.relative_to.factor, kieu_mau.confidence) == (Decimal("1.10"), "C")
    assert "issue #13" in kieu_mau.ref


def test_district_indicator_2_2_is_a_ratio_of_road_km():
    indicator = _indicator("huyen-ntm-2021-2025", "2.2")
    assert (indicator.name, indicator.kind, indicator.unit) == ("Tỷ lệ km đường huyện đạt chuẩn theo quy hoạch", "ratio", "%")
    found = threshold(load_catalog("huyen-ntm-2021-2025"), "2.2")
    assert (found.text(), found.known, found.source.number) == ("≥ 100%", True, "932/QĐ-BGTVT")
    assert found.satisfied_by(Decimal("96.5")) is False


def test_qd_1980_date_and_title_are_confirmed():
    source = load_catalog("xa-ntm-2016-2020").source
    assert source.unconfirmed == ()
    assert source.label() == "Quyết định 1980/QĐ-TTg ngày 17/10/2016"
    assert source.title == "Ban hành Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2016–2020"
    assert "issue #13" in source.ref


def test_poverty_lines_2027_2030_are_the_basis_of_criterion_6_of_the_2026_2030_set():
    criterion = next(c for c in load_catalog("xa-ntm-2026-2030").criteria if c.code == "6")
    lines = {b.id: (b.value, b.unit, b.period.start, b.period.end, b.confidence, b.ref) for b in criterion.bases}
    assert lines == {
        "chuan-ngheo-nong-thon": (Decimal("2200000"), "đồng/người/tháng", 2027, 2030, "C", "issue #13"),
        "chuan-ngheo-thanh-thi": (Decimal("2800000"), "đồng/người/tháng", 2027, 2030, "C", "issue #13"),
    }
    rows = [r for r in catalog_rows(load_catalog("xa-ntm-2026-2030")) if r["kind"] == "basis"]
    assert [r["threshold"] for r in rows] == ["2.200.000 đồng/người/tháng", "2.800.000 đồng/người/tháng"]
    # The 2022-2025 lines of NĐ 07/2021 stay where they were, on indicator 11 of the 2021-2025 set.
    assert "07/2021/NĐ-CP" in _indicator("xa-ntm-2021-2025", "11").threshold.note


# ----- overlays that add the indicators a base set does not list (QĐ 51/2025) ---------------

EXAMPLE = CATALOG_DIR / "examples" / "vi-du-chi-tieu-51-2025.yaml"

ADDS = """
format: 1
id: tinh-them
extends: xa-ntm-2026-2030
source: {document: Quyết định, number: 5/2026/QĐ-UBND, issuer: UBND tỉnh Thử, confidence: C, ref: "test"}
indicators:
  - criterion: "6"
    code: "6.1"
    name: Tỷ lệ hộ nghèo đa chiều
    unit: "%"
    kind: ratio
    confidence: C
    ref: "test"
    threshold:
      op: "<="
      by: [group]
      confidence: C
      ref: "test"
      cells:
        - {group: nhom-1, value: "1", confidence: C, ref: "test"}
        - {group: nhom-2, value: "3", confidence: C, ref: "test"}
        - {group: nhom-3, value: "6", confidence: C, ref: "test"}
"""


def test_an_overlay_adds_indicators_per_commune_group_with_its_source(tmp_path):
    catalog = load_catalog_file(write(tmp_path, "tinh-them.yaml", ADDS))
    found = threshold(catalog, "6.1", group="nhom-2")
    assert (found.known, found.text(), found.source.number) == (True, "≤ 3%", "5/2026/QĐ-UBND")
    assert threshold(catalog, "6.1", group="nhom-3").value == Decimal("6")
    assert lint_catalog(tmp_path / "tinh-them.yaml") == []
    assert load_catalog("xa-ntm-2026-2030").indicators() == []  # the national set is untouched


@pytest.mark.parametrize(("change", "code"), [
    (("extends: xa-ntm-2026-2030", "extends: xa-ntm-2021-2025"), "C114"),  # 2021-2025 already has 6.1
    (('criterion: "6"', 'criterion: "11"'), "C115"),  # 2026-2030 has no criterion 11
    (('code: "6.1"', 'code: "7.1"'), "C116"),  # 7.1 is not an indicator of criterion 6
])
def test_lint_an_overlay_adding_indicators(tmp_path, change, code):
    text = ADDS.replace(*change)
    problems = lint_text(tmp_path, text, "tinh-them.yaml")
    assert codes(problems) == [code]
    assert problems[0].line == line_of(text, "    code: ")


def test_lint_an_overlay_adding_to_a_complete_list(tmp_path):
    write(tmp_path, "bo-thu.yaml", MINIMAL)
    problems = lint_text(tmp_path, ADDS.replace("extends: xa-ntm-2026-2030", "extends: bo-thu")
                         .replace('criterion: "6"', 'criterion: "1"').replace('code: "6.1"', 'code: "1.3"'), "tinh-them.yaml")
    assert codes(problems) == ["C117"]
    assert problems[0].message == "Bộ 'bo-thu' đã có đủ danh sách chỉ tiêu; lớp bổ sung không thêm được chỉ tiêu '1.3'"


def test_the_shipped_example_overlay_is_clean_and_marked_as_an_example():
    assert lint_catalog(EXAMPLE) == []
    catalog = load_catalog_file(EXAMPLE)
    assert "minh họa" in catalog.title and catalog.layers[0].extends == "xa-ntm-2026-2030"
    assert {i.code for i in catalog.indicators()} == {"2.1", "3.1", "6.1"}
    assert "vi-du-chi-tieu-51-2025" not in available_catalogs()  # never picked up as a real set
    assert threshold(catalog, "3.1", group="nhom-1", year=2027).text() == "≥ 80 triệu đồng/người/năm"
    assert threshold(catalog, "2.1", group="nhom-3").known is False


def test_an_overlay_cannot_call_a_list_of_3_of_the_47_indicators_complete(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "indicators:\n  - criterion:", "listing: {criteria: complete, indicators: complete}\nindicators:\n  - criterion:", 1)
    problems = lint_text(tmp_path, text, "vi-du-chi-tieu-51-2025.yaml")
    assert codes(problems) == ["C110"]
    assert problems[0].message == ("Số chỉ tiêu / indicators ghi nhận (3) khác số văn bản nêu (47) "
                                   "mà danh sách lại ghi là đầy đủ")
