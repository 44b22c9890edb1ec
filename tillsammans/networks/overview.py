"""Min översikt: coming network meetings, invitations not yet answered, follow-up actions one owns."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core.access import Actor
from tillsammans.core.overview import LIMIT, Item, Section, section
from tillsammans.networks.models import ActionItem, Attendance, NetworkMeeting

AHEAD = timedelta(days=60)


def _mine(membership) -> Q:
    return Q(network__convener=membership) | Q(
        network__members__contact_membership=membership, network__members__left_at__isnull=True)


@section(10)
def network_meetings(actor: Actor) -> Section | None:
    now = timezone.now()
    meetings = (NetworkMeeting.objects.filter(_mine(actor.membership), cancelled=False, starts_at__gte=now,
                                              starts_at__lt=now + AHEAD)
                .select_related("network").distinct().order_by("starts_at"))
    rows = list(meetings[:LIMIT + 1])
    if not rows:
        return None
    items = [Item(meeting.network.name, reverse("networks:meeting", args=[meeting.pk]),
                  when=timezone.localtime(meeting.starts_at), note=meeting.place) for meeting in rows[:LIMIT]]
    return Section("network_meetings", _("Coming network meetings"), items, more=len(rows) - len(items),
                   more_url=reverse("networks:my_calendar"))


@section(15)
def network_invitations(actor: Actor) -> Section | None:
    pending = list(Attendance.objects.filter(
        member__contact_membership=actor.membership, response=Attendance.Response.PENDING,
        meeting__cancelled=False, meeting__starts_at__gte=timezone.now())
        .select_related("meeting__network").order_by("meeting__starts_at")[:LIMIT + 1])
    if not pending:
        return None
    items = [Item(row.meeting.network.name, reverse("networks:meeting", args=[row.meeting_id]),
                  when=timezone.localtime(row.meeting.starts_at), note=_("Answer whether you are coming"))
             for row in pending[:LIMIT]]
    return Section("network_invitations", _("Invitations to answer"), items, more=len(pending) - len(items))


@section(20)
def my_actions(actor: Actor) -> Section | None:
    today = timezone.localdate()
    actions = list(ActionItem.objects.filter(owner=actor.membership, done_at__isnull=True)
                   .select_related("meeting__network").order_by("due", "pk")[:LIMIT + 1])
    if not actions:
        return None
    items = [Item(action.text, reverse("networks:meeting", args=[action.meeting_id]), when=action.due,
                  note=action.meeting.network.name, urgent=action.due < today) for action in actions[:LIMIT]]
    return Section("actions", _("Actions you own"), items, more=len(actions) - len(items))
