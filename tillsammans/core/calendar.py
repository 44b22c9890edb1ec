"""iCalendar invitations that open in Outlook (see ../shared/pitfalls.md, "Calendar and e-mail").

METHOD:REQUEST with a VTIMEZONE for Europe/Stockholm written as yearly rules (RRULE, last Sunday of
March and of October, the EU rule since 1996) rather than a list of transition dates, which vobject
misreads and Outlook ignores. A stable UID, SEQUENCE raised on every change, METHOD:CANCEL on
cancellation, the convener as ORGANIZER and never also an ATTENDEE of their own request, attendees
with RSVP=FALSE (no one reads Outlook's reply mails) and the page's answer link in the description.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vRecur, vText

STOCKHOLM = ZoneInfo("Europe/Stockholm")
TZID = "Europe/Stockholm"
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

    @property
    def method(self) -> str:
        return "CANCEL" if self.cancelled else "REQUEST"


def stockholm_vtimezone() -> Timezone:
    """Europe/Stockholm as two yearly rules: CEST from the last Sunday of March 02:00, CET from
    the last Sunday of October 03:00 (local time)."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("dtstart", datetime(1970, 3, 29, 2, 0, 0))
    daylight.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("dtstart", datetime(1970, 10, 25, 3, 0, 0))
    standard.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    zone.add_component(daylight)
    zone.add_component(standard)
    return zone


def new_calendar(method: str | None = None) -> Calendar:
    """A calendar with our PRODID and the rule-based Stockholm VTIMEZONE (events use TZID)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add_component(stockholm_vtimezone())
    return calendar


def local(moment: datetime) -> datetime:
    return moment.astimezone(STOCKHOLM)


def to_ics(invitation: Invitation) -> bytes:
    calendar = new_calendar(invitation.method)
    event = Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", local(invitation.starts_at))
    event.add("dtend", local(invitation.ends_at))
    event.add("summary", invitation.summary)
    if invitation.location:
        event.add("location", invitation.location)
    description = invitation.description
    if invitation.url:
        description = f"{description}\n\nSvara (kommer/kommer inte) här: {invitation.url}".strip()
        event.add("url", invitation.url)
    event.add("description", description)
    event.add("status", "CANCELLED" if invitation.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    organizer = vCalAddress(f"mailto:{invitation.organizer_email}")
    organizer.params["cn"] = vText(invitation.organizer_name)
    event["organizer"] = organizer
    for name, email in attendees_of(invitation):
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = vText(name)
        attendee.params["cutype"] = vText("INDIVIDUAL")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


def attendees_of(invitation: Invitation) -> list[tuple[str, str]]:
    """Invited people with an address, each once, never the organiser."""
    organiser = invitation.organizer_email.strip().lower()
    seen: set[str] = set()
    people = []
    for name, email in invitation.attendees:
        key = (email or "").strip().lower()
        if key and key != organiser and key not in seen:
            seen.add(key)
            people.append((name, email))
    return people
