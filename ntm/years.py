"""The years a piece of Vietnamese plan text names, and moving them to another year.

Plans write years inside sentences: "trong quý IV năm 2024", "trước ngày
15/12/2027", "giai đoạn 2021 - 2025", "đến năm 2025". `mentions` finds each
one with what kind of mention it is: a date (`ngày 31 tháng 12 năm 2023`,
`05/01/2024`, `2024-12-31`), a document number that carries its year
(`257/2025/QH15`), a span of years (`2021 - 2025`), or a year on its own
(`năm 2024`, `tháng 6/2027`). Rules use it to check that a deadline lies in
the plan's period (R402); `ntm new` uses it to tell a legal basis about last
year's budget from one about the whole period, and `shift` to move a
recurring duty ("báo cáo trong quý IV năm 2024") to the new year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ntm.text import nfc

_YEAR = r"(?:19[4-9][0-9]|20[0-9][0-9]|2100)"
# Longest forms first; each alternative captures its year(s) in named groups.
_PATTERN = re.compile(
    rf"(?P<number>\b[0-9]+/(?P<ny>{_YEAR})/[A-ZĐ][A-Za-zĐđ0-9&.\-]*)"
    rf"|(?P<vidate>\bngày\s+[0-9]{{1,2}}\s+tháng\s+[0-9]{{1,2}}\s+năm\s+(?P<vy>{_YEAR})\b)"
    rf"|(?P<dmy>\b[0-9]{{1,2}}[/.\-][0-9]{{1,2}}[/.\-](?P<dy>{_YEAR})\b)"
    rf"|(?P<iso>\b(?P<iy>{_YEAR})-[0-9]{{2}}-[0-9]{{2}}\b)"
    rf"|(?P<span>\b(?P<s1>{_YEAR})\s*[-–—]\s*(?P<s2>{_YEAR})\b)"
    rf"|(?P<year>(?<![0-9.,])(?P<y>{_YEAR})(?![0-9]|[.,][0-9]))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """Years `first`..`last` named at `start`:`end` of the text; `kind` is date, number, span or year."""

    first: int
    last: int
    kind: str
    start: int
    end: int

    def overlaps(self, first: int, last: int) -> bool:
        return self.first <= last and first <= self.last


def mentions(text: str) -> list[Mention]:
    """Every year the text names, in order."""
    found = []
    for match in _PATTERN.finditer(nfc(text or "")):
        kind = next(k for k in ("number", "vidate", "dmy", "iso", "span", "year") if match.group(k))
        if kind == "span":
            first, last = sorted((int(match["s1"]), int(match["s2"])))
        else:
            first = last = int(match[{"number": "ny", "vidate": "vy", "dmy": "dy", "iso": "iy", "year": "y"}[kind]])
        found.append(Mention(first, last, "date" if kind in ("vidate", "dmy", "iso") else kind,
                             match.start(), match.end()))
    return found


def subject_years(text: str) -> list[Mention]:
    """The years a text is about: not the dates and numbers that identify a cited document."""
    return [m for m in mentions(text) if m.kind in ("span", "year")]


def deadline_years(text: str) -> list[Mention]:
    """The years a deadline names: dates count, document numbers do not."""
    return [m for m in mentions(text) if m.kind != "number"]


def shift(text: str, years: range, by: int) -> str:
    """The text with each year in `years` (outside document numbers) moved by `by` years."""
    text = nfc(text)
    pieces, last = [], 0
    for mention in mentions(text):
        if mention.kind == "number":
            continue
        pieces.append(text[last:mention.start])
        pieces.append(re.sub(_YEAR, lambda m: str(int(m[0]) + by) if int(m[0]) in years else m[0],
                             text[mention.start:mention.end]))
        last = mention.end
    pieces.append(text[last:])
    return "".join(pieces)
