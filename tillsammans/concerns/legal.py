"""Deadlines and legal references for reports of concern, as editable data (``data/rules.json``,
``data/legal_references.json``), read through the same loader as the plans' references
(``childplans.legal``). A report keeps the deadlines it was received with (they are stored on it)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tillsammans.childplans.legal import LegalReference, load

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Rules:
    assessment_hours: int
    decision_days: int
    feedback_days: int
    remind_assessment_hours_before: int
    remind_decision_days_before: int
    min_extension_reason: int


@cache
def rules() -> Rules:
    data = json.loads((DATA / "rules.json").read_text(encoding="utf-8"))
    return Rules(**{key: int(value) for key, value in data.items() if not key.startswith("_")})


@cache
def references() -> dict[str, LegalReference]:
    return load(DATA / "legal_references.json")


def ref(key: str) -> LegalReference:
    return references()[key]
