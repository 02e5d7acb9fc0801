"""What of a previous plan names a year, judged against the new plan's period (`ntm new --from`).

A legal basis (or reference) whose text names years, none of them in the new
period, is about another time and is left out: last year's budget allocation
("… năm 2024"), the 2021-2025 criteria set in a 2027 plan. A duty or
monitoring item naming years outside the new period moves by the years
between the plans when both are annual (a recurring duty: "báo cáo trong quý
IV năm 2024" becomes "… năm 2025", its deadline and the comments inside it
too), and is left out otherwise. Each decision is an info diagnostic (N008,
N009, N010). Years are found by `ntm.years`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ntm.carry import Notes, date_scalar, like, without


class Dated:
    """The dated content of a carried plan, judged for the new period `start`-`end`."""

    def __init__(self, old_period, start: int, end: int, notes: Notes) -> None:
        self.old = range(old_period.start, old_period.end + 1)
        self.new = (start, end)
        self.by = start - old_period.start if old_period.start == old_period.end and start == end else None
        self.notes = notes
        self.label = f"{start}" if start == end else f"{start}-{end}"

    def carry(self, data: Any) -> None:
        document = data.get("document") or {}
        for key in ("legal_bases", "references"):
            if document.get(key):
                document[key] = self._bases(document[key], key)
        for key, fields, dates in (("duties", ("text", "deadline_text"), ("deadline",)),
                                   ("monitoring", ("text",), ("due",))):
            if data.get(key):
                data[key] = self._items(data[key], key, fields, dates)

    def _outside(self, text: str) -> list:
        from ntm.years import subject_years

        return [m for m in subject_years(text) if not m.overlaps(*self.new)]

    def _bases(self, items: Any, key: str) -> Any:
        from ntm.years import subject_years

        gone = []
        for index, basis in enumerate(items):
            text = str(basis.get("text", ""))
            named = subject_years(text)
            if named and all(not m.overlaps(*self.new) for m in named):
                self.notes.add("N008", years=_years_text(named), period=self.label, text=text)
                gone.append(index)
        return without(items, gone)

    def _items(self, items: Any, key: str, fields: tuple[str, ...], dates: tuple[str, ...]) -> Any:
        gone = []
        for index, item in enumerate(items):
            texts = [str(item[f]) for f in fields if isinstance(item.get(f), str)]
            outside = [m for t in texts for m in self._outside(t)]
            old_dates = [str(_year_of(item[f])) for f in dates if f in item and self._date_outside(item[f])]
            if not outside and not old_dates:
                continue
            if self.by is None:
                self.notes.add("N010", field=key, years=_years_text(outside) or ", ".join(old_dates),
                               period=self.label, text=texts[0] if texts else "")
                gone.append(index)
            else:
                self._shift(item, key, fields, dates)
        return without(items, gone)

    def _date_outside(self, value: Any) -> bool:
        year = _year_of(value)
        return year is not None and not self.new[0] <= year <= self.new[1]

    def _shift(self, item: Any, key: str, fields: tuple[str, ...], dates: tuple[str, ...]) -> None:
        from ntm.years import shift

        old_text = str(item.get(fields[0], ""))
        for name in fields:
            if isinstance(item.get(name), str):
                item[name] = like(item[name], shift(str(item[name]), self.old, self.by))
        for name in dates:
            if name in item and self._date_outside(item[name]):
                item[name] = date_scalar(_moved(dt.date.fromisoformat(str(item[name])), self.by))
        _shift_comments(item, self.old, self.by)
        self.notes.add("N009", old=self.old.start, new=self.old.start + self.by, field=key, text=old_text)


def _moved(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def _year_of(value: Any) -> int | None:
    match = re.match(r"([0-9]{4})-", str(value))
    return int(match[1]) if match else None


def _shift_comments(node: Any, years: range, by: int) -> None:
    """Comments inside a moved item name the old year too ("# "trong quý IV năm 2024": …")."""
    from ntm.years import shift

    for tokens in getattr(getattr(node, "ca", None), "items", {}).values():
        for token in tokens or []:
            for one in token if isinstance(token, list) else [token]:
                if one is not None and hasattr(one, "value"):
                    one.value = shift(one.value, years, by)


def _years_text(mentions: list) -> str:
    shown = dict.fromkeys(f"{m.first}" if m.first == m.last else f"{m.first}-{m.last}" for m in mentions)
    return ", ".join(shown)
