"""Funding sources as the document prints them, from the vocabulary `ntm/data/funding_sources.yaml`.

Owns the labels (the full `label` for the body and Biểu 03, the `short` one for
the narrow "Nguồn vốn" column of Biểu 02), the name of the national target
programme an NTM plan carries out in its year (`ntm_programme`: the programme of
2021-2025 until 2025, the merged programme of NQ 257/2025/QH15 from 2026), and
the grouping of Biểu 03: every line of state money, the programme lines (NSTW
and NSĐP) as much as the budget levels (tỉnh, xã), under one "Ngân sách nhà
nước" row, then the other groups in the order the plan first names them.
Nothing here formats a number; `ntm.render.view` writes the rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Union

from ntm.funding_sources import lifetimes, vocabulary

STATE_GROUP = "ngan_sach"

# A node of the Biểu 03 tree: a funding line (its index) or a group (its vocabulary key, its members).
Node = Union[int, tuple[str, list["Node"]]]


def source_label(source: str) -> str:
    entry = vocabulary()["sources"].get(source)
    return entry["label"] if entry else source


def short_label(source: str) -> str:
    """The label of a narrow table column: `Vốn CTMTQG giai đoạn 2026 - 2035`; the full label when none is given."""
    entry = vocabulary()["sources"].get(source)
    if not entry:
        return source
    return entry.get("short") or entry["label"]


def group_label(group: str) -> str:
    return vocabulary()["groups"].get(group, group)


def ntm_programme(year: int) -> str | None:
    """The name of the national target programme NTM plans carry out on 1 January of `year`, or None."""
    day = dt.date(year, 1, 1)
    for key, entry in vocabulary()["sources"].items():
        life = lifetimes().get(key, {})
        begins, ends = life.get("from") or dt.date.min, life.get("until") or dt.date.max
        if entry.get("ntm_programme") and begins <= day <= ends:
            return " ".join(entry["ntm_programme"].split())
    return None


def funding_tree(lines: list[Any]) -> list[Node]:
    """Biểu 03 as a tree: one node per group in the order the plan first names it.

    Programme lines are state money (central and local budget through the programme), so they sit
    in the state-budget group beside the budget levels; several programmes form a sub-group there.
    A group of one line is that line.
    """
    sources = vocabulary()["sources"]
    top: dict[str, list[Node]] = {}
    for index, line in enumerate(lines):
        entry = sources.get(line.source, {})
        group = entry.get("group", "khac")
        members = top.setdefault(STATE_GROUP if entry.get("programme") else group, [])
        if entry.get("programme") and group != STATE_GROUP:
            _sub_group(members, group).append(index)
        else:
            members.append(index)
    return [_collapse((key, [_collapse(m) for m in members])) for key, members in top.items()]


def _sub_group(members: list[Node], group: str) -> list[Node]:
    for member in members:
        if isinstance(member, tuple) and member[0] == group:
            return member[1]
    found: tuple[str, list[Node]] = (group, [])
    members.append(found)
    return found[1]


def _collapse(node: Node) -> Node:
    if isinstance(node, tuple) and len(node[1]) == 1:
        return node[1][0]
    return node


def line_indexes(node: Node) -> list[int]:
    if isinstance(node, int):
        return [node]
    return [i for member in node[1] for i in line_indexes(member)]
