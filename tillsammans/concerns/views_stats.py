"""Statistics about reports of concern for the structural level (networks, coordinators, managers,
intake): suppressed counts only, never a child or a reporter."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from tillsammans.childplans import rules
from tillsammans.concerns import statistics
from tillsammans.concerns.forms import StatisticsForm
from tillsammans.core.access import policy
from tillsammans.core.params import int_param
from tillsammans.organisations.models import Area


@policy("concerns.statistics")
def statistics_page(request):
    own = rules.intake_municipality_id(request.actor)
    form = StatisticsForm(request.GET or None, initial={"municipality": own})
    if request.GET and not form.is_valid():
        return render(request, "concerns/statistics.html", {"form": form}, status=400)
    data = form.cleaned_data if request.GET else {}
    year = data.get("year") or timezone.localdate().year
    municipality = data.get("municipality")
    municipality_id = municipality.pk if municipality else (None if request.GET else own)
    area_id = int_param(request, "omrade")
    area = Area.objects.filter(pk=area_id).first() if area_id else None
    context = statistics.summary(year, municipality_id, [area.pk] if area else None)
    return render(request, "concerns/statistics.html", {"form": form, "year": year, "area": area, **context})
