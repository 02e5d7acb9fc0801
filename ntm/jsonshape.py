"""The head every `--format json` document of ntm starts with.

`kind` names the document (`ntm-validate`, `ntm-status`, …), `version` is the
version of its shape (raised only when a field changes meaning or goes away;
new fields may appear at any time) and `ntm_version` the ntm that wrote it, so
a script reading the output can tell what it holds.
"""

from __future__ import annotations

import json
from typing import Any

import ntm


def json_head(kind: str, version: int = 1) -> dict[str, Any]:
    return {"kind": kind, "version": version, "ntm_version": ntm.__version__}


def json_document(kind: str, body: dict[str, Any], version: int = 1) -> str:
    """`body` under the head, as indented UTF-8 JSON (Decimals and dates as text)."""
    return json.dumps({**json_head(kind, version), **body}, ensure_ascii=False, indent=2, default=str)
