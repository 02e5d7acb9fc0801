"""Text helpers shared by every module: NFC normalisation and accent folding.

`fold` gives the key used to compare Vietnamese names written with different
accent placement or none ("Chiêm Hóa", "Chiêm Hoá", "chiem hoa" all fold to
the same key); `nfc` normalises what we read.
"""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip diacritics, đ → d, collapse spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(bare.lower().split())
