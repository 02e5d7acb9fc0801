"""Fixtures shared by the test modules."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A copy of the shipped plans as a plans repository, the current folder, with its own cache."""
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path / ".cache"))
    return tmp_path


@dataclass(frozen=True)
class Installed:
    """ntm installed from its wheel into `site`, away from this checkout."""

    site: Path

    def run(self, argv: list[str], cwd: Path, cache: Path) -> subprocess.CompletedProcess:
        """`ntm ARGV…` with the installed copy first on the path; its first output line is `ntm.__file__`."""
        script = ("import sys; sys.path.insert(0, sys.argv[1]); import ntm; print(ntm.__file__); "
                  "from ntm.cli import main; sys.argv = ['ntm', *sys.argv[2:]]; main()")
        return subprocess.run([sys.executable, "-c", script, str(self.site), *argv], cwd=cwd, capture_output=True,
                              text=True, env={"PATH": "/usr/bin:/bin", "NTM_CACHE_DIR": str(cache)})


@pytest.fixture(scope="session")
def installed_ntm(tmp_path_factory) -> Installed:
    """This checkout's wheel, built and installed once per run (as `pip install` puts ntm somewhere else)."""
    root = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(root / "wheel"), str(REPO)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    wheel = next((root / "wheel").glob("ntm-*.whl"))
    site = root / "site"
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
                                str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    return Installed(site)
