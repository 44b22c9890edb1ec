"""Indicators from reports of concern, for the follow-up of action plans (core.indicators).

Reports per 1 000 children needs the number of children living in each area. Neither the
organisations app nor the child register holds a population per area (the register holds only
children with a plan or a report, never all children), so the measures here are counts and a share:
the insight app can divide by a population it imports. A report counts for its area and the
areas above it (a district's reports count for the municipality)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from tillsammans.concerns.models import ConcernReport, Decision
from tillsammans.core.indicators import Figure, measure


def _per_area(start, end, area_ids) -> dict[int, tuple[int, int, int]]:
    """{area id: (reports, decided, investigated)} in one query."""
    wanted = set(area_ids)
    rows = (ConcernReport.objects.filter(received_at__date__gte=start, received_at__date__lt=end)
            .filter(Q(area_id__in=wanted) | Q(area__parent_id__in=wanted) | Q(area__parent__parent_id__in=wanted))
            .values_list("area_id", "area__parent_id", "area__parent__parent_id")
            .annotate(n=Count("pk"), decided=Count("pk", filter=Q(decided_at__isnull=False)),
                      investigated=Count("pk", filter=Q(decision__in=[Decision.OPENED, Decision.ONGOING]))))
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for area, parent, grandparent, n, decided, investigated in rows:
        for target in {area, parent, grandparent} & wanted:
            totals[target][0] += n
            totals[target][1] += decided
            totals[target][2] += investigated
    return {area: tuple(values) for area, values in totals.items()}


@measure(code="concerns.reports", name=_("Reports of concern"), unit=_("reports"), good="",
         description=_("Reports received about children in the area. Per 1 000 children needs the area's child "
                       "population, which Tillsammans does not hold: divide by an imported population."))
def reports(start, end, area_ids):
    return {area: Figure(value=n, n=n) for area, (n, _d, _i) in _per_area(start, end, area_ids).items()}


@measure(code="concerns.investigation_share", name=_("Share of reports leading to an investigation"),
         unit=_("per cent"), good="",
         description=_("Of the reports decided: opened, or an investigation already ongoing."))
def investigation_share(start, end, area_ids):
    result = {}
    for area, (_n, decided, investigated) in _per_area(start, end, area_ids).items():
        if decided:
            result[area] = Figure(value=(Decimal(100) * investigated / decided).quantize(Decimal("0.1")), n=decided)
    return result
