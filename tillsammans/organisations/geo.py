"""Geometry: GeoJSON boundaries (WGS 84, longitude first) and points in areas (shapely)."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _
from shapely.errors import GEOSException
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from tillsammans.organisations.validators import SWEDEN_LAT, SWEDEN_LON


class GeoJSONError(ValueError):
    """The boundary is not usable GeoJSON; the message is Swedish and says why."""


def parse_boundary(value: Any) -> BaseGeometry:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise GeoJSONError(_("The boundary is not valid JSON (line %(line)s, column %(col)s).")
                               % {"line": exc.lineno, "col": exc.colno}) from None
    if not isinstance(value, dict):
        raise GeoJSONError(_("The boundary must be a GeoJSON object."))
    if value.get("type") == "FeatureCollection":
        features = value.get("features") or []
        if len(features) != 1:
            raise GeoJSONError(_("A FeatureCollection must hold exactly one feature."))
        value = features[0]
    if value.get("type") == "Feature":
        value = value.get("geometry") or {}
    if value.get("type") not in ("Polygon", "MultiPolygon"):
        raise GeoJSONError(_("The boundary must be a Polygon or MultiPolygon, not %(type)s.")
                           % {"type": value.get("type") or _("nothing")})
    try:
        geometry = shape(value)
    except (GEOSException, ValueError, TypeError, IndexError, KeyError, AttributeError):
        raise GeoJSONError(_("The boundary's coordinates cannot be read as a polygon.")) from None
    if geometry.is_empty:
        raise GeoJSONError(_("The boundary is empty."))
    if not geometry.is_valid:
        raise GeoJSONError(_("The boundary is not a valid polygon: %(reason)s.")
                           % {"reason": explain_validity(geometry)})
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    if not (SWEDEN_LON[0] <= min_lon and max_lon <= SWEDEN_LON[1]
            and SWEDEN_LAT[0] <= min_lat and max_lat <= SWEDEN_LAT[1]):
        raise GeoJSONError(_("The boundary lies outside Sweden. GeoJSON gives longitude first, "
                             "then latitude, in WGS 84; convert SWEREF 99 TM before importing."))
    return geometry


def contains_point(geometry: BaseGeometry, latitude: float, longitude: float) -> bool:
    """True if the point lies inside or on the boundary (``covers``, not ``contains``)."""
    return geometry.covers(Point(longitude, latitude))
