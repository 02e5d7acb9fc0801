"""The validation cache never changes an answer: it only skips work it has already done.

A cached run must give exactly the diagnostics (codes, lines, columns, paths) of a run
without the cache, on clean and broken files alike; and an entry must become unreachable
when the file changes by one byte, when a repository catalog changes, when ntm's version
changes, or when the cache itself is damaged or cannot be written. Keys are content, never
modification times (a reinstall of the same code, as in every CI run, hits), and the cache
stays within its bounds, evicting the entries used longest ago.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
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


# --- keyed on content, so CI's fresh installs hit -------------------------------------------


def installed_copy(tmp_path: Path, name: str) -> Path:
    """ntm copied elsewhere as a reinstall leaves it: the same bytes, every mtime new."""
    target = tmp_path / name
    shutil.copytree(REPO / "ntm", target / "ntm", copy_function=shutil.copyfile,
                    ignore=shutil.ignore_patterns("__pycache__"))
    later = 2_000_000_000 + len(name)  # a different moment for each copy
    for path in (target / "ntm").rglob("*"):
        os.utime(path, (later, later))
    return target


def key_from(site: Path, plan: Path, cache_dir: Path) -> tuple[str, str, str]:
    """(package fingerprint, cache key of `plan`, unit register snapshot) as a fresh process
    using the ntm in `site` computes them."""
    script = ("import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; import ntm, ntm.cache as c; "
              "import ntm.units as u; assert ntm.__file__.startswith(sys.argv[1]), ntm.__file__; "
              "print(c.fingerprint()); print(c.entry_key(Path(sys.argv[2]))); print(u._snapshot_path('legacy').name)")
    done = subprocess.run([sys.executable, "-c", script, str(site), str(plan)], capture_output=True, text=True,
                          env={**os.environ, "NTM_CACHE_DIR": str(cache_dir), "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0, done.stderr
    package, key, snapshot = done.stdout.split()
    return package, key, snapshot


def test_a_reinstall_of_the_same_code_keeps_every_key(tree, tmp_path):
    plan = tree / "tuyen-quang" / "hung-my.yaml"
    first = key_from(installed_copy(tmp_path, "site-1"), plan, tmp_path / "cache")
    again = key_from(installed_copy(tmp_path, "site-2"), plan, tmp_path / "cache")
    assert again == first


def test_one_changed_byte_of_a_rule_changes_the_key(tree, tmp_path):
    plan = tree / "tuyen-quang" / "hung-my.yaml"
    before = key_from(installed_copy(tmp_path, "site-1"), plan, tmp_path / "cache")
    site = installed_copy(tmp_path, "site-2")
    rule = site / "ntm" / "rules" / "funding_total.py"
    source = rule.read_bytes()
    rule.write_bytes(source + b"#")  # one byte more: a comment
    after = key_from(site, plan, tmp_path / "cache")
    assert after[0] != before[0] and after[1] != before[1]
    assert after[2] == before[2]  # the unit register snapshot depends on ntm/units.py only


def test_a_repository_catalog_is_keyed_by_content_not_mtime(tree, tmp_path):
    catalogs = tree / "catalogs"
    catalogs.mkdir()
    overlay = catalogs / "ghi-chu.yaml"
    overlay.write_text("# an overlay the province is drafting\n", encoding="utf-8")
    cache_module.repository_catalogs_fingerprint.cache_clear()
    before = cache_module.repository_catalogs_fingerprint(str(tree / "tuyen-quang"))
    os.utime(overlay, (2_000_000_000, 2_000_000_000))  # a fresh checkout: same bytes, new mtime
    cache_module.repository_catalogs_fingerprint.cache_clear()
    assert cache_module.repository_catalogs_fingerprint(str(tree / "tuyen-quang")) == before


def test_the_unit_register_is_keyed_by_the_hashes_pip_recorded():
    import importlib.util

    folder = Path(importlib.util.find_spec("vietnamadminunits").submodule_search_locations[0])
    record = next(folder.parent.glob("vietnamadminunits-*.dist-info/RECORD")).read_text(encoding="utf-8")
    assert "vietnamadminunits/__init__.py,sha256=" in record
    assert cache_module._recorded_hashes(folder).splitlines() == sorted(
        line for line in record.splitlines() if line.startswith("vietnamadminunits/") and ",sha256=" in line)


# --- bounded ------------------------------------------------------------------------------


def cached_rows(folder: Path) -> tuple[int, int]:
    with sqlite3.connect(folder / "validate.sqlite3") as db:
        return db.execute("SELECT count(*), total(size) FROM result").fetchone()


def test_the_cache_never_holds_more_entries_than_its_bound(tree, tmp_path, counted):
    files = sorted(tree.rglob("*.yaml"))
    assert len(files) == 9
    for _ in range(3):
        for plan in files:  # every run adds entries; the bound holds after each
            validate_paths([plan], jobs=1, cache=ResultCache(tmp_path / "cache", max_entries=3))
            assert cached_rows(tmp_path / "cache")[0] <= 3
        # the files checked last are the ones still cached
        counted.clear()
        validate_paths(files[-2:], jobs=1, cache=ResultCache(tmp_path / "cache", max_entries=3))
        assert counted == []


def test_the_cache_never_holds_more_bytes_than_its_bound(tree, tmp_path):
    validate_paths([tree], jobs=1, cache=ResultCache(tmp_path / "cache"))
    count, size = cached_rows(tmp_path / "cache")
    assert count == 9 and size > 6000  # Hùng Mỹ alone is about 4 KB of findings and summary
    shutil.rmtree(tmp_path / "cache")
    validate_paths([tree], jobs=1, cache=ResultCache(tmp_path / "cache", max_bytes=6000))
    count, size = cached_rows(tmp_path / "cache")
    assert 0 < count < 9 and size <= 6000


def test_an_entry_used_recently_outlives_an_older_one(tree, tmp_path, counted, monkeypatch):
    a, b, c = (tree / "tuyen-quang" / "hung-my.yaml", tree / "bac-giang" / "tan-yen.yaml",
               tree / "quang-tri" / "hoi-ccb-quang-tri.yaml")
    clock = [1_000_000]
    monkeypatch.setattr(cache_module.time, "time", lambda: clock[0])

    def check(plan):
        return validate_paths([plan], jobs=1, cache=ResultCache(tmp_path / "cache", max_entries=2))

    check(a), check(b)  # a is written first
    clock[0] += 2 * cache_module.TOUCH_AFTER
    check(a)  # a hit: a is now the one used last
    clock[0] += 1
    check(c)  # over the bound: b goes
    counted.clear()
    check(a), check(c), check(b)
    assert counted == ["tan-yen.yaml"]


def test_a_cache_written_by_an_older_ntm_is_replaced(tree, tmp_path, counted):
    folder = tmp_path / "cache"
    folder.mkdir()
    with sqlite3.connect(folder / "validate.sqlite3") as db:  # the layout before entries had a size and an age
        db.execute("CREATE TABLE result (key TEXT PRIMARY KEY, value BLOB)")
        db.execute("INSERT INTO result VALUES ('x', x'00')")
    expected = as_rows(validate_paths([tree], jobs=1, cache=None))
    assert as_rows(validate_paths([tree], jobs=1, cache=ResultCache(folder))) == expected
    counted.clear()
    assert as_rows(validate_paths([tree], jobs=1, cache=ResultCache(folder))) == expected
    assert counted == []
