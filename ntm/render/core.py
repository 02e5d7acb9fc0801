"""The render pipeline: plan file -> status -> view-model -> template markup -> block tree -> file.

`render_plan` is what the CLI calls. It picks the document kind of the plan
(commune, district, sponsorship plan or provincial directive), computes the
status of its assessments with the status engine, renders its
template through the sandboxed environment, parses the markup into the
numbered block tree, hands the tree to one writer (md, html, docx; pdf is the
docx converted by LibreOffice) and writes the result atomically. Every problem
comes back as a `Diagnostic` in `RenderResult`; nothing here raises on a bad
plan, a bad template or a missing LibreOffice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm.diagnostics import Diagnostic, ExitCode, Severity
from ntm.render import codes

FORMATS = ("docx", "md", "html", "pdf")
EXTENSIONS = {"docx": ".docx", "md": ".md", "html": ".html", "pdf": ".pdf"}


@dataclass
class RenderResult:
    """The files written (none on failure) and every problem found."""

    paths: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    kind: str | None = None

    @property
    def ok(self) -> bool:
        return bool(self.paths) and not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def exit_code(self) -> int:
        """0 written, 2 usage or I/O (LibreOffice missing, bad folder, cannot write), 1 otherwise."""
        errors = [d for d in self.diagnostics if d.severity is Severity.ERROR]
        if not errors and self.paths:
            return ExitCode.CLEAN
        if any(d.code in codes.USAGE_OR_IO for d in errors):
            return ExitCode.USAGE_OR_IO
        return ExitCode.FINDINGS


def document_kind(plan: Any) -> str | None:
    """Which template a plan is printed with; None when no kind fits (a thôn plan)."""
    level = plan.unit.level.value
    if plan.sponsorship is not None:
        return "sponsorship-plan"
    if plan.document.kind.value == "CT" or level == "tinh":
        return "provincial-directive"
    return {"xa": "commune-plan", "huyen": "district-plan"}.get(level)


def build_document(plan_file: Any, templates_dir: Path | str | None = None):
    """(Document tree or None, diagnostics) for a loaded plan file."""
    from ntm.render.blocks import BlockError, parse
    from ntm.render.environment import render_markup
    from ntm.render.view import build_view

    plan = plan_file.plan
    if plan is None:
        return None, list(plan_file.diagnostics) + [Diagnostic("T012", Severity.ERROR, plan_file.file)]
    kind = document_kind(plan)
    if kind is None:
        return None, [_diag(plan_file, "T003", {"kind": f"{plan.document.kind.value}/{plan.unit.level.value}",
                                                 "dirs": str(templates_dir or "—"), "available": "—"})]
    rendered = render_markup(kind, build_view(plan, kind, _statuses(plan_file)), templates_dir)
    diagnostics = [_problem_diagnostic(p, plan_file) for p in rendered.problems]
    if rendered.markup is None:
        return None, diagnostics
    try:
        document = parse(rendered.markup)
    except BlockError as exc:
        return None, diagnostics + [Diagnostic("T005", Severity.ERROR, kind, params={"template": kind, "problem": str(exc)})]
    diagnostics += [_diag(plan_file, "T006", {"title": t}, Severity.WARNING) for t in document.warnings]
    diagnostics += _letterhead_warnings(plan_file)
    unfilled = _unfilled(plan_file)
    if unfilled:  # not a document anyone can sign: every page says DỰ THẢO
        document.draft = True
        diagnostics += unfilled + [_diag(plan_file, "T013", {"count": len(unfilled)}, Severity.WARNING)]
    return document, diagnostics


def _statuses(plan_file: Any) -> list:
    """The status engine's results for the plan's assessments (as `ntm status` computes them), with the
    plan's own catalogs and overlay: the document says what they say and never counts criteria itself."""
    from ntm.criteria import plan_status

    return plan_status(plan_file.plan, plan_file.file)


def _unfilled(plan_file: Any) -> list[Diagnostic]:
    """R901's findings (placeholders «…», an unnamed unit, an empty annual plan): what makes a draft."""
    from ntm.rules import PlanContext, placeholders, rule_modules

    rule_modules()  # registers the rule messages
    ctx = PlanContext(plan_file.file, plan_file.plan, plan_file.positions)
    return [ctx.diagnostic(placeholders.RULE, finding) for finding in placeholders.check(ctx)]


def _letterhead_warnings(plan_file: Any) -> list[Diagnostic]:
    from ntm.render.view import parent_body_dropped

    document = plan_file.plan.document
    if not parent_body_dropped(document):
        return []
    path = ("document", "parent_body")
    position = plan_file.positions.of(path) if plan_file.positions else None
    line, column = position if position else (None, None)
    return [Diagnostic("T015", Severity.WARNING, plan_file.file, line, column, path,
                       {"parent": document.parent_body, "issuer": document.issuer})]


def render_plan(plan_file: Any, fmt: str = "docx", output_dir: Path | str = ".",
                templates_dir: Path | str | None = None) -> RenderResult:
    """Render one loaded plan file (`ntm.loader.load_plan`) to `<output_dir>/<slug>.<fmt>`."""
    if fmt not in FORMATS:
        return RenderResult(diagnostics=[_diag(plan_file, "T010", {"format": fmt, "formats": " | ".join(FORMATS)})])
    if templates_dir is not None and not Path(templates_dir).is_dir():
        return RenderResult(diagnostics=[Diagnostic("T009", Severity.ERROR, str(templates_dir), params={"dir": str(templates_dir)})])
    document, diagnostics = build_document(plan_file, templates_dir)
    result = RenderResult(diagnostics=diagnostics, kind=document.kind if document else None)
    if document is None or any(d.severity is Severity.ERROR for d in diagnostics):
        return result
    data = _encode(document, fmt, plan_file, result)
    if data is not None:
        _write(Path(output_dir) / f"{plan_file.plan.slug}{EXTENSIONS[fmt]}", data, plan_file, result)
    return result


def write_bytes(document: Any, fmt: str) -> bytes:
    """The bytes of one format (md, html, docx) for a finished document tree."""
    if fmt == "md":
        from ntm.render.md_writer import write_markdown

        return write_markdown(document).encode("utf-8")
    if fmt == "html":
        from ntm.render.html_writer import write_html

        return write_html(document).encode("utf-8")
    from ntm.render.docx_writer import write_docx

    return write_docx(document)


def _encode(document: Any, fmt: str, plan_file: Any, result: RenderResult) -> bytes | None:
    if fmt != "pdf":
        return write_bytes(document, fmt)
    from ntm.render import pdf

    try:
        data = pdf.convert(write_bytes(document, "docx"), plan_file.plan.slug)
    except pdf.SofficeMissing:
        result.diagnostics.append(_diag(plan_file, "T004", {}))
    except pdf.ConversionFailed as exc:
        result.diagnostics.append(_diag(plan_file, "T007", {"problem": str(exc)}))
    else:
        families = pdf.font_families(data)
        if len(families) > 1:  # letters the main font lacks were taken from another one
            result.diagnostics.append(_diag(plan_file, "T014", {"families": ", ".join(families)}, Severity.WARNING))
        return data
    return None


def _write(target: Path, data: bytes, plan_file: Any, result: RenderResult) -> None:
    from ntm.safeio import atomic_write_bytes

    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        result.diagnostics.append(Diagnostic("T011", Severity.ERROR, str(target),
                                             params={"target": str(target), "reason": exc.strerror or str(exc)}))
        return
    result.paths.append(target)


def _diag(plan_file: Any, code: str, params: dict, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(code, severity, plan_file.file, params=params)


def _problem_diagnostic(problem: Any, plan_file: Any) -> Diagnostic:
    """T001 points at the plan file (the nearest existing parent of the missing field); others at the template."""
    if problem.code == "T001":
        position = plan_file.positions.of(problem.path, prefer_key=True) if plan_file.positions else None
        line, column = position if position else (None, None)
        return Diagnostic("T001", Severity.ERROR, plan_file.file, line, column, problem.path, problem.params)
    if problem.code == "T003":
        return Diagnostic("T003", Severity.ERROR, plan_file.file, params=problem.params)
    return Diagnostic(problem.code, Severity.ERROR, problem.template or plan_file.file, problem.line, None, (), problem.params)
