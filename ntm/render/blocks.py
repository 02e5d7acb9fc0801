"""The rendered document as a tree of blocks, read from the markup a template produces.

A template renders a small XML vocabulary (`<letterhead>`, `<title>`, `<section>`,
`<p>`, `<item>`, `<table>`, `<annex>`, `<sign-off>`, inline `<b>`, `<i>`, `<br/>`,
`<annex-ref>`); every value taken from a plan file is escaped by the Jinja
environment, so plan text can never add structure. This module parses that
markup into plain dataclasses and owns the numbering: sections are numbered
by depth (I., 1., 1.1., a), -) and annexes in order of appearance (Biểu 01,
Biểu 02…), so numbers can neither skip nor repeat. The writers (md, html,
docx) only walk the finished tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union
from xml.etree import ElementTree


class BlockError(ValueError):
    """The markup is not a valid document (a template bug, not a plan problem)."""


# ---------------------------------------------------------------------------
# The tree
# ---------------------------------------------------------------------------


@dataclass
class Run:
    """A piece of inline text; `text == "\\n"` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False

    @property
    def is_break(self) -> bool:
        return self.text == "\n"


@dataclass
class Para:
    runs: list[Run]
    role: str = "body"

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass
class Item:
    runs: list[Run]
    level: int = 1
    marker: str = "-"

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass
class Section:
    """A numbered part. A run-in section has no title: its number starts its first paragraph."""

    title: str
    depth: int
    number: str = ""
    children: list["Block"] = field(default_factory=list)
    run_in: bool = False

    @property
    def heading(self) -> str:
        title = self.title.upper() if self.depth == 1 else self.title
        return f"{self.number} {title}".strip()


@dataclass
class Column:
    width: float = 1.0
    align: str = "left"


@dataclass
class Cell:
    runs: list[Run]
    span: int = 1
    align: str | None = None

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass
class Row:
    cells: list[Cell]
    role: str = "body"  # header | group | total | body


@dataclass
class Table:
    columns: list[Column]
    rows: list[Row]
    unit: str | None = None


@dataclass
class Annex:
    key: str
    label: str
    title: str
    note: str | None = None
    children: list["Block"] = field(default_factory=list)
    landscape: bool = False


@dataclass
class Letterhead:
    parent_body: list[str] = field(default_factory=list)
    issuer: list[str] = field(default_factory=list)
    number: str | None = None
    national: str = ""
    motto: str = ""
    place_date: str | None = None


@dataclass
class Title:
    kind_name: str
    subject: list[str] = field(default_factory=list)


@dataclass
class RecipientLine:
    text: str
    role: str = "item"  # item | label


@dataclass
class Recipients:
    label: str
    lines: list[RecipientLine] = field(default_factory=list)


@dataclass
class Signature:
    authority: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    position: list[str] = field(default_factory=list)
    name: str | None = None


@dataclass
class SignOff:
    recipients: Recipients | None = None
    signature: Signature | None = None


Block = Union[Para, Item, Section, Table]


@dataclass
class Document:
    kind: str
    letterhead: Letterhead | None = None
    title: Title | None = None
    body: list[Block] = field(default_factory=list)
    signoff: SignOff | None = None
    annexes: list[Annex] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    draft: bool = False  # not yet signable: every writer marks it DỰ THẢO

    def sections(self) -> list[Section]:
        """Every section, depth first, in document order."""
        found: list[Section] = []

        def walk(blocks: list) -> None:
            for block in blocks:
                if isinstance(block, Section):
                    found.append(block)
                    walk(block.children)

        walk(self.body)
        return found


def plain(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)


# ---------------------------------------------------------------------------
# Numbering
# ---------------------------------------------------------------------------

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_LETTERS = "abcdđeghiklmnopqrstuvxy"  # the Vietnamese alphabet (points a), b) … d), đ), e), g)); no f, j, w, z
HAND_NUMBER = re.compile(r"^\s*(?:[IVXLC]+|[0-9]+(?:\.[0-9]+)*|[a-zđ])\s*[.)](?:\s|$)")


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def letter(n: int) -> str:
    """1 -> a, 2 -> b …; past y: aa, ab …"""
    base = len(_LETTERS)
    text = ""
    while n > 0:
        n, rest = divmod(n - 1, base)
        text = _LETTERS[rest] + text
    return text


def section_number(depth: int, index: int, parent: str) -> str:
    """The number of the index-th section (1-based) at a depth, given its parent's number."""
    if depth == 1:
        return f"{roman(index)}."
    if depth == 2:
        return f"{index}."
    if depth == 3:
        return f"{parent}{index}." if parent[:1].isdigit() else f"{index}."
    if depth == 4:
        return f"{letter(index)})"
    return "-"


# ---------------------------------------------------------------------------
# Parsing the markup
# ---------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def parse(markup: str) -> Document:
    """Markup rendered by a template -> numbered Document; BlockError when malformed."""
    if re.search(r"<!(?:DOCTYPE|ENTITY)", markup, re.IGNORECASE):
        raise BlockError("a template must not declare a DOCTYPE or entities")
    try:
        root = ElementTree.fromstring(markup.strip())
    except ElementTree.ParseError as exc:
        raise BlockError(f"malformed markup: {exc}") from exc
    if root.tag != "document":
        raise BlockError(f"the root element must be <document>, not <{root.tag}>")
    return _Reader(root).read()


class _Reader:
    """One pass over the element tree: builds blocks, numbers sections and annexes."""

    def __init__(self, root: ElementTree.Element) -> None:
        self.root = root
        self.annex_labels = self._annex_labels(root)
        self.doc = Document(kind=root.get("kind", ""), meta=self._meta(root))

    @staticmethod
    def _meta(root: ElementTree.Element) -> dict[str, str]:
        return {k.removeprefix("meta-"): v for k, v in root.attrib.items() if k.startswith("meta-")}

    @staticmethod
    def _annex_labels(root: ElementTree.Element) -> dict[str, str]:
        labels: dict[str, str] = {}
        for index, annex in enumerate(root.iter("annex"), start=1):
            key = annex.get("key") or f"annex-{index}"
            if key in labels:
                raise BlockError(f"two annexes with key '{key}'")
            labels[key] = f"{annex.get('prefix', 'Biểu')} {index:02d}"
        return labels

    def read(self) -> Document:
        """Body sections start at depth 1 (I., II.), or at depth 2 (1., 2.) with `numbering="arabic"`."""
        counter = [0]
        self.base_depth = 2 if self.root.get("numbering") == "arabic" else 1
        for child in self.root:
            self._top(child, counter)
        return self.doc

    def _top(self, el: ElementTree.Element, counter: list[int]) -> None:
        handlers = {
            "letterhead": lambda: setattr(self.doc, "letterhead", self._letterhead(el)),
            "title": lambda: setattr(self.doc, "title", self._title(el)),
            "sign-off": lambda: setattr(self.doc, "signoff", self._signoff(el)),
            "annex": lambda: self.doc.annexes.append(self._annex(el)),
        }
        if el.tag in handlers:
            handlers[el.tag]()
            return
        block = self._block(el, depth=self.base_depth, counter=counter, parent="")
        if isinstance(block, Section) and not block.title and not block.run_in:
            self.doc.body.extend(block.children)
        elif block is not None:
            self.doc.body.append(block)

    # -- body blocks -------------------------------------------------------

    def _block(self, el, depth: int, counter: list[int], parent: str):
        if el.tag == "section":
            return self._section(el, depth, counter, parent)
        if el.tag == "p":
            return self._para(el)
        if el.tag == "item":
            return self._item(el)
        if el.tag == "table":
            return self._table(el)
        raise BlockError(f"unknown element <{el.tag}> in the body")

    def _para(self, el) -> Para | None:
        runs = self._inline(el)
        return Para(runs, el.get("role", "body")) if runs else None

    def _item(self, el) -> Item | None:
        runs = self._inline(el)
        level = int(el.get("level", "1"))
        marker = el.get("marker") or ("-" if level == 1 else "+")
        return Item(runs, level, marker) if runs else None

    def _section(self, el, depth: int, counter: list[int], parent: str) -> Section | None:
        title = _SPACE.sub(" ", el.get("title", "")).strip()
        if not title and el.get("run-in"):
            return self._run_in(el, depth, counter, parent)
        if not title:  # an untitled section only groups blocks: it shares its parent's numbering
            section = Section("", depth - 1)
            section.children = self._children(el, depth, counter, parent)
            return section if section.children else None
        counter[0] += 1
        number = section_number(depth, counter[0], parent)
        if HAND_NUMBER.match(title):
            self.doc.warnings.append(title)
        section = Section(title, depth, number)
        section.children = self._children(el, depth + 1, [0], number)
        return section

    def _run_in(self, el, depth: int, counter: list[int], parent: str) -> Section | None:
        """A numbered paragraph: `1.2. Xác định khối lượng công việc…`."""
        children_counter = [0]
        counter[0] += 1
        number = section_number(depth, counter[0], parent)
        section = Section("", depth, number, run_in=True)
        section.children = self._children(el, depth + 1, children_counter, number)
        first = section.children[0] if section.children else None
        if isinstance(first, Para):
            first.runs.insert(0, Run(number + " "))
        else:
            section.children.insert(0, Para([Run(number)]))
        return section

    def _children(self, el, depth: int, counter: list[int], parent: str) -> list:
        blocks = []
        for child in el:
            block = self._block(child, depth, counter, parent)
            if block is None:
                continue
            if isinstance(block, Section) and not block.title and not block.run_in:
                blocks.extend(block.children)  # flatten untitled groups
            else:
                blocks.append(block)
        return blocks

    def _table(self, el) -> Table:
        columns = [Column(float(c.get("width", "1")), c.get("align", "left")) for c in el.iter("col")]
        rows = [self._row(r) for r in el.iter("row")]
        if not columns and rows:
            columns = [Column() for _ in range(sum(c.span for c in rows[0].cells))]
        for row in rows:
            if sum(c.span for c in row.cells) != len(columns):
                raise BlockError(f"a table row has {sum(c.span for c in row.cells)} cells for {len(columns)} columns")
        return Table(columns, rows, el.get("unit"))

    def _row(self, el) -> Row:
        cells = [Cell(self._inline(c), int(c.get("span", "1")), c.get("align")) for c in el.iter("cell")]
        return Row(cells, el.get("role", "body"))

    def _annex(self, el) -> Annex:
        key = el.get("key") or f"annex-{len(self.doc.annexes) + 1}"
        annex = Annex(key, self.annex_labels[key], _clean(el.get("title", "")), _clean(el.get("note", "")) or None,
                      landscape=el.get("orientation") == "landscape")
        counter = [0]
        annex.children = self._children(el, 1, counter, "")
        return annex

    # -- letterhead, title, sign-off ----------------------------------------

    def _letterhead(self, el) -> Letterhead:
        head = Letterhead()
        for child in el:
            text = plain(self._inline(child))
            if child.tag == "parent-body":
                head.parent_body.append(text)
            elif child.tag == "issuer":
                head.issuer.append(text)
            elif child.tag in ("number", "national", "motto", "place-date"):
                setattr(head, child.tag.replace("-", "_"), text)
            else:
                raise BlockError(f"unknown element <{child.tag}> in <letterhead>")
        return head

    def _title(self, el) -> Title:
        title = Title(_clean(el.get("type", "")))
        title.subject = [plain(self._inline(s)) for s in el.iter("subject")]
        return title

    def _signoff(self, el) -> SignOff:
        signoff = SignOff()
        for child in el:
            if child.tag == "recipients":
                signoff.recipients = self._recipients(child)
            elif child.tag == "signature":
                signoff.signature = self._signature(child)
            else:
                raise BlockError(f"unknown element <{child.tag}> in <sign-off>")
        return signoff

    def _recipients(self, el) -> Recipients:
        lines = [RecipientLine(plain(self._inline(line)), line.get("role", "item")) for line in el.iter("line")]
        return Recipients(_clean(el.get("label", "Nơi nhận:")), [line for line in lines if line.text])

    def _signature(self, el) -> Signature:
        sig = Signature()
        for child in el:
            text = plain(self._inline(child))
            if child.tag == "name":
                sig.name = text or None
            elif child.tag in ("authority", "title", "position"):
                getattr(sig, child.tag).append(text)
            else:
                raise BlockError(f"unknown element <{child.tag}> in <signature>")
        return sig

    # -- inline -----------------------------------------------------------

    def _inline(self, el) -> list[Run]:
        runs: list[Run] = []
        self._collect(el, runs, bold=False, italic=False)
        return _normalise(runs)

    def _collect(self, el, runs: list[Run], bold: bool, italic: bool) -> None:
        if el.text:
            runs.append(Run(el.text, bold, italic))
        for child in el:
            if child.tag == "b":
                self._collect(child, runs, True, italic)
            elif child.tag == "i":
                self._collect(child, runs, bold, True)
            elif child.tag == "br":
                runs.append(Run("\n", bold, italic))
            elif child.tag == "annex-ref":
                runs.append(Run(self._annex_ref(child), bold, italic))
            else:
                raise BlockError(f"unknown inline element <{child.tag}>")
            if child.tail:
                runs.append(Run(child.tail, bold, italic))

    def _annex_ref(self, el) -> str:
        key = el.get("key", "")
        if key not in self.annex_labels:
            raise BlockError(f"<annex-ref key='{key}'/> names no annex of this document")
        return self.annex_labels[key]


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _normalise(runs: list[Run]) -> list[Run]:
    """Collapse white space as HTML does; drop it at the start, the end and around breaks."""
    out: list[Run] = []
    for run in runs:
        text = run.text if run.is_break else _SPACE.sub(" ", run.text)
        if not run.is_break:
            at_line_start = not out or out[-1].is_break
            if at_line_start or out[-1].text.endswith(" "):
                text = text.lstrip(" ")
        elif out and not out[-1].is_break:
            out[-1].text = out[-1].text.rstrip(" ")
        if text:
            _append(out, Run(text, run.bold, run.italic))
    if out and not out[-1].is_break:
        out[-1].text = out[-1].text.rstrip(" ")
    return [run for run in out if run.text]


def _append(out: list[Run], run: Run) -> None:
    last = out[-1] if out else None
    if last and not last.is_break and not run.is_break and (last.bold, last.italic) == (run.bold, run.italic):
        last.text += run.text
    else:
        out.append(run)
