"""The young person's own voice: their request for a SIP, objections and the lead's decisions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.childplans import forms as f
from tillsammans.childplans import voice
from tillsammans.childplans.legal import ref
from tillsammans.childplans.models import Consent, Objection, YoungPersonRequest
from tillsammans.childplans.views import PURPOSE, _form_page, _plan_for
from tillsammans.core import audit, identity
from tillsammans.core.access import policy
from tillsammans.core.models import AuditAction
from tillsammans.organisations.views_edit import _try


@policy("childplans.use")
def young_request(request):
    """A professional records, with the young person, their own request. One answer for every
    valid request, whether or not the child or a plan exists."""
    form = f.YoungRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: voice.young_request(actor=request.actor, **form.cleaned_data)):
            return render(request, "childplans/young_registered.html")
    return render(request, "childplans/young_request.html", {
        "form": form, "legal": ref("young_person_request")})


@policy("childplans.start_plan")
def young_requests(request):
    """Requests addressed to this SIP coordinator; each row is child data and is logged."""
    with audit.batch():  # one append of the page's events, at its end
        rows = voice.pending_requests(request.actor)
        for row in rows:
            row.shown = identity.shown(row.child or row, basis="lead")
            audit.record(request.actor, AuditAction.READ, row, person=row.child, purpose=PURPOSE,
                         detail={"via": "young-requests"})
    return render(request, "childplans/young_requests.html", {"rows": rows})


@require_POST
@policy("childplans.start_plan")
def young_request_accept(request, request_pk: int):
    row = YoungPersonRequest.objects.filter(pk=request_pk, lead=request.actor.membership,
                                            handled_at__isnull=True).first()
    if row is None:
        raise Http404
    try:
        plan = voice.young_request_accept(actor=request.actor, request=row)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The young person's request was taken on."))
    return redirect("childplans:plan", plan.pk)


@policy("childplans.use")
def objection_add(request, pk: int):
    plan = _plan_for(request, pk, "childplans.contribute")
    unit_ids = set(Consent.receiving_units.through.objects.filter(consent__plan=plan).values_list(
        "unit_id", flat=True)) | set(plan.participants.values_list("membership__unit_id", flat=True))
    form = f.ObjectionForm(request.POST or None, unit_ids=unit_ids)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: voice.objection_record(actor=request.actor, plan=plan, **form.cleaned_data)):
            messages.success(request, _("The objection was recorded. It blocks until the SIP coordinator "
                                        "records a reasoned decision."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Record the young person's objection"), plan)


@policy("childplans.use")
def objection_decide(request, pk: int, objection_pk: int):
    plan = _plan_for(request, pk, "childplans.manage_plan")
    objection = get_object_or_404(Objection, pk=objection_pk, plan=plan, decision="")
    form = f.ObjectionDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: voice.objection_decide(actor=request.actor, objection=objection,
                                                     **form.cleaned_data)):
            messages.success(request, _("The decision was recorded."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Decide on the young person's objection"), plan)


def voice_context(plan, basis, present: set[str] | None = None) -> dict:
    """The plan page's section on the young person's own voice (``present``: the sections known to
    have rows, from ``selectors.sections_with_rows``; None reads both)."""
    objections = list(plan.objections.select_related("unit", "decided_by__unit", "recorded_by__unit")) \
        if present is None or "objections" in present else []
    own_requests = list(plan.young_requests.select_related("recorded_by__unit")) \
        if present is None or "young_requests" in present else []
    return {"objections": objections, "own_requests": own_requests,
        "objection_pending": any(o.awaiting_decision for o in objections),
        "legal_voice": ref("right_to_be_heard"), "legal_young": ref("young_person_request"),
        "is_young_person": identity.age(plan.child.personal_number) >= 15,
        "may_record_objection": basis in ("lead", "participant")}
