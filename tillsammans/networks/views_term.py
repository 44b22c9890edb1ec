"""The term plan: a suggestion first (dates, times, the holidays and bridge days skipped and why),
adjusted by the convener; nothing is booked or sent until they book it."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tillsammans.core.access import policy, require
from tillsammans.core.params import BadParameter
from tillsammans.networks import scheduling
from tillsammans.networks.forms_term import EXTRA_ROWS, TermPlanForm
from tillsammans.networks.models import Network
from tillsammans.organisations.views_edit import _try


@policy("networks.view")
def plan_term(request, pk: int):
    network = get_object_or_404(Network.objects.select_related("area__principal", "convener__user"), pk=pk)
    require(request.actor, "networks.manage", network)
    terms = scheduling.terms_to_plan(network)
    wanted = request.GET.get("termin", terms[0].label.replace(" ", "-"))
    term = next((t for t in terms if t.label.replace(" ", "-") == wanted), None)
    if term is None:
        raise BadParameter("termin", _("Choose one of the terms offered: %(terms)s.") % {
            "terms": ", ".join(t.label for t in terms)})
    suggestion = scheduling.suggest_term(network, term)
    start = scheduling.DEFAULT_START
    end = (scheduling.at(term.start, start) + timedelta(minutes=network.usual_minutes)).time()
    initial = {"place": network.area.name, "rows": len(suggestion.dates) + EXTRA_ROWS}
    for index, day in enumerate(suggestion.dates):
        initial.update({f"include_{index}": True, f"day_{index}": day, f"start_{index}": start,
                        f"end_{index}": end})
    for index in range(len(suggestion.dates), initial["rows"]):
        initial.update({f"start_{index}": start, f"end_{index}": end})
    form = TermPlanForm(request.POST if request.method == "POST" else None, initial=initial,
                        count=initial["rows"])
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["chosen"]
        for starts_at, ends_at in chosen:
            for text in scheduling.conflicts(network, starts_at, ends_at):
                warnings.append(f"{starts_at:%Y-%m-%d}: {text}")
        if not warnings or form.cleaned_data["book_anyway"]:
            booked = []
            if _try(form, lambda: booked.extend(scheduling.book_term(
                    actor=request.actor, network=network, rows=chosen, place=form.cleaned_data["place"],
                    themes=form.cleaned_data["themes"]))):
                messages.success(request, _("%(n)s meetings were booked and the invitations are being sent.")
                                 % {"n": len(booked)})
                return redirect("networks:network", network.pk)
    return render(request, "networks/plan_term.html", {
        "network": network, "term": term, "terms": terms, "suggestion": suggestion, "form": form,
        "warnings": warnings}, status=422 if form.errors or warnings else 200)
