"""The README section "A 2027 plan for a post-reform commune, step by step" runs as written.

Every line of the section's ```sh blocks is run, in order, in a copy of the repository's plans and
schema: `ntm …` lines by the command line itself (in this process, so the run stays quick), the
others by bash; the pdf line only where LibreOffice is installed. The info lines the README quotes
are the ones `ntm new` prints, and the skeleton command it names works too.
"""

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm.cli import app

REPO = Path(__file__).resolve().parents[1]
TITLE = "## A 2027 plan for a post-reform commune, step by step\n"


def section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text.split(TITLE, 1)[1].split("\n## ", 1)[0]


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", section(), re.S)


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    for folder in ("plans", "schema"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.setenv("NTM_LANG", "vi")
    return tmp_path


def run(command: str) -> tuple[int, str]:
    """Exit code and everything printed."""
    if command.startswith("ntm "):
        result = CliRunner().invoke(app, shlex.split(command)[1:])
        return result.exit_code, result.stdout + result.stderr
    done = subprocess.run(["bash", "-e", "-c", command], capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def test_every_command_of_the_section_runs(checkout):
    commands = [line for block in blocks("sh") for line in block.splitlines() if line.strip()]
    assert len(commands) >= 10
    if shutil.which("soffice") is None:
        commands = [c for c in commands if "--format pdf" not in c]
    said = ""
    for command in commands:
        code, output = run(command)
        assert code == 0, f"{command}\n{output}"
        said += output
    quoted = [line for line in blocks("text")[0].splitlines() if line.strip()]
    assert quoted and all(line in said for line in quoted)
    assert "Đạt 4/10 tiêu chí" in said and "10.685,5" in said
    assert (checkout / "thu" / "van-ban" / "tan-my-2027.docx").stat().st_size > 10_000
    assert (checkout / "thu" / "bao-cao-2027.xlsx").is_file()


def test_the_skeleton_command_it_names_works(checkout):
    command = "ntm new xa-moi-2027 --year 2027 --level xa --plans thu"
    assert f"`{command}`" in section()
    code, output = run(command)
    assert code == 0, output
    assert "«Tên xã»" in (checkout / "thu" / "xa-moi-2027.yaml").read_text(encoding="utf-8")


def test_the_funding_excerpt_is_the_example_plans_own():
    (excerpt,) = blocks("yaml")
    example = (REPO / "plans" / "tuyen-quang" / "tan-my-2027.yaml").read_text(encoding="utf-8")
    body = [line for line in excerpt.splitlines() if line.strip()]
    start = example.splitlines().index(body[0])
    lines = [line for line in example.splitlines()[start:] if not line.lstrip().startswith("#")]
    assert lines[:len(body)] == body
