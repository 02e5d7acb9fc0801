"""Running one function over many plan files, on every core when the batch is large.

Validation and the report both turn a list of files into one result per file, in the
same order. Below `PARALLEL_THRESHOLD` files a process pool costs more than it saves
(each worker pays a fixed start-up for the models and the unit register), so small
batches run in this process. `progress`, when given, is told the number of files to work through
(`progress.start(n)`, if it has one) and called once per finished file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, TypeVar

PARALLEL_THRESHOLD = 64

# Reading a plan allocates some hundred thousand small objects (YAML nodes, dicts, models) that
# reference counting frees on its own; with CPython's default thresholds the cyclic collector
# runs every 700 allocations and costs ~20% of the time. Plans make no cycles worth chasing.
GC_THRESHOLDS = (50_000, 50, 100)

R = TypeVar("R")


def map_files(
    work: Callable[[Path], R],
    files: list[Path],
    jobs: int | None = None,
    progress: Callable[[], None] | None = None,
) -> list[R]:
    """`work(file)` for every file, in order; in a process pool for large batches."""
    from ntm.progress import started

    started(progress, len(files))
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) < PARALLEL_THRESHOLD:
        return [_tick(progress, work(f)) for f in files]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(4, len(files) // (jobs * 32))  # small chunks: no worker idles long at the end
    with ProcessPoolExecutor(max_workers=jobs, initializer=tune_gc) as pool:
        return [_tick(progress, r) for r in pool.map(work, files, chunksize=chunk)]


def tune_gc() -> None:
    """Collect cycles less often (see GC_THRESHOLDS); for the CLI process and its workers."""
    import gc

    gc.set_threshold(*GC_THRESHOLDS)


def _tick(progress: Callable[[], None] | None, result: R) -> R:
    if progress is not None:
        progress()
    return result
