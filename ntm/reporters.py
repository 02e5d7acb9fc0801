"""Reporters: one list of diagnostics, printed as text, JSON, GitHub or JUnit.

Each reporter is a small function chosen by name from `REPORTERS`, so every
format shows the same findings. `auto` picks `github` inside GitHub Actions
and `text` elsewhere. The JSON shape is stable and documented in docs/ci.md.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Callable

from ntm.diagnostics import Diagnostic, Severity
from ntm.messages import severity_word

JSON_VERSION = 1


def counts(diagnostics: list[Diagnostic]) -> dict[str, int]:
    found = Counter(d.severity.value for d in diagnostics)
    return {s.value: found.get(s.value, 0) for s in Severity}


def summary_line(files: list[str], diagnostics: list[Diagnostic], lang: str) -> str:
    c = counts(diagnostics)
    if lang == "en":
        return f"Checked {len(files)} files: {c['error']} errors, {c['warning']} warnings, {c['info']} notes."
    return f"Đã kiểm tra {len(files)} tệp: {c['error']} lỗi, {c['warning']} cảnh báo, {c['info']} thông tin."


def text(files: list[str], diagnostics: list[Diagnostic], lang: str, summary: bool = True) -> str:
    """One line per finding (`file:line:col: lỗi CODE message  [yaml.path]`), then the count."""
    lines = [
        f"{d.location()}: {severity_word(d.severity.value, lang)} {d.code} {d.message(lang)}"
        + (f"  [{d.yaml_path()}]" if d.path else "")
        for d in diagnostics
    ]
    if summary:
        lines.append(summary_line(files, diagnostics, lang))
    return "\n".join(lines)


def as_json(files: list[str], diagnostics: list[Diagnostic], lang: str) -> str:
    payload = {
        "version": JSON_VERSION,
        "files": files,
        "summary": counts(diagnostics),
        "diagnostics": [d.to_dict(lang) for d in diagnostics],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def github(files: list[str], diagnostics: list[Diagnostic], lang: str) -> str:
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
    """GitHub shows only about ten annotations per step; the step summary holds them all."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    rows = [f"| {d.location()} | {d.code} | {d.message(lang)} |" for d in diagnostics]
    table = "\n".join(["| vị trí | mã | nội dung |", "|---|---|---|", *rows]) if rows else ""
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(f"### ntm validate\n\n{summary_line(files, diagnostics, lang)}\n\n{table}\n")


def junit(files: list[str], diagnostics: list[Diagnostic], lang: str) -> str:
    """One test case per file; each error (or warning) is a failure of that case."""
    from xml.sax.saxutils import escape, quoteattr

    by_file: dict[str, list[Diagnostic]] = {f: [] for f in files}
    for d in diagnostics:
        by_file.setdefault(d.file or "(tree)", []).append(d)
    failing = [d for d in diagnostics if d.severity is not Severity.INFO]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="ntm" tests="{len(by_file)}" failures="{len({d.file for d in failing})}">',
           f'  <testsuite name="ntm validate" tests="{len(by_file)}" failures="{len({d.file for d in failing})}" errors="0">']
    for file, found in by_file.items():
        out.append(f"    <testcase classname=\"ntm.validate\" name={quoteattr(file)}>")
        problems = [d for d in found if d.severity is not Severity.INFO]
        if problems:
            body = "\n".join(f"{d.location()}: {d.code} {d.message(lang)}" for d in problems)
            first = problems[0]
            out.append(f"      <failure type={quoteattr(first.code)} message={quoteattr(first.message(lang))}>{escape(body)}</failure>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out)


REPORTERS: dict[str, Callable[[list[str], list[Diagnostic], str], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "junit": junit,
}


def pick(name: str) -> Callable[[list[str], list[Diagnostic], str], str]:
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return REPORTERS[name]
