"""Where a unit sits, for the report: its place, key, slug paths and 2025 units.

A place is a plain dict (name, level, commune, district, province, and the
commune and province it belongs to from 1 July 2025 when asked for) built
from what a plan writes, with the parents inherited from the plan's own unit
as `ntm.unit_check` does. Units named in different plans are matched by a key
of accent-folded names and parents. `--unit` compares slugs ("tan-yen",
"bac-giang/tan-yen") with a place's path of slugs, pre-reform and, with
`--as-of-units 2025`, post-reform. Successors come from the official
register (`ntm.units.resolve`), looked up only when asked for.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ntm.text import fold

from ntm.units import REFORM_DATE as REFORM

LAST_LEGACY_DAY = REFORM - dt.timedelta(days=1)
STANDARD_LEVEL = {"xa": "xa", "thon": "thon", "huyen": "huyen", "tinh": "tinh"}


def place(name, level, commune=None, district=None, province=None) -> dict:
    return {"name": name or None, "level": level, "commune": commune or None, "district": district or None,
            "province": province or None, "commune_2025": None, "province_2025": None}


def plan_place(unit) -> dict:
    level = unit.level.value
    return place(unit.name, level, district=unit.district if level != "tinh" else None,
                 province=unit.province if level != "tinh" else None)


def area_of(owner: dict) -> dict:
    """The parents a unit named in a plan inherits from the plan's own unit."""
    level, name = owner["level"], owner["name"]
    return {
        "commune": name if level == "xa" else owner["commune"],
        "district": name if level == "huyen" else owner["district"],
        "province": name if level == "tinh" else owner["province"],
    }


def ref_place(ref, level: str, owner: dict) -> dict:
    """A unit a plan names (a string or a UnitRef) at `level`, inside the plan's area."""
    area = area_of(owner)
    if isinstance(ref, str):
        name, district, province = ref, area["district"], area["province"]
    else:
        name, district, province = ref.name, ref.district or area["district"], ref.province or area["province"]
    if level in ("huyen", "tinh"):
        district = None
    if level == "tinh":
        province = None
    commune = area["commune"] if level == "thon" else None
    return place(name, level, commune, district, province)


def counted_place(level: str, owner: dict) -> dict:
    """Units a plan counts but does not name ("13 thôn kiểu mẫu"): the plan's area, no name."""
    area = area_of(owner)
    return place(None, level, area["commune"] if level == "thon" else None, area["district"], area["province"])


def standard_level(standard: str) -> str:
    return STANDARD_LEVEL.get(standard.split("_")[0], "xa")


def key(p: dict) -> tuple:
    """Matching key: level and accent-folded names of the unit and its parents."""
    return (p["level"], _fold(p["province"]), _fold(p["district"]), _fold(p["commune"]), _fold(p["name"]))


def area_key(name) -> str:
    """The accent-folded name of an area; "" when there is none (None, or pandas' NaN of an empty cell)."""
    return _fold(name) if isinstance(name, str) else ""


@lru_cache(maxsize=None)
def _fold(name: str | None) -> str:
    return fold(name) if name else ""


def slug(name: str | None) -> str:
    return _fold(name).replace(" ", "-")


def slug_paths(p: dict) -> list[tuple[str, ...]]:
    """The slug path of a place, pre-reform and (when known) post-reform."""
    return _slug_paths(p["level"], p["province"], p["district"], p["commune"], p["name"], p["province_2025"],
                       p["commune_2025"])


@lru_cache(maxsize=None)
def _slug_paths(level, province, district, commune, name, province_2025, commune_2025) -> list[tuple[str, ...]]:
    legacy = tuple(s for s in (slug(province), slug(district), slug(commune), slug(name)) if s)
    paths = [legacy]
    if province_2025 or commune_2025:
        own = slug(name) if level in ("xa", "thon") else ""
        paths.append(tuple(s for s in (slug(province_2025), slug(commune_2025), own) if s))
    return paths


def parse_unit_filter(text: str) -> tuple[str, ...] | None:
    """`bac-giang/tan-yen` → ("bac-giang", "tan-yen"); None when it is not a slug path."""
    parts = tuple(slug(part) for part in text.strip().strip("/").split("/"))
    return parts if parts and all(parts) else None


def known_slugs(records: list[dict]) -> tuple[set[tuple[str, ...]], set[str]]:
    """(slug paths of every place the records name, plan slugs): what `--unit` can match."""
    paths, plans = set(), set()
    for record in records:
        if not record.get("plan"):
            continue
        plans.add(record["plan"])
        for item in [record, *record["assessments"], *record["phasing"]]:
            paths.update(slug_paths(item["place"]))
    return paths, plans


def within(paths: list[tuple[str, ...]], wanted: tuple[str, ...]) -> bool:
    """True when `wanted` appears as consecutive parts of one of the paths."""
    n = len(wanted)
    return any(path[i:i + n] == wanted for path in paths for i in range(len(path) - n + 1))


# ----- the 2025 structure -----------------------------------------------------------------


def add_successors(p: dict, when: dt.date) -> dict:
    """Fill `commune_2025` and `province_2025` from the official register (None when not found)."""
    legacy = when < REFORM
    commune, province = None, None
    if p["level"] == "xa" and p["name"]:
        commune, province = _commune(p["name"], p["district"], p["province"], legacy)
    elif p["level"] == "thon" and p["commune"]:
        commune, province = _commune(p["commune"], p["district"], p["province"], legacy)
    elif p["level"] == "huyen" and p["name"]:
        province = _district(p["name"], p["province"])
    elif p["level"] == "tinh" and p["name"]:
        province = _province(p["name"], legacy)
    if province is None and p["province"]:
        province = _province(p["province"], legacy)
    return {**p, "commune_2025": commune, "province_2025": province}


def _resolve(name, level, district, province, as_of):
    from ntm.units import resolve

    try:
        return resolve(name, level, district=district, province=province, as_of=as_of)
    except (LookupError, ValueError):
        return None


@lru_cache(maxsize=65536)
def _commune(name: str, district: str | None, province: str | None, legacy: bool) -> tuple[str | None, str | None]:
    if not legacy:
        found = _resolve(name, "xa", None, province, REFORM)
        if found is None or not found.found:
            return None, None
        return found.short_name, found.province.short_name if found.province else None
    found = _resolve(name, "xa", district, province, LAST_LEGACY_DAY)
    successor = found.successor if found is not None else None
    if successor is None:
        return None, None
    return (successor.commune.short_name if successor.commune else None), successor.province.short_name


@lru_cache(maxsize=4096)
def _district(name: str, province: str | None) -> str | None:
    found = _resolve(name, "huyen", None, province, LAST_LEGACY_DAY)
    return found.successor.province.short_name if found is not None and found.successor else None


@lru_cache(maxsize=256)
def _province(name: str, legacy: bool) -> str | None:
    found = _resolve(name, "tinh", None, None, LAST_LEGACY_DAY if legacy else REFORM)
    if found is None:
        return None
    if found.successor is not None:
        return found.successor.province.short_name
    return found.short_name if found.found else None
