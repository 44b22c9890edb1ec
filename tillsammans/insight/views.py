"""The insight start page: where the mapping, the surveys, the indicators, the dashboards and the
newsletters are."""

from __future__ import annotations

from django.shortcuts import render

from tillsammans.core.access import allowed, policy


@policy("insight.view")
def home(request):
    actor = request.actor
    return render(request, "insight/home.html", {
        "can_manage": allowed(actor, "insight.manage"), "can_see_surveys": allowed(actor, "insight.survey_results")})
