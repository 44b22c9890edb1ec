"""The convener moves or cancels a network meeting; everyone invited is sent the change."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core.access import policy, require
from tillsammans.networks import scheduling, services
from tillsammans.networks.forms import MeetingCancelForm, MeetingMoveForm
from tillsammans.networks.models import NetworkMeeting
from tillsammans.organisations.views_edit import _try


def _open_meeting(request, pk: int) -> NetworkMeeting:
    meeting = get_object_or_404(NetworkMeeting.objects.select_related("network"), pk=pk, cancelled=False)
    require(request.actor, "networks.manage", meeting.network)
    return meeting


def _when(meeting) -> str:
    return timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")


@policy("networks.view")
def meeting_move(request, pk: int):
    """Move the meeting; a convener or member already booked at the new time is a warning first."""
    meeting = _open_meeting(request, pk)
    form = MeetingMoveForm(request.POST if request.method == "POST" else None, initial={
        "starts_at": timezone.localtime(meeting.starts_at), "ends_at": timezone.localtime(meeting.ends_at),
        "place": meeting.place})
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("starts_at", "ends_at", "place")}
        if data["ends_at"] > data["starts_at"]:
            warnings = scheduling.conflicts(meeting.network, data["starts_at"], data["ends_at"], exclude=meeting)
        if (not warnings or form.cleaned_data["book_anyway"]) and _try(
                form, lambda: services.meeting_change(actor=request.actor, meeting=meeting, **data)):
            messages.success(request, _("The meeting was moved and everyone invited is sent the new time."))
            return redirect("networks:meeting", meeting.pk)
    return render(request, "networks/meeting_move.html", {
        "form": form, "meeting": meeting, "warnings": warnings,
        "title": _("Move %(network)s %(when)s") % {"network": meeting.network.name, "when": _when(meeting)}},
        status=422 if form.errors or warnings else 200)


@policy("networks.view")
def meeting_cancel(request, pk: int):
    meeting = _open_meeting(request, pk)
    form = MeetingCancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.meeting_cancel(actor=request.actor, meeting=meeting)):
            messages.success(request, _("The meeting was cancelled and everyone invited is told."))
            return redirect("networks:network", meeting.network_id)
    members = meeting.network.members.filter(left_at__isnull=True).select_related("contact_membership__user",
                                                                                   "contact")
    convener = meeting.network.convener_id
    invited = sum(1 for m in members if m.contact_email and m.contact_membership_id != convener)
    return render(request, "networks/meeting_cancel.html", {
        "form": form, "meeting": meeting, "invited": invited,
        "title": _("Cancel %(network)s %(when)s") % {"network": meeting.network.name, "when": _when(meeting)}},
        status=422 if form.errors else 200)
