"""The convener moves or cancels a network meeting; everyone invited is sent the change."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core.access import policy, require
from tillsammans.networks import services
from tillsammans.networks.forms import MeetingCancelForm, MeetingMoveForm
from tillsammans.networks.models import NetworkMeeting
from tillsammans.organisations.views_edit import _try


def _open_meeting(request, pk: int) -> NetworkMeeting:
    meeting = get_object_or_404(NetworkMeeting.objects.select_related("network"), pk=pk, cancelled=False)
    require(request.actor, "networks.manage", meeting.network)
    return meeting


def _page(request, form, title, meeting):
    return render(request, "form_page.html", {
        "form": form, "title": title, "cancel_href": reverse("networks:meeting", args=[meeting.pk])},
        status=422 if form.errors else 200)


def _when(meeting) -> str:
    return timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")


@policy("networks.view")
def meeting_move(request, pk: int):
    meeting = _open_meeting(request, pk)
    form = MeetingMoveForm(request.POST if request.method == "POST" else None, initial={
        "starts_at": timezone.localtime(meeting.starts_at), "ends_at": timezone.localtime(meeting.ends_at),
        "place": meeting.place})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.meeting_change(actor=request.actor, meeting=meeting, **form.cleaned_data)):
            messages.success(request, _("The meeting was moved and everyone invited is sent the new time."))
            return redirect("networks:meeting", meeting.pk)
    return _page(request, form, _("Move %(network)s %(when)s") % {
        "network": meeting.network.name, "when": _when(meeting)}, meeting)


@policy("networks.view")
def meeting_cancel(request, pk: int):
    meeting = _open_meeting(request, pk)
    form = MeetingCancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.meeting_cancel(actor=request.actor, meeting=meeting)):
            messages.success(request, _("The meeting was cancelled and everyone invited is told."))
            return redirect("networks:network", meeting.network_id)
    return _page(request, form, _("Cancel %(network)s %(when)s") % {
        "network": meeting.network.name, "when": _when(meeting)}, meeting)
