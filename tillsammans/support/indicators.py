"""Computed indicators of parenting support for the follow-up of action plans (core.indicators):
parent groups, parents with a place, completion and materials handed out, per area and period.
Each counts in the database with a fixed number of queries (the area tree, then one grouped count)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from tillsammans.core.indicators import Figure, measure
from tillsammans.organisations.models import Area
from tillsammans.support.models import ParentGroup, ParticipantStatus, StockEntry, StockKind


def _owners(area_ids: Sequence[int]) -> dict[int, set[int]]:
    """For every area: which of the asked areas it lies in (itself or an ancestor)."""
    asked = set(area_ids)
    parents = dict(Area.objects.values_list("pk", "parent_id"))
    owners: dict[int, set[int]] = {}
    for pk in parents:
        found, current, seen = set(), pk, set()
        while current is not None and current not in seen:
            seen.add(current)
            if current in asked:
                found.add(current)
            current = parents.get(current)
        if found:
            owners[pk] = found
    return owners


def _by_area(rows, area_ids: Sequence[int], fields: Sequence[str]) -> dict[int, dict[str, int]]:
    owners = _owners(area_ids)
    totals: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(fields, 0))
    for row in rows:
        for owner in owners.get(row["area_id"], ()):
            for name in fields:
                totals[owner][name] += row[name] or 0
    return totals


def group_rows(start: date, end: date, *, by: str = "starts_on", **extra):
    groups = ParentGroup.objects.filter(cancelled=False, **{f"{by}__gte": start, f"{by}__lt": end}, **extra)
    return groups.values("area_id").annotate(
        n_groups=Count("pk", distinct=True),
        n_people=Count("participants", filter=Q(participants__status=ParticipantStatus.REGISTERED)),
        n_completed=Count("participants", filter=Q(participants__status=ParticipantStatus.REGISTERED,
                                                   participants__completed=True)))


@measure(code="support.parent_groups", name=_("Parent groups started"), unit=_("groups"), good="up",
         about_people=False, description=_("Parent groups (ABC, Trygghetscirkeln, …) that started in the period "
                                           "and were not cancelled."))
def parent_groups(start: date, end: date, area_ids: Sequence[int]) -> dict[int, Figure]:
    totals = _by_area(group_rows(start, end), area_ids, ["n_groups"])
    return {area: Figure(value=row["n_groups"]) for area, row in totals.items()}


@measure(code="support.group_participants", name=_("Parents in parent groups"), unit=_("parents"), good="up",
         description=_("Parents with a place in a parent group that started in the period."))
def group_participants(start: date, end: date, area_ids: Sequence[int]) -> dict[int, Figure]:
    totals = _by_area(group_rows(start, end), area_ids, ["n_people"])
    return {area: Figure(value=row["n_people"], n=row["n_people"]) for area, row in totals.items()}


@measure(code="support.group_completion", name=_("Parents who completed a parent group"), unit=_("%"),
         good="up", description=_("The share of parents with a place who were present at two thirds of the "
                                  "sessions, in groups that ended in the period."))
def group_completion(start: date, end: date, area_ids: Sequence[int]) -> dict[int, Figure]:
    totals = _by_area(group_rows(start, end, by="ends_on"), area_ids, ["n_people", "n_completed"])
    result = {}
    for area, row in totals.items():
        if row["n_people"]:
            share = (Decimal(100 * row["n_completed"]) / row["n_people"]).quantize(Decimal("1"), ROUND_HALF_UP)
            result[area] = Figure(value=share, n=row["n_people"])
    return result


@measure(code="support.materials_handed_out", name=_("Support materials handed out"), unit=_("copies"),
         good="up", about_people=False,
         description=_("Books, conversation cards and Pixie books handed out by units in the area."))
def materials_handed_out(start: date, end: date, area_ids: Sequence[int]) -> dict[int, Figure]:
    rows = (StockEntry.objects.filter(kind=StockKind.HANDED_OUT, on__gte=start, on__lt=end,
                                      unit__area_links__area_id__in=list(area_ids))
            .values("unit__area_links__area_id").annotate(n=Sum("change")))
    return {row["unit__area_links__area_id"]: Figure(value=-(row["n"] or 0)) for row in rows}
