"""Swedish personal identity and coordination numbers (personnummer, samordningsnummer)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from personnummer import personnummer


def luhn_digit(nine: str) -> str:
    total = 0
    for index, char in enumerate(nine):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return str((10 - total % 10) % 10)


def normalise(value: str) -> str:
    """Validate and return the 12-digit form YYYYMMDDNNNN; raise ValidationError in Swedish."""
    raw = (value or "").strip()
    try:
        number = personnummer.parse(raw)
    except (personnummer.PersonnummerException, ValueError, TypeError):
        raise ValidationError(
            _("%(value)s is not a valid personal identity or coordination number "
              "(YYYYMMDD-NNNN with a correct check digit).") % {"value": raw or "–"},
            code="personal_number") from None
    return number.format(True).replace("-", "").replace("+", "")


def display(normalised: str) -> str:
    return f"{normalised[:8]}-{normalised[8:]}" if len(normalised) == 12 else normalised


def is_coordination_number(normalised: str) -> bool:
    return int(normalised[6:8]) > 60


def birth_date(normalised: str) -> date:
    day = int(normalised[6:8])
    return date(int(normalised[:4]), int(normalised[4:6]), day - 60 if day > 60 else day)


def age(normalised: str, on: date | None = None) -> int:
    on = on or date.today()
    born = birth_date(normalised)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def fictional_number(born: date, serial: int) -> str:
    """A fictional number with a valid check digit, birth serial 980–999 (test range here)."""
    serial = 980 + serial % 20
    nine = f"{born:%y%m%d}{serial:03d}"
    return f"{born:%Y%m%d}{serial:03d}{luhn_digit(nine)}"
