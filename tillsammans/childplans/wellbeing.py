"""One shared wellbeing language: the eight SHANARRI indicators, in Swedish, mapped to BBIC.

The BBIC areas are named so that plans can be read by social services; BBIC's own forms are not
cloned (its use requires a licence).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

INDICATORS = [
    ("safe", gettext_lazy("Safe"), "trygg"),
    ("healthy", gettext_lazy("Healthy"), "frisk"),
    ("achieving", gettext_lazy("Achieving"), "utvecklas"),
    ("nurtured", gettext_lazy("Nurtured"), "omvårdad"),
    ("active", gettext_lazy("Active"), "aktiv"),
    ("respected", gettext_lazy("Respected"), "respekterad"),
    ("responsible", gettext_lazy("Responsible"), "ansvarstagande"),
    ("included", gettext_lazy("Included"), "delaktig"),
]
CODES = [code for code, _label, _sv in INDICATORS]
SCALE = range(1, 6)  # 1 = large concerns … 5 = doing well

# SHANARRI indicator → BBIC areas (Barnets utveckling / Föräldrarnas förmåga / Familj och miljö)
BBIC = {
    "safe": ["Föräldrarnas förmåga: Säkerhet", "Barnets utveckling: Känslor och beteende"],
    "healthy": ["Barnets utveckling: Hälsa"],
    "achieving": ["Barnets utveckling: Utbildning", "Föräldrarnas förmåga: Stimulans och vägledning"],
    "nurtured": ["Föräldrarnas förmåga: Grundläggande omsorg",
                 "Föräldrarnas förmåga: Känslomässig tillgänglighet", "Familj och miljö: Boende"],
    "active": ["Barnets utveckling: Sociala relationer", "Familj och miljö: Socialt nätverk och integrering"],
    "respected": ["Barnets utveckling: Känslor och beteende"],
    "responsible": ["Barnets utveckling: Känslor och beteende", "Barnets utveckling: Sociala relationer"],
    "included": ["Familj och miljö: Socialt nätverk och integrering", "Familj och miljö: Arbete och ekonomi"],
}


def label(code: str) -> str:
    return str({c: lab for c, lab, _sv in INDICATORS}[code])


def radar_svg(series: Sequence[tuple[str, dict[str, int], str]], *, title: str) -> SafeString:
    """A radar chart: one polygon per (name, ratings, css class). Classes only, no styles."""
    size, centre, radius = 420, 210, 150
    angles = [(-math.pi / 2) + i * 2 * math.pi / len(CODES) for i in range(len(CODES))]

    def point(index: int, value: float) -> tuple[float, float]:
        r = radius * value / max(SCALE)
        return round(centre + r * math.cos(angles[index]), 1), round(centre + r * math.sin(angles[index]), 1)

    rings = format_html_join("", '<polygon class="radar-ring" points="{}"></polygon>', (
        (" ".join(f"{x},{y}" for x, y in (point(i, level) for i in range(len(CODES)))),)
        for level in SCALE))
    spokes = format_html_join("", '<line class="radar-spoke" x1="{}" y1="{}" x2="{}" y2="{}"></line>', (
        (centre, centre, *point(i, max(SCALE))) for i in range(len(CODES))))
    labels = format_html_join("", '<text class="radar-label" x="{}" y="{}" text-anchor="middle">{}</text>', (
        (*point(i, max(SCALE) + 0.9), label(code)) for i, code in enumerate(CODES)))
    shapes = format_html_join("", '<polygon class="radar-series {}" points="{}"><title>{}</title></polygon>', (
        (css, " ".join(f"{x},{y}" for x, y in (point(i, ratings.get(code, 0))
                                                for i, code in enumerate(CODES))), name)
        for name, ratings, css in series))
    return format_html('<svg class="radar" viewBox="-70 0 {} {}" role="img" aria-labelledby="radar-title" '
                       'xmlns="http://www.w3.org/2000/svg"><title id="radar-title">{}</title>{}{}{}{}</svg>',
                       size + 140, size, title, rings, spokes, shapes, labels)


def describe(series) -> str:
    return _("Radar chart of the eight wellbeing indicators: %(names)s.") % {
        "names": "; ".join(name for name, _r, _c in series)}
