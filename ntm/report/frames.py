"""The report's views as pandas DataFrames, computed from plan records.

This module owns every rule of `ntm report`: which plans a year selects
(those whose period contains it), which assessment stands for a unit (the
latest dated on or before 31 December of the year), what a unit is due to
reach, how targets meet phasing (a plan's own, and the sum of the plans below
it), which funding lines are money for the year and which aggregate lines
would count money twice, how money rolls up (xã → huyện → tỉnh, or into the
2025 units), the gaps, and where plans disagree. Rows are built once as
plain dicts, filtered (--unit, --level, --standard), and turned into
DataFrames in one call per view; sums across units are pandas group-bys over
exact Decimals. The result maps view names (see `views.VIEWS`) to frames.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from ntm.report import places
from ntm.report.views import (BUDGET_LEVEL_ORDER, GROUP_ORDER, INT, STANDARD_RANK, VIEW_BY_NAME, YEAR, matrix_column,
                              matrix_key)

# What an aggregate funding line stands for, when the vocabulary does not say (`covers:`).
AGGREGATE_COVERS = {"ngan_sach_nha_nuoc": ("ngan_sach", "ctmtqg"),
                    "von_khac_long_ghep_xa_hoi_hoa": ("khac", "long_ghep", "xa_hoi_hoa")}
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Query:
    """The year asked and the filters, already checked."""

    year: int
    unit: tuple[str, ...] | None = None
    unit_text: str | None = None
    level: str | None = None
    standard: str | None = None
    as_of_units: int | None = None


def build_frames(records: list[dict], query: Query) -> tuple[dict[str, pd.DataFrame], dict]:
    """(frames by view name, facts): `plans` the year selects, `earlier` plans whose assessments fill in
    history, and `set_titles`, the title of each national criteria set the matrix uses."""
    plans = [r for r in records if r.get("plan") and r["start"] <= query.year <= r["end"]]
    earlier = [r for r in records if r.get("plan") and r["end"] < query.year]
    rows = _Rows(plans, query, earlier)
    keep = _filter(query)
    criteria = [r for r in rows.criteria if keep(r)]
    current = [r for r in criteria if not r["stale"]]
    phasing = [r for r in rows.phasing if keep(r)]
    lines = [r for r in rows.funding_lines if keep(r)]
    units = [r for r in rows.funding_units if keep(r)]
    frames = {
        "criteria": _criteria_frame(criteria),
        "phasing": make_frame("phasing", [r for r in phasing if r["year"] == query.year]),
        "roadmap": _roadmap(phasing),
        "targets": make_frame("targets", [r for r in rows.targets if keep(r)]),
        "funding_lines": make_frame("funding_lines", lines),
        "funding_units": make_frame("funding_units", units),
        "funding_sources": _funding_sources(lines),
        "funding_groups": _funding_groups(lines),
        "funding_rollup": _funding_rollup(units, bool(query.as_of_units), query.year > places.REFORM.year),
        "gaps_criteria": _gaps_criteria(current),
        "gaps_units": _gaps_units(current, query.standard),
        "disagreements": make_frame("disagreements", [r for r in rows.disagreements if keep(r)]),
    }
    return frames, {"plans": len(plans), "earlier": len({r["_file"] for r in criteria if r["_earlier"]}),
                    "set_titles": {r["base_set"]: r["_set_title"] for r in criteria if r["base_set"]}}


# ----- filters --------------------------------------------------------------------------


def _filter(query: Query):
    def keep(row: dict) -> bool:
        if query.level and row["_level"] != query.level:
            return False
        if query.standard and row["_standards"] is not None and query.standard not in row["_standards"]:
            return False
        if query.unit:
            return row["plan"] == query.unit_text or places.within(row["_paths"], query.unit)
        return True

    return keep


def _meta(row: dict, where: dict, standards) -> dict:
    row["_paths"] = places.slug_paths(where)
    row["_level"] = where["level"]
    row["_standards"] = None if standards is None else {s for s in standards if s}
    return row


def _place_columns(where: dict) -> dict:
    return {"unit": where["name"], "level": where["level"], "district": where["district"], "province": where["province"],
            "commune_2025": where["commune_2025"], "province_2025": where["province_2025"]}


def _name_key(name) -> tuple:
    return (places.area_key(name), name or "")


def _place_sort(row: dict) -> tuple:
    return (_name_key(row.get("province")), _name_key(row.get("district")), _name_key(row.get("unit")), row.get("plan") or "")


# ----- rows from records ----------------------------------------------------------------


class _Rows:
    """Every base row of the selected plans, before filters (cross-plan rules need them all)."""

    def __init__(self, plans: list[dict], query: Query, earlier: list[dict] = ()) -> None:
        self.query, self.plans, self.earlier = query, plans, list(earlier)
        self.disagreements: list[dict] = []
        self.phasing = sorted(self._phasing(), key=lambda r: (r["year"], STANDARD_RANK.get(r["standard"], 99), _place_sort(r)))
        self.named_by_plan = defaultdict(list)
        for row in self.phasing:
            if row["basis"] == "named":
                self.named_by_plan[(row["_file"], row["standard"])].append(row)
        self.due = self._due()
        self.criteria = sorted(self._criteria(), key=_place_sort)
        self.targets = sorted(self._targets(), key=lambda r: (_place_sort(r), STANDARD_RANK.get(r["standard"], 99), r["year"]))
        self.funding_lines, self.funding_units = self._funding()
        self._phasing_disagreements()
        self.disagreements.sort(key=lambda r: (r["kind"], _place_sort(r), r["year"] or 0))

    # criteria -------------------------------------------------------------------------

    def _criteria(self) -> list[dict]:
        rows = []
        for plan in self.plans:
            for assessment in _latest(plan["assessments"], self.query.year):
                rows.append(self._criteria_row(plan, assessment))
        self._criteria_disagreements(rows)
        return rows + self._history({r["_key"] for r in rows})

    def _history(self, assessed: set) -> list[dict]:
        """Units no plan of the year assesses: their latest assessment in a plan that ended before it."""
        latest: dict[tuple, tuple] = {}
        for plan in self.earlier:
            for a in _latest(plan["assessments"], self.query.year):
                key, when = places.key(a["place"]), _when(a)
                if key not in assessed and (key not in latest or (when, plan["end"]) > latest[key][:2]):
                    latest[key] = (when, plan["end"], plan, a)
        return [self._criteria_row(plan, a, earlier=True) for _, _, plan, a in latest.values()]

    def _criteria_row(self, plan: dict, a: dict, earlier: bool = False) -> dict:
        where = self._after_reform(a["place"], _when(a))
        period = a["set_period"]
        target, target_year = self._target_for(places.key(where), a, from_tier=not earlier)
        row = {"plan": plan["plan"], **_place_columns(where), "criteria_set": a["criteria_set"],
               "base_set": a["base_set"], "criteria_period": _period_label(period),
               "stale": is_stale(period, self.query.year), "_set_title": a["set_title"], "_earlier": earlier,
               "_file": plan["file"],
               "data_year": a["year"], "as_of": a["as_of"], "score": f"{a['met']}/{a['total']}",
               "met": a["met"], "total": a["total"], "declared_met": a["declared_met"], "standard": a["standard"],
               "recognised": ", ".join(a["recognised"]) or None, "target_standard": target, "target_year": target_year,
               "unmet": ", ".join(a["unmet"]) or None, "unknown": ", ".join(a["unknown"]) or None,
               "_statuses": a["statuses"], "_names": a["names"], "_key": places.key(where)}
        row.update({matrix_key(code): status for code, status in a["statuses"].items()})
        return _meta(row, where, (a["standard"], target, *a["recognised"]))

    def _after_reform(self, where: dict, when: dt.date) -> dict:
        """In a report after the 2025 reform, a unit assessed before it names the commune it became part of."""
        if self.query.year <= places.REFORM.year or when >= places.REFORM or where["commune_2025"]:
            return where
        return places.add_successors(where, when)

    def _due(self) -> dict:
        due = defaultdict(list)
        for row in self.phasing:
            if row["basis"] == "named":
                due[row["_key"]].append((row["year"], row["standard"]))
        return due

    def _target_for(self, key: tuple, a: dict, from_tier: bool) -> tuple[str | None, int | None]:
        """The earliest standard the unit is phased to from the year asked on; else, in a plan of the year
        (`from_tier`; not one that has ended), its set's standard while unmet."""
        ahead = [(y, -STANDARD_RANK.get(s, 0), s) for y, s in self.due.get(key, ()) if y >= self.query.year]
        if ahead:
            year, _, standard = min(ahead)
            return standard, year
        if a["met"] < a["total"] and from_tier:
            return a["tier"], None
        return None, None

    def _criteria_disagreements(self, rows: list[dict]) -> None:
        by_unit = defaultdict(list)
        for row in rows:
            by_unit[row["_key"]].append(row)
            if row["declared_met"] is not None and row["declared_met"] != row["met"]:
                self._disagree("declared_count", row, row["data_year"], f"{row['declared_met']}/{row['total']}", None,
                               row["score"])
        for group in by_unit.values():
            first = min(group, key=lambda r: r["plan"])
            for other in group:
                if other is not first and other["score"] != first["score"]:
                    self._disagree("criteria_count", first, first["data_year"], first["score"], other["plan"],
                                   other["score"])

    # phasing ---------------------------------------------------------------------------

    def _phasing(self) -> list[dict]:
        rows = []
        for plan in self.plans:
            for item in plan["phasing"]:
                where = item["place"]
                row = {"year": item["year"], "standard": item["standard"], "unit": where["name"], "count": item["count"],
                       "level": where["level"], "commune": where["commune"], "district": where["district"],
                       "province": where["province"], "commune_2025": where["commune_2025"],
                       "province_2025": where["province_2025"], "plan": plan["plan"], "basis": item["basis"],
                       "_key": places.key(where), "_file": plan["file"]}
                rows.append(_meta(row, where, (item["standard"],)))
        return rows

    def _phasing_disagreements(self) -> None:
        years = defaultdict(dict)
        for row in self.phasing:
            if row["basis"] == "named":
                years[(row["_key"], row["standard"])].setdefault(row["plan"], row)
        for by_plan in years.values():
            plans = sorted(by_plan)
            first = by_plan[plans[0]]
            for name in plans[1:]:
                other = by_plan[name]
                if other["year"] != first["year"]:
                    self._disagree("phasing_year", first, first["year"], str(first["year"]), name,
                                   str(other["year"]), first["standard"])

    # targets ---------------------------------------------------------------------------

    def _targets(self) -> list[dict]:
        below = _Below(self.plans, self.phasing)
        rows = []
        for plan in self.plans:
            for target in plan["targets"]:
                for year, basis, count in _target_years(plan, target, self.query.year):
                    rows.append(self._target_row(plan, target, year, basis, count, below))
        return rows

    def _target_row(self, plan, target, year, basis, count, below) -> dict:
        standard, owner = target["standard"], plan["place"]
        first = plan["start"] if basis == "cumulative" else year
        own = _count_own(self.named_by_plan, plan["file"], standard, first, year)
        planned, plans_below = below.count(plan, standard, first, year)
        whole = basis == "cumulative" or not target["by_year"]
        row = {"plan": plan["plan"], **_place_columns(owner), "standard": standard, "what": target["what"], "year": year,
               "basis": basis, "qualifier": target["qualifier"], "target": count,
               "of": target["of"] if whole else None, "percent": target["percent"] if whole else None,
               "planned_own": own, "difference_own": _minus(own, count),
               "planned_below": planned, "plans_below": plans_below, "difference_below": _minus(planned, count)}
        _meta(row, owner, (standard,))
        for kind, planned_count in (("target_own", own), ("target_below", planned)):
            if count is not None and planned_count is not None and not _holds(target["qualifier"], count, planned_count):
                other = plan["plan"] if kind == "target_own" else None
                self._disagree(kind, row, year, str(count), other, str(planned_count), standard)
        return row

    # funding ---------------------------------------------------------------------------

    def _funding(self) -> tuple[list[dict], list[dict]]:
        from ntm.funding_sources import vocabulary

        sources = vocabulary()["sources"]
        lines, units = [], []
        for plan in sorted(self.plans, key=lambda p: _place_sort({**_place_columns(p["place"]), "plan": p["plan"]})):
            if plan["funding"] is not None:
                kept = self._funding_lines(plan, sources)
                lines.extend(kept)
                units.extend(self._funding_units(plan, kept))
        return lines, units

    def _funding_lines(self, plan: dict, sources: dict) -> list[dict]:
        """The lines that are money for the year asked (or, in a multi-year plan, undated money for the period)."""
        year, owner = self.query.year, plan["place"]
        annual = plan["start"] == plan["end"] == year
        lines = plan["funding"]["lines"]
        rows = []
        for line in lines:
            if line["year"] is not None and line["year"] != year:
                continue
            info = sources.get(line["source"], {})
            parts = _parts(line, lines, sources)
            row = {"plan": plan["plan"], **_place_columns(owner), "period": plan["period"],
                   "basis": "year" if line["year"] == year or annual else "period", "source": line["source"],
                   "source_label": info.get("label") or line["label"] or line["source"], "line_label": line["label"],
                   "group": info.get("group", "khac"), "budget_level": info.get("budget_level"),
                   "aggregate": bool(info.get("aggregate")), "counted": not parts, "amount": line["amount"],
                   "_file": plan["file"]}
            rows.append(_meta(row, owner, None))
            total = sum((p["amount"] for p in parts), Decimal(0))
            if parts and total != line["amount"]:
                self._disagree("aggregate_parts", row, None, _plain(line["amount"]), None, _plain(total))
        return rows

    def _funding_units(self, plan: dict, lines: list[dict]) -> list[dict]:
        natural = "year" if plan["start"] == plan["end"] == self.query.year else "period"
        bases = sorted({r["basis"] for r in lines}) or [natural]
        stated = plan["funding"]["stated"]
        rows = []
        for basis in bases:
            counted = [r["amount"] for r in lines if r["basis"] == basis and r["counted"]]
            computed = sum(counted, Decimal(0)) if counted else None
            shown = stated if basis == natural else None
            row = {"plan": plan["plan"], **_place_columns(plan["place"]), "period": plan["period"], "basis": basis,
                   "sources": len(counted), "computed_total": computed, "stated_total": shown,
                   "difference": computed - shown if computed is not None and shown is not None else None,
                   "_file": plan["file"]}
            rows.append(_meta(row, plan["place"], None))
            qualifier = plan["funding"]["qualifier"] or "exact"
            if row["difference"] is not None and not _holds(qualifier, shown, computed):
                self._disagree("funding_total", row, None, _plain(shown), None, _plain(computed))
        return rows

    # disagreements ---------------------------------------------------------------------

    def _disagree(self, kind, row, year, value, other_plan, other_value, standard=None) -> None:
        item = {"kind": kind, "unit": row["unit"], "level": row["level"], "district": row["district"],
                "province": row["province"], "standard": standard,
                "year": year, "plan": row["plan"], "value": value, "other_plan": other_plan, "other_value": other_value}
        item.update({k: row[k] for k in ("_paths", "_level")})
        item["_standards"] = {item["standard"]} if item["standard"] else set()
        self.disagreements.append(item)


def is_stale(period: tuple[int, int | None] | None, year: int) -> bool:
    """Data counted against a criteria set whose period ended before the report year."""
    return period is not None and period[1] is not None and period[1] < year


def _period_label(period: tuple[int, int | None] | None) -> str | None:
    if period is None:
        return None
    start, end = period
    return f"{start}-{end}" if end is not None else f"{start}-"


def _when(a: dict) -> dt.date:
    return a["as_of"] or dt.date(a["year"], 12, 31)


def _latest(assessments: list[dict], year: int) -> list[dict]:
    """Per unit, the assessment dated latest on or before 31 December of `year`."""
    best: dict[tuple, tuple[dt.date, int, dict]] = {}
    for index, a in enumerate(assessments):
        when = _when(a)
        if when.year > year:
            continue
        key = places.key(a["place"])
        if key not in best or (when, index) >= best[key][:2]:
            best[key] = (when, index, a)
    return [a for _, _, a in sorted(best.values(), key=lambda item: item[1])]


def _target_years(plan: dict, target: dict, year: int) -> list[tuple[int, str, int | None]]:
    """(year, basis, count) rows of a target that concern the year asked.

    A yearly split gives one row per year ("in the year"); a whole-period count
    (no year, or a year in a multi-year plan) is cumulative up to its year (the
    period's end when none). Kept: the year asked, and cumulative rows not yet due.
    """
    found = []
    if target["by_year"]:
        found += [(y, "year", c) for y, c in target["by_year"].items()]
        if target["count"] is not None:
            found.append((target["year"] or plan["end"], "cumulative", target["count"]))
    elif target["year"] is not None:
        single = plan["start"] == plan["end"] == target["year"] or target["increment"]
        found.append((target["year"], "year" if single else "cumulative", target["count"]))
    else:
        found.append((plan["end"], "cumulative", target["count"]))
    return [(y, b, c) for y, b, c in found if (b == "year" and y == year) or (b == "cumulative" and y >= year)]


def _count_own(named_by_plan: dict, file: str, standard: str, first: int, last: int) -> int | None:
    """Units the plan itself names for the standard in [first, last]; None when it names none at all."""
    mine = named_by_plan.get((file, standard))
    if not mine:
        return None
    return len({r["_key"] for r in mine if first <= r["year"] <= last})


class _Below:
    """Phasing of the plans whose unit lies inside a province's or district's unit."""

    def __init__(self, plans: list[dict], phasing: list[dict]) -> None:
        self.in_province, self.in_district = defaultdict(list), defaultdict(list)
        for plan in plans:
            where = plan["place"]
            for province in {places.area_key(where["province"]), places.area_key(where["province_2025"])} - {""}:
                if where["level"] in ("huyen", "xa", "thon"):
                    self.in_province[province].append(plan["file"])
            if where["level"] in ("xa", "thon") and where["district"]:
                self.in_district[places.area_key(where["district"])].append(plan)
        self.rows = defaultdict(list)
        for row in phasing:
            self.rows[row["_file"]].append(row)

    def files(self, plan: dict) -> list[str]:
        where = plan["place"]
        name = places.area_key(where["name"])
        if where["level"] == "tinh" and name:
            found = set(self.in_province.get(name, ()))
            found |= set(self.in_province.get(places.area_key(where["province_2025"]), ())) if where["province_2025"] else set()
            return sorted(found - {plan["file"]})
        if where["level"] == "huyen" and name:
            province = places.area_key(where["province"])
            return sorted(p["file"] for p in self.in_district.get(name, ())
                          if not province or not p["place"]["province"] or places.area_key(p["place"]["province"]) == province)
        return []

    def count(self, plan: dict, standard: str, first: int, last: int) -> tuple[int | None, int]:
        rows_by_file = {f: [r for r in self.rows.get(f, ()) if r["standard"] == standard] for f in self.files(plan)}
        contributing = [rows for rows in rows_by_file.values() if rows]
        if not contributing:
            return None, 0
        inside = [r for rows in contributing for r in rows if first <= r["year"] <= last]
        named = {r["_key"] for r in inside if r["basis"] == "named"}
        counted = sum(r["count"] for r in inside if r["basis"] == "counted")
        return len(named) + counted, len(contributing)


def _parts(line: dict, lines: list[dict], sources: dict) -> list[dict]:
    """The detailed lines an aggregate line stands for, in the same plan (none for a detailed line).

    An aggregate ("Ngân sách nhà nước") is counted only when the plan gives no
    such detail: beside its parts it would count the same money twice.
    """
    info = sources.get(line["source"], {})
    if not info.get("aggregate"):
        return []
    covers = _covers(line["source"], info)
    return [other for other in lines if other is not line and not sources.get(other["source"], {}).get("aggregate")
            and sources.get(other["source"], {}).get("group", "khac") in covers]


def _covers(source: str, info: dict) -> tuple[str, ...]:
    if info.get("covers"):
        return tuple(info["covers"])
    return AGGREGATE_COVERS.get(source, (info.get("group", "khac"),))


def _holds(qualifier: str, stated, computed) -> bool:
    from ntm.model.vocab import Qualifier
    from ntm.rules.funding_total import holds

    return holds(Qualifier(qualifier), Decimal(stated), Decimal(computed))


def _minus(a, b):
    return a - b if a is not None and b is not None else None


def _plain(value: Decimal) -> str:
    return format(value, "f")


# ----- frames ---------------------------------------------------------------------------


def make_frame(name: str, rows: list[dict], columns: list[str] | None = None) -> pd.DataFrame:
    """One DataFrame from plain dicts, in one call; integer columns as nullable Int64."""
    view = VIEW_BY_NAME[name]
    columns = columns or view.keys()
    frame = pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    kinds = {c.key: c.kind for c in view.columns}
    for column in columns:
        if kinds.get(column) in (INT, YEAR):
            frame[column] = frame[column].astype("Int64")
    return frame.reset_index(drop=True)


def _criteria_frame(rows: list[dict]) -> pd.DataFrame:
    codes = sorted({code for r in rows for code in r["_statuses"]}, key=_code_order)
    return make_frame("criteria", rows, VIEW_BY_NAME["criteria"].keys() + [matrix_column(c).key for c in codes])


def _code_order(code: str) -> tuple:
    return tuple(int(part) for part in code.split("."))


def _roadmap(phasing: list[dict]) -> pd.DataFrame:
    if not phasing:
        return make_frame("roadmap", [])
    data = pd.DataFrame([{"year": r["year"], "standard": r["standard"], "count": r["count"],
                          "named": int(r["basis"] == "named"), "plan": r["_file"]} for r in phasing])
    grouped = data.groupby(["year", "standard"], sort=False).agg(count=("count", "sum"), named=("named", "sum"),
                                                                  plans=("plan", "nunique")).reset_index()
    grouped["_rank"] = grouped["standard"].map(lambda s: STANDARD_RANK.get(s, 99))
    grouped = grouped.sort_values(["year", "_rank"], kind="stable")
    return make_frame("roadmap", grouped.to_dict("records"))


def _decimal_sum(series: pd.Series):
    values = [v for v in series if v is not None and not (isinstance(v, float) and v != v)]
    return sum(values, Decimal(0)) if values else None


def _year_money(lines: list[dict]) -> pd.DataFrame | None:
    rows = [r for r in lines if r["basis"] == "year" and r["counted"]]
    if not rows:
        return None
    return pd.DataFrame([{"source": r["source"], "source_label": r["source_label"], "group": r["group"],
                          "budget_level": r["budget_level"] or "", "amount": r["amount"], "file": r["_file"]} for r in rows])


def _funding_sources(lines: list[dict]) -> pd.DataFrame:
    from ntm.funding_sources import vocabulary

    money = _year_money(lines)
    if money is None:
        return make_frame("funding_sources", [])
    order = {key: i for i, key in enumerate(vocabulary()["sources"])}
    grouped = money.groupby("source", sort=False).agg(
        source_label=("source_label", "first"), group=("group", "first"), budget_level=("budget_level", "first"),
        plans=("file", "nunique"), amount=("amount", _decimal_sum)).reset_index()
    grouped["_order"] = grouped["source"].map(lambda s: (order.get(s, len(order)), s))
    grouped = grouped.sort_values("_order", kind="stable")
    grouped["budget_level"] = grouped["budget_level"].map(lambda v: v or None)
    return make_frame("funding_sources", grouped.to_dict("records"))


def _funding_groups(lines: list[dict]) -> pd.DataFrame:
    from ntm.funding_sources import vocabulary

    money = _year_money(lines)
    if money is None:
        return make_frame("funding_groups", [])
    money["budget_level"] = money["budget_level"].where(money["group"] == "ngan_sach", "")
    grouped = money.groupby(["group", "budget_level"], sort=False).agg(
        plans=("file", "nunique"), amount=("amount", _decimal_sum)).reset_index()
    names = vocabulary()["groups"]
    pairs = list(zip(grouped["group"], grouped["budget_level"]))
    grouped["label"] = [_group_label(names, g, b) for g, b in pairs]
    grouped["_order"] = [(_index(GROUP_ORDER, g), _index(BUDGET_LEVEL_ORDER, b)) for g, b in pairs]
    grouped = grouped.sort_values("_order", kind="stable")
    grouped["budget_level"] = grouped["budget_level"].map(lambda v: v or None)
    return make_frame("funding_groups", grouped.to_dict("records"))


def _group_label(names: dict, group: str, level: str) -> str:
    from ntm.report.views import label

    base = names.get(group, group)
    if group != "ngan_sach":
        return base
    return f"{base}: cấp {label('budget_level', level)}" if level else f"{base} (không tách theo cấp)"


def _index(order: tuple, value) -> int:
    return order.index(value) if value in order else len(order)


def _funding_rollup(units: list[dict], as_of_2025: bool, after_reform: bool) -> pd.DataFrame:
    """Year money of the plans rolled up by area; own envelopes never added to the plans below.

    After the 2025 reform (report years from 2026) there are no districts:
    communes roll up straight into their province (xã → tỉnh).
    """
    rows = [r for r in units if r["basis"] == "year" and r["computed_total"] is not None]
    if not rows:
        return make_frame("funding_rollup", [])
    data = pd.DataFrame([{**{k: r[k] for k in ("level", "unit", "district", "province", "commune_2025", "province_2025")},
                          "computed": r["computed_total"], "stated": r["stated_total"], "file": r["_file"]} for r in rows])
    if as_of_2025:
        found = _rollup_2025(data)
    else:
        found = _rollup_legacy(data, with_districts=not after_reform)
    found.sort(key=lambda r: (_name_key(r["unit"] if r["level"] == "tinh" else r["province"]), r["level"] != "tinh",
                              _name_key(r["unit"])))
    return make_frame("funding_rollup", found)


def _rollup_legacy(data: pd.DataFrame, with_districts: bool = True) -> list[dict]:
    communes = data[data["level"].isin(["xa", "thon"])]
    districts = data[data["level"] == "huyen"]
    provinces = data[data["level"] == "tinh"]
    rows = _merge_areas("huyen", {
        "commune": _sum_by(communes, ["province", "district"], "district"),
        "own": _sum_by(districts, ["province", "unit"], "unit"),
    }) if with_districts else []
    rows += _merge_areas("tinh", {
        "commune": _sum_by(communes, ["province"], "province"),
        "district": _sum_by(districts, ["province"], "province"),
        "own": _sum_by(provinces, ["unit"], "unit"),
    })
    return rows


def _rollup_2025(data: pd.DataFrame) -> list[dict]:
    communes = data[data["level"].isin(["xa", "thon"])]
    rows = _merge_areas("xa", {"commune": _sum_by(communes, ["province_2025", "commune_2025"], "commune_2025")})
    rows += _merge_areas("tinh", {
        "commune": _sum_by(communes, ["province_2025"], "province_2025"),
        "district": _sum_by(data[data["level"] == "huyen"], ["province_2025"], "province_2025"),
        "own": _sum_by(data[data["level"] == "tinh"], ["province_2025"], "province_2025"),
    })
    return rows


def _sum_by(data: pd.DataFrame, columns: list[str], name_column: str) -> dict:
    """{area key: (display name, province, plans, computed sum, stated sum)} over accent-folded names."""
    if data.empty:
        return {}
    keyed = data.assign(**{f"_k{i}": data[c].map(places.area_key) for i, c in enumerate(columns)})
    keys = [f"_k{i}" for i in range(len(columns))]
    keyed = keyed[keyed[keys[-1]] != ""]
    if keyed.empty:
        return {}
    province_column = columns[0] if len(columns) > 1 or name_column.startswith("province") else "province"
    grouped = keyed.groupby(keys, sort=False).agg(
        name=(name_column, "first"), province=(province_column, "first"), plans=("file", "nunique"),
        computed=("computed", _decimal_sum), stated=("stated", _decimal_sum))
    return {index if isinstance(index, tuple) else (index,): row for index, row in zip(grouped.index, grouped.to_dict("records"))}


def _merge_areas(level: str, parts: dict[str, dict]) -> list[dict]:
    """One row per area: the plans below it and its own plan side by side, never added together."""
    rows = []
    for key in dict.fromkeys(k for part in parts.values() for k in part):
        got = {kind: part.get(key) for kind, part in parts.items()}
        first = next(v for v in got.values() if v is not None)
        commune, district, own = got.get("commune"), got.get("district"), got.get("own")
        rows.append({"level": level, "unit": first["name"], "province": None if level == "tinh" else first["province"],
                     "commune_plans": commune["plans"] if commune else None,
                     "communes_total": commune["computed"] if commune else None,
                     "district_plans": district["plans"] if district else None,
                     "districts_total": district["computed"] if district else None,
                     "own_total": own["computed"] if own else None,
                     "own_stated_total": own["stated"] if own else None})
    return rows


def _gaps_criteria(criteria: list[dict]) -> pd.DataFrame:
    long = [{"criteria_set": r["criteria_set"], "code": code, "name": r["_names"].get(code), "status": status}
            for r in criteria for code, status in r["_statuses"].items()]
    if not long:
        return make_frame("gaps_criteria", [])
    data = pd.DataFrame(long)
    data["unmet"] = data["status"] == "not_met"
    data["unknown"] = data["status"] == "unknown"
    grouped = data.groupby(["criteria_set", "code"], sort=False).agg(
        name=("name", "first"), unmet=("unmet", "sum"), unknown=("unknown", "sum"), assessed=("status", "size")).reset_index()
    grouped = grouped[(grouped["unmet"] > 0) | (grouped["unknown"] > 0)].copy()
    grouped["unmet_percent"] = [_percent(u, a) for u, a in zip(grouped["unmet"], grouped["assessed"])]
    grouped["_order"] = [(-u, -k, s, _code_order(c)) for u, k, s, c in
                         zip(grouped["unmet"], grouped["unknown"], grouped["criteria_set"], grouped["code"])]
    grouped = grouped.sort_values("_order", kind="stable")
    return make_frame("gaps_criteria", grouped.to_dict("records"))


def _percent(part: int, whole: int) -> Decimal:
    return (Decimal(int(part)) * 100 / Decimal(int(whole))).quantize(TENTH, rounding=ROUND_HALF_UP)


def _gaps_units(criteria: list[dict], standard: str | None) -> pd.DataFrame:
    rows = [{**r, "missing": r["total"] - r["met"]} for r in criteria if r["met"] < r["total"]]
    if standard:
        rows = [r for r in rows if r["target_standard"] == standard]
    rows.sort(key=lambda r: (-r["missing"], _place_sort(r)))
    return make_frame("gaps_units", rows)

