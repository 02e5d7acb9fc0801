"""Docs that cannot drift: every command and every rule is in the README, the shipped
JSON Schema is the model's, and every command's help has a Vietnamese example."""

import json
from pathlib import Path

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


def test_every_command_help_has_a_vietnamese_example():
    runner = CliRunner()
    for name in command_names():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Ví dụ: ntm" in result.output, name


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
