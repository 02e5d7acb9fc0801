"""Status of a district or a province: the conditions of its set, counted from its own plan.

A huyện or tỉnh plan rarely assesses its own criteria; what it records is which
communes (or districts) were recognised at which standard and which are phased to
reach one by which year. `evaluate_area` computes each condition of the set that is
a share (`share_of`: 100% of communes NTM, at least 10% nâng cao…) from those
recognitions and milestones, says of every other condition that the plan has no
value for it, and lists what the plan lacks — it always has something to say.
Pure: the caller picks the catalog (`ntm.criteria.area_catalog`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ntm.model.vocab import STANDARD_ORDER, Standard
from ntm.status import FigureResult, Verdict, say, show_value

# What a share counts, by the standard's family: (Vietnamese noun, English noun).
_NOUNS = {
    Standard.XA_NTM: ("xã", "communes"),
    Standard.THON_NTM: ("thôn", "villages"),
    Standard.HUYEN_NTM: ("huyện", "districts"),
    Standard.TINH_HOAN_THANH: ("tỉnh", "provinces"),
}


@dataclass(frozen=True)
class AreaStatus:
    """A district or province under its set at a year: conditions, recognitions, goals, gaps."""

    unit: str
    level: str
    criteria_set: str | None
    catalog_title: str | None
    year: int
    conditions: tuple[FigureResult, ...]  # one per condition: indicator = its id, label = its name
    recognised: tuple[Standard, ...]
    goals: tuple[dict[str, str], ...]
    lacks: tuple[dict[str, str], ...]


def unit_label(plan) -> dict[str, str]:
    """The plan's unit as a heading: its name, or what the document says instead."""
    if plan.unit.name:
        return say(plan.unit.name, plan.unit.name)
    noun = {"tinh": ("Tỉnh", "Province"), "huyen": ("Huyện", "District"), "xa": ("Xã", "Commune"),
            "thon": ("Thôn", "Village")}[plan.unit.level.value]
    return say(f"{noun[0]} (văn bản không nêu tên)", f"{noun[1]} (the document gives no name)")


def evaluate_area(plan, catalog, year: int, has_own_assessment: bool) -> AreaStatus:
    """The area status of a huyện or tỉnh plan under `catalog` (None when no set applies) at `year`."""
    conditions = tuple(_condition(plan, catalog, c, year) for c in catalog.conditions) if catalog else ()
    return AreaStatus(
        unit=unit_label(plan)["vi"], level=plan.unit.level.value,
        criteria_set=catalog.id if catalog else None, catalog_title=catalog.title if catalog else None,
        year=year, conditions=conditions, recognised=_own_recognitions(plan), goals=tuple(_goals(plan)),
        lacks=tuple(_lacks(plan, catalog, year, conditions, has_own_assessment)),
    )


# ----- conditions ----------------------------------------------------------------------


def _condition(plan, catalog, condition, year: int) -> FigureResult:
    from ntm.catalog import threshold

    limit = threshold(catalog, condition.id)
    base = dict(indicator=condition.id, kind="condition", index=0, label=condition.name, threshold=limit.text(),
                source=limit.source.short(), confidence=limit.confidence)
    if condition.share_of is None:
        return FigureResult(**base, verdict=Verdict.NO_DATA, value=None,
                            reason=say("kế hoạch không có số liệu", "the plan has no value for it"))
    share = _Share(plan, Standard(condition.share_of), year)
    value, words = share.value(), share.words()
    if value is None:
        verdict = Verdict.NO_DATA if share.empty() else Verdict.CANNOT_VERIFY
        return FigureResult(**base, verdict=verdict, value=None, reason=words)
    if not limit.known:
        return FigureResult(**base, verdict=Verdict.CANNOT_VERIFY, value=value, reason=say(
            f"{words['vi']}; không kiểm chứng được: {limit.reason}", f"{words['en']}; cannot verify: {limit.reason_en}"))
    met = limit.satisfied_by(value)
    verdict = Verdict.MET if met else Verdict.NOT_MET
    return FigureResult(**base, verdict=verdict, value=value, reason=say(
        f"{words['vi']} {limit.text()} ({base['source']})", f"{words['en']} {limit.text()} ({base['source']})"))


class _Share:
    """The units of the plan at `standard` or higher by `year`, recognised or phased, and their share."""

    def __init__(self, plan, standard: Standard, year: int):
        self.standard, self.year = standard, year
        self.family, self.rank = STANDARD_ORDER[standard]
        self.noun = _NOUNS[self.family]
        self.all = False
        self.recognised: set[str] = set()
        self.phased: set[str] = set()
        for rec in plan.recognitions:
            if self._counts(rec.standard, rec.year) and rec.units is not None:
                if rec.units == "all":
                    self.all = True
                else:
                    self.recognised.update(rec.units)
        for milestone in plan.phasing:
            if self._counts(milestone.standard, milestone.year):
                self.phased.update(n for n in milestone.unit_names() if n not in self.recognised)
        self.total = next((t.of for t in plan.targets if t.of and t.standard is not None
                           and STANDARD_ORDER[t.standard][0] is self.family), None)

    def _counts(self, standard: Standard, year: int | None) -> bool:
        family, rank = STANDARD_ORDER[standard]
        return family is self.family and rank >= self.rank and (year is None or year <= self.year)

    def empty(self) -> bool:
        return not (self.all or self.recognised or self.phased)

    def value(self) -> Decimal | None:
        if self.all:
            return Decimal(100)
        if self.empty() or not self.total:
            return None
        return (Decimal(len(self.recognised | self.phased)) * 100 / Decimal(self.total)).quantize(Decimal("0.1"))

    def words(self) -> dict[str, str]:
        from ntm.messages import standard_label

        label = standard_label(self.standard)
        noun_vi, noun_en = self.noun
        if self.all:
            return say(f"100% số {noun_vi} đã được công nhận {label['vi']} (kế hoạch ghi: tất cả)",
                        f"100% of the {noun_en} recognised as {label['en']} (the plan says: all)")
        if self.empty():
            return say(f"kế hoạch không ghi {noun_vi} nào đã hoặc sẽ đạt chuẩn {label['vi']} đến năm {self.year}",
                        f"the plan names no {noun_en} recognised or phased as {label['en']} by {self.year}")
        count = len(self.recognised | self.phased)
        vi = (f"{count} {noun_vi} đạt chuẩn {label['vi']} trở lên đến năm {self.year} "
              f"({len(self.recognised)} đã công nhận, {len(self.phased)} theo lộ trình)")
        en = (f"{count} {noun_en} at {label['en']} or higher by {self.year} "
              f"({len(self.recognised)} recognised, {len(self.phased)} phased)")
        if not self.total:
            return say(f"{vi}, nhưng kế hoạch không ghi tổng số {noun_vi} nên không tính được tỷ lệ",
                        f"{en}, but the plan does not state how many {noun_en} there are, so no share can be computed")
        shown = show_value(self.value())
        return say(f"{vi} / {self.total} {noun_vi} = {shown}%", f"{en} of {self.total} = {shown}%")


# ----- recognitions, goals, gaps ----------------------------------------------------------


def _own_recognitions(plan) -> tuple[Standard, ...]:
    return tuple(rec.standard for rec in plan.recognitions if rec.units is None)


def _goals(plan):

    for target in plan.targets:
        if target.standard is None:
            continue
        amount = (f"{target.count}/{target.of}" if target.count is not None and target.of else
                  f"{target.count}" if target.count is not None else
                  f"{show_value(target.percent)}%" if target.percent is not None else "")
        what = target.what or target.standard.value
        when = f" ({target.year})" if target.year else ""
        text = " ".join(p for p in (amount, what) if p) + when
        yield say(text, text)


def _lacks(plan, catalog, year: int, conditions, has_own_assessment: bool):
    from ntm.messages import STANDARD_LABELS

    if not plan.unit.name:
        yield say("văn bản không nêu tên đơn vị", "the document does not name the unit")
    if catalog is None:
        level = {"huyen": ("cấp huyện", "district"), "tinh": ("cấp tỉnh", "province")}[plan.unit.level.value]
        yield say(f"danh mục chưa có bộ tiêu chí {level[0]} cho năm {year}",
                   f"the catalog has no {level[1]} criteria set for {year}")
        return
    if catalog.criteria and not has_own_assessment:
        count = len(catalog.criteria)
        name = STANDARD_LABELS[catalog.tier]
        yield say(f"kế hoạch không có đánh giá {count} tiêu chí {name[0]} (mục assessments)",
                   f"the plan has no assessment of the {count} criteria of an {name[1]} (assessments)")
    empty = [c.indicator for c in conditions if c.verdict is Verdict.NO_DATA]
    if empty:
        yield say(f"không có số liệu cho {len(empty)}/{len(conditions)} điều kiện của {catalog.source.short()}",
                   f"no value for {len(empty)}/{len(conditions)} conditions of {catalog.source.short()}")
