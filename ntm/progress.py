"""Progress bars for commands that read many files, on stderr and only where a person watches.

The core (validation, the report) calls `progress()` once per finished file and,
when it knows the number of files, `progress.start(total)`. `FileProgress` shows a
rich bar for that, but only when stderr is a terminal, `--quiet` is not given and
the batch is large enough to take more than about a second; anywhere else it does
nothing, so CI logs and pipes stay clean.
"""

from __future__ import annotations

import os
import sys

SHOW_FROM_FILES = 200  # below this a batch finishes in about a second, cold


class FileProgress:
    """A callable ticker for the core; a no-op unless a person can see it."""

    def __init__(self, label: str, enabled: bool = True) -> None:
        self.label = label
        self.enabled = enabled and sys.stderr.isatty()
        self._bar = None
        self._task = None

    def start(self, total: int) -> None:
        if not self.enabled or total < SHOW_FROM_FILES:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")))
        self._bar = Progress(TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                             console=console, transient=True)
        self._bar.start()
        self._task = self._bar.add_task(self.label, total=total)

    def __call__(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> "FileProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def started(progress, total: int) -> None:
    """Tell a progress callable how many files are coming, if it wants to know."""
    start = getattr(progress, "start", None)
    if start is not None:
        start(total)
