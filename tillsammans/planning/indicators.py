"""Computed indicators from action plans (core.indicators): how much of the year's plans is followed up."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from tillsammans.core.indicators import Figure, measure


@measure(code="planning.followed_up", name=_("Action-plan activities followed up"), unit="%", good="up",
         about_people=False,
         description=_("Share of the activities in the year's action plans that are done, cancelled or have a "
                       "written follow-up; an area counts the plans of the areas below it too."))
def activities_followed_up(start: date, end: date, area_ids) -> dict[int, Figure]:
    from tillsammans.organisations.models import Area
    from tillsammans.planning.models import Activity

    rows = (Activity.objects.filter(plan__template__year=start.year, plan__area__isnull=False)
            .values("plan__area_id").annotate(
                total=Count("id"),
                followed=Count("id", filter=Q(status__in=[Activity.Status.DONE, Activity.Status.CANCELLED])
                               | ~Q(outcome=""))).order_by())
    parents = dict(Area.objects.values_list("pk", "parent_id"))
    wanted = set(area_ids)
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        area, seen = row["plan__area_id"], set()
        while area is not None and area not in seen:
            seen.add(area)
            if area in wanted:
                totals[area][0] += row["total"]
                totals[area][1] += row["followed"]
            area = parents.get(area)
    return {area: Figure(value=(Decimal(100 * followed) / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP),
                         n=total) for area, (total, followed) in totals.items() if total}
