"""Inputs the fuzzer (`make fuzz`, tests/fuzz/run_fuzz.py) found crashing, kept so they never come back.

Each file in tests/fuzz/regressions/ once made the loader or a rule raise, or left a plan
unloaded without saying why. Each must now give its diagnostic, through the same path as
the fuzz target and through `ntm validate`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm.cli import app

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "fuzz"))

import run_fuzz  # noqa: E402

# file -> (code, line)
FOUND = {
    # an amount with a 20-digit exponent: Decimal() raised InvalidOperation
    "huge-exponent.yaml": ("Y015", 11),
    # an int of 5,000 digits: int() raised ValueError (Python's digit limit)
    "int-5000-digits.yaml": ("Y015", 1),
    # a document that is only an anchor: no data, no diagnostic
    "anchor-only.yaml": ("Y004", 1),
    "anchor-and-comment.yaml": ("Y004", 1),
}


def test_every_kept_crash_is_listed():
    assert {p.name for p in (HERE / "fuzz" / "regressions").glob("*.yaml")} == set(FOUND)


@pytest.mark.parametrize("name", FOUND)
def test_the_fuzz_target_no_longer_crashes(name):
    run_fuzz.target((HERE / "fuzz" / "regressions" / name).read_bytes())


@pytest.mark.parametrize("name", FOUND)
def test_validate_names_the_problem(name, tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["validate", str(HERE / "fuzz" / "regressions" / name)])
    assert result.exit_code == 1
    code, line = FOUND[name]
    assert f"{name}:{line}:" in result.output and code in result.output


def test_the_mutation_fuzzer_runs_clean_for_a_moment():
    """A few hundred mutated seeds through the target; `make fuzz` runs the long version."""
    import random

    rng = random.Random(2024)
    pool = run_fuzz.seeds()
    for _ in range(300):
        run_fuzz.target(run_fuzz.mutate(rng.choice(pool), rng))
