"""Swedish text helpers: case folding for search, Swedish sort keys."""

from __future__ import annotations

import unicodedata

_SWEDISH_ORDER = "abcdefghijklmnopqrstuvwxyzåäö"


def fold(text: str) -> str:
    """A search form of ``text``: case-folded, Swedish letters kept, whitespace collapsed."""
    normal = unicodedata.normalize("NFC", text or "")
    return " ".join(normal.casefold().split())


def swedish_key(text: str) -> tuple:
    """Sort key that puts Å, Ä, Ö after Z in that order (byte order puts Ä before Å)."""
    key = []
    for char in fold(text):
        index = _SWEDISH_ORDER.find(char)
        key.append((0, index) if index >= 0 else (1, ord(char)))
    return tuple(key)
