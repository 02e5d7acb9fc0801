"""YAML in, with positions: the only module that parses plan and catalog files.

Files are decoded strictly (UTF-8, an optional BOM, CRLF accepted; UTF-16,
legacy code pages, NUL bytes and empty files are refused with a diagnostic),
composed by libyaml (PyYAML's C parser, fast) into nodes, and constructed here
by our own code so that we control everything the YAML 1.1 loaders get wrong
for plans: scalars are resolved by the YAML 1.2 core schema (`yes` is a string,
`010` is ten), every non-integer number becomes an exact `Decimal` from its
source text (never a float), mapping keys are always the key's text (`17.10`
stays "17.10"), duplicate keys and tags that would build objects are errors,
alias expansion is bounded (the data, every alias expanded, may hold at most
`MAX_NODES` nodes and `expansion_budget` characters and nodes, about twice the
file's length; beyond, Y016 names the alias that crosses the bound), and all
text is NFC-normalised. Every value's line and column are kept in a
`Positions` map keyed by YAML path.
Round-trip editing (fmt, import) uses ruamel.yaml in `ntm.roundtrip`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ntm.diagnostics import Diagnostic, Severity, YamlPath
from ntm.text import nfc

PLAIN = "ntm:plain"
MAX_NODES = 50_000
MAX_BYTES = 5_000_000
# Expanded size (characters of every scalar and key, plus one per node) the built data may
# reach: without aliases it stays under 1.5 times the text's length, so only aliases cross
# EXPANSION_FACTOR times it; the floor lets small files use anchors freely.
EXPANSION_FACTOR = 2
EXPANSION_FLOOR = 100_000
_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


@dataclass
class Positions:
    """Line and column (1-based) of every value, and of every mapping key, by YAML path."""

    values: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)

    def of(self, path: YamlPath, prefer_key: bool = False) -> tuple[int, int] | None:
        """Position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if prefer_key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]


@dataclass
class LoadedYaml:
    """The result of reading one file: data (or None), positions, and any problems."""

    file: str
    data: Any = None
    positions: Positions = field(default_factory=Positions)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str = ""

    @property
    def ok(self) -> bool:
        return not self.diagnostics and self.data is not None


class _Resolver(yaml.resolver.BaseResolver):
    """Marks plain scalars instead of resolving them by YAML 1.1 rules."""

    def resolve(self, kind, value, implicit):  # noqa: D401 - libyaml callback
        if kind is ScalarNode:
            return PLAIN if implicit[0] else _CORE + "str"
        return super().resolve(kind, value, implicit)


class _Composer(yaml._yaml.CParser, _Resolver):
    def __init__(self, stream: str) -> None:
        yaml._yaml.CParser.__init__(self, stream)
        _Resolver.__init__(self)


class _TooLarge(Exception):
    """The built data crossed MAX_NODES or the expansion budget (see `_alias_over_budget`)."""

    def __init__(self, node) -> None:
        super().__init__("too large")
        self.node = node


class YamlProblem(Exception):
    """Raised inside construction; turned into one diagnostic."""

    def __init__(self, code: str, node, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.node = node
        self.params = params


def read_text(path: Path, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Read and decode a file strictly; diagnostics instead of exceptions."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [_diag("Y001", file, reason=exc.strerror or type(exc).__name__)]
    return decode(raw, file)


def decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    if len(raw) > MAX_BYTES:
        return None, [_diag("Y008", file, limit=MAX_BYTES)]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [_diag("Y002", file, encoding="UTF-16")]
    if b"\x00" in raw:
        return None, [_diag("Y003", file)]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [_diag("Y002", file, line=line, encoding="không phải UTF-8 (Windows-1258?)")]
    if not text.strip():
        return None, [_diag("Y004", file, line=1)]
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n")), []


def load_file(path: Path | str, display: str | None = None) -> LoadedYaml:
    """Read, decode and parse one YAML file."""
    path = Path(path)
    file = display or str(path)
    text, problems = read_text(path, file)
    if text is None:
        return LoadedYaml(file=file, diagnostics=problems)
    return load_text(text, file)


def load_text(text: str, file: str = "<text>") -> LoadedYaml:
    """Parse YAML text into plain data with positions; never raises."""
    result = LoadedYaml(file=file, text=text)
    try:
        composer = _Composer(text)
        try:
            node = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as exc:
        result.diagnostics.append(_syntax_diag(exc, file, text))
        return result
    except (yaml.YAMLError, RecursionError) as exc:
        result.diagnostics.append(_diag("Y005", file, problem=str(exc)[:200]))
        return result
    if node is None:
        result.diagnostics.append(_diag("Y004", file, line=1))
        return result
    budget = expansion_budget(text)
    builder = _Builder(result.positions, budget)
    try:
        result.data = builder.build(node, ())
    except YamlProblem as problem:
        mark = problem.node.start_mark
        result.diagnostics.append(
            _diag(problem.code, file, line=mark.line + 1, column=mark.column + 1, **problem.params)
        )
        result.data = None
    except (_TooLarge, RecursionError) as exc:
        result.diagnostics.append(_too_large(text, file, node, budget, getattr(exc, "node", None)))
        result.data = None
    return result


def expansion_budget(text: str) -> int:
    """Characters and nodes the data of `text` may hold once its aliases are expanded."""
    return EXPANSION_FACTOR * len(text) + EXPANSION_FLOOR


def _too_large(text: str, file: str, root, budget: int, at) -> Diagnostic:
    """Y016 at the alias whose expansion crossed a bound; Y008 when no alias did."""
    ordinal = _alias_over_budget(root, budget)
    alias = _alias_event(text, ordinal) if ordinal is not None else None
    if alias is not None:
        mark = alias.start_mark
        from ntm.messages import grouped_count

        return _diag("Y016", file, line=mark.line + 1, column=mark.column + 1, alias=alias.anchor,
                     nodes=grouped_count(MAX_NODES), limit=grouped_count(budget))
    if at is None:
        return _diag("Y008", file, limit=MAX_NODES)
    return _diag("Y008", file, line=at.start_mark.line + 1, column=at.start_mark.column + 1, limit=MAX_NODES)


def _alias_over_budget(root, budget: int) -> int | None:
    """Which alias (its place among the document's aliases, 0-based) crosses the bounds.

    Walks the node graph in the order `_Builder` builds it, counting the same way;
    a node met again outside any expansion is an alias of the event stream, in the
    same order. Iterative, so a recursive alias cannot exhaust the stack.
    """
    seen: set[int] = set()
    count = size = 0
    aliases = -1
    stack: list[tuple[Any, int | None, bool]] = [(root, None, False)]
    while stack:
        node, expanding, is_key = stack.pop()
        if expanding is None:
            if id(node) in seen:
                aliases += 1
                expanding = aliases
            else:
                seen.add(id(node))
        if isinstance(node, ScalarNode):
            size += len(node.value)
        if not is_key:
            count += 1
        if count > MAX_NODES or size + count > budget:
            return expanding
        if isinstance(node, SequenceNode):
            stack.extend((item, expanding, False) for item in reversed(node.value))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, expanding, False))
                stack.append((key, expanding, True))
    return None


def _alias_event(text: str, ordinal: int):
    """The `ordinal`-th alias event of the text (its anchor name and position)."""
    parser = yaml._yaml.CParser(text)
    try:
        seen = -1
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.AliasEvent):
                seen += 1
                if seen == ordinal:
                    return event
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return None


class _Builder:
    """Turns composed nodes into dicts, lists and resolved scalars."""

    def __init__(self, positions: Positions, budget: int) -> None:
        self.positions = positions
        self.count = 0
        self.size = 0  # characters of the scalars and keys built so far
        self.budget = budget

    def build(self, node, path: YamlPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge(node)
        mark = node.start_mark
        where = (mark.line + 1, mark.column + 1)
        if isinstance(node, ScalarNode):
            self.size += len(node.value)
            if self.size + self.count > self.budget:
                raise _TooLarge(node)
            self.positions.values.setdefault(path, where)
            return scalar_value(node)
        # a block mapping or sequence is best pointed at by the key that introduces it
        self.positions.values.setdefault(path, self.positions.keys.get(path, where))
        if isinstance(node, SequenceNode):
            _check_tag(node, "seq")
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        _check_tag(node, "map")
        return self.build_mapping(node, path)

    def build_mapping(self, node: MappingNode, path: YamlPath) -> dict[str, Any]:
        data: dict[str, Any] = {}
        keys = self.positions.keys
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem("Y009", key_node)
            key = nfc(key_node.value)
            self.size += len(key_node.value)
            if self.size + self.count > self.budget:
                raise _TooLarge(key_node)
            key_path = path + (key,)
            if key in data:
                raise YamlProblem("Y006", key_node, key=key, first_line=keys[key_path][0])
            mark = key_node.start_mark
            keys[key_path] = (mark.line + 1, mark.column + 1)
            data[key] = self.build(value_node, key_path)
        return data


def _check_tag(node, kind: str) -> None:
    if node.tag != _CORE + kind:
        raise YamlProblem("Y007", node, tag=node.tag)


def scalar_value(node: ScalarNode) -> Any:
    """Resolve one scalar by the YAML 1.2 core schema; numbers with a point become Decimal."""
    text = node.value
    tag = node.tag
    if tag == PLAIN:
        try:
            return resolve_plain(text)
        except (ValueError, InvalidOperation):  # 1e99999999999999999999, an int of 5,000 digits
            raise YamlProblem("Y015", node, value=text[:40] + ("…" if len(text) > 40 else "")) from None
    if tag == _CORE + "str":
        return nfc(text)
    explicit = {
        _CORE + "null": lambda t: None,
        _CORE + "bool": lambda t: _BOOL_TRUE.match(t) is not None,
        _CORE + "int": lambda t: int(t),
        _CORE + "float": lambda t: Decimal(t),
    }
    convert = explicit.get(tag)
    if convert is None:
        raise YamlProblem("Y007", node, tag=tag)
    try:
        return convert(text)
    except (ValueError, InvalidOperation):
        raise YamlProblem("Y005", node, problem=f"{tag} {text!r}") from None


# Only these first characters can start a YAML 1.2 core null, bool, int, float, inf or nan;
# most plain scalars in a plan are Vietnamese text and skip the nine patterns below.
_NON_TEXT_START = frozenset("~nNtTfF-+.0123456789")


def resolve_plain(text: str) -> Any:
    if text and text[0] not in _NON_TEXT_START:
        return nfc(text)
    if _NULL.match(text):
        return None
    if _BOOL_TRUE.match(text):
        return True
    if _BOOL_FALSE.match(text):
        return False
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return Decimal(text)
    if _INF.match(text):
        return Decimal("-Infinity") if text.startswith("-") else Decimal("Infinity")
    if _NAN.match(text):
        return Decimal("NaN")
    return nfc(text)


def _syntax_diag(exc: yaml.MarkedYAMLError, file: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = " ".join(filter(None, [exc.context, exc.problem]))
    code = "Y010" if mark and _tab_near(text, mark.line) else "Y005"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return _diag(code, file, line=line, column=column, problem=problem)


def _tab_near(text: str, line: int) -> bool:
    lines = text.split("\n")
    return any("\t" in lines[i] for i in range(max(0, line - 1), min(len(lines), line + 1)))


def _diag(code: str, file: str, line: int | None = None, column: int | None = None, **params: Any) -> Diagnostic:
    return Diagnostic(code=code, severity=Severity.ERROR, file=file, line=line, column=column, params=params)
