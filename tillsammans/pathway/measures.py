"""The pathway measured: days from a worry to its decision, from a request to the forum's decision,
and from the need (the worry) to the SIP – per area (the district of the unit) and term. Counted in the
database with a fixed number of queries; counts under 5 are shown as "<5" and a median over fewer
than 5 cases is not shown at all (core.suppression).

The page shows the municipalities side by side or one municipality's districts, never every district
of the installation at once; the counts of all of them are one suppressed table (``Published``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Case, Count, DurationField, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.core import suppression
from tillsammans.core.indicators import Figure
from tillsammans.core.text import swedish, swedish_key
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
    finished before it began (a date corrected afterwards) counts as 0 days. Days None: counted,
    its days not asked (``cases(detail=…)``)."""
    found: Counter = Counter()
    for district, delta, number in rows:
        found[(district, None if delta is None else max(delta.days, 0))] += number
    return found


def cases(start: date, end: date, detail: set[int] | None = None) -> dict[str, Counter]:
    """How many cases finished in the period took how many days, per district and kind: counted in
    the database (a unit or district and a number of days a row, never one row a case), four queries.

    ``detail``: the districts whose medians are wanted. The cases of every other district (and those
    outside the districts) are only counted, one row a unit or district (days None), so that a page
    of one municipality's districts does not read every district's days."""
    from tillsammans.pathway.models import ForumDecision, ForumRequest, Worry

    low, high = _bounds(start, end)
    zone = timezone.get_current_timezone()

    def days_of(duration, condition):
        if detail is None:
            return duration
        if not detail:
            return Value(None, output_field=DurationField())
        return Case(When(condition, then=duration), default=None, output_field=DurationField())

    def grouped(queryset):
        return (queryset.order_by().values_list("district", "days").annotate(number=Count("pk"))
                .values_list("district", "days", "number"))

    def counted(queryset):
        return list(grouped(queryset))

    # Worries are counted per unit, then each unit put in its district (one row a unit and day). The
    # days are worked out only for the units of the districts asked for: the year's other worries
    # are counted per unit alone (the second part of one UNION ALL), a row costs no date arithmetic.
    decided = Worry.objects.filter(decided_at__gte=low, decided_at__lt=high)
    waited = TruncDate("decided_at", tzinfo=zone) - F("arose_on")
    if detail:
        asked = UnitArea.objects.filter(area_id__in=detail).values("unit_id")
        per_unit = list(grouped(decided.filter(unit_id__in=asked).annotate(district=F("unit_id"), days=waited))
                        .union(grouped(decided.exclude(unit_id__in=asked).annotate(
                            district=F("unit_id"), days=Value(None, output_field=DurationField()))), all=True))
    else:  # every district's days (None), or none's (an empty set)
        per_unit = counted(decided.annotate(district=F("unit_id"), days=days_of(waited, Q())))
    district = dict(UnitArea.objects.filter(unit_id__in=decided.values("unit_id"), area__kind=AreaKind.DISTRICT)
                    .order_by("area_id").values_list("unit_id", "area_id"))
    worries = _histogram((district.get(unit), days, n) for unit, days, n in per_unit)
    if detail is not None:  # a unit in a district asked for and in another, counted there: no days
        kept: Counter = Counter()
        for (place, days), n in worries.items():
            kept[(place, days if place in detail else None)] += n
        worries = kept
    return {
        "worry": worries,
        "request": _histogram(counted(ForumRequest.objects.filter(decided_at__gte=low, decided_at__lt=high).annotate(
            district=F("area_id"), days=days_of(
                TruncDate("decided_at", tzinfo=zone) - TruncDate("created_at", tzinfo=zone),
                Q(area_id__in=detail or ()))))),
        "sip": _histogram(counted(ForumRequest.objects.filter(
            decision=ForumDecision.SIP, plan__isnull=False, plan__created_at__gte=low, plan__created_at__lt=high)
            .annotate(district=F("area_id"), days=days_of(TruncDate("plan__created_at", tzinfo=zone)
                                                          - F("worry__arose_on"), Q(area_id__in=detail or ()))))),
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


OUTSIDE = "outside"
"""The group of the cases outside every current district (a unit in none, a forum's area that is
not a district): one row beside the municipalities, never opened."""
NO_MUNICIPALITY = 0
"""The group of the districts that belong to no municipality."""


@dataclass
class Group:
    """A municipality (a principal) with its current districts, (pk, name) by name."""

    key: int
    name: str
    districts: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Areas:
    groups: list[Group]
    scope: list[int]
    """The municipalities the membership works in that have districts, by name."""


def areas(membership=None) -> Areas:
    """The current districts grouped by municipality, and the municipalities the membership works
    in: for a coordinator those their areas (and the areas below them) reach, for anyone else the
    municipality of their unit. One query over the areas, whatever their number."""
    from tillsammans.accounts.models import Membership
    from tillsammans.accounts.roles import AREA_SCOPED_ROLES

    by_areas = membership is not None and membership.role in AREA_SCOPED_ROLES
    own = Exists(Membership.areas.through.objects.filter(membership_id=membership.pk, area_id=OuterRef("pk"))) \
        if by_areas else Value(False)
    rows = Area.objects.order_by(swedish("name"), "pk").values_list(
        "pk", "parent_id", "kind", "valid_to", "name", "principal_id", "principal__name", own)
    groups: dict[int, Group] = {}
    children: dict[int | None, list[int]] = defaultdict(list)
    principal_of: dict[int, int] = {}
    roots = []
    for pk, parent, kind, valid_to, name, principal, principal_name, root in rows:
        children[parent].append(pk)
        principal_of[pk] = principal or NO_MUNICIPALITY
        if root:
            roots.append(pk)
        if kind == AreaKind.DISTRICT and valid_to is None:
            key = principal or NO_MUNICIPALITY
            group = groups.setdefault(key, Group(key, principal_name or str(_("Districts without a municipality"))))
            group.districts.append((pk, name))
    if by_areas:
        reached = {principal_of[pk] for pk in _below_all(roots, children)}
    else:
        reached = {membership.unit.authority.principal_id} if membership is not None else set()
    ordered = sorted(groups.values(), key=lambda g: (swedish_key(g.name), g.key))
    return Areas(ordered, [g.key for g in ordered if g.key in reached])


def _below_all(roots, children) -> set[int]:
    result: set[int] = set()
    for root in roots:
        if root not in result:
            result |= _below(root, children)
    return result


@dataclass
class Row:
    label: str
    cells: list[Cell]
    group: int | None = None  # a municipality's key: the row opens its districts
    total: bool = False


class Published:
    """Everything the page may show for a period: each district, each municipality, the cases
    outside the districts and the total, per kind. Each kind is ONE two-level table suppressed as a
    whole (``suppression.suppress_tree``), so that a municipality's total is the same number, or
    the same "<5", on the page of the municipalities and on the page of its districts: no two pages
    together tell what one hides. Every district is counted; medians only for the districts in
    ``detail`` (None: all, and the total and the cases outside the districts with them)."""

    def __init__(self, start: date, end: date, areas: Areas, detail: set[int] | None = None):
        self.areas, self.detail = areas, detail
        known = {pk for group in areas.groups for pk, _name in group.districts}
        found = cases(start, end, detail)
        self.histograms: dict[str, dict[int | None, Counter]] = {}
        self.sizes: dict[str, Counter] = {}
        for kind, _label in KINDS:
            by_area: dict[int | None, Counter] = defaultdict(Counter)
            sizes: Counter = Counter()
            for (district, days), n in found[kind].items():
                place = district if district in known else None
                sizes[place] += n
                if days is not None:
                    by_area[place][days] += n
            self.histograms[kind], self.sizes[kind] = by_area, sizes
        self.outside = any(None in sizes for sizes in self.sizes.values())
        self.trees: dict[str, suppression.Tree] = {}
        for kind, _label in KINDS:
            sizes = self.sizes[kind]
            table: dict = {g.key: {pk: sizes[pk] for pk, _name in g.districts} for g in areas.groups}
            if self.outside:
                table[OUTSIDE] = sizes[None]
            self.trees[kind] = suppression.suppress_tree(table)

    def _cell(self, count: suppression.Shown, histogram: Counter) -> Cell:
        size = count.value
        return Cell(count, _median(histogram) if size and suppression.enough(size) else None)

    def _asked(self, districts) -> None:
        if self.detail is not None and not set(districts) <= self.detail:
            raise ValueError("A median of a district whose days were not counted.")

    def district_rows(self, group: Group) -> list[Row]:
        self._asked(pk for pk, _name in group.districts)
        return [Row(name, [self._cell(self.trees[kind].parts[group.key][pk], self.histograms[kind].get(pk, Counter()))
                           for kind, _label in KINDS]) for pk, name in group.districts]

    def group_row(self, group: Group, label: str | None = None, *, total: bool = False) -> Row:
        self._asked(pk for pk, _name in group.districts)
        cells = []
        for kind, _label in KINDS:
            merged = _merge(self.histograms[kind].get(pk, Counter()) for pk, _name in group.districts)
            cells.append(self._cell(self.trees[kind].groups[group.key], merged))
        return Row(label or group.name, cells, group=None if total else group.key, total=total)

    def outside_row(self) -> Row | None:
        if not self.outside:
            return None
        self._asked([None])
        return Row(str(_("Outside the districts")), [
            self._cell(self.trees[kind].groups[OUTSIDE], self.histograms[kind].get(None, Counter()))
            for kind, _label in KINDS])

    def total_row(self, label: str) -> Row:
        self._asked([None])
        return Row(label, [self._cell(self.trees[kind].total, _merge(self.histograms[kind].values()))
                           for kind, _label in KINDS], total=True)


ALL, MINE = "alla", "mina"


def choices(areas: Areas) -> tuple[list[str], str]:
    """The values of the page's choice of municipality (``kommun``) and the one it starts with: all
    municipalities, the viewer's own when they work in several (a coordinator's areas), or one
    municipality's districts – the viewer's own when they work in one."""
    scope = areas.scope
    values = [ALL, *([MINE] if len(scope) > 1 else []), *(str(g.key) for g in areas.groups)]
    return values, str(scope[0]) if len(scope) == 1 else MINE if scope else ALL


def rows(start: date, end: date, areas: Areas, chosen: str) -> tuple[Group | None, list[Row]]:
    """The rows for a choice of ``choices``: one municipality's districts with its total; or the
    municipalities (the coordinator's own: without the total of all, which their rows do not add
    up to; all of them: with the cases outside the districts and the total). Only the districts
    shown (or summed in a row shown) have their days counted."""
    group = next((g for g in areas.groups if str(g.key) == chosen), None)
    shown = [group] if group else [g for g in areas.groups if chosen == ALL or g.key in areas.scope]
    published = Published(start, end, areas, None if chosen == ALL else {pk for g in shown for pk, _n in g.districts})
    if group is not None:
        return group, [*published.district_rows(group),
                       published.group_row(group, _("Total for %(name)s") % {"name": group.name}, total=True)]
    result = [published.group_row(g) for g in shown]
    if chosen == ALL:
        outside = published.outside_row()
        result += [outside] if outside else []
        result.append(published.total_row(str(_("Total"))))
    return None, result
