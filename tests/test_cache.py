"""The validation cache never changes an answer: it only skips work it has already done.

A cached run must give exactly the diagnostics (codes, lines, columns, paths) of a run
without the cache, on clean and broken files alike; and an entry must become unreachable
when the file changes by one byte, when a repository catalog changes, when ntm's version
changes, or when the cache itself is damaged or cannot be written.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import ntm
import ntm.validate as validate_module
from ntm import cache as cache_module
from ntm.cache import ResultCache
from ntm.validate import validate_paths

REPO = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).resolve().parent / "hostile"


@pytest.fixture
def tree(tmp_path):
    """The shipped plans plus broken files with known lines."""
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    for name in ("malformed.yaml", "duplicate-keys.yaml", "amount-negative.yaml", "date-2024-02-30.yaml"):
        shutil.copyfile(HOSTILE / name, tmp_path / "plans" / name)
    return tmp_path / "plans"


@pytest.fixture
def counted(monkeypatch):
    """How many files were actually checked (not served from the cache)."""
    seen: list[str] = []
    real = validate_module.check_file

    def counting(path):
        seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(validate_module, "check_file", counting)
    return seen


def as_rows(result):
    return [(d.file, d.line, d.column, d.code, d.severity.value, d.path, d.message("vi")) for d in result.diagnostics]


def test_cached_and_uncached_runs_give_the_same_diagnostics(tree, tmp_path, counted):
    cache = ResultCache(tmp_path / "cache")
    plain = validate_paths([tree], jobs=1, cache=None)
    first = validate_paths([tree], jobs=1, cache=cache)
    counted.clear()
    again = validate_paths([tree], jobs=1, cache=ResultCache(tmp_path / "cache"))
    assert counted == []  # nothing re-checked
    assert as_rows(again) == as_rows(first) == as_rows(plain)
    lines = {(Path(d.file).name, d.code): d.line for d in again.diagnostics}
    assert lines[("duplicate-keys.yaml", "Y006")] == 4
    assert lines[("malformed.yaml", "Y005")] is not None


def test_one_changed_byte_is_checked_again(tree, tmp_path, counted):
    cache = ResultCache(tmp_path / "cache")
    validate_paths([tree], jobs=1, cache=cache)
    plan = tree / "tuyen-quang" / "hung-my.yaml"
    text = plan.read_text(encoding="utf-8")
    edited = text.replace("    value: 8321.7\n", "    value: 8321.8\n", 1)  # one byte: the stated total
    assert sum(a != b for a, b in zip(text, edited)) == 1
    plan.write_text(edited, encoding="utf-8")
    counted.clear()
    result = validate_paths([tree], jobs=1, cache=ResultCache(tmp_path / "cache"))
    assert counted == ["hung-my.yaml"]
    assert any(d.code == "R101" and d.file.endswith("hung-my.yaml") for d in result.diagnostics)


def test_a_changed_repository_catalog_invalidates_its_plans(tree, tmp_path, counted):
    catalogs = tree / "catalogs"
    catalogs.mkdir()
    (catalogs / "ghi-chu.yaml").write_text("# an overlay the province is drafting\n", encoding="utf-8")
    cache_module.repository_catalogs_fingerprint.cache_clear()
    validate_paths([tree], jobs=1, cache=ResultCache(tmp_path / "cache"))
    (catalogs / "ghi-chu.yaml").write_text("# changed\n", encoding="utf-8")
    cache_module.repository_catalogs_fingerprint.cache_clear()  # a new process starts with an empty memo
    counted.clear()
    validate_paths([tree], jobs=1, cache=ResultCache(tmp_path / "cache"))
    assert sorted(counted) == sorted(p.name for p in tree.rglob("*.yaml") if p.parent != catalogs)


def test_a_new_ntm_version_invalidates_everything(tree, tmp_path, counted, monkeypatch):
    validate_paths([tree], jobs=1, cache=ResultCache(tmp_path / "cache"))
    monkeypatch.setattr(ntm, "__version__", ntm.__version__ + ".post1")
    cache_module.fingerprint.cache_clear()
    counted.clear()
    try:
        validate_paths([tree], jobs=1, cache=ResultCache(tmp_path / "cache"))
    finally:
        cache_module.fingerprint.cache_clear()
    assert len(counted) == len(list(tree.rglob("*.yaml")))


def test_a_damaged_cache_is_replaced(tree, tmp_path, counted):
    folder = tmp_path / "cache"
    expected = as_rows(validate_paths([tree], jobs=1, cache=ResultCache(folder)))
    (folder / "validate.sqlite3").write_bytes(b"not a database at all" * 100)
    assert as_rows(validate_paths([tree], jobs=1, cache=ResultCache(folder))) == expected
    counted.clear()
    assert as_rows(validate_paths([tree], jobs=1, cache=ResultCache(folder))) == expected
    assert counted == []  # the damaged file was replaced by a working cache


@pytest.mark.parametrize("failure", [sqlite3.OperationalError("disk I/O error"), KeyboardInterrupt()])
def test_a_write_that_fails_half_way_leaves_no_half_written_entries(tree, tmp_path, monkeypatch, counted, failure):
    expected = as_rows(validate_paths([tree], jobs=1, cache=None))
    calls = []
    real_dumps = cache_module.pickle.dumps

    def failing_dumps(value, protocol=None):
        calls.append(1)
        if len(calls) == 3:  # the third entry of one transaction
            raise failure
        return real_dumps(value, protocol=protocol)

    monkeypatch.setattr(cache_module.pickle, "dumps", failing_dumps)
    if isinstance(failure, KeyboardInterrupt):
        with pytest.raises(KeyboardInterrupt):
            validate_paths([tree], jobs=1, cache=ResultCache(tmp_path / "cache"))
    else:  # a cache that cannot be written is just not used
        assert as_rows(validate_paths([tree], jobs=1, cache=ResultCache(tmp_path / "cache"))) == expected
    monkeypatch.setattr(cache_module.pickle, "dumps", real_dumps)
    counted.clear()
    again = validate_paths([tree], jobs=1, cache=ResultCache(tmp_path / "cache"))
    assert len(counted) == len(list(tree.rglob("*.yaml")))  # the transaction was rolled back whole
    assert as_rows(again) == expected


def test_a_read_only_cache_folder_is_not_used(tree, tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    result = validate_paths([tree], jobs=1, cache=ResultCache(blocked / "cache"))
    assert as_rows(result) == as_rows(validate_paths([tree], jobs=1, cache=None))
