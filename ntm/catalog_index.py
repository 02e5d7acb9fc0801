"""The shipped criteria sets at a glance, and which national set of NTM communes applies.

`catalog_index` lists every shipped set (a base set or a province's overlay) with its title,
level, period, the decision it comes from and the day that decision took effect. `commune_set`
says which national set of xã nông thôn mới applies: for a year, the set whose period holds it;
for a day (today by default), the latest set in effect by then, so QĐ 51/2025/QĐ-TTg
(xa-ntm-2026-2030) from 15/02/2026 and QĐ 318/QĐ-TTg before. Both are read from the catalogs,
never from a list of ids, so a new set file changes the answer by itself. `index_text` and
`index_items` are the `ntm criteria --list` table and its JSON form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class SetEntry:
    """One shipped set: what `--list` shows of it and what `commune_set` chooses by."""

    id: str
    title: str
    level: str
    tier: str
    start: int
    end: int | None
    decision: str  # "Quyết định 318/QĐ-TTg"
    in_effect_from: dt.date
    extends: str | None  # the set an overlay adds to
    province: str | None  # a province's own set or overlay

    @property
    def period(self) -> str:
        return f"{self.start}–{self.end}" if self.end else f"{self.start}–"

    def holds(self, year: int) -> bool:
        return self.start <= year <= (self.end or year)


def today() -> dt.date:
    """The day `commune_set` answers for when it is given none."""
    return dt.date.today()


def catalog_index() -> list[SetEntry]:
    """Every shipped set, in the order of `available_catalogs` (by id)."""
    from ntm.catalog import available_catalogs, load_catalog

    return [_entry(load_catalog(set_id)) for set_id in available_catalogs()]


def _entry(catalog) -> SetEntry:
    own = catalog.layers[-1] if catalog.layers else None
    source = own.source if own else catalog.source
    start = catalog.period.start
    return SetEntry(
        id=catalog.id, title=catalog.title, level=catalog.level, tier=catalog.tier, start=start,
        end=catalog.period.end, decision=source.short(),
        in_effect_from=source.effective or source.date or dt.date(start, 1, 1),
        extends=own.extends if own else None, province=catalog.scope.province if catalog.scope else None)


def national_commune_sets(entries: list[SetEntry]) -> list[SetEntry]:
    """The national sets of xã nông thôn mới (not nâng cao, kiểu mẫu, nor a province's overlay)."""
    return [e for e in entries if e.level == "xa" and e.tier == "xa_ntm" and e.extends is None and e.province is None]


def commune_set(year: int | None = None, on: dt.date | None = None, entries: list[SetEntry] | None = None) -> str:
    """The id of the national commune set for `year` (its period holds it), else the one in effect `on` a day.

    A year no period holds, or a day before every set, falls back to the set nearest in time, so that
    the question asked of it (`ntm criteria --year 2031`) gets that set's own answer.
    """
    sets = sorted(national_commune_sets(catalog_index() if entries is None else entries),
                  key=lambda e: e.in_effect_from)
    if year is not None:
        holding = [e for e in sets if e.holds(year)]
        if holding:
            return holding[-1].id
        on = dt.date(year, 12, 31)
    day = on or today()
    started = [e for e in sets if e.in_effect_from <= day]
    return (started[-1] if started else sets[0]).id


# ----- `ntm criteria --list` ------------------------------------------------------------------

_HEADINGS = {"vi": ("Mã", "Giai đoạn", "Hiệu lực từ", "Tên"), "en": ("Id", "Period", "In force from", "Title")}


def _title(entry: SetEntry, lang: str) -> str:
    if entry.extends is None:
        return entry.title
    return f"{entry.title} ({'bổ sung cho' if lang == 'vi' else 'adds to'} {entry.extends})"


def index_text(entries: list[SetEntry], default: str, day: dt.date, lang: str, width: int | None = None) -> str:
    """The sets as an aligned table (titles wrap within `width` on a terminal), then which one is the default."""
    import io

    from rich import box
    from rich.console import Console
    from rich.table import Table

    from ntm.vnformat import format_short_date

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False)
    for number, heading in enumerate(_HEADINGS[lang]):
        table.add_column(heading, no_wrap=number < 3, overflow="fold")
    for entry in entries:
        table.add_row(entry.id, entry.period, format_short_date(entry.in_effect_from), _title(entry, lang))
    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 1000, no_color=True, highlight=False, emoji=False,
                      color_system=None)
    console.print(table)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    when = format_short_date(day)
    lines.append(f"Không có --set: {default}, bộ tiêu chí xã nông thôn mới có hiệu lực hôm nay ({when})." if lang == "vi"
                 else f"Without --set: {default}, the set of NTM communes in force today ({when}).")
    return "\n".join(lines)


def index_items(entries: list[SetEntry], default: str, day: dt.date) -> dict:
    """The same as plain data: `sets` (period as numbers, dates ISO) and the `default` for `day`."""
    return {"default": default, "today": day.isoformat(), "sets": [
        {"id": e.id, "title": e.title, "level": e.level, "tier": e.tier, "period": {"start": e.start, "end": e.end},
         "decision": e.decision, "in_effect_from": e.in_effect_from.isoformat(), "extends": e.extends,
         "province": e.province} for e in entries]}
