"""`ntm report` (issue #4): the views over the seed plans, in every format, and the rules behind them."""

import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import ntm
from ntm.report import FORMATS, ReportError, build_report, write_charts, write_report
from ntm.report import collect
from ntm.rules.examples import MINIMAL_PLAN

PLANS = Path(__file__).resolve().parent.parent / "plans"
HUNG_MY_TOTAL = Decimal("8321.7")
SPONSOR_SCORES = {"Ba Tầng": "9/19", "Triệu Long": "16/19", "Triệu Phước": "19/19"}
TAN_YEN_2023 = {("xa_nang_cao", "Liên Sơn", 1), ("xa_nang_cao", "Lam Cốt", 1), ("xa_kieu_mau", "Việt Lập", 1),
                ("thon_kieu_mau", None, 13)}
LABELS = {"xa_nang_cao": "xã nông thôn mới nâng cao", "xa_kieu_mau": "xã nông thôn mới kiểu mẫu",
          "thon_kieu_mau": "thôn nông thôn mới kiểu mẫu"}
MONEY_COLUMNS = {"funding_lines": ["amount"], "funding_units": ["computed_total", "stated_total", "difference"],
                 "funding_sources": ["amount"], "funding_groups": ["amount"],
                 "funding_rollup": ["communes_total", "districts_total", "own_total", "own_stated_total"]}


@pytest.fixture(scope="module")
def report_2024():
    return build_report([PLANS], 2024, jobs=1)


@pytest.fixture(scope="module")
def report_2023():
    return build_report([PLANS], 2023, jobs=1)


@pytest.fixture(scope="module")
def report_2020():
    return build_report([PLANS], 2020, jobs=1)


def rows(frame) -> list[dict]:
    return frame.to_dict("records")


# ----- the views over the seeds ---------------------------------------------------------


def test_year_selects_plans_whose_period_contains_it(report_2024, report_2023):
    assert report_2024.files == 5 and report_2024.plans == 3  # Chỉ thị 06 is 2021 only
    assert set(report_2024["criteria"]["plan"]) == {"hung-my", "hoi-ccb-quang-tri"}
    assert "hung-my" not in set(report_2023["criteria"]["plan"])  # a 2024 plan; its 2023 baseline belongs to it
    assert build_report([PLANS], 2021, jobs=1).plans == 3  # Tân Yên, Chỉ thị 06, the sponsor plan


def test_criteria_matrix(report_2024):
    matrix = {r["unit"]: r for r in rows(report_2024["criteria"])}
    assert {u: r["score"] for u, r in matrix.items()} == {**SPONSOR_SCORES, "Hùng Mỹ": "19/19"}
    hung_my = matrix["Hùng Mỹ"]
    assert (hung_my["met"], hung_my["total"], hung_my["standard"]) == (19, 19, "xa_ntm")
    assert str(hung_my["as_of"]) == "2023-12-31" and hung_my["data_year"] == 2023  # the baseline counts for 2024
    assert all(hung_my[f"c{i}"] == "met" for i in range(1, 20))
    ba_tang = matrix["Ba Tầng"]
    assert ba_tang["unmet"] == "2, 5, 6, 8, 9, 10, 11, 13, 14, 17" and ba_tang["c2"] == "not_met" and ba_tang["c1"] == "met"
    assert ba_tang["target_standard"] == "xa_ntm" and pd.isna(ba_tang["standard"])


def test_phasing_for_the_year(report_2023, report_2024):
    phased = {(r["standard"], None if pd.isna(r["unit"]) else r["unit"], r["count"]) for r in rows(report_2023["phasing"])}
    assert phased == TAN_YEN_2023
    assert set(report_2024["phasing"]["year"]) == {2024}
    roadmap = {(r["year"], r["standard"]): r["count"] for r in rows(report_2024["roadmap"])}
    assert roadmap[(2023, "thon_kieu_mau")] == 13 and roadmap[(2023, "xa_nang_cao")] == 2
    assert sum(c for (y, s), c in roadmap.items() if s == "thon_kieu_mau") == 43


def test_targets_against_the_plans_own_phasing(report_2024):
    targets = {(r["standard"], r["year"], r["basis"]): r for r in rows(report_2024["targets"])}
    nang_cao = targets[("xa_nang_cao", 2025, "cumulative")]
    assert (nang_cao["target"], nang_cao["planned_own"], nang_cao["difference_own"]) == (11, 11, 0)
    assert targets[("thon_kieu_mau", 2024, "year")]["target"] == 6
    assert report_2024["disagreements"].empty


def test_funding_of_hung_my(report_2024):
    lines = report_2024["funding_lines"]
    mine = lines[lines["plan"] == "hung-my"]
    assert len(mine) == 9 and mine["counted"].all() and set(mine["basis"]) == {"year"}
    assert sum(mine["amount"], Decimal(0)) == HUNG_MY_TOTAL
    units = {r["plan"]: r for r in rows(report_2024["funding_units"])}
    assert (units["hung-my"]["sources"], units["hung-my"]["computed_total"], units["hung-my"]["stated_total"]) == (9, HUNG_MY_TOTAL, HUNG_MY_TOTAL)
    assert sum(report_2024["funding_sources"]["amount"], Decimal(0)) == HUNG_MY_TOTAL
    groups = {(r["group"], None if pd.isna(r["budget_level"]) else r["budget_level"]): r["amount"] for r in rows(report_2024["funding_groups"])}
    assert groups[("ctmtqg", None)] == Decimal("4291.9") and groups[("ngan_sach", "huyen")] == Decimal("1650.4")
    assert sum(groups.values(), Decimal(0)) == HUNG_MY_TOTAL


def test_multi_year_money_is_shown_but_not_added_to_a_year(report_2024):
    units = {r["plan"]: r for r in rows(report_2024["funding_units"])}
    tan_yen = units["tan-yen"]
    assert (tan_yen["basis"], tan_yen["computed_total"], tan_yen["stated_total"]) == ("period", Decimal(931359), Decimal(931359))
    assert "tan-yen" not in set(report_2024["funding_rollup"]["unit"])
    rollup = {(r["level"], r["unit"]): r for r in rows(report_2024["funding_rollup"])}
    assert rollup[("huyen", "Chiêm Hóa")]["communes_total"] == HUNG_MY_TOTAL
    assert rollup[("tinh", "Tuyên Quang")]["communes_total"] == HUNG_MY_TOTAL


def test_gaps(report_2020):
    gaps = rows(report_2020["gaps_criteria"])  # the sponsor's 2020 data, in its own period
    assert [(g["code"], g["unmet"], g["assessed"]) for g in gaps[:3]] == [("2", 2, 3), ("6", 2, 3), ("9", 2, 3)]
    assert gaps[0]["unmet_percent"] == Decimal("66.7")
    furthest = rows(report_2020["gaps_units"])
    assert [(u["unit"], u["missing"]) for u in furthest] == [("Ba Tầng", 10), ("Triệu Long", 3)]


# ----- every format shows the same facts -------------------------------------------------


def machine_facts(views: dict[str, list[dict]]) -> dict:
    lines = [r for r in views["funding_lines"] if r["plan"] == "hung-my"]
    unit = next(r for r in views["funding_units"] if r["plan"] == "hung-my") if lines else None
    return {
        "scores": {r["unit"]: r["score"] for r in views["criteria"]},
        "phasing": {(r["standard"], r["unit"] or None, int(r["count"])) for r in views["phasing"]},
        "hung_my": (len(lines), sum((Decimal(r["amount"]) for r in lines), Decimal(0)),
                    unit and (int(unit["sources"]), Decimal(unit["computed_total"]))),
    }


def human_facts(tables: dict[str, list[dict]]) -> dict:
    lines = [r for r in tables["funding_lines"] if r["Kế hoạch"] == "hung-my"]
    unit = next((r for r in tables["funding_units"] if r["Kế hoạch"] == "hung-my"), None)
    return {
        "scores": {r["Đơn vị"]: r["Đạt"] for r in tables["criteria"]},
        "phasing": {(r["Chuẩn"], r["Đơn vị"], r["Số đơn vị"]) for r in tables["phasing"]},
        "hung_my": (len(lines), [r["Số tiền (triệu đồng)"] for r in lines],
                    unit and (unit["Số nguồn"], unit["Cộng các nguồn (triệu đồng)"])),
    }


HUNG_MY_LINES_SHOWN = ["80,0", "3.494,3", "717,6", "135,0", "1.650,4", "240,0", "1.714,0", "245,4", "45,0"]  # one scale per column


def test_json_shows_the_seed_facts_and_round_trips(report_2024, report_2023):
    for report in (report_2024, report_2023):
        document = json.loads(write_report(report, "json"))
        assert document["kind"] == "ntm-report" and document["year"] == report.year
        assert (document["version"], document["ntm_version"]) == (1, ntm.__version__)
        facts = machine_facts(document["views"])
        assert {u: facts["scores"][u] for u in SPONSOR_SCORES} == SPONSOR_SCORES
        assert_round_trip(report, {name: pd.DataFrame(v, columns=document["columns"][name])
                                   for name, v in document["views"].items()})
    facts_2024 = machine_facts(json.loads(write_report(report_2024, "json"))["views"])
    assert facts_2024["scores"]["Hùng Mỹ"] == "19/19"
    assert facts_2024["hung_my"] == (9, HUNG_MY_TOTAL, (9, HUNG_MY_TOTAL))
    assert machine_facts(json.loads(write_report(report_2023, "json"))["views"])["phasing"] == TAN_YEN_2023
    money = json.loads(write_report(report_2024, "json"))["views"]["funding_units"]
    assert {type(r["computed_total"]) for r in money} == {str}  # exact decimal strings, never floats
    assert next(r for r in money if r["plan"] == "hung-my")["computed_total"] == "8321.7"


def test_csv_is_a_folder_of_views_that_round_trips(report_2024, report_2023, tmp_path):
    for report in (report_2024, report_2023):
        folder = tmp_path / str(report.year)
        assert write_report(report, "csv", folder) is None
        assert sorted(p.stem for p in folder.glob("*.csv")) == sorted(name for name, _ in report.views())
        money = {c for cols in MONEY_COLUMNS.values() for c in cols}
        read = {p.stem: pd.read_csv(p, dtype={c: str for c in money | {"unit", "score", "plan"}}, keep_default_na=False)
                for p in folder.glob("*.csv")}
        views = {name: [{k: (None if v == "" else v) for k, v in row.items()} for row in frame.to_dict("records")]
                 for name, frame in read.items()}
        facts = machine_facts(views)
        assert {u: facts["scores"][u] for u in SPONSOR_SCORES} == SPONSOR_SCORES
        assert_round_trip(report, {n: f.replace("", None) for n, f in read.items()})
        if report.year == 2024:
            assert facts["scores"]["Hùng Mỹ"] == "19/19" and facts["hung_my"] == (9, HUNG_MY_TOTAL, (9, HUNG_MY_TOTAL))
        else:
            assert facts["phasing"] == TAN_YEN_2023
    assert (tmp_path / "2024" / "criteria.csv").read_bytes().startswith(b"\xef\xbb\xbfunit,level,")


def assert_round_trip(report, read: dict) -> None:
    """Every money column sums to the same Decimal, every integer column to the same integer."""
    for name, columns in MONEY_COLUMNS.items():
        for column in columns:
            original = sum((v for v in report[name][column] if not pd.isna(v)), Decimal(0))
            back = sum((Decimal(v) for v in read[name][column] if v is not None and not pd.isna(v)), Decimal(0))
            assert back == original, (name, column)
    integers = {"criteria": ("met", "total"), "phasing": ("count",), "roadmap": ("count",), "gaps_criteria": ("unmet",),
                "funding_units": ("sources",)}
    for name, columns in integers.items():
        for column in columns:
            assert int(pd.to_numeric(read[name][column]).sum()) == int(report[name][column].sum()), (name, column)


def md_tables(text: str) -> dict[str, list[dict]]:
    """Rows of a Markdown report's tables by section number → view name (several tables in a section joined)."""
    from ntm.report import VIEW_NAMES

    found, current, header = {}, None, None
    for line in text.splitlines():
        heading = re.match(r"## (\d+)\. ", line)
        if heading:
            current, header = VIEW_NAMES[int(heading.group(1)) - 1], None
            found[current] = []
        elif line.startswith("|") and current:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if header is None:
                header = cells
            elif not set(line) <= set("|-: "):
                found[current].append(dict(zip(header, cells)))
        else:
            header = None  # the matrix has one table per criteria set
    return found


def test_markdown_shows_the_seed_facts(report_2024, report_2023):
    tables = md_tables(write_report(report_2024, "md"))
    facts = human_facts(tables)
    assert {u: facts["scores"][u] for u in [*SPONSOR_SCORES, "Hùng Mỹ"]} == {**SPONSOR_SCORES, "Hùng Mỹ": "19/19"}
    assert facts["hung_my"] == (9, HUNG_MY_LINES_SHOWN, ("9", "8.321,7"))
    assert tables["funding_sources"][-1]["Số tiền (triệu đồng)"] == "**8.321,7**"  # the total row
    phased = human_facts(md_tables(write_report(report_2023, "md")))["phasing"]
    assert phased == {(LABELS[s], u or "(không nêu tên)", str(c)) for s, u, c in TAN_YEN_2023}


def test_xlsx_is_a_workbook_to_hand_on(report_2024, report_2023, tmp_path):
    from openpyxl import load_workbook

    for report in (report_2024, report_2023):
        path = tmp_path / f"bao-cao-{report.year}.xlsx"
        assert write_report(report, "xlsx", path) is None
        sheets = list(pd.read_excel(path, sheet_name=None, dtype=object).values())
        matrix = [s for s in sheets if "Đạt" in s.columns and "Năm số liệu" in s.columns]
        sheets = [pd.concat(matrix)] + sheets[len(matrix):]
        tables = dict(zip([name for name, _ in report.views()], [s.to_dict("records") for s in sheets]))
        facts = human_facts(tables)
        assert {u: facts["scores"][u] for u in SPONSOR_SCORES} == SPONSOR_SCORES
        if report.year == 2023:
            assert {(s, u, int(c)) for s, u, c in facts["phasing"]} == {(LABELS[s], u or "(không nêu tên)", c) for s, u, c in TAN_YEN_2023}
    book = load_workbook(tmp_path / "bao-cao-2024.xlsx")
    units = book["Kinh phí từng KH"]
    header = [c.value for c in units[1]]
    row = next(r for r in units.iter_rows(min_row=2) if r[header.index("Kế hoạch")].value == "hung-my")
    total = row[header.index("Cộng các nguồn (triệu đồng)")]
    assert (row[header.index("Số nguồn")].value, Decimal(str(total.value)), total.number_format) == (9, HUNG_MY_TOTAL, "#,##0.0")
    lines = book["Nguồn vốn từng KH"]
    header = [c.value for c in lines[1]]
    amounts = [r[header.index("Số tiền (triệu đồng)")].value for r in lines.iter_rows(min_row=2)
               if r[header.index("Kế hoạch")].value == "hung-my"]
    assert len(amounts) == 9 and sum(Decimal(str(a)) for a in amounts) == HUNG_MY_TOTAL
    matrix = book["TC xa-ntm-2021-2025"]  # one sheet per criteria set: TC2 means another criterion in another set
    assert matrix.freeze_panes == "A2" and matrix["A1"].font.b and matrix.column_dimensions["A"].width == 20
    scores = {r[0].value: r[[c.value for c in matrix[1]].index("Đạt")].value for r in matrix.iter_rows(min_row=2)}
    assert scores == {"Hùng Mỹ": "19/19"}
    assert book.sheetnames[:2] == ["TC xa-ntm-2021-2025", "TC xa-ntm-2016-2020"]
    assert len(book.sheetnames) == len(report_2024.views()) + 1
    assert load_workbook(tmp_path / "bao-cao-2023.xlsx").sheetnames[0] == "Tiêu chí"  # one set: one sheet


def section(text: str, number: int) -> list[str]:
    parts = re.split(r"^(\d+)\. ", text, flags=re.M)
    return dict(zip(map(int, parts[1::2]), parts[2::2]))[number].splitlines()


def test_text_shows_the_seed_facts(report_2024, report_2023):
    text = write_report(report_2024, "text", color=False)
    assert "\x1b[" not in text
    matrix = section(text, 1)
    for unit, score in {**SPONSOR_SCORES, "Hùng Mỹ": "19/19"}.items():
        assert any(unit in line and f" {score} " in line for line in matrix), unit
    lines = [line for line in section(text, 5) if "hung-my" in line]
    assert [line.split()[-1] for line in lines] == HUNG_MY_LINES_SHOWN
    hung_my = next(line for line in section(text, 6) if "hung-my" in line)
    assert re.search(r"\s9\s+8\.321,7\s+8\.321,7\s", hung_my)
    assert any("Tổng cộng" in line and "8.321,7" in line for line in section(text, 7))
    phasing = section(write_report(report_2023, "text", color=False), 2)
    for standard, unit, count in TAN_YEN_2023:
        shown = unit or "(không nêu tên)"
        assert any(shown in line and LABELS[standard] in line and f" {count} " in line for line in phasing), unit


def test_colour_only_on_a_terminal_without_no_color(report_2024, monkeypatch):
    assert "\x1b[" in write_report(report_2024, "text", color=True)

    class Tty:
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in write_report(report_2024, "text")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in write_report(report_2024, "text")


def test_text_and_markdown_files_are_written_whole(report_2024, tmp_path):
    for fmt in ("text", "md", "json"):
        path = tmp_path / f"r.{fmt}"
        assert write_report(report_2024, fmt, path) is None
        assert "Hùng Mỹ" in path.read_text(encoding="utf-8") and "\x1b[" not in path.read_text(encoding="utf-8")


def test_screen_shows_at_most_max_rows_and_says_so(report_2024):
    text = write_report(report_2024, "text", color=False, max_rows=1)
    assert "… còn 2 dòng nữa" in text  # the sponsor's three communes (2016-2020 set), one shown
    matrix = section(text, 1)
    assert any("Hùng Mỹ" in line for line in matrix) and any("Ba Tầng" in line for line in matrix)
    assert not any("Triệu Long" in line for line in matrix)


def test_english_headers_on_request(report_2024):
    text = write_report(report_2024, "text", lang="en", color=False)
    assert "Criteria matrix" in text and "Funding for 2024 by source" in text


# ----- charts ---------------------------------------------------------------------------


def test_charts_are_pngs(report_2024, tmp_path):
    written = write_charts(report_2024, tmp_path / "charts")
    assert [p.name for p in written] == ["tieu-chi-dat.png", "kinh-phi-theo-nguon.png", "lo-trinh-theo-nam.png"]
    for path in written:
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and path.stat().st_size > 5000


def test_charts_of_an_empty_report(tmp_path):
    empty = build_report([PLANS], 2019, jobs=1)  # before every plan (2030 shows the old plans' data as stale)
    assert empty.plans == 0 and all(frame.empty for _, frame in empty.views())
    assert len(write_charts(empty, tmp_path)) == 3


# ----- filters --------------------------------------------------------------------------


def test_unit_filter_keeps_a_unit_and_everything_under_it():
    tan_yen = build_report([PLANS], 2023, unit="tan-yen", jobs=1)
    assert set(tan_yen["phasing"]["plan"]) == {"tan-yen"} and tan_yen["criteria"].empty
    trieu_phong = build_report([PLANS], 2024, unit="quang-tri/trieu-phong", jobs=1)
    assert set(trieu_phong["criteria"]["unit"]) == {"Triệu Long", "Triệu Phước"}
    by_plan = build_report([PLANS], 2024, unit="hoi-ccb-quang-tri", jobs=1)
    assert len(by_plan["criteria"]) == 3
    lien_son = build_report([PLANS], 2023, unit="lien-son", jobs=1)
    assert list(lien_son["phasing"]["unit"]) == ["Liên Sơn"]


def test_level_and_standard_filters():
    communes = build_report([PLANS], 2024, level="xa", jobs=1)
    assert set(communes["criteria"]["level"]) == {"xa"} and communes["targets"].empty
    districts = build_report([PLANS], 2024, level="huyen", jobs=1)
    assert districts["criteria"].empty and set(districts["targets"]["plan"]) == {"tan-yen"}
    model = build_report([PLANS], 2023, standard="xa-kieu-mau", jobs=1)
    assert list(model["phasing"]["unit"]) == ["Việt Lập"]
    assert set(model["targets"]["standard"]) == {"xa_kieu_mau"}


@pytest.mark.parametrize("options, code", [
    ({"year": 1800}, "P010"), ({"level": "xom"}, "P011"), ({"standard": "zzz"}, "P012"),
    ({"standard": "ntm"}, "U032"), ({"as_of_units": 2030}, "P013"), ({"unit": "///"}, "P016"),
])
def test_bad_options_are_usage_errors_before_any_work(options, code, monkeypatch):
    monkeypatch.setattr(collect, "collect_all", lambda *a, **k: pytest.fail("files were read"))
    arguments = {"year": 2024, **options}
    with pytest.raises(ReportError) as caught:
        build_report([PLANS], arguments.pop("year"), **arguments)
    assert caught.value.code == code and caught.value.message("vi")


def test_bad_format_and_missing_output(report_2024):
    with pytest.raises(ReportError) as caught:
        write_report(report_2024, "pdf")
    assert caught.value.code == "P014" and "text | json | csv | md | xlsx" in str(caught.value)
    for fmt in ("csv", "xlsx"):
        with pytest.raises(ReportError) as caught:
            write_report(report_2024, fmt)
        assert caught.value.code == "P015"
    assert FORMATS == ("text", "json", "csv", "md", "xlsx")


# ----- across plans: disagreements, aggregates, broken files, the 2025 units -----------------

LAM_COT = """\
schema_version: 1
slug: lam-cot
unit: {level: xa, name: Lam Cốt, district: Tân Yên, province: Bắc Giang, region: TDMNPB}
criteria_set: xa-ntm-2021-2025
period: {start: 2024, end: 2024}
document: {kind: KH, title: Kế hoạch năm 2024, date: 2024-01-15}
assessments:
  - as_of: 2023-12-31
    criteria_set: xa-ntm-2021-2025
    declared: {met: 18, unmet: 1, total: 19}
    criteria: {"17": not_met}
phasing:
  - {standard: xa_nang_cao, year: 2025, units: [Lam Cốt]}
funding:
  total: 90
  lines:
    - {source: ngan_sach_nha_nuoc, amount: 100}
    - {source: ngan_sach_tinh, amount: 60}
    - {source: ngan_sach_xa, amount: 30}
"""

TRIEU_LONG = """\
schema_version: 1
slug: trieu-long
unit: {level: xa, name: Triệu Long, district: Triệu Phong, province: Quảng Trị, region: BTB}
criteria_set: xa-ntm-2016-2020
period: {start: 2021, end: 2025}
document: {kind: KH, title: Kế hoạch giai đoạn 2021-2025, date: 2021-01-10}
assessments:
  - as_of: 2020-12-31
    criteria_set: xa-ntm-2016-2020
    declared: {met: 17, unmet: 2, total: 19}
    criteria: {"2": not_met, "9": not_met}
"""

BAC_GIANG = """\
schema_version: 1
slug: bac-giang
unit: {level: tinh, name: Bắc Giang, region: TDMNPB}
period: {start: 2021, end: 2025}
document: {kind: KH, title: Kế hoạch của tỉnh}
targets:
  - {standard: xa_nang_cao, count: 12}
"""

THUAN_HOA = """\
schema_version: 1
slug: thuan-hoa
unit: {level: xa, name: Thuận Hòa, district: Vị Xuyên, province: Hà Giang, region: TDMNPB}
criteria_set: xa-ntm-2021-2025
period: {start: 2024, end: 2024}
document: {kind: KH, title: Kế hoạch năm 2024, date: 2024-03-01}
funding:
  total: 1000.5
  lines:
    - {source: ngan_sach_huyen, amount: 1000.5}
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("plans")
    shutil.copytree(PLANS, root, dirs_exist_ok=True)
    for name, text in {"bac-giang/lam-cot.yaml": LAM_COT, "quang-tri/trieu-long.yaml": TRIEU_LONG,
                       "bac-giang/bac-giang.yaml": BAC_GIANG, "ha-giang/thuan-hoa.yaml": THUAN_HOA,
                       "hong/loi-cu-phap.yaml": "slug: [khong-dong\n", "hong/sai-kieu.yaml": MINIMAL_PLAN + "period: 2024\n"}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_broken_files_are_skipped_with_diagnostics(tree):
    report = build_report([tree], 2024, jobs=1)
    assert report.files == 9
    assert [Path(f).name for f in report.skipped_files] == ["loi-cu-phap.yaml", "sai-kieu.yaml"]
    skipped = report.view("skipped")
    assert {"Y005"} <= set(skipped["code"]) and skipped["message"].str.len().min() > 0
    assert "Y005" in write_report(report, "text", color=False)
    assert json.loads(write_report(report, "json"))["views"]["skipped"][0]["file"].endswith("loi-cu-phap.yaml")


def test_where_plans_disagree(tree):
    report = build_report([tree], 2024, jobs=1)
    found = {(r["kind"], r["unit"]): r for r in rows(report["disagreements"])}
    phased = found[("phasing_year", "Lam Cốt")]
    assert (phased["plan"], phased["value"], phased["other_plan"], phased["other_value"]) == ("lam-cot", "2025", "tan-yen", "2023")
    assessed = found[("criteria_count", "Triệu Long")]
    assert (assessed["value"], assessed["other_value"]) == ("16/19", "17/19")
    below = found[("target_below", "Bắc Giang")]
    assert (below["plan"], below["value"], below["other_value"]) == ("bac-giang", "12", "11")
    aggregate = found[("aggregate_parts", "Lam Cốt")]
    assert (aggregate["value"], aggregate["other_value"]) == ("100", "90")
    target = next(r for r in rows(report["targets"]) if r["plan"] == "bac-giang")
    assert (target["planned_below"], target["plans_below"], target["difference_below"]) == (11, 2, -1)
    assert "hai kế hoạch phân kỳ khác năm" in write_report(report, "text", color=False)


def test_an_aggregate_line_beside_its_parts_is_not_counted_twice(tree):
    report = build_report([tree], 2024, jobs=1)
    lines = report["funding_lines"]
    mine = lines[lines["plan"] == "lam-cot"]
    assert dict(zip(mine["source"], mine["counted"])) == {"ngan_sach_nha_nuoc": False, "ngan_sach_tinh": True, "ngan_sach_xa": True}
    unit = next(r for r in rows(report["funding_units"]) if r["plan"] == "lam-cot")
    assert (unit["computed_total"], unit["difference"]) == (Decimal(90), Decimal(0))
    tan_yen = lines[lines["plan"] == "tan-yen"]
    assert tan_yen["counted"].all()  # an aggregate alone is the only figure there is: counted


def test_latest_assessment_up_to_the_year():
    report = build_report([PLANS], 2019, jobs=1)
    assert report.plans == 0  # the sponsor plan starts in 2020


def test_units_rolled_into_the_2025_structure(tree):
    report = build_report([tree], 2024, as_of_units=2025, jobs=1)
    matrix = {r["unit"]: r for r in rows(report["criteria"])}
    assert (matrix["Hùng Mỹ"]["commune_2025"], matrix["Hùng Mỹ"]["province_2025"]) == ("Tân Mỹ", "Tuyên Quang")
    rollup = {(r["level"], r["unit"]): r for r in rows(report["funding_rollup"])}
    merged = rollup[("tinh", "Tuyên Quang")]  # Hà Giang merged into Tuyên Quang on 1 July 2025
    assert (merged["commune_plans"], merged["communes_total"]) == (2, HUNG_MY_TOTAL + Decimal("1000.5"))
    together = build_report([tree], 2024, as_of_units=2025, unit="tuyen-quang", jobs=1)
    assert set(together["funding_units"]["plan"]) == {"hung-my", "thuan-hoa"}
    apart = build_report([tree], 2024, unit="tuyen-quang", jobs=1)
    assert set(apart["funding_units"]["plan"]) == {"hung-my"}
    assert "Xã từ 01/7/2025" in write_report(report, "md") and "Xã từ 01/7/2025" not in write_report(apart, "md")


# ----- parallel loading, cache, lazy imports ----------------------------------------------


def test_parallel_and_serial_give_the_same_report(tree, monkeypatch):
    serial = build_report([tree], 2024, jobs=1)
    import ntm.parallel

    monkeypatch.setattr(ntm.parallel, "PARALLEL_THRESHOLD", 1)
    parallel = build_report([tree], 2024, jobs=2)
    assert write_report(parallel, "json") == write_report(serial, "json")


def test_cache_gives_the_same_records_without_reading_plans(tree, tmp_path, monkeypatch):
    cache = collect.ReportCache(tmp_path / "cache")
    first = build_report([tree], 2024, jobs=1, cache=cache)
    monkeypatch.setattr(collect, "collect_file", lambda *a, **k: pytest.fail("a cached file was read again"))
    again = build_report([tree], 2023, jobs=1, cache=collect.ReportCache(tmp_path / "cache"))
    assert again.plans >= 1 and first.files == again.files
    assert write_report(build_report([tree], 2024, jobs=1, cache=collect.ReportCache(tmp_path / "cache")), "json") == \
        write_report(first, "json")


def test_pandas_is_not_imported_by_the_package_or_by_validate():
    code = ("import sys, ntm.report, ntm.validate, ntm.cli; "
            "assert not {'pandas', 'matplotlib', 'openpyxl'} & set(sys.modules), sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)
