"""Reading the access log for review: filters and flags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import TruncDate, TruncHour
from django.utils import timezone

from tillsammans.core.models import AccessEvent, AuditOutcome

OFFICE_HOURS = (7, 18)  # local time; before 07:00 or from 18:00 is "outside office hours"
MANY_CHILDREN_PER_HOUR = 10
FLAGS = ("emergency", "protected", "many", "night", "refused", "probing")


@dataclass
class Filters:
    user: str = ""
    unit: int | None = None
    child: int | None = None
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None
    flag: str = ""


def _protected_child_ids() -> list[str]:
    from tillsammans.childplans.models import Child

    return [str(pk) for pk in Child.objects.filter(protected_identity=True).values_list("pk", flat=True)]


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
    events = _period(AccessEvent.objects.all(), filters)
    if filters.user:
        events = events.filter(user_label__icontains=filters.user)
    if filters.unit:
        events = events.filter(unit_id=filters.unit)
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
        keys = many_children_keys(events)
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
    return events.order_by("-seq")


def flag_rows(rows: list[AccessEvent]) -> list[AccessEvent]:
    """Mark each shown event with its flags (for the table)."""
    protected = set(_protected_child_ids())
    if rows:
        keys = many_children_keys(AccessEvent.objects.filter(
            occurred_at__gte=min(r.occurred_at for r in rows) - timedelta(hours=1),
            occurred_at__lte=max(r.occurred_at for r in rows) + timedelta(hours=1)))
        refusals = _refusal_keys(AccessEvent.objects.filter(
            occurred_at__gte=min(r.occurred_at for r in rows) - timedelta(days=1),
            occurred_at__lte=max(r.occurred_at for r in rows) + timedelta(days=1)))
    else:
        keys = refusals = set()
    for row in rows:
        local = timezone.localtime(row.occurred_at)
        hour = row.occurred_at.astimezone(timezone.get_current_timezone()).replace(
            minute=0, second=0, microsecond=0)
        row.flags = [name for name, hit in (
            ("emergency", bool((row.detail or {}).get("emergency"))),
            ("protected", row.person_type == "child" and row.person_id in protected),
            ("night", local.hour < OFFICE_HOURS[0] or local.hour >= OFFICE_HOURS[1] or local.weekday() >= 5),
            ("many", (row.user_id, hour) in keys),
            ("refused", row.outcome == AuditOutcome.REFUSED),
            ("probing", row.outcome == AuditOutcome.REFUSED and (row.user_id, local.date()) in refusals),
        ) if hit]
    return rows


def extract_for_child(child) -> list[AccessEvent]:
    """Who opened the child's data: unit, role and time (for the child or a guardian)."""
    return list(AccessEvent.objects.filter(person_type="child", person_id=str(child.pk))
                .exclude(user_id__isnull=True).order_by("occurred_at"))
