"""Dashboards per area, municipality and for the whole region, and the same as a tagged PDF."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify

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


@policy("insight.view")
def region(request):
    chosen = int_param(request, "omrade")
    if chosen:
        return redirect("insight:dashboard_area", get_object_or_404(Area, pk=chosen).pk)
    return render(request, "insight/dashboard.html", _context(None))


@policy("insight.view")
def area(request, pk: int):
    return render(request, "insight/dashboard.html", _context(get_object_or_404(Area, pk=pk)))


@policy("insight.view")
def region_pdf(request):
    return pdf_response(render_pdf("insight/dashboard_pdf.html", _context(None)), "oversikt-hela-regionen.pdf")


@policy("insight.view")
def area_pdf(request, pk: int):
    place = get_object_or_404(Area, pk=pk)
    return pdf_response(render_pdf("insight/dashboard_pdf.html", _context(place)),
                        f"oversikt-{slugify(place.name)}.pdf")
