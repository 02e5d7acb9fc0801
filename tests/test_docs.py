"""Docs that cannot drift: every command and every rule is in the README, the shipped
JSON Schema is the model's, and every command's help has examples that stand whole on
their lines, are the same in both languages and run."""

import inspect
import json
import shlex
import subprocess
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from ntm.cli import app
from ntm.rules import all_rules
from ntm.schema import plan_schema

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_names():
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_readme_starts_with_the_two_commands():
    code_block = README.split("```")[1]
    assert "make demo" in code_block and "make test" in code_block


def test_every_command_is_in_the_readme():
    for name in command_names():
        assert f"`ntm {name}" in README, name


def help_text(name: str, lang: str = "vi", columns: int = 80) -> str:
    env = {"COLUMNS": str(columns), **({"NTM_LANG": "en"} if lang == "en" else {})}
    result = CliRunner().invoke(app, [*([name] if name else []), "--help"], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def examples(text: str) -> list[str]:
    """The command lines under "Ví dụ:" (or "Example:", "Examples:") of a help text or a docstring."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() in ("Ví dụ:", "Example:", "Examples:"))
    found = []
    for line in lines[start + 1:]:
        if not line.strip().startswith("ntm "):
            break
        found.append(line.strip())
    return found


def declared_examples(name: str) -> list[str]:
    command = get_command(app) if not name else get_command(app).commands[name]
    return examples(inspect.cleandoc(command.help))


def test_every_command_help_has_a_vietnamese_example():
    for name in command_names():
        assert any(e.startswith(f"ntm {name}") for e in examples(help_text(name))), name


@pytest.mark.parametrize("columns", [80, 160])
@pytest.mark.parametrize("name", ["", *command_names()])
def test_examples_stand_whole_on_their_lines_in_both_languages(name, columns):
    vi, en = help_text(name, "vi", columns), help_text(name, "en", columns)
    assert examples(vi) == declared_examples(name) != []
    assert examples(en) == examples(vi)
    assert all(len(line) <= 80 for line in (vi + en).splitlines())


def test_the_report_example_is_not_cut_inside_a_word():
    assert "    ntm report --year 2024 plans/ --format xlsx --output bao-cao-2024.xlsx\n" in help_text("report")


def test_every_example_runs(repo):
    """In a copy of the plans under git (for --changed), each command's examples in turn: export before import."""
    for git in (["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.name=ntm", "-c", "user.email=ntm@example.org",
                                                             "commit", "-q", "-m", "plans"]):
        subprocess.run(["git", *git], cwd=repo, check=True, capture_output=True)
    runner = CliRunner()
    for example in [e for name in ["", *command_names_in_order()] for e in declared_examples(name)]:
        result = runner.invoke(app, shlex.split(example)[1:])
        assert result.exit_code == 0, f"{example}\n{result.output}"


def command_names_in_order() -> list[str]:
    return list(get_command(app).commands)


def test_every_rule_is_in_the_readme_rule_table():
    for rule in all_rules():
        assert f"| {rule.code} |" in README, rule.code


def test_shipped_schema_is_the_models_schema():
    shipped = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    assert shipped == plan_schema(), "run: make schema"


def test_readme_generated_blocks_are_current():
    import importlib.util

    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    updater = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(updater)
    assert updater.render(README) == README, "run: .venv/bin/python scripts/update_readme.py"


def test_shipped_plans_pass_the_shipped_schema():
    """The schema editors and CI peers use accepts every plan ntm accepts (bare-number amounts included)."""
    import subprocess
    import sys

    tool = Path(sys.executable).with_name("check-jsonschema")
    plans = sorted(str(p) for p in (ROOT / "plans").rglob("*.yaml"))
    done = subprocess.run([str(tool), "--schemafile", str(ROOT / "schema" / "plan.schema.json"), *plans],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
