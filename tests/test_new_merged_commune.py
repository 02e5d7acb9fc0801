"""`ntm new SLUG --year 2027 --from OLD [--from OLD2 …]` across the 1 July 2025 reform (issue 13.2).

Hùng Mỹ (02314) and Tân Mỹ (02308) of huyện Chiêm Hóa became Xã Tân Mỹ (02308), Tỉnh Tuyên Quang;
Hà Lang became Xã Tân An. The 2024 plans carried into 2027 must name the new commune from the
register, leave the district behind, re-base the criteria on the 2026-2030 set without inventing a
mapping from the 19 old criteria, and say what they did not carry.
"""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm.cli import app
from ntm.diagnostics import Severity
from ntm.scaffold import NewPlanRefused, create_plan
from ntm.validate import check_file
from ntm.yamlio import load_file

REPO = Path(__file__).resolve().parents[1]
HUNG_MY = REPO / "plans" / "tuyen-quang" / "hung-my.yaml"


def old_commune_plan(name: str, slug: str) -> str:
    """Hùng Mỹ's 2024 plan as another commune of Chiêm Hóa would have written it."""
    text = HUNG_MY.read_text(encoding="utf-8")
    return text.replace("slug: hung-my\n", f"slug: {slug}\n").replace("  name: Hùng Mỹ\n", f"  name: {name}\n")


@pytest.fixture
def plans(tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path / ".cache"))
    folder = tmp_path / "plans" / "tuyen-quang"
    folder.mkdir(parents=True)
    (folder / "hung-my.yaml").write_bytes(HUNG_MY.read_bytes())
    (folder / "tan-my-cu.yaml").write_text(old_commune_plan("Tân Mỹ", "tan-my-cu"), encoding="utf-8")
    (folder / "ha-lang.yaml").write_text(old_commune_plan("Hà Lang", "ha-lang"), encoding="utf-8")
    return tmp_path / "plans"


def codes(notes) -> list[str]:
    return [d.code for d in notes]


def test_hung_my_2024_becomes_a_plan_of_xa_tan_my_for_2027(plans):
    created = create_plan("tan-my-2027", None, 2027, plans / "tuyen-quang" / "hung-my.yaml", plans)
    assert created.path == plans / "tuyen-quang" / "tan-my-2027.yaml"
    assert [d for d in check_file(created.path).diagnostics if d.severity is Severity.ERROR] == []
    data = load_file(created.path).data
    assert data["unit"] == {"level": "xa", "name": "Tân Mỹ", "province": "Tuyên Quang"}
    assert data["criteria_set"] == "xa-ntm-2026-2030" and "overlay" not in data
    assert data["period"] == {"start": 2027, "end": 2027} and data["baseline_as_of"] == "2026-12-31"
    document = data["document"]
    assert (document["issuer"], document["place"], document["number"]) == ("Ủy ban nhân dân xã Tân Mỹ", "Tân Mỹ", "/KH-UBND")
    assert "parent_body" not in document
    assert document["title"] == ("Thực hiện Chương trình Mục tiêu quốc gia xây dựng nông thôn mới năm 2027, "
                                 "xã Tân Mỹ, tỉnh Tuyên Quang")
    assert document["signature"] == {"authority": [{"form": "TM", "of": "ỦY BAN NHÂN DÂN"}], "title": "CHỦ TỊCH",
                                     "name": "«Họ và tên»"}
    assert document["recipients"][:2] == ["UBND tỉnh Tuyên Quang", "Sở Nông nghiệp và Môi trường tỉnh Tuyên Quang"]


def test_the_district_is_left_behind(plans):
    created = create_plan("tan-my-2027", None, 2027, plans / "tuyen-quang" / "hung-my.yaml", plans)
    data = load_file(created.path).data
    history = data.pop("notes")  # the only place the old district may still be named
    assert "huyện" not in repr(data) and "PTNT" not in repr(data)
    assert "Chiêm Hóa" not in repr(data) and "Ma Đình Sắc" not in repr(data)
    dropped = [d.params["what"] for d in created.notes if d.code == "N016"]
    assert dropped == ["unit.district: Chiêm Hóa", "unit.region: TDMNPB", "recipients: UBND huyện",
                       "recipients: Ban chỉ đạo NTM huyện", "recipients: Phòng Nông nghiệp và PTNT"]
    assert history == ["Lịch sử (kế hoạch hung-my): đến ngày 31/12/2023, xã Hùng Mỹ, huyện Chiêm Hóa đạt 19/19 tiêu "
                       "chí theo Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021–2025; không quy đổi sang bộ "
                       "tiêu chí của kế hoạch này."]


def test_criteria_are_re_based_on_the_2026_2030_set_without_a_mapping(plans):
    """No old assessment becomes a 2026-2030 baseline: they are history, and the message says why."""
    created = create_plan("tan-my-2027", None, 2027, plans / "tuyen-quang" / "hung-my.yaml", plans)
    data = load_file(created.path).data
    assert data["assessments"] == [] and "recognitions" not in data
    (rebased,) = [d for d in created.notes if d.code == "N015"]
    assert rebased.message("vi") == (
        "Bộ tiêu chí xa-ntm-2021-2025 không áp dụng cho năm 2027: kế hoạch mới dùng bộ xa-ntm-2026-2030. 19 tiêu chí "
        "cũ không tương ứng một - một với 10 tiêu chí mới, nên không quy đổi đánh giá cũ; đánh giá và công nhận cũ "
        "chỉ được ghi vào notes như lịch sử")
    bases = data["document"]["legal_bases"]
    assert [(b["number"], b["date"]) for b in bases] == [("51/2025/QĐ-TTg", "2025-12-29")]  # from the catalog
    left_out = sorted(d.params["text"].split(" số ")[1].split(" ")[0] for d in created.notes if d.code == "N008")
    assert left_out == ["01/QĐ-UBND", "08-NQ/ĐU", "23/QĐ-UBND", "263/QĐ-TTg", "318/QĐ-TTg", "479/QĐ-UBND", "598/QĐ-UBND"]
    assert [d.params["overlay"] for d in created.notes if d.code == "N020"] == ["tuyen-quang-479-2022"]


def test_yearly_duties_move_to_2027(plans):
    created = create_plan("tan-my-2027", None, 2027, plans / "tuyen-quang" / "hung-my.yaml", plans)
    data = load_file(created.path).data
    duty = next(d for d in data["duties"] if d["body"] == "Ban Chỉ đạo nông thôn mới xã")
    assert (duty["deadline"], duty["deadline_text"]) == ("2027-12-31", "trong quý IV năm 2027")
    assert "2024" not in repr(data["duties"]) + repr(data["monitoring"])


def test_two_former_communes_of_one_new_commune(plans):
    folder = plans / "tuyen-quang"
    created = create_plan("tan-my-2027", None, 2027, [folder / "hung-my.yaml", folder / "tan-my-cu.yaml"], plans)
    said = [d.message("vi") for d in created.notes if d.code == "N014"]
    assert said == [
        "Xã Hùng Mỹ (02314), Huyện Chiêm Hóa từ ngày 01/7/2025 thuộc Xã Tân Mỹ (02308), Tỉnh Tuyên Quang: kế hoạch mới lập cho đơn vị này",
        "Xã Tân Mỹ (02308), Huyện Chiêm Hóa từ ngày 01/7/2025 thuộc Xã Tân Mỹ (02308), Tỉnh Tuyên Quang: kế hoạch mới lập cho đơn vị này",
    ]
    assert "N025" not in codes(created.notes)  # both former communes are given
    notes = load_file(created.path).data["notes"]
    assert [n.split(":")[0] for n in notes] == ["Lịch sử (kế hoạch hung-my)", "Lịch sử (kế hoạch tan-my-cu)"]


def test_a_former_commune_without_a_plan_is_named(plans):
    created = create_plan("tan-my-2027", None, 2027, plans / "tuyen-quang" / "hung-my.yaml", plans)
    (missing,) = [d for d in created.notes if d.code == "N025"]
    assert missing.message("vi") == ("Xã Tân Mỹ còn gồm Xã Tân Mỹ (02308): không có kế hoạch nào của các xã này "
                                     "được đưa vào (--from)")


def test_communes_that_became_different_communes_are_refused(plans):
    folder = plans / "tuyen-quang"
    with pytest.raises(NewPlanRefused) as refused:
        create_plan("tan-my-2027", None, 2027, [folder / "hung-my.yaml", folder / "ha-lang.yaml"], plans)
    (reason,) = refused.value.diagnostics
    assert reason.code == "N012" and reason.severity is Severity.ERROR
    assert reason.message("en") == ("The former communes did not become one commune on 1 July 2025 (Hùng Mỹ → Xã Tân Mỹ "
                                    "(02308); Hà Lang → Xã Tân An (02320)); a new plan is for one commune")
    assert not (folder / "tan-my-2027.yaml").exists()


def test_several_plans_without_a_reform_between_are_refused(plans):
    folder = plans / "tuyen-quang"
    with pytest.raises(NewPlanRefused) as refused:
        create_plan("hung-my-2025", None, 2025, [folder / "hung-my.yaml", folder / "tan-my-cu.yaml"], plans)
    assert codes(refused.value.diagnostics) == ["N019"]


def test_a_district_plan_cannot_be_carried_past_the_reform(tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path / ".cache"))
    folder = tmp_path / "plans" / "bac-giang"
    folder.mkdir(parents=True)
    (folder / "tan-yen.yaml").write_bytes((REPO / "plans" / "bac-giang" / "tan-yen.yaml").read_bytes())
    with pytest.raises(NewPlanRefused) as refused:
        create_plan("tan-yen-2026", None, 2026, folder / "tan-yen.yaml", tmp_path / "plans")
    assert codes(refused.value.diagnostics) == ["N018"]


def test_the_command_takes_repeated_from_and_prints_what_it_did_not_carry(plans, monkeypatch):
    monkeypatch.chdir(plans.parent)
    result = CliRunner().invoke(app, ["new", "tan-my-2027", "--year", "2027", "--from", "hung-my",
                                      "--from", "tan-my-cu"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "plans/tuyen-quang/tan-my-2027.yaml"
    assert "thông tin N015 Bộ tiêu chí xa-ntm-2021-2025 không áp dụng cho năm 2027" in result.stderr
    assert "thông tin N016 Bỏ phần của cấp huyện" in result.stderr
    refused = CliRunner().invoke(app, ["--lang", "en", "new", "tan-an-2027", "--year", "2027", "--from", "hung-my",
                                       "--from", "ha-lang"])
    assert refused.exit_code == 1
    assert "error N012 The former communes did not become one commune" in refused.stderr
