"""Round-trip YAML editing with ruamel.yaml: the layer under `fmt`, `new` and `import`.

Validation reads plans through `ntm.yamlio`; this module is for *writing* them
back while keeping what a person wrote: comments, key order, quoting, flow or
block style. Every plain scalar that is not text (numbers, dates, booleans,
nulls, and unquoted keys such as `17.10`) is kept as a `PlainScalar`: a `str`
holding its exact source text, dumped back character for character, and
resolved only on demand by the same YAML 1.2 rules as `ntm.yamlio`
(`value_of`), so `1714.0` stays `1714.0`, `17.1` and `17.10` stay distinct
keys, and no value ever passes through a float. New numbers are written by
`number_scalar`, which keeps the decimal places of the value they replace.
`splice_scalars` edits values in place in the source text (everything else
byte for byte unchanged); `apply_edits` makes structural changes (new keys,
new list items, removals) on the ruamel tree, which is then dumped in the
canonical layout (2-space indentation, sequences indented under their key,
no line folding).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.representer import RoundTripRepresenter

from ntm.diagnostics import YamlPath
from ntm.text import nfc
from ntm.yamlio import load_text, resolve_plain

WIDTH = 100_000
_CORE = "tag:yaml.org,2002:"
_PLAIN_UNSAFE_START = tuple("-?:,[]{}#&*!|>'\"%@`") + (" ",)
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")


class PlainScalar(str):
    """An unquoted non-text scalar (number, date, bool, null, or such a key), kept as its source text."""

    tag: str = _CORE + "str"

    def __new__(cls, text: str, tag: str) -> "PlainScalar":
        obj = super().__new__(cls, text)
        obj.tag = tag
        return obj

    def __reduce__(self):
        return (PlainScalar, (str(self), self.tag))

    def __deepcopy__(self, memo) -> "PlainScalar":
        return self


class RoundTripError(Exception):
    """The text cannot be read (or written) by the round-trip layer."""

    def __init__(self, problem: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.column = column


class _Constructor(RoundTripConstructor):
    def construct_plain(self, node: ScalarNode) -> PlainScalar:
        return PlainScalar(node.value, str(node.tag))


for _kind in ("null", "bool", "int", "float", "timestamp"):
    _Constructor.add_constructor(_CORE + _kind, _Constructor.construct_plain)


class _Representer(RoundTripRepresenter):
    def represent_plain(self, data: PlainScalar):
        return self.represent_scalar(data.tag, str(data))

    def represent_str(self, data: str):
        # a string ntm.yamlio would read as something else (".5e3", "1_0") is quoted
        style = None if _reads_as_text(data) else '"'
        return self.represent_scalar(_CORE + "str", data, style=style)

    def represent_decimal(self, data: Decimal):
        return self.represent_plain(number_scalar(data))


_Representer.add_representer(PlainScalar, _Representer.represent_plain)
_Representer.add_representer(str, _Representer.represent_str)
_Representer.add_representer(Decimal, _Representer.represent_decimal)


def new_yaml() -> YAML:
    """A ruamel round-trip YAML 1.2 instance with ntm's canonical layout."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _Constructor
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(text: str) -> Any:
    """Round-trip load; raises `RoundTripError` on anything ruamel cannot read."""
    try:
        return new_yaml().load(text)
    except YAMLError as exc:
        raise _error(exc) from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise RoundTripError(f"{type(exc).__name__}: {exc}"[:200]) from None


def dump(data: Any) -> str:
    stream = io.StringIO()
    try:
        new_yaml().dump(data, stream)
    except YAMLError as exc:
        raise _error(exc) from None
    return stream.getvalue()


def _error(exc: YAMLError) -> RoundTripError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    text = " ".join(filter(None, [getattr(exc, "context", None), getattr(exc, "problem", None)])) or str(exc)
    if mark is None:
        return RoundTripError(text[:200])
    return RoundTripError(text[:200], mark.line + 1, mark.column + 1)


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------


def value_of(item: Any) -> Any:
    """The value ntm.yamlio would read for a round-trip scalar (Decimal, int, bool, None, str)."""
    if isinstance(item, PlainScalar):
        return resolve_plain(str(item))
    if isinstance(item, str):
        return nfc(str(item))
    return item


def to_plain(item: Any) -> Any:
    """A round-trip tree as the plain dicts, lists and values ntm.yamlio builds."""
    if isinstance(item, dict):
        return {nfc(str(k)): to_plain(v) for k, v in item.items()}
    if isinstance(item, list):
        return [to_plain(v) for v in item]
    return value_of(item)


def number_scalar(value: Decimal | int, like: Any = None) -> PlainScalar:
    """A number as plain YAML text, exact; keeps the decimal places of `like` when it can.

    `number_scalar(Decimal("1715"), like="1714.0")` is `1715.0`; a value with
    more places than `like` keeps its own. Never an exponent, never a float.
    """
    number = Decimal(value)
    places = _places(like)
    if places is not None and _exponent(number) >= -places:
        number = number.quantize(Decimal(1).scaleb(-places))
    text = format(number, "f")
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]
    return PlainScalar(text, _CORE + ("float" if "." in text else "int"))


def _places(like: Any) -> int | None:
    if not isinstance(like, str) or not re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?", str(like)):
        return None
    _, _, fraction = str(like).partition(".")
    return len(fraction)


def _exponent(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _reads_as_text(text: str) -> bool:
    return resolve_plain(text) == text if text.strip() == text else True


# ---------------------------------------------------------------------------
# In-place scalar edits on the source text
# ---------------------------------------------------------------------------


@dataclass
class _Located:
    node: Any
    in_flow: bool


def locate_nodes(text: str) -> dict[YamlPath, _Located]:
    """Every node of the document by YAML path (keys as their text), with its flow context."""
    try:
        root = new_yaml().compose(text)
    except YAMLError as exc:
        raise _error(exc) from None
    found: dict[YamlPath, _Located] = {}
    _walk(root, (), False, found)
    return found


def _walk(node: Any, path: YamlPath, in_flow: bool, found: dict[YamlPath, _Located]) -> None:
    if node is None or path in found:
        return
    found[path] = _Located(node, in_flow)
    inner = in_flow or bool(getattr(node, "flow_style", False))
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                _walk(value, path + (nfc(key.value),), inner, found)
    elif isinstance(node, SequenceNode):
        for index, value in enumerate(node.value):
            _walk(value, path + (index,), inner, found)


def splice_scalars(text: str, edits: dict[YamlPath, Any]) -> tuple[str, dict[YamlPath, Any]]:
    """Replace the values at `edits` in the text itself where each fits on one line.

    Returns the new text and the edits that could not be made in place (the
    path is missing, or the old value is a block collection or a block
    scalar); those are for `apply_edits`.
    """
    nodes = locate_nodes(text)
    spans: list[tuple[int, int, str]] = []
    rest: dict[YamlPath, Any] = {}
    for path, value in edits.items():
        spot = nodes.get(tuple(path))
        rendered = _inline(spot, value) if spot is not None else None
        if rendered is None:
            rest[path] = value
        else:
            spans.append((spot.node.start_mark.index, spot.node.end_mark.index, rendered))
    for start, end, rendered in sorted(spans, reverse=True):
        text = text[:start] + rendered + text[end:]
    return text, rest


def _inline(spot: _Located, value: Any) -> str | None:
    node = spot.node
    if getattr(node, "anchor", None):
        return None
    if isinstance(node, ScalarNode):
        if node.style in ("|", ">") or (node.style is None and node.value == ""):
            return None  # a block scalar, or an empty value whose place is not a span of text
        if isinstance(value, (dict, list)):
            return render_inline(value, True)
        return render_inline(value, spot.in_flow, quote=node.style)
    if getattr(node, "flow_style", False) and isinstance(value, (dict, list)):
        return render_inline(value, True)
    return None


def render_inline(value: Any, flow: bool, quote: str | None = None) -> str:
    """One value as single-line YAML; text keeps the quote style given (`'`, `"`) when it has one."""
    if isinstance(value, dict):
        inner = ", ".join(f"{render_inline(str(k), True)}: {render_inline(v, True)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(render_inline(v, True) for v in value) + "]"
    if isinstance(value, PlainScalar):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(number_scalar(value))
    if value is None:
        return "null"
    return _render_text(str(value), flow, quote)


def _render_text(text: str, flow: bool, quote: str | None) -> str:
    if quote == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if quote != '"' and _plain_ok(text, flow):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text or text.startswith(_PLAIN_UNSAFE_START):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if flow and _FLOW_UNSAFE.search(text):
        return False
    return _reads_as_text(text) and text.isprintable()


# ---------------------------------------------------------------------------
# Structural edits on the round-trip tree
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One change to a plan: `set` a value, `delete` a key, or `append` an item to a list.

    `order` names the sibling keys in model order, so that a new key lands
    where the model (and the reader) expects it.
    """

    op: str
    path: YamlPath
    value: Any = None
    order: tuple[str, ...] = ()


def apply_edits(root: Any, edits: Iterable[Edit]) -> None:
    """Apply edits to a round-trip tree (or to plain data from ntm.yamlio), in order."""
    for edit in edits:
        if edit.op == "append":
            _container(root, edit.path, list, edit.order).append(_fresh(root, edit.value))
            continue
        parent = _container(root, edit.path[:-1], dict, edit.order)
        key = edit.path[-1]
        if edit.op == "delete":
            if isinstance(parent, dict) and key in parent:
                del parent[key]
        elif isinstance(parent, list):
            parent[key] = _fresh(root, edit.value)
        else:
            _set_key(parent, key, _fresh(root, edit.value), edit.order)


def _container(root: Any, path: YamlPath, kind: type, order: tuple[str, ...]) -> Any:
    """The mapping or list at `path`, creating missing ones on the way."""
    node = root
    for depth, key in enumerate(path):
        if isinstance(node, list):
            node = node[key]
            continue
        if key not in node or node[key] is None or _is_null(node[key]):
            wanted = kind if depth == len(path) - 1 else (list if isinstance(path[depth + 1], int) else dict)
            _set_key(node, key, _fresh(root, wanted()), order if depth == len(path) - 1 else ())
        node = node[key]
    return node


def _is_null(item: Any) -> bool:
    return isinstance(item, PlainScalar) and value_of(item) is None


def _set_key(mapping: Any, key: Any, value: Any, order: tuple[str, ...]) -> None:
    match = next((k for k in mapping if str(k) == str(key)), None)
    if match is not None:
        mapping[match] = value
        return
    if not isinstance(mapping, CommentedMap) or str(key) not in order:
        mapping[key] = value
        return
    rank = {name: i for i, name in enumerate(order)}
    mine = rank[str(key)]
    position = sum(1 for k in mapping if rank.get(str(k), len(order)) < mine)
    mapping.insert(position, key, value)


def _fresh(root: Any, value: Any) -> Any:
    """Values for a round-trip tree become ruamel containers; plain data stays plain."""
    roundtrip = isinstance(root, (CommentedMap, CommentedSeq))
    if isinstance(value, dict):
        made = CommentedMap() if roundtrip else {}
        for k, v in value.items():
            made[k] = _fresh(root, v)
        return made
    if isinstance(value, list):
        items = [_fresh(root, v) for v in value]
        return CommentedSeq(items) if roundtrip else items
    if roundtrip:
        return number_scalar(value) if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else value
    return value_of(value)


def edit_tree_text(text: str, edits: Iterable[Edit]) -> str:
    """Apply structural edits through the round-trip tree, keeping the rest of `text` as written.

    ruamel re-emits the whole document in the canonical layout; where the
    file is not in that layout, only the lines the edits produce are taken
    from ruamel's output and put at the matching place in the original text
    (falling back to the whole canonical document when no such place is
    certain).
    """
    base = dump(load(text))
    tree = load(text)
    apply_edits(tree, list(edits))
    edited = dump(tree)
    if base == text:
        return edited
    merged = merge_lines(text, base, edited)
    if merged is None or load_text(merged).data != load_text(edited).data:
        return edited
    return merged


def merge_lines(original: str, base: str, edited: str) -> str | None:
    """Carry the changes base -> edited over to `original` where base and original agree around them."""
    import difflib

    source, ours, theirs = (t.splitlines(keepends=True) for t in (original, base, edited))
    where: dict[int, int] = {}
    for block in difflib.SequenceMatcher(a=source, b=ours, autojunk=False).get_matching_blocks():
        where.update({block.b + k: block.a + k for k in range(block.size)})
    where[len(ours)] = len(source)
    hunks = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        span = _mapped(where, i1, i2)
        if span is None:
            return None
        hunks.append((span, theirs[j1:j2]))
    for (start, end), lines in sorted(hunks, reverse=True):
        source[start:end] = lines
    return "".join(source)


def _mapped(where: dict[int, int], i1: int, i2: int) -> tuple[int, int] | None:
    if i1 == i2:  # an insertion before base line i1: both neighbours must be as written
        before = where.get(i1 - 1, -1) if i1 > 0 else -1
        if i1 not in where or (i1 > 0 and before + 1 != where[i1]):
            return None
        return where[i1], where[i1]
    lines = [where.get(i) for i in range(i1, i2)]
    if None in lines or lines != list(range(lines[0], lines[0] + len(lines))):
        return None
    return lines[0], lines[-1] + 1
