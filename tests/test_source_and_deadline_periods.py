"""R106 (a funding source exists in the plan's time) and R402 on deadlines (issues 13.1 and 12.11).

Hùng Mỹ's 2024 plan spends 1.650,4 triệu đồng of ngân sách huyện: right in 2024, impossible in a plan
signed after 30/6/2025 when there are no districts. A 2025 plan carried from 2024 that still says
"quý IV năm 2024" sets a deadline outside its own year.
"""

import datetime as dt
from pathlib import Path

import pytest

from ntm.fmt import check_text
from ntm.funding_sources import lifetimes

REPO = Path(__file__).resolve().parents[1]
HUNG_MY = (REPO / "plans" / "tuyen-quang" / "hung-my.yaml").read_text(encoding="utf-8")
TAN_MY = (REPO / "plans" / "tuyen-quang" / "tan-my-2027.yaml").read_text(encoding="utf-8")


def line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def findings(text: str, code: str, name: str = "hung-my.yaml"):
    return [d for d in check_text(text, f"plans/tuyen-quang/{name}") if d.code == code]


def test_the_vocabulary_knows_when_each_budget_and_programme_exists():
    life = lifetimes()
    assert (life["ngan_sach_huyen"]["until"], life["ngan_sach_huyen"]["ended"].value) == (dt.date(2025, 6, 30), "error")
    for old in ("ctmtqg_ntm", "ctmtqg_dtts", "ctmtqg_gnbv"):
        assert (life[old]["until"], life[old]["ended"].value) == (dt.date(2025, 12, 31), "warning")
    assert (life["ctmtqg_2026_2035"]["from"], life["ctmtqg_2026_2035"]["until"]) == (dt.date(2026, 1, 1), dt.date(2035, 12, 31))
    assert "ngan_sach_tinh" not in life and "ngan_sach_xa" not in life  # both levels remain after the reform


def test_a_district_budget_is_right_in_2024():
    assert findings(HUNG_MY, "R106") == []


def test_a_district_budget_in_a_plan_signed_after_30_june_2025_is_an_error():
    signed_later = HUNG_MY.replace("  date: 2024-02-22\n", "  date: 2025-08-15\n").replace(
        "  start: 2024\n  end: 2024\n", "  start: 2025\n  end: 2025\n")
    found = findings(signed_later, "R106")
    budget_lines = [d for d in found if d.path == ("funding", "lines", 4, "source")]
    (district,) = budget_lines
    assert district.severity.value == "error" and district.line == line_of(signed_later, "    - source: ngan_sach_huyen")
    assert district.message("vi") == ("Nguồn vốn 'ngan_sach_huyen' (Ngân sách huyện) chỉ có đến ngày 30/6/2025 "
                                      "(từ ngày 01/7/2025 không còn cấp huyện); kế hoạch tính từ ngày 15/8/2025 không "
                                      "dùng được nguồn này")
    assert district.message("en") == ("Funding source 'ngan_sach_huyen' (Ngân sách huyện) exists until 2025-06-30 (there "
                                      "are no districts from 1 July 2025); a plan counted from 2025-08-15 cannot use it")
    assert {d.severity.value for d in found if d is not district} == set()  # the 2021-2025 programmes still run in 2025


def test_an_ended_programme_in_2027_is_a_warning_not_an_error():
    """Money of the 2021-2025 programmes can still be disbursed after 2025 (funds carried over)."""
    old_programme = TAN_MY.replace("    - source: ctmtqg_2026_2035\n      label: Vốn Chương trình MTQG giai đoạn 2026 - 2035\n",
                                   "    - source: ctmtqg_ntm\n      label: Vốn CTMTQG XD NTM\n")
    (found,) = findings(old_programme, "R106", "tan-my-2027.yaml")
    assert found.severity.value == "warning" and found.path == ("funding", "lines", 0, "source")


def test_the_merged_programme_does_not_exist_before_2026():
    early = HUNG_MY.replace("    - source: ctmtqg_ntm\n", "    - source: ctmtqg_2026_2035\n")
    (found,) = findings(early, "R106")
    assert found.message("vi") == (
        "Nguồn vốn 'ctmtqg_2026_2035' (Vốn Chương trình MTQG xây dựng nông thôn mới, giảm nghèo bền vững và phát triển "
        "KT-XH vùng đồng bào DTTS và miền núi giai đoạn 2026-2035) chỉ có từ ngày 01/01/2026 (chương trình giai đoạn "
        "2026-2035 theo Nghị quyết 257/2025/QH15), sau khi kế hoạch kết thúc (31/12/2024)")


def test_task_sources_and_parts_are_judged_too():
    district_task = TAN_MY.replace("    sources: [ngan_sach_xa]\n", "    sources: [ngan_sach_huyen]\n", 1).replace(
        "        source: ngan_sach_tinh\n", "        source: ngan_sach_huyen\n", 1)
    paths = sorted(d.path for d in findings(district_task, "R106", "tan-my-2027.yaml"))
    assert paths == [("tasks", 3, "parts", 0, "source"), ("tasks", 4, "sources", 0)]


def test_the_2027_plan_uses_only_sources_that_exist_in_2027():
    assert findings(TAN_MY, "R106", "tan-my-2027.yaml") == []


# ----- R402: deadlines ------------------------------------------------------------------------


@pytest.mark.parametrize("deadline, flagged", [
    ("quý IV năm 2024", [2024]),
    ("trước ngày 15/12/2025", []),
    ("tháng 6/2025", []),
    ("trong năm 2025 - 2026", [2026]),
    ("hằng quý", []),
])
def test_a_task_deadline_outside_the_plan_year_is_an_error(deadline, flagged):
    plan = HUNG_MY.replace("  start: 2024\n  end: 2024\n", "  start: 2025\n  end: 2025\n").replace(
        "  date: 2024-02-22\n", "  date: 2025-02-20\n").replace(
        "    responsible: Ban quản lý công trình thủy lợi xã\n",
        f"    responsible: Ban quản lý công trình thủy lợi xã\n    deadline: {deadline}\n")
    found = [d for d in findings(plan, "R402") if d.path == ("tasks", 4, "deadline")]
    assert [d.params["year"] for d in found] == flagged
    assert all(d.line == line_of(plan, f"    deadline: {deadline}") and d.message("vi") == f"Năm {d.params['year']} nằm ngoài giai đoạn 2025 của kế hoạch"
               for d in found)


def test_a_duty_deadline_and_a_due_date_of_last_year_are_errors():
    """What `ntm new` used to carry from 2024 into 2025 unchanged."""
    carried = HUNG_MY.replace("  start: 2024\n  end: 2024\n", "  start: 2025\n  end: 2025\n").replace(
        "  date: 2024-02-22\n", "  date: 2025-02-20\n")
    paths = {(d.path, d.params["year"]) for d in findings(carried, "R402")}
    assert paths == {(("duties", 9, "deadline"), 2024), (("monitoring", 0, "due"), 2024)}


def test_the_shipped_plans_deadlines_lie_in_their_periods():
    assert findings(HUNG_MY, "R402") == [] and findings(TAN_MY, "R402", "tan-my-2027.yaml") == []
