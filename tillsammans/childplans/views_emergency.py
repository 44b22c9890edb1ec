"""Emergency access: the declaration, the second person's confirmation, and what awaits it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tillsammans.childplans import emergency as service
from tillsammans.childplans import forms as f
from tillsammans.childplans.models import EmergencyAccess
from tillsammans.childplans.services import PURPOSE
from tillsammans.core import audit, identity
from tillsammans.core.access import policy, require
from tillsammans.core.models import AuditAction
from tillsammans.organisations.views_edit import _try


@policy("childplans.use")
def emergency(request):
    """Number, ground and reason first. The answer says whether a plan exists only after the
    access is granted, logged and announced."""
    form = f.EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = {}
        if _try(form, lambda: result.setdefault("plan", service.emergency_open(
                actor=request.actor, personal_number=data["personal_number"],
                legal_ground=data["legal_ground"], reason=data["reason"]))):
            if result["plan"] is None:
                return render(request, "childplans/emergency_no_plan.html")
            messages.warning(request, _("Emergency access for %(hours)s hours. It is logged, the SIP "
                                        "coordinator and the log auditors are told, and a second "
                                        "person must confirm it.") % {"hours": settings.EMERGENCY_ACCESS_HOURS})
            return redirect("childplans:plan", result["plan"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("Emergency access"),
                                              "cancel_url": "childplans:search"})


def _access_for(request, pk: int) -> EmergencyAccess:
    access = EmergencyAccess.objects.select_related(
        "plan__child", "plan__lead_membership", "membership__user", "membership__unit",
        "confirmed_by__unit").filter(pk=pk).first()
    try:
        require(request.actor, "childplans.confirm_emergency", access)
    except PermissionDenied:
        raise Http404 from None
    return access


@policy("childplans.use")
def confirm(request, access_pk: int):
    access = _access_for(request, access_pk)
    form = f.EmergencyConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: service.confirm(actor=request.actor, access=access,
                                              note=form.cleaned_data["note"])):
            messages.success(request, _("The emergency access was confirmed."))
            return redirect("childplans:emergency_to_confirm")
    with transaction.atomic():
        audit.record(request.actor, AuditAction.READ, access, person=access.plan.child, purpose=PURPOSE,
                     detail={"via": "emergency-confirm"})
    basis = "lead" if access.plan.lead_membership_id == request.actor.membership.pk else None
    return render(request, "childplans/emergency_confirm.html", {
        "form": form, "access": access,
        "child_shown": identity.shown(access.plan.child, basis=basis)})


@policy("childplans.use")
def to_confirm(request):
    """Emergency accesses this person may confirm (SIP coordinator, or manager of the unit)."""
    with audit.batch():  # one append of the page's events, at its end
        accesses = service.to_confirm(request.actor)
        for access in accesses:
            audit.record(request.actor, AuditAction.READ, access, person=access.plan.child,
                         purpose=PURPOSE, detail={"via": "emergency-list"})
    return render(request, "childplans/emergency_list.html", {"accesses": accesses})
