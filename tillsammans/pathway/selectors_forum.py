"""Reads of a joint forum's page, the way its convener works: one meeting's agenda at a time, the
forum's meetings to choose from, and the requests not on any meeting's agenda. Every list is cut in
the database, so the page asks the same number of queries however many meetings and requests the
forum has had (ADR 0028). Who sees what of each request stays ``childplans.rules``' answer
(``selectors.with_bases``); the caller records the reads of the rows it shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page
from django.db.models import Case, F, Q, QuerySet, Value, When

from tillsammans.core.counting import count_of
from tillsammans.core.paging import page_of
from tillsammans.networks.models import Network, NetworkMeeting
from tillsammans.pathway.models import ForumRequest

AGENDA_PER_PAGE = 25
UNPLACED_PER_PAGE = 25
UPCOMING_SHOWN = 5
PAST_PER_PAGE = 5
WAITING = ForumRequest.Status.WAITING


@dataclass
class Meetings:
    """The forum's meetings to choose from: the coming ones (a meeting still going on counts as
    coming), the nearest first and at most UPCOMING_SHOWN, and a page of the past ones, the latest
    first; each meeting with ``requests``, how many requests are on its agenda."""

    upcoming: list[NetworkMeeting]
    more_upcoming: bool
    past: Page


def _with_counts(meetings: QuerySet) -> QuerySet:
    return meetings.only("pk", "network_id", "starts_at", "ends_at", "place", "cancelled").annotate(
        requests=count_of(ForumRequest.objects.all(), "meeting"))


def meetings_of(forum: Network, now: datetime, past_page) -> Meetings:
    """Two queries; cancelled meetings are not offered (their requests are among the unplaced)."""
    live = _with_counts(forum.meetings.filter(cancelled=False))
    upcoming = list(live.filter(ends_at__gt=now).order_by("starts_at", "pk")[:UPCOMING_SHOWN + 1])
    past = page_of(live.filter(ends_at__lte=now).order_by("-starts_at", "-pk"), past_page, PAST_PER_PAGE)
    return Meetings(upcoming[:UPCOMING_SHOWN], len(upcoming) > UPCOMING_SHOWN, past)


def chosen_meeting(forum: Network, wanted: int | None, meetings: Meetings, now: datetime) -> NetworkMeeting | None:
    """The meeting asked for (any meeting of this forum, a cancelled one too), else the next coming
    one, else the latest past one; None when the forum has had none or ``wanted`` is not one of
    its meetings (the caller tells these apart). A query only when the meeting is not among those
    listed already."""
    listed = [*meetings.upcoming, *meetings.past.object_list]
    if wanted is not None:
        found = next((m for m in listed if m.pk == wanted), None)
        return found or _with_counts(forum.meetings.filter(pk=wanted)).first()
    if meetings.upcoming:
        return meetings.upcoming[0]
    if meetings.past.number == 1:
        return meetings.past.object_list[0] if meetings.past.object_list else None
    return _with_counts(forum.meetings.filter(cancelled=False, ends_at__lte=now)).order_by(
        "-starts_at", "-pk").first()


# What a row of the request table shows, and what the access rules read of it (the child in full:
# ``core.identity.shown`` decides what of it a page shows).
ROW_FIELDS = ("id", "forum_id", "worry_id", "requesting_unit_id", "consent_id", "age_band", "area_id", "meeting_id",
              "status", "decision", "created_at", "worry__id", "worry__child_id", "worry__unit_id",
              "worry__author_id", "worry__child", "requesting_unit__name", "area__name")


def _rows(requests: QuerySet) -> QuerySet:
    return requests.select_related("area", "requesting_unit", "worry__child").only(*ROW_FIELDS)


def agenda(meeting: NetworkMeeting, number) -> Page:
    """The requests on a meeting's agenda in the order they came, a page of AGENDA_PER_PAGE."""
    page = page_of(_rows(ForumRequest.objects.filter(meeting=meeting)).order_by("created_at", "pk"),
                   number, AGENDA_PER_PAGE)
    for request in page.object_list:
        request.meeting_cancelled = meeting.cancelled
    return page


def unplaced(forum: Network, number) -> Page:
    """The forum's requests on no meeting's agenda (none, or a cancelled meeting), a page of
    UNPLACED_PER_PAGE: those waiting for the forum first, the longest waiting first; then the ones
    decided or withdrawn without a meeting, the latest first."""
    cancelled = forum.meetings.filter(cancelled=True).values("pk")  # a subquery: no join for every row
    requests = ForumRequest.objects.filter(Q(meeting__isnull=True) | Q(meeting_id__in=cancelled), forum=forum)
    waiting_first = Case(When(status=WAITING, then=Value(0)), default=Value(1))
    waited_since, came = Case(When(status=WAITING, then=F("created_at"))), Case(When(status=WAITING, then=F("pk")))
    page = page_of(_rows(requests).order_by(waiting_first, waited_since.asc(nulls_last=True), came.asc(nulls_last=True),
                                            F("created_at").desc(), "-pk"), number, UNPLACED_PER_PAGE)
    for request in page.object_list:
        request.meeting_cancelled = request.meeting_id is not None
    return page


def shown(actor, forum: Network, *pages: Page) -> list[ForumRequest]:
    """Each page's rows as the actor may see them (``selectors.with_bases``, one pass of the access
    rules for all the pages together); returns every request shown once, for the access log."""
    from tillsammans.pathway.selectors import with_bases

    distinct = {}
    for page in pages:
        for request in page.object_list:
            request.forum = forum  # the rules read its convener and chair: no join for it
            distinct.setdefault(request.pk, request)
    seen = {r.pk: r for r in with_bases(actor, distinct.values())}
    for page in pages:
        page.object_list = [seen[r.pk] for r in page.object_list if r.pk in seen]
    return list(seen.values())
