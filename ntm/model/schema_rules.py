"""The plan model's cross-field checks said in JSON Schema, for editors and CI peers.

A model validator (a figure needs a count, a percent, a value or a flag; a unit
needs a name or a note; a period does not end before it starts) is invisible to
a JSON Schema generated from field types alone, so an editor would show green
where `ntm validate` refuses the plan. Each model hands the fragment built here
to `json_schema_extra`, beside the validator it restates. The fragments use only
keywords that mean the same in JSON Schema draft-07 and 2020-12 (`if`/`then`,
`anyOf`, `not`, `required`, `properties`), so every editor reads them alike.
"""

from __future__ import annotations

from typing import Any

Fragment = dict[str, Any]


def given(name: str) -> Fragment:
    """`name` is present and not null (a null field is as good as an absent one to the model)."""
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}


def some_given(*names: str) -> Fragment:
    """At least one of `names` is present and not null."""
    return {"anyOf": [given(name) for name in names]}


def when_given(name: str, then: Fragment) -> Fragment:
    """When `name` is present and not null, `then` holds."""
    return {"if": given(name), "then": then}


def not_before(first: str, second: str, low: int, high: int) -> Fragment:
    """Integer `second` is not smaller than integer `first`, both in `low..high`.

    JSON Schema cannot compare two fields, but with bounded integers it can find
    the value of `first` by halving the range with `if`/`then`/`else` (eight
    questions for 156 years) and then ask `second` for that value as its minimum.
    """
    def tree(lo: int, hi: int) -> Fragment:
        if lo == hi:
            return {"properties": {second: {"minimum": lo}}}
        middle = (lo + hi + 1) // 2
        return {"if": {"properties": {first: {"minimum": middle}}},
                "then": tree(middle, hi), "else": tree(lo, middle - 1)}

    known = {"required": [first], "properties": {first: {"type": "integer", "minimum": low, "maximum": high}}}
    return {"if": known, "then": tree(low, high)}


def merge(schema: Fragment, *fragments: Fragment) -> None:
    """Add fragments to a model's schema in place, each as one more `allOf` member."""
    members = schema.setdefault("allOf", [])
    for fragment in fragments:
        members.extend(fragment["allOf"] if list(fragment) == ["allOf"] else [fragment])
