"""SIP meetings: schedule (lead), answer (participants), cancel (lead)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.childplans import forms as f
from tillsammans.childplans import meetings
from tillsammans.childplans.models import PlanMeeting
from tillsammans.childplans.views import _form_page, _plan_for
from tillsammans.core.access import policy
from tillsammans.organisations.views_edit import _try


@policy("childplans.use")
def meeting_add(request, pk: int):
    plan = _plan_for(request, pk, "childplans.manage_plan")
    form = f.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: meetings.schedule(actor=request.actor, plan=plan, **form.cleaned_data)):
            messages.success(request, _("The meeting was booked and the invitations are being sent."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Book a SIP meeting"), plan)


@policy("childplans.use")
@require_POST
def meeting_respond(request, pk: int, meeting_pk: int):
    plan = _plan_for(request, pk, "childplans.contribute")
    meeting = get_object_or_404(PlanMeeting, pk=meeting_pk, plan=plan)
    from django.core.exceptions import ValidationError

    try:
        meetings.respond(actor=request.actor, meeting=meeting, response=request.POST.get("response", ""))
        messages.success(request, _("Your answer was saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("childplans:plan", plan.pk)


@policy("childplans.use")
@require_POST
def meeting_cancel(request, pk: int, meeting_pk: int):
    plan = _plan_for(request, pk, "childplans.manage_plan")
    meeting = get_object_or_404(PlanMeeting, pk=meeting_pk, plan=plan, cancelled=False)
    meetings.cancel(actor=request.actor, meeting=meeting)
    messages.success(request, _("The meeting was cancelled and everyone invited is told."))
    return redirect("childplans:plan", plan.pk)
