"""Computed indicators from events and competence (core.indicators): participants at knowledge
events, and the share of staff who hold every course required for their role."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tillsammans.core.indicators import Figure, measure


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0, 0)))


NUMBER = pgettext_lazy("unit of an indicator", "number")


@measure(code="events.participants", name=_("Participants at knowledge events"), unit=NUMBER, good="up",
         description=_("Staff who attended a breakfast meeting, competence day or course in the period, counted "
                       "where they work (external guests are not counted)."))
def participants(start: date, end: date, area_ids) -> dict[int, Figure]:
    from tillsammans.events.models import Registration

    counts = dict.fromkeys(area_ids, 0)
    for row in (Registration.objects.filter(attended=True, event__starts_at__gte=_moment(start),
                                            event__starts_at__lt=_moment(end),
                                            membership__unit__area_links__area_id__in=list(area_ids))
                .values("membership__unit__area_links__area_id").annotate(n=Count("id", distinct=True)).order_by()):
        counts[row["membership__unit__area_links__area_id"]] = row["n"]
    return {area: Figure(value=n, n=n) for area, n in counts.items()}


def _valid_since(validity_years: int | None, day: date) -> date | None:
    if not validity_years:
        return None
    try:
        return day.replace(year=day.year - validity_years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - validity_years, day=28)


@measure(code="events.course_coverage", name=_("Course coverage"), unit="%", good="up",
         description=_("Share of the staff holding a role with required courses (required everywhere) who at the "
                       "end of the period hold a valid completion of every one of them."))
def course_coverage(start: date, end: date, area_ids) -> dict[int, Figure]:
    from tillsammans.accounts.models import Membership
    from tillsammans.events.models import CompetenceRequirement, Completion

    by_role: dict[str, list[tuple[int, int | None]]] = {}
    for role, course_id, years in CompetenceRequirement.objects.filter(area__isnull=True).values_list(
            "role", "course_id", "course__validity_years"):
        by_role.setdefault(role, []).append((course_id, years))
    if not by_role:
        return {}
    done = Q()
    for role, courses in by_role.items():
        holds_all = Q(role=role)
        for course_id, years in courses:
            completions = Completion.objects.filter(user_id=OuterRef("user_id"), course_id=course_id,
                                                    completed_on__lt=end)
            since = _valid_since(years, end)
            if since is not None:
                completions = completions.filter(completed_on__gte=since)
            holds_all &= Q(Exists(completions))
        done |= holds_all
    people = (Membership.objects.filter(role__in=list(by_role), valid_from__lt=end,
                                        unit__area_links__area_id__in=list(area_ids))
              .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end)))
    key = "unit__area_links__area_id"
    required = dict(people.values_list(key).annotate(n=Count("user_id", distinct=True)).order_by())
    completed = dict(people.filter(done).values_list(key).annotate(n=Count("user_id", distinct=True)).order_by())
    return {area: Figure(value=(Decimal(100 * completed.get(area, 0)) / Decimal(total)).quantize(
        Decimal("0.1"), ROUND_HALF_UP), n=total) for area, total in required.items() if total}
