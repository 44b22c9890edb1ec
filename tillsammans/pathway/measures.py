"""The pathway measured: days from a worry to its decision, from a request to the forum's decision,
and from the need (the worry) to the SIP – per area (the district of the unit) and term. Counted with
a fixed number of queries; counts under 5 are shown as "<5" and a median over fewer than 5 cases is
not shown at all (core.suppression)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.core import suppression
from tillsammans.core.indicators import Figure
from tillsammans.organisations.models import Area, AreaKind, UnitArea

KINDS = [("worry", _("Worry to decision")), ("request", _("Request to the forum's decision")),
         ("sip", _("Need to SIP"))]


def period(year: int, term: str) -> tuple[date, date]:
    """VT: January–July, HT: August–December, "helar": the whole year (end exclusive)."""
    if term == "VT":
        return date(year, 1, 1), date(year, 8, 1)
    if term == "HT":
        return date(year, 8, 1), date(year + 1, 1, 1)
    return date(year, 1, 1), date(year + 1, 1, 1)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.combine(start, datetime.min.time()), zone),
            timezone.make_aware(datetime.combine(end, datetime.min.time()), zone))


def _days(later: datetime, earlier: date | datetime) -> int:
    later_day = timezone.localtime(later).date()
    earlier_day = timezone.localtime(earlier).date() if isinstance(earlier, datetime) else earlier
    return max((later_day - earlier_day).days, 0)


def cases(start: date, end: date) -> dict[str, list[tuple[int | None, int]]]:
    """(district, days) for every case finished in the period, per kind. Five queries."""
    from tillsammans.pathway.models import ForumDecision, ForumRequest, Worry

    low, high = _bounds(start, end)
    worries = list(Worry.objects.filter(decided_at__gte=low, decided_at__lt=high)
                   .values_list("unit_id", "decided_at", "arose_on"))
    district = dict(UnitArea.objects.filter(unit_id__in={w[0] for w in worries}, area__kind=AreaKind.DISTRICT)
                    .values_list("unit_id", "area_id"))
    found: dict[str, list[tuple[int | None, int]]] = {
        "worry": [(district.get(unit), _days(decided, arose)) for unit, decided, arose in worries]}
    found["request"] = [(area, _days(decided, created)) for area, decided, created in ForumRequest.objects.filter(
        decided_at__gte=low, decided_at__lt=high).values_list("area_id", "decided_at", "created_at")]
    found["sip"] = [(area, _days(opened, arose)) for area, opened, arose in ForumRequest.objects.filter(
        decision=ForumDecision.SIP, plan__isnull=False, plan__created_at__gte=low, plan__created_at__lt=high)
        .values_list("area_id", "plan__created_at", "worry__arose_on")]
    return found


def _median(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return Decimal(str(statistics.median(values))).quantize(Decimal("0.1"))


def per_area(kind: str, start: date, end: date, area_ids) -> dict[int, Figure]:
    """For each area asked (and everything below it): the median days and the number of cases."""
    children = defaultdict(set)
    for pk, parent in Area.objects.values_list("pk", "parent_id"):
        children[parent].add(pk)
    found = cases(start, end)[kind]
    result = {}
    for area_id in area_ids:
        below = _below(area_id, children)
        values = [days for district, days in found if district in below]
        if values:
            result[area_id] = Figure(_median(values), len(values))
    return result


def _below(root: int, children) -> set[int]:
    result, stack = set(), [root]
    while stack:
        pk = stack.pop()
        if pk not in result:
            result.add(pk)
            stack.extend(children.get(pk, ()))
    return result


@dataclass
class Cell:
    n: suppression.Shown
    median: Decimal | None  # None: no cases, or too few to show

    @property
    def shown_median(self) -> str:
        from tillsammans.core.numbers import swedish_number

        return "–" if self.median is None else swedish_number(self.median)


@dataclass
class Row:
    area: Area | None
    cells: list[Cell]


def table(start: date, end: date) -> list[Row]:
    """One row per district (and one for units outside every district), one cell per kind, with a
    total row; counts suppressed with their totals, medians only over 5 cases or more."""
    found = cases(start, end)
    districts = list(Area.objects.filter(kind=AreaKind.DISTRICT, valid_to__isnull=True).order_by("name"))
    keys: list[int | None] = [a.pk for a in districts]
    if any(d is None or d not in keys for values in found.values() for d, _days in values):
        keys.append(None)
    rows = {key: [] for key in keys}
    totals = []
    for kind, _label in KINDS:
        by_area: dict[int | None, list[int]] = defaultdict(list)
        for district, days in found[kind]:
            by_area[district if district in keys else None].append(days)
        counts, total = suppression.suppress_counts({k: len(by_area[k]) for k in keys}, keys)
        for key in keys:
            values = by_area[key]
            rows[key].append(Cell(counts[key], _median(values) if suppression.enough(len(values)) and values else None))
        every = [d for values in by_area.values() for d in values]
        totals.append(Cell(total, _median(every) if suppression.enough(len(every)) and every else None))
    by_pk = {a.pk: a for a in districts}
    result = [Row(by_pk.get(key), cells) for key, cells in rows.items()]
    result.append(Row(None, totals))
    return result
