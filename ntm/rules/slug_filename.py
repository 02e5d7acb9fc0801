"""R602: a plan's slug is its file name, so `ntm render SLUG` finds it."""

from __future__ import annotations

from pathlib import Path

from ntm.diagnostics import Severity
from ntm.rules.base import Finding, Rule

RULE = Rule(
    code="R602",
    name="slug-filename",
    severity=Severity.WARNING,
    title={"vi": "Mã kế hoạch (slug) trùng tên tệp", "en": "The slug is the file name"},
    message={"vi": "Mã '{slug}' khác tên tệp '{stem}'", "en": "Slug '{slug}' differs from the file name '{stem}'"},
    when_missing={"vi": "Nội dung không đến từ tệp: bỏ qua.", "en": "Not read from a file: skipped."},
    passing="# in hung-my.yaml\nslug: hung-my\n",
    failing="# in hung-my.yaml\nslug: hung-my-2024\n",
)


def check(ctx):
    if ctx.file.startswith("<"):
        return
    stem = Path(ctx.file).stem
    if stem != ctx.plan.slug:
        yield Finding(("slug",), {"slug": ctx.plan.slug, "stem": stem})
