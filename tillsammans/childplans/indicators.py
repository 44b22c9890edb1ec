"""Computed indicators from coordinated plans (core.indicators): only counts, never a child."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tillsammans.core.indicators import Figure, measure


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0, 0)))


NUMBER = pgettext_lazy("unit of an indicator", "number")


@measure(code="childplans.opened", name=_("Coordinated plans (SIP) opened"), unit=NUMBER, good="",
         description=_("Plans opened in the period, counted where the plan's lead professional works."))
def plans_opened(start: date, end: date, area_ids) -> dict[int, Figure]:
    from tillsammans.childplans.models import CoordinatedPlan

    counts = dict.fromkeys(area_ids, 0)
    for row in (CoordinatedPlan.objects.filter(created_at__gte=_moment(start), created_at__lt=_moment(end),
                                               lead_membership__unit__area_links__area_id__in=list(area_ids))
                .values("lead_membership__unit__area_links__area_id").annotate(n=Count("id", distinct=True))
                .order_by()):
        counts[row["lead_membership__unit__area_links__area_id"]] = row["n"]
    return {area: Figure(value=n, n=n) for area, n in counts.items()}
