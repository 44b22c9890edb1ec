"""Legal references as editable data (data/legal_references.json), never hard-coded in pages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "legal_references.json"


@dataclass(frozen=True)
class LegalReference:
    key: str
    citation: str
    summary: str
    verified: bool


def load(path: Path) -> dict[str, LegalReference]:
    """Read a file of legal references (keys starting with "_" are comments). Apps with their own
    references (concerns) keep them in their own file and read it through this function."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: LegalReference(key=key, citation=value["citation"], summary=value["summary"],
                                verified=bool(value.get("verified")))
            for key, value in data.items() if not key.startswith("_")}


@cache
def references() -> dict[str, LegalReference]:
    return load(DATA)


def ref(key: str) -> LegalReference:
    return references()[key]
