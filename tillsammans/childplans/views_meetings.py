"""SIP meetings: schedule, move and cancel (lead); answer (participants)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tillsammans.childplans import forms as f
from tillsammans.childplans import meetings
from tillsammans.childplans.models import PlanMeeting
from tillsammans.childplans.views import _form_page, _plan_for
from tillsammans.core.access import policy
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.views_edit import _try


@policy("childplans.use")
def meeting_add(request, pk: int):
    plan = _plan_for(request, pk, "childplans.manage_plan")
    form = f.MeetingForm(request.POST if request.method == "POST" else None)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.booking()
        warnings = meetings.conflicts(plan, data["starts_at"], data["ends_at"])
        if (not warnings or form.cleaned_data["book_anyway"]) and _try(
                form, lambda: meetings.schedule(actor=request.actor, plan=plan, **data)):
            messages.success(request, _("The meeting was booked and the invitations are being sent."))
            return redirect("childplans:plan", plan.pk)
    return _meeting_page(request, form, _("Book a SIP meeting"), plan, warnings)


@policy("childplans.use")
def meeting_move(request, pk: int, meeting_pk: int):
    """The SIP lead moves a meeting; everyone invited is sent the update."""
    plan = _plan_for(request, pk, "childplans.manage_plan")
    meeting = get_object_or_404(PlanMeeting, pk=meeting_pk, plan=plan, cancelled=False)
    form = f.MeetingForm(request.POST if request.method == "POST" else None, initial={
        "starts_at": timezone.localtime(meeting.starts_at), "ends_at": timezone.localtime(meeting.ends_at),
        "place": meeting.place})
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.booking()
        warnings = meetings.conflicts(plan, data["starts_at"], data["ends_at"], exclude=meeting)
        if (not warnings or form.cleaned_data["book_anyway"]) and _try(
                form, lambda: meetings.reschedule(actor=request.actor, meeting=meeting, **data)):
            messages.success(request, _("The meeting was moved and everyone invited is sent the new time."))
            return redirect("childplans:plan", plan.pk)
    return _meeting_page(request, form, _("Move the SIP meeting"), plan, warnings)


def _meeting_page(request, form, title, plan, warnings):
    """The booking form; "Book anyway" is offered only once someone is found booked then."""
    if not warnings:
        del form.fields["book_anyway"]
    return _form_page(request, form, title, plan, status=422 if form.errors or warnings else 200,
                      warnings=warnings)


@policy("childplans.use")
@require_POST
def meeting_respond(request, pk: int, meeting_pk: int):
    plan = _plan_for(request, pk, "childplans.contribute")
    meeting = get_object_or_404(PlanMeeting, pk=meeting_pk, plan=plan)
    try:
        meetings.respond(actor=request.actor, meeting=meeting, response=request.POST.get("response", ""))
        messages.success(request, _("Your answer was saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("childplans:plan", plan.pk)


class CancelForm(StyledMixin, forms.Form):
    confirm = forms.BooleanField(label=gettext_lazy("Yes, cancel the meeting and tell everyone invited"))


@policy("childplans.use")
def meeting_cancel(request, pk: int, meeting_pk: int):
    """The SIP lead cancels a meeting after confirming; everyone invited is sent the cancellation."""
    plan = _plan_for(request, pk, "childplans.manage_plan")
    meeting = get_object_or_404(PlanMeeting, pk=meeting_pk, plan=plan, cancelled=False)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: meetings.cancel(actor=request.actor, meeting=meeting)):
            messages.success(request, _("The meeting was cancelled and everyone invited is told."))
            return redirect("childplans:plan", plan.pk)
    when = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")
    return _form_page(request, form, _("Cancel the SIP meeting %(when)s") % {"when": when}, plan,
                      status=422 if form.errors else 200)
