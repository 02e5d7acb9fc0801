"""`ntm rules`: the catalogue of rules, from the rule modules themselves.

Lists each rule's code, severity, what it checks and what it does when a value
is missing, optionally with its passing and failing examples; as text, JSON
or Markdown (the README's rule table is this Markdown, checked by a test).
"""

from __future__ import annotations

from ntm.messages import severity_word


def render_rules(fmt: str, lang: str, examples: bool) -> str:
    from ntm.rules import all_rules

    rules = all_rules()
    if fmt == "json":
        from ntm.jsonshape import json_document

        return json_document("ntm-rules", {"rules": [_as_dict(r, lang) for r in rules]})
    if fmt == "md":
        return _markdown(rules, lang)
    return "\n".join(_text(r, lang, examples) for r in rules)


def _as_dict(rule, lang: str) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "scope": rule.scope,
        "title": rule.title[lang],
        "when_missing": rule.when_missing[lang],
        "passing": rule.passing,
        "failing": rule.failing,
    }


def _text(rule, lang: str, examples: bool) -> str:
    head = f"{rule.code}  {severity_word(rule.severity.value, lang):<10} {rule.name:<16} {rule.title[lang]}"
    if not examples:
        return head
    label = ("Khi thiếu giá trị", "Ví dụ đạt", "Ví dụ không đạt") if lang == "vi" else ("When missing", "Passes", "Fails")
    indent = lambda block: "\n".join("      " + line for line in block.rstrip().splitlines())  # noqa: E731
    return (f"{head}\n    {label[0]}: {rule.when_missing[lang]}\n    {label[1]}:\n{indent(rule.passing)}"
            f"\n    {label[2]}:\n{indent(rule.failing)}\n")


def _markdown(rules, lang: str) -> str:
    header = "| mã | mức | tên | kiểm tra gì | khi thiếu giá trị |" if lang == "vi" else "| code | severity | name | checks | when missing |"
    lines = [header, "|---|---|---|---|---|"]
    for r in rules:
        lines.append(f"| {r.code} | {severity_word(r.severity.value, lang)} | {r.name} | {r.title[lang]} | {r.when_missing[lang]} |")
    return "\n".join(lines)
