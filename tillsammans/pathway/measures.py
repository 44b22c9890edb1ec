"""The pathway measured: days from a worry to its decision, from a request to the forum's decision,
and from the need (the worry) to the SIP – per area (the district of the unit) and term. Counted in the
database with a fixed number of queries; counts under 5 are shown as "<5" and a median over fewer
than 5 cases is not shown at all (core.suppression)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, F
from django.db.models.functions import TruncDate
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


def _histogram(rows) -> Counter:
    """(district, days, number) rows from the database -> a count per (district, days); a case
    finished before it began (a date corrected afterwards) counts as 0 days."""
    found: Counter = Counter()
    for district, delta, number in rows:
        found[(district, max(delta.days, 0))] += number
    return found


def cases(start: date, end: date) -> dict[str, Counter]:
    """How many cases finished in the period took how many days, per district and kind: counted in
    the database (a unit or district and a number of days a row, never one row a case), four queries."""
    from tillsammans.pathway.models import ForumDecision, ForumRequest, Worry

    low, high = _bounds(start, end)
    zone = timezone.get_current_timezone()

    def counted(queryset):
        return list(queryset.order_by().values_list("district", "days").annotate(number=Count("pk"))
                    .values_list("district", "days", "number"))

    # Worries are counted per unit, then each unit put in its district (one row a unit and day).
    per_unit = counted(Worry.objects.filter(decided_at__gte=low, decided_at__lt=high).annotate(
        district=F("unit_id"), days=TruncDate("decided_at", tzinfo=zone) - F("arose_on")))
    district = dict(UnitArea.objects.filter(unit_id__in={row[0] for row in per_unit}, area__kind=AreaKind.DISTRICT)
                    .order_by("area_id").values_list("unit_id", "area_id"))
    return {
        "worry": _histogram((district.get(unit), days, n) for unit, days, n in per_unit),
        "request": _histogram(counted(ForumRequest.objects.filter(decided_at__gte=low, decided_at__lt=high).annotate(
            district=F("area_id"), days=TruncDate("decided_at", tzinfo=zone) - TruncDate("created_at", tzinfo=zone)))),
        "sip": _histogram(counted(ForumRequest.objects.filter(
            decision=ForumDecision.SIP, plan__isnull=False, plan__created_at__gte=low, plan__created_at__lt=high)
            .annotate(district=F("area_id"), days=TruncDate("plan__created_at", tzinfo=zone) - F("worry__arose_on")))),
    }


def _median(histogram: dict[int, int]) -> Decimal | None:
    """The median of the days counted in ``histogram`` (days -> cases), as statistics.median."""
    total = sum(histogram.values())
    if not total:
        return None
    middle, seen, low = (total - 1) // 2, 0, None
    for days in sorted(histogram):
        seen += histogram[days]
        if low is None and seen > middle:
            low = days
        if seen > total // 2:
            value = Decimal(days) if total % 2 else (Decimal(low) + Decimal(days)) / 2
            return value.quantize(Decimal("0.1"))
    return None


def _merge(histograms) -> Counter:
    merged: Counter = Counter()
    for histogram in histograms:
        merged.update(histogram)
    return merged


def per_area(kind: str, start: date, end: date, area_ids) -> dict[int, Figure]:
    """For each area asked (and everything below it): the median days and the number of cases."""
    children = defaultdict(set)
    for pk, parent in Area.objects.values_list("pk", "parent_id"):
        children[parent].add(pk)
    found = cases(start, end)[kind]
    result = {}
    for area_id in area_ids:
        below = _below(area_id, children)
        values = _merge({days: n} for (district, days), n in found.items() if district in below)
        if values:
            result[area_id] = Figure(_median(values), sum(values.values()))
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
    known = set(keys)
    if any(d not in known for histogram in found.values() for d, _days in histogram):
        keys.append(None)
    rows = {key: [] for key in keys}
    totals = []
    for kind, _label in KINDS:
        by_area: dict[int | None, Counter] = defaultdict(Counter)
        for (district, days), n in found[kind].items():
            by_area[district if district in known else None][days] += n
        sizes = {k: sum(by_area[k].values()) for k in keys}
        counts, total = suppression.suppress_counts(sizes, keys)
        for key in keys:
            shown = _median(by_area[key]) if sizes[key] and suppression.enough(sizes[key]) else None
            rows[key].append(Cell(counts[key], shown))
        every = _merge(by_area.values())
        size = sum(every.values())
        totals.append(Cell(total, _median(every) if size and suppression.enough(size) else None))
    by_pk = {a.pk: a for a in districts}
    result = [Row(by_pk.get(key), cells) for key, cells in rows.items()]
    result.append(Row(None, totals))
    return result
