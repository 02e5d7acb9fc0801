"""`make bench`: ntm against its floor and its peer, on one generated corpus, in one run (issue #7).

Generates (or reuses) the corpus of `bench/generate.py` under `bench/corpus/`,
then measures side by side, each figure the median of several runs:

- the floor: reading the files' bytes, and loading them with PyYAML's C loader
  (`yaml.load(f, Loader=yaml.CSafeLoader)`), in one process;
- `ntm validate` over 1,000 and 10,000 files, cold (an empty `NTM_CACHE_DIR`)
  and warm (the same cache directory, files unchanged), whole process;
- the peer: `check-jsonschema` with the JSON Schema of the plan model;
- `ntm --help` and `ntm validate` of one file (whole-process wall time);
- `ntm report --year 2024` over 10,000 plans and `ntm render hung-my --format
  docx`, when those commands exist ("chưa có" otherwise);
- peak memory of the 10,000-file validation: the largest single process
  (`wait4` rusage) and the whole process tree (sum of PSS, sampled).

It prints a table, the ratios and each target of the issue with PASS/MISS,
and writes the same to `bench/results/latest.md`. Every subprocess's wall
time is measured around the whole process (start-up included). Runs are
scheduled under a time budget (default 540 s including corpus generation),
so `make bench` ends within 10 minutes on a 2-core machine: the big
measurements get their second and third runs only while time remains, and
the table says how many runs each figure is the median of.

    .venv/bin/python bench/run.py [--plans 10000] [--seed 2024] [--budget 540]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

RESULTS = HERE / "results" / "latest.md"
# The environment of a user's shell: Python writes and reuses bytecode (an installed ntm has it),
# whatever the shell that started the bench says.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
SMALL = 1000
GIB = 1 << 30


# ----- running one process ------------------------------------------------------------


@dataclass
class Run:
    """One finished process: wall and CPU seconds (children included), peak memory, exit code."""

    wall: float
    cpu: float
    maxrss: int
    tree_peak: int
    code: int
    stderr: str = ""


class TreeSampler(threading.Thread):
    """Samples the summed PSS of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, sum(pss(p) for p in descendants(self.pid)))
            self.done.wait(self.interval)


def descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def pss(pid: int) -> int:
    """Proportional set size in bytes (shared pages split between the processes sharing them)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def run(cmd: list[str], env: dict | None = None, cwd: Path | None = None, memory: bool = False) -> Run:
    """Run `cmd` to the end, stdout discarded; rusage comes from wait4 on this very child."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL,
                                env={**USER_ENV, **(env or {})}, cwd=cwd)
        sampler = TreeSampler(proc.pid) if memory and Path("/proc/self/smaps_rollup").exists() else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.done.set()
            sampler.join()
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, sampler.peak if sampler else 0,
               proc.returncode, text)


# ----- what is measured ---------------------------------------------------------------


@dataclass
class Measure:
    """The runs of one row of the table; `files` is what per-file figures divide by."""

    name: str
    files: int = 0
    runs: list[Run] = field(default_factory=list)
    note: str = ""
    missing: str = ""
    dropped: int = 0

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    def per_file(self) -> float:
        return self.wall * 1000 / self.files


class Budget:
    def __init__(self, seconds: float) -> None:
        self.start, self.seconds = time.perf_counter(), seconds

    def left(self) -> float:
        return self.seconds - (time.perf_counter() - self.start)

    def allows(self, estimate: float) -> bool:
        return estimate <= self.left()


def ntm_command() -> list[str]:
    script = Path(sys.executable).with_name("ntm")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from ntm.cli import main; main()"]


def has_command(ntm: list[str], name: str) -> bool:
    return run([*ntm, name, "--help"]).code == 0


def in_process(files: list[Path], load) -> Run:
    """A floor measured in this process, as one Run (no start-up cost: the floor is the work itself)."""
    cpu0, start = time.process_time(), time.perf_counter()
    for path in files:
        load(path)
    return Run(time.perf_counter() - start, time.process_time() - cpu0, 0, 0, 0)


def read_bytes(path: Path) -> None:
    path.read_bytes()


def pyyaml_c(path: Path) -> None:
    import yaml

    with open(path, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)


# ----- the bench ----------------------------------------------------------------------


class Bench:
    def __init__(self, args) -> None:
        self.args = args
        self.budget = Budget(args.budget)
        self.ntm = ntm_command()
        self.tmp = Path(tempfile.mkdtemp(prefix="ntm-bench-"))
        self.rows: dict[str, Measure] = {}
        self.checks: list[str] = []

    def log(self, text: str) -> None:
        print(f"[{self.args.budget - self.budget.left():6.1f} s] {text}", flush=True)

    def row(self, key: str, name: str, files: int = 0, note: str = "") -> Measure:
        return self.rows.setdefault(key, Measure(name, files, note=note))

    def cache_dir(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="cache-", dir=self.tmp))

    # corpus ----------------------------------------------------------------------------

    def corpus(self) -> tuple[Path, dict]:
        out = HERE / "corpus" / f"seed-{self.args.seed}-n{self.args.plans}"
        manifest = read_manifest(out)
        fresh = (manifest.get("generator"), manifest.get("seed"), manifest.get("plans")) == (
            generate.source_digest(), self.args.seed, self.args.plans)
        if fresh and count_plans(out) == self.args.plans:
            self.log(f"corpus reused: {out.relative_to(ROOT)}")
            return out, manifest
        shutil.rmtree(out, ignore_errors=True)
        self.log(f"generating {self.args.plans} plans into {out.relative_to(ROOT)} …")
        start = time.perf_counter()
        manifest = generate.generate(out, self.args.plans, self.args.seed)
        self.log(f"generated in {time.perf_counter() - start:.1f} s")
        return out, manifest

    # measurements ----------------------------------------------------------------------

    def startup(self, one: Path) -> None:
        help_row = self.row("help", "`ntm --help` (whole process)")
        for _ in range(10):
            help_row.runs.append(run([*self.ntm, "--help"]))
        first = self.row("one_first", "`ntm validate` 1 file, first run (empty cache dir)", 1)
        for _ in range(3):
            first.runs.append(run([*self.ntm, "validate", str(one)], env={"NTM_CACHE_DIR": str(self.cache_dir())}))
        edited = self.row("one", "`ntm validate` 1 file, just edited (primed cache dir)", 1)
        cache = self.cache_dir()
        run([*self.ntm, "validate", str(one)], env={"NTM_CACHE_DIR": str(cache)})
        for i in range(10):
            copy = self.tmp / "edited" / one.name
            copy.parent.mkdir(exist_ok=True)
            copy.write_bytes(one.read_bytes() + f"# lần sửa {i}\n".encode())
            edited.runs.append(run([*self.ntm, "validate", str(copy)], env={"NTM_CACHE_DIR": str(cache)}))

    def floor(self, files: list[Path], key: str) -> None:
        size = len(files)
        self.row(f"read_{key}", "read bytes (floor)", size).runs.append(in_process(files, read_bytes))
        self.row(f"yaml_{key}", "PyYAML `CSafeLoader` load (floor)", size).runs.append(
            in_process(files, pyyaml_c))

    def validate(self, key: str, args: list[str], size: int, memory: bool = False) -> None:
        """One cold run in a fresh cache dir, then one warm run in the same dir. A warm run is
        dropped when files under ntm/ changed meanwhile: the cache is keyed on them, so it was cold."""
        cache = self.cache_dir()
        env = {"NTM_CACHE_DIR": str(cache)}
        cold = run([*self.ntm, "validate", *args], env=env, memory=memory)
        self.row(f"cold_{key}", "`ntm validate`, cold (empty cache dir)", size).runs.append(cold)
        warm = self.row(f"warm_{key}", "`ntm validate`, warm (same cache dir, files unchanged)", size)
        for _ in range(2):  # a dropped run filled the cache for the new ntm: the retry is warm
            before = fingerprint_ntm()
            warm_run = run([*self.ntm, "validate", *args], env=env)
            if fingerprint_ntm() == before:
                warm.runs.append(warm_run)
                break
            warm.dropped += 1
            warm.note = f"{warm.dropped} run(s) dropped: files under ntm/ changed during them"
        if cold.code != 0:
            self.checks.append(f"MISMATCH: `ntm validate` of the {size}-file corpus exited {cold.code} "
                               f"(the clean corpus should exit 0): {cold.stderr.strip()[:300]}")
        shutil.rmtree(cache, ignore_errors=True)

    def peer(self, files: list[Path]) -> None:
        schema = self.tmp / "plan.schema.json"
        if has_command(self.ntm, "schema"):
            run([*self.ntm, "schema", "--output", str(schema)])
        if not schema.exists():
            from ntm.model import Plan

            schema.write_text(json.dumps(Plan.model_json_schema()), encoding="utf-8")
        tool = Path(sys.executable).with_name("check-jsonschema")
        peer = self.row("peer", "`check-jsonschema --schemafile plan.schema.json`", len(files), note=ruamel_note())
        if not tool.exists():
            peer.missing = "chưa có (check-jsonschema not installed)"
            return
        result = run([str(tool), "--schemafile", str(schema), *map(str, files)])
        peer.runs.append(result)
        if result.code != 0:
            peer.note += f"; it reported schema errors (exit {result.code})"

    def primed(self, args: list[str], size: int, runs: int = 3) -> None:
        """Cold result cache, but the unit register snapshot already built, as on every run after
        the first since ntm (or vietnamadminunits) was installed: the per-file cost without the
        one-time register build that an empty cache dir adds (~1.3 s)."""
        row = self.row("primed_small", "`ntm validate`, cold results, unit register already built", size)
        for _ in range(runs):
            cache = self.cache_dir()
            run([*self.ntm, "validate", args[0]], env={"NTM_CACHE_DIR": str(cache)})
            (cache / "validate.sqlite3").unlink(missing_ok=True)
            row.runs.append(run([*self.ntm, "validate", *args], env={"NTM_CACHE_DIR": str(cache)}))

    def optional(self, key: str, name: str, command: str, args: list[str], files: int = 0, runs: int = 1,
                 cache: Path | None = None) -> None:
        """Time `ntm COMMAND ARGS`; each run in a fresh cache folder unless `cache` is given (warm)."""
        row = self.row(key, name, files)
        if not has_command(self.ntm, command):
            row.missing = "chưa có (n/a)"
            return
        for _ in range(runs):
            result = run([*self.ntm, command, *args], env={"NTM_CACHE_DIR": str(cache or self.cache_dir())}, cwd=ROOT)
            row.runs.append(result)
            if result.code != 0:
                row.note = f"lỗi: exit {result.code}: {result.stderr.strip().splitlines()[-1:] or ''}"
                return

    def broken(self, corpus: Path, manifest: dict) -> None:
        """The broken files must fail with exactly their expected codes (errors and warnings)."""
        out = self.tmp / "broken.json"
        run([*self.ntm, "validate", "--format", "json", "--output", str(out), str(corpus / "broken")],
            env={"NTM_CACHE_DIR": str(self.cache_dir())})
        found: dict[str, list[str]] = {}
        try:
            for d in json.loads(out.read_text(encoding="utf-8"))["diagnostics"]:
                if d.get("severity") in ("error", "warning"):
                    rel = Path(d["file"]).resolve().relative_to(corpus.resolve()).as_posix()
                    found.setdefault(rel, []).append(d["code"])
        except (OSError, ValueError, KeyError) as exc:
            self.checks.append(f"MISMATCH: could not read the broken files' diagnostics ({exc})")
            return
        expected = {k: sorted(v) for k, v in manifest["broken"].items()}
        got = {k: sorted(v) for k, v in found.items()}
        verdict = "as expected" if got == expected else f"MISMATCH: expected {expected}, got {got}"
        self.checks.append(f"broken files ({', '.join(sorted(expected))}): {verdict}")

    # the whole run ---------------------------------------------------------------------

    def main(self) -> int:
        # bytecode for ntm, as `pip install` leaves it: start-up figures must not include compiling
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "ntm")], check=False)
        corpus, manifest = self.corpus()
        files = sorted((corpus / "plans").rglob("*.yaml"))
        small = files[:SMALL]
        source = fingerprint_ntm()
        for path in files:
            path.read_bytes()  # same page-cache state for every measurement
        self.log("start-up: ntm --help, ntm validate one file")
        self.startup(files[0])
        self.log("broken files")
        self.broken(corpus, manifest)
        self.log(f"floor on {len(small)} files (3 runs)")
        for _ in range(3):
            self.floor(small, "small")
        self.log(f"ntm validate {len(small)} files, cold and warm")
        self.validate("small", list(map(str, small)), len(small))
        self.log(f"ntm validate {len(files)} files, cold (memory sampled) and warm")
        self.validate("big", [str(corpus / "plans")], len(files), memory=True)
        self.log(f"check-jsonschema on {len(small)} files")
        self.peer(small)
        self.log(f"ntm validate {len(small)} files, cold results with the unit register built")
        self.primed(list(map(str, small)), len(small))
        self.log("ntm report, ntm render")
        report_args = ["--year", "2024", str(corpus / "plans")]
        report_cache = self.cache_dir()
        self.optional("report", "`ntm report --year 2024`, cold (whole process)", "report", report_args, len(files),
                      cache=report_cache)
        self.optional("report_warm", "`ntm report --year 2024`, warm (files unchanged)", "report", report_args,
                      len(files), runs=2, cache=report_cache)
        self.optional("render", "`ntm render hung-my --format docx` (whole process)", "render",
                      ["hung-my", "--format", "docx", "--output", str(self.tmp / "render")], runs=3)
        self.more_runs(corpus, files)
        if fingerprint_ntm() != source:
            self.checks.append("WARNING: files under ntm/ changed during the run (warm runs affected are dropped; "
                               "cold runs may mix two versions of ntm)")
        report = render_report(self, corpus, manifest)
        print("\n" + report)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(report + "\n", encoding="utf-8")
        print(f"written to {RESULTS.relative_to(ROOT)}")
        shutil.rmtree(self.tmp, ignore_errors=True)
        return 0

    def more_runs(self, corpus: Path, files: list[Path]) -> None:
        """Runs 2 and 3 of the validations (1,000 files, then all), then the floor on all files,
        each only while the time budget allows it."""
        for key, args in (("small", list(map(str, files[:SMALL]))), ("big", [str(corpus / "plans")])):
            cold, warm = self.rows[f"cold_{key}"], self.rows[f"warm_{key}"]
            while len(cold.runs) < 3:
                estimate = (cold.runs[-1].wall + (warm.runs[-1].wall if warm.runs else cold.runs[-1].wall)) * 1.15
                if not self.budget.allows(estimate):
                    self.log(f"time budget: {len(cold.runs)} run(s) of the {cold.files}-file validation")
                    break
                self.log(f"ntm validate {cold.files} files, run {len(cold.runs) + 1}")
                self.validate(key, args, cold.files, memory=key == "big")
        estimate = self.rows["yaml_small"].wall * len(files) / SMALL * 1.2
        if len(files) > SMALL and self.budget.allows(estimate):
            self.log(f"floor on {len(files)} files")
            self.floor(files, "big")
        peer = self.rows.get("peer")
        while peer is not None and peer.runs and len(peer.runs) < 3 and self.budget.allows(peer.runs[-1].wall * 1.15):
            self.log(f"check-jsonschema, run {len(peer.runs) + 1}")
            self.peer(files[:SMALL])


# ----- helpers ------------------------------------------------------------------------


def read_manifest(out: Path) -> dict:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def count_plans(out: Path) -> int:
    return sum(1 for _ in (out / "plans").rglob("*.yaml")) if (out / "plans").is_dir() else 0


def fingerprint_ntm() -> str:
    import ntm

    digest = hashlib.sha256()
    for path in sorted(Path(ntm.__file__).parent.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def ruamel_note() -> str:
    import importlib.util

    if importlib.util.find_spec("_ruamel_yaml") is None:
        return "its YAML parser is pure-Python ruamel.yaml here (ruamel.yaml.clib not installed)"
    return "ruamel.yaml with its C extension"


# ----- the report ---------------------------------------------------------------------


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if value < 1 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def fmt_s(value: float) -> str:
    return f"{value:.3f}" if value < 1 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def mib(value: int) -> str:
    return f"{value / (1 << 20):.0f} MiB"


def table_rows(bench: Bench) -> list[str]:
    order = ["read_small", "yaml_small", "read_big", "yaml_big", "cold_small", "primed_small", "warm_small", "cold_big",
             "warm_big",
             "peer", "help", "one", "one_first", "report", "report_warm", "render"]
    lines = ["| measure | files | runs | ms / file | wall s (median) | CPU ms / file | note |", "|---|---:|---:|---:|---:|---:|---|"]
    for key in order:
        m = bench.rows.get(key)
        if m is None:
            continue
        if m.missing or not m.runs:
            lines.append(f"| {m.name} | {m.files or ''} | 0 | {m.missing or 'n/a'} | | | {m.note} |")
            continue
        per = fmt_ms(m.per_file()) if m.files > 1 else "–"
        cpu = fmt_ms(m.cpu * 1000 / m.files) if m.files > 1 else "–"
        lines.append(f"| {m.name} | {m.files or '–'} | {len(m.runs)} | {per} | {fmt_s(m.wall)} | {cpu} | {m.note} |")
    return lines


def ratio(a: Measure | None, b: Measure | None) -> float | None:
    if not a or not b or not a.runs or not b.runs:
        return None
    return a.per_file() / b.per_file()


def floor_for(bench: Bench, size_key: str) -> Measure:
    """The PyYAML floor on the same files when measured, else the floor on the first 1,000."""
    return bench.rows.get(f"yaml_{size_key}") or bench.rows["yaml_small"]


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f} ×"


def verdict(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def targets(bench: Bench) -> list[tuple[str, str, bool | None]]:
    r = bench.rows
    out = []
    for key, label in (("small", f"{r['cold_small'].files:,}"), ("big", f"{r['cold_big'].files:,}")):
        floor = floor_for(bench, key)
        cold, warm = ratio(r[f"cold_{key}"], floor), ratio(r[f"warm_{key}"], floor)
        out.append((f"cold ≤ 1.5 × PyYAML-C floor per file ({label} files)", times(cold), verdict(cold, 1.5)))
        out.append((f"warm ≤ 0.2 × floor per file ({label} files)", times(warm), verdict(warm, 0.2)))
    peer = ratio(r["peer"], r["cold_small"])
    out.append((f"cold ≥ 5 × faster than check-jsonschema per file ({r['peer'].files:,} files, empty cache dir)",
                f"{peer:.1f} × faster" if peer else "n/a", peer >= 5 if peer else None))
    primed = ratio(r["peer"], r.get("primed_small"))
    out.append((f"cold ≥ 5 × faster than check-jsonschema per file ({r['peer'].files:,} files, register built)",
                f"{primed:.1f} × faster" if primed else "n/a", primed >= 5 if primed else None))
    for key, label in (("help", "`ntm --help` < 0.3 s"), ("one", "`ntm validate` one file < 0.3 s")):
        out.append((label, f"{r[key].wall:.3f} s", r[key].wall < 0.3))
    for key, label in (("report", "cold"), ("report_warm", "warm")):
        rep = r.get(key)
        name = f"`ntm report` over {rep.files if rep else 10_000:,} plans < 10 s ({label})"
        if rep and rep.runs and not rep.note:
            out.append((name, f"{rep.wall:.1f} s", rep.wall < 10))
        else:
            out.append((name, rep.missing or rep.note if rep else "n/a", None))
    peak = max((x.tree_peak for x in r["cold_big"].runs), default=0)
    single = max((x.maxrss for x in r["cold_big"].runs), default=0)
    out.append((f"peak memory of the {r['cold_big'].files:,}-file validation < 1 GiB",
                f"{mib(peak)} (all processes, PSS); largest single process {mib(single)}", max(peak, single) < GIB))
    return out


def render_report(bench: Bench, corpus: Path, manifest: dict) -> str:
    r = bench.rows
    lines = [f"# ntm bench — {time.strftime('%Y-%m-%d %H:%M')}", "", *environment(bench, corpus, manifest), ""]
    lines += table_rows(bench)
    lines += ["", "Ratios (per file):", ""]
    for label, a, b in (("cold / floor", "cold_small", "small"), ("cold / floor", "cold_big", "big"),
                        ("warm / floor", "warm_small", "small"), ("warm / floor", "warm_big", "big")):
        value = ratio(r.get(a), floor_for(bench, b))
        files = f"{r[a].files:,}"
        lines.append(f"- {label}, {files} files: {value:.3f} ×" if value else f"- {label}, {files} files: n/a")
    peer = ratio(r.get("peer"), r.get("cold_small"))
    lines.append(f"- check-jsonschema / cold, {r['peer'].files:,} files: {peer:.2f} ×" if peer
                 else "- check-jsonschema / cold: n/a")
    primed = ratio(r.get("peer"), r.get("primed_small"))
    if primed:
        lines.append(f"- check-jsonschema / cold with the unit register built, {r['peer'].files:,} files: {primed:.2f} ×")
    big_peer = ratio(r.get("peer"), r.get("cold_big"))
    if big_peer:
        lines.append(f"- check-jsonschema (1,000 files) / cold per file over {r['cold_big'].files:,} files: {big_peer:.2f} ×")
    cold = r["cold_big"]
    lines.append(f"- cold CPU / floor, {cold.files:,} files (all cores' CPU time against the one-process floor): "
                 f"{cold.cpu * 1000 / cold.files / floor_for(bench, 'big').per_file():.2f} ×")
    lines += ["", "| target (issue #7) | measured | verdict |", "|---|---|---|"]
    for label, value, ok in targets(bench):
        lines.append(f"| {label} | {value} | {'PASS' if ok else 'MISS' if ok is False else 'n/a'} |")
    lines += ["", "Checks:", "", *[f"- {c}" for c in bench.checks]]
    return "\n".join(lines)


def environment(bench: Bench, corpus: Path, manifest: dict) -> list[str]:
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True)
    try:
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    years = ", ".join(f"{n} × {y}" for y, n in manifest.get("commune_plans", {}).items())
    return [
        f"- machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}; "
        f"load average at the end {load}",
        f"- ntm at {commit.stdout.strip() or '?'}; command `{' '.join(bench.ntm)}`",
        f"- corpus `{corpus.relative_to(ROOT)}`: {manifest.get('plans')} plans (seed {manifest.get('seed')}; "
        f"{manifest.get('district_plans')} district plans, commune plans {years}; "
        f"{manifest.get('lines', {}).get('min')}-{manifest.get('lines', {}).get('max')} lines each), "
        f"digest {str(manifest.get('digest'))[:12]}",
        f"- the 1,000-file figures use the first 1,000 files in path order; cold = empty `NTM_CACHE_DIR`, "
        f"warm = same directory again; page cache warm for every measurement; budget {bench.args.budget:.0f} s",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark ntm validate against its floor and peers (issue #7).")
    parser.add_argument("--plans", type=int, default=10_000, help="corpus size (default 10000)")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--budget", type=float, default=540, help="seconds for the whole run (default 540)")
    return Bench(parser.parse_args(argv)).main()


if __name__ == "__main__":
    sys.exit(main())
