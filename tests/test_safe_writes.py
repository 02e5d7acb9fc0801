"""Every file ntm writes is whole or absent: a failure or Ctrl-C mid-write leaves the old file.

`ntm.safeio` writes to a temporary file beside the target and renames it over the
target. These tests make the write fail half-way (after half the bytes, and with
KeyboardInterrupt) under each command that writes a user's file: fmt, import,
export, render, report and validate --output. Each time the old file must be
there byte for byte, and no temporary file may be left behind.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ntm.safeio as safeio
from ntm.cli import app

REPO = Path(__file__).resolve().parents[1]
OLD = b"old content that must survive\n"


class HalfWriter:
    """A file handle that writes half of what it is given, then fails."""

    def __init__(self, handle, failure: BaseException) -> None:
        self.handle, self.failure = handle, failure

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise self.failure

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


@pytest.fixture(params=[OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["disk-full", "ctrl-c"])
def failing_writes(request, monkeypatch):
    real_fdopen = os.fdopen
    monkeypatch.setattr(safeio.os, "fdopen", lambda fd, mode="r", *a, **k: HalfWriter(real_fdopen(fd, mode, *a, **k),
                                                                                       request.param))
    return request.param


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


def test_safeio_keeps_the_old_file(tmp_path, failing_writes):
    target = tmp_path / "a.txt"
    target.write_bytes(OLD)
    with pytest.raises(type(failing_writes)):
        safeio.atomic_write_bytes(target, b"new" * 1000)
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_safeio_keeps_the_file_mode(tmp_path):
    target = tmp_path / "a.sh"
    target.write_bytes(OLD)
    target.chmod(0o750)
    safeio.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o750


def invoke(*args):
    """Run a command; a KeyboardInterrupt comes out as the exception, as it would from a terminal."""
    return CliRunner().invoke(app, [str(a) for a in args])


def messy(plan: Path) -> bytes:
    text = plan.read_text(encoding="utf-8").replace("\nslug: hung-my\n", "\nslug:    hung-my\n", 1)
    plan.write_text(text, encoding="utf-8")
    return plan.read_bytes()


@pytest.mark.parametrize("command", ["fmt", "import", "export", "render", "report-xlsx", "report-json", "validate"])
def test_commands_never_leave_a_half_written_file(repo, failing_writes, command, monkeypatch):
    plan = repo / "plans" / "tuyen-quang" / "hung-my.yaml"
    if command == "import":  # a sheet with one edited value, made before writes start failing
        monkeypatch.undo()
        monkeypatch.chdir(repo)
        monkeypatch.setenv("NTM_CACHE_DIR", str(repo / ".cache"))
        assert invoke("export", "hung-my", "-o", "hm.xlsx").exit_code == 0
        from openpyxl import load_workbook

        book = load_workbook(repo / "hm.xlsx")
        sheet = book["Chỉ tiêu"]
        row = next(r for r in range(3, sheet.max_row + 1) if str(sheet.cell(r, 1).value).endswith("/10/targets/0"))
        sheet.cell(row, 10).value = 50.5
        book.save(repo / "hm.xlsx")
        real_fdopen = os.fdopen
        monkeypatch.setattr(safeio.os, "fdopen", lambda fd, mode="r", *a, **k: HalfWriter(
            real_fdopen(fd, mode, *a, **k), failing_writes))
    targets = {
        "fmt": (plan, ["fmt", plan]),
        "import": (plan, ["import", "hm.xlsx", "--into", "hung-my"]),
        "export": (repo / "hm-out.xlsx", ["export", "hung-my", "-o", "hm-out.xlsx"]),
        "render": (repo / "out" / "hung-my.docx", ["render", "hung-my", "-o", "out"]),
        "report-xlsx": (repo / "r.xlsx", ["report", "--year", "2024", "plans", "-f", "xlsx", "-o", "r.xlsx"]),
        "report-json": (repo / "r.json", ["report", "--year", "2024", "plans", "-f", "json", "-o", "r.json"]),
        "validate": (repo / "v.json", ["validate", "plans", "-f", "json", "-o", "v.json"]),
    }
    target, args = targets[command]
    if command == "fmt":
        old = messy(plan)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target != plan:
            target.write_bytes(OLD)
        old = target.read_bytes()
    result = invoke(*args)
    assert result.exit_code != 0 or isinstance(result.exception, KeyboardInterrupt)
    assert target.read_bytes() == old
    assert leftovers(repo) == []
