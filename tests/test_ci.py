"""ntm on a pull request: GitHub annotations, JUnit XML, `--changed`, the pre-commit hooks.

The test repository is the shipped plans plus one plan whose stated funding total is 10
triệu đồng above its lines (R101, on the line of `total:`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm.cli import app
from ntm.rules.examples import MINIMAL_PLAN
from ntm.yamlio import load_file

REPO = Path(__file__).resolve().parents[1]
BROKEN = MINIMAL_PLAN.replace("slug: vi-du", "slug: sai-tong").replace("Hùng Mỹ", "Yên Nguyên") + (
    "funding:\n"
    "  total: 110\n"
    "  lines:\n"
    "    - {source: ngan_sach_tinh, amount: 60}\n"
    "    - {source: ctmtqg_ntm, amount: 40}\n"
)
BROKEN_TOTAL_LINE = BROKEN.splitlines().index("  total: 110") + 1


@pytest.fixture
def plans_repo(tmp_path, monkeypatch):
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    (tmp_path / "plans" / "thu-nghiem").mkdir()
    (tmp_path / "plans" / "thu-nghiem" / "sai-tong.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def annotations(output: str) -> list[tuple[str, dict, str]]:
    """`::error file=…,line=…::message` lines as (level, properties, message)."""
    found = []
    for line in output.splitlines():
        if line.startswith("::"):
            head, message = line[2:].split("::", 1)
            level, _, props = head.partition(" ")
            found.append((level, dict(p.split("=", 1) for p in props.split(",")), message))
    return found


def test_github_annotation_on_the_broken_file_and_line(plans_repo):
    result = run("validate", "plans", "--format", "github")
    assert result.exit_code == 1
    errors = [a for a in annotations(result.output) if a[0] == "error"]
    assert len(errors) == 1
    level, props, message = errors[0]
    assert props["file"] == "plans/thu-nghiem/sai-tong.yaml"
    assert props["line"] == str(BROKEN_TOTAL_LINE) and props["title"] == "R101"
    assert "110" in message and "100" in message
    # warnings of the shipped plans are annotations too, at their own lines
    warnings = {(a[1]["file"], a[1]["title"]) for a in annotations(result.output) if a[0] == "warning"}
    assert ("plans/bac-giang/tan-yen.yaml", "R401") in warnings


def test_github_step_summary_holds_every_finding(plans_repo, monkeypatch):
    summary = plans_repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run("validate", "plans", "--format", "github")
    text = summary.read_text(encoding="utf-8")
    assert f"plans/thu-nghiem/sai-tong.yaml:{BROKEN_TOTAL_LINE}" in text and "R101" in text


ODD_TASKS = MINIMAL_PLAN.replace("slug: vi-du", "slug: ky-tu-la") + (
    "tasks:\n"
    '  - {what: "Nạo vét kênh | mương nội đồng"}\n'
    '  - {what: "Làm đường trục thôn\\nvà ngõ xóm <b>đợt 1</b>"}\n'
)
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of every Markdown table row, split at the pipes that are not escaped."""
    return [[c.strip() for c in UNESCAPED_PIPE.split(line)[1:-1]] for line in markdown.splitlines()
            if line.startswith("|") and not line.startswith("|---")]


def test_github_step_summary_keeps_pipes_and_line_breaks_inside_their_cells(tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    plan = tmp_path / "ky-tu-la.yaml"
    plan.write_text(ODD_TASKS, encoding="utf-8")
    run("validate", str(plan), "--format", "github")
    rows = table_rows((tmp_path / "summary.md").read_text(encoding="utf-8"))
    assert rows[0] == ["vị trí", "mức", "mã", "nội dung"]
    assert all(len(row) == 4 for row in rows)
    assert [row[3] for row in rows[1:]] == [
        "Nhiệm vụ 'Nạo vét kênh \\| mương nội đồng' không gắn với tiêu chí nào",
        "Nhiệm vụ 'Làm đường trục thôn<br>và ngõ xóm &lt;b&gt;đợt 1&lt;/b&gt;' không gắn với tiêu chí nào",
    ]


def many_findings(count: int) -> list:
    """`count` findings over 5,000 files, as a national repository with a broken rule might give."""
    from ntm.diagnostics import Diagnostic, Severity

    kinds = [("R303", Severity.WARNING, {"what": "Xây dựng cổng chào thôn và nhà văn hóa"}),
             ("R101", Severity.ERROR, {"stated": "8.321,7", "computed": "8.321,8"}),
             ("R701", Severity.INFO, {"indicator": "17.8", "label": "Chuồng gia súc hợp vệ sinh"})]
    found = []
    for i in range(count):
        code, severity, params = kinds[i % 3 if i % 10 else 1]
        found.append(Diagnostic(code, severity, f"plans/tinh-{i % 5000 // 80}/xa-{i % 5000:04d}.yaml", 10 + i % 900, 5,
                                ("tasks", i % 70, "what"), params))
    return found


@pytest.mark.parametrize("earlier", [0, 600_000], ids=["empty", "after-another-step-wrote-600-KB"])
def test_github_step_summary_stays_under_one_mebibyte_and_counts_the_rest(tmp_path, monkeypatch, earlier):
    from collections import Counter

    from ntm.reporters import github

    summary = tmp_path / "summary.md"
    summary.write_text("x" * earlier, encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    findings = many_findings(100_000)
    github(sorted({d.file for d in findings}), findings, "vi")
    data = summary.read_bytes()
    assert len(data) < 1024 * 1024
    text = data.decode("utf-8")[earlier:]
    assert "Đã kiểm tra 5000 tệp: 40000 lỗi, 30000 cảnh báo, 30000 thông tin." in text
    shown, rest = text.split("\nCòn ")
    listed = table_rows(shown)[1:]
    hidden = int(rest.split(" ", 1)[0])
    assert listed and len(listed) + hidden == 100_000
    by_rule = {row[0]: int(row[2]) for row in table_rows(rest)[1:]}
    left = Counter(d.code for d in findings[len(listed):])
    assert by_rule == dict(left) and sum(by_rule.values()) == hidden


def test_github_escapes_what_would_break_a_workflow_command(tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path / ".cache"))
    odd = tmp_path / "a,b:c.yaml"
    odd.write_text("slug: [\n", encoding="utf-8")
    result = run("validate", str(odd), "--format", "github")
    level, props, message = annotations(result.output)[0]
    assert props["file"].endswith("a%2Cb%3Ac.yaml")
    assert "\n" not in message


def test_junit_is_valid_with_one_failure(plans_repo):
    result = run("validate", "plans", "--format", "junit", "--output", "junit.xml")
    assert result.exit_code == 1
    root = ET.parse(plans_repo / "junit.xml").getroot()
    assert_junit_shape(root)
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 6  # one per plan file
    failing = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == ["plans/thu-nghiem/sai-tong.yaml"]
    failure = failing[0].find("failure")
    assert failure.get("type") == "R101"
    assert f":{BROKEN_TOTAL_LINE}:" in failure.text
    assert root.get("failures") == root.find("testsuite").get("failures") == "1"
    # warnings are shown, not failed
    tan_yen = next(c for c in cases if c.get("name").endswith("tan-yen.yaml"))
    assert "R401" in tan_yen.find("system-out").text


def assert_junit_shape(root: ET.Element) -> None:
    """The structure of the JUnit XML schema CI servers read (Surefire/Jenkins junit-10.xsd)."""
    assert root.tag == "testsuites"
    for suite in root:
        assert suite.tag == "testsuite"
        assert {"name", "tests", "failures", "errors"} <= set(suite.attrib)
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == sum(1 for c in suite.findall("testcase") if c.find("failure") is not None)
        for case in suite:
            assert case.tag == "testcase" and case.get("name")
            assert {child.tag for child in case} <= {"failure", "error", "skipped", "system-out", "system-err"}


def test_junit_survives_control_characters(tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path / ".cache"))
    (tmp_path / "x.yaml").write_bytes(b"slug: x\n\x01bad: [\n")
    result = run("validate", str(tmp_path), "--format", "junit")
    assert_junit_shape(ET.fromstring(result.output.encode("utf-8")))


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@x", "HOME": str(cwd), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def git_repo(plans_repo):
    (plans_repo / "plans" / "thu-nghiem" / "sai-tong.yaml").unlink()
    git(plans_repo, "init", "-q", "-b", "main")
    git(plans_repo, "add", "plans")
    git(plans_repo, "commit", "-q", "-m", "plans")
    return plans_repo


def test_changed_checks_only_the_changed_files(git_repo):
    (git_repo / "plans" / "thu-nghiem" / "sai-tong.yaml").write_text(BROKEN, encoding="utf-8")
    result = run("validate", "plans", "--changed", "--format", "json")
    assert result.exit_code == 1
    import json

    data = json.loads(result.stdout)
    assert data["files"] == ["plans/thu-nghiem/sai-tong.yaml"]
    assert {d["code"] for d in data["diagnostics"]} == {"R101"}  # the shipped plans' warnings are not re-reported


def test_changed_keeps_cross_file_findings_that_involve_a_changed_file(git_repo):
    copy = git_repo / "plans" / "tuyen-quang" / "hung-my-ban-sao.yaml"
    copy.write_text((git_repo / "plans" / "tuyen-quang" / "hung-my.yaml").read_text(encoding="utf-8")
                    .replace("slug: hung-my", "slug: hung-my-ban-sao", 1), encoding="utf-8")
    result = run("validate", "plans", "--changed", "--format", "json")
    import json

    duplicates = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "R502"]
    # Hùng Mỹ 2024 has two plans now; the finding lands on one file and names the other
    assert len(duplicates) == 1
    named = {Path(duplicates[0]["file"]).name, Path(duplicates[0]["message"].split(" ở ")[-1]).name}
    assert named == {"hung-my.yaml", "hung-my-ban-sao.yaml"}


def commit_broken_plan_on_a_branch(repo: Path, branch: str = "pr", start: str | None = None) -> None:
    git(repo, "checkout", "-q", "-b", branch, *([start] if start else []))
    write_broken_plan(repo)
    git(repo, "add", "plans")
    git(repo, "commit", "-q", "-m", "broken plan")


def write_broken_plan(repo: Path) -> None:
    (repo / "plans" / "thu-nghiem").mkdir(exist_ok=True)
    (repo / "plans" / "thu-nghiem" / "sai-tong.yaml").write_text(BROKEN, encoding="utf-8")


def break_hung_my_on(repo: Path, branch: str) -> None:
    """A commit on `branch` that the pull request does not contain: Hùng Mỹ's stated total off by 0,1."""
    git(repo, "checkout", "-q", branch)
    plan = repo / "plans" / "tuyen-quang" / "hung-my.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("    value: 8321.7\n", "    value: 8321.8\n", 1),
                    encoding="utf-8")
    git(repo, "commit", "-q", "-am", "hung-my on " + branch)


def checked_files(result) -> list[str]:
    import json

    return json.loads(result.stdout)["files"]


def test_changed_against_a_base_revision(git_repo):
    commit_broken_plan_on_a_branch(git_repo)
    result = run("validate", "plans", "--changed", "--base", "main")
    assert result.exit_code == 1 and "R101" in result.output


def test_changed_without_base_compares_with_main(git_repo):
    commit_broken_plan_on_a_branch(git_repo)
    result = run("validate", "plans", "--changed", "--format", "json")
    assert result.exit_code == 1
    assert checked_files(result) == ["plans/thu-nghiem/sai-tong.yaml"]
    assert "--changed: so với main (điểm chung " in result.stderr


def test_changed_compares_with_the_merge_base_not_the_base_tip(git_repo):
    """Like `git diff main...`: what landed on main after the branch started is not the branch's change."""
    commit_broken_plan_on_a_branch(git_repo)
    break_hung_my_on(git_repo, "main")
    git(git_repo, "checkout", "-q", "pr")
    result = run("validate", "plans", "--changed", "--base", "main", "--format", "json")
    assert checked_files(result) == ["plans/thu-nghiem/sai-tong.yaml"]  # hung-my.yaml differs from main's tip only


def clone(remote: Path, target: Path, *options: str) -> Path:
    git(remote.parent, "clone", "-q", *options, f"file://{remote}", str(target))
    return target


def test_changed_without_base_uses_the_upstream_branch_of_a_clone(git_repo, monkeypatch):
    git(git_repo, "checkout", "-q", "-b", "release")
    break_hung_my_on(git_repo, "release")
    git(git_repo, "checkout", "-q", "main")
    work = clone(git_repo, git_repo / "clones" / "work")
    commit_broken_plan_on_a_branch(work, "fix", "origin/release")  # tracks origin/release
    monkeypatch.chdir(work)
    result = run("validate", "plans", "--changed", "--format", "json")
    assert "so với origin/release" in result.stderr
    assert checked_files(result) == ["plans/thu-nghiem/sai-tong.yaml"]  # not release's hung-my.yaml


def test_changed_without_base_or_upstream_uses_origin_head(git_repo, monkeypatch):
    work = clone(git_repo, git_repo / "clones" / "work")
    git(work, "checkout", "-q", "--detach")  # as actions/checkout leaves a pull request
    write_broken_plan(work)
    monkeypatch.chdir(work)
    result = run("validate", "plans", "--changed", "--format", "json")
    assert "so với origin/main" in result.stderr
    assert result.exit_code == 1 and checked_files(result) == ["plans/thu-nghiem/sai-tong.yaml"]


def test_changed_with_no_base_anywhere_is_a_usage_error(git_repo):
    git(git_repo, "branch", "-m", "main", "trunk")
    result = run("validate", "plans", "--changed")
    assert result.exit_code == 2
    assert "--changed: không biết so sánh với mốc nào" in result.output and "--base" in result.output


@pytest.mark.parametrize("options", [["--depth", "1", "--no-single-branch"], ["--depth", "1"]],
                         ids=["base-without-history", "base-not-fetched"])
def test_changed_in_a_shallow_clone_says_how_to_fetch_the_history(git_repo, monkeypatch, options):
    commit_broken_plan_on_a_branch(git_repo)
    git(git_repo, "checkout", "-q", "main")
    break_hung_my_on(git_repo, "main")  # main moves on, so the pull request's parent is not main's tip
    work = clone(git_repo, git_repo / "clones" / "work", *options, "--branch", "pr")
    monkeypatch.chdir(work)
    result = run("validate", "plans", "--changed", "--base", "origin/main")
    assert result.exit_code == 2
    assert "bản sao git nông (shallow clone)" in result.output and "fetch-depth: 0" in result.output
    english = run("--lang", "en", "validate", "plans", "--changed", "--base", "origin/main")
    assert "shallow clone" in english.output and "git fetch --unshallow" in english.output


def test_changed_with_an_unknown_base_is_a_usage_error(git_repo):
    result = run("validate", "plans", "--changed", "--base", "khong-co")
    assert result.exit_code == 2
    assert "khong-co" in result.output


def test_pre_commit_hooks_run_ntm_on_plan_files():
    hooks = load_file(REPO / ".pre-commit-hooks.yaml").data
    by_id = {h["id"]: h for h in hooks}
    assert by_id["ntm-validate"]["entry"] == "ntm validate"
    assert by_id["ntm-fmt"]["entry"] == "ntm fmt --check"
    import re

    for hook in hooks:
        assert hook["language"] == "python"
        assert re.search(hook["files"], "plans/tuyen-quang/hung-my.yaml")
        assert not re.search(hook["files"], "README.md")


def test_ci_guide_uses_commands_that_exist():
    guide = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    for flag in ("--format github", "--changed", "--base", "--format junit", "fmt --check"):
        assert flag in guide
    help_text = run("validate", "--help").output
    assert "--changed" in help_text and "--base" in help_text
