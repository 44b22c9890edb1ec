"""Reading the access log for review: filters, flags and keyset pages.

Built for a log of tens of millions of events: every filter has an index that serves it in the
page's order (newest first: ``occurred_at`` then ``seq``), pages are cut by a cursor instead of an
offset, nothing counts the whole log, and a person or unit is picked by a search on their own
(small) table, never by a text match over the events (units: ``core.pickers.units_matching``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import CharField, Count, Max, Q, QuerySet
from django.db.models.functions import Cast, TruncDate, TruncHour
from django.utils import timezone

from tillsammans.core.models import AccessEvent, AuditOutcome
from tillsammans.core.pickers import PICK_LIMIT
from tillsammans.core.text import fold

OFFICE_HOURS = (7, 18)  # local time; before 07:00 or from 18:00 is "outside office hours"
MANY_CHILDREN_PER_HOUR = 10
FLAGS = ("emergency", "protected", "many", "night", "refused", "probing")


MANY_WINDOW_DAYS = 31  # the "many children" flag looks at this many days when no period is given


@dataclass
class Filters:
    user: str = ""
    user_id: int | None = None
    unit: int | None = None
    unit_ids: list[int] | None = None  # the units a search found (at most PICK_LIMIT)
    child: int | None = None
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None
    flag: str = ""


def _protected_child_ids() -> QuerySet:
    """A subquery of the protected children's ids as text (as person_id stores them)."""
    from tillsammans.childplans.models import Child

    return Child.objects.filter(protected_identity=True).annotate(
        text_id=Cast("pk", CharField())).values("text_id")


def users_matching(text: str) -> list:
    """People whose name or user name begins with the text (a picker for the filter)."""
    from django.contrib.auth import get_user_model

    text = text.strip()
    if not text:
        return []
    condition = Q(username__istartswith=text) | Q(name_folded__startswith=fold(text))
    words = text.split()
    if len(words) > 1:
        condition |= Q(first_name__istartswith=words[0], last_name__istartswith=words[-1])
    else:
        condition |= Q(first_name__istartswith=text) | Q(last_name__istartswith=text)
    return list(get_user_model().objects.filter(condition).order_by("last_name", "first_name", "pk")[:PICK_LIMIT])


def person_picked(user_id: int) -> dict | None:
    """The person the review is filtered to: {"pk", "name"}, the name as ``get_full_name`` (or the
    user name) says it, or None."""
    from django.contrib.auth import get_user_model

    row = get_user_model().objects.filter(pk=user_id).values("pk", "first_name", "last_name", "username").first()
    if row is None:
        return None
    return {"pk": row["pk"], "name": f"{row['first_name']} {row['last_name']}".strip() or row["username"]}


def recent_reviews(count: int = 10) -> list[dict]:
    """The latest documented reviews with their reviewer's name: the columns the page shows."""
    from tillsammans.logreview.models import LogReview

    rows = list(LogReview.objects.order_by("-created_at").values(
        "period_from", "period_to", "conclusion", "follow_up_needed", "created_at",
        "reviewer__user__first_name", "reviewer__user__last_name")[:count])
    for row in rows:
        row["reviewer_name"] = f"{row.pop('reviewer__user__first_name')} {row.pop('reviewer__user__last_name')}".strip()
    return rows


def _period(events: QuerySet, filters: Filters) -> QuerySet:
    tz = timezone.get_current_timezone()
    if filters.date_from:
        events = events.filter(occurred_at__gte=datetime.combine(filters.date_from, time.min, tz))
    if filters.date_to:
        events = events.filter(occurred_at__lt=datetime.combine(filters.date_to + timedelta(days=1),
                                                                  time.min, tz))
    return events


def many_children_keys(events: QuerySet) -> set[tuple[int, datetime]]:
    """(user, hour) pairs in which one user opened more than MANY_CHILDREN_PER_HOUR children."""
    rows = (events.filter(person_type="child").annotate(hour=TruncHour("occurred_at"))
            .values("user_id", "hour").annotate(children=Count("person_id", distinct=True))
            .filter(children__gt=MANY_CHILDREN_PER_HOUR))
    return {(row["user_id"], row["hour"]) for row in rows}


def _refusal_threshold() -> int:
    return settings.LOGREVIEW_REPEATED_REFUSALS


def repeated_refusals(events: QuerySet) -> list[dict]:
    """People refused at least the threshold number of times in one day: (user, day, count)."""
    return list(events.filter(outcome=AuditOutcome.REFUSED).exclude(user_id__isnull=True)
                .annotate(day=TruncDate("occurred_at")).values("user_id", "day")
                .annotate(count=Count("pk"), user_label=Max("user_label"))
                .filter(count__gte=_refusal_threshold()).order_by("-day", "-count"))


def _refusal_keys(events: QuerySet) -> set[tuple[int, date]]:
    return {(row["user_id"], row["day"]) for row in repeated_refusals(events)}


@dataclass
class Refusals:
    """The page's warning: repeated refusals over whole days from ``date_from`` to ``date_to``
    (open-ended when None). The flags of the page's refused events read their days from it
    instead of asking the log again."""

    rows: list[dict]
    date_from: date
    date_to: date | None

    def covers(self, day: date) -> bool:
        return self.date_from <= day and (self.date_to is None or day <= self.date_to)

    def days(self) -> set[tuple[int, date]]:
        """(user, day) of each repeated refusal."""
        return {(row["user_id"], row["day"]) for row in self.rows}


def recent_refusals(filters: Filters) -> Refusals:
    """Repeated refusals in the filters' period, or the last 30 days when it has no start: the
    warning at the top of the page, whatever else the filters narrow."""
    start = filters.date_from or timezone.localdate() - timedelta(days=30)
    return Refusals(repeated_refusals(events_for_review(Filters(date_from=start, date_to=filters.date_to))),
                    start, filters.date_to)


def outside_office_hours() -> Q:
    return (Q(occurred_at__hour__lt=OFFICE_HOURS[0]) | Q(occurred_at__hour__gte=OFFICE_HOURS[1])
            | Q(occurred_at__week_day__in=[1, 7]))


def events_for_review(filters: Filters) -> QuerySet:
    """The matching events, newest first. Cut it with ``page_of``; never count it."""
    # Chained events only: a sealed event joins the review when the sequencer has chained it (ADR 0022).
    events = _period(AccessEvent.objects.filter(seq__isnull=False), filters)
    if filters.user_id:
        events = events.filter(user_id=filters.user_id)
    elif filters.user:
        events = events.filter(user_id__in=[u.pk for u in users_matching(filters.user)])
    if filters.unit:
        events = events.filter(unit_id=filters.unit)
    elif filters.unit_ids is not None:
        events = events.filter(unit_id__in=filters.unit_ids)
    if filters.child:
        events = events.filter(person_type="child", person_id=str(filters.child))
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.flag == "emergency":
        events = events.filter(detail__emergency=True)
    elif filters.flag == "protected":
        events = events.filter(person_type="child", person_id__in=_protected_child_ids())
    elif filters.flag == "night":
        events = events.filter(outside_office_hours())
    elif filters.flag == "many":
        window = events
        if not (filters.date_from or filters.date_to):
            window = window.filter(occurred_at__gte=timezone.now() - timedelta(days=MANY_WINDOW_DAYS))
        keys = many_children_keys(window)
        condition = Q(pk__in=[])
        for user_id, hour in keys:
            condition |= Q(user_id=user_id, occurred_at__gte=hour, occurred_at__lt=hour + timedelta(hours=1))
        events = events.filter(condition)
    elif filters.flag == "refused":
        events = events.filter(outcome=AuditOutcome.REFUSED)
    elif filters.flag == "probing":
        condition = Q(pk__in=[])
        for user_id, day in _refusal_keys(events):
            start = datetime.combine(day, time.min, timezone.get_current_timezone())
            condition |= Q(user_id=user_id, occurred_at__gte=start, occurred_at__lt=start + timedelta(days=1))
        events = events.filter(condition, outcome=AuditOutcome.REFUSED)
    return events.order_by("-occurred_at", "-seq")


@dataclass
class Page:
    rows: list  # AccessEvent, or EventRow from ``review_page``
    newer: str = ""  # cursor for the page of newer events ("" on the newest page)
    older: str = ""  # cursor for the page of older events ("" on the last page)


@dataclass(slots=True)
class EventRow:
    """One event of the review's table: the columns it shows and the flags decide on, read as a
    tuple (not the chain's signed text and MACs, not a model instance), then the cells in words
    (``describe.describe``)."""

    seq: int
    occurred_at: datetime
    user_id: int | None
    user_label: str
    role: str
    unit_id: int | None
    unit_label: str
    action: str
    object_type: str
    object_id: str
    person_type: str
    person_id: str
    purpose: str
    detail: Any
    outcome: str
    flags: list[str] = field(default_factory=list)
    # The cells, in words (describe.describe).
    when: str = ""
    user_display: str = ""
    role_label: str = ""
    role_unit: str = ""
    action_label: str = ""
    object_label: str = ""
    description: str = ""
    purpose_label: str = ""
    purpose_shown: str = ""
    flag_labels: list[str] = field(default_factory=list)


ROW_FIELDS = ("seq", "occurred_at", "user_id", "user_label", "role", "unit_id", "unit_label", "action", "object_type",
              "object_id", "person_type", "person_id", "purpose", "detail", "outcome")


class BadCursor(ValueError):
    pass


def cursor_of(event: AccessEvent) -> str:
    return f"{int(event.occurred_at.timestamp() * 1_000_000)}.{event.seq}"


def parse_cursor(text: str) -> tuple[datetime, int]:
    try:
        micros, seq = (int(part) for part in text.split("."))
        return datetime.fromtimestamp(micros / 1_000_000, tz=UTC), seq
    except (ValueError, OverflowError, OSError):
        raise BadCursor(text) from None


def review_page(filters: Filters, size: int, *, before: str = "", after: str = "") -> Page:
    """The review's page: ``page_of`` the matching events, each read as an ``EventRow``."""
    return page_of(events_for_review(filters).values_list(*ROW_FIELDS), size, before=before, after=after,
                   row=_event_row)


def _event_row(values: tuple) -> EventRow:
    return EventRow(*values)


def page_of(events: QuerySet, size: int, *, before: str = "", after: str = "", row=None) -> Page:
    """One page of events (newest first) before or after a cursor: a keyset page that costs the
    same on the first page as on the thousandth, and no count of the whole log. ``row`` makes a
    row of each result (of a ``values_list``, say); without it the results are the rows."""
    if after:
        at, seq = parse_cursor(after)
        rows = _rows(events.filter(Q(occurred_at__gt=at) | Q(occurred_at=at, seq__gt=seq))
                     .order_by("occurred_at", "seq")[:size + 1], row)
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return Page(rows, newer=cursor_of(rows[0]) if more_newer and rows else "",
                    older=cursor_of(rows[-1]) if rows else "")
    if before:
        at, seq = parse_cursor(before)
        events = events.filter(Q(occurred_at__lt=at) | Q(occurred_at=at, seq__lt=seq))
    rows = _rows(events[:size + 1], row)
    more_older = len(rows) > size
    rows = rows[:size]
    return Page(rows, newer=cursor_of(rows[0]) if before and rows else "",
                older=cursor_of(rows[-1]) if more_older else "")


def _rows(results: QuerySet, row) -> list:
    return [row(values) for values in results] if row else list(results)


def flag_rows(rows: list, *, refusals: Refusals | None = None,
              protected: dict[str, bool] | None = None) -> list:
    """Mark each shown event (an AccessEvent or an EventRow) with its flags, for the table: at
    most three queries however long the log, fewer when the page knows the answers already –
    ``refusals``, the page's warning, holds the repeated refusals of the days it covers, and
    ``protected`` whether a child the page looked up is protected ({child id: protected})."""
    from tillsammans.childplans.models import Child

    tz = timezone.get_current_timezone()
    known = protected or {}
    child_ids = {r.person_id for r in rows if r.person_type == "child" and r.person_id.isdigit()}
    shielded = {pk for pk in child_ids if known.get(pk)}
    if child_ids - known.keys():
        shielded |= {str(pk) for pk in Child.objects.filter(pk__in=[int(pk) for pk in child_ids - known.keys()],
                                                            protected_identity=True).values_list("pk", flat=True)}
    hours = {(r.user_id, r.occurred_at.astimezone(tz).replace(minute=0, second=0, microsecond=0))
             for r in rows if r.user_id is not None and r.person_type == "child"}
    keys: set = set()
    if hours and connection.vendor == "postgresql":
        keys = _many_children_windows(sorted(hours))
    elif hours:
        condition = Q(pk__in=[])
        for user_id, hour in hours:
            condition |= Q(user_id=user_id, occurred_at__gte=hour, occurred_at__lt=hour + timedelta(hours=1))
        keys = {(u, h.astimezone(tz)) for u, h in many_children_keys(AccessEvent.objects.filter(condition))}
    refused_days = {(r.user_id, timezone.localtime(r.occurred_at).date()) for r in rows
                    if r.user_id is not None and r.outcome == AuditOutcome.REFUSED}
    probing: set = set()
    if refusals is not None:
        probing = refusals.days() & refused_days
        refused_days = {key for key in refused_days if not refusals.covers(key[1])}
    if refused_days:
        # The days the warning does not cover, counted as the warning counts: chained events.
        condition = Q(pk__in=[])
        for user_id, day in refused_days:
            start = datetime.combine(day, time.min, tz)
            condition |= Q(user_id=user_id, occurred_at__gte=start, occurred_at__lt=start + timedelta(days=1))
        probing |= _refusal_keys(AccessEvent.objects.filter(condition, seq__isnull=False))
    for row in rows:
        local = row.occurred_at.astimezone(tz)
        hour = local.replace(minute=0, second=0, microsecond=0)
        row.flags = [name for name, hit in (
            ("emergency", bool((row.detail or {}).get("emergency"))),
            ("protected", row.person_type == "child" and row.person_id in shielded),
            ("night", local.hour < OFFICE_HOURS[0] or local.hour >= OFFICE_HOURS[1] or local.weekday() >= 5),
            ("many", (row.user_id, hour) in keys),
            ("refused", row.outcome == AuditOutcome.REFUSED),
            ("probing", row.outcome == AuditOutcome.REFUSED and (row.user_id, local.date()) in probing),
        ) if hit]
    return rows


def _many_children_windows(windows: list[tuple[int, datetime]]) -> set[tuple[int, datetime]]:
    """PostgreSQL: ``many_children_keys`` for these (user, hour) windows, as a join against the
    windows rather than an OR of them. An OR of 50 windows is planned against every month's
    partition of the log (150 ms at 41 partitions); the join is planned once and each window is
    pruned to its own partition when it runs."""
    values = ", ".join(["(%s::bigint, %s::timestamptz)"] * len(windows))
    sql = (f"SELECT w.user_id, w.hour FROM (VALUES {values}) AS w(user_id, hour) "  # noqa: S608
           f"JOIN {AccessEvent._meta.db_table} e ON e.user_id = w.user_id AND e.occurred_at >= w.hour "
           f"AND e.occurred_at < w.hour + interval '1 hour' WHERE e.person_type = 'child' "
           f"GROUP BY w.user_id, w.hour HAVING COUNT(DISTINCT e.person_id) > %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [v for window in windows for v in window] + [MANY_CHILDREN_PER_HOUR])
        found = set(cursor.fetchall())
    return {window for window in windows if window in found}


def extract_for_child(child) -> list[AccessEvent]:
    """Who opened the child's data: unit, role and time (for the child or a guardian) – never the
    events that would tell who reported a concern about the child (concerns.disclosure)."""
    from tillsammans.concerns.disclosure import without_reporter

    return list(without_reporter(AccessEvent.objects.filter(person_type="child", person_id=str(child.pk))
                                 .exclude(user_id__isnull=True)).order_by("occurred_at"))
