"""Geometry: GeoJSON boundaries (WGS 84, longitude first) and points in areas (shapely).

The lowest layer of the organisations app: it imports nothing from it. The validators build on it."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _
from shapely.errors import GEOSException
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

# A generous box around Sweden (WGS 84). Points outside are typing errors, usually swapped axes.
SWEDEN_LAT = (55.0, 69.2)
SWEDEN_LON = (10.5, 24.3)


class GeoJSONError(ValueError):
    """The boundary is not usable GeoJSON; the message is Swedish and says why."""


SWEREF99TM = "EPSG:3006"


def _is_projected(coords) -> bool:
    while isinstance(coords, list) and coords and isinstance(coords[0], list):
        coords = coords[0]
    return bool(coords) and abs(float(coords[0])) > 1000


def to_wgs84(value: Any) -> Any:
    """GeoJSON in SWEREF 99 TM (the usual municipal GIS system) converted to WGS 84 with pyproj.

    Recognised by a ``crs`` naming EPSG:3006, or by projected coordinates (metres, not degrees).
    Anything else is returned as it is.
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return value
    if not isinstance(value, dict):
        return value
    geometry = value
    if value.get("type") == "FeatureCollection" and len(value.get("features") or []) == 1:
        geometry = value["features"][0].get("geometry") or {}
    elif value.get("type") == "Feature":
        geometry = value.get("geometry") or {}
    crs = json.dumps(value.get("crs") or {})
    if "3006" not in crs and not _is_projected(geometry.get("coordinates")):
        return value
    from pyproj import Transformer

    transformer = Transformer.from_crs(SWEREF99TM, "EPSG:4326", always_xy=True)

    def convert(coords):
        if coords and isinstance(coords[0], list):
            return [convert(c) for c in coords]
        lon, lat = transformer.transform(float(coords[0]), float(coords[1]))
        return [round(lon, 7), round(lat, 7)]

    return {"type": geometry.get("type"), "coordinates": convert(geometry.get("coordinates") or [])}


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
