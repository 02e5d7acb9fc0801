"""Tests for ntm.units against the real register shipped with `vietnamadminunits`.

Expected values are what the register says (legacy structure as of 30 June 2025,
2025 structure, and the package's legacy→2025 mapping), checked for the units
named in the seed plans 001, 003 and 004.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import unicodedata
from datetime import date

import pytest

from ntm import units
from ntm.text import fold
from ntm.units import children, resolve

BEFORE = date(2024, 1, 1)
AFTER = date(2026, 1, 1)

TAN_YEN = {"district": "Tân Yên", "province": "Bắc Giang"}
CHIEM_HOA = {"district": "Chiêm Hóa", "province": "Tuyên Quang"}
HUONG_HOA = {"district": "Hướng Hóa", "province": "Quảng Trị"}
TRIEU_PHONG = {"district": "Triệu Phong", "province": "Quảng Trị"}

# name, parents, official name, GSO code, successor commune (name, code), successor province code
SEED_COMMUNES = [
    ("Hợp Đức", TAN_YEN, "Xã Hợp Đức", "07330", ("Xã Phúc Hòa", "07330"), "24"),
    ("Phúc Hòa", TAN_YEN, "Xã Phúc Hòa", "07324", ("Xã Phúc Hòa", "07330"), "24"),
    ("Ngọc Châu", TAN_YEN, "Xã Ngọc Châu", "07348", ("Xã Ngọc Thiện", "07351"), "24"),
    ("Quế Nham", TAN_YEN, "Xã Quế Nham", "07366", ("Phường Đa Mai", "07228"), "24"),
    ("Liên Sơn", TAN_YEN, "Xã Liên Sơn", "07327", ("Xã Nhã Nam", "07306"), "24"),
    ("Ngọc Thiện", TAN_YEN, "Xã Ngọc Thiện", "07360", ("Xã Ngọc Thiện", "07351"), "24"),
    ("Việt Ngọc", TAN_YEN, "Xã Việt Ngọc", "07342", ("Xã Ngọc Thiện", "07351"), "24"),
    ("Ngọc Vân", TAN_YEN, "Xã Ngọc Vân", "07351", ("Xã Ngọc Thiện", "07351"), "24"),
    ("Ngọc Lý", TAN_YEN, "Xã Ngọc Lý", "07363", ("Xã Tân Yên", "07339"), "24"),
    ("Việt Lập", TAN_YEN, "Xã Việt Lập", "07354", ("Xã Tân Yên", "07339"), "24"),
    ("Liên Chung", TAN_YEN, "Xã Liên Chung", "07357", ("Xã Phúc Hòa", "07330"), "24"),
    ("Song Vân", TAN_YEN, "Xã Song Vân", "07345", ("Xã Ngọc Thiện", "07351"), "24"),
    ("TT Cao Thượng", TAN_YEN, "Thị trấn Cao Thượng", "07339", ("Xã Tân Yên", "07339"), "24"),
    ("TT Nhã Nam", TAN_YEN, "Thị trấn Nhã Nam", "07306", ("Xã Nhã Nam", "07306"), "24"),
    ("Hùng Mỹ", CHIEM_HOA, "Xã Hùng Mỹ", "02314", ("Xã Tân Mỹ", "02308"), "08"),
    ("Ba Tầng", HUONG_HOA, "Xã Ba Tầng", "19477", ("Xã A Dơi", "19483"), "44"),
    ("Triệu Long", TRIEU_PHONG, "Xã Triệu Long", "19657", ("Xã Ái Tử", "19669"), "44"),
    ("Triệu Phước", TRIEU_PHONG, "Xã Triệu Phước", "19633", ("Xã Nam Cửa Việt", "19639"), "44"),
]

# Communes named in plan 001 that the register holds only as aliases of a merged commune.
# name, alias_of (name, code), successor commune (name, code)
MERGED_BEFORE_REFORM = [
    ("Lam Cốt", ("Xã Lam Sơn", "07333"), ("Xã Quang Trung", "07333")),
    ("Phúc Sơn", ("Xã Lam Sơn", "07333"), ("Xã Quang Trung", "07333")),
    ("Đại Hóa", ("Xã Quang Trung", "07315"), ("Xã Quang Trung", "07333")),
]


# ----- fold and name normalisation ----------------------------------------------------


def test_fold_removes_accents_and_d_stroke():
    assert fold("Chiêm Hoá") == fold("Chiêm Hóa") == "chiem hoa"
    assert fold("Đại Hóa") == "dai hoa"
    assert fold("  TT.  Nhã   Nam ") == "tt nha nam"


def test_fold_accepts_decomposed_input():
    assert fold(unicodedata.normalize("NFD", "Hùng Mỹ")) == "hung my"


@pytest.mark.parametrize("written", ["Chiêm Hóa", "Chiêm Hoá", "chiêm hoá", "CHIÊM HÓA",
                                     unicodedata.normalize("NFD", "Chiêm Hoá"), "Huyện Chiêm Hoá"])
def test_district_matches_both_tone_placements(written):
    result = resolve(written, "huyen", province="Tuyên Quang")
    assert result.found and result.code == "073" and result.official_name == "Huyện Chiêm Hóa"


def test_uy_tone_placement_matches():
    old = resolve("Thanh Thủy", "xa", province="Tuyên Quang")
    new = resolve("Thanh Thuỷ", "xa", province="Tuyên Quang")
    assert old.found and new.found and old.code == new.code == "00928"


# ----- seed units ---------------------------------------------------------------------


@pytest.mark.parametrize("name, parents, official, code, commune, province_code", SEED_COMMUNES)
def test_seed_commune(name, parents, official, code, commune, province_code):
    result = resolve(name, "xa", **parents)
    assert result.found and result.structure == units.LEGACY
    assert (result.official_name, result.code) == (official, code)
    assert (result.successor.commune.name, result.successor.commune.code) == commune
    assert result.successor.province.code == province_code
    assert result.successor.also_part_of == ()


@pytest.mark.parametrize("name, alias_of, commune", MERGED_BEFORE_REFORM)
def test_communes_merged_before_2025_are_aliases(name, alias_of, commune):
    result = resolve(name, "xa", **TAN_YEN)
    assert not result.found
    assert (result.alias_of.name, result.alias_of.code) == alias_of
    assert (result.successor.commune.name, result.successor.commune.code) == commune
    assert "alias" in result.note


def test_hung_my_parents_and_successor():
    result = resolve("Hùng Mỹ", "xa", **CHIEM_HOA)
    assert (result.district.name, result.district.code) == ("Huyện Chiêm Hóa", "073")
    assert (result.province.name, result.province.code) == ("Tỉnh Tuyên Quang", "08")
    assert result.successor.commune == units.Unit("Xã Tân Mỹ", "Tân Mỹ", "02308", "xa")
    assert result.successor.province == units.Unit("Tỉnh Tuyên Quang", "Tuyên Quang", "08", "tinh")


@pytest.mark.parametrize("name, province, code, province_code, successor", [
    ("Tân Yên", "Bắc Giang", "216", "24", ("Tỉnh Bắc Ninh", "24")),
    ("Chiêm Hóa", "Tuyên Quang", "073", "08", ("Tỉnh Tuyên Quang", "08")),
    ("Hướng Hóa", "Quảng Trị", "465", "45", ("Tỉnh Quảng Trị", "44")),
    ("Triệu Phong", "Quảng Trị", "469", "45", ("Tỉnh Quảng Trị", "44")),
])
def test_seed_district(name, province, code, province_code, successor):
    result = resolve(name, "huyen", province=province)
    assert result.found and result.code == code and result.province.code == province_code
    assert result.successor.commune is None
    assert (result.successor.province.name, result.successor.province.code) == successor


@pytest.mark.parametrize("name, legacy_code, new", [
    ("Bắc Giang", "24", ("Tỉnh Bắc Ninh", "24")),
    ("Tuyên Quang", "08", ("Tỉnh Tuyên Quang", "08")),
    ("Quảng Trị", "45", ("Tỉnh Quảng Trị", "44")),
])
def test_seed_province_legacy(name, legacy_code, new):
    result = resolve(name, "tinh", as_of=BEFORE)
    assert result.found and result.code == legacy_code
    assert (result.successor.province.name, result.successor.province.code) == new


def test_seed_provinces_in_2025_structure():
    assert resolve("Tuyên Quang", "tinh", as_of=AFTER).code == "08"
    assert resolve("Quảng Trị", "tinh", as_of=AFTER).code == "44"
    bac_giang = resolve("Bắc Giang", "tinh", as_of=AFTER)
    assert not bac_giang.found and bac_giang.successor.province.name == "Tỉnh Bắc Ninh"


def test_successor_agrees_with_package_convert_address():
    from vietnamadminunits import convert_address

    for name, parents, *_ in SEED_COMMUNES:
        result = resolve(name, "xa", **parents)
        address = f"{result.official_name}, {result.district.name}, {result.province.name}"
        converted = convert_address(address)
        assert converted.ward_code == result.successor.commune.code, name
        assert converted.province_code == result.successor.province.code, name


# ----- not found, suggestions ---------------------------------------------------------


@pytest.mark.parametrize("written", ["Hùng Mĩ", "Hung My", "Hùng Mộ", "Hừng Mỹ"])
def test_misspelt_commune_is_not_found_but_suggested(written):
    result = resolve(written, "xa", **CHIEM_HOA)
    assert not result.found and result.code is None
    assert "Hùng Mỹ" in result.suggestions and len(result.suggestions) <= units.MAX_SUGGESTIONS


def test_suggestions_stay_within_the_parent():
    result = resolve("Ngọc Chau", "xa", **TAN_YEN)
    assert not result.found and result.suggestions[0] == "Ngọc Châu"
    tan_yen = {u.short_name for u in children("Tân Yên", "huyen", province="Bắc Giang")}
    assert set(result.suggestions) <= tan_yen


def test_commune_in_the_wrong_district_says_where_it_is():
    result = resolve("Hùng Mỹ", "xa", district="Hàm Yên", province="Tuyên Quang")
    assert not result.found and "Huyện Chiêm Hóa" in result.note


def test_unknown_district_is_reported_with_closest_names():
    result = resolve("Hùng Mỹ", "xa", district="Chiêm Hoà", province="Bắc Giang")
    assert not result.found and "district 'Chiêm Hoà' not found" in result.note


def test_misspelt_district_is_not_found():
    result = resolve("Tân Yen", "huyen", province="Bắc Giang")
    assert not result.found and result.suggestions[0] == "Tân Yên"


def test_same_name_in_several_provinces_is_ambiguous_without_parent():
    result = resolve("Tân Mỹ", "xa", as_of=AFTER)
    assert not result.found and "3 units have this name" in result.note


def test_written_type_is_checked_but_does_not_reject():
    result = resolve("xã Nhã Nam", "xa", **TAN_YEN)
    assert result.found and result.official_name == "Thị trấn Nhã Nam"
    assert result.note == "written as Xã, officially Thị trấn"


# ----- structures and as_of -----------------------------------------------------------


def test_default_structure():
    assert resolve("Hùng Mỹ", "xa", **CHIEM_HOA).structure == units.LEGACY
    assert resolve("Chiêm Hóa", "huyen").structure == units.LEGACY
    assert resolve("Tân Mỹ", "xa", province="Tuyên Quang").structure == units.NEW
    assert resolve("Hùng Mỹ", "xa", **CHIEM_HOA, as_of=date(2025, 7, 1)).structure == units.NEW
    last_legacy_day = resolve("Hùng Mỹ", "xa", province="Tuyên Quang", as_of=date(2025, 6, 30))
    assert last_legacy_day.structure == units.LEGACY


def test_2025_commune():
    result = resolve("Tân Mỹ", "xa", province="Tuyên Quang", as_of=AFTER)
    assert result.found and result.code == "02308" and result.district is None
    assert result.province.code == "08" and result.successor is None


def test_legacy_commune_asked_in_2025_structure_points_to_successor():
    result = resolve("Hùng Mỹ", "xa", province="Tuyên Quang", as_of=AFTER)
    assert not result.found
    assert result.successor.commune.name == "Xã Tân Mỹ" and "Xã Tân Mỹ" in result.note


def test_no_district_level_after_reform():
    result = resolve("Tân Yên", "huyen", as_of=AFTER)
    assert not result.found and "no district level" in result.note


def test_split_commune_lists_every_part():
    result = resolve("Tân Thạnh", "xa", district="Thới Lai", province="Cần Thơ")
    assert result.found and result.successor.commune.name == "Xã Trường Thành"
    assert [u.name for u in result.successor.also_part_of] == ["Xã Tân Thạnh"]


# ----- children -----------------------------------------------------------------------


def test_children_of_tan_yen():
    names = [u.short_name for u in children("Tân Yên", "huyen", province="Bắc Giang")]
    assert sorted(names) == sorted([
        "Nhã Nam", "Tân Trung", "Quang Trung", "An Dương", "Phúc Hòa", "Liên Sơn", "Hợp Đức",
        "Lam Sơn", "Cao Xá", "Cao Thượng", "Việt Ngọc", "Song Vân", "Ngọc Châu", "Ngọc Vân",
        "Việt Lập", "Liên Chung", "Ngọc Thiện", "Ngọc Lý", "Quế Nham",
    ])


def test_children_of_province_depend_on_structure():
    assert len(children("Tuyên Quang", "tinh", as_of=BEFORE)) == 7
    assert all(u.level == "huyen" for u in children("Tuyên Quang", "tinh", as_of=BEFORE))
    assert len(children("Tuyên Quang", "tinh", as_of=AFTER)) == 124


def test_children_of_unknown_parent_raises():
    with pytest.raises(LookupError, match="Tân Yên"):
        children("Tân Yen", "huyen", province="Bắc Giang")


def test_bad_level_raises():
    with pytest.raises(ValueError):
        resolve("Hùng Mỹ", "thon")
    with pytest.raises(ValueError):
        children("Hùng Mỹ", "xa")


def test_level_may_be_written_in_vietnamese():
    assert resolve("Chiêm Hóa", "huyện", province="Tuyên Quang").found


# ----- data shape, laziness, offline --------------------------------------------------


def test_results_are_frozen():
    result = resolve("Hùng Mỹ", "xa", **CHIEM_HOA)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.found = False  # type: ignore[misc]


def test_register_is_cached():
    assert units._register(units.LEGACY) is units._register(units.LEGACY)
    assert resolve("Hùng Mỹ", "xa", **CHIEM_HOA) is resolve("Hùng Mỹ", "xa", **CHIEM_HOA)


def _run(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_import_does_not_load_the_register():
    _run("import sys, ntm.units\nassert 'vietnamadminunits' not in sys.modules")


def test_lookup_never_uses_the_network():
    _run(
        "import socket\n"
        "def refuse(*a, **k):\n    raise AssertionError('network used')\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
        "from ntm.units import resolve\n"
        "r = resolve('Hùng Mỹ', 'xa', district='Chiêm Hóa', province='Tuyên Quang')\n"
        "assert r.successor.commune.code == '02308'\n"
    )


# ----- rule R801 on whole plans ------------------------------------------------------------


def _r801(unit_line: str, date_line: str = "date: 2024-02-22") -> list:
    from ntm.loader import load_plan_text
    from ntm.rules import PlanContext, run_plan_rules
    from ntm.rules.examples import MINIMAL_PLAN

    text = MINIMAL_PLAN.replace(
        "unit: {level: xa, name: Hùng Mỹ, district: Chiêm Hóa, province: Tuyên Quang, region: TDMNPB}", unit_line)
    text = text.replace("date: 2024-02-22", date_line)
    loaded = load_plan_text(text, "vi-du.yaml")
    assert loaded.plan is not None, loaded.diagnostics
    found = run_plan_rules(PlanContext(loaded.file, loaded.plan, loaded.positions))
    return [(d.severity.value, d.line, d.message("vi")) for d in found if d.code == "R801"]


def test_r801_a_commune_missing_from_its_district_gets_suggestions():
    [(severity, line, message)] = _r801(
        "unit: {level: xa, name: Hùng Mộ, district: Chiêm Hóa, province: Tuyên Quang, region: TDMNPB}")
    assert severity == "error" and line == 3
    assert "Hùng Mỹ" in message  # the closest official name in Chiêm Hóa


def test_r801_the_official_name_passes():
    assert _r801("unit: {level: xa, name: Hùng Mỹ, district: Chiêm Hóa, province: Tuyên Quang, region: TDMNPB}") == []


def test_r801_a_document_after_the_reform_must_name_the_new_commune():
    [(severity, line, message)] = _r801(
        "unit: {level: xa, name: Hùng Mỹ, province: Tuyên Quang, commune_group: nhom-1}", "date: 2026-02-10")
    assert severity == "error" and line == 3
    assert "Tân Mỹ (02308)" in message and "01/7/2025" in message
    assert _r801("unit: {level: xa, name: Tân Mỹ, province: Tuyên Quang, commune_group: nhom-1}",
                 "date: 2026-02-10") == []


def test_r801_a_document_after_the_reform_names_no_district():
    [(severity, line, message)] = _r801(
        "unit: {level: xa, name: Tân Mỹ, district: Chiêm Hóa, province: Tuyên Quang, commune_group: nhom-3}",
        "date: 2027-01-20")
    assert (severity, line) == ("error", 3)
    assert message == "Từ ngày 01/7/2025 không còn cấp huyện: bỏ huyện 'Chiêm Hóa', xã trực thuộc tỉnh"
    # the same unit in a document signed before the reform keeps its district
    assert _r801("unit: {level: xa, name: Hùng Mỹ, district: Chiêm Hóa, province: Tuyên Quang, region: TDMNPB}",
                 "date: 2025-06-30") == []


def test_r801_a_district_plan_after_the_reform_is_an_error():
    found = _r801("unit: {level: huyen, name: Chiêm Hóa, province: Tuyên Quang}", "date: 2026-03-01")
    assert ("error", 3, "Từ ngày 01/7/2025 không còn cấp huyện: văn bản ban hành từ ngày đó không thể là "
                        "kế hoạch của huyện") in found
