"""The frame around ntm's commands: language, common options, help layout and usage errors.

Typer writes its help and usage errors in English only: since 0.26 it carries its own fork
of Click without Click's gettext calls, and gettext would pick the language from the
environment's locale rather than from `--lang`. So this module owns the frame itself.
`NtmGroup` (the `cls` of the Typer app) reads the language before any parsing (`--lang`
anywhere on the line, before or after the command name, else `NTM_LANG`), gives every
command the common options of the app (`--lang`, `--quiet`, `--verbose`), formats help
with the words of `ntm.messages.CLI_WORDS` ("Cách dùng:", "Tùy chọn", "[mặc định: …]"),
and shows usage errors from their type and attributes ("Lỗi: Không có tùy chọn --x"),
with exit code 2. Once the language is known, `speak` puts every command's help in it: the
metavars ntm.cli declares (ĐƯỜNG_DẪN, NĂM…) become English from `METAVARS`, the docstrings and
option texts from `HELP_EN`. `NtmCommand` (the `cls` of every command) shows arguments as what
to type (ĐƯỜNG_DẪN…) where Typer shows Python ({paths}..., <list[Path]>). `STATE` holds what
the options chose, for the commands to read.
"""

from __future__ import annotations

import copy
import difflib
import re
import sys
from typing import Any

from typer import Abort
from typer.core import TyperCommand, TyperGroup

from ntm.messages import CLI_WORDS, HELP_EN, cli_metavar, cli_word, default_lang, render_message

try:  # Typer >= 0.26 runs on its own fork of Click
    from typer._click import exceptions as click_errors
    from typer._click.core import Context
    from typer._click.formatting import HelpFormatter
except ImportError:  # older Typer runs on Click itself
    from click import exceptions as click_errors
    from click.core import Context
    from click.formatting import HelpFormatter

STATE: dict[str, Any] = {"lang": "vi", "quiet": False, "verbose": False}
LANGUAGES = ("vi", "en")
COMMON_OPTIONS = ("lang", "quiet", "verbose")  # the app's options every command accepts too

_HEADINGS = {"Options": "heading_options", "Arguments": "heading_arguments", "Commands": "heading_commands"}
HELP_KEYS = ("help_option", "install_completion", "show_completion", "version_option", "lang_option", "quiet_option",
             "verbose_option")
# the help of the options every command has, whether Typer wrote it (English) or ntm (Vietnamese)
_HELP_TEXTS = {text: key for key in HELP_KEYS for text in CLI_WORDS[key]}
_EXTRAS = re.compile(r"\[(default|required|env var)(?=[]:])")
_EXTRA_WORDS = {"default": "extra_default", "required": "extra_required", "env var": "extra_env_var"}
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$", re.S)
SEVERAL = "…"  # after the metavar of an argument that takes several values


def word(key: str, **params: Any) -> str:
    return cli_word(key, STATE["lang"], **params)


def language_on_the_line(args: list[str]) -> str | None:
    """The last valid `--lang X` / `--lang=X` before `--`, wherever it stands."""
    found = None
    for i, token in enumerate(args):
        if token == "--":
            break
        value = token.partition("=")[2] if token.startswith("--lang=") else (
            args[i + 1] if token == "--lang" and i + 1 < len(args) else None)
        if value in LANGUAGES:
            found = value
    return found


def remember_option(ctx, param, value):
    """Callback of the common options: record what the user gave (the app's and the command's copies)."""
    if param.name == "lang":
        if value is not None and value not in LANGUAGES:
            raise click_errors.UsageError(render_message("U011", {"value": value}, STATE["lang"]), ctx)
        if value is not None:
            STATE["lang"] = value
    elif value:
        STATE[param.name] = True
    return value


class NtmFormatter(HelpFormatter):
    """Click's help formatter with the frame's words in the user's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", word("options_metavar")).replace("COMMAND [ARGS]...", word("command_metavar"))
        super().write_usage(prog, args, prefix=word("usage") + " " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(word(_HEADINGS[heading]) if heading in _HEADINGS else heading)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        start = len(self.buffer)
        super().write_dl([(first, _unbreakable(_help_text(second))) for first, second in rows], col_max, col_spacing)
        self.buffer[start:] = [piece.translate(_BREAKABLE) for piece in self.buffer[start:]]

    def write_text(self, text: str) -> None:
        start = len(self.buffer)
        super().write_text(text.translate(_UNBREAKABLE_HYPHENS))
        self.buffer[start:] = [piece.translate(_BREAKABLE) for piece in self.buffer[start:]]


# Click wraps at spaces and after hyphens: "[mặc\n định: plans]", "hung-\nmy.xlsx". While it wraps, a
# word's hyphens and the spaces of a trailing "[…]" are characters it does not break at, then again
# what they were (each one character for one, so the columns stay aligned).
_UNBREAKABLE_HYPHENS = str.maketrans({"-": "\u2011"})
_BREAKABLE = str.maketrans({"\u2011": "-", "\u00a0": " "})
_TRAILING_EXTRA = re.compile(r"\[[^][]*\]$")


def _unbreakable(text: str) -> str:
    text = _TRAILING_EXTRA.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)
    return text.translate(_UNBREAKABLE_HYPHENS)


def _help_text(text: str) -> str:
    if text in _HELP_TEXTS:
        return word(_HELP_TEXTS[text])
    return _EXTRAS.sub(lambda m: "[" + word(_EXTRA_WORDS[m.group(1)]), text)


class NtmContext(Context):
    formatter_class = NtmFormatter


def argument_label(param) -> str:
    """What to type for an argument: its metavar (else its name in capitals), with "…" if it takes several."""
    label = param.metavar or param.name.upper()
    return label + SEVERAL if param.nargs != 1 else label


class NtmCommand(TyperCommand):
    """A command of ntm: its arguments named by what to type, in the usage line and in the help."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                label = argument_label(param)
                pieces.append(label if param.required else f"[{label}]")
        return pieces

    def format_options(self, ctx, formatter) -> None:
        sections: dict[str, list] = {"Arguments": [], "Options": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                sections["Arguments"].append((argument_label(param), record[1]))
            else:
                sections["Options"].append(record)
        for heading, rows in sections.items():
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)


def speak(group, lang: str) -> None:
    """The help of `ntm` and of each command in `lang`: metavars from METAVARS, English texts from HELP_EN."""
    for name, command in [("", group), *group.commands.items()]:
        english = HELP_EN.get(name, {}) if lang == "en" else {}
        command.help = english.get("", command.help)
        for param in command.params:
            if param.metavar is not None:
                param.metavar = cli_metavar(param.metavar, lang)
            if param.name in english:
                param.help = english[param.name]


class UnknownCommand(click_errors.UsageError):
    """`ntm valdate`: the name and the commands it resembles."""

    def __init__(self, name: str, close: list[str], ctx) -> None:
        super().__init__(name, ctx)
        self.name, self.close = name, close


class NtmGroup(TyperGroup):
    """The `ntm` command group: language first, common options everywhere, errors in the user's language."""

    context_class = NtmContext

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        shared = [p for p in self.params if p.name in COMMON_OPTIONS]
        for option in shared:
            option.callback = remember_option
        for command in self.commands.values():
            command.context_class = NtmContext
            names = {p.name for p in command.params}
            command.params.extend(_command_copy(p) for p in shared if p.name not in names)

    def resolve_command(self, ctx, args: list[str]):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            raise UnknownCommand(name, difflib.get_close_matches(name, list(self.commands)), ctx)
        return super().resolve_command(ctx, args)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode: bool = True, **extra: Any):
        args = list(sys.argv[1:] if args is None else args)
        STATE.update(lang=language_on_the_line(args) or default_lang(), quiet=False, verbose=False)
        speak(self, STATE["lang"])
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.NoArgsIsHelpError as exc:
            exc.show()
            code = exc.exit_code
        except click_errors.UsageError as exc:
            show_usage_error(exc)
            code = exc.exit_code
        except click_errors.ClickException as exc:
            _echo(word("error", message=exc.format_message()))
            code = exc.exit_code
        except Abort:
            _echo(word("aborted"))
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def _command_copy(option):
    """The app's option as a command's own: it records the choice and passes nothing to the command."""
    mine = copy.copy(option)
    mine.expose_value = False
    mine.callback = remember_option
    return mine


def show_usage_error(exc) -> None:
    """The usage line, where to find help, and what was wrong, as Click lays them out."""
    lines = []
    ctx = exc.ctx
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(word("try_help", command=ctx.command_path, option=ctx.help_option_names[0]))
        lines.append("")
    lines.append(word("error", message=usage_message(exc)))
    _echo("\n".join(lines))


def usage_message(exc) -> str:
    """What was wrong, from the exception's type and attributes."""
    if isinstance(exc, UnknownCommand):
        close = " " + word("did_you_mean", names=", ".join(f"'{c}'" for c in exc.close)) if exc.close else ""
        return word("no_such_command", name=exc.name) + close
    if isinstance(exc, click_errors.NoSuchOption):
        close = " " + word("did_you_mean", names=", ".join(sorted(exc.possibilities))) if exc.possibilities else ""
        return word("no_such_option", name=exc.option_name) + close
    if isinstance(exc, click_errors.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        key = {"argument": "missing_argument", "option": "missing_option"}.get(kind, "missing_parameter")
        return word(key, name=_hint(exc))
    if isinstance(exc, click_errors.BadParameter):
        return word("invalid_value", name=_hint(exc), reason=_reason(exc))
    if isinstance(exc, click_errors.BadOptionUsage):  # the parser raises it for these two only, without context
        key = "takes_no_value" if "does not take a value" in exc.message else "needs_value"
        return word(key, name=f"'{exc.option_name}'")
    return _unstructured(exc.format_message())


def _hint(exc) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)
    if exc.param is None:
        return "?"
    try:
        return exc.param.get_error_hint()
    except TypeError:  # Click itself wants the context
        return exc.param.get_error_hint(exc.ctx)


def _reason(exc) -> str:
    """A value Typer could not convert (it converts with pydantic): translated from the error's type."""
    errors = getattr(exc.__cause__, "errors", None)
    if callable(errors) and errors():
        first = errors()[0]
        kind, value = first.get("type", ""), first.get("input")
        if kind.startswith("int_"):
            return word("not_an_integer", value=value)
        if kind.startswith(("float_", "decimal_")):
            return word("not_a_number", value=value)
    return exc.message


def _unstructured(message: str) -> str:
    """The two usage errors Typer raises with nothing but an English message."""
    extra = _EXTRA_ARGUMENTS.match(message)
    if extra:
        return word("extra_arguments", args=extra.group("args"))
    if message == "Missing command.":
        return word("missing_command")
    return message


def _echo(text: str) -> None:
    from typer import echo

    echo(text, err=True)
