"""The sandboxed Jinja environment that turns a view-model into block markup.

Owns where templates are found (a province's `--templates DIR` first, then
the templates shipped with ntm), the environment itself (`SandboxedEnvironment`,
autoescaping every value, undefined values as errors naming the plan field),
the filters templates may use (Markdown prose, Vietnamese numbers, dates and
money), and the translation of every template failure into a `Problem`:
a missing field, a syntax error, an unknown document kind or a runtime
error, each with the template file and line, never a Jinja traceback.
All the missing fields of one render are collected, not only the first.
"""

from __future__ import annotations

import functools
import re
import traceback
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

TEMPLATE_SUFFIX = ".xml.j2"
MAX_MISSING = 30
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Problem:
    """A template failure: `code` T001-T008, message parameters, and where in which template."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    template: str | None = None
    line: int | None = None
    path: tuple = ()


@dataclass
class Rendered:
    markup: str | None
    problems: list[Problem] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Where templates live
# ---------------------------------------------------------------------------


def builtin_templates_dir() -> Path:
    """The shipped templates: `ntm/templates` in an installed package, else `templates/` of the repository."""
    packaged = Path(str(resources.files("ntm") / "templates"))
    if any(packaged.glob(f"*{TEMPLATE_SUFFIX}")):
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def template_dirs(custom: Path | str | None) -> list[Path]:
    dirs = [Path(custom)] if custom else []
    return dirs + [builtin_templates_dir()]


def available_kinds(custom: Path | str | None = None) -> list[str]:
    kinds = {p.name[: -len(TEMPLATE_SUFFIX)] for d in template_dirs(custom) for p in d.glob(f"*{TEMPLATE_SUFFIX}")}
    return sorted(k for k in kinds if not k.startswith("_"))


# ---------------------------------------------------------------------------
# The environment
# ---------------------------------------------------------------------------


def make_environment(custom: Path | str | None = None):
    """One environment per template folder, kept: Jinja recompiles a template only when its file changes."""
    return _environment(str(Path(custom).resolve()) if custom else None)


@functools.lru_cache(maxsize=8)
def _environment(custom: str | None):
    from jinja2 import FileSystemLoader
    from jinja2.sandbox import SandboxedEnvironment

    from ntm.render.fields import FieldUndefined

    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(d) for d in template_dirs(custom)]),
        undefined=FieldUndefined,
        autoescape=True,
        finalize=_xml_safe,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(_filters())
    return env


def _xml_safe(value: Any) -> Any:
    """Drop characters XML (and so docx) cannot hold; keep trusted markup trusted."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return Markup(_XML_INVALID.sub("", str(value)))
    if isinstance(value, str):
        return _XML_INVALID.sub("", value)
    return value


def _filters() -> dict[str, Any]:
    from ntm import vnformat
    from ntm.render.markdown import inline, to_markup

    return {
        "md": to_markup,
        "inline": inline,
        "number": vnformat.format_number,
        "percent": vnformat.format_percent,
        "money": vnformat.format_money,
        "words": vnformat.amount_in_words,
        "date": vnformat.format_date,
        "short_date": vnformat.format_short_date,
        "caps": lambda text: str(text).upper(),
    }


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def render_markup(kind: str, view: Any, custom: Path | str | None = None) -> Rendered:
    """Render the template of `kind`; every missing plan field is reported, not only the first."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    env = make_environment(custom)
    name = kind + TEMPLATE_SUFFIX
    try:
        template = env.get_template(name)
    except TemplateNotFound as exc:
        return Rendered(None, [_not_found(kind, exc, custom)])
    except TemplateSyntaxError as exc:
        return Rendered(None, [_syntax(exc)])
    return _render_collecting(template, view)


def _render_collecting(template, view: Any) -> Rendered:
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    from ntm.render.fields import MissingField, tolerate, untolerate

    missing: list[Problem] = []
    while len(missing) <= MAX_MISSING:
        token = tolerate(p.path for p in missing)
        try:
            markup = template.render(plan=view)
        except MissingField as exc:
            if any(p.path == tuple(exc.path) for p in missing):  # tolerating it did not help
                return Rendered(None, missing + [_runtime(exc)])
            missing.append(_missing(exc))
            continue
        except TemplateSyntaxError as exc:
            return Rendered(None, missing + [_syntax(exc)])
        except TemplateNotFound as exc:
            return Rendered(None, missing + [Problem("T002", {"problem": f"không tìm thấy mẫu '{exc.name}'"}, template.filename)])
        except Exception as exc:  # noqa: BLE001 - any template failure becomes a diagnostic
            return Rendered(None, missing + [_runtime(exc)])
        finally:
            untolerate(token)
        return Rendered(None if missing else markup, missing)
    return Rendered(None, missing)


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line of a failure (Jinja maps its frames to template lines)."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(TEMPLATE_SUFFIX):
            found = (frame.filename, frame.lineno)
    return found


def _missing(exc) -> Problem:
    from ntm.diagnostics import format_path

    template, line = _template_frame(exc)
    return Problem("T001", {"field": format_path(exc.path) or "?", "template": _short(template), "template_line": line or "?"},
                   template, line, tuple(exc.path))


def _syntax(exc) -> Problem:
    template = exc.filename or exc.name
    return Problem("T002", {"problem": exc.message or str(exc), "template": _short(template), "template_line": exc.lineno},
                   template, exc.lineno)


def _runtime(exc: BaseException) -> Problem:
    template, line = _template_frame(exc)
    return Problem("T008", {"problem": f"{type(exc).__name__}: {exc}", "template": _short(template), "template_line": line or "?"},
                   template, line)


def _not_found(kind: str, exc, custom) -> Problem:
    where = ", ".join(str(d) for d in template_dirs(custom))
    if exc.name != kind + TEMPLATE_SUFFIX:  # an include or import inside the template is missing
        return Problem("T002", {"problem": f"không tìm thấy mẫu '{exc.name}'", "template": kind + TEMPLATE_SUFFIX, "template_line": "?"})
    return Problem("T003", {"kind": kind, "dirs": where, "available": ", ".join(available_kinds(custom)) or "—"})


def _short(template: str | None) -> str:
    return Path(template).name if template else "?"
