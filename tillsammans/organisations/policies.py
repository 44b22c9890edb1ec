"""Who may see and change organisations and areas. Geometry never grants rights."""

from __future__ import annotations

import rules

from tillsammans.accounts.roles import Role
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core.access import Actor, has_role, in_membership, register

is_system_admin = has_role(Role.SYSTEM_ADMIN)


@rules.predicate
def coordinates_area(actor: Actor, area) -> bool:
    if area is None or not actor.has_role(Role.COORDINATOR):
        return False
    return area.pk in coordinator_area_ids(actor.membership)


@rules.predicate
def manages_unit(actor: Actor, unit) -> bool:
    """A manager may change their own unit and the units below it in the unit tree."""
    if unit is None or not actor.has_role(Role.MANAGER):
        return False
    own = actor.membership.unit_id
    seen, current = set(), unit
    while current is not None and current.pk not in seen:
        if current.pk == own:
            return True
        seen.add(current.pk)
        current = current.parent
    return False


register("organisations.view", in_membership)
register("organisations.manage", is_system_admin)
register("organisations.change_area", is_system_admin | coordinates_area)
register("organisations.edit_areas", is_system_admin | has_role(Role.COORDINATOR))
register("organisations.change_unit", is_system_admin | manages_unit)
register("organisations.edit_units", is_system_admin | has_role(Role.MANAGER))
register("organisations.import_units", is_system_admin)
