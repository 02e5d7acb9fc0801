"""The writing and reporting commands as a user types them: render, report, fmt, new, export, import.

The libraries behind each command have their own tests; these check the wiring:
the slug lookup, the files written, the exit codes (0 done, 1 findings, 2 usage
or I/O) and that findings go to stderr as diagnostics, never as tracebacks.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ntm.cli import app

REPO = Path(__file__).resolve().parents[1]
SHIPPED = sorted((REPO / "plans").rglob("*.yaml"))


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


# --- render -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_render_every_shipped_plan_by_slug(repo, fmt):
    slugs = [p.stem for p in SHIPPED]
    result = run("render", *slugs, "--format", fmt, "--output", "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (repo / "out").iterdir()) == sorted(f"{s}.{fmt}" for s in slugs)


def test_render_markdown_carries_the_seed_total(repo):
    assert run("render", "hung-my", "-f", "md", "-o", "out").exit_code == 0
    text = (repo / "out" / "hung-my.md").read_text(encoding="utf-8")
    assert "8.321,7" in text
    assert "05/KH-BCĐ" in text


def test_render_unknown_slug_suggests_and_exits_2(repo):
    result = run("render", "hung-mi")
    assert result.exit_code == 2
    assert "hung-my" in result.output
    assert not list(repo.glob("*.docx"))


@pytest.mark.parametrize("ref", ["../etc/passwd", "/etc/passwd", "..", "plans/../../x"])
def test_render_never_leaves_the_plans_folder(repo, ref):
    result = run("render", ref)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_render_broken_plan_exits_1_with_a_diagnostic(repo):
    broken = repo / "plans" / "tuyen-quang" / "hong.yaml"
    broken.write_text("slug: hong\nunit: [\n", encoding="utf-8")
    result = run("render", "hong", "-o", "out")
    assert result.exit_code == 1
    assert "hong.yaml:" in result.output
    assert not (repo / "out").exists()


# --- report -----------------------------------------------------------------


def test_report_text_shows_hung_my_and_the_sponsor_communes(repo):
    result = run("report", "--year", "2024", "plans")
    assert result.exit_code == 0, result.output
    assert "Hùng Mỹ" in result.output and "19/19" in result.output
    assert "3.494,3" in result.output  # one of Hùng Mỹ's nine sources


def test_report_json_to_a_file(repo):
    result = run("report", "--year", "2023", "plans", "--format", "json", "--output", "r.json")
    assert result.exit_code == 0, result.output
    data = json.loads((repo / "r.json").read_text(encoding="utf-8"))
    assert data["kind"] == "ntm-report"
    due = {(row["standard"], row["unit"] or None, int(row["count"])) for row in data["views"]["phasing"]}
    assert due == {("xa_nang_cao", "Liên Sơn", 1), ("xa_nang_cao", "Lam Cốt", 1), ("xa_kieu_mau", "Việt Lập", 1),
                   ("thon_kieu_mau", None, 13)}


def test_report_xlsx_needs_an_output(repo):
    result = run("report", "--year", "2024", "plans", "--format", "xlsx")
    assert result.exit_code == 2
    assert "--output" in result.output


def test_report_bad_year_is_a_usage_error(repo):
    assert run("report", "--year", "24", "plans").exit_code == 2


# --- fmt --------------------------------------------------------------------


def test_shipped_plans_are_in_canonical_layout(repo):
    result = run("fmt", "--check", "plans")
    assert result.exit_code == 0, result.output


def test_fmt_check_fails_then_fmt_fixes_keeping_comments(repo):
    plan = repo / "plans" / "tuyen-quang" / "hung-my.yaml"
    original = plan.read_text(encoding="utf-8")
    messy = original.replace("\nslug: hung-my\n", "\n# mã kế hoạch\nslug:    hung-my\n", 1)
    assert messy != original
    plan.write_text(messy, encoding="utf-8")
    check = run("fmt", "--check", str(plan))
    assert check.exit_code == 1 and "F001" in check.output
    assert plan.read_text(encoding="utf-8") == messy  # --check writes nothing
    assert run("fmt", str(plan)).exit_code == 0
    fixed = plan.read_text(encoding="utf-8")
    assert "# mã kế hoạch\nslug: hung-my\n" in fixed
    assert run("fmt", "--check", str(plan)).exit_code == 0


# --- new --------------------------------------------------------------------


def test_new_from_last_years_plan_validates(repo):
    result = run("new", "hung-my-2025", "--year", "2025", "--from", "hung-my")
    assert result.exit_code == 0, result.output
    created = repo / "plans" / "tuyen-quang" / "hung-my-2025.yaml"
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "Hùng Mỹ" in text
    assert run("validate", str(created)).exit_code == 0


def test_new_refuses_a_bad_slug_and_an_existing_file(repo):
    assert run("new", "../x", "--year", "2025", "--level", "xa").exit_code == 2
    first = run("new", "xa-moi", "--year", "2025", "--level", "xa")
    assert first.exit_code == 0, first.output
    again = run("new", "xa-moi", "--year", "2025", "--level", "xa")
    assert again.exit_code == 2 and "N002" in again.output


# --- export / import ----------------------------------------------------------


def test_export_edit_import_changes_one_value(repo):
    plan = repo / "plans" / "tuyen-quang" / "hung-my.yaml"
    before = plan.read_text(encoding="utf-8")
    assert run("export", "hung-my", "--output", "hm.xlsx").exit_code == 0
    book = load_workbook(repo / "hm.xlsx")
    sheet = book["Chỉ tiêu"]
    row = next(r for r in range(3, sheet.max_row + 1) if str(sheet.cell(r, 1).value).endswith("/10/targets/0"))
    sheet.cell(row, 10).value = 50.5
    book.save(repo / "hm.xlsx")
    result = run("import", "hm.xlsx", "--into", "hung-my")
    assert result.exit_code == 0, result.output
    after = plan.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [("            value: 49", "            value: 50.5")]


def test_import_refuses_text_in_a_number_cell_and_leaves_the_file(repo):
    plan = repo / "plans" / "tuyen-quang" / "hung-my.yaml"
    before = plan.read_bytes()
    run("export", "hung-my", "--output", "hm.xlsx")
    book = load_workbook(repo / "hm.xlsx")
    sheet = book["Nguồn vốn"]
    amount_column = next(c for c in range(1, sheet.max_column + 1) if "Số tiền" in str(sheet.cell(2, c).value))
    sheet.cell(3, amount_column).value = "tám mươi"
    book.save(repo / "hm.xlsx")
    result = run("import", "hm.xlsx", "--into", "hung-my")
    assert result.exit_code == 1
    assert "I001" in result.output and "Nguồn vốn" in result.output
    assert plan.read_bytes() == before


def test_export_csv_folder(repo):
    result = run("export", "hung-my", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (repo / "hung-my-csv").iterdir()) == ["chi-tieu.csv", "nguon-von.csv", "nhiem-vu.csv"]


def test_import_of_a_missing_sheet_is_a_usage_error(repo):
    assert run("import", "khong-co.xlsx", "--into", "hung-my").exit_code == 2


# --- help and packaging -------------------------------------------------------


def test_templates_ship_in_the_wheel_and_render_outside_the_repository(tmp_path, installed_ntm):
    """`pip install ntm` elsewhere can render: the top-level templates/ become ntm/templates in the wheel."""
    target = installed_ntm.site
    assert (target / "ntm" / "templates" / "commune-plan.xml.j2").is_file()
    for package in (REPO / "ntm").rglob("__init__.py"):  # every subpackage made it into the wheel
        assert (target / package.relative_to(REPO)).is_file(), package
    work = tmp_path / "elsewhere"
    shutil.copytree(REPO / "plans", work / "plans")
    rendered = installed_ntm.run(["render", "hung-my", "-f", "md", "-o", "out"], work, tmp_path / ".c")
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stdout.startswith(str(target))  # the installed copy, not this checkout
    assert "8.321,7" in (work / "out" / "hung-my.md").read_text(encoding="utf-8")


def test_usage_errors_speak_the_users_language(repo):
    vi = run("render", "hung-mi")
    en = run("--lang", "en", "render", "hung-mi")
    assert vi.exit_code == en.exit_code == 2
    assert "Không tìm thấy kế hoạch 'hung-mi'" in vi.output and "hung-my" in vi.output
    assert "No plan 'hung-mi'" in en.output and "hung-my" in en.output
    assert "is not valid (xlsx | csv)" in run("--lang", "en", "export", "hung-my", "-f", "pdf").output
