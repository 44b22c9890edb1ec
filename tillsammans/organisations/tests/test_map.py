"""The server-drawn map: unit links large enough to hit (WCAG 2.5.8), never overlapping, the same
units as a numbered list beside the map, and a skip link past the map's links."""

import math
import re

import pytest
from django.urls import reverse

from tillsammans.organisations.map import MARKER_RADIUS, WIDTH, render_map
from tillsammans.organisations.services import recompute_area_units
from tillsammans.testing import factories as f

PHONE_MAP_PX = 390 - 2 * 16 - 2  # the map's width on a 390 px phone: page padding and border


@pytest.mark.django_db
def test_crowded_units_get_separate_markers_of_at_least_24_px_on_a_phone(world):
    district = world["district_a"]
    crowd = [f.UnitFactory(name=f"Förskolan Tätort {n}", authority=world["school_board"],
                           latitude=59.40 + n * 0.0001, longitude=16.50) for n in range(12)]
    recompute_area_units(district)
    html = str(render_map(district, [], crowd))
    centres = [(float(x), float(y)) for x, y in
               re.findall(r'<circle class="unit" cx="([\d.]+)" cy="([\d.]+)"', html)]
    assert len(centres) == 12
    radius = float(re.search(r'<circle class="unit" [^>]*r="([\d.]+)"', html).group(1))
    assert radius == pytest.approx(MARKER_RADIUS, abs=0.1)
    assert 2 * radius * PHONE_MAP_PX / WIDTH >= 24
    for i, (x1, y1) in enumerate(centres):
        for x2, y2 in centres[i + 1:]:
            assert math.hypot(x2 - x1, y2 - y1) >= 2 * radius, "markers overlap"
    assert html.count('class="unit-leader"') >= 11  # moved markers point at where the unit lies
    assert "," not in re.search(r'cx="[^"]*"', html).group(0)  # no decimal comma in coordinates


@pytest.mark.django_db
def test_area_page_lists_the_map_units_by_number_after_a_skip_link(staff_client, world):
    response = staff_client.get(reverse("organisations:area_detail", args=[world["district_a"].pk]))
    html = response.content.decode()
    skip = html.index('href="#map-units"')
    svg_start, svg_end = html.index("<svg"), html.index("</svg>")
    units_list = html.index('id="map-units"')
    assert skip < svg_start < svg_end < units_list
    numbered = re.findall(r'<li value="(\d+)">\s*<a class="ds-link" href="([^"]+)"', html)
    in_svg = re.findall(r'<a href="([^"]+)" class="unit-link" aria-label="(\d+)\.',
                        html[svg_start:svg_end])
    assert sorted((n, href) for href, n in in_svg) == sorted(numbered)
    assert {href for _, href in numbered} >= {
        reverse("organisations:unit_detail", args=[world["preschool_a"].pk]),
        reverse("organisations:unit_detail", args=[world["bvc_a"].pk])}
