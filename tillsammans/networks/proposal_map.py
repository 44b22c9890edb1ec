"""The forming page's map: the area and the suggested units, numbered and named, drawn on the
server with the organisations map's projection. Units that serve the area from outside it widen
the view so that they show. The same units are listed as text beside it, with the same numbers."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tillsammans.organisations.geo import parse_boundary
from tillsammans.organisations.map import Projection, _path


def render_proposal_map(area, proposals) -> SafeString:
    """``proposals``: objects with ``number``, ``unit`` and ``source`` ("located" / "serves")."""
    if not area.boundary:
        return mark_safe("")  # noqa: S308 - empty string
    outline = parse_boundary(area.boundary)
    min_lon, min_lat, max_lon, max_lat = outline.bounds
    for proposal in proposals:
        unit = proposal.unit
        if unit.has_point:
            min_lon, max_lon = min(min_lon, unit.longitude), max(max_lon, unit.longitude)
            min_lat, max_lat = min(min_lat, unit.latitude), max(max_lat, unit.latitude)
    margin_lon, margin_lat = (max_lon - min_lon) * 0.06, (max_lat - min_lat) * 0.06
    projection = Projection(min_lon - margin_lon, min_lat - margin_lat, max_lon + margin_lon, max_lat + margin_lat)
    markers = format_html_join("", (
        '<g class="proposal proposal--{}"><circle cx="{}" cy="{}" r="14"></circle>'
        '<text x="{}" y="{}" text-anchor="middle" dominant-baseline="central">{}</text>'
        '<text class="proposal__name" x="{}" y="{}">{}</text></g>'), (
        (p.source, x, y, x, y, p.number, x + 18, y, p.unit.name)
        for p in proposals if p.unit.has_point
        for x, y in [projection.xy(p.unit.longitude, p.unit.latitude)]))
    title = _("Map of %(area)s with the suggested units, numbered as in the list") % {"area": area.name}
    return format_html(
        '<svg class="map map--proposals" viewBox="-10 -10 {} {}" role="img" aria-labelledby="proposal-map-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="proposal-map-title">{}</title>'
        '<path class="area" d="{}"></path>{}</svg>',
        1020, projection.height + 20, title, _path(outline, projection), markers)
