"""Network meetings book their convener and the members' contact persons (core.busy)."""

from __future__ import annotations

from django.db.models import Q

from tillsammans.core.busy import Booking, key_of, provider
from tillsammans.networks.models import NetworkMeeting


@provider
def network_meetings(users, contacts, starts_at, ends_at) -> list[Booking]:
    overlapping = (NetworkMeeting.objects.filter(cancelled=False, starts_at__lt=ends_at, ends_at__gt=starts_at)
                   .filter(Q(network__convener__user_id__in=users)
                           | Q(network__members__left_at__isnull=True,
                               network__members__contact_membership__user_id__in=users)
                           | Q(network__members__left_at__isnull=True, network__members__contact_id__in=contacts))
                   .distinct().select_related("network__convener")
                   .prefetch_related("network__members__contact_membership"))
    found = []
    for meeting in overlapping:
        user_ids, contact_ids = {meeting.network.convener.user_id}, set()
        for member in meeting.network.members.all():
            if member.left_at is None and member.contact_membership_id:
                user_ids.add(member.contact_membership.user_id)
            elif member.left_at is None and member.contact_id:
                contact_ids.add(member.contact_id)
        found.append(Booking(starts_at=meeting.starts_at, what=meeting.network.name, kind="network",
                             meeting_key=key_of(meeting), owner_key=key_of(meeting.network),
                             user_ids=frozenset(user_ids & users),
                             contact_ids=frozenset(contact_ids & contacts)))
    return found
