"""`ntm new`: skeletons per level, a new year's plan from last year's (nothing dated from the old year
left as if it were the new one's), and refusals. Across the 2025 reform: tests/test_new_merged_commune.py."""

import re
from pathlib import Path

import pytest

from ntm.diagnostics import Severity
from ntm.locate import NotFound, find_plan
from ntm.carry import new_period
from ntm.scaffold import NewPlanRefused, create_plan, new_plan
from ntm.validate import check_file
from ntm.years import mentions
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


def test_last_years_assessment_keeps_its_own_date_and_says_so(repo):
    """Last year's figures are not re-dated to the new baseline: they were measured at 31/12/2023."""
    created = create_plan("xa-2025", None, 2025, repo / "plans" / "tuyen-quang" / "xa-2024.yaml")
    (assessment,) = load_file(created.path).data["assessments"]
    assert assessment["as_of"] == "2023-12-31"
    assert assessment["declared"] == {"met": 19, "unmet": 0, "total": 19}
    assert list(assessment["indicators"]) == ["17.8"]  # "10" had only last year's target
    assert "targets" not in assessment["indicators"]["17.8"]
    assert str(assessment["indicators"]["17.8"]["measures"][0]["percent"]) == "90.3"
    (note,) = [d for d in created.notes if d.code == "N011"]
    assert note.severity is Severity.INFO
    assert note.message("vi") == ("Đánh giá ngày 31/12/2023 được giữ nguyên ngày (số liệu cũ, không phải hiện trạng "
                                  "tại 31/12/2024); hãy thêm đánh giá tại ngày 31/12/2024")


def test_comments_of_carried_parts_stay_and_last_years_header_goes(repo):
    path = new_plan("xa-2025", "xa", 2025, from_plan_path=repo / "plans" / "tuyen-quang" / "xa-2024.yaml")
    text = path.read_text(encoding="utf-8")
    assert "  # Cơ quan ban hành lấy từ câu dẫn.\n" in text
    assert "# Số liệu hiện trạng đầu năm." in text
    assert "Nguồn: bản chép thử nghiệm" not in text and "# Tiêu chí 2" not in text
    assert text.count("yaml-language-server") == 1


# ----- nothing dated from the old year (issue 12.11), on the real Hùng Mỹ 2024 plan ----------


@pytest.fixture
def hung_my_2025(tmp_path):
    copy = tmp_path / "plans" / "tuyen-quang" / "hung-my.yaml"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(HUNG_MY.read_bytes())
    return create_plan("hung-my-2025", "xa", 2025, copy, tmp_path / "plans")


def test_hung_my_2024_to_2025_validates_with_no_errors(hung_my_2025):
    path = hung_my_2025.path
    assert errors(path) == []
    data = load_file(path).data
    assert data["period"] == {"start": 2025, "end": 2025} and data["baseline_as_of"] == "2024-12-31"
    assert data["document"]["number"] == "/KH-BCĐ" and data["tasks"] == []


def test_legal_bases_about_last_years_budget_are_not_carried(hung_my_2025):
    """01/QĐ-UBND, 23/QĐ-UBND and 598/QĐ-UBND allocate the 2024 budget; 318, 263, 479 (2021-2025) and the
    Party resolution (to 2025) still stand for 2025."""
    bases = load_file(hung_my_2025.path).data["document"]["legal_bases"]
    assert [b["number"] for b in bases] == ["318/QĐ-TTg", "263/QĐ-TTg", "479/QĐ-UBND", "08-NQ/ĐU"]
    dropped = [d for d in hung_my_2025.notes if d.code == "N008"]
    assert sorted(re.search(r"số (\S+)", d.params["text"])[1] for d in dropped) == ["01/QĐ-UBND", "23/QĐ-UBND", "598/QĐ-UBND"]
    assert {d.params["years"] for d in dropped} == {"2024"}


def test_quarter_iv_of_last_year_becomes_quarter_iv_of_the_new_year(hung_my_2025):
    data = load_file(hung_my_2025.path).data
    duty = next(d for d in data["duties"] if d["body"] == "Ban Chỉ đạo nông thôn mới xã")
    assert duty["deadline"] == "2025-12-31" and duty["deadline_text"] == "trong quý IV năm 2025"
    assert duty["text"].endswith("hoàn thành báo cáo đánh giá trong quý IV năm 2025.")
    assert data["monitoring"][0]["text"] == "Kiểm tra, đôn đốc thực hiện hoàn thành báo cáo đánh giá trong quý IV năm 2025."
    assert data["monitoring"][0]["due"] == "2025-12-31"
    text = hung_my_2025.path.read_text(encoding="utf-8")
    assert '# "trong quý IV năm 2025": hạn cuối là ngày cuối quý IV.' in text  # its comment moves with it
    assert [d.params["field"] for d in hung_my_2025.notes if d.code == "N009"] == ["duties", "duties", "monitoring"]


def test_no_year_outside_the_new_period_is_left_in_duties_monitoring_or_legal_bases(hung_my_2025):
    """Each legal basis kept is about a time that includes 2025 (the Party resolution names 2022 and 2025);
    duties and monitoring name no other year than 2025."""
    data = load_file(hung_my_2025.path).data
    for basis in data["document"]["legal_bases"]:
        about = [m for m in mentions(basis["text"]) if m.kind in ("year", "span")]  # not issue dates, numbers
        assert about and any(m.overlaps(2025, 2025) for m in about), basis["text"]
    texts = [str(v) for d in data["duties"] + data["monitoring"] for v in d.values()]
    named = [m for t in texts for m in mentions(t)]
    assert named and all(m.first == m.last == 2025 for m in named)
    assert [d for d in check_file(hung_my_2025.path).diagnostics if d.code == "R402"] == []


def test_a_longer_plan_leaves_out_what_names_a_year_outside_its_new_period(repo):
    """No yearly rhythm to follow: a 2022-2023 plan's "hoàn thành trước năm 2023" is not moved to 2025."""
    previous = repo / "plans" / "tuyen-quang" / "xa-2024.yaml"
    previous.write_text(PREVIOUS.replace("  start: 2024\n  end: 2024\n", "  start: 2022\n  end: 2023\n")
                        .replace("baseline_as_of: 2023-12-31", "baseline_as_of: 2021-12-31")
                        .replace("  date: 2024-02-22\n", "  date: 2022-03-10\n")
                        .replace("phasing:\n  - {standard: xa_nang_cao, year: 2024, units: [Hùng Mỹ]}\n", "")
                        .replace("    amount: 1714.0\nfunding:", "    amount: 1714.0\nduties:\n"
                                 "  - {body: Các thôn, text: Hoàn thành kế hoạch trước năm 2023.}\n"
                                 "  - {body: BCĐ xã, text: Kiểm tra hằng tháng.}\nfunding:"), encoding="utf-8")
    assert errors(previous) == []
    created = create_plan("xa-2024-2025", "xa", 2024, previous)
    data = load_file(created.path).data
    assert data["period"] == {"start": 2024, "end": 2025}
    assert data["duties"] == [{"body": "BCĐ xã", "text": "Kiểm tra hằng tháng."}]
    (left_out,) = [d for d in created.notes if d.code == "N010"]
    assert left_out.message("vi") == ("Không kế thừa mục duties gắn với năm 2023 (ngoài giai đoạn 2024-2025): "
                                      "Hoàn thành kế hoạch trước năm 2023.")


# ----- skeletons --------------------------------------------------------------------------


@pytest.mark.parametrize("level, year", [(level, year) for level in ("xa", "huyen", "tinh", "thon")
                                          for year in (2025, 2026) if (level, year) != ("huyen", 2026)])
def test_skeleton_for_each_level_validates(repo, level, year):
    path = new_plan(f"moi-{level}", level, year, plans_dir=repo / "plans")
    assert errors(path) == []
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.schema.json\n")
    assert "«" in text  # placeholders to fill in
    data = load_file(path).data
    assert data["unit"]["level"] == level and data["period"] == {"start": year, "end": year}


def test_a_district_plan_after_the_reform_is_refused(repo):
    with pytest.raises(NewPlanRefused) as refused:
        new_plan("moi-huyen", "huyen", 2026, plans_dir=repo / "plans")
    (reason,) = refused.value.diagnostics
    assert reason.code == "N018"
    assert reason.message("vi") == "Từ ngày 01/7/2025 không còn cấp huyện: không lập kế hoạch cấp huyện cho năm 2026"
    assert not (repo / "plans" / "moi-huyen.yaml").exists()


def test_a_2027_commune_skeleton_has_the_two_level_letterhead_and_keeps_its_placeholders(repo):
    """UBND xã directly under the province: no huyện, no parent body in the letterhead, the 2026-2030 set."""
    path = new_plan("xa-moi-2027", "xa", 2027, plans_dir=repo / "plans")
    text = path.read_text(encoding="utf-8")
    data = load_file(path).data
    assert "huyện" not in text and "district" not in data["unit"]
    assert data["criteria_set"] == "xa-ntm-2026-2030"
    assert data["document"]["issuer"] == "Ủy ban nhân dân xã «Tên xã»" and "parent_body" not in data["document"]
    assert "# commune_group: nhom-1 | nhom-2 | nhom-3" in text
    assert set(re.findall("«[^»]*»", text)) == {"«…»", "«Tên xã»", "«Tên tỉnh»", "«Địa danh»", "«Họ và tên»"}


# ----- refusals ---------------------------------------------------------------------------


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
