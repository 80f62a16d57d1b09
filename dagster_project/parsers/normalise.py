"""Turkish-aware text normalisation for comparing names (never for storing them).

Python lower-cases `I` to `i` and `İ` to `i̇` (i + combining dot); Turkish wants `ı` and `i`.
Stored text stays verbatim; these keys are only used to compare and to match headers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TR_ASCII = {"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i", "û": "u"}
_WORD = re.compile(r"\w+", re.UNICODE)


def turkish_lower(text: str) -> str:
    """Lower-case with Turkish rules: `I` → `ı`, `İ` → `i`."""
    return unicodedata.normalize("NFC", text).replace("I", "ı").replace("İ", "i").lower()


def turkish_upper(text: str) -> str:
    """Upper-case with Turkish rules: `i` → `İ`, `ı` → `I`."""
    return unicodedata.normalize("NFC", text).replace("i", "İ").replace("ı", "I").upper()


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """A comparison key: Turkish lower case, punctuation dropped, spaces collapsed.

    Cached: header detection asks for the key of every cell of every table line, and cells repeat.
    """
    return " ".join(_WORD.findall(turkish_lower(text)))


@lru_cache(maxsize=1 << 16)
def ascii_key(text: str) -> str:
    """A looser key that also folds Turkish letters to ASCII (`Çok İyi` → `cok iyi`).

    Useful when one document writes `Belediyecilik` and another `Belediyeçilik`. Cached like
    `name_key`: the programme parser keys every labelled cell of every form row.
    """
    key = name_key(text)
    # One `str.replace` per letter: `str.translate` with a dict is several times slower here.
    for letter, ascii_letter in _TR_ASCII.items():
        key = key.replace(letter, ascii_letter)
    return key
