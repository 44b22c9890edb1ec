"""What the start page "Min översikt" shows for the acting membership."""

from __future__ import annotations

from typing import Any

from tillsammans.core.access import Actor


def overview_for(actor: Actor) -> dict[str, Any]:
    from tillsammans.accounts.roles import Role
    from tillsammans.accounts.selectors import coordinator_area_ids
    from tillsammans.organisations.models import Area, Unit

    membership = actor.membership
    context: dict[str, Any] = {"membership": membership, "areas": [], "units": []}
    if membership is None:
        return context
    if membership.role == Role.COORDINATOR:
        context["areas"] = list(
            Area.objects.filter(pk__in=membership.areas.values("pk")).order_by("name")
        )
        context["area_scope_count"] = len(coordinator_area_ids(membership))
    context["units"] = list(
        Unit.objects.filter(pk=membership.unit_id).select_related("unit_type", "authority")
    ) + list(Unit.objects.current().filter(parent_id=membership.unit_id)
             .select_related("unit_type", "authority").order_by("name")[:20])
    return context
