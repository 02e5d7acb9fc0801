"""`ntm fmt`: one canonical layout, the same data, comments kept, nothing written unsafely."""

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm.fmt import format_paths, format_text
from ntm.loader import load_plan_text
from ntm.rules.examples import MINIMAL_PLAN
from ntm.yamlio import load_text, resolve_plain

REPO = Path(__file__).resolve().parents[1]

MESSY = """\
# yaml-language-server: $schema=../../schema/plan.schema.json
slug: vi-du
# Văn bản
document: {kind: KH, title: Kế hoạch ví dụ, date: 2024-02-22}

# Nguồn vốn
funding:
    total: 215.5
    lines:
    -   source: ngan_sach_tinh   # tỉnh
        amount: 135.0
    - {source: ctmtqg_ntm, amount: 80.5}
schema_version: 1
unit: {level: xa, name: Hùng Mỹ, district: Chiêm Hóa, province: Tuyên Quang, region: TDMNPB}
criteria_set: xa-ntm-2021-2025
period: {start: 2024, end: 2024}
# cuối tệp
"""

CANONICAL = """\
# yaml-language-server: $schema=../../schema/plan.schema.json
schema_version: 1
slug: vi-du
unit: {level: xa, name: Hùng Mỹ, district: Chiêm Hóa, province: Tuyên Quang, region: TDMNPB}
criteria_set: xa-ntm-2021-2025
period: {start: 2024, end: 2024}
# Văn bản
document: {kind: KH, title: Kế hoạch ví dụ, date: 2024-02-22}

# Nguồn vốn
funding:
  total: 215.5
  lines:
    - source: ngan_sach_tinh     # tỉnh
      amount: 135.0
    - {source: ctmtqg_ntm, amount: 80.5}
# cuối tệp
"""


def test_canonical_layout_order_indentation_and_comments():
    assert format_text(MESSY) == CANONICAL
    assert format_text(CANONICAL) == CANONICAL


def test_numbers_codes_and_quoting_keep_their_text():
    text = MINIMAL_PLAN + (
        "assessments:\n"
        "  - criteria_set: xa-ntm-2021-2025\n"
        "    indicators:\n"
        "        17.1: {measures: [{value: 1714.0, unit: kg}]}\n"
        "        17.10: {measures: [{count: 010, of: 1_413}]}\n"
        "        '17.8': {measures: [{percent: 90.30, label: \"yes\"}]}\n"
    )
    out = format_text(text)
    for kept in ("17.1: {measures: [{value: 1714.0, unit: kg}]}", "17.10: {measures: [{count: 010, of: 1_413}]}",
                 "'17.8': {measures: [{percent: 90.30, label: \"yes\"}]}"):
        assert f"      {kept}\n" in out
    assert load_text(out).data == load_text(text).data


def test_long_vietnamese_lines_are_not_folded():
    long_title = "Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới " * 4
    text = MINIMAL_PLAN.replace("title: Kế hoạch ví dụ", f"title: {long_title.strip()}")
    out = format_text(text)
    assert long_title.strip() in out and len(out.splitlines()) == len(text.splitlines())


def test_crlf_and_bom_become_plain_lf():
    assert format_text("\ufeff" + MINIMAL_PLAN.replace("\n", "\r\n")) == format_text(MINIMAL_PLAN)


def test_check_reports_files_that_would_change_and_writes_nothing(tmp_path):
    messy, tidy = tmp_path / "vi-du.yaml", tmp_path / "tidy" / "vi-du.yaml"
    tidy.parent.mkdir()
    messy.write_text(MESSY, encoding="utf-8")
    tidy.write_text(CANONICAL, encoding="utf-8")
    result = format_paths([tmp_path], check=True)
    assert result.changed == [str(messy)]
    (diag,) = result.diagnostics
    assert (diag.code, diag.severity.value, diag.file, diag.line) == ("F001", "error", str(messy), 2)
    assert messy.read_text(encoding="utf-8") == MESSY


def test_format_rewrites_then_is_a_fixed_point(tmp_path):
    path = tmp_path / "vi-du.yaml"
    path.write_text(MESSY, encoding="utf-8")
    assert format_paths([path]).changed == [str(path)]
    assert path.read_text(encoding="utf-8") == CANONICAL
    again = format_paths([path])
    assert again.changed == [] and again.diagnostics == []


def test_a_file_that_does_not_validate_is_reported_not_rewritten(tmp_path):
    path = tmp_path / "vi-du.yaml"
    broken = MESSY.replace("schema_version: 1", "schema_version: 2")
    path.write_text(broken, encoding="utf-8")
    result = format_paths([path])
    assert result.changed == [] and "F002" in [d.code for d in result.diagnostics]
    assert path.read_text(encoding="utf-8") == broken


def test_a_failed_write_leaves_the_original(tmp_path, monkeypatch):
    path = tmp_path / "vi-du.yaml"
    path.write_text(MESSY, encoding="utf-8")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        format_paths([path])
    assert path.read_text(encoding="utf-8") == MESSY
    assert [p.name for p in tmp_path.iterdir()] == ["vi-du.yaml"]


@pytest.mark.parametrize("path", sorted((REPO / "plans").rglob("*.yaml")), ids=lambda p: p.name)
def test_real_plans_keep_their_data_and_settle(path):
    text = path.read_text(encoding="utf-8")
    out = format_text(text)
    assert load_text(out).data == load_text(text).data
    assert format_text(out) == out


# ---------------------------------------------------------------------------
# Property: generated plans in varied layouts
# ---------------------------------------------------------------------------

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
TEXT = st.text(alphabet=LETTERS + LETTERS.upper() + " ,.-:#'\"()%/", min_size=1, max_size=30)
SOURCES = ["ngan_sach_tinh", "ctmtqg_ntm", "ctmtqg_dtts", "ngan_sach_xa", "nhan_dan_dong_gop"]
CODES = ["1", "2", "5", "17", "3.1", "17.8", "17.10"]


def amounts(places=st.integers(0, 3)):
    return places.flatmap(lambda p: st.decimals(min_value=0, max_value=10**7, places=p, allow_nan=False,
                                                 allow_infinity=False))


@st.composite
def plan_data(draw):
    data = load_text(MINIMAL_PLAN).data
    lines = draw(st.lists(st.fixed_dictionaries(
        {"source": st.sampled_from(SOURCES), "amount": amounts()},
        optional={"label": TEXT}), max_size=4))
    if lines or draw(st.booleans()):
        data["funding"] = {"unit": "triệu đồng", "lines": lines}
    data["tasks"] = draw(st.lists(st.fixed_dictionaries(
        {"what": TEXT},
        optional={"criterion": st.sampled_from(CODES), "quantity": amounts(), "unit": TEXT,
                  "sources": st.lists(st.sampled_from(SOURCES), max_size=3), "amount": amounts()}), max_size=4))
    figures = st.lists(st.fixed_dictionaries({"count": amounts(st.just(0)), "of": st.just(Decimal(1413))},
                                             optional={"label": TEXT}), min_size=1, max_size=2)
    indicators = draw(st.dictionaries(st.sampled_from(CODES), st.fixed_dictionaries({"measures": figures}), max_size=3))
    if indicators:
        data["assessments"] = [{"criteria_set": "xa-ntm-2021-2025", "indicators": indicators}]
    return data


@st.composite
def layouts(draw):
    return {
        "indent": draw(st.sampled_from([2, 3, 4])),
        "dash": draw(st.sampled_from([0, 2])),
        "flow_items": draw(st.booleans()),
        "comments": draw(st.booleans()),
        "blank": draw(st.booleans()),
        "bare_codes": draw(st.booleans()),
        "order": draw(st.randoms()),
    }


def render(data: dict, layout: dict) -> str:
    """Our own small emitter: the same data in many layouts (not ruamel's)."""
    keys = list(data)
    layout["order"].shuffle(keys)
    out = []
    for key in keys:
        if layout["comments"]:
            out.append(f"# về {key}")
        out.extend(_node(key, data[key], 0, layout))
        if layout["blank"]:
            out.append("")
    return "\n".join(out) + "\n"


def _node(key, value, depth, layout):
    pad = " " * (layout["indent"] * depth)
    head = f"{pad}{_scalar(key, layout, is_key=True)}:"
    if isinstance(value, dict) and value and (depth > 1 or key == "period"):
        return [f"{head} {_flow(value, layout)}"]
    if isinstance(value, dict) and value:
        return [head] + [line for k, v in value.items() for line in _node(k, v, depth + 1, layout)]
    if isinstance(value, list) and value:
        return [head] + [line for item in value for line in _item(item, depth, layout)]
    tail = "  # chú thích" if layout["comments"] and not isinstance(value, (dict, list)) else ""
    return [f"{head} {_flow(value, layout)}{tail}"]


def _item(item, depth, layout):
    pad = " " * (layout["indent"] * depth + layout["dash"])
    if not isinstance(item, dict) or layout["flow_items"]:
        return [f"{pad}- {_flow(item, layout)}"]
    first, *rest = list(item.items())
    lines = [f"{pad}- {line.lstrip()}" for line in _node(first[0], first[1], 0, layout)[:1]]
    inner = " " * (len(pad) + 2)
    for k, v in [first] + rest:
        block = _node(k, v, 0, layout)
        block = block[1:] if (k, v) == first else block
        lines.extend(inner + line for line in block)
    return lines


def _flow(value, layout):
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(k, layout, True)}: {_flow(v, layout)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v, layout) for v in value) + "]"
    return _scalar(value, layout)


def _scalar(value, layout, is_key=False):
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text in CODES:
        return text if layout["bare_codes"] else f"'{text}'"
    simple = text.replace("-", "").replace("_", "").isalnum() and text.isascii()
    if simple and resolve_plain(text) == text:  # not "NULL", "true", "0x1F"…
        return text
    return json.dumps(text, ensure_ascii=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_data(), layouts())
def test_fmt_keeps_the_plan_and_is_idempotent(data, layout):
    text = render(data, layout)
    before = load_plan_text(text)
    assert before.plan is not None, (before.diagnostics, text)
    out = format_text(text)
    assert load_plan_text(out).plan == before.plan
    assert load_text(out).data == load_text(text).data
    assert format_text(out) == out
    assert [k for k in load_text(out).data] == [k for k in _model_order() if k in data]


def _model_order():
    from ntm.model import Plan

    return list(Plan.model_fields)
