"""Deterministic corpus of NTM plan files for `make bench` (issue #7).

`generate(out, plans, seed)` writes exactly `plans` plan files that validate
clean (no error, no warning), laid out as a plans repository is:

    <out>/plans/<province-slug>/<district-slug>/<commune-slug>.yaml       commune plan, KH năm 2024
    <out>/plans/<province-slug>/<district-slug>/<commune-slug>-2023.yaml  the same commune's 2023 plan
    <out>/plans/<province-slug>/<district-slug>/huyen-<district-slug>.yaml the district plan 2021-2025
    <out>/broken/<name>.yaml                                              deliberately broken plans
    <out>/manifest.json                                                   seed, counts, digest, expected codes

Units are real: the rural communes of rural districts in the official register
ntm checks names against (vietnamadminunits, before 1 July 2025), districts in
a seeded order; past the register's 6,966 communes the corpus continues with
their 2023 plans. Commune plans are shaped like `plans/tuyen-quang/hung-my.yaml`:
19 criteria with statuses and a declared count that agrees, indicators whose
count/of/percent agree, 30-50 tasks with quantities, parts and sources, nine
funding lines adding up exactly to the stated total, legal bases, recipients,
a signature, duties, monitoring and prose; 450-500 lines (a few up to ~530).
District plans carry phasing milestones and targets that add up. Every number
is made from integers, so sums are exact. The same seed and size give
byte-identical files on any machine: each plan draws from its own
`random.Random` seeded by the corpus seed and its slug.

The broken files each carry one known defect; `BROKEN` maps them to the code
`ntm validate` must report (a wrong funding total, a percentage that
disagrees with its counts, malformed YAML, a duplicate key).

    python bench/generate.py --plans 10000 --seed 2024 --out bench/corpus/seed-2024-n10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import multiprocessing
import os
import random
import sqlite3
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vocab  # noqa: E402
import yamlout  # noqa: E402
from vocab import TaskTemplate  # noqa: E402

DEFAULT_SEED = 2024
YEAR = 2024
DISTRICT_PERIOD = (2021, 2025)
BROKEN_YEAR = YEAR + 1
LINES = (450, 500)
TASKS = (30, 50)
DISTRICT_TASKS = (20, 50)
BROKEN = {
    "sai-tong-kinh-phi": "R101",
    "sai-ty-le": "R201",
    "loi-cu-phap": "Y005",
    "trung-khoa": "Y006",
}
SOURCES = ("generate.py", "vocab.py", "yamlout.py")
# 19 districts have two communes whose names differ only by their accents (Minh Quán and Minh Quân
# in Trấn Yên, Yên Bái). ntm's R502 compares accent-folded names, so the two plans would be reported
# as one unit planned twice; the corpus keeps only the first of each pair until R502 tells them apart.
SKIPPED_HOMOGRAPHS = 19


# ----- places and people --------------------------------------------------------------


@dataclass(frozen=True)
class Province:
    name: str
    label: str
    slug: str
    region: str


@dataclass
class District:
    province: Province
    name: str
    label: str
    slug: str
    plan_slug: str
    communes: list["Commune"] = field(default_factory=list)


@dataclass
class Commune:
    name: str
    slug: str
    district: District


def slugify(name: str) -> str:
    """"Chiêm Hóa" -> "chiem-hoa"; "Bà Rịa - Vũng Tàu" -> "ba-ria-vung-tau"."""
    text = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in bare).split())


def lower_first(text: str) -> str:
    """"Huyện Chiêm Hóa" -> "huyện Chiêm Hóa", as the name reads inside a sentence."""
    return text[:1].lower() + text[1:]


def register_rows() -> list[tuple]:
    """Rural communes (xã) of rural districts (huyện) from the official register vietnamadminunits
    ships (the legacy structure, valid until 30 June 2025), in GSO code order."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("bench/generate.py needs the vietnamadminunits package (a dependency of ntm)")
    db = Path(list(spec.submodule_search_locations)[0]) / "data" / "dataset.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT province, provinceShort, district, districtShort, districtCode, wardShort, wardCode "
            "FROM admin_units_legacy WHERE districtType = 'Huyện' AND wardType = 'Xã' "
            "ORDER BY districtCode, wardCode").fetchall()


def register_districts(used: set[str]) -> list[District]:
    """Every rural district with its communes; slugs unique across the whole country."""
    regions = dict(vocab.PROVINCES)
    districts: dict[str, District] = {}
    provinces: dict[str, Province] = {}
    for p_full, p_short, d_full, d_short, d_code, w_short, _ in register_rows():
        if p_short not in regions:
            raise SystemExit(f"province {p_short!r} of the register has no region in bench/vocab.py")
        province = provinces.setdefault(p_short, Province(p_short, lower_first(p_full), slugify(p_short), regions[p_short]))
        if d_code not in districts:
            slug = slugify(d_short)
            plan_slug = unique_slug([f"huyen-{slug}", f"huyen-{slug}-{province.slug}"], used)
            districts[d_code] = District(province, d_short, lower_first(d_full), slug, plan_slug)
        district = districts[d_code]
        base = slugify(w_short)
        if any(slugify(c.name) == base for c in district.communes):
            continue  # see SKIPPED_HOMOGRAPHS
        slug = unique_slug([base, f"{base}-{district.slug}", f"{base}-{district.slug}-{province.slug}"], used)
        district.communes.append(Commune(w_short, slug, district))
    return list(districts.values())


def village_names(rng: random.Random, count: int, mountain: bool) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        if mountain:
            name = f"{rng.choice(vocab.VILLAGE_FIRST_MOUNTAIN)} {rng.choice(vocab.VILLAGE_SECOND_MOUNTAIN)}"
        else:
            name = rng.choice(vocab.VILLAGE_LOWLAND)
            name = name if name not in names else f"{name} 2"
        if name not in names:
            names.append(name)
    return names


def person(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"{rng.choice(vocab.FAMILY)} {rng.choice(vocab.MIDDLE_MALE)} {rng.choice(vocab.GIVEN_MALE)}"
    return f"{rng.choice(vocab.FAMILY)} {rng.choice(vocab.MIDDLE_FEMALE)} {rng.choice(vocab.GIVEN_FEMALE)}"


def short_date(day: dt.date) -> str:
    """Nghị định 30 style: day always two digits, month two digits only for January and February."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def unique_slug(candidates: list[str], used: set[str]) -> str:
    for slug in candidates:
        if slug not in used:
            used.add(slug)
            return slug
    n = 2
    while f"{candidates[-1]}-{n}" in used:
        n += 1
    used.add(f"{candidates[-1]}-{n}")
    return f"{candidates[-1]}-{n}"


# ----- layout: which plans, in which folders -----------------------------------------


@dataclass(frozen=True)
class Entry:
    """One file of the corpus: a district plan (commune is None) or a commune plan for `year`."""

    district: District
    commune: Commune | None
    year: int

    @property
    def slug(self) -> str:
        if self.commune is None:
            return self.district.plan_slug
        return self.commune.slug if self.year == YEAR else f"{self.commune.slug}-{self.year}"

    @property
    def path(self) -> str:
        d = self.district
        return f"plans/{d.province.slug}/{d.slug}/{self.slug}.yaml"


def layout(plans: int, districts: list[District], seed: int) -> list[Entry]:
    """Districts in a seeded order, each with its plan and its communes' 2024 plans; past that,
    the same communes' 2023 plans (then 2022…), until `plans` files."""
    order = list(districts)
    random.Random(f"ntm-bench:{seed}:layout").shuffle(order)
    entries: list[Entry] = []
    year = YEAR
    while len(entries) < plans:
        for d in order:
            if year == YEAR:
                entries.append(Entry(d, None, YEAR))
            entries.extend(Entry(d, c, year) for c in d.communes)
            if len(entries) >= plans:
                break
        year -= 1
    return entries[:plans]


# ----- numbers ------------------------------------------------------------------------


def units(n: int, places: int) -> Decimal:
    """`n` hundredths (places=2), tenths (1) or units (0) as an exact Decimal."""
    return Decimal(n).scaleb(-places) if places else Decimal(n)


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` as `parts` positive integers (fewer if total is smaller)."""
    parts = max(1, min(parts, total))
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    edges = [0, *cuts, total]
    return [b - a for a, b in zip(edges, edges[1:])]


def ratio(count, of, places: int = 1, label: str | None = None, unit: str | None = None) -> dict:
    """A figure whose printed percentage is count/of rounded half-up to `places`."""
    percent = (Decimal(count) * 100 / Decimal(of)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    figure = {"label": label} if label else {}
    figure.update(count=count, of=of, percent=percent)
    if unit:
        figure["unit"] = unit
    return figure


def money(rng: random.Random, low: int, high: int) -> Decimal:
    """An amount in triệu đồng, to one decimal place, written as an integer when it is one."""
    tenths = rng.randint(low * 10, high * 10)
    return Decimal(tenths // 10) if tenths % 10 == 0 else units(tenths, 1)


def funding(rng: random.Random, lines_spec) -> dict:
    lines = [{"source": key, "label": label, "amount": money(rng, low, high)} for key, label, low, high in lines_spec]
    total = sum((line["amount"] for line in lines), Decimal(0))
    return {"unit": "triệu đồng", "total": total, "lines": lines}


def vn_number(value) -> str:
    """8321.7 -> "8.321,7"; 1413 -> "1.413" (Vietnamese separators, as plans print numbers)."""
    whole, _, frac = format(Decimal(value), "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{frac}" if frac else grouped


# ----- a commune plan -----------------------------------------------------------------


@dataclass
class CommuneFacts:
    """What one commune's plan says about itself; drawn once, used by several parts of the plan."""

    commune: Commune
    slug: str
    year: int
    rng: random.Random
    villages: list[str]
    households: int
    unmet: list[str]
    adds: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def names(self) -> dict:
        d = self.commune.district
        return {"xa": self.commune.name, "huyen": d.name, "huyen_label": d.label, "tinh": d.province.name,
                "tinh_label": d.province.label, "year": self.year}


def commune_facts(entry: Entry, seed: int, slug: str | None = None) -> CommuneFacts:
    slug = slug or entry.slug
    rng = random.Random(f"ntm-bench:{seed}:{slug}")
    mountain = entry.district.province.region in vocab.MOUNTAIN_REGIONS
    villages = village_names(rng, rng.randint(6, 16), mountain)
    households = rng.randint(600, 2600)
    unmet = [] if rng.random() < 0.55 else sorted(rng.sample(vocab.HARD_CRITERIA, rng.randint(1, 5)), key=int)
    return CommuneFacts(entry.commune, slug, entry.year, rng, villages, households, unmet)


def commune_plan(facts: CommuneFacts) -> dict:
    rng, n, year = facts.rng, facts.names, facts.year
    plan = yamlout.Commented(above=(
        f"Kế hoạch thực hiện Chương trình MTQG xây dựng NTM năm {year} của Ban Chỉ đạo xã {n['xa']} "
        f"({n['huyen_label']}, {n['tinh_label']}).",
        "Tệp sinh tự động để đo hiệu năng (bench/generate.py): tên đơn vị theo danh mục chính thức, số liệu giả định.",
    ), keys={"assessments": (f"Mục II.1: hiện trạng các tiêu chí đến hết năm {year - 1}.",),
             "tasks": (f"Mục II.2: kế hoạch củng cố, nâng cao chất lượng các tiêu chí năm {year}.",)})
    plan.update({
        "schema_version": 1,
        "slug": facts.slug,
        "unit": commune_unit(facts),
        "criteria_set": "xa-ntm-2021-2025",
        "period": {"start": year, "end": year},
        "baseline_as_of": dt.date(year - 1, 12, 31),
        "document": commune_document(facts),
        "recognitions": [recognition(rng, year)] if not facts.unmet else [],
        "assessments": [commune_assessment(facts)],
        "tasks": [],
        "funding": funding(rng, vocab.COMMUNE_FUNDING),
        "duties": [{"body": b, "text": t, "criteria": c} for b, t, c in rng.sample(vocab.DUTY_BODIES, 4)],
        "monitoring": commune_monitoring(year),
        "sections": commune_sections(n),
    })
    candidates = commune_task_candidates(facts, plan["funding"])
    fit_tasks(plan, candidates, rng, TASKS, vocab.CRITERIA)
    return plan


def commune_unit(facts: CommuneFacts) -> dict:
    d = facts.commune.district
    unit = {"level": "xa", "name": facts.commune.name, "district": d.name, "province": d.province.name,
            "region": d.province.region}
    if d.province.region in vocab.MOUNTAIN_REGIONS and facts.rng.random() < 0.3:
        unit["special_difficulty"] = True
    return unit


def recognition(rng: random.Random, year: int) -> dict:
    recognised = rng.randint(2015, year - 1)
    decided = dt.date(recognised, rng.randint(9, 12), rng.randint(1, 28))
    return {"standard": "xa_ntm", "year": recognised, "decision": f"{rng.randint(100, 2500)}/QĐ-UBND",
            "decision_date": decided}


def commune_document(facts: CommuneFacts) -> dict:
    rng, n, year = facts.rng, facts.names, facts.year
    issued = dt.date(year, 1, 25) + dt.timedelta(days=rng.randint(0, 66))
    return {
        "kind": "KH",
        "number": f"{rng.randint(1, 30):02d}/KH-BCĐ",
        "issuer": f"Ban Chỉ đạo Chương trình mục tiêu quốc gia xây dựng nông thôn mới xã {n['xa']}",
        "place": n["xa"],
        "date": issued,
        "title": f"Thực hiện Chương trình Mục tiêu quốc gia xây dựng nông thôn mới năm {year}, xã {n['xa']}, "
                 f"{n['huyen_label']}, {n['tinh_label']}",
        "legal_bases": commune_legal_bases(facts),
        "recipients": [r.format(**n) for r in vocab.RECIPIENTS],
        "archive": "BCĐ",
        "signature": {
            "authority": [{"form": "TM", "of": "BAN CHỈ ĐẠO XÃ"}, {"form": "KT", "of": "TRƯỞNG BAN"}],
            "title": "PHÓ BAN",
            "position": "Chủ tịch UBND xã",
            "name": person(rng),
        },
    }


def basis(text: str, kind: str, number: str | None, date: dt.date, issuer: str, verb: str = "Căn cứ") -> dict:
    entry = {"text": text, "kind": kind}
    if number is not None:
        entry["number"] = number
    entry.update(date=date, issuer=issuer)
    if verb != "Căn cứ":
        entry["verb"] = verb
    return entry


def commune_legal_bases(facts: CommuneFacts) -> list[dict]:
    rng, n, year = facts.rng, facts.names, facts.year
    province_date = dt.date(2022, rng.randint(4, 12), rng.randint(1, 28))
    province_no = f"{rng.randint(100, 1500)}/QĐ-UBND"
    capital_date = dt.date(year, 1, rng.randint(2, 20))
    capital_no = f"{rng.randint(1, 60):02d}/QĐ-UBND"
    works_date = dt.date(year - 1, 12, rng.randint(15, 31))
    works_no = f"{rng.randint(300, 900)}/QĐ-UBND"
    party_date = dt.date(2020, rng.randint(8, 12), rng.randint(1, 28))
    party_no = f"{rng.randint(1, 20):02d}-NQ/ĐU"
    return [
        basis("Căn cứ Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ ban hành Bộ tiêu chí quốc gia "
              "về xã nông thôn mới và Bộ tiêu chí quốc gia về xã nông thôn mới nâng cao giai đoạn 2021 - 2025;",
              "QĐ", "318/QĐ-TTg", dt.date(2022, 3, 8), "Thủ tướng Chính phủ"),
        basis("Căn cứ Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ phê duyệt Chương trình mục tiêu "
              "quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025;",
              "QĐ", "263/QĐ-TTg", dt.date(2022, 2, 22), "Thủ tướng Chính phủ"),
        basis(f"Căn cứ Quyết định số {province_no} ngày {short_date(province_date)} của UBND {n['tinh_label']} ban hành "
              f"một số chỉ tiêu xã nông thôn mới và xã nông thôn mới nâng cao {n['tinh_label']}, giai đoạn 2021 - 2025;",
              "QĐ", province_no, province_date, f"UBND {n['tinh_label']}"),
        basis(f"Căn cứ Quyết định số {capital_no} ngày {short_date(capital_date)} của UBND {n['huyen_label']} về việc "
              f"giao kế hoạch vốn ngân sách nhà nước thực hiện các Chương trình mục tiêu quốc gia năm {year};",
              "QĐ", capital_no, capital_date, f"UBND {n['huyen_label']}"),
        basis(f"Căn cứ Quyết định số {works_no} ngày {short_date(works_date)} của UBND {n['huyen_label']} phê duyệt "
              f"kế hoạch đầu tư xây dựng các công trình sử dụng vốn ngân sách huyện năm {year};",
              "QĐ", works_no, works_date, f"UBND {n['huyen_label']}"),
        basis(f"Thực hiện Nghị quyết số {party_no} ngày {short_date(party_date)} của Ban Chấp hành Đảng bộ xã {n['xa']} "
              f"về xây dựng xã {n['xa']} đạt chuẩn nông thôn mới nâng cao đến năm 2025;",
              "NQ", party_no, party_date, f"Ban Chấp hành Đảng bộ xã {n['xa']}", verb="Thực hiện"),
    ]


def commune_assessment(facts: CommuneFacts) -> dict:
    met = 19 - len(facts.unmet)
    criteria = {}
    for code, name in vocab.CRITERIA.items():
        status = "not_met" if code in facts.unmet else "met"
        criteria[code] = {"status": status, "as_written": vocab.CRITERIA_AS_WRITTEN.get(code, name)}
    return {
        "as_of": dt.date(facts.year - 1, 12, 31),
        "criteria_set": "xa-ntm-2021-2025",
        "declared": {"met": met, "unmet": len(facts.unmet), "total": 19},
        "criteria": criteria,
        "indicators": commune_indicators(facts),
    }


def share(rng: random.Random, of: int, low: float, high: float) -> int:
    return max(1, min(of - 1, int(of * rng.uniform(low, high))))


def progress(facts: CommuneFacts, of: int, low: float, high: float, label: str, key: str, unit: str) -> tuple:
    """A measured count of `of` and the target after this year's additions (kept in facts under `key`)."""
    rng = facts.rng
    count = share(rng, of, low, high)
    add = max(1, min(of - count, rng.randint(of // 60 + 1, of // 20 + 2)))
    facts.adds[key] = add
    now = ratio(count, of, label=label, unit=unit)
    facts.notes[key] = f"Hiện trạng {vn_number(count)}/{vn_number(of)} {unit} đạt {vn_number(now['percent'])}%."
    return now, ratio(count + add, of, label=label, unit=unit)


def commune_indicators(facts: CommuneFacts) -> dict:
    rng, h = facts.rng, facts.households
    road_of = rng.randint(80, 400)
    road_count = share(rng, road_of, 0.6, 0.92)
    road_add = max(1, min(road_of - road_count, rng.randint(3, 25)))
    road = "Đường trục thôn, liên thôn được cứng hóa"
    poor = share(rng, h, 0.02, 0.18)
    facts.adds["poor"] = min(poor, rng.randint(10, 45))
    livestock = share(rng, h, 0.45, 0.7)
    return {
        "2.2": {"targets": [ratio(units(road_count + road_add, 1), units(road_of, 1), label=road, unit="km")]},
        "3.1": {"measures": [{"label": "Diện tích đất sản xuất nông nghiệp được tưới và tiêu nước chủ động",
                              "percent": units(rng.randint(820, 950), 1)}],
                "targets": [{"percent": Decimal(83), "qualifier": "at_least"}]},
        "10": {"targets": [{"label": "Thu nhập bình quân đầu người trên địa bàn xã",
                            "value": Decimal(rng.randint(40, 60)), "unit": "triệu đồng/người/năm"}]},
        "11": {"measures": [ratio(poor, h, 2, label="Hộ nghèo đa chiều", unit="hộ")],
               "targets": [ratio(poor - facts.adds["poor"], h, 2, label="Hộ nghèo đa chiều", unit="hộ")]},
        "14.2": {"targets": [{"label": "Học sinh tốt nghiệp THCS được tiếp tục học trung học", "percent": Decimal(90),
                              "qualifier": "over"}]},
        "17.8": sanitation(facts, h, livestock),
    }


def sanitation(facts: CommuneFacts, households: int, livestock: int) -> dict:
    """Four measured shares under 17.8, as Hùng Mỹ writes them (livestock pens counted among breeding households)."""
    measures = []
    for key, label, of, unit, low, high in (
            ("nhà tiêu", "Nhà tiêu hợp vệ sinh", households, "hộ", 0.75, 0.95),
            ("nhà tắm", "Nhà tắm hợp vệ sinh", households, "hộ", 0.7, 0.9),
            ("3 sạch", "Hộ đảm bảo 3 sạch", households, "hộ", 0.65, 0.88),
            ("chuồng", "Chuồng gia súc hợp vệ sinh", livestock, "hộ chăn nuôi", 0.7, 0.92)):
        measures.append(progress(facts, of, low, high, label, key, unit)[0])
    return {"measures": measures}


def commune_monitoring(year: int) -> list[dict]:
    return [
        {"text": "Ban Chỉ đạo xã kiểm điểm, đánh giá tiến độ thực hiện công việc của các thành viên Ban Chỉ đạo.",
         "frequency": ["monthly"], "day_of_month": 22, "by": "Ban Chỉ đạo xã"},
        {"text": f"Báo cáo đánh giá kết quả thực hiện Chương trình năm {year}.", "frequency": ["once"],
         "by": "Công chức Địa chính - Xây dựng", "to": "Ban Chỉ đạo NTM huyện", "due": dt.date(year, 12, 15)},
    ]


def prose(lines: list[str], names: dict) -> str:
    """Paragraphs separated by a blank line, as a literal block keeps them."""
    return "\n\n".join(line.format(**names) for line in lines)


def commune_sections(names: dict) -> dict:
    return {
        "preamble": f"Ban Chỉ đạo Chương trình mục tiêu quốc gia xây dựng nông thôn mới xã {names['xa']} xây dựng "
                    f"kế hoạch thực hiện năm {names['year']}, cụ thể như sau:",
        "purpose": prose(vocab.PURPOSE, names),
        "requirements": prose(vocab.REQUIREMENTS[:3], names),
        "solutions": [{"title": t, "body": b.replace("\n", "\n\n")} for t, b in vocab.SOLUTIONS[:2]],
        "organisation": prose(vocab.ORGANISATION, names),
        "closing": f"Trên đây là kế hoạch triển khai thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới "
                   f"xã {names['xa']} năm {names['year']}./.",
    }


# ----- tasks --------------------------------------------------------------------------


@dataclass
class TaskContext:
    """What a task template is filled from: names, places to split over, funding keys, planned additions."""

    rng: random.Random
    names: dict
    places: list[str]
    sources: list[str]
    adds: dict
    notes: dict
    amounts: tuple[int, int]
    indicators: frozenset[str] | None = None


def build_task(t: TaskTemplate, ctx: TaskContext) -> dict:
    """A task as plan authors write it: criterion, what, quantity; the other fields only sometimes."""
    rng = ctx.rng
    place = rng.choice(ctx.places)
    fill = {**ctx.names, "thon": place.removeprefix("thôn ")}
    task = {"criterion": t.criterion}
    known = ctx.indicators is None or t.indicator in ctx.indicators
    if "." in (t.indicator or "") and known and rng.random() < 0.4 or t.shape == "target":
        task["indicator"] = t.indicator
    task["what"] = t.what.format(**fill)
    task.update(SHAPES[t.shape](t, ctx, place))
    if "quantity" in task and rng.random() < 0.3:
        task["sources"] = sorted(rng.sample(ctx.sources, rng.randint(1, 2)), key=ctx.sources.index)
        if rng.random() < 0.3:
            task["amount"] = money(rng, *ctx.amounts)
    if rng.random() < 0.15:
        task["responsible"] = t.responsible.format(**fill)
    if rng.random() < 0.1:
        task["deadline"] = rng.choice(vocab.DEADLINES).format(year=ctx.names["year"])
    return task


def _plain(t, ctx, place) -> dict:
    return {"where": place} if "{thon}" in t.what else {}


def _single(t, ctx, place) -> dict:
    out = {"where": place} if "{thon}" in t.what else {}
    return {**out, "quantity": units(ctx.rng.randint(t.low, t.high), t.places), "unit": t.unit}


def _parts(t, ctx, place) -> dict:
    """Split over 2-3 places (villages or communes), each part paid from one source; else one place."""
    rng = ctx.rng
    total = rng.randint(t.low, t.high)
    if rng.random() < 0.7:
        return {"where": place, "quantity": units(total, t.places), "unit": t.unit}
    where = rng.sample(ctx.places, min(len(ctx.places), rng.randint(2, 3)))
    pieces = split(total, len(where), rng)
    parts = [{"where": w, "quantity": units(q, t.places), "source": rng.choice(ctx.sources)}
             for w, q in zip(where, pieces)]
    return {"quantity": units(sum(pieces), t.places), "unit": t.unit, "parts": parts}


def _villages(t, ctx, place) -> dict:
    """One or two items in each of several villages ("Thôn Bàu: 01 loa, thôn Dõm: 02 loa")."""
    rng = ctx.rng
    count = min(len(ctx.places), rng.randint(max(1, t.low // 2), max(1, t.high // 2)))
    parts = [{"where": w, "quantity": rng.randint(1, 2) if t.unit == "chiếc" else 1}
             for w in rng.sample(ctx.places, count)]
    return {"quantity": sum(p["quantity"] for p in parts), "unit": t.unit, "parts": parts}


def _labels(t, ctx, place) -> dict:
    rng = ctx.rng
    total = ctx.adds["poor"] if t.criterion == "11" else rng.randint(t.low, t.high)
    pieces = split(total, len(t.labels), rng)
    parts = [{"label": label[:1].upper() + label[1:], "quantity": units(q, t.places)} for label, q in zip(t.labels, pieces)]
    return {"quantity": units(sum(pieces), t.places), "unit": t.unit, "parts": parts}


def _subset(t, ctx, place) -> dict:
    rng = ctx.rng
    total = rng.randint(t.low, t.high)
    label = t.labels[0][:1].upper() + t.labels[0][1:]
    return {"quantity": total, "unit": t.unit, "of_which": [{"label": label, "quantity": rng.randint(1, total)}]}


def _target(t, ctx, place) -> dict:
    key = next(k for k in ("nhà tiêu", "nhà tắm", "3 sạch", "chuồng") if k in t.what)
    return {"quantity": ctx.adds[key], "unit": t.unit, "note": ctx.notes[key]}


SHAPES = {"plain": _plain, "single": _single, "parts": _parts, "villages": _villages, "labels": _labels,
          "subset": _subset, "target": _target, "communes": _parts}


def task_candidates(templates: list[TaskTemplate], repeatable: tuple[str, ...], rng: random.Random,
                    limit: int) -> list[TaskTemplate]:
    """One template per criterion first, then the others, then repeats: the first k make a plan of k tasks."""
    by_criterion: dict[str, list[TaskTemplate]] = {}
    for t in templates:
        by_criterion.setdefault(t.criterion, []).append(t)
    first = [rng.choice(ts) for ts in by_criterion.values()]
    rest = [t for t in templates if t not in first]
    rng.shuffle(rest)
    again = [t for t in templates if t.indicator in repeatable]
    picked = first + rest
    while len(picked) < limit:
        picked.append(rng.choice(again))
    return picked[:limit]


def commune_task_candidates(facts: CommuneFacts, fund: dict) -> list[dict]:
    ctx = TaskContext(facts.rng, facts.names, [f"thôn {v}" for v in facts.villages],
                      [line["source"] for line in fund["lines"]], facts.adds, facts.notes, (20, 1500))
    chosen = task_candidates(vocab.COMMUNE_TASKS, vocab.REPEATABLE, facts.rng, TASKS[1])
    return [build_task(t, ctx) for t in chosen]


def fit_tasks(plan: dict, candidates: list[dict], rng: random.Random, bounds: tuple[int, int],
              criteria: dict[str, str]) -> None:
    """Keep as many tasks (within `bounds`) as bring the plan to a length drawn in 450-500 lines,
    in criterion order, with a comment line above the first task of each criterion."""
    target = rng.randint(LINES[0] + 5, LINES[1] - 5)
    lines = len(yamlout.dump(plan).splitlines())
    seen: set[str] = set()
    kept = []
    for i, task in enumerate(candidates):
        more = len(yamlout.item_lines(task, 2)) + (task["criterion"] not in seen)
        if i >= bounds[0] and lines + more > target:
            continue
        lines += more
        seen.add(task["criterion"])
        kept.append(task)
    order = {id(t): i for i, t in enumerate(candidates)}
    kept.sort(key=lambda t: (int(t["criterion"]), order[id(t)]))
    plan["tasks"] = [commented_task(t, i == 0 or t["criterion"] != kept[i - 1]["criterion"], criteria)
                     for i, t in enumerate(kept)]


def commented_task(task: dict, first: bool, criteria: dict[str, str]) -> dict:
    code = task["criterion"]
    return yamlout.Commented(task, above=(f"Tiêu chí số {code} ({criteria[code]})",) if first else ())


# ----- a district plan ----------------------------------------------------------------


def district_plan(district: District, seed: int) -> dict:
    rng = random.Random(f"ntm-bench:{seed}:{district.plan_slug}")
    start, end = DISTRICT_PERIOD
    names = {"huyen": district.name, "huyen_label": district.label, "tinh": district.province.name,
             "tinh_label": district.province.label, "year": end, "xa": district.communes[0].name}
    phasing, targets = district_phasing(district, rng)
    plan = yamlout.Commented(above=(
        f"Kế hoạch thực hiện Chương trình MTQG xây dựng NTM {district.label} ({district.province.label}) "
        f"giai đoạn {start}-{end}.",
        "Tệp sinh tự động để đo hiệu năng (bench/generate.py): tên đơn vị theo danh mục chính thức, số liệu giả định.",
    ), keys={"phasing": ("Lộ trình xã đạt chuẩn nâng cao, kiểu mẫu theo năm; chỉ tiêu ở `targets` cộng lại khớp.",)})
    plan.update({
        "schema_version": 1,
        "slug": district.plan_slug,
        "unit": {"level": "huyen", "name": district.name, "province": district.province.name,
                 "region": district.province.region},
        "criteria_set": "huyen-ntm-2021-2025",
        "period": {"start": start, "end": end},
        "baseline_as_of": dt.date(start, 6, 30),
        "document": district_document(district, rng, names),
        "recognitions": [{"standard": "xa_ntm", "year": start - 1, "units": "all",
                          "note": "100% số xã đạt chuẩn nông thôn mới"}],
        "assessments": [district_assessment(rng)],
        "tasks": [],
        "funding": funding(rng, vocab.DISTRICT_FUNDING),
        "phasing": phasing,
        "targets": targets,
        "goals": district_goals(rng),
        "duties": [{"body": b, "text": t, "criteria": c} for b, t, c in vocab.DISTRICT_DUTY_BODIES],
        "monitoring": district_monitoring(),
        "sections": district_sections(names),
    })
    candidates = district_task_candidates(district, rng, names, plan["funding"])
    fit_tasks(plan, candidates, rng, DISTRICT_TASKS, vocab.DISTRICT_CRITERIA)
    return plan


def district_document(district: District, rng: random.Random, names: dict) -> dict:
    issued = dt.date(2021, 11, 1) + dt.timedelta(days=rng.randint(0, 55))
    province_date = dt.date(2021, rng.randint(8, 10), rng.randint(1, 28))
    province_no = f"{rng.randint(50, 300)}/KH-UBND"
    party_date = dt.date(2020, rng.randint(7, 9), rng.randint(1, 28))
    return {
        "kind": "KH",
        "number": f"{rng.randint(100, 400)}/KH-UBND",
        "issuer": f"Ủy ban nhân dân {district.label}",
        "place": district.name,
        "date": issued,
        "title": f"Thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới {district.label} giai đoạn 2021 - 2025",
        "legal_bases": [
            basis("Căn cứ Nghị quyết số 25/2021/QH15 ngày 28/7/2021 của Quốc hội phê duyệt chủ trương đầu tư Chương trình "
                  "mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025;",
                  "NQ", "25/2021/QH15", dt.date(2021, 7, 28), "Quốc hội"),
            basis("Căn cứ Quyết định số 1689/QĐ-TTg ngày 11/10/2021 của Thủ tướng Chính phủ ban hành Kế hoạch thực hiện "
                  "Nghị quyết số 25/2021/QH15 của Quốc hội;",
                  "QĐ", "1689/QĐ-TTg", dt.date(2021, 10, 11), "Thủ tướng Chính phủ"),
            basis(f"Căn cứ Kế hoạch số {province_no} ngày {short_date(province_date)} của UBND {names['tinh_label']} "
                  f"thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025;",
                  "KH", province_no, province_date, f"UBND {names['tinh_label']}"),
            basis(f"Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ {district.label} nhiệm kỳ 2020 - 2025;",
                  "NQ", None, party_date, f"Đảng bộ {district.label}", verb="Thực hiện"),
        ],
        "electronic_recipients": [r.format(**names) for r in vocab.DISTRICT_RECIPIENTS],
        "archive": "VT, NN&PTNT",
        "signature": {
            "authority": [{"form": "TM", "of": "ỦY BAN NHÂN DÂN"}, {"form": "KT", "of": "CHỦ TỊCH"}],
            "title": "PHÓ CHỦ TỊCH",
            "name": person(rng),
        },
    }


def district_assessment(rng: random.Random) -> dict:
    """The district's own criteria (QĐ 320); a met criterion 2 has every district road hard-surfaced (2.1 = 100%)."""
    met = rng.randint(6, 9)
    unmet = set(rng.sample(sorted(vocab.DISTRICT_CRITERIA, key=int), 9 - met))
    criteria = {code: {"status": "not_met" if code in unmet else "met", "as_written": name}
                for code, name in vocab.DISTRICT_CRITERIA.items()}
    roads = rng.randint(800, 2400)
    done = roads if "2" not in unmet else share(rng, roads, 0.7, 0.95)
    return {
        "as_of": dt.date(DISTRICT_PERIOD[0], 6, 30),
        "criteria_set": "huyen-ntm-2021-2025",
        "declared": {"met": met, "unmet": 9 - met, "total": 9},
        "criteria": criteria,
        "indicators": {"2.1": {"measures": [ratio(units(done, 1), units(roads, 1), unit="km",
                                                  label="Đường huyện được nhựa hóa, bê tông hóa")]}},
    }


def district_phasing(district: District, rng: random.Random) -> tuple[list[dict], list[dict]]:
    """Communes reaching nâng cao (and some of them kiểu mẫu, later) by year, and the targets that count them."""
    names = [c.name for c in district.communes]
    years = list(range(DISTRICT_PERIOD[0], DISTRICT_PERIOD[1] + 1))
    advanced = rng.sample(names, max(1, round(len(names) * rng.uniform(0.3, 0.6))))
    nc_year = {n: rng.choice(years) for n in advanced}
    model = [n for n in advanced if rng.random() < 0.35]
    km_year = {n: rng.randint(nc_year[n], years[-1]) for n in model}
    phasing = []
    for year in years:
        for standard, chosen in (("xa_nang_cao", nc_year), ("xa_kieu_mau", km_year)):
            units_ = [n for n in names if chosen.get(n) == year]
            if units_:
                phasing.append({"standard": standard, "year": year, "units": units_})
    targets = [{"standard": "xa_nang_cao", "what": "xã đạt chuẩn nông thôn mới nâng cao",
                **ratio(len(advanced), len(names)), "by_year": by_year(nc_year)}]
    if model:
        targets.append({"standard": "xa_kieu_mau", "what": "xã đạt chuẩn nông thôn mới kiểu mẫu", "count": len(model),
                        "by_year": by_year(km_year)})
    villages = rng.randint(10, 45)
    targets.append({"standard": "thon_kieu_mau", "what": "thôn đạt chuẩn thôn nông thôn mới kiểu mẫu", "count": villages,
                    "by_year": dict(zip(years, split_any(villages, len(years), rng)))})
    targets.append({"standard": "xa_ntm", "what": "xã duy trì đạt chuẩn Bộ tiêu chí xã nông thôn mới",
                    **ratio(len(names), len(names)), "scope": "duy trì"})
    return phasing, targets


def by_year(years: dict[str, int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for year in sorted(years.values()):
        counts[year] = counts.get(year, 0) + 1
    return counts


def split_any(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` over `parts` non-negative integers."""
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    edges = [0, *cuts, total]
    return [b - a for a, b in zip(edges, edges[1:])]


def district_goals(rng: random.Random) -> list[dict]:
    end = DISTRICT_PERIOD[1]
    return [
        {"text": "Thu nhập bình quân đầu người khu vực nông thôn", "criterion": "6", "value": Decimal(rng.randint(45, 65)),
         "unit": "triệu đồng/người/năm", "year": end},
        {"text": "Tỷ lệ hộ nghèo đa chiều", "value": units(rng.randint(20, 90), 1), "unit": "%", "qualifier": "under",
         "year": end},
        {"text": "Sản phẩm OCOP đạt từ 3 sao trở lên", "criterion": "6", "value": Decimal(rng.randint(8, 30)),
         "unit": "sản phẩm", "qualifier": "at_least", "year": end},
    ]


def district_monitoring() -> list[dict]:
    return [
        {"text": "Các xã báo cáo tiến độ thực hiện Chương trình.", "frequency": ["quarterly"], "by": "UBND các xã",
         "to": "Phòng Nông nghiệp và PTNT"},
        {"text": "Sơ kết, tổng kết thực hiện Chương trình.", "frequency": ["yearly"], "by": "UBND huyện",
         "to": "Văn phòng Điều phối nông thôn mới tỉnh"},
    ]


def district_sections(names: dict) -> dict:
    return {
        "purpose": prose(vocab.DISTRICT_PURPOSE, names),
        "requirements": prose(vocab.DISTRICT_REQUIREMENTS, names),
        "solutions": [{"title": t, "body": b.replace("\n", "\n\n")} for t, b in vocab.DISTRICT_SOLUTIONS],
        "organisation": prose(vocab.DISTRICT_ORGANISATION, names),
    }


def district_task_candidates(district: District, rng: random.Random, names: dict, fund: dict) -> list[dict]:
    ctx = TaskContext(rng, names, [f"xã {c.name}" for c in district.communes],
                      [line["source"] for line in fund["lines"]], {}, {}, (500, 30000), frozenset({"2.1", "2.2"}))
    chosen = task_candidates(vocab.DISTRICT_TASKS, vocab.DISTRICT_REPEATABLE, rng, DISTRICT_TASKS[1])
    return [build_task(t, ctx) for t in chosen]


# ----- broken plans -------------------------------------------------------------------


def broken_texts(district: District, seed: int) -> dict[str, str]:
    """Four commune plans for BROKEN_YEAR (so no clean plan shares their unit and period),
    each with one known defect (see BROKEN)."""
    texts = {}
    for name, commune in zip(BROKEN, district.communes):
        plan = commune_plan(commune_facts(Entry(district, commune, BROKEN_YEAR), seed, slug=name))
        if name == "sai-tong-kinh-phi":
            plan["funding"]["total"] += Decimal(10)
        if name == "sai-ty-le":
            plan["assessments"][0]["indicators"]["17.8"]["measures"][0]["percent"] += Decimal("0.5")
        text = render(plan)
        if name == "loi-cu-phap":
            text = _replace_once(text, "\n  title: ", "\n  title: [")
        if name == "trung-khoa":
            line = next(x for x in text.splitlines() if x.startswith("  place: "))
            text = _replace_once(text, line + "\n", line + "\n" + line + "\n")
        texts[name] = text
    return texts


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise AssertionError(f"expected one {old!r} in the plan")
    return text.replace(old, new)


# ----- writing ------------------------------------------------------------------------


def render(plan: dict) -> str:
    return unicodedata.normalize("NFC", yamlout.dump(plan))


def source_digest() -> str:
    """Changes whenever the generator changes, so an old corpus is never reused by mistake."""
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


def plan_text(entry: Entry, seed: int) -> str:
    if entry.commune is None:
        return render(district_plan(entry.district, seed))
    return render(commune_plan(commune_facts(entry, seed)))


def generate(out: Path, plans: int, seed: int = DEFAULT_SEED, jobs: int | None = None) -> dict:
    """Write the corpus under `out` and return its manifest (also written as manifest.json)."""
    if plans < 1:
        raise ValueError("a corpus has at least one plan")
    used = set(BROKEN)
    districts = register_districts(used)
    entries = layout(plans, districts, seed)
    digest = hashlib.sha256()
    lines = []
    with multiprocessing.get_context("fork").Pool(jobs or os.cpu_count() or 1) as pool:
        texts = pool.imap(partial(plan_text, seed=seed), entries, chunksize=32)
        for entry, text in zip(entries, texts):
            write(out / entry.path, text, digest, entry.path)
            lines.append(text.count("\n"))
    for name, text in broken_texts(entries[0].district, seed).items():
        write(out / "broken" / f"{name}.yaml", text, digest, f"broken/{name}.yaml")
    manifest = {
        "generator": source_digest(), "seed": seed, "plans": plans,
        "district_plans": sum(e.commune is None for e in entries),
        "commune_plans": {str(y): sum(e.commune is not None and e.year == y for e in entries)
                          for y in sorted({e.year for e in entries}, reverse=True)},
        "lines": {"min": min(lines), "max": max(lines), "mean": round(sum(lines) / len(lines), 1)},
        "broken": {f"broken/{name}.yaml": [code] for name, code in BROKEN.items()},
        "digest": digest.hexdigest(),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def write(path: Path, text: str, digest, rel: str) -> None:
    data = text.encode("utf-8")
    digest.update(rel.encode() + b"\0" + data + b"\0")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a deterministic corpus of NTM plan files.")
    parser.add_argument("--plans", type=int, default=1000, help="number of clean plan files (default 1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True, help="empty or new folder")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.plans, args.seed)
    print(json.dumps(manifest, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
