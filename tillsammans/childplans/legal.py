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


@cache
def references() -> dict[str, LegalReference]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {key: LegalReference(key=key, citation=value["citation"], summary=value["summary"],
                                verified=bool(value.get("verified")))
            for key, value in data.items() if not key.startswith("_")}


def ref(key: str) -> LegalReference:
    return references()[key]
