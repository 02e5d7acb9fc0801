"""Official register of Vietnamese administrative units (tỉnh / huyện / xã), used offline.

This module owns the answer to "is this unit name, as an officer wrote it, an
official unit, and which one?". It resolves names to official names and GSO
codes in two structures: the legacy one (63 provinces, districts, communes) as
it stood on 30 June 2025, and the two-level structure in force from 1 July 2025
(34 provinces, communes directly under them). For a legacy unit it also gives
its successor in the 2025 structure, for a 2025 commune the legacy communes it
was formed from, and for an unknown name the closest official names. The data come from the `vietnamadminunits` package (its SQLite
register and its legacy→2025 conversion table); they are read lazily on the
first lookup, cached in-process, and nothing is ever fetched from the network.
Names are compared after NFC normalisation, ignoring case and the old/new
tone-mark placement ("Hóa" = "Hoá", "Thủy" = "Thuỷ").
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Iterable

from ntm.text import fold, name_key, name_words

REFORM_DATE = date(2025, 7, 1)
LEGACY = "legacy"
NEW = "2025"
LEVELS = ("tinh", "huyen", "xa")
MAX_SUGGESTIONS = 5
SUGGESTION_CUTOFF = 0.6

# Combining tone marks (huyền, sắc, ngã, hỏi, nặng); other marks (â, ă, ơ, ...) are kept.


# ----- public data --------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One official unit: full name ("Xã Hùng Mỹ"), name without type ("Hùng Mỹ"), GSO code."""

    name: str
    short_name: str
    code: str
    level: str


@dataclass(frozen=True)
class Successor:
    """Where a legacy unit went on 2025-07-01.

    `commune` is the 2025 commune the legacy commune became (part of); None for a
    legacy district or province, whose successor is just `province`. When the
    legacy commune was split, `commune` is the package's default part and
    `also_part_of` lists the other 2025 communes that received territory.
    """

    commune: Unit | None
    province: Unit
    also_part_of: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """Result of `resolve`. `found` is True only for an exact official name.

    `alias_of` is set when the name is not an official unit but the register lists
    it as another name of one (mostly a former commune merged into it before
    2025-07-01); `successor` is then that unit's successor. `suggestions` are
    short official names close to the query, inside the given parent.
    """

    query: str
    level: str
    structure: str
    found: bool
    official_name: str | None = None
    short_name: str | None = None
    code: str | None = None
    district: Unit | None = None
    province: Unit | None = None
    legacy_key: str | None = None  # the matched legacy unit's package key; `successor` is computed from it
    alias_of: Unit | None = None
    suggestions: tuple[str, ...] = ()
    note: str = ""

    @property
    def successor(self) -> Successor | None:
        """Where the matched legacy unit went on 2025-07-01 (looked up only when asked)."""
        return _successor_of(self.legacy_key) if self.legacy_key else None


# ----- name keys ----------------------------------------------------------------------


# Unit-type prefixes officers write before a name, longest first.
_PREFIXES = tuple(
    (name_words(written), kind)
    for written, kind in (
        ("thị trấn", "Thị trấn"), ("thị xã", "Thị xã"), ("thành phố", "Thành phố"),
        ("đặc khu", "Đặc khu"), ("xã", "Xã"), ("phường", "Phường"), ("huyện", "Huyện"),
        ("quận", "Quận"), ("tỉnh", "Tỉnh"), ("tt", "Thị trấn"), ("tx", "Thị xã"),
        ("tp", "Thành phố"),
    )
)


def _split_type(name: str) -> tuple[str | None, tuple[str, ...]]:
    """("TT Cao Thượng") → ("Thị trấn", key words of "Cao Thượng")."""
    words = name_words(name)
    for prefix, kind in _PREFIXES:
        if words[: len(prefix)] == prefix and len(words) > len(prefix):
            return kind, words[len(prefix):]
    return None, words


def _alias_key(name: str) -> str:
    return fold(name).replace(" ", "")


# ----- the register, loaded lazily ----------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    unit: Unit
    kind: str  # unit type: "Xã", "Thị trấn", "Phường", "Huyện", "Tỉnh", ...
    key: str  # tone key of the full name
    short_key: str  # tone key of the short name
    folded: str  # fold(short_name)
    aliases: frozenset[str]
    ancestors: tuple[str, ...]  # parent codes, nearest first
    package_key: str  # key the package's converter uses for this unit
    structure: str


@dataclass(frozen=True)
class _Register:
    structure: str
    by_level: dict[str, tuple[_Entry, ...]]
    by_code: dict[str, _Entry]
    by_package_key: dict[str, _Entry]


def _entry(structure: str, level: str, name: str, short: str, code: str, kind: str | None,
           aliases: str | None, ancestors: tuple[str, ...], package_key: str) -> _Entry:
    kind = kind or name[: len(name) - len(short)].strip() or name.split()[0]
    return _Entry(
        unit=Unit(name=name, short_name=short, code=code, level=level),
        kind=kind, key=name_key(name), short_key=name_key(short), folded=fold(short),
        aliases=frozenset(json.loads(aliases)) if aliases else frozenset(),
        ancestors=ancestors, package_key=package_key, structure=structure,
    )


def _query(sql: str) -> list[dict]:
    from vietnamadminunits.database import query  # heavy import, deferred to first lookup

    return query(sql)


def _index(structure: str, entries: dict[str, _Entry]) -> _Register:
    by_level = {lvl: tuple(e for e in entries.values() if e.unit.level == lvl) for lvl in LEVELS}
    by_package_key = {e.package_key: e for e in entries.values()}
    return _Register(structure, by_level, entries, by_package_key)


def _add(entries: dict[str, _Entry], code: str | None, build) -> None:
    """Build each unit once although the register repeats parents on every row."""
    if code and code not in entries:
        entries[code] = build()


def _legacy_row(entries: dict[str, _Entry], r: dict) -> None:
    pk, dk, pc, dc = r["provinceKey"], r["districtKey"], r["provinceCode"], r["districtCode"]
    _add(entries, pc, lambda: _entry(LEGACY, "tinh", r["province"], r["provinceShort"], pc,
                                     None, r["provinceAlias"], (), pk))
    _add(entries, dc, lambda: _entry(LEGACY, "huyen", r["district"], r["districtShort"], dc,
                                     r["districtType"], r["districtAlias"], (pc,), f"{pk}_{dk}"))
    _add(entries, r["wardCode"],  # island districts have no commune
         lambda: _entry(LEGACY, "xa", r["ward"], r["wardShort"], r["wardCode"], r["wardType"],
                        r["wardAlias"], (dc, pc), f"{pk}_{dk}_{r['wardKey']}"))


def _new_row(entries: dict[str, _Entry], r: dict) -> None:
    pk, pc = r["provinceKey"], r["provinceCode"]
    _add(entries, pc, lambda: _entry(NEW, "tinh", r["province"], r["provinceShort"], pc,
                                     None, r["provinceAlias"], (), pk))
    _add(entries, r["wardCode"],
         lambda: _entry(NEW, "xa", r["ward"], r["wardShort"], r["wardCode"], r["wardType"],
                        r["wardAlias"], (pc,), f"{pk}_{r['wardKey']}"))


_PROVINCE_COLUMNS = "province, provinceShort, provinceCode, provinceKey, provinceAlias"
_DISTRICT_COLUMNS = ("district, districtShort, districtType, districtCode, districtKey, "
                     "districtAlias")
_COMMUNE_COLUMNS = "ward, wardShort, wardType, wardCode, wardKey, wardAlias"
_TABLES = {
    LEGACY: ("admin_units_legacy", _legacy_row,
             f"{_PROVINCE_COLUMNS}, {_DISTRICT_COLUMNS}, {_COMMUNE_COLUMNS}"),
    NEW: ("admin_units", _new_row, f"{_PROVINCE_COLUMNS}, {_COMMUNE_COLUMNS}"),
}


@lru_cache(maxsize=None)
def _register(structure: str) -> _Register:
    rows = _snapshot(structure, lambda: [_row(e) for e in _build_register(structure).by_code.values()])
    return _index(structure, {row[2]: _from_row(structure, row) for row in rows})


@lru_cache(maxsize=None)
def _conversion() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    return _snapshot("conversion", _build_conversion)


def _row(e: _Entry) -> tuple:
    """An entry as plain values, for the snapshot."""
    u = e.unit
    return (u.name, u.short_name, u.code, u.level, e.kind, e.key, e.short_key, e.folded,
            tuple(sorted(e.aliases)), e.ancestors, e.package_key)


def _from_row(structure: str, r: tuple) -> _Entry:
    return _Entry(Unit(r[0], r[1], r[2], r[3]), r[4], r[5], r[6], r[7], frozenset(r[8]), r[9], r[10], structure)


def _snapshot(part: str, build):
    """One part of the register (the legacy structure, the 2025 structure, or the
    conversion table) as plain values, built once and kept with `marshal` in the cache
    folder (keyed by the package's files and this module), so later processes skip the
    ~0.8 s import and indexing of the package; marshal of plain tuples loads about five
    times faster than a pickle of objects. Parts load separately: a 2024 plan needs only
    the legacy structure."""
    import marshal

    path = _snapshot_path(part)
    try:
        with open(path, "rb") as handle:
            return marshal.loads(handle.read())  # loads() on bytes: load() on a file reads in small pieces
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = build()
    try:
        from ntm.safeio import atomic_write_bytes

        atomic_write_bytes(path, marshal.dumps(data))
    except (OSError, ValueError):
        pass
    return data


@lru_cache(maxsize=None)
def _snapshot_path(part: str):
    """Keyed by content (the hashes pip recorded for the package, this module's bytes), never
    mtimes: a reinstall of the same release, as in every CI run, keeps using the snapshot."""
    import hashlib
    from pathlib import Path

    from ntm.cache import default_dir, distribution_stamp, files_stamp

    digest = hashlib.blake2b(digest_size=12)
    digest.update(distribution_stamp("vietnamadminunits").encode())
    digest.update(files_stamp([__file__], Path(__file__).parent).encode())
    return Path(default_dir()) / f"units-{digest.hexdigest()}-{part}.marshal"


def _build_register(structure: str) -> _Register:
    table, add_row, columns = _TABLES[structure]
    entries: dict[str, _Entry] = {}
    for row in _query(f"SELECT {columns} FROM {table}"):
        add_row(entries, row)
    return _index(structure, entries)


def _build_conversion() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """The package's legacy→2025 table: old province key → new province key, and old
    commune key → new commune keys (default first). This is the data behind
    `vietnamadminunits.convert_address`, read directly so that a lookup can never
    reach that function's online geocoding branch."""
    from vietnamadminunits.converter import converter_2025 as conv

    provinces = {old: new for new, olds in conv.DICT_PROVINCE.items() for old in olds}
    communes: dict[str, tuple[str, ...]] = {}
    for new_province, table in conv.DICT_PROVINCE_WARD_NO_DIVIDED.items():
        for new_commune, olds in table.items():
            communes.update((old, (f"{new_province}_{new_commune}",)) for old in olds)
    for new_province, table in conv.DICT_PROVINCE_WARD_DIVIDED.items():
        for old, parts in table.items():
            ordered = sorted(parts, key=lambda part: not part["isDefaultNewWard"])
            communes[old] = tuple(f"{new_province}_{part['newWardKey']}" for part in ordered)
    return provinces, communes


@lru_cache(maxsize=4096)
def _successor_of(package_key: str) -> Successor:
    return _successor(_register(LEGACY).by_package_key[package_key])


def _successor(entry: _Entry) -> Successor:
    provinces, communes = _conversion()
    new = _register(NEW).by_package_key
    province = new[provinces[entry.package_key.split("_")[0]]].unit
    parts = [new[key].unit for key in communes.get(entry.package_key, ())]
    if entry.unit.level != "xa" or not parts:
        return Successor(commune=None, province=province)
    return Successor(commune=parts[0], province=province, also_part_of=tuple(parts[1:]))


# ----- matching -----------------------------------------------------------------------


def _exact(entries: Iterable[_Entry], name: str) -> list[_Entry]:
    """Entries whose official full or short name equals `name` (tone placement ignored).
    A written type ("xã", "TT") only breaks ties; it does not reject a match."""
    kind, words = _split_type(name)
    full, short = name_key(name), " ".join(words)
    hits = [e for e in entries if e.key == full or e.short_key in (full, short)]
    typed = [e for e in hits if e.kind == kind]
    return typed or hits


def _aliased(entries: Iterable[_Entry], name: str) -> list[_Entry]:
    _, words = _split_type(name)
    keys = {_alias_key(name), _alias_key(" ".join(words))}
    return [e for e in entries if e.aliases & keys]


def _folded(entries: Iterable[_Entry], name: str) -> list[_Entry]:
    _, words = _split_type(name)
    return [e for e in entries if e.folded == fold(" ".join(words))]


def _suggest(entries: Iterable[_Entry], name: str) -> tuple[str, ...]:
    """Up to five short official names closest to `name`, compared accent-folded."""
    _, words = _split_type(name)
    names_by_fold: dict[str, list[str]] = {}
    for e in entries:
        names_by_fold.setdefault(e.folded, []).append(e.unit.short_name)
    close = difflib.get_close_matches(fold(" ".join(words)), names_by_fold,
                                      n=MAX_SUGGESTIONS, cutoff=SUGGESTION_CUTOFF)
    names = dict.fromkeys(n for f in close for n in names_by_fold[f])
    return tuple(names)[:MAX_SUGGESTIONS]


class _ParentError(LookupError):
    pass


def _parent(entries: tuple[_Entry, ...], name: str, what: str) -> _Entry:
    """A parent is matched leniently: exact, else unique accent-folded, else unique alias."""
    for finder in (_exact, _folded, _aliased):
        hits = finder(entries, name)
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise _ParentError(f"{what} {name!r} is ambiguous: " + _describe(hits))
    hint = ", ".join(_suggest(entries, name))
    raise _ParentError(f"{what} {name!r} not found" + (f" (closest: {hint})" if hint else ""))


def _within(reg: _Register, level: str, parent: _Entry | None) -> tuple[_Entry, ...]:
    """Units of `level` under `parent` (all of them when there is no parent), from an index."""
    if parent is None:
        return reg.by_level[level]
    return _under(reg.structure, level).get(parent.unit.code, ())


@lru_cache(maxsize=None)
def _under(structure: str, level: str) -> dict[str, tuple[_Entry, ...]]:
    """Units of `level` by the code of each of their ancestors: one pass, then every lookup is a dict hit."""
    index: dict[str, list[_Entry]] = {}
    for entry in _register(structure).by_level[level]:
        for code in entry.ancestors:
            index.setdefault(code, []).append(entry)
    return {code: tuple(entries) for code, entries in index.items()}


def _scope(reg: _Register, level: str, district: str | None,
           province: str | None) -> tuple[_Entry, ...]:
    """Official units of `level` inside the given parents."""
    prov = _parent(reg.by_level["tinh"], province, "province") if province else None
    if level == "tinh":
        return reg.by_level["tinh"]
    if district and reg.structure == LEGACY and level == "xa":
        dist = _parent(_within(reg, "huyen", prov), district, "district")
        return _within(reg, level, dist)
    return _within(reg, level, prov)


def _describe(entries: Iterable[_Entry]) -> str:
    return "; ".join(_label(e) for e in entries)


def _label(entry: _Entry) -> str:
    reg = _register(entry.structure)
    parents = [reg.by_code[c].unit.name for c in entry.ancestors if c in reg.by_code]
    return ", ".join([entry.unit.name, *parents])


# ----- public API ---------------------------------------------------------------------


def _check_level(level: str) -> str:
    key = fold(level).replace(" ", "")
    if key not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    return key


def _structure(level: str, district: str | None, as_of: date | None) -> str:
    if as_of is not None:
        return LEGACY if as_of < REFORM_DATE else NEW
    return LEGACY if district or level == "huyen" else NEW


def resolve(name: str, level: str, *, district: str | None = None, province: str | None = None,
            as_of: date | None = None) -> Resolution:
    """Resolve a unit name as written in a plan to the official register.

    `level` is "tinh", "huyen" or "xa". `as_of` before 2025-07-01 selects the legacy
    structure, on or after it the 2025 structure. Without `as_of` the legacy
    structure is used when a district is given or the level is "huyen", otherwise
    the 2025 structure. In the 2025 structure `district` is ignored.
    """
    level = _check_level(level)
    return _resolve(name, level, district, province, _structure(level, district, as_of))


@lru_cache(maxsize=4096)
def _resolve(name: str, level: str, district: str | None, province: str | None,
             structure: str) -> Resolution:
    base = Resolution(query=name, level=level, structure=structure, found=False)
    if structure == NEW and level == "huyen":
        return replace(base, note="there is no district level from 2025-07-01")
    reg = _register(structure)
    try:
        scope = _scope(reg, level, district, province)
    except _ParentError as err:
        return replace(base, note=str(err))
    hits = _exact(scope, name)
    if len(hits) == 1:
        return _found(base, reg, hits[0], _split_type(name)[0])
    if hits:
        note = f"{len(hits)} units have this name; give the parent: {_describe(hits)}"
        return replace(base, suggestions=_suggest(hits, name), note=note)
    return _not_found(base, reg, scope, name, province)


def _ancestors(reg: _Register, entry: _Entry) -> dict[str, Unit]:
    units = [reg.by_code[c].unit for c in entry.ancestors]
    return {"district" if u.level == "huyen" else "province": u for u in units}


def _found(base: Resolution, reg: _Register, entry: _Entry,
           written_kind: str | None) -> Resolution:
    legacy_key = entry.package_key if reg.structure == LEGACY else None
    note = ""
    if written_kind not in (None, entry.kind):
        note = f"written as {written_kind}, officially {entry.kind}"
    return replace(base, found=True, official_name=entry.unit.name,
                   short_name=entry.unit.short_name, code=entry.unit.code,
                   legacy_key=legacy_key, note=note, **_ancestors(reg, entry))


def _not_found(base: Resolution, reg: _Register, scope: tuple[_Entry, ...], name: str,
               province: str | None) -> Resolution:
    suggestions = _suggest(scope, name)
    aliased = _aliased(scope, name)
    if len(aliased) == 1:
        entry = aliased[0]
        legacy_key = entry.package_key if reg.structure == LEGACY else None
        note = (f"not an official unit; the register lists it as an alias of {_label(entry)} "
                "(a former unit merged into it, or a variant spelling)")
        return replace(base, alias_of=entry.unit, legacy_key=legacy_key, suggestions=suggestions,
                       note=note, **_ancestors(reg, entry))
    if reg.structure == NEW:
        return _legacy_hint(replace(base, suggestions=suggestions), name, province)
    note = _elsewhere(reg, base.level, name, province)
    return replace(base, suggestions=suggestions, note=note)


def _elsewhere(reg: _Register, level: str, name: str, province: str | None) -> str:
    """Where units of this exact name are (same province first), when none is in the parent."""
    in_province = _exact(_scope(reg, level, None, province), name) if province else []
    hits = in_province or _exact(reg.by_level[level], name)
    if not hits:
        return ""
    more = f" and {len(hits) - MAX_SUGGESTIONS} more" if len(hits) > MAX_SUGGESTIONS else ""
    shown = _describe(hits[:MAX_SUGGESTIONS])
    return f"not in the given parent; units of this name: {shown}{more}"


def _legacy_hint(base: Resolution, name: str, province: str | None) -> Resolution:
    """A name missing from the 2025 structure may be a legacy unit: say what it became."""
    entries = _register(LEGACY).by_level[base.level]
    if province:
        target = _parent(_register(NEW).by_level["tinh"], province, "province").package_key
        old_to_new = _conversion()[0]
        entries = tuple(e for e in entries
                        if old_to_new[e.package_key.split("_")[0]] == target)
    hits = _exact(entries, name)
    if len(hits) != 1:
        return base
    successor = _successor(hits[0])
    target = successor.commune or successor.province
    note = (f"not in the 2025 structure; legacy unit {_label(hits[0])} "
            f"became (part of) {target.name}")
    return replace(base, legacy_key=hits[0].package_key, note=note)


def children(name: str, level: str, *, province: str | None = None,
             as_of: date | None = None) -> tuple[Unit, ...]:
    """Official units directly under a unit: the communes of a legacy district, the
    districts of a legacy province, or the communes of a 2025 province.

    Structure selection follows `resolve`. Raises LookupError when the parent is not
    an official unit (its message carries the resolver's note and suggestions).
    """
    level = _check_level(level)
    if level == "xa":
        raise ValueError("communes have no children in this register")
    parent = resolve(name, level, province=province, as_of=as_of)
    if not parent.found:
        details = [parent.note] if parent.note else []
        details += [f"closest: {', '.join(parent.suggestions)}"] if parent.suggestions else []
        raise LookupError("; ".join([f"{level} {name!r} is not an official unit", *details]))
    reg = _register(parent.structure)
    child_level = "huyen" if reg.structure == LEGACY and level == "tinh" else "xa"
    return tuple(e.unit for e in reg.by_level[child_level] if e.ancestors[0] == parent.code)


def predecessors(code: str) -> tuple[tuple[Unit, Unit | None], ...]:
    """The legacy communes that became (part of) the 2025 commune `code`, each with its
    legacy district: what a commune formed on 1 July 2025 was made of."""
    entry = _register(NEW).by_code.get(code)
    if entry is None or entry.unit.level != "xa":
        return ()
    legacy = _register(LEGACY)
    found = []
    for old_key in _merged_into().get(entry.package_key, ()):
        old = legacy.by_package_key[old_key]
        district = legacy.by_code.get(old.ancestors[0]) if old.ancestors else None
        found.append((old.unit, district.unit if district else None))
    return tuple(found)


@lru_cache(maxsize=1)
def _merged_into() -> dict[str, tuple[str, ...]]:
    """2025 commune key -> the legacy commune keys that went (in part) into it."""
    index: dict[str, list[str]] = {}
    for old_key, new_keys in _conversion()[1].items():
        for new_key in new_keys:
            index.setdefault(new_key, []).append(old_key)
    return {key: tuple(olds) for key, olds in index.items()}
