"""Networks: everyone acting in a membership may see them; coordinators manage those in their
areas (area scope set on the membership); the convener runs the meetings."""

import rules

from tillsammans.accounts.roles import Role
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core.access import Actor, has_role, in_membership, register


@rules.predicate
def coordinates_network_area(actor: Actor, network) -> bool:
    if network is None or not actor.has_role(Role.COORDINATOR):
        return False
    area = network if network.__class__.__name__ == "Area" else network.area
    return area.pk in coordinator_area_ids(actor.membership)


@rules.predicate
def convenes(actor: Actor, network) -> bool:
    return (network is not None and actor.membership is not None
            and getattr(network, "convener_id", None) == actor.membership.pk)


register("networks.view", in_membership)
register("networks.create", has_role(Role.COORDINATOR))
register("networks.manage", coordinates_network_area | convenes)
