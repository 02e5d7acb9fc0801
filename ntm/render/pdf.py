"""PDF through LibreOffice: the .docx converted by `soffice --headless --convert-to pdf`.

Finds LibreOffice (`NTM_SOFFICE`, then `soffice` or `libreoffice` on PATH,
then the usual install folders), converts in a private temporary folder with
its own LibreOffice profile (so conversions never collide with an open
LibreOffice or with each other) and returns the PDF bytes; the caller writes
them atomically. Raises `SofficeMissing` when LibreOffice is not installed
and `ConversionFailed` when it fails or takes too long. `font_families`
reads back which font families a PDF embeds: more than one means
LibreOffice took letters the main font lacks from another font.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180
_KNOWN_PLACES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)


_BASE_FONT = re.compile(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9_.-]+)")
_STYLE = re.compile(r"(?:[-,](?:Bold|Italic|Oblique|BoldItalic|BoldOblique|Regular|Roman)|PSMT|MT|PS)$")


class SofficeMissing(RuntimeError):
    """LibreOffice is not installed (or NTM_SOFFICE names nothing runnable)."""


class ConversionFailed(RuntimeError):
    """LibreOffice ran but produced no PDF."""


def find_soffice() -> str | None:
    """The LibreOffice executable, or None. `NTM_SOFFICE` wins when it is set (even to nothing runnable)."""
    forced = os.environ.get("NTM_SOFFICE")
    if forced is not None:
        return forced if forced and os.access(forced, os.X_OK) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _KNOWN_PLACES if os.access(p, os.X_OK)), None)


def convert(docx: bytes, stem: str = "document") -> bytes:
    """PDF bytes of a .docx document."""
    soffice = find_soffice()
    if soffice is None:
        raise SofficeMissing()
    with tempfile.TemporaryDirectory(prefix="ntm-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / f"{stem}.docx"
        source.write_bytes(docx)
        _run(soffice, source, folder)
        target = folder / f"{stem}.pdf"
        if not target.is_file():
            raise ConversionFailed("LibreOffice không tạo ra tệp PDF")
        return target.read_bytes()


def _run(soffice: str, source: Path, folder: Path) -> None:
    profile = (folder / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(folder), str(source)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ConversionFailed(f"quá {TIMEOUT_SECONDS} giây") from exc
    except OSError as exc:
        raise SofficeMissing() from exc
    if done.returncode != 0:
        message = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
        raise ConversionFailed(message[-1] if message else f"mã thoát {done.returncode}")


def font_families(pdf: bytes) -> list[str]:
    """The font families a PDF embeds, without subset tags and styles: ['LiberationSerif']."""
    return sorted({_family(name.decode("ascii", "replace")) for name in _BASE_FONT.findall(pdf)})


def _family(name: str) -> str:
    """`TimesNewRomanPS-BoldMT` -> `TimesNewRoman`, `LiberationSerif-BoldItalic` -> `LiberationSerif`."""
    while True:
        shorter = _STYLE.sub("", name)
        if shorter == name or not shorter:
            return name
        name = shorter
