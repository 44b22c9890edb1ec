"""The term plan as a suggestion the convener adjusts before anything is sent, and warnings when
someone invited would be booked twice at the same time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core import busy
from tillsammans.core.access import Actor
from tillsammans.core.calendar import STOCKHOLM
from tillsammans.networks.models import Network, NetworkMeeting
from tillsammans.networks.planner import Term, default_term, suggest_dates, term_for
from tillsammans.networks.services import meeting_schedule

DEFAULT_START = time(13, 0)


@dataclass
class TermSuggestion:
    term: Term
    dates: list[date]
    skipped: list[tuple[date, str]]
    already: list[NetworkMeeting] = field(default_factory=list)


def terms_to_plan(network: Network, today: date | None = None) -> list[Term]:
    """This term and the next, with the municipality's own dates where registered."""
    today = today or timezone.localdate()
    current = term_for(today, network.area.principal)
    following = default_term("HT" if current.kind == "VT" else "VT", current.year + (current.kind == "HT"))
    following = term_for(following.start + timedelta(days=1), network.area.principal)
    return [current, following]


def suggest_term(network: Network, term: Term, today: date | None = None) -> TermSuggestion:
    """Dates for the meetings the network still needs in the term, on Tue–Thu, holidays and bridge
    days skipped (with the reason), never in the past or on a day it already meets."""
    today = today or timezone.localdate()
    booked = [m for m in network.meetings.filter(cancelled=False)
              if term.start <= timezone.localtime(m.starts_at).date() <= term.end]
    taken = frozenset(timezone.localtime(m.starts_at).date() for m in booked)
    start = max(term.start, today + timedelta(days=1))
    if start > term.end:
        return TermSuggestion(term, [], [], booked)
    remaining = Term(term.kind, term.year, start, term.end)
    dates, skipped = suggest_dates(remaining, max(network.meetings_per_term - len(booked), 0), taken=taken)
    return TermSuggestion(term, dates, skipped, booked)


def conflicts(network: Network, starts_at: datetime, ends_at: datetime, *, exclude=None) -> list[str]:
    """Who of the convener and the members' contact persons is already booked then, and where
    (every kind of meeting that joins ``core.busy``; a SIP meeting is named only as such)."""
    members = list(network.members.filter(left_at__isnull=True).select_related(
        "unit", "contact_membership__user", "contact"))
    people: dict[tuple[str, int], str] = {("u", network.convener.user_id): network.convener.user.get_full_name()}
    for member in members:
        if member.contact_membership_id:
            people.setdefault(("u", member.contact_membership.user_id), member.contact_name)
        elif member.contact_id:
            people.setdefault(("c", member.contact_id), member.contact_name)
    found: list[str] = []
    for booking in busy.bookings(user_ids=[pk for kind, pk in people if kind == "u"],
                                 contact_ids=[pk for kind, pk in people if kind == "c"],
                                 starts_at=starts_at, ends_at=ends_at, exclude=exclude):
        when = timezone.localtime(booking.starts_at).strftime("%H:%M")
        if booking.owner_key == busy.key_of(network):
            found.append(_("The network already meets then (%(when)s).") % {"when": when})
            continue
        keys = {("u", pk) for pk in booking.user_ids} | {("c", pk) for pk in booking.contact_ids}
        for key in sorted(keys & people.keys()):
            found.append(_("%(person)s is already booked (%(what)s) at %(when)s.")
                         % {"person": people[key], "what": booking.what, "when": when})
    return found


def book_term(*, actor: Actor, network: Network, rows: list[tuple[datetime, datetime]], place: str,
              themes=()) -> list[NetworkMeeting]:
    """Book the meetings the convener settled on, in one transaction; each is sent as a request."""
    if not rows:
        raise ValidationError(_("Choose at least one meeting to book."))
    errors = []
    for index, (starts_at, ends_at) in enumerate(rows, start=1):
        if starts_at < timezone.now():
            errors.append(_("Meeting %(n)s: the time has already passed.") % {"n": index})
        if ends_at <= starts_at:
            errors.append(_("Meeting %(n)s: the meeting must end after it starts.") % {"n": index})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return [meeting_schedule(actor=actor, network=network, starts_at=starts_at, ends_at=ends_at,
                                 place=place, themes=themes) for starts_at, ends_at in rows]


def plan_term(*, actor: Actor, network: Network, term: Term, start_time: time = DEFAULT_START,
              place: str = "") -> list[NetworkMeeting]:
    """Book the suggested meetings for the term as they are (the demo; in the pages the convener
    sees the suggestion and adjusts it first)."""
    suggestion = suggest_term(network, term)
    rows = [(at(day, start_time), at(day, start_time) + timedelta(minutes=network.usual_minutes))
            for day in suggestion.dates]
    return book_term(actor=actor, network=network, rows=rows, place=place or network.area.name) if rows else []


def at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, STOCKHOLM)
