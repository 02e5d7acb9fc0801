"""R502: the same unit does not have two plans of the same kind for the same period.

Two annual plans of xã Hùng Mỹ for 2024 in one tree are a copy-paste mistake;
a 2024 and a 2025 plan are not. Units are compared by level, name, district
and province with their diacritics (Minh Quán and Minh Quân are two communes),
blind only to case, NFC/NFD and where the tone mark sits (Hoá = Hóa).
"""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Rule

RULE = Rule(
    code="R502",
    name="duplicate-unit",
    severity=Severity.ERROR,
    title={"vi": "Một đơn vị không có hai kế hoạch cùng loại cho cùng giai đoạn", "en": "One plan per unit, kind and period"},
    message={
        "vi": "{unit} đã có kế hoạch cùng loại cho giai đoạn {period} ở {other}",
        "en": "{unit} already has a plan of this kind for {period} in {other}",
    },
    when_missing={"vi": "Đơn vị không có tên: bỏ qua.", "en": "Unnamed unit: skipped."},
    passing="# hung-my-2024.yaml: xã Hùng Mỹ, KH, 2024\n# hung-my-2025.yaml: xã Hùng Mỹ, KH, 2025\n",
    failing="# hung-my.yaml: xã Hùng Mỹ, KH, 2024\n# hung-my-copy.yaml: xã Hùng Mỹ, KH, 2024\n",
    scope="tree",
)


def check_tree(summaries):
    first: dict[tuple, str] = {}
    for s in summaries:
        if not s.unit_name:
            continue
        if s.unit_key in first:
            params = {"unit": s.unit_name, "period": s.period, "other": first[s.unit_key]}
            yield s.diagnostic(RULE, ("unit", "name"), s.unit_at, params)
        else:
            first[s.unit_key] = s.file
