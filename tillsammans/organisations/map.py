"""An SVG map drawn on the server from GeoJSON boundaries and unit points: no tiles, no script.

Equirectangular projection with the longitude scaled by cos(latitude), so that shapes look right
at Swedish latitudes. Everything is styled with classes (strict CSP forbids style attributes).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html, format_html_join
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


def render_map(area: Area, children: Iterable[Area], units: Iterable[Unit], *,
               label: str | None = None) -> SafeString:
    """The area's boundary, its sub-areas dashed, and its units as linked dots."""
    if not area.boundary:
        return mark_safe("")  # noqa: S308 - empty string
    outline = parse_boundary(area.boundary)
    margin_lon = (outline.bounds[2] - outline.bounds[0]) * 0.03
    margin_lat = (outline.bounds[3] - outline.bounds[1]) * 0.03
    projection = Projection(outline.bounds[0] - margin_lon, outline.bounds[1] - margin_lat,
                            outline.bounds[2] + margin_lon, outline.bounds[3] + margin_lat)
    child_paths = format_html_join(
        "", '<path class="area area--child" d="{}"><title>{}</title></path>',
        ((_path(parse_boundary(child.boundary), projection), child.name)
         for child in children if child.boundary))
    dots = format_html_join(
        "", '<a href="{}"><title>{} ({})</title><circle class="unit" cx="{}" cy="{}" r="7">'
            '</circle></a>',
        ((reverse("organisations:unit_detail", args=[unit.pk]), unit.name, unit.unit_type.name,
          *projection.xy(unit.longitude, unit.latitude)) for unit in units if unit.has_point))
    title = label or _("Map of %(area)s with its units") % {"area": area.name}
    return format_html(
        '<svg class="map" viewBox="0 0 {} {}" role="group" aria-labelledby="map-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="map-title">{}</title>'
        '<path class="area" d="{}"></path>{}{}</svg>',
        WIDTH, projection.height, title, _path(outline, projection), child_paths, dots)
