"""`ntm criteria` and `ntm status` as an officer runs them: what each option changes, and the errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm.cli import app

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"
EXAMPLE = ROOT / "ntm" / "catalogs" / "examples" / "vi-du-chi-tieu-51-2025.yaml"


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.delenv("NTM_LANG", raising=False)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def table_lines(output: str) -> list[str]:
    """The table part of `ntm criteria` (after the heading): the column titles, the rule, the rows."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("Mã ", "Code ")))
    return lines[start:]


def row(output: str, startswith: str) -> list[str]:
    return [line for line in table_lines(output) if line.strip().startswith(startswith)]


# ----- ntm criteria ------------------------------------------------------------------------


def test_the_2016_2020_set_shows_its_seven_confirmed_2020_incomes_without_options():
    result = run("criteria", "--set", "xa-ntm-2016-2020")
    assert result.exit_code == 0, result.output
    cells = [line.split() for line in table_lines(result.output) if "2020" in line and "≥" in line]
    assert [(c[0], c[3]) for c in cells] == [("TDMNPB,", "36"), ("ĐBSH,", "50"), ("BTB,", "36"), ("DHNTB,", "41"),
                                            ("TN,", "41"), ("ĐNB,", "59"), ("ĐBSCL,", "50")]
    assert row(result.output, "28 trường hợp khác")
    assert "Nguồn: Quyết định 1980/QĐ-TTg ngày 17/10/2016\n" in result.output  # date confirmed: no (M)


def test_region_and_year_pick_that_region_and_year():
    everywhere = run("criteria", "--set", "xa-ntm-2016-2020").output
    result = run("criteria", "--set", "xa-ntm-2016-2020", "--region", "DNB", "--year", "2020")
    assert result.exit_code == 0, result.output
    assert "Áp dụng cho: vùng Đông Nam Bộ (ĐNB); năm 2020" in result.output
    (income,) = [line for line in table_lines(result.output) if line.startswith("10 ") and "Thu nhập bình quân" in line]
    assert income.split()[-4:] == ["59", "triệu", "đồng/người/năm", "C"]
    assert "ĐNB, 2020" in income and "TDMNPB" not in result.output
    assert result.output != everywhere
    unknown_year = run("criteria", "--set", "xa-ntm-2016-2020", "--region", "DNB", "--year", "2018").output
    assert "ĐNB, 2018" in row(unknown_year, "10 ")[1] and "chưa rõ" in row(unknown_year, "10 ")[1]


def test_group_and_a_province_file_for_2026_2030():
    result = run("criteria", "--set", str(EXAMPLE), "--group", "nhom-2", "--year", "2027")
    assert result.exit_code == 0, result.output
    assert "Lớp bổ sung: Quyết định 00/2026/QĐ-UBND ngày 02/3/2026" in result.output
    assert "Áp dụng cho: xã nhóm 2; năm 2027" in result.output
    (poverty,) = row(result.output, "6.1 ")
    assert "Xã nhóm 2" in poverty and "≤ 3%" in poverty
    (income,) = row(result.output, "3.1 ")
    assert "Xã nhóm 2, 2027" in income and "≥ 65 triệu đồng/người/năm" in income
    assert "Căn cứ: Chuẩn nghèo khu vực nông thôn (mức thu nhập), 2027–2030" in result.output
    assert "2.200.000 đồng/người/tháng" in result.output


def test_the_table_aligns_in_columns():
    lines = table_lines(run("criteria", "--set", "xa-ntm-2016-2020").output)
    assert " | " not in "\n".join(lines)
    title = lines[0]
    threshold_at, confidence_at = title.index("Ngưỡng"), title.index("Tin cậy")
    for line in lines[2:]:
        if "≥" in line:
            assert line.index("≥") == threshold_at, line
            assert line[confidence_at] in "CSLM?", line


def test_the_json_rows_carry_the_open_cells():
    rows = json.loads(run("criteria", "--set", "xa-ntm-2016-2020", "--format", "json").output)["rows"]
    income = next(r for r in rows if r["indicator"] == "10")
    known = {(c["region"], c["year"]): c["threshold"] for c in income["cells"] if c["known"]}
    assert known[("DBSH", 2020)] == "≥ 50 triệu đồng/người/năm" and len(known) == 7
    assert income["varies_by"] == ["region", "year"] and len(income["cells"]) == 35


@pytest.mark.parametrize(("args", "vi", "en"), [
    (["--set", "xa-ntm-2026-2030", "--region", "TDMNPB"],
     "Bộ xa-ntm-2026-2030 không chia ngưỡng theo vùng nên --region không có tác dụng; dùng --group (nhom-1, nhom-2, nhom-3)",
     "xa-ntm-2026-2030 does not vary its thresholds by region, so --region has no effect; use --group (nhom-1, nhom-2, nhom-3)"),
    (["--set", "xa-ntm-2021-2025", "--group", "nhom-1"],
     "Bộ xa-ntm-2021-2025 không chia ngưỡng theo nhóm xã nên --group không có tác dụng; dùng --region "
     "(TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL)",
     "xa-ntm-2021-2025 does not vary its thresholds by commune group, so --group has no effect; use --region "
     "(TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL)"),
    (["--set", "xa-ntm-2021-2025", "--region", "MIEN-TAY"],
     "Vùng 'MIEN-TAY' không có trong bộ xa-ntm-2021-2025 (có: TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL)",
     "Region 'MIEN-TAY' is not one of xa-ntm-2021-2025 (available: TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL)"),
    (["--set", "xa-ntm-2026-2030", "--group", "nhom-4"],
     "Nhóm xã 'nhom-4' không có trong bộ xa-ntm-2026-2030 (có: nhom-1, nhom-2, nhom-3)",
     "Commune group 'nhom-4' is not one of xa-ntm-2026-2030 (available: nhom-1, nhom-2, nhom-3)"),
    (["--set", "xa-ntm-2021-2025", "--year", "2027"],
     "Năm 2027 nằm ngoài giai đoạn 2021–2025 của bộ xa-ntm-2021-2025; dùng --set xa-ntm-2026-2030",
     "2027 is outside the period 2021–2025 of xa-ntm-2021-2025; use --set xa-ntm-2026-2030"),
    (["--set", "xa-ntm-1999"], "Không có bộ tiêu chí 'xa-ntm-1999' (có: huyen-ntm-2021-2025,",
     "No criteria set 'xa-ntm-1999' (available: huyen-ntm-2021-2025,"),
])
def test_errors_are_usage_errors_in_the_users_language(args, vi, en):
    result = run("criteria", *args)
    assert result.exit_code == 2
    assert f"ntm: {vi}" in result.output
    english = run("--lang", "en", "criteria", *args)
    assert english.exit_code == 2 and f"ntm: {en}" in english.output


def test_a_broken_catalog_file_is_reported_in_vietnamese(tmp_path):
    broken = tmp_path / "tinh-hong.yaml"
    broken.write_text(EXAMPLE.read_text(encoding="utf-8").replace("extends: xa-ntm-2026-2030", "extends: xa-ntm-1999")
                      .replace("id: vi-du-chi-tieu-51-2025", "id: tinh-hong"), encoding="utf-8")
    result = run("criteria", "--set", str(broken))
    assert result.exit_code == 2
    assert f"ntm: Tệp bộ tiêu chí {broken} không đọc được: Lớp bổ sung mở rộng bộ tiêu chí không tồn tại 'xa-ntm-1999'" \
        in result.output


# ----- ntm status: never an empty screen -------------------------------------------------


def test_status_of_a_district_plan_is_its_district_status():
    result = run("status", "tan-yen", "--plans", str(PLANS))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:3] == [
        "Tân Yên — Bộ tiêu chí quốc gia về huyện nông thôn mới giai đoạn 2021–2025 (2025)",
        "Đã được công nhận: huyện nông thôn mới",
        "Điều kiện: 1 đạt, 1 không kiểm chứng được, 3 không có số liệu",
    ]
    assert ("  - 100% số xã trên địa bàn được công nhận đạt chuẩn nông thôn mới: đạt — 100% số xã đã được công nhận "
            "xã nông thôn mới (kế hoạch ghi: tất cả) ≥ 100% (Quyết định 320/QĐ-TTg)") in lines
    assert "  - kế hoạch không có đánh giá 9 tiêu chí huyện nông thôn mới (mục assessments)" in lines
    english = run("--lang", "en", "status", "tan-yen", "--plans", str(PLANS)).output
    assert "Conditions: 1 met, 1 cannot verify, 3 no data" in english


def test_status_of_the_provincial_directive_says_what_it_lacks():
    result = run("status", "chi-thi-06-2021", "--plans", str(PLANS))
    assert result.exit_code == 0 and result.output.strip()
    assert result.output.startswith("Tỉnh (văn bản không nêu tên) — Tỉnh, thành phố hoàn thành nhiệm vụ xây dựng "
                                    "nông thôn mới giai đoạn 2021–2025 (2021)\nĐiều kiện: 8 không có số liệu\n")
    assert "  - văn bản không nêu tên đơn vị\n" in result.output


def test_status_json_of_a_district_is_one_area_entry():
    (entry,) = json.loads(run("status", "tan-yen", "--plans", str(PLANS), "--format", "json").output)["statuses"]
    assert (entry["kind"], entry["criteria_set"], entry["recognised"]) == ("area", "huyen-ntm-2021-2025", ["huyen_ntm"])
    assert [c["verdict"] for c in entry["conditions"]] == ["met", "cannot_verify", "no_data", "no_data", "no_data"]


def test_status_of_the_sponsor_plan_is_its_three_communes():
    entries = json.loads(run("status", "hoi-ccb-quang-tri", "--plans", str(PLANS), "--format", "json").output)["statuses"]
    assert [(e["kind"], e["unit"], f"{e['met']}/{e['total']}") for e in entries] == [
        ("unit", "Ba Tầng", "9/19"), ("unit", "Triệu Long", "16/19"), ("unit", "Triệu Phước", "19/19")]


def test_status_says_why_there_is_nothing():
    result = run("status", "hoi-ccb-quang-tri", "--plans", str(PLANS), "--year", "2021")
    assert (result.exit_code, result.output.strip()) == (
        0, "Kế hoạch hoi-ccb-quang-tri không có đánh giá nào của năm 2021 (có: 2020)")
    (entry,) = json.loads(run("status", "hoi-ccb-quang-tri", "--plans", str(PLANS), "--year", "2021",
                              "--format", "json").output)["statuses"]
    assert entry == {"kind": "none", "message": {
        "vi": "Kế hoạch hoi-ccb-quang-tri không có đánh giá nào của năm 2021 (có: 2020)",
        "en": "The plan hoi-ccb-quang-tri has no assessment for 2021 (it has: 2020)"}}


def test_status_of_a_commune_plan_without_assessments(tmp_path):
    from ntm.rules.examples import MINIMAL_PLAN

    (tmp_path / "vi-du.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    result = run("status", "vi-du", "--plans", str(tmp_path))
    assert result.output.strip() == ("Kế hoạch vi-du không có đánh giá tiêu chí nào (mục assessments) "
                                     "nên không có tình trạng để tính")
