"""Guard for structural texts (agendas, minutes): no personal data about children or families.

Finds personal identity and coordination numbers with a valid check digit (in every usual
spelling), phone numbers, private e-mail addresses and common first names from a list shipped
with the application – never by looking up the child register, which would itself leak.
Dates, amounts ("1 250 tkr"), postal codes and goal numbers ("7.1.3") pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from personnummer import personnummer

PNR = re.compile(r"(?<!\d)(?<!\d\.)(?:(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4}))(?!\d|\.\d)")
PHONE = re.compile(r"(?<!\d)(?<!\d\.)(?:\+46[\s-]?|0)\d{1,3}[\s-]?\d{2,3}(?:[\s-]?\d{2}){1,3}(?!\d|\.\d)")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)
WORD = re.compile(r"\b[A-ZÅÄÖÉ][a-zåäöéü]+\b")
PRIVATE_MAIL_DOMAINS = {
    "gmail.com", "hotmail.com", "hotmail.se", "outlook.com", "live.se", "live.com", "yahoo.com", "yahoo.se",
    "icloud.com", "me.com", "telia.com", "spray.se", "bredband.net", "comhem.se", "protonmail.com", "msn.com",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # personal_number, phone, private_email, first_name
    text: str


@cache
def first_names() -> frozenset[str]:
    path = Path(__file__).resolve().parent / "data" / "first_names_sv.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def _valid_number(match: re.Match) -> bool:
    digits = re.sub(r"\D", "", match.group(0))
    try:
        return personnummer.valid(digits)
    except Exception:  # noqa: BLE001 - the library raises on odd input; odd input is not a number
        return False


def find(text: str) -> list[Finding]:
    findings: list[Finding] = []
    numbers = {m.span() for m in PNR.finditer(text) if _valid_number(m)}
    for start, end in sorted(numbers):
        findings.append(Finding("personal_number", text[start:end]))
    for match in PHONE.finditer(text):
        if any(s <= match.start() < e for s, e in numbers):
            continue
        digits = re.sub(r"\D", "", match.group(0))
        if 8 <= len(digits) <= 12:
            findings.append(Finding("phone", match.group(0)))
    for match in EMAIL.finditer(text):
        if match.group(1).lower() in PRIVATE_MAIL_DOMAINS:
            findings.append(Finding("private_email", match.group(0)))
    names = first_names()
    for match in WORD.finditer(text):
        if match.group(0) in names:
            findings.append(Finding("first_name", match.group(0)))
    return findings
