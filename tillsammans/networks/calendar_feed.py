"""The personal calendar feed: a secret, revocable address that carries network meetings only."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from icalendar import Event

from tillsammans.core.calendar import STOCKHOLM, new_calendar
from tillsammans.networks.models import CalendarFeed, NetworkMeeting


def feed_create(*, user) -> CalendarFeed:
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


def feed_revoke(*, user) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def meetings_for_user(user):
    """Network meetings where one of the person's memberships convenes or is a member's contact."""
    memberships = list(user.memberships.current().values_list("pk", flat=True))
    return (NetworkMeeting.objects.filter(
        Q(network__convener_id__in=memberships) | Q(network__members__contact_membership_id__in=memberships))
        .distinct().select_related("network").order_by("starts_at"))


def feed_ics(feed: CalendarFeed) -> bytes:
    calendar = new_calendar()
    calendar.add("x-wr-calname", "Tillsammans")
    for meeting in meetings_for_user(feed.user).filter(starts_at__gte=timezone.now() - timedelta(days=90)):
        event = Event()
        event.add("uid", f"network-meeting-{meeting.pk}@tillsammans")
        event.add("sequence", meeting.sequence)
        event.add("dtstamp", timezone.now())
        event.add("dtstart", meeting.starts_at.astimezone(STOCKHOLM))
        event.add("dtend", meeting.ends_at.astimezone(STOCKHOLM))
        event.add("summary", meeting.network.name)
        event.add("location", meeting.place)
        event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
