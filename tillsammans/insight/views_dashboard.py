"""Dashboards per area, municipality and for the whole region, and the same as a tagged PDF."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tillsammans.core import fragments
from tillsammans.core.access import policy
from tillsammans.core.params import int_param
from tillsammans.core.pdf import pdf_response, render_pdf
from tillsammans.insight import dashboard, kolada
from tillsammans.organisations.models import Area, AreaKind


def _context(area):
    board = dashboard.build(area)
    return {"board": board, "attribution": kolada.ATTRIBUTION, "today": timezone.localdate(),
            "choices": Area.objects.current().filter(
                kind__in=[AreaKind.COUNTY, AreaKind.MUNICIPALITY, AreaKind.DISTRICT]).order_by("kind", "name")}


def _page(request, area):
    """The dashboard is the same for everyone who may see it: a cached part of the page until
    something structural changes or the day turns (ADR 0026)."""
    body = fragments.render_part(request, "dashboard", [area.pk if area else None, timezone.localdate()],
                                 "insight/_dashboard_body.html", lambda: _context(area))
    return render(request, "insight/dashboard.html", {
        "body": body, "title": area.name if area else _("The whole region")})


@policy("insight.view")
def region(request):
    chosen = int_param(request, "omrade")
    if chosen:
        return redirect("insight:dashboard_area", get_object_or_404(Area, pk=chosen).pk)
    return _page(request, None)


@policy("insight.view")
def area(request, pk: int):
    return _page(request, get_object_or_404(Area, pk=pk))


@policy("insight.view")
def region_pdf(request):
    return pdf_response(render_pdf("insight/dashboard_pdf.html", _context(None)), "oversikt-hela-regionen.pdf")


@policy("insight.view")
def area_pdf(request, pk: int):
    place = get_object_or_404(Area, pk=pk)
    return pdf_response(render_pdf("insight/dashboard_pdf.html", _context(place)),
                        f"oversikt-{slugify(place.name)}.pdf")
