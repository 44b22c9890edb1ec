"""The public report of concern at /orosanmalan/: no login, may be anonymous, rate-limited, and
nothing about the sender's connection kept with it (core.publicforms; services.public_submit)."""

from __future__ import annotations

from django.shortcuts import render

from tillsammans.concerns import legal, services
from tillsammans.concerns.forms import PublicReportForm
from tillsammans.core import publicforms
from tillsammans.core.access import PUBLIC, policy
from tillsammans.organisations.views_edit import _try

RATE_LIMIT = 5
"""Public reports per client address and hour."""


@policy(PUBLIC)
def public_report(request):
    form = PublicReportForm(request.POST or None)
    if request.method == "POST":
        if not publicforms.refuse(request, form, scope="concerns.public", limit=RATE_LIMIT) and form.is_valid():
            data = form.clean_data_without_guard()
            created = {}
            if _try(form, lambda: created.setdefault("report", services.public_submit(
                    actor=request.actor, relation=data.pop("relation") or "private", **data))):
                # The receipt is shown at once: no link, no cookie and no session carry the report.
                response = render(request, "concerns/public_receipt.html", {"report": created["report"]})
                response["Cache-Control"] = "no-store"
                return response
    professional = request.actor.is_authenticated and request.actor.membership is not None
    return render(request, "concerns/public_form.html", {
        "form": form, "professional": professional, "duty": legal.ref("duty_to_report"),
        "everyone": legal.ref("everyone_should_report")})
