"""Reading the access log for review: filters, flags and keyset pages.

Built for a log of tens of millions of events: every filter has an index that serves it in the
page's order (newest first: ``occurred_at`` then ``seq``), pages are cut by a cursor instead of an
offset, nothing counts the whole log, and a person or unit is picked by a search on their own
(small) table, never by a text match over the events (units: ``core.pickers.units_matching``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

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
    rows: list[AccessEvent]
    newer: str = ""  # cursor for the page of newer events ("" on the newest page)
    older: str = ""  # cursor for the page of older events ("" on the last page)


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


def page_of(events: QuerySet, size: int, *, before: str = "", after: str = "") -> Page:
    """One page of events (newest first) before or after a cursor: a keyset page that costs the
    same on the first page as on the thousandth, and no count of the whole log."""
    if after:
        at, seq = parse_cursor(after)
        rows = list(events.filter(Q(occurred_at__gt=at) | Q(occurred_at=at, seq__gt=seq))
                    .order_by("occurred_at", "seq")[:size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return Page(rows, newer=cursor_of(rows[0]) if more_newer and rows else "",
                    older=cursor_of(rows[-1]) if rows else "")
    if before:
        at, seq = parse_cursor(before)
        events = events.filter(Q(occurred_at__lt=at) | Q(occurred_at=at, seq__lt=seq))
    rows = list(events[:size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    return Page(rows, newer=cursor_of(rows[0]) if before and rows else "",
                older=cursor_of(rows[-1]) if more_older else "")


def flag_rows(rows: list[AccessEvent]) -> list[AccessEvent]:
    """Mark each shown event with its flags (for the table): two queries however long the log."""
    from tillsammans.childplans.models import Child

    tz = timezone.get_current_timezone()
    child_ids = [int(r.person_id) for r in rows if r.person_type == "child" and r.person_id.isdigit()]
    protected = {str(pk) for pk in Child.objects.filter(pk__in=child_ids, protected_identity=True)
                 .values_list("pk", flat=True)} if child_ids else set()
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
    refusals: set = set()
    refused_days = {(r.user_id, timezone.localtime(r.occurred_at).date()) for r in rows
                    if r.user_id is not None and r.outcome == AuditOutcome.REFUSED}
    if refused_days:
        condition = Q(pk__in=[])
        for user_id, day in refused_days:
            start = datetime.combine(day, time.min, tz)
            condition |= Q(user_id=user_id, occurred_at__gte=start, occurred_at__lt=start + timedelta(days=1))
        refusals = _refusal_keys(AccessEvent.objects.filter(condition))
    for row in rows:
        local = timezone.localtime(row.occurred_at)
        hour = row.occurred_at.astimezone(tz).replace(minute=0, second=0, microsecond=0)
        row.flags = [name for name, hit in (
            ("emergency", bool((row.detail or {}).get("emergency"))),
            ("protected", row.person_type == "child" and row.person_id in protected),
            ("night", local.hour < OFFICE_HOURS[0] or local.hour >= OFFICE_HOURS[1] or local.weekday() >= 5),
            ("many", (row.user_id, hour) in keys),
            ("refused", row.outcome == AuditOutcome.REFUSED),
            ("probing", row.outcome == AuditOutcome.REFUSED and (row.user_id, local.date()) in refusals),
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
