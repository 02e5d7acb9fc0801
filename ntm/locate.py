"""Finding a plan by slug: `ntm render hung-my` and friends.

A slug is looked up as `<slug>.yaml` anywhere under the plans folder
(default `plans/` in the current directory, or `--plans DIR`); an existing
file path is accepted as it is. Slugs are validated first, so `..` or an
absolute path can never escape the plans folder.
"""

from __future__ import annotations

import re
from pathlib import Path

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class NotFound(Exception):
    """The slug names no plan; `suggestions` are the closest slugs."""

    def __init__(self, slug: str, suggestions: list[str]) -> None:
        super().__init__(slug)
        self.slug = slug
        self.suggestions = suggestions


def find_plan(ref: str, plans_dir: Path = Path("plans")) -> Path:
    path = Path(ref)
    if ref.endswith((".yaml", ".yml")) and path.is_file():
        return path
    if not SLUG.match(ref):
        raise NotFound(ref, [])
    matches = sorted(plans_dir.rglob(f"{ref}.yaml")) if plans_dir.is_dir() else []
    if matches:
        return matches[0]
    import difflib

    known = sorted(p.stem for p in plans_dir.rglob("*.yaml")) if plans_dir.is_dir() else []
    raise NotFound(ref, difflib.get_close_matches(ref, known, n=3, cutoff=0.5))
