"""Shared visions and strategies, and an overview of their adoption across a county's principals."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from tillsammans.core.access import policy
from tillsammans.organisations.models import Principal, PrincipalKind
from tillsammans.planning.models import Vision


@policy("organisations.view")
def vision_list(request):
    return render(request, "planning/vision_list.html", {"visions": Vision.objects.order_by("name")})


@policy("organisations.view")
def vision_detail(request, pk: int):
    vision = get_object_or_404(Vision, pk=pk)
    adoptions = {a.committee.principal_id: a for a in vision.adoptions.select_related("committee__principal")}
    principals = list(Principal.objects.current().filter(kind__in=[PrincipalKind.MUNICIPALITY, PrincipalKind.REGION])
                      .order_by("kind", "name"))
    rows = [(p, adoptions.get(p.pk)) for p in principals]
    return render(request, "planning/vision_detail.html", {
        "vision": vision, "rows": rows, "adopted": sum(1 for _p, a in rows if a), "total": len(rows)})
