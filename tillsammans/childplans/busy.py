"""SIP meetings book the professionals invited (core.busy). They are named only as "a SIP
meeting": whoever plans another meeting learns nothing of the child."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tillsammans.childplans.models import MeetingInvitation
from tillsammans.core.busy import Booking, provider


@provider
def sip_meetings(users, contacts, starts_at, ends_at) -> list[Booking]:
    rows = (MeetingInvitation.objects.filter(meeting__cancelled=False, meeting__starts_at__lt=ends_at,
                                             meeting__ends_at__gt=starts_at, membership__user_id__in=users)
            .exclude(response=MeetingInvitation.Response.DECLINED)
            .values_list("meeting_id", "meeting__plan_id", "meeting__starts_at", "membership__user_id"))
    by_meeting: dict[int, tuple] = {}
    for meeting_id, plan_id, meeting_start, user_id in rows:
        _plan, _start, people = by_meeting.setdefault(meeting_id, (plan_id, meeting_start, set()))
        people.add(user_id)
    return [Booking(starts_at=start, what=_("a SIP meeting"), kind="sip",
                    meeting_key=("childplans.planmeeting", meeting_id),
                    owner_key=("childplans.coordinatedplan", plan_id), user_ids=frozenset(people))
            for meeting_id, (plan_id, start, people) in by_meeting.items()]
