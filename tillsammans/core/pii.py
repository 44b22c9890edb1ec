"""Guard for structural texts (agendas, minutes, plans): no personal data about children or families.

Finds personal identity and coordination numbers with a valid check digit (in every usual
spelling), phone numbers, private e-mail addresses and first names that stand with what identifies
a child – never by looking up the child register, which would itself leak. Text is normalised
first (NFKC; dashes, zero-width characters, non-breaking spaces, full-width forms), so that
"160412‑1234" with a non-breaking hyphen or "ella＠gmail.com" with a full-width at sign are found.
Dates, amounts ("1 250 tkr"), postal codes and goal numbers ("7.1.3") pass, and so does a speaker
or a guest named in a public record ("Anna Svensson från BVC presenterade").

One registry says which structural text fields are guarded: each app lists its fields in its own
``pii_fields.py`` (``guard(...)`` / ``exempt(...)``); a test walks every text field of the
structural models and fails on one that is neither. A guarded field is checked on every save
(``pre_save``), whichever path writes it, and forms can use :func:`validate_text` to show the
refusal on the field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from personnummer import personnummer

from tillsammans.core.discovery import import_app_modules

PNR = re.compile(r"(?<!\d)(?<!\d\.)(?:(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4}))(?!\d|\.\d)")
PHONE = re.compile(r"(?<!\d)(?<!\d\.)(?:\+46[\s-]?|0)\d{1,3}[\s-]?\d{2,3}(?:[\s-]?\d{2}){1,3}(?!\d|\.\d)")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)
WORD = re.compile(r"\b[A-ZÅÄÖÉ][a-zåäöéü]+\b")
PRIVATE_MAIL_DOMAINS = {
    "gmail.com", "hotmail.com", "hotmail.se", "outlook.com", "live.se", "live.com", "yahoo.com", "yahoo.se",
    "icloud.com", "me.com", "telia.com", "spray.se", "bredband.net", "comhem.se", "protonmail.com", "msn.com",
}

# Normalisation (after NFKC): every dash to "-", zero-width characters away, odd spaces to " ".
_TRANSLATE = {
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"),
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None),
    0x00A0: " ", 0x202F: " ", 0x2007: " ", 0x2009: " ", 0x3000: " ",
}
_SPACED_DIGITS = re.compile(r"(?<=\d)(?:\s*-\s*|\s)(?=\d)")

# What makes a first name identify a child: an age, a class, a word for the child or the family.
_CHILD_CONTEXT = re.compile(
    r"\b\d{1,2}\s*(?:år|års|-?åring(?:en)?|mån(?:ader)?)\b"
    r"|\b\w+åring(?:en)?\b"
    r"|\b(?:klass|åk|årskurs|förskoleklass)\s*\d"
    r"|\b(?:barnet|barnen|eleven|eleverna|pojken|flickan|killen|tjejen|sonen|dottern|bebisen|"
    r"ungdomen|tonåringen|syskonen|syskon|familjen|familj|mamman|mamma|pappan|pappa|"
    r"föräldrarna|föräldern|vårdnadshavaren|vårdnadshavarna|brodern|bror|systern|syster|"
    r"mormor|morfar|farmor|farfar|styvpappa|styvmamma|fosterhem|familjehem)\b",
    re.IGNORECASE)
# What makes a name a speaker or a guest in a public record.
_SPEAKER_AFTER = {
    "från", "presenterade", "berättade", "föreläste", "informerade", "inledde", "medverkade",
    "redovisade", "visade", "ledde", "höll", "deltog", "gästade", "talade", "föredrog", "svarade",
    "rektor", "kurator", "specialpedagog", "skolsköterska", "samordnare", "enhetschef",
    "verksamhetschef", "socialsekreterare", "psykolog", "läkare", "sjuksköterska", "barnmorska",
    "polis", "projektledare", "forskare", "docent", "professor", "utvecklingsledare", "chef",
}
_SPEAKER_BEFORE = {"gäst", "gästen", "föreläsare", "föreläsaren", "inbjuden", "inbjudna", "talare",
                   "moderator", "ordförande", "sekreterare", "gästföreläsare"}
_SENTENCE = re.compile(r"[^.!?\n]+")
_TOKEN = re.compile(r"[\wåäöÅÄÖéÉ-]+")


@dataclass(frozen=True)
class Finding:
    kind: str  # personal_number, phone, private_email, first_name
    text: str


@cache
def first_names() -> frozenset[str]:
    path = Path(__file__).resolve().parent / "data" / "first_names_sv.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def normalise(text: str) -> str:
    """NFKC, then dashes to "-", zero-width characters dropped, non-breaking spaces to " "."""
    return unicodedata.normalize("NFKC", text or "").translate(_TRANSLATE)


def _valid_number(digits: str) -> bool:
    try:
        return personnummer.valid(re.sub(r"\D", "", digits))
    except Exception:  # noqa: BLE001 - the library raises on odd input; odd input is not a number
        return False


def _numbers(text: str) -> list[tuple[int, int]]:
    spans = {m.span() for m in PNR.finditer(text) if _valid_number(m.group(0))}
    # Spaced or hyphenated digits ("16 04 12 - 12 34"): the same search with the gaps closed.
    squeezed, positions = [], []
    index = 0
    for match in _SPACED_DIGITS.finditer(text):
        squeezed.append(text[index:match.start()])
        positions.extend(range(index, match.start()))
        index = match.end()
    squeezed.append(text[index:])
    positions.extend(range(index, len(text)))
    closed = "".join(squeezed)
    for match in PNR.finditer(closed):
        if _valid_number(match.group(0)):
            start, end = positions[match.start()], positions[match.end() - 1] + 1
            if not any(s <= start < e for s, e in spans):
                spans.add((start, end))
    return sorted(spans)


def _is_speaker(tokens: list[str], index: int) -> bool:
    after = index + 1
    if after < len(tokens) and tokens[after][:1].isupper() and tokens[after] not in first_names():
        after += 1  # a surname
    following = [t.lower() for t in tokens[after:after + 3]]
    if following[:1] == ["från"] and following[1:2] and following[1] in {
            "förskolan", "skolan", "klassen", "fritids", "familjen", "hemmet"}:
        return False
    if any(word in _SPEAKER_AFTER for word in following):
        return True
    return any(t.lower() in _SPEAKER_BEFORE for t in tokens[max(0, index - 3):index])


def _names(text: str) -> list[Finding]:
    findings = []
    names = first_names()
    for sentence in _SENTENCE.finditer(text):
        words = sentence.group(0)
        tokens = _TOKEN.findall(words)
        child = bool(_CHILD_CONTEXT.search(words))
        for index, token in enumerate(tokens):
            if token in names and WORD.fullmatch(token) and (child or not _is_speaker(tokens, index)):
                findings.append(Finding("first_name", token))
    return findings


def find(text: str) -> list[Finding]:
    text = normalise(text)
    findings: list[Finding] = []
    numbers = _numbers(text)
    for start, end in numbers:
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
    findings.extend(_names(text))
    return findings


# Messages ---------------------------------------------------------------------------------------

KIND_WORDS = {
    "personal_number": _("a personal identity number"), "phone": _("a phone number"),
    "private_email": _("a private e-mail address"),
    "first_name": _("a first name together with what identifies a child"),
}


def explain(findings: Iterable[Finding]) -> str:
    kinds = sorted({f.kind for f in findings})
    return str(_("Write this without personal data about children or families (found: %(what)s).")) % {
        "what": ", ".join(str(KIND_WORDS[k]) for k in kinds)}


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _texts(item)]
    return []


def validate_text(value: Any) -> None:
    """A form or model field validator: refuses personal data in a text (or a JSON of texts)."""
    findings = [finding for text in _texts(value) for finding in find(text)]
    if findings:
        raise ValidationError(explain(findings), code="personal_data")


# The registry ------------------------------------------------------------------------------------

GUARDED: dict[str, set[str]] = {}
"""model label -> guarded text fields (free text about the structure, never about a child)."""

EXEMPT: dict[str, dict[str, str]] = {}
"""model label -> {field: why it is not free text} (names of units, codes, references…)."""

STRUCTURAL_APPS = ("organisations", "networks", "planning", "events", "support", "insight", "pathway")


class PersonalDataError(ValidationError):
    """A guarded field was about to be saved with personal data in it."""


def guard(model: str, *fields: str) -> None:
    GUARDED.setdefault(model, set()).update(fields)


def exempt(model: str, reason: str, *fields: str) -> None:
    EXEMPT.setdefault(model, {}).update(dict.fromkeys(fields, reason))


def errors_for(instance, fields: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Field -> message for every guarded field of ``instance`` that holds personal data."""
    guarded = GUARDED.get(instance._meta.label, set())
    if fields is not None:
        guarded = guarded & set(fields)
    errors = {}
    for name in sorted(guarded):
        try:
            validate_text(getattr(instance, name))
        except ValidationError as exc:
            errors[name] = exc.messages
    return errors


def _check_before_save(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    if raw:
        return
    errors = errors_for(instance, update_fields)
    if errors:
        raise PersonalDataError(errors)


def autodiscover() -> None:
    """Import each app's ``pii_fields`` and check every guarded model before it is saved."""
    from django.apps import apps
    from django.db.models.signals import pre_save

    import_app_modules("pii_fields")
    for label in GUARDED:
        pre_save.connect(_check_before_save, sender=apps.get_model(label),
                         dispatch_uid=f"pii-guard-{label}")
