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


SQLITE_COLLATION = "swedish"
POSTGRES_COLLATION = "sv-x-icu"


def _sqlite_compare(left: str, right: str) -> int:
    a, b = swedish_key(left), swedish_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    """Give every SQLite connection a Swedish collation (Å, Ä, Ö after Z, in that order)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _sqlite_compare)


def swedish(field: str):
    """An ORDER BY expression that sorts ``field`` in Swedish on SQLite and PostgreSQL."""
    from django.db import connection
    from django.db.models.functions import Collate

    name = POSTGRES_COLLATION if connection.vendor == "postgresql" else SQLITE_COLLATION
    return Collate(field, name)
