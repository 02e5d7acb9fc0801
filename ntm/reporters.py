"""Reporters: one list of diagnostics, printed as text, JSON, GitHub or JUnit.

Each reporter is a small function chosen by name from `REPORTERS`, so every
format shows the same findings; only the terminal text leaves out info findings
unless asked (`show_infos`), and its summary still counts them. `auto` picks
`github` inside GitHub Actions and `text` elsewhere. The JSON shape is stable
and documented in docs/ci.md. The GitHub step summary escapes what would break
its table and stays under GitHub's 1 MiB per step, counting by rule what does
not fit.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from typing import Callable

from ntm.diagnostics import Diagnostic, Severity
from ntm.messages import cli_word, severity_word

JSON_VERSION = 1
STEP_SUMMARY_LIMIT = 1024 * 1024  # GitHub drops a step summary larger than 1 MiB
STEP_SUMMARY_MARGIN = 16 * 1024  # room for the counts by rule after the last row


def counts(diagnostics: list[Diagnostic]) -> dict[str, int]:
    found = Counter(d.severity.value for d in diagnostics)
    return {s.value: found.get(s.value, 0) for s in Severity}


def summary_line(files: list[str], diagnostics: list[Diagnostic], lang: str, infos_shown: bool = True) -> str:
    """The count of every finding, infos included; says so when the infos were not printed."""
    c = counts(diagnostics)
    hidden = cli_word("infos_hidden", lang) if c["info"] and not infos_shown else ""
    if lang == "en":
        return (f"Checked {_plural(len(files), 'file')}: {_plural(c['error'], 'error')}, "
                f"{_plural(c['warning'], 'warning')}, {_plural(c['info'], 'note')}{hidden}.")
    return f"Đã kiểm tra {len(files)} tệp: {c['error']} lỗi, {c['warning']} cảnh báo, {c['info']} thông tin{hidden}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def text(files: list[str], diagnostics: list[Diagnostic], lang: str, summary: bool = True,
         show_infos: bool = True) -> str:
    """One line per finding (`file:line:col: lỗi CODE message  [yaml.path]`), then the count."""
    lines = [
        f"{d.location()}: {severity_word(d.severity.value, lang)} {d.code} {d.message(lang)}"
        + (f"  [{d.yaml_path()}]" if d.path else "")
        for d in diagnostics
        if show_infos or d.severity is not Severity.INFO
    ]
    if summary:
        lines.append(summary_line(files, diagnostics, lang, show_infos))
    return "\n".join(lines)


def as_json(files: list[str], diagnostics: list[Diagnostic], lang: str, **_: object) -> str:
    from ntm.jsonshape import json_head

    payload = {
        **json_head("ntm-validate", JSON_VERSION),
        "files": files,
        "summary": counts(diagnostics),
        "diagnostics": [d.to_dict(lang) for d in diagnostics],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def github(files: list[str], diagnostics: list[Diagnostic], lang: str, **_: object) -> str:
    """Workflow commands: one annotation per finding, then the summary."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for d in diagnostics:
        props = [f"file={_gh_prop(d.file)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column or 1}"]
        props.append(f"title={_gh_prop(d.code)}")
        lines.append(f"::{level[d.severity.value]} {','.join(props)}::{_gh_data(d.message(lang))}")
    lines.append(summary_line(files, diagnostics, lang))
    _write_step_summary(files, diagnostics, lang)
    return "\n".join(lines)


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def _write_step_summary(files, diagnostics, lang) -> None:
    """GitHub shows only about ten annotations per step; the step summary holds them all, as far as fits."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        used = os.path.getsize(target)  # earlier writes of this step count towards its limit
    except OSError:
        used = 0
    text = step_summary(files, diagnostics, lang, STEP_SUMMARY_LIMIT - used)
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(text)


def step_summary(files: list[str], diagnostics: list[Diagnostic], lang: str, budget: int = STEP_SUMMARY_LIMIT) -> str:
    """Markdown: the count, then one table row per finding while the UTF-8 text stays within
    `budget` bytes; the findings that do not fit are counted by rule in a second table."""
    parts = [f"### ntm validate\n\n{summary_line(files, diagnostics, lang)}\n\n"]
    size = len(parts[0].encode("utf-8")) + STEP_SUMMARY_MARGIN
    if diagnostics:
        parts.append(f"{cli_word('summary_columns', lang)}\n|---|---|---|---|\n")
        size += len(parts[-1].encode("utf-8"))
    shown = 0
    for d in diagnostics:
        row = "| " + " | ".join(_cell(v) for v in (d.location(), severity_word(d.severity.value, lang), d.code,
                                                       d.message(lang))) + " |\n"
        size += len(row.encode("utf-8"))
        if size > budget:
            break
        parts.append(row)
        shown += 1
    if shown < len(diagnostics):
        parts.append(_not_shown(diagnostics[shown:], lang))
    return "".join(parts)


def _not_shown(rest: list[Diagnostic], lang: str) -> str:
    by_rule = Counter((d.code, d.severity.value) for d in rest)
    rows = [f"| {code} | {severity_word(severity, lang)} | {count} |"
            for (code, severity), count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0]))]
    return "\n".join([f"\n{cli_word('summary_more', lang, count=len(rest))}\n", cli_word("summary_by_rule", lang),
                      "|---|---|---|", *rows]) + "\n"


def _cell(value: str) -> str:
    """Text that stays inside one cell of a Markdown table: `|` escaped, line breaks as <br>, no HTML."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def junit(files: list[str], diagnostics: list[Diagnostic], lang: str, **_: object) -> str:
    """One test case per file; its errors are one failure, its warnings and infos its system-out.

    Warnings do not fail `ntm validate`, so they do not fail a test case either;
    the CI server still shows them beside the case.
    """
    from xml.sax.saxutils import escape, quoteattr

    by_file: dict[str, list[Diagnostic]] = {f: [] for f in files}
    for d in diagnostics:
        by_file.setdefault(d.file or "(tree)", []).append(d)
    failed = sum(1 for found in by_file.values() if any(d.severity is Severity.ERROR for d in found))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="ntm" tests="{len(by_file)}" failures="{failed}" errors="0">',
           f'  <testsuite name="ntm validate" tests="{len(by_file)}" failures="{failed}" errors="0" skipped="0">']
    for file, found in by_file.items():
        out.append(f"    <testcase classname=\"ntm.validate\" name={quoteattr(_xml_text(file))}>")
        errors = [d for d in found if d.severity is Severity.ERROR]
        notes = [d for d in found if d.severity is not Severity.ERROR]
        if errors:
            body = "\n".join(_junit_line(d, lang) for d in errors)
            message = _xml_text(errors[0].message(lang))
            out.append(f"      <failure type={quoteattr(errors[0].code)} message={quoteattr(message)}>"
                       f"{escape(body)}</failure>")
        if notes:
            out.append(f"      <system-out>{escape(chr(10).join(_junit_line(d, lang) for d in notes))}</system-out>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out)


def _junit_line(d: Diagnostic, lang: str) -> str:
    return _xml_text(f"{d.location()}: {severity_word(d.severity.value, lang)} {d.code} {d.message(lang)}")


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold: control characters from a hostile file become U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


REPORTERS: dict[str, Callable[..., str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "junit": junit,
}


def pick(name: str) -> Callable[..., str]:
    """The reporter `name`: called as (files, diagnostics, lang, show_infos=…); only text hides infos."""
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return REPORTERS[name]
