"""Which plan files a change touches: `ntm validate --changed [--base REF]`.

On a pull request only the files it changes need their own checks; the
cross-file rules (a slug or a unit used twice) still need every file's
summary. This module asks git for the files that differ from REF (committed
since REF, staged, unstaged, and untracked files git does not ignore) and
returns them as resolved paths; deleted files are left out, since there is
nothing left to check in them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class ChangedError(Exception):
    """git is missing, this is not a repository, or REF is unknown: a usage error (codes U005-U007)."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def changed_files(base: str = "HEAD", cwd: Path | str = ".") -> set[Path]:
    """Existing files that differ from `base`, resolved."""
    root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], cwd, ("U007", {"base": base}))
    names = _git(["diff", "--name-only", "-z", "--diff-filter=ACMR", base, "--"], cwd).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], root).split("\0")
    return {(root / name).resolve() for name in names if name and (root / name).is_file()}


def _git(args: list[str], cwd: Path | str, problem: tuple[str, dict] | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8")
    except FileNotFoundError as exc:
        raise ChangedError("U005") from exc
    if done.returncode != 0:
        code, params = problem or ("U006", {"detail": done.stderr.strip().splitlines()[-1:] or ["?"]})
        raise ChangedError(code, **{k: (v[0] if isinstance(v, list) else v) for k, v in params.items()})
    return done.stdout
