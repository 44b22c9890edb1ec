"""A SIP meeting's record and the family's invitations (the SIP coordinator)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from tillsammans.childplans import forms as f
from tillsammans.childplans import meeting_records
from tillsammans.childplans.models import PlanMeeting
from tillsammans.childplans.views import _form_page, _plan_for
from tillsammans.core.access import policy
from tillsammans.organisations.views_edit import _try


@policy("childplans.use")
def meeting_record(request, pk: int, meeting_pk: int):
    plan = _plan_for(request, pk, "childplans.manage_plan")
    meeting = get_object_or_404(PlanMeeting, pk=meeting_pk, plan=plan)
    record = getattr(meeting, "record", None)
    initial = {}
    if record is not None:
        initial = {"attended": list(record.attended.all()), "child_attended": record.child_attended,
                   "guardians_attended": list(record.guardians_attended.all()),
                   "others_attended": record.others_attended, "agreed": record.agreed,
                   "next_meeting": record.next_meeting}
    form = f.MeetingRecordForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: meeting_records.save_record(actor=request.actor, meeting=meeting,
                                                          **form.cleaned_data)):
            messages.success(request, _("The meeting record was saved as a new version of the plan."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Record of the SIP meeting"), plan)


@policy("childplans.use")
def invite_family(request, pk: int, meeting_pk: int):
    plan = _plan_for(request, pk, "childplans.manage_plan")
    meeting = get_object_or_404(PlanMeeting, pk=meeting_pk, plan=plan)
    form = f.FamilyInvitationForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: meeting_records.invite_family(actor=request.actor, meeting=meeting,
                                                            keys=form.cleaned_data["recipients"])):
            messages.success(request, _("The invitations are being sent."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Invite the child and the guardians"), plan)
