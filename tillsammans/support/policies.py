"""Parenting support. The catalogue is public; everyone acting in a membership sees the groups, sends
a family the link to an offer and signs a parent up with their agreement. Coordinators and managers
create offers and groups; an offer is managed by whoever created it, the coordinators of its areas
and the managers of its provider; a group by its organisers, the coordinators of its area and, for
attendance, its leaders. Coordinators keep the group-leader pool and the materials; every unit
records its own stock and hand-outs."""

import rules

from tillsammans.accounts.roles import Role
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core.access import Actor, has_role, in_membership, register
from tillsammans.organisations.policies import manages_unit


@rules.predicate
def manages_offer(actor: Actor, offer) -> bool:
    if offer is None or actor.membership is None:
        return False
    if offer.created_by_id == actor.membership.pk:
        return True
    if actor.has_role(Role.COORDINATOR):
        scope = coordinator_area_ids(actor.membership)
        return any(area.pk in scope for area in offer.areas.all())
    return manages_unit(actor, offer.provider)


@rules.predicate
def organises_group(actor: Actor, group) -> bool:
    if group is None or actor.membership is None:
        return False
    if any(m.pk == actor.membership.pk for m in group.organisers.all()):
        return True
    return actor.has_role(Role.COORDINATOR) and group.area_id in coordinator_area_ids(actor.membership)


@rules.predicate
def leads_group(actor: Actor, group) -> bool:
    return (group is not None and actor.user is not None
            and any(leader.contact.user_id == actor.user.pk for leader in group.leaders.all()))


@rules.predicate
def records_for_unit(actor: Actor, unit) -> bool:
    """A unit's own people record its stock and hand-outs; coordinators for the units of their areas."""
    if unit is None or actor.membership is None:
        return False
    if unit.pk == actor.membership.unit_id:
        return True
    if actor.has_role(Role.COORDINATOR):
        scope = coordinator_area_ids(actor.membership)
        return any(link.area_id in scope for link in unit.area_links.all())
    return False


ORGANISER_ROLES = has_role(Role.COORDINATOR, Role.MANAGER)

register("support.view", in_membership)
register("support.create", ORGANISER_ROLES)
register("support.manage_offer", manages_offer)
register("support.manage_group", organises_group)
register("support.attendance", organises_group | leads_group)
register("support.leaders", has_role(Role.COORDINATOR))
register("support.programmes", has_role(Role.COORDINATOR))
register("support.materials", has_role(Role.COORDINATOR))
register("support.stock", records_for_unit)
register("support.statistics", has_role(Role.COORDINATOR, Role.MANAGER, Role.RECEIVER))
