"""Text helpers shared by every module: NFC normalisation and the keys names are compared by.

`fold` gives the loosest key, for suggestions and slugs: lower-case, no
diacritics, đ → d, punctuation dropped ("Chiêm Hóa", "Chiêm Hoá", "chiem hoa"
all fold to "chiem hoa"). `name_key` keeps the diacritics, so "Minh Quán" and
"Minh Quân" stay two names, but is blind to case, NFC/NFD and where the tone
mark sits ("Hoá" and "Hóa" give the same key): the key for deciding that two
names are the same unit. `nfc` normalises what we read.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_WORD = re.compile(r"\w+")


def nfc(text: str) -> str:
    """NFC form; ASCII text (most keys and codes) is returned as it is, without a lookup."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Accent-folded lowercase key: "Chiêm Hoá" → "chiem hoa", "Đại" → "dai"."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(bare.lower()))


def name_words(name: str) -> tuple[str, ...]:
    """The words of a name as tone-placement-blind keys (see `name_key`)."""
    return tuple(_tone_word(w) for w in _WORD.findall(nfc(name).lower()))


def name_key(name: str) -> str:
    """Accent-sensitive key, insensitive to NFC/NFD, case, punctuation and tone placement."""
    return " ".join(name_words(name))


@lru_cache(maxsize=16384)
def _tone_word(word: str) -> str:
    """Word key with its tone moved to the end, so "hoá" and "hóa" give the same key."""
    chars = unicodedata.normalize("NFD", word)
    tones = "".join(sorted(_TONES[c] for c in chars if c in _TONES))
    base = unicodedata.normalize("NFC", "".join(c for c in chars if c not in _TONES))
    return base + tones
