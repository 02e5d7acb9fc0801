"""The validation cache: results of unchanged files are not computed again.

An entry is keyed by a hash of the file's path and bytes together with a
fingerprint of ntm itself (its version, and the size and modification time of
every module, catalog and data file it ships) and of the plans repository's own
catalog files above the plan, so editing one byte of a plan, changing a shipped
or a repository catalog, or upgrading ntm makes every affected entry unreachable.
Entries live in one SQLite file under `$NTM_CACHE_DIR` (default
`~/.cache/ntm`), which the user can delete at any time; a cache that cannot
be opened or read is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Callable

import ntm

BATCH = 500


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Version plus the size and mtime of every file of the installed package."""
    root = Path(ntm.__file__).parent
    digest = hashlib.blake2b(ntm.__version__.encode(), digest_size=16)
    digest.update(_register_stamp().encode())
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".yaml", ".json", ".j2", ".md")):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _register_stamp() -> str:
    """The unit register R801 checks names against comes from the vietnamadminunits
    package: a new release of it must invalidate results too (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.origin:
        return "-"
    stat = os.stat(spec.origin)
    return f"{spec.origin}:{stat.st_size}:{stat.st_mtime_ns}"


def default_dir() -> Path:
    explicit = os.environ.get("NTM_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ntm"


class ResultCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db: sqlite3.Connection | None = None

    @classmethod
    def default(cls) -> "ResultCache":
        return cls(default_dir())

    filename = "validate.sqlite3"

    def _open(self) -> sqlite3.Connection | None:
        if self.db is None:
            self.db = self._connect() or (self._connect() if self._discard_damaged() else None)
        return self.db

    def _connect(self) -> sqlite3.Connection | None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.folder / self.filename, timeout=5)
            db.execute("CREATE TABLE IF NOT EXISTS result (key TEXT PRIMARY KEY, value BLOB)")
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
        found = {}
        try:
            for start in range(0, len(keys), BATCH):
                chunk = [k for k in keys[start : start + BATCH] if k]
                marks = ",".join("?" * len(chunk))
                for key, value in db.execute(f"SELECT key, value FROM result WHERE key IN ({marks})", chunk):
                    found[key] = pickle.loads(value)
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return {}
        return found

    def _put(self, entries: dict) -> None:
        db = self._open()
        if db is None or not entries:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO result VALUES (?, ?)",
                    [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in entries.items() if k],
                )
        except sqlite3.Error:
            pass


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
    at or above it): editing a province overlay makes its plans' entries unreachable."""
    from ntm.criteria import catalog_folders

    digest = hashlib.blake2b(digest_size=12)
    for folder in catalog_folders(plan_folder):
        for entry in sorted(folder.glob("*.yaml")):
            stat = entry.stat()
            digest.update(f"{entry}:{stat.st_size}:{stat.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
