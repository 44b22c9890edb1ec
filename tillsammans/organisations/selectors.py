"""Reads about organisations and areas. Lists are paginated and free of N+1 queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet

from tillsammans.accounts.models import Contact, Membership
from tillsammans.core.text import fold, swedish
from tillsammans.organisations.models import Area, Principal, Unit


def descendant_area_ids(roots: Iterable[int]) -> set[int]:
    """The given areas and all areas below them."""
    roots = set(roots)
    if not roots:
        return set()
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Area.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    result, stack = set(), list(roots)
    while stack:
        pk = stack.pop()
        if pk in result:
            continue
        result.add(pk)
        stack.extend(children.get(pk, ()))
    return result


def ancestor_ids(area: Area) -> list[int]:
    ids, current = [], area.parent_id
    parents = dict(Area.objects.values_list("pk", "parent_id"))
    while current is not None and current not in ids:
        ids.append(current)
        current = parents.get(current)
    return ids


def principals_list() -> QuerySet[Principal]:
    return Principal.objects.current().annotate(
        authority_count=Count("authorities", distinct=True),
    ).order_by(swedish("name"))


def units_list(*, q: str = "", unit_type: str = "", area: int | None = None,
               principal: int | None = None) -> QuerySet[Unit]:
    units = Unit.objects.current().select_related(
        "unit_type", "authority", "authority__principal", "parent"
    )
    if q:
        units = units.filter(name_folded__contains=fold(q))
    if unit_type:
        units = units.filter(unit_type__code=unit_type)
    if area:
        units = units.filter(area_links__area_id__in=descendant_area_ids([area])).distinct()
    if principal:
        units = units.filter(authority__principal_id=principal)
    return units.order_by(swedish("name"), "pk")


def unit_detail(pk: int) -> Unit:
    return Unit.objects.select_related(
        "unit_type", "authority", "authority__principal", "parent"
    ).prefetch_related("areas", "served_areas", "children").get(pk=pk)


def current_memberships() -> QuerySet[Membership]:
    return Membership.objects.current().filter(listed_in_directory=True).select_related("user")


def directory_search(*, q: str = "", area: int | None = None, unit_type: str = "",
                     role: str = "") -> QuerySet[Unit]:
    """"Vem gör vad": units with their listed people and contacts, searchable by name, person,
    function, area, unit type and role."""
    units = units_list(unit_type=unit_type, area=area)
    people = current_memberships()
    if role:
        people = people.filter(role=role)
        units = units.filter(memberships__in=people).distinct()
    if q:
        term = fold(q)
        units = units.filter(
            Q(name_folded__contains=term)
            | Q(memberships__in=Membership.objects.current().filter(
                listed_in_directory=True).filter(
                Q(user__name_folded__contains=term) | Q(function_folded__contains=term)))
            | Q(contacts__name_folded__contains=term)
        ).distinct()
    return units.prefetch_related(
        Prefetch("memberships", queryset=people.order_by("role", "user__last_name"),
                 to_attr="listed_people"),
        Prefetch("contacts", queryset=Contact.objects.filter(valid_to__isnull=True)
                 .order_by("name"), to_attr="listed_contacts"),
        "areas",
    )


def areas_tree() -> list[tuple[Area, int]]:
    """Every current area with its depth, parents before children, for an indented list."""
    areas = list(Area.objects.current().annotate(unit_count=Count("unit_links"))
                 .order_by(swedish("name")))
    by_parent: dict[int | None, list[Area]] = defaultdict(list)
    ids = {a.pk for a in areas}
    for area in areas:
        by_parent[area.parent_id if area.parent_id in ids else None].append(area)
    result: list[tuple[Area, int]] = []

    def walk(parent_id, depth):
        for child in by_parent.get(parent_id, []):
            result.append((child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return result


def area_units(area: Area) -> QuerySet[Unit]:
    """Units lying inside the area or any area below it."""
    return units_list(area=area.pk)
