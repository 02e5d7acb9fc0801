"""Pydantic validation errors translated into ntm diagnostics.

Pydantic reports an error as a `type`, a `loc` and a `ctx`; this module maps
each type to one of our schema codes (S001 missing field, S002 unknown field…),
turns the `loc` into the YAML path of the data (dropping the union-member and
validator names Pydantic inserts), and finds its line and column. Messages are
never Pydantic's English text: they come from `ntm.messages` by code.
"""

from __future__ import annotations

from typing import Any

from ntm.diagnostics import Diagnostic, Severity
from ntm.yamlio import Positions

TYPE_CODES = {
    "missing": "S001",
    "extra_forbidden": "S002",
    "enum": "S004",
    "literal_error": "S004",
    "date_parsing": "S005",
    "date_from_datetime_parsing": "S005",
    "date_from_datetime_inexact": "S005",
    "date_type": "S005",
    "greater_than_equal": "S006",
    "greater_than": "S006",
    "less_than_equal": "S006",
    "less_than": "S006",
    "finite_number": "S010",
    "decimal_max_digits": "S006",
    "decimal_max_places": "S006",
    "string_pattern_mismatch": "S007",
    "value_error": "S008",
    "too_short": "S009",
    "string_too_short": "S009",
    "too_long": "S006",
    "string_too_long": "S006",
}


def code_for(error_type: str) -> str:
    if error_type in TYPE_CODES:
        return TYPE_CODES[error_type]
    if error_type.endswith(("_type", "_parsing")) or error_type in {"model_attributes_type", "dict_type"}:
        return "S003"
    return "S000"


def data_path(loc: tuple, data: Any) -> tuple:
    """Keep the parts of a Pydantic `loc` that index into the data."""
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and str(part) in node:
            path.append(str(part))
            node = node[str(part)]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and _is_member_name(part):
            continue
        elif node is not None and not isinstance(node, (dict, list)):
            continue  # a validator wrapped a scalar (a bare amount): point at the scalar
        else:
            path.append(part)
            node = None
    return tuple(path)


def _is_member_name(part: str) -> bool:
    return part[:1].isupper() or "[" in part or part in {"str", "int", "list", "dict", "decimal", "bool"}


def translate(errors: list[dict], data: Any, positions: Positions, file: str) -> list[Diagnostic]:
    found: dict[tuple, Diagnostic] = {}
    for error in errors:
        diag = _one(error, data, positions, file)
        found.setdefault((diag.path, diag.code), diag)
    return _drop_union_noise(list(found.values()))


def _one(error: dict, data: Any, positions: Positions, file: str) -> Diagnostic:
    code = code_for(error["type"])
    path = data_path(tuple(error["loc"]), data)
    prefer_key = code in {"S002"}
    line_col = positions.of(path, prefer_key=prefer_key)
    line, column = line_col if line_col else (None, None)
    return Diagnostic(
        code=code,
        severity=Severity.ERROR,
        file=file,
        line=line,
        column=column,
        path=path,
        params=_params(error, path),
    )


def _choices(expected: str) -> dict[str, str]:
    """Pydantic's "'a', 'b' or 'c'" in each language ("'a', 'b' hoặc 'c'")."""
    head, sep, last = expected.rpartition(" or ")
    return {"vi": f"{head} hoặc {last}" if sep else expected, "en": expected}


def _params(error: dict, path: tuple) -> dict[str, Any]:
    ctx = error.get("ctx") or {}
    params: dict[str, Any] = {"field": str(path[-1]) if path else "", "type": error["type"]}
    if "expected" in ctx:
        params["expected"] = _choices(str(ctx["expected"]))
    for bound in ("ge", "gt", "le", "lt", "max_digits", "min_length", "max_length", "pattern"):
        if bound in ctx:
            params["bound"] = str(ctx[bound])
    if error["type"] == "value_error":
        params["reason"] = str(ctx.get("error", error.get("msg", "")))
    given = error.get("input")
    if isinstance(given, (str, int, float)) and not isinstance(given, bool):
        params["value"] = str(given)[:80]
    elif given is not None and not isinstance(given, (dict, list)):
        params["value"] = str(given)[:80]
    return params


def _drop_union_noise(items: list[Diagnostic]) -> list[Diagnostic]:
    """A value that fits no member of a union yields one error per member; keep the most specific."""
    paths = {d.path for d in items}
    return [d for d in items if not (d.code == "S003" and any(p[: len(d.path)] == d.path and p != d.path for p in paths))]
