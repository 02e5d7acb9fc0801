"""The funding-source vocabulary (`ntm/data/funding_sources.yaml`), read once per process.

Owns the vocabulary itself — each source key with its label, short label, group,
budget level, the NTM programme it names and the time it `exists` in — and the
parsed form of those times (`lifetimes`). Rules (R102 known keys, R106 periods),
the report (labels, order, groups) and the renderer (labels, programme name,
Biểu 03 groups) all read it from here.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ntm.diagnostics import Severity


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    from importlib.resources import files

    from ntm.yamlio import load_text

    text = files("ntm").joinpath("data/funding_sources.yaml").read_text(encoding="utf-8")
    return load_text(text, "funding_sources.yaml").data


@lru_cache(maxsize=1)
def lifetimes() -> dict[str, dict]:
    """Source key -> {"from", "until" (dates or None), "ended" severity, "why" {vi, en}} for sources that have one."""
    found = {}
    for key, entry in vocabulary()["sources"].items():
        exists = entry.get("exists")
        if exists:
            found[key] = {
                "from": _date(exists.get("from")),
                "until": _date(exists.get("until")),
                "ended": Severity(exists.get("ended", "error")),
                "why": exists.get("why"),
                "label": entry["label"],
            }
    return found


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None
