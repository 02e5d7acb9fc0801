"""`ntm new`: skeletons per level, a new year's plan from last year's, and refusals."""

from pathlib import Path

import pytest

from ntm.diagnostics import Severity
from ntm.locate import NotFound, find_plan
from ntm.scaffold import NewPlanRefused, new_period, new_plan
from ntm.validate import check_file
from ntm.yamlio import load_file

REPO = Path(__file__).resolve().parents[1]
HUNG_MY = REPO / "plans" / "tuyen-quang" / "hung-my.yaml"

PREVIOUS = """\
# yaml-language-server: $schema=../../schema/plan.schema.json
# Nguồn: bản chép thử nghiệm (năm 2024).
schema_version: 1
slug: xa-2024
unit:
  level: xa
  name: Hùng Mỹ
  district: Chiêm Hóa
  province: Tuyên Quang
  region: TDMNPB
criteria_set: xa-ntm-2021-2025
overlay: tuyen-quang-479-2022
period:
  start: 2024
  end: 2024
baseline_as_of: 2023-12-31
document:
  kind: KH
  number: 05/KH-BCĐ
  # Cơ quan ban hành lấy từ câu dẫn.
  issuer: Ban Chỉ đạo xã Hùng Mỹ
  place: Hùng Mỹ
  date: 2024-02-22
  title: Thực hiện Chương trình xây dựng nông thôn mới năm 2024, xã Hùng Mỹ
  legal_bases:
    - text: Căn cứ Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ;
      kind: QĐ
      number: 318/QĐ-TTg
      date: 2022-03-08
  recipients:
    - UBND huyện
    - Các thôn trên địa bàn xã
  archive: BCĐ
  signature:
    authority:
      - form: TM
        of: BAN CHỈ ĐẠO XÃ
    title: TRƯỞNG BAN
    name: Ma Đình Sắc
assessments:
  - as_of: 2023-12-31
    criteria_set: xa-ntm-2021-2025
    declared: {met: 19, unmet: 0, total: 19}
    indicators:
      "10":
        targets:
          - {label: Thu nhập bình quân, value: 49, unit: triệu đồng/người/năm}
      "17.8":
        measures:
          # Số liệu hiện trạng đầu năm.
          - label: Nhà tiêu hợp vệ sinh
            count: 1276
            of: 1413
            percent: 90.3
            unit: hộ
        targets:
          - {label: Nhà tiêu hợp vệ sinh, percent: 92, qualifier: at_least}
tasks:
  # Tiêu chí 2
  - criterion: "2"
    what: "Đường trục thôn: bê tông hóa"
    quantity: 0.51
    unit: km
    sources: [ctmtqg_dtts]
    amount: 1714.0
funding:
  unit: triệu đồng
  # Tổng ghi trong văn bản.
  total: 1794.0
  lines:
    - {source: ctmtqg_ntm, label: Vốn CTMTQG XD NTM, amount: 80}
    - source: ctmtqg_dtts
      amount: 1714.0
phasing:
  - {standard: xa_nang_cao, year: 2024, units: [Hùng Mỹ]}
sections:
  purpose: Mục đích năm 2024.
notes:
  - Ghi chú năm 2024.
"""


@pytest.fixture
def repo(tmp_path):
    """A plans repository in miniature: schema/plan.schema.json and plans/tuyen-quang/."""
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "plan.schema.json").write_text("{}\n", encoding="utf-8")
    folder = tmp_path / "plans" / "tuyen-quang"
    folder.mkdir(parents=True)
    (folder / "xa-2024.yaml").write_text(PREVIOUS, encoding="utf-8")
    return tmp_path


def errors(path):
    return [d for d in check_file(path).diagnostics if d.severity is Severity.ERROR]


def test_new_from_last_year_validates_and_carries_what_it_should(repo):
    previous = repo / "plans" / "tuyen-quang" / "xa-2024.yaml"
    path = new_plan("xa-2025", "xa", 2025, from_plan_path=previous)
    assert path == repo / "plans" / "tuyen-quang" / "xa-2025.yaml"
    assert errors(path) == []
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/plan.schema.json"
    data = load_file(path).data
    assert data["slug"] == "xa-2025"
    assert data["period"] == {"start": 2025, "end": 2025}
    assert data["baseline_as_of"] == "2024-12-31"
    assert data["unit"]["name"] == "Hùng Mỹ" and data["overlay"] == "tuyen-quang-479-2022"
    document = data["document"]
    assert document["number"] == "/KH-BCĐ" and "date" not in document
    assert document["title"] == "Thực hiện Chương trình xây dựng nông thôn mới năm 2025, xã Hùng Mỹ"
    assert document["signature"]["name"] == "Ma Đình Sắc" and len(document["legal_bases"]) == 1
    assert document["recipients"] == ["UBND huyện", "Các thôn trên địa bàn xã"]
    assert data["tasks"] == [] and data["funding"] == {"unit": "triệu đồng", "lines": []}
    for dropped in ("phasing", "sections", "notes"):
        assert dropped not in data


def test_last_years_status_is_the_new_baseline(repo):
    path = new_plan("xa-2025", None, 2025, from_plan_path=repo / "plans" / "tuyen-quang" / "xa-2024.yaml")
    (assessment,) = load_file(path).data["assessments"]
    assert assessment["as_of"] == "2024-12-31"
    assert assessment["declared"] == {"met": 19, "unmet": 0, "total": 19}
    assert list(assessment["indicators"]) == ["17.8"]  # "10" had only last year's target
    assert "targets" not in assessment["indicators"]["17.8"]
    assert str(assessment["indicators"]["17.8"]["measures"][0]["percent"]) == "90.3"


def test_comments_of_carried_parts_stay_and_last_years_header_goes(repo):
    path = new_plan("xa-2025", "xa", 2025, from_plan_path=repo / "plans" / "tuyen-quang" / "xa-2024.yaml")
    text = path.read_text(encoding="utf-8")
    assert "  # Cơ quan ban hành lấy từ câu dẫn.\n" in text
    assert "# Số liệu hiện trạng đầu năm." in text
    assert "Nguồn: bản chép thử nghiệm" not in text and "# Tiêu chí 2" not in text
    assert text.count("yaml-language-server") == 1


@pytest.mark.parametrize("level", ["xa", "huyen", "tinh", "thon"])
@pytest.mark.parametrize("year", [2025, 2026])
def test_skeleton_for_each_level_validates(repo, level, year):
    path = new_plan(f"moi-{level}", level, year, plans_dir=repo / "plans")
    assert errors(path) == []
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.schema.json\n")
    assert "«" in text  # placeholders to fill in
    data = load_file(path).data
    assert data["unit"]["level"] == level and data["period"] == {"start": year, "end": year}


def test_existing_target_is_refused_and_left_alone(repo):
    target = repo / "plans" / "tuyen-quang" / "xa-2024.yaml"
    before = target.read_bytes()
    with pytest.raises(NewPlanRefused) as refused:
        new_plan("xa-2024", "xa", 2025, from_plan_path=target)
    assert [d.code for d in refused.value.diagnostics] == ["N002"]
    assert target.read_bytes() == before


@pytest.mark.parametrize("slug, level, year, code", [
    ("Hung My", "xa", 2025, "N001"),
    ("hung-my-", "xa", 2025, "N001"),
    ("hung-my-2025", "commune", 2025, "N003"),
    ("hung-my-2025", "xa", 1900, "N007"),
])
def test_bad_arguments_are_refused_and_nothing_is_written(repo, slug, level, year, code):
    folder = repo / "plans"
    before = sorted(folder.rglob("*"))
    with pytest.raises(NewPlanRefused) as refused:
        new_plan(slug, level, year, plans_dir=folder)
    assert code in [d.code for d in refused.value.diagnostics]
    assert sorted(folder.rglob("*")) == before


def test_level_must_match_the_previous_plan(repo):
    with pytest.raises(NewPlanRefused) as refused:
        new_plan("xa-2025", "huyen", 2025, from_plan_path=repo / "plans" / "tuyen-quang" / "xa-2024.yaml")
    assert [d.code for d in refused.value.diagnostics] == ["N004"]


def test_a_result_that_would_not_validate_is_refused_unless_forced(repo):
    previous = repo / "plans" / "tuyen-quang" / "xa-2024.yaml"
    previous.write_text(PREVIOUS.replace("name: Hùng Mỹ\n", "name: Hùng Mộ\n"), encoding="utf-8")
    with pytest.raises(NewPlanRefused) as refused:
        new_plan("xa-2025", "xa", 2025, from_plan_path=previous)
    assert refused.value.diagnostics[0].code == "N006"
    assert not (previous.parent / "xa-2025.yaml").exists()
    assert new_plan("xa-2025", "xa", 2025, from_plan_path=previous, force=True).exists()


def test_a_longer_period_moves_to_start_in_the_new_year():
    assert new_period(2024, 2024, 2025) == (2025, 2025)
    assert new_period(2021, 2025, 2026) == (2026, 2030)


def test_find_plan_by_slug_or_path(repo):
    plans = repo / "plans"
    assert find_plan("xa-2024", plans) == plans / "tuyen-quang" / "xa-2024.yaml"
    assert find_plan(str(plans / "tuyen-quang" / "xa-2024.yaml"), plans).name == "xa-2024.yaml"
    with pytest.raises(NotFound):
        find_plan("khong-co", plans)


def test_hung_my_2024_to_2025_validates_with_no_errors(tmp_path):
    copy = tmp_path / "plans" / "tuyen-quang" / "hung-my.yaml"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(HUNG_MY.read_bytes())
    path = new_plan("hung-my-2025", "xa", 2025, from_plan_path=copy)
    assert errors(path) == []
    data = load_file(path).data
    assert data["period"] == {"start": 2025, "end": 2025} and data["baseline_as_of"] == "2024-12-31"
    assert data["document"]["number"] == "/KH-BCĐ" and data["tasks"] == []
