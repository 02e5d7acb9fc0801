"""`make fuzz`: feed mutated plan files to the loader and the validator, look for crashes.

The target is everything a plan file goes through in `ntm validate`: decoding,
YAML, the model, every plan rule. A crash is any exception out of that path
(the rules' own guard turns a rule bug into an X001 diagnostic; that counts as
a crash here too). With atheris installed (`pip install atheris`) the run is
coverage-guided; without it, a seeded mutation loop over the same seeds runs
instead. Seeds: the shipped plans and tests/hostile/. Each crash is written to
tests/fuzz/crashes/ and must become a regression test in tests/test_fuzz_regressions.py.

    python tests/fuzz/run_fuzz.py --seconds 60
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CRASHES = HERE / "crashes"
sys.path.insert(0, str(ROOT))


def target(data: bytes) -> None:
    """One input through ntm's whole per-file path; raises on a crash."""
    from ntm.loader import validate_loaded
    from ntm.rules import PlanContext, run_plan_rules
    from ntm.yamlio import decode, load_text

    text, problems = decode(data, "fuzz.yaml")
    if text is None:
        assert problems, "undecodable input without a diagnostic"
        return
    loaded = validate_loaded(load_text(text, "fuzz.yaml"))
    if loaded.plan is None:
        assert loaded.diagnostics, "a plan that did not load without a diagnostic"
        return
    found = run_plan_rules(PlanContext(loaded.file, loaded.plan, loaded.positions))
    crashed = [d for d in found if d.code == "X001"]
    if crashed:
        raise RuntimeError(f"rule crashed: {crashed[0].params}")
    for d in found:
        d.message("vi"), d.message("en")


def seeds() -> list[bytes]:
    files = sorted((ROOT / "plans").rglob("*.yaml")) + sorted((ROOT / "tests" / "hostile").glob("*.yaml"))
    return [f.read_bytes() for f in files]


TOKENS = [b": ", b"\n", b"  ", b"- ", b"{", b"}", b"[", b"]", b"&a ", b"*a", b"!!", b"#", b'"', b"'", b"\t",
          b"1e400", b".nan", b"-1", b"2024-02-30", b"\xef\xbb\xbf", b"\r\n", b"\x00", b"total: ", b"amount: ",
          b"percent: ", b"count: ", b"of: ", b"status: met", b"criterion: ", b"code: ", b"year: ", b"|\n",
          "Hùng Mỹ".encode(), "đạt".encode()]


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(5)
        at = rng.randrange(len(buf) + 1)
        if op == 0 and buf:
            del buf[at:at + rng.randint(1, 40)]
        elif op == 1:
            buf[at:at] = rng.choice(TOKENS)
        elif op == 2 and buf:
            buf[min(at, len(buf) - 1)] = rng.randrange(256)
        elif op == 3 and len(buf) > 2:
            start = rng.randrange(len(buf) - 1)
            chunk = buf[start:start + rng.randint(1, 200)]
            buf[at:at] = chunk
        else:
            lines = bytes(buf).split(b"\n")
            rng.shuffle(lines[rng.randrange(len(lines)):])
            buf = bytearray(b"\n".join(lines))
    return bytes(buf)


def record(data: bytes, exc: BaseException) -> Path:
    CRASHES.mkdir(exist_ok=True)
    name = hashlib.sha256(data).hexdigest()[:16]
    path = CRASHES / f"crash-{name}.yaml"
    path.write_bytes(data)
    (CRASHES / f"crash-{name}.txt").write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    return path


def mutation_loop(seconds: float, seed: int) -> int:
    rng = random.Random(seed)
    pool = seeds()
    end = time.monotonic() + seconds
    runs = crashes = 0
    while time.monotonic() < end:
        data = mutate(rng.choice(pool), rng)
        runs += 1
        try:
            target(data)
        except Exception as exc:  # noqa: BLE001 - a crash is what we look for
            crashes += 1
            print(f"crash: {record(data, exc)}: {type(exc).__name__}: {exc}")
    print(f"mutation fuzzing: {runs} inputs in {seconds:.0f} s, {crashes} crashes (seed {seed})")
    return 1 if crashes else 0


def atheris_run(seconds: float) -> int:
    import atheris

    with atheris.instrument_imports():
        import ntm.loader  # noqa: F401
        import ntm.rules  # noqa: F401
        import ntm.yamlio  # noqa: F401
    corpus = HERE / "corpus"
    corpus.mkdir(exist_ok=True)
    CRASHES.mkdir(exist_ok=True)
    for data in seeds():
        (corpus / hashlib.sha256(data).hexdigest()[:16]).write_bytes(data)
    atheris.Setup([sys.argv[0], f"-max_total_time={int(seconds)}", f"-artifact_prefix={CRASHES}/",
                   "-rss_limit_mb=2048", str(corpus)], target)
    atheris.Fuzz()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--engine", choices=("auto", "atheris", "mutation"), default="auto")
    args = parser.parse_args()
    if args.engine != "mutation":
        try:
            import atheris  # noqa: F401
        except ImportError:
            if args.engine == "atheris":
                raise SystemExit("atheris is not installed: pip install atheris")
        else:
            return atheris_run(args.seconds)
    return mutation_loop(args.seconds, args.seed)


if __name__ == "__main__":
    sys.exit(main())
