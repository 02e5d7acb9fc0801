"""`ntm fmt`: one canonical layout for plan files, without changing a single value.

`format_text` puts the top-level keys in the order of the `Plan` model (each
key moves with the comment lines just above it), then lets ruamel.yaml
(`ntm.roundtrip`) lay the document out: 2-space indentation, sequences
indented under their key, no folding of long Vietnamese lines, comments,
quoting and flow/block style kept. It refuses (`FormatError`) rather than
return a text whose data differs from the input's by ntm's own reading.
`format_paths` formats files and folders: a file that does not validate is
reported and left alone, a result is validated again before it is written,
and every write is atomic; with `check=True` nothing is written and each
file that would change is an error (F001).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ntm.diagnostics import Diagnostic, Severity, sort_diagnostics
from ntm.messages import register

MAX_PASSES = 3

register(
    "F001",
    "Tệp chưa theo định dạng chuẩn (khác từ dòng này); chạy `ntm fmt` để sửa",
    "The file is not in the canonical layout (differs from this line); run `ntm fmt` to fix it",
)
register(
    "F002",
    "Không định dạng tệp này vì tệp chưa hợp lệ ({count} lỗi); hãy sửa lỗi trước",
    "Not formatted: the file does not validate ({count} errors); fix them first",
)
register(
    "F003",
    "Không định dạng được an toàn tệp này ({problem}); tệp được giữ nguyên",
    "Cannot format this file safely ({problem}); it was left unchanged",
)


class FormatError(Exception):
    """Formatting was refused; `problem` says why (text, or {"vi", "en"}), `line` where when known."""

    def __init__(self, problem: str | dict, line: int | None = None, column: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.column = column


@dataclass
class FmtResult:
    """Files rewritten (or, with check, that would be) and every finding."""

    changed: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def top_level_order() -> list[str]:
    from ntm.model import Plan

    return list(Plan.model_fields)


def check_text(text: str, file: str) -> list[Diagnostic]:
    """Every per-plan finding for `text` as if it were `file` (which need not exist yet)."""
    from ntm.loader import load_plan_text
    from ntm.rules import PlanContext, run_plan_rules

    loaded = load_plan_text(text, file)
    found = list(loaded.diagnostics)
    if loaded.plan is not None:
        found.extend(run_plan_rules(PlanContext(file, loaded.plan, loaded.positions)))
    return found


def format_text(text: str) -> str:
    """The canonical layout of a plan's text; raises `FormatError` if it cannot be made safely."""
    from ntm import roundtrip
    from ntm.yamlio import load_text

    text = _normalise(text)
    before = load_text(text)
    if before.diagnostics:
        first = before.diagnostics[0]
        raise FormatError(_both(first.message("vi"), first.message("en")), first.line, first.column)
    try:
        data = roundtrip.load(text)
        reordered = _reorder_top_level(text, data)
        result = _settle(reordered, data if reordered is text else None)
    except roundtrip.RoundTripError as exc:
        raise FormatError(exc.problem, exc.line, exc.column) from None
    if load_text(result).data != before.data:
        raise FormatError(_both("định dạng lại sẽ làm thay đổi dữ liệu", "formatting would change the data"))
    trimmed = result.rstrip("\n") + "\n"  # one newline at the end, unless it is data (a `|+` scalar)
    return trimmed if trimmed == result or load_text(trimmed).data == before.data else result


def _normalise(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text.removeprefix("\ufeff").replace("\r\n", "\n"))


def _settle(text: str, data=None) -> str:
    """Dump until the layout no longer changes (ruamel settles in one pass, rarely two)."""
    from ntm import roundtrip

    for _ in range(MAX_PASSES):
        again = roundtrip.dump(roundtrip.load(text) if data is None else data)
        data = None
        if again == text:
            return text
        text = again
    raise FormatError(_both("bố cục không ổn định sau nhiều lần định dạng", "the layout does not settle"))


@dataclass
class TopLevel:
    """A plan's text cut at its top-level keys: the lines before the first key, each key's
    chunk (the comment lines right above it, the key, its value), and the closing comments."""

    head: str
    chunks: list[tuple[str, str]]
    foot: str

    def text(self, keys: Iterable[str] | None = None) -> str:
        by_key = dict(self.chunks)
        order = [k for k, _ in self.chunks] if keys is None else list(keys)
        return self.head + "".join(by_key[k] for k in order if k in by_key) + self.foot


def split_top_level(text: str, data=None) -> TopLevel | None:
    """Cut a block-mapping document at its top-level keys; None when it is not one."""
    from ruamel.yaml.comments import CommentedMap

    from ntm import roundtrip

    data = roundtrip.load(text) if data is None else data
    if not isinstance(data, CommentedMap) or data.fa.flow_style() or not data:
        return None
    keys = [str(k) for k in data]
    where = [data.lc.key(k) for k in data]
    lines = [w[0] for w in where]
    if any(col != 0 for _, col in where) or lines != sorted(set(lines)):
        return None
    source = text.splitlines(keepends=True)
    starts = [lines[0]] + [_chunk_start(source, lines[i], lines[i - 1]) for i in range(1, len(keys))]
    end = _footer_start(source, lines[-1])
    bounds = zip(starts, starts[1:] + [end])
    chunks = [(key, _ended("".join(source[a:b]))) for key, (a, b) in zip(keys, bounds)]
    return TopLevel("".join(source[: starts[0]]), chunks, "".join(source[end:]))


def _reorder_top_level(text: str, data) -> str:
    """Top-level keys in model order; each key takes the comment lines right above it."""
    parts = split_top_level(text, data)
    if parts is None:
        return text
    rank = {name: i for i, name in enumerate(top_level_order())}
    keys = [k for k, _ in parts.chunks]
    wanted = sorted(keys, key=lambda k: (rank.get(k, len(rank)), keys.index(k)))
    return text if wanted == keys else parts.text(wanted)


def _chunk_start(source: list[str], key_line: int, previous_key_line: int) -> int:
    start = key_line
    while start - 1 > previous_key_line and source[start - 1].startswith("#"):
        start -= 1
    return start


def _footer_start(source: list[str], last_key_line: int) -> int:
    """Comment lines closing the file stay at its end, whichever key comes last.

    The footer starts at its first comment line: blank lines before it stay
    with the last key's chunk, so moving that chunk keeps it separated.
    """
    end = len(source)
    while end - 1 > last_key_line and (source[end - 1].startswith("#") or not source[end - 1].strip()):
        end -= 1
    while end < len(source) and not source[end].strip():
        end += 1
    return end


def _ended(chunk: str) -> str:
    return chunk if chunk.endswith("\n") else chunk + "\n"


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


def format_paths(paths: Iterable[Path | str], check: bool = False) -> FmtResult:
    """Format every plan file under `paths`; with `check`, only report files that would change."""
    from ntm.loader import discover

    files, problems = discover(paths)
    result = FmtResult(diagnostics=list(problems))
    for path in files:
        changed, found = format_file(path, check)
        if changed:
            result.changed.append(str(path))
        result.diagnostics.extend(found)
    result.diagnostics = sort_diagnostics(result.diagnostics)
    return result


def format_file(path: Path, check: bool = False) -> tuple[bool, list[Diagnostic]]:
    """Format one file: (whether it changed or would change, findings)."""
    from ntm.loader import load_plan_text
    from ntm.safeio import atomic_write_text
    from ntm.yamlio import decode

    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return False, [Diagnostic("Y001", Severity.ERROR, file, params={"reason": exc.strerror or ""})]
    text, problems = decode(raw, file)
    if text is None:
        return False, problems
    errors = [d for d in load_plan_text(text, file).diagnostics if d.severity is Severity.ERROR]
    if errors:
        return False, [Diagnostic("F002", Severity.ERROR, file, 1, 1, params={"count": len(errors)}), *errors]
    try:
        new = format_text(text)
    except FormatError as exc:
        return False, [Diagnostic("F003", Severity.ERROR, file, exc.line, exc.column, params={"problem": exc.problem})]
    if new.encode("utf-8") == raw:
        return False, []
    if check:
        return True, [Diagnostic("F001", Severity.ERROR, file, _first_difference(raw, new), 1)]
    if any(d.severity is Severity.ERROR for d in load_plan_text(new, file).diagnostics):
        problem = _both("kết quả không hợp lệ", "the result does not validate")
        return False, [Diagnostic("F003", Severity.ERROR, file, params={"problem": problem})]
    atomic_write_text(path, new)
    return True, []


def _both(vi: str, en: str) -> dict[str, str]:
    return {"vi": vi, "en": en}


def _first_difference(raw: bytes, new: str) -> int:
    old_lines = raw.decode("utf-8", errors="replace").removeprefix("\ufeff").splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new.splitlines(), autojunk=False)
    for tag, i1, _, _, _ in matcher.get_opcodes():
        if tag != "equal":
            return i1 + 1
    return 1
