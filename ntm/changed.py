"""Which plan files a change touches: `ntm validate --changed [--base REF]`.

On a pull request only the files it changes need their own checks; the
cross-file rules (a slug or a unit used twice) still need every file's
summary. This module finds the merge base of HEAD and REF (what `git diff
REF...` compares with, so commits that landed on the base branch since the
branch started are not counted as this branch's changes) and returns the
files that differ from it (committed since then, staged, unstaged, and
untracked files git does not ignore) as resolved paths; deleted files are
left out, since there is nothing left to check in them. Without REF it
compares with the upstream of the current branch, else origin/HEAD, else
origin/main, origin/master, main or master. A shallow clone that lacks the
history to find the merge base is told how to fetch it.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BASES = ("@{upstream}", "origin/HEAD", "origin/main", "origin/master", "main", "master")


class ChangedError(Exception):
    """git is missing, this is not a repository, or REF is unknown: a usage error (codes U005-U009)."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Changes:
    """The files to check, and what they were compared with (`base` as named, `merge_base` its commit)."""

    files: frozenset[Path]
    base: str
    merge_base: str


def changed_files(base: str | None = None, cwd: Path | str = ".") -> Changes:
    """Existing files that differ from the merge base of HEAD and `base` (a default when None), resolved."""
    root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    base = base or _default_base(cwd)
    if not _exists(base, cwd):
        raise _shallow_hint(base, cwd) or ChangedError("U007", base=base)
    merge_base = _merge_base(base, cwd)
    names = _git(["diff", "--name-only", "-z", "--diff-filter=ACMR", merge_base, "--"], cwd).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], root).split("\0")
    found = frozenset((root / name).resolve() for name in names if name and (root / name).is_file())
    return Changes(found, base, merge_base)


def _default_base(cwd: Path | str) -> str:
    for candidate in DEFAULT_BASES:
        if _exists(candidate, cwd):
            return _git(["rev-parse", "--abbrev-ref", candidate], cwd).strip() or candidate
    raise _shallow_hint("origin/main", cwd) or ChangedError("U008")


def _merge_base(base: str, cwd: Path | str) -> str:
    try:
        return _git(["merge-base", base, "HEAD"], cwd).strip()
    except ChangedError as exc:
        raise _shallow_hint(base, cwd) or ChangedError("U010", base=base) from exc


def _exists(ref: str, cwd: Path | str) -> bool:
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    except ChangedError as exc:
        if exc.code == "U005":
            raise
        return False
    return True


def _shallow_hint(base: str, cwd: Path | str) -> ChangedError | None:
    """In a shallow clone, a missing base or merge base means missing history: say how to fetch it."""
    if _git(["rev-parse", "--is-shallow-repository"], cwd).strip() == "true":
        return ChangedError("U009", base=base)
    return None


def _git(args: list[str], cwd: Path | str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8")
    except FileNotFoundError as exc:
        raise ChangedError("U005") from exc
    if done.returncode != 0:
        raise ChangedError("U006", detail=(done.stderr.strip().splitlines() or ["?"])[-1])
    return done.stdout
