"""The YAML layer: YAML 1.2 scalars, exact Decimals, positions, and refusals."""

from decimal import Decimal

import pytest

from ntm.yamlio import decode, load_text


def data(text):
    loaded = load_text(text)
    assert not loaded.diagnostics, loaded.diagnostics
    return loaded.data


def codes(text):
    return [d.code for d in load_text(text).diagnostics]


def test_numbers_with_a_point_are_exact_decimals():
    assert data("a: 8321.7\nb: 1714.0\n") == {"a": Decimal("8321.7"), "b": Decimal("1714.0")}
    assert str(data("b: 1714.0\n")["b"]) == "1714.0"


def test_yaml_1_2_core_schema_not_1_1():
    assert data("a: yes\nb: no\nc: on\nd: 010\ne: 0o10\nf: 1_000\n") == {
        "a": "yes", "b": "no", "c": "on", "d": 10, "e": 8, "f": "1_000"}


def test_codes_keep_their_text():
    assert list(data("17.10: x\n1.10: y\n")) == ["17.10", "1.10"]


def test_dates_stay_text_for_the_model_to_check():
    assert data("d: 2024-02-30\n") == {"d": "2024-02-30"}


def test_positions_are_one_based_lines_and_columns():
    loaded = load_text("a:\n  b:\n    - 1\n    - 2\n")
    assert loaded.positions.of(("a", "b", 1)) == (4, 7)
    assert loaded.positions.of(("a", "b", 9)) == (2, 3)  # nearest ancestor: the key "b"
    assert loaded.positions.keys[("a", "b")] == (2, 3)


def test_duplicate_key_names_both_lines():
    (diag,) = load_text("a: 1\nb: 2\na: 3\n").diagnostics
    assert (diag.code, diag.line, diag.params["first_line"]) == ("Y006", 3, 1)


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!python/name:os.system", "!custom"])
def test_tags_that_build_objects_are_refused(tag):
    assert codes(f"a: {tag} x\n") == ["Y007"]


def test_alias_bomb_is_bounded_at_the_alias_that_crosses_the_bound():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (diag,) = load_text("\n".join(lines) + "\n").diagnostics
    # e = 9 × d, each d 13,942 nodes and characters: its sixth *d (line 5, column 28) passes 50,000 nodes
    assert (diag.code, diag.line, diag.column, diag.params["alias"]) == ("Y016", 5, 28, "d")
    assert diag.message() == ("Alias '*d' làm tài liệu phình quá lớn: khi thay mọi alias bằng nội dung của nó, "
                              "tài liệu vượt giới hạn của tệp này (50.000 nút, 100.756 ký tự); hãy viết thẳng giá "
                              "trị thay vì lặp lại qua alias")
    assert "exceeds this file's limits (50,000 nodes, 100,756 characters)" in diag.message("en")


def amplified_text(anchor_chars, aliases, shape="text"):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))
    from make_corpus import amplified

    return amplified(anchor_chars, aliases, shape)


@pytest.mark.parametrize("shape, line, column", [("text", 236, 28), ("mapping", 237, 5)])
def test_a_large_value_reused_through_a_few_hundred_aliases_is_refused_at_the_alias(shape, line, column):
    text = amplified_text(900_000, 250, shape)  # 1.2 MB; 225 million characters once expanded
    (diag,) = load_text(text, "amplified.yaml").diagnostics
    assert (diag.code, diag.file, diag.line, diag.column) == ("Y016", "amplified.yaml", line, column)
    assert diag.params["alias"] == {"text": "big", "mapping": "task"}[shape]
    assert text.splitlines()[line - 1].lstrip().startswith(("- {criterion", "- *task"))


def test_the_same_large_value_written_once_loads():
    loaded = load_text(amplified_text(900_000, 0))
    assert loaded.diagnostics == [] and len(loaded.data["tasks"][0]["what"]) > 899_000


def test_anchors_used_as_a_convenience_load_as_their_expansion():
    tasks = "".join(f"  - {{what: Việc {i}, sources: *nguon}}\n" for i in range(200))
    text = "nguon: &nguon [ctmtqg_ntm, ngan_sach_tinh, nhan_dan_dong_gop]\ntasks:\n" + tasks
    loaded = load_text(text)
    assert loaded.diagnostics == []
    assert loaded.data["tasks"][199] == {"what": "Việc 199", "sources": ["ctmtqg_ntm", "ngan_sach_tinh",
                                                                        "nhan_dan_dong_gop"]}


def test_a_recursive_alias_is_named():
    (diag,) = load_text("a: &a [1, *a]\n").diagnostics
    assert (diag.code, diag.line, diag.column, diag.params["alias"]) == ("Y016", 1, 11, "a")


def test_too_many_nodes_without_aliases_is_still_y008():
    (diag,) = load_text("a: [" + "1, " * 60_000 + "]\n").diagnostics
    assert (diag.code, diag.params["limit"]) == ("Y008", 50_000)


def test_tab_indentation_is_named():
    assert codes("a:\n\tb: 1\n") == ["Y010"]


def test_syntax_error_has_a_line():
    (diag,) = load_text("a: [1, 2\nb: 3\n").diagnostics
    assert diag.code == "Y005" and diag.line is not None


def test_nfd_text_equals_its_nfc_form():
    nfd = "Hu\u0300ng My\u0303"
    assert data(f"a: {nfd}\n")["a"] == "Hùng Mỹ"


@pytest.mark.parametrize(
    "raw, code",
    [(b"", "Y004"), (b"   \n", "Y004"), (b"\xff\xfea\x00:\x00", "Y002"), (b"a: \x00\x01", "Y003"),
     ("a: Hùng\n".encode("cp1258"), "Y002")],
)
def test_undecodable_files_are_refused(raw, code):
    text, problems = decode(raw, "f.yaml")
    assert text is None and [p.code for p in problems] == [code]


def test_bom_and_crlf_are_accepted():
    text, problems = decode("\ufeffa: 1\r\nb: Mỹ\r\n".encode("utf-8"), "f.yaml")
    assert not problems and data(text) == {"a": 1, "b": "Mỹ"}


def test_special_floats_load_for_the_model_to_refuse():
    loaded = data("a: .inf\nb: .nan\nc: 1e400\n")
    assert loaded["a"].is_infinite() and loaded["b"].is_nan() and loaded["c"] == Decimal("1e400")
