"""Policies of the pathway. The rules about children live in childplans.rules (ADR 0007, 0023);
these names only join them to the engine."""

import rules

from tillsammans.accounts.roles import Role
from tillsammans.childplans import rules as access_rules
from tillsammans.childplans.policies import role_may_see_children
from tillsammans.core.access import Actor, declare_child_data, has_role, in_membership, register


@rules.predicate
def coordinates_principal(actor: Actor, pathway) -> bool:
    """A coordinator whose areas belong to the pathway's municipality."""
    from tillsammans.accounts.selectors import coordinator_area_ids
    from tillsammans.organisations.models import Area

    if pathway is None or not actor.has_role(Role.COORDINATOR):
        return False
    principal_id = getattr(pathway, "principal_id", None) or getattr(pathway, "pk", None)
    return Area.objects.filter(pk__in=coordinator_area_ids(actor.membership), principal_id=principal_id).exists()


@rules.predicate
def sees_worry(actor: Actor, worry) -> bool:
    return access_rules.worry_basis(actor, worry) is not None


@rules.predicate
def works_the_log(actor: Actor, worry) -> bool:
    return access_rules.worry_basis(actor, worry) in ("author", "team")


@rules.predicate
def receives_handover(actor: Actor, handover) -> bool:
    return (handover is not None and handover.pending and actor.membership is not None
            and handover.recipient_id == actor.membership.pk
            and access_rules.worry_basis(actor, handover.log.worry) == "recipient")


@rules.predicate
def sees_request(actor: Actor, request) -> bool:
    return access_rules.request_basis(actor, request) is not None


@rules.predicate
def works_the_request(actor: Actor, request) -> bool:
    """The requesting unit's people on the child's log (they name, withdraw, tell the family)."""
    return access_rules.request_basis(actor, request) == "team"


@rules.predicate
def sits_in_forum(actor: Actor, forum) -> bool:
    return (forum is not None and actor.membership is not None
            and actor.membership.pk in access_rules.forum_people(forum))


@rules.predicate
def runs_forum(actor: Actor, request) -> bool:
    """The forum's convener or chair decides (a request, or a forum itself)."""
    forum = getattr(request, "forum", request)
    return (forum is not None and actor.membership is not None
            and actor.membership.pk in (forum.convener_id, forum.chair_id))


register("pathway.view_pathway", in_membership)
register("pathway.create_pathway", has_role(Role.COORDINATOR))
register("pathway.edit_pathway", coordinates_principal)
register("pathway.use", role_may_see_children)
register("pathway.view_worry", role_may_see_children & sees_worry)
register("pathway.work_log", role_may_see_children & works_the_log)
register("pathway.confirm_handover", role_may_see_children & receives_handover)
register("pathway.view_request", role_may_see_children & sees_request)
register("pathway.work_request", role_may_see_children & works_the_request)
register("pathway.view_forum", role_may_see_children & sits_in_forum)
register("pathway.decide_request", role_may_see_children & runs_forum & sees_request)
register("pathway.measures", has_role(Role.COORDINATOR, Role.MANAGER, Role.RECEIVER))

declare_child_data("pathway.use", "pathway.view_worry", "pathway.work_log", "pathway.confirm_handover",
                   "pathway.view_request", "pathway.work_request", "pathway.view_forum", "pathway.decide_request")

