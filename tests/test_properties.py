"""Properties that must hold for every input, checked with hypothesis.

- validation never raises, whatever the YAML (or the bytes) holds;
- `ntm fmt` never changes data: format, load again, same data;
- splitting or merging funding lines keeps the totals, and R101 agrees;
- Decimal arithmetic is exact for every amount the schema admits, in every unit.
"""

from __future__ import annotations

import string
from decimal import Decimal

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ntm.fmt import FormatError, format_text
from ntm.loader import load_plan_text
from ntm.model.funding import UNIT_FACTORS, Amount, Funding
from ntm.rules import PlanContext, run_plan_rules
from ntm.rules.examples import MINIMAL_PLAN
from ntm.yamlio import decode, load_text

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ----- generated YAML ------------------------------------------------------------------

KEYS = st.sampled_from(["slug", "unit", "level", "name", "period", "start", "end", "funding", "total", "lines",
                        "source", "amount", "value", "unit", "qualifier", "document", "date", "kind", "tasks",
                        "assessments", "criteria", "indicators", "measures", "count", "of", "percent",
                        "phasing", "targets", "year", "x", "Hùng Mỹ"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**9, max_value=10**9),
    st.text(alphabet=string.printable + "ăâđêôơưàảãáạ", max_size=20),
    st.sampled_from(["2024-02-30", "2024-02-22", ".nan", ".inf", "1e400", "-0", "0x1F", "on", "~", "xa", "KH",
                     "ngan_sach_tinh", "triệu đồng", "about", "at_least", "met", "not_met"]),
)
TREES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(KEYS, inner, max_size=5)), max_leaves=25)


def _to_yaml(tree) -> str:
    def plain(v):
        if isinstance(v, Decimal):
            return float(v) if v == v.to_integral_value() else str(v)
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v

    return yaml.safe_dump(plain(tree), allow_unicode=True, sort_keys=False)


def check_text(text: str) -> list:
    loaded = load_plan_text(text, "sinh-ra.yaml")
    diagnostics = list(loaded.diagnostics)
    if loaded.plan is not None:
        diagnostics += run_plan_rules(PlanContext(loaded.file, loaded.plan, loaded.positions))
    return diagnostics


@SETTINGS
@given(TREES)
def test_validation_never_raises_on_any_yaml_tree(tree):
    diagnostics = check_text(_to_yaml(tree))
    assert all(d.code and d.message("vi") for d in diagnostics)


@SETTINGS
@given(st.dictionaries(KEYS, TREES, max_size=6))
def test_validation_never_raises_on_a_plan_with_generated_parts(parts):
    text = MINIMAL_PLAN + "".join(yaml.safe_dump({k: v}, allow_unicode=True) for k, v in
                                  yaml.safe_load(_to_yaml(parts)).items() if k not in MINIMAL_PLAN)
    diagnostics = check_text(text)
    assert all(d.code.startswith(("Y", "S", "R", "X")) for d in diagnostics)
    assert not [d for d in diagnostics if d.code == "X001"], "a rule crashed"


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_are_decoded_or_refused(raw):
    text, diagnostics = decode(raw, "x.yaml")
    assert (text is None) == bool(diagnostics)
    if text is not None:
        check_text(text)


# ----- fmt keeps data ----------------------------------------------------------------------


@SETTINGS
@given(TREES.filter(lambda t: isinstance(t, dict) and t), st.lists(st.text(alphabet="abc đêư", max_size=10),
                                                                   max_size=3))
def test_fmt_then_load_gives_the_same_data(tree, comments):
    text = _to_yaml(tree)
    lines = text.splitlines()
    for i, comment in enumerate(comments):  # comments between top-level keys
        lines.insert(min(len(lines), i * 2), f"# {comment}")
    text = "\n".join(lines) + "\n"
    original = load_text(text)
    assume(not original.diagnostics)
    try:
        formatted = format_text(text)
    except FormatError:
        return  # fmt refuses rather than change data; refusing is allowed
    assert load_text(formatted).data == original.data
    assert format_text(formatted) == formatted  # canonical: a second pass changes nothing


# ----- funding totals ----------------------------------------------------------------------

AMOUNTS = st.decimals(min_value=0, max_value=Decimal("1e12"), places=1, allow_nan=False, allow_infinity=False)


def funding(amounts: list[Decimal], total: Decimal, unit: str = "triệu đồng") -> Funding:
    return Funding.model_validate({"unit": unit, "total": total,
                                   "lines": [{"source": f"nguon_{i}", "amount": a} for i, a in enumerate(amounts)]})


def r101(amounts: list[Decimal], total: Decimal) -> list[str]:
    lines = "".join(f"    - {{source: ngan_sach_tinh, amount: {a}}}\n" for a in amounts)
    return [d.code for d in check_text(MINIMAL_PLAN + f"funding:\n  total: {total}\n  lines:\n{lines}")
            if d.code == "R101"]


@SETTINGS
@given(st.lists(AMOUNTS, min_size=1, max_size=9), st.data())
def test_splitting_a_line_keeps_the_total(amounts, data):
    total = sum(amounts, Decimal(0))
    i = data.draw(st.integers(0, len(amounts) - 1))
    part = data.draw(st.decimals(min_value=0, max_value=amounts[i], places=1))
    split = amounts[:i] + [part, amounts[i] - part] + amounts[i + 1:]
    assert funding(split, total).lines_total() == funding(amounts, total).lines_total() == total
    assert r101(split, total) == r101(amounts, total) == []


@SETTINGS
@given(st.lists(AMOUNTS, min_size=2, max_size=9))
def test_merging_two_lines_keeps_the_total_and_a_wrong_total_is_caught(amounts):
    total = sum(amounts, Decimal(0))
    merged = [amounts[0] + amounts[1]] + amounts[2:]
    assert funding(merged, total).lines_total() == total
    assert r101(merged, total) == []
    assert r101(merged, total + Decimal("0.1")) == ["R101"]


# ----- Decimal exactness -------------------------------------------------------------------

ADMITTED = st.decimals(min_value=0, max_value=Decimal("9" * 20), places=6, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(ADMITTED, st.sampled_from(sorted(UNIT_FACTORS)))
def test_every_admitted_amount_is_exact_in_every_unit(value, unit):
    amount = Amount.model_validate({"value": value, "unit": unit})
    assert amount.value == value  # nothing lost on the way in
    in_trieu = amount.in_trieu_dong()
    assert in_trieu == value * UNIT_FACTORS[unit]
    assert in_trieu / UNIT_FACTORS[unit] == value  # and back, exactly


@SETTINGS
@given(ADMITTED)
def test_numbers_in_yaml_are_read_exactly(value):
    text = f"amount: {value}\n"
    assert load_text(text).data["amount"] == value


@SETTINGS
@given(st.lists(ADMITTED, min_size=1, max_size=12))
def test_sums_are_exact_and_order_free(values):
    forward = funding(values, Decimal(0)).lines_total()
    backward = funding(list(reversed(values)), Decimal(0)).lines_total()
    assert forward == backward == sum(values, Decimal(0))
