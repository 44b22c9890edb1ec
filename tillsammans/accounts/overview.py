"""Min översikt: the person's own units and, for a coordinator, the areas in their scope."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.core.overview import Item, Section, cut, section
from tillsammans.organisations.models import Area, Unit


@section(80)
def my_areas(actor: Actor) -> Section | None:
    membership = actor.membership
    if membership.role != Role.COORDINATOR:
        return None
    areas = list(Area.objects.filter(pk__in=membership.areas.values("pk")).order_by("name")[:50])
    items = [Item(area.name, reverse("organisations:area_detail", args=[area.pk])) for area in areas]
    items, more = cut(items, len(items))
    return Section("areas", _("My areas"), items, _("No area is set on your role."), more,
                   reverse("organisations:area_list"))


@section(90)
def my_units(actor: Actor) -> Section | None:
    membership = actor.membership
    units = list(Unit.objects.filter(pk=membership.unit_id).select_related("unit_type")) + list(
        Unit.objects.current().filter(parent_id=membership.unit_id).select_related("unit_type").order_by("name")[:20])
    items = [Item(unit.name, reverse("organisations:unit_detail", args=[unit.pk]), note=unit.unit_type.name)
             for unit in units]
    items, more = cut(items, len(items))
    return Section("units", _("My units"), items, "", more)
