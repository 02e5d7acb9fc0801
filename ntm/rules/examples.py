"""A minimal valid plan that rule examples are merged into.

Each rule's passing and failing examples are YAML fragments of top-level
keys; `example_plan_text` puts a fragment on top of `MINIMAL_PLAN`, so the
examples stay short in `ntm rules --examples` and are still whole plans in
the tests that prove each example passes or fails as it says.
"""

from __future__ import annotations

MINIMAL_PLAN = """\
schema_version: 1
slug: vi-du
unit: {level: xa, name: Hùng Mỹ, district: Chiêm Hóa, province: Tuyên Quang, region: TDMNPB}
criteria_set: xa-ntm-2021-2025
period: {start: 2024, end: 2024}
document: {kind: KH, title: Kế hoạch ví dụ, date: 2024-02-22}
"""


def example_plan_text(fragment: str) -> str:
    """MINIMAL_PLAN with the fragment's top-level keys replacing its own."""
    from ntm.yamlio import load_text

    base = load_text(MINIMAL_PLAN).data
    overrides = load_text(fragment).data or {}
    keep = [line for line in MINIMAL_PLAN.splitlines() if line.split(":")[0] not in overrides]
    assert set(base) >= {line.split(":")[0] for line in keep}
    return "\n".join(keep) + "\n" + fragment
