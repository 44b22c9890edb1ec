"""iCalendar invitations that open in Outlook (see ../shared/pitfalls.md, "Outlook replies").

METHOD:REQUEST with a VTIMEZONE for Europe/Stockholm, a stable UID, SEQUENCE raised on every
change, METHOD:CANCEL on cancellation, the convener as ORGANIZER, attendees with RSVP=FALSE (no
one reads Outlook's reply mails) and the page's accept/decline link in the description.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PRODID = "-//Tillsammans//Samverkan kring barn och familjer//SV"


@dataclass
class Invitation:
    uid: str
    sequence: int
    summary: str
    starts_at: datetime
    ends_at: datetime
    organizer_name: str
    organizer_email: str
    attendees: list[tuple[str, str]] = field(default_factory=list)  # (name, email)
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False


def to_ics(invitation: Invitation) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if invitation.cancelled else "REQUEST")
    event = Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", invitation.starts_at.astimezone(STOCKHOLM))
    event.add("dtend", invitation.ends_at.astimezone(STOCKHOLM))
    event.add("summary", invitation.summary)
    if invitation.location:
        event.add("location", invitation.location)
    description = invitation.description
    if invitation.url:
        description = f"{description}\n\nSvara (kommer/kommer inte) här: {invitation.url}".strip()
        event.add("url", invitation.url)
    event.add("description", description)
    event.add("status", "CANCELLED" if invitation.cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{invitation.organizer_email}")
    organizer.params["cn"] = vText(invitation.organizer_name)
    event["organizer"] = organizer
    for name, email in invitation.attendees:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = vText(name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
