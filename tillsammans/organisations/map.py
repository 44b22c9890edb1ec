"""An SVG map drawn on the server from GeoJSON boundaries and unit points: no tiles, no script.

Equirectangular projection with the longitude scaled by cos(latitude), so that shapes look right
at Swedish latitudes. Everything is styled with classes (strict CSP forbids style attributes).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tillsammans.organisations.geo import parse_boundary
from tillsammans.organisations.models import Area, Unit

WIDTH = 800


@dataclass
class Projection:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    def __post_init__(self) -> None:
        mid = math.radians((self.min_lat + self.max_lat) / 2)
        self.kx = math.cos(mid)
        span_x = max((self.max_lon - self.min_lon) * self.kx, 1e-6)
        span_y = max(self.max_lat - self.min_lat, 1e-6)
        self.scale = WIDTH / span_x
        self.height = max(int(span_y * self.scale), 1)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (round((lon - self.min_lon) * self.kx * self.scale, 1),
                round((self.max_lat - lat) * self.scale, 1))


def _rings(geometry) -> Iterable:
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        yield polygon.exterior.coords
        yield from (interior.coords for interior in polygon.interiors)


def _path(geometry, projection: Projection) -> str:
    parts = []
    for ring in _rings(geometry):
        points = [projection.xy(lon, lat) for lon, lat, *_ in ring]
        parts.append("M" + " L".join(f"{x},{y}" for x, y in points) + " Z")
    return " ".join(parts)


MARKER_RADIUS = WIDTH * 0.036
"""A unit's marker, in map units: at least 24 × 24 CSS px (WCAG 2.5.8) on a 390 px phone, where
the map is about 358 px wide (29 map units ≈ 13 px)."""
MARKER_GAP = WIDTH * 0.004


@dataclass(frozen=True)
class MapPoint:
    """Something drawn as a numbered marker: a unit, an offer of support at its provider, …"""

    name: str
    url: str
    latitude: float
    longitude: float
    note: str = ""


@dataclass
class Marker:
    number: int
    point: MapPoint
    x: float
    y: float
    at_x: float
    at_y: float

    @property
    def moved(self) -> bool:
        return (self.x, self.y) != (self.at_x, self.at_y)


def _spread(markers: list[Marker], height: float) -> None:
    """Push markers apart until no two overlap; each keeps a leader line to where it lies."""
    reach = 2 * MARKER_RADIUS + MARKER_GAP
    low, high_x, high_y = MARKER_RADIUS, WIDTH - MARKER_RADIUS, max(height - MARKER_RADIUS,
                                                                    MARKER_RADIUS)
    for _round in range(200):
        moved = False
        for i, first in enumerate(markers):
            for second in markers[i + 1:]:
                dx, dy = second.x - first.x, second.y - first.y
                distance = math.hypot(dx, dy)
                if distance >= reach - 0.01:
                    continue
                if distance < 1e-6:  # same spot: fan out by number
                    angle = second.number * 2.399963  # the golden angle
                    dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
                push = (reach - distance) / 2 + 0.1
                ux, uy = dx / distance, dy / distance
                first.x, first.y = first.x - ux * push, first.y - uy * push
                second.x, second.y = second.x + ux * push, second.y + uy * push
                moved = True
        for marker in markers:
            marker.x = round(min(max(marker.x, low), high_x), 1)
            marker.y = round(min(max(marker.y, low), high_y), 1)
        if not moved:
            return


def render_map(area: Area, children: Iterable[Area], units: Iterable[Unit], *,
               label: str | None = None, prefix: str = "map") -> SafeString:
    """The area's boundary, its sub-areas dashed, and its units as numbered links (see render_points)."""
    from django.urls import reverse

    points = [MapPoint(unit.name, reverse("organisations:unit_detail", args=[unit.pk]), unit.latitude,
                       unit.longitude, unit.unit_type.name) for unit in units if unit.has_point]
    return render_points(area, children, points,
                         label=label or _("Map of %(area)s with its units") % {"area": area.name}, prefix=prefix)


def render_points(area: Area, children: Iterable[Area], points: Iterable[MapPoint], *, label: str,
                  prefix: str = "map", skip_text: str | None = None, list_title: str | None = None) -> SafeString:
    """The area's boundary, its sub-areas dashed, and the points as numbered links that are large
    enough to hit and never overlap; the same points as a numbered list beside the map, and a skip
    link before it so that one keypress passes the map's links."""
    if not area.boundary:
        return mark_safe("")  # noqa: S308 - empty string
    outline = parse_boundary(area.boundary)
    margin_lon = (outline.bounds[2] - outline.bounds[0]) * 0.03
    margin_lat = (outline.bounds[3] - outline.bounds[1]) * 0.03
    projection = Projection(outline.bounds[0] - margin_lon, outline.bounds[1] - margin_lat,
                            outline.bounds[2] + margin_lon, outline.bounds[3] + margin_lat)
    child_paths = [(_path(parse_boundary(child.boundary), projection), child.name)
                   for child in children if child.boundary]
    markers = []
    for number, point in enumerate(points, start=1):
        x, y = projection.xy(point.longitude, point.latitude)
        markers.append(Marker(number, point, x, y, x, y))
    height = max(projection.height, int(2 * MARKER_RADIUS + 2))
    _spread(markers, height)
    return render_to_string("organisations/_map.html", {
        "prefix": prefix, "width": WIDTH, "height": height, "title": label,
        "skip_text": skip_text or _("Skip the map: go to the list of its units"),
        "list_title": list_title or _("Units on the map, by number"),
        "outline": _path(outline, projection), "child_paths": child_paths, "markers": markers,
        "radius": round(MARKER_RADIUS, 1), "dot": round(MARKER_RADIUS / 5, 1),
        "text_y": round(MARKER_RADIUS * 0.36, 1)})
