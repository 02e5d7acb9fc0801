"""The validation cache: results of unchanged files are not computed again.

An entry is keyed by a hash of the file's path and bytes together with a
fingerprint of ntm itself (its version and the content of every module, catalog
and data file it ships), of the unit register it checks names against (the
hashes pip recorded when it installed that package), and of the plans
repository's own catalog files above the plan. Every part is content, never a
modification time, so a fresh checkout or a reinstall of the same commit (a CI
run) finds its entries, while editing one byte of a plan, of a shipped or a
repository catalog, or of a rule makes every affected entry unreachable.
Entries live in one SQLite file under `$NTM_CACHE_DIR` (default `~/.cache/ntm`),
bounded in entries and bytes: the entries used longest ago go first. The user
can delete the folder at any time; a cache that cannot be opened or read is
simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import time
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import ntm

BATCH = 500
MAX_ENTRIES = 50_000  # five times the bench corpus; a whole country's plans fit
MAX_BYTES = 64 * 1024 * 1024
SLACK = 10  # eviction frees a tenth of a bound more than needed, so it does not run on every write
TOUCH_AFTER = 3600  # seconds: a hit refreshes its entry's age at most once an hour (warm runs stay read-only)
PACKAGE_SUFFIXES = (".py", ".yaml", ".json", ".j2", ".md")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """ntm's version, the content of every file of the package, and the unit register's install."""
    digest = hashlib.blake2b(ntm.__version__.encode(), digest_size=16)
    digest.update(distribution_stamp("vietnamadminunits").encode())
    digest.update(folder_stamp(Path(ntm.__file__).parent, PACKAGE_SUFFIXES).encode())
    return digest.hexdigest()


def folder_stamp(root: Path, suffixes: tuple[str, ...]) -> str:
    """A hash of the relative names and bytes of the files under `root` ending in `suffixes`
    (bytecode folders left out): the same wherever the folder lives and whatever its mtimes."""
    names = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        names += [os.path.join(folder, f) for f in sorted(files) if f.endswith(suffixes)]
    return files_stamp(names, root)


def files_stamp(paths: Iterable[str | Path], root: str | Path | None = None) -> str:
    """A hash of each file's name (relative to `root` when given) and bytes; unreadable files count as absent."""
    digest = hashlib.blake2b(digest_size=16)
    for path in paths:
        name = os.path.relpath(path, root) if root is not None else str(path)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.blake2b(data, digest_size=16).digest())
    return digest.hexdigest()


@lru_cache(maxsize=8)
def distribution_stamp(name: str) -> str:
    """An installed package, by content: the file hashes pip wrote into its RECORD at install
    (the same for every install of one release), else the bytes of its files; '-' when absent.
    Found without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return "-"
    folder = Path(list(spec.submodule_search_locations)[0])
    hashed = _recorded_hashes(folder)
    if hashed:
        return hashlib.blake2b(hashed.encode(), digest_size=16).hexdigest()
    return folder_stamp(folder, (".py", ".db", ".json"))


def _recorded_hashes(package: Path) -> str:
    """The RECORD lines, with a hash, of the files inside `package` (its dist-info lies beside it,
    named after the distribution, which for the packages ntm reads is the package's name)."""
    prefix = package.name + "/"
    for record in sorted(package.parent.glob(f"{package.name}-*.dist-info/RECORD")):
        try:
            lines = record.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        own = sorted(line for line in lines if line.startswith(prefix) and ",sha256=" in line)
        if own:
            return "\n".join(own)
    return ""


def default_dir() -> Path:
    explicit = os.environ.get("NTM_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ntm"


class ResultCache:
    """Results by key in one SQLite file, at most `max_entries` entries and `max_bytes` bytes of results."""

    filename = "validate.sqlite3"
    columns = ("key", "value", "size", "used")

    def __init__(self, folder: Path, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.folder = folder
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.db: sqlite3.Connection | None = None

    @classmethod
    def default(cls) -> "ResultCache":
        return cls(default_dir())

    def _open(self) -> sqlite3.Connection | None:
        if self.db is None:
            self.db = self._connect() or (self._connect() if self._discard_damaged() else None)
        return self.db

    def _connect(self) -> sqlite3.Connection | None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.folder / self.filename, timeout=5)
            found = tuple(row[1] for row in db.execute("PRAGMA table_info(result)"))
            if found and found != self.columns:  # an older layout: it is only a cache, start afresh
                db.execute("DROP TABLE result")
            db.execute("CREATE TABLE IF NOT EXISTS result (key TEXT PRIMARY KEY, value BLOB, size INTEGER NOT NULL,"
                       " used INTEGER NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS result_used ON result (used)")
            return db
        except (OSError, sqlite3.Error):
            return None

    def _discard_damaged(self) -> bool:
        """A cache file that is not a database (a crash, a disk error) is only a cache: start afresh."""
        path = self.folder / self.filename
        try:
            with open(path, "rb") as handle:
                if handle.read(16) == b"SQLite format 3\x00":
                    return False  # a real database that is locked or read-only: leave it
            path.unlink()
            return True
        except OSError:
            return False

    def check_many(self, files: list[Path], compute: Callable[[list[Path]], list]) -> list:
        keys = [entry_key(f) for f in files]
        found = self._get(keys)
        todo = [f for f, k in zip(files, keys) if k not in found]
        fresh = dict(zip([k for k in keys if k not in found], compute(todo))) if todo else {}
        self._put(fresh)
        return [found.get(k) or fresh[k] for k in keys]

    def _get(self, keys: list[str]) -> dict:
        db = self._open()
        if db is None:
            return {}
        found, stale = {}, []
        now = int(time.time())
        try:
            for start in range(0, len(keys), BATCH):
                chunk = [k for k in keys[start : start + BATCH] if k]
                marks = ",".join("?" * len(chunk))
                for key, value, used in db.execute(f"SELECT key, value, used FROM result WHERE key IN ({marks})", chunk):
                    found[key] = pickle.loads(value)
                    if now - used > TOUCH_AFTER:
                        stale.append(key)
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return {}
        self._touch(db, stale, now)
        return found

    def _touch(self, db: sqlite3.Connection, keys: list[str], now: int) -> None:
        """Entries just used are the last to be evicted."""
        if not keys:
            return
        try:
            with db:
                db.executemany("UPDATE result SET used = ? WHERE key = ?", [(now, k) for k in keys])
        except sqlite3.Error:
            pass

    def _put(self, entries: dict) -> None:
        db = self._open()
        if db is None or not entries:
            return
        now = int(time.time())
        try:
            with db:
                rows = []
                for key, value in entries.items():
                    if key:
                        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                        rows.append((key, blob, len(blob), now))
                db.executemany("INSERT OR REPLACE INTO result VALUES (?, ?, ?, ?)", rows)
                self._evict(db)
        except sqlite3.Error:
            pass

    def _evict(self, db: sqlite3.Connection) -> None:
        """Over a bound, delete the entries used longest ago (oldest written first among equals)."""
        count, size = db.execute("SELECT count(*), total(size) FROM result").fetchone()
        if count <= self.max_entries and size <= self.max_bytes:
            return
        drop_count = max(0, count - (self.max_entries - self.max_entries // SLACK))
        drop_bytes = max(0, size - (self.max_bytes - self.max_bytes // SLACK))
        doomed, freed = [], 0
        for key, entry_size in db.execute("SELECT key, size FROM result ORDER BY used, rowid"):
            if len(doomed) >= drop_count and freed >= drop_bytes:
                break
            doomed.append((key,))
            freed += entry_size
        db.executemany("DELETE FROM result WHERE key = ?", doomed)


def entry_key(path: Path) -> str:
    """'' when the file cannot be read: such files are never cached."""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    digest = hashlib.blake2b(data, digest_size=20)
    digest.update(str(path).encode("utf-8", "surrogateescape"))
    digest.update(fingerprint().encode())
    digest.update(repository_catalogs_fingerprint(str(path.parent)).encode())
    return digest.hexdigest()


@lru_cache(maxsize=1024)
def repository_catalogs_fingerprint(plan_folder: str) -> str:
    """The plans repository's own catalog files a plan in this folder may use (`catalogs/`
    at or above it), by content: editing a province overlay makes its plans' entries unreachable."""
    from ntm.criteria import catalog_folders

    return files_stamp(entry for folder in catalog_folders(plan_folder) for entry in sorted(folder.glob("*.yaml")))
