"""R501: no two plan files in a tree share a slug."""

from __future__ import annotations

from ntm.diagnostics import Severity
from ntm.rules.base import Rule

RULE = Rule(
    code="R501",
    name="duplicate-slug",
    severity=Severity.ERROR,
    title={"vi": "Mã kế hoạch (slug) không trùng giữa các tệp", "en": "Slugs are unique across the tree"},
    message={"vi": "Mã '{slug}' đã dùng ở {other}", "en": "Slug '{slug}' is already used in {other}"},
    when_missing={"vi": "Chỉ có một tệp: bỏ qua.", "en": "A single file: skipped."},
    passing="# a/hung-my.yaml: slug: hung-my\n# b/tan-yen.yaml: slug: tan-yen\n",
    failing="# a/hung-my.yaml: slug: hung-my\n# b/hung-my.yaml: slug: hung-my\n",
    scope="tree",
)


def check_tree(summaries):
    first: dict[str, str] = {}
    for s in summaries:
        if s.slug in first:
            yield s.diagnostic(RULE, ("slug",), s.slug_at, {"slug": s.slug, "other": first[s.slug]})
        else:
            first[s.slug] = s.file
