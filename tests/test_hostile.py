"""Hostile input: every command over every file of tests/hostile/, and a few made on the spot.

For each bad input and each command (validate, report, render, fmt, export, import) the
command must end with exit 1 or 2, print a diagnostic naming the file (with its line when the
problem has one), never a traceback, and leave the input byte for byte as it was. The harmless
habits (a BOM, CRLF line ends, NFD-decomposed Vietnamese) must load as the clean file does.
`tests/hostile/make_corpus.py` wrote the files; CASES says what each must produce.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm.cli import app
from ntm.loader import load_plan
from ntm.yamlio import load_file

HOSTILE = Path(__file__).resolve().parent / "hostile"
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HOSTILE))

from make_corpus import amplified  # noqa: E402

# file -> (the code `ntm validate` must give, whether that diagnostic has a line)
CASES = {
    "malformed.yaml": ("Y005", True),
    "tabs.yaml": ("Y010", True),
    "duplicate-keys.yaml": ("Y006", True),
    "python-tag.yaml": ("Y007", True),
    "python-tag-inside.yaml": ("Y007", True),
    "alias-bomb.yaml": ("Y016", True),
    "alias-amplified-text.yaml": ("Y016", True),
    "alias-amplified-mapping.yaml": ("Y016", True),
    "not-a-mapping.yaml": ("Y011", True),
    "empty.yaml": ("Y004", False),
    "only-comments.yaml": ("Y004", False),
    "binary.yaml": ("Y003", False),
    "windows-1258.yaml": ("Y002", False),
    "utf-16.yaml": ("Y002", False),
    "utf-16be-no-bom.yaml": ("Y003", False),
    "latin1-garbage.yaml": ("Y002", False),
    "amount-1e400.yaml": ("S", True),
    "amount-negative.yaml": ("S", True),
    "amount-huge.yaml": ("S", True),
    "amount-nan.yaml": ("S", True),
    "amount-inf.yaml": ("S", True),
    "amount-text.yaml": ("S", True),
    "date-2024-02-30.yaml": ("S005", True),
    "year-99999.yaml": ("S", True),
}
HARMLESS = ["bom.yaml", "crlf.yaml", "nfd.yaml", "html-and-jinja.yaml", "control-chars.yaml"]


def test_every_file_of_the_corpus_has_a_case():
    on_disk = {p.name for p in HOSTILE.glob("*.yaml")}
    assert on_disk == set(CASES) | set(HARMLESS)


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path / ".cache"))
    return tmp_path


def place(work: Path, name: str) -> Path:
    """The hostile file alone in a plans folder of its own."""
    target = work / "plans" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HOSTILE / name, target)
    return target


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"ntm {' '.join(map(str, args))} raised {result.exception!r}") from result.exception
    assert "Traceback" not in result.output
    return result


def hung_my_sheet(work: Path) -> Path:
    """A good spreadsheet to import into a hostile plan."""
    plans = work / "good"
    shutil.copytree(REPO / "plans", plans)
    sheet = work / "hung-my.xlsx"
    assert run("export", "hung-my", "--plans", plans, "--output", sheet).exit_code == 0
    return sheet


COMMANDS = {
    "validate": lambda plan, work: ["validate", plan],
    "report": lambda plan, work: ["report", "--year", "2024", plan.parent],
    "render": lambda plan, work: ["render", plan, "--format", "md", "--output", work / "out"],
    "fmt": lambda plan, work: ["fmt", plan],
    "fmt --check": lambda plan, work: ["fmt", "--check", plan],
    "export": lambda plan, work: ["export", plan, "--output", work / "out.xlsx"],
    "import": lambda plan, work: ["import", hung_my_sheet(work), "--into", plan],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", CASES)
def test_every_command_meets_hostile_input_with_a_diagnostic(work, name, command):
    plan = place(work, name)
    before = plan.read_bytes()
    result = run(*COMMANDS[command](plan, work))
    assert result.exit_code in (1, 2), result.output
    code, has_line = CASES[name]
    shown = str(plan) if command != "report" else str(plan)
    assert shown in result.output or plan.name in result.output, result.output
    if command == "validate":
        assert re.search(rf"\b{code}\d*\b", result.output), result.output
        if has_line:
            assert re.search(rf"{re.escape(plan.name)}:\d+:\d+: ", result.output), result.output
    assert plan.read_bytes() == before  # nothing ntm does to a bad file changes it
    assert not (work / "out").exists() or not any((work / "out").iterdir())


@pytest.mark.parametrize("name", ["bom.yaml", "crlf.yaml", "nfd.yaml"])
def test_word_and_windows_habits_load_as_the_clean_file(name):
    assert load_file(HOSTILE / name).data == load_file(REPO / "plans" / "tuyen-quang" / "hung-my.yaml").data
    loaded = load_plan(HOSTILE / name)
    assert loaded.plan is not None, loaded.diagnostics
    assert loaded.plan.unit.name == "Hùng Mỹ"  # NFC, whatever the file held


@pytest.mark.parametrize("name", HARMLESS)
def test_harmless_habits_pass_every_check(work, name):
    plan = place(work, name)
    assert run("validate", plan).exit_code == 0
    assert run("render", plan, "--format", "html", "--output", work / "out").exit_code == 0


def test_plan_text_with_html_and_jinja_is_printed_as_text(work):
    plan = place(work, "html-and-jinja.yaml")
    for fmt in ("html", "md", "docx"):
        assert run("render", plan, "--format", fmt, "--output", work / "out").exit_code == 0
    html = (work / "out" / "hung-my.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&amp; {{ 7*7 }}" in html and "&amp; 49" not in html  # printed, never evaluated
    from docx import Document

    text = "\n".join(p.text for p in Document(work / "out" / "hung-my.docx").paragraphs)
    assert "<script>alert(1)</script> & {{ 7*7 }}" in text


def test_control_characters_do_not_reach_a_word_file(work):
    plan = place(work, "control-chars.yaml")
    assert run("render", plan, "--format", "docx", "--output", work / "out").exit_code == 0
    from docx import Document

    text = "\n".join(p.text for p in Document(work / "out" / "hung-my.docx").paragraphs)
    assert "\x01" not in text and "\x1b" not in text


# ----- made on the spot: what a file cannot hold ---------------------------------------


def test_directory_symlink_loop(work):
    plans = work / "plans"
    (plans / "a").mkdir(parents=True)
    shutil.copyfile(HOSTILE / "crlf.yaml", plans / "a" / "crlf.yaml")
    os.symlink(plans, plans / "a" / "vong-lap")
    result = run("validate", plans)
    assert result.exit_code == 0  # the loop is skipped with a note; the real plan is checked once
    assert "Y013" not in result.output or "vong-lap" in result.output
    verbose = run("--verbose", "validate", plans)
    assert "Y013" in verbose.output and "vong-lap" in verbose.output
    report = run("report", "--year", "2024", plans)
    assert report.exit_code == 0


def test_a_file_the_user_cannot_read(work, monkeypatch):
    plan = place(work, "crlf.yaml")
    if os.geteuid() != 0:
        plan.chmod(0)
    else:  # root reads anything: make the read itself fail as it does for a user
        real_open = open

        def refusing_open(file, *args, **kwargs):
            if str(file) == str(plan):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr("builtins.open", refusing_open)
        monkeypatch.setattr(Path, "read_bytes", lambda self: refusing_open(self).read())
    for args in (["validate", plan], ["fmt", plan], ["render", plan, "-o", work / "out"], ["export", plan]):
        result = run(*args)
        assert result.exit_code in (1, 2), (args, result.output)
        assert plan.name in result.output


def test_a_folder_named_like_a_plan(work):
    folder = work / "plans" / "thu-muc.yaml"
    folder.mkdir(parents=True)
    assert run("validate", work / "plans").exit_code in (0, 2)  # discovered as a folder, holding nothing
    assert run("render", folder).exit_code == 2
    assert run("fmt", folder).exit_code in (0, 2)


@pytest.mark.parametrize("ref", ["../plans/x", "/etc/passwd", "..", "a/../../b", "hung-my\x00", "-rf"])
def test_slugs_cannot_reach_outside_the_plans_folder(work, ref):
    shutil.copytree(REPO / "plans", work / "plans")
    for args in (["render", ref], ["export", ref], ["new", ref, "--year", "2025", "--level", "xa"],
                 ["status", ref]):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
    assert not (work / "etc").exists()
    assert sorted(p.name for p in work.iterdir()) == [".cache", "plans"] or not (work / "x.yaml").exists()


def test_templates_cannot_reach_python_internals(work):
    shutil.copytree(REPO / "plans", work / "plans")
    evil = work / "evil"
    evil.mkdir()
    (evil / "commune-plan.xml.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    result = run("render", "hung-my", "--templates", evil, "-o", work / "out")
    assert result.exit_code == 1
    assert "commune-plan" in result.output
    assert not (work / "out").exists()


def test_hostile_spreadsheets_are_refused_without_touching_the_plan(work):
    shutil.copytree(REPO / "plans", work / "plans")
    plan = work / "plans" / "tuyen-quang" / "hung-my.yaml"
    before = plan.read_bytes()
    sheets = {
        "binary.xlsx": bytes(range(256)) * 16,
        "empty.xlsx": b"",
        "text.xlsx": "không phải bảng tính".encode(),
        "zip-bomb-ish.xlsx": b"PK\x03\x04" + b"\x00" * 4096,
        "windows-1258.csv": "khóa,giá trị\nx,tám mươi\n".encode("cp1258", errors="replace"),
    }
    for name, data in sheets.items():
        (work / name).write_bytes(data)
        result = run("import", work / name, "--into", "hung-my")
        assert result.exit_code in (1, 2), (name, result.output)
        assert name in result.output, (name, result.output)
        assert plan.read_bytes() == before


def test_the_one_megabyte_alias_amplification_of_issue_14_is_refused_by_every_writer(work):
    """One 900,000-character `what` reused by 250 aliases: 1.2 MB that used to validate clean
    and then make `render --format md` write 562 MB and `export --format csv` 281 MB."""
    plan = work / "plans" / "hung-my.yaml"
    plan.parent.mkdir()
    plan.write_text(amplified(900_000, 250), encoding="utf-8")
    before = plan.read_bytes()
    assert len(before) > 1_000_000
    for args in (["validate", plan], ["render", plan, "--format", "md", "--output", work / "out"],
                 ["export", plan, "--format", "csv", "--output", work / "out"]):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        # the second alias (task 3, line 236) is where the expanded text passes twice the file's length
        assert f"{plan}:236:28: lỗi Y016 Alias '*big' làm tài liệu phình quá lớn" in result.output, result.output
    assert plan.read_bytes() == before
    assert not (work / "out").exists()

