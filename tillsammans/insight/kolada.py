"""Kolada, the open database of municipalities' and regions' key figures (RKA, CC BY 4.0).

The API answers ``GET https://api.kolada.se/v2/data/kpi/{kpi}/municipality/{ids}/year/{years}``
(ids and years comma-separated) with::

    {"count": 2, "values": [{"kpi": "N15419", "municipality": "0480", "period": 2023,
                             "values": [{"gender": "T", "count": 1, "status": "", "value": 91.4}, ...]}],
     "next_page": "…"}

One value per municipality (or region) and year is kept: the total (``gender`` "T"), or the only
one given. An answer whose shape is not this – or one that fails – saves nothing and says why; the
values already stored stay as they were. The live call is behind ``KOLADA_LIVE`` (off by default
and in tests); without it a coordinator uploads an answer saved from Kolada's own pages, and the
tests read recorded answers from ``insight/data/kolada/``.

Areas are matched on their principal's municipality code (``Principal.municipality_code``: "0480"
for a municipality, "0004" for a region), for areas of the kind municipality or county."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from tillsammans.organisations.models import Area, AreaKind

ATTRIBUTION = "Källa: Kolada (RKA), licens CC BY 4.0"
KPI_PATTERN = re.compile(r"^[A-Z]\d{5}$")
MAX_PAGES = 20


class KoladaError(Exception):
    """The answer failed or changed shape; the message says why (in Swedish, for the page)."""


@dataclass(frozen=True)
class KoladaValue:
    municipality: str
    year: int
    value: Decimal


def kolada_areas() -> dict[str, Area]:
    """Kolada id → area (municipalities and counties whose principal has a municipality code)."""
    found: dict[str, Area] = {}
    for area in (Area.objects.current().filter(kind__in=[AreaKind.MUNICIPALITY, AreaKind.COUNTY])
                 .exclude(principal=None).exclude(principal__municipality_code="").select_related("principal")
                 .order_by("pk")):
        found.setdefault(area.principal.municipality_code, area)
    return found


def parse(payload: object, *, kpi: str) -> list[KoladaValue]:
    """The values of one answer, or KoladaError naming what is wrong. Null values (not yet
    published, or hidden by Kolada for small numbers) are left out."""
    if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
        raise KoladaError(_("Kolada's answer has no list of values (the answer's shape has changed)."))
    result: list[KoladaValue] = []
    for number, row in enumerate(payload["values"], start=1):
        if not isinstance(row, dict) or not {"kpi", "municipality", "period", "values"} <= row.keys():
            raise KoladaError(_("Value %(n)s in Kolada's answer lacks kpi, municipality, period or values "
                                "(the answer's shape has changed).") % {"n": number})
        if row["kpi"] != kpi:
            raise KoladaError(_("Kolada answered with the key figure %(got)s, not %(kpi)s.") % {
                "got": row["kpi"], "kpi": kpi})
        try:
            year = int(row["period"])
        except (TypeError, ValueError):
            raise KoladaError(_("Value %(n)s in Kolada's answer has the period %(period)r, not a year.") % {
                "n": number, "period": row["period"]}) from None
        if not isinstance(row["values"], list):
            raise KoladaError(_("Value %(n)s in Kolada's answer has no list of values.") % {"n": number})
        by_gender = {}
        for item in row["values"]:
            if not isinstance(item, dict) or "value" not in item:
                raise KoladaError(_("Value %(n)s in Kolada's answer has an entry without a value.") % {"n": number})
            by_gender[item.get("gender", "T")] = item["value"]
        raw = by_gender.get("T", next(iter(by_gender.values())) if len(by_gender) == 1 else None)
        if raw is None:
            continue
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise KoladaError(_("Value %(n)s in Kolada's answer is %(value)r, not a number.") % {
                "n": number, "value": raw}) from None
        if not value.is_finite():
            raise KoladaError(_("Value %(n)s in Kolada's answer is not a finite number.") % {"n": number})
        result.append(KoladaValue(municipality=str(row["municipality"]), year=year, value=value))
    return result


def url_for(kpi: str, ids: list[str], years: list[int]) -> str:
    base = settings.KOLADA_BASE_URL.rstrip("/")
    return f"{base}/data/kpi/{kpi}/municipality/{','.join(ids)}/year/{','.join(str(y) for y in years)}"


def fetch(kpi: str, ids: list[str], years: list[int], *, opener=None) -> dict:
    """Fetch one key figure live (only with ``KOLADA_LIVE``), following ``next_page``. Raises
    KoladaError when the call fails; the answer's shape is checked by :func:`parse`."""
    if not settings.KOLADA_LIVE:
        raise KoladaError(_("Fetching from Kolada is switched off in this installation (KOLADA_LIVE). Upload an "
                            "answer saved from Kolada instead."))
    opener = opener or urllib.request.urlopen
    url, pages, values = url_for(kpi, ids, years), 0, []
    while url and pages < MAX_PAGES:
        if not url.startswith(settings.KOLADA_BASE_URL.rstrip("/")):
            raise KoladaError(_("Kolada pointed to another address than its own."))
        try:
            with opener(url, timeout=settings.KOLADA_TIMEOUT_SECONDS) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise KoladaError(_("Kolada did not answer (%(reason)s).") % {"reason": exc}) from None
        except (ValueError, UnicodeDecodeError):
            raise KoladaError(_("Kolada's answer was not JSON.")) from None
        if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
            raise KoladaError(_("Kolada's answer has no list of values (the answer's shape has changed)."))
        values.extend(payload["values"])
        url, pages = payload.get("next_page") or "", pages + 1
    return {"count": len(values), "values": values}


def read_upload(raw: bytes) -> object:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        raise KoladaError(_("The file is not a JSON answer from Kolada.")) from None
