"""Validators with Swedish messages that name what is wrong (built on ``geo``, never imported by it)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from organisationsnummer import organisationsnummer

from tillsammans.organisations.geo import SWEDEN_LAT, SWEDEN_LON, GeoJSONError, parse_boundary


def validate_org_number(value: str) -> None:
    if not value:
        return
    if not organisationsnummer.valid(value):
        raise ValidationError(
            _("%(value)s is not a valid organisation number (ten digits, NNNNNN-NNNN, "
              "with a correct check digit)."),
            params={"value": value}, code="org_number",
        )


def normalise_org_number(value: str) -> str:
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    return f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 else value


HSA_ID = re.compile(r"^SE[0-9A-Z]{10,12}-[0-9A-Z]{1,20}$")


def validate_hsa_id(value: str) -> None:
    if value and not HSA_ID.match(value):
        raise ValidationError(
            _("%(value)s is not an HSA-id (e.g. SE2321000032-1234)."),
            params={"value": value}, code="hsa_id",
        )


def validate_postal_code(value: str) -> None:
    if value and not re.fullmatch(r"\d{3} ?\d{2}", value):
        raise ValidationError(_("A postal code has five digits, e.g. 123 45."), code="postal_code")


def validate_coordinates(latitude: float | None, longitude: float | None) -> None:
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(_("Give both latitude and longitude, or neither."), code="coords")
    if not (SWEDEN_LAT[0] <= latitude <= SWEDEN_LAT[1]
            and SWEDEN_LON[0] <= longitude <= SWEDEN_LON[1]):
        raise ValidationError(
            _("The coordinates %(lat)s, %(lon)s lie outside Sweden. Give latitude (55–69) "
              "and longitude (10–24) in WGS 84 decimal degrees."),
            params={"lat": latitude, "lon": longitude}, code="coords_outside",
        )


def validate_geojson_boundary(value) -> None:
    """A GeoJSON Polygon or MultiPolygon (or a Feature holding one) in WGS 84, valid as a shape."""
    if value in (None, "", {}):
        return
    try:
        parse_boundary(value)
    except GeoJSONError as exc:
        raise ValidationError(str(exc), code="geojson") from None
