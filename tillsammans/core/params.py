"""Query parameters read safely: a value that cannot be used gives 400 with a Swedish message,
never a server error. Raise ``BadParameter``; the policy middleware answers it."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

# The largest value a database integer column takes on every backend we run (bigint).
MAX_ID = 2**63 - 1


class BadParameter(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


def int_param(request: HttpRequest, name: str, default: int | None = None, *, minimum: int = 1,
              maximum: int = MAX_ID) -> int | None:
    """An integer from the query string, or ``default`` when it is missing or empty."""
    raw = request.GET.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, _("“%(value)s” is not a whole number (parameter %(name)s).")
                           % {"value": raw[:40], "name": name}) from None
    if not minimum <= value <= maximum:
        raise BadParameter(name, _("%(name)s must be between %(min)s and %(max)s.")
                           % {"name": name, "min": minimum, "max": maximum})
    return value


def int_list_param(request: HttpRequest, name: str, *, minimum: int = 1, maximum: int = MAX_ID) -> list[int]:
    """Every value of a repeated parameter (``?plan=1&plan=2``) as integers."""
    values = []
    for raw in request.GET.getlist(name):
        raw = raw.strip()
        try:
            value = int(raw)
        except ValueError:
            raise BadParameter(name, _("“%(value)s” is not a whole number (parameter %(name)s).")
                               % {"value": raw[:40], "name": name}) from None
        if not minimum <= value <= maximum:
            raise BadParameter(name, _("%(name)s must be between %(min)s and %(max)s.")
                               % {"name": name, "min": minimum, "max": maximum})
        values.append(value)
    return values


def choice_param(request: HttpRequest, name: str, choices, default: str = "") -> str:
    """A value from a fixed set (``choices`` as values or as (value, label) pairs)."""
    raw = request.GET.get(name, "").strip()
    if raw == "":
        return default
    values = {c[0] if isinstance(c, (tuple, list)) else c for c in choices}
    if raw not in values:
        raise BadParameter(name, _("“%(value)s” is not a valid choice (parameter %(name)s).")
                           % {"value": raw[:40], "name": name})
    return raw
