"""The languages of parenting support: those an offer can be written in or held in, and those the
public pages' fixed texts exist in.

Offer texts can be written in any language of ``LANGUAGES`` (each shown under its own name, with
its script direction); the fixed texts of the public pages (headings, labels, buttons, errors) exist
in ``INTERFACE`` only, with complete catalogues in ``support/locale/``. A visitor who chooses a
language without fixed texts (Somali, say) reads the offers in that language and the fixed texts in
English: Django would otherwise fall back to Swedish, not to the source language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    code: str
    name: object  # lazy: the language's name in the interface language
    local: str  # the language's name in itself
    rtl: bool = False

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"


LANGUAGES = (
    Language("sv", _("Swedish"), "Svenska"),
    Language("en", _("English"), "English"),
    Language("ar", _("Arabic"), "العربية", rtl=True),
    Language("so", _("Somali"), "Soomaali"),
    Language("fa", _("Persian"), "فارسی", rtl=True),
    Language("ti", _("Tigrinya"), "ትግርኛ"),
    Language("uk", _("Ukrainian"), "Українська"),
    Language("pl", _("Polish"), "Polski"),
    Language("fi", _("Finnish"), "Suomi"),
    Language("tr", _("Turkish"), "Türkçe"),
    Language("es", _("Spanish"), "Español"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
CHOICES = [(language.code, language.name) for language in LANGUAGES]

INTERFACE = ("sv", "en", "ar")
"""Languages whose fixed texts on the public pages are complete (a test checks it)."""

DEFAULT = "sv"
FALLBACK_INTERFACE = "en"


def get(code: str) -> Language:
    return BY_CODE.get(code) or BY_CODE[DEFAULT]


def interface_for(code: str) -> str:
    """The language of the fixed texts for a visitor who chose ``code``."""
    return code if code in INTERFACE else FALLBACK_INTERFACE


def from_accept_language(header: str) -> str | None:
    """The first language of an Accept-Language header that offers can be written in, by quality."""
    choices = []
    for position, part in enumerate((header or "").split(",")):
        piece = part.strip()
        if not piece:
            continue
        tag, _sep, params = piece.partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _eq, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if quality > 0 and primary in BY_CODE:
            choices.append((-quality, position, primary))
    return min(choices)[2] if choices else None


def fallbacks(code: str) -> list[str]:
    """The order in which an offer's texts are tried for a visitor who chose ``code``."""
    order = [code, "en", "sv"] if code != "sv" else ["sv", "en"]
    return list(dict.fromkeys(order))
