"""Where the time of a cold `ntm validate` goes, phase by phase, in one process (issue #7).

Runs ntm's own steps one after the other on N files of the bench corpus and
times each: reading and decoding, YAML (libyaml composing plus ntm's own
construction with positions), the Pydantic model, each plan rule, and the
summary for the cross-file rules; then the cross-file rules once. It also
times the imports a `ntm validate` process pays for before its first file,
and the same files through `ntm validate` with one worker and with all
cores, so process start-up and pool overhead show beside the per-file work.
With `--cprofile` it prints the functions with the most cumulative time.

    .venv/bin/python bench/phases.py [--files 300] [--cprofile]

It calls ntm internals (`ntm.yamlio`, `ntm.loader`, `ntm.rules`), so it may need
updating when those change; `run.py` does not depend on it.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as bench_run  # noqa: E402


def corpus_files(count: int) -> list[Path]:
    corpora = sorted((HERE / "corpus").glob("seed-*"), key=lambda p: p.stat().st_mtime)
    if not corpora:
        raise SystemExit("no corpus yet: run `make bench` or bench/generate.py first")
    return sorted((corpora[-1] / "plans").rglob("*.yaml"))[:count]


def import_times() -> dict[str, float]:
    """Seconds to import what `ntm validate` needs, each in a fresh interpreter."""
    steps = {
        "python (nothing)": "pass",
        "ntm.cli (typer)": "import ntm.cli",
        "+ validate core (pydantic model, yamlio)": "import ntm.cli, ntm.validate, ntm.model",
        "+ rules, catalogs, unit register": "import ntm.cli, ntm.validate, ntm.model, ntm.rules as r; r.rule_modules()",
    }
    out = {}
    for label, code in steps.items():
        runs = [bench_run.run([sys.executable, "-c", code]).wall for _ in range(3)]
        out[label] = sorted(runs)[1]
    return out


def phases(files: list[Path]) -> tuple[dict[str, float], int]:
    """Seconds per phase over all files (rules one by one), and the number of diagnostics."""
    from ntm.loader import validate_loaded
    from ntm.rules import PlanContext, PlanSummary, rule_modules, run_tree_rules
    from ntm.yamlio import load_text, read_text

    spent: dict[str, float] = defaultdict(float)
    modules = [m for m in rule_modules() if m.RULE.scope == "plan"]
    summaries, found = [], 0

    def timed(label, fn, *args):
        start = time.perf_counter()
        value = fn(*args)
        spent[label] += time.perf_counter() - start
        return value

    for path in files:
        text, problems = timed("read + decode", read_text, path, str(path))
        loaded = timed("YAML: compose (libyaml) + build with positions", load_text, text, str(path))
        planfile = timed("model: Plan.model_validate (+ error translation)", validate_loaded, loaded)
        if planfile.plan is None:
            found += 1
            continue
        ctx = PlanContext(planfile.file, planfile.plan, planfile.positions)
        for module in modules:
            found += len(timed(f"rule {module.RULE.code} {module.RULE.name}", lambda m=module: list(m.check(ctx))))
        summaries.append(timed("summary for cross-file rules", PlanSummary.of, ctx))
    found += len(timed("cross-file rules (once)", run_tree_rules, summaries))
    return spent, found


def end_to_end(files: list[Path]) -> dict[str, float]:
    ntm = bench_run.ntm_command()
    out = {}
    for jobs in (1, os.cpu_count() or 1):
        with tempfile.TemporaryDirectory() as cache:
            result = bench_run.run([*ntm, "validate", "--jobs", str(jobs), *map(str, files)],
                                   env={"NTM_CACHE_DIR": cache})
        out[f"`ntm validate --jobs {jobs}`, cold"] = result.wall
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Per-phase timing of a cold ntm validate.")
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--cprofile", action="store_true", help="also print the top functions (cumulative)")
    args = parser.parse_args(argv)
    files = corpus_files(args.files)
    n = len(files)
    print(f"{n} files from {files[0].parents[3].name}\n")
    print("| import (fresh interpreter) | s |\n|---|---:|")
    for label, seconds in import_times().items():
        print(f"| {label} | {seconds:.3f} |")
    warm_up = time.perf_counter()
    phases(files[:1])  # first-use costs (catalogs, register) counted apart
    first_use = time.perf_counter() - warm_up
    profiler = cProfile.Profile() if args.cprofile else None
    if profiler:
        profiler.enable()
    spent, found = phases(files)
    if profiler:
        profiler.disable()
    total = sum(spent.values())
    print(f"\nfirst file's one-time costs (catalogs, unit register, rule imports): {first_use:.2f} s\n")
    print(f"| phase ({n} files, one process) | ms / file | share |\n|---|---:|---:|")
    for label, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"| {label} | {seconds * 1000 / n:.2f} | {seconds / total:.0%} |")
    print(f"| **total** | **{total * 1000 / n:.2f}** | {found} diagnostics |")
    print("\n| whole process | s | ms / file |\n|---|---:|---:|")
    for label, seconds in end_to_end(files).items():
        print(f"| {label} | {seconds:.2f} | {seconds * 1000 / n:.2f} |")
    if profiler:
        print()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    return 0


if __name__ == "__main__":
    sys.exit(main())
