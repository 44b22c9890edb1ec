"""Policies for child data. The rules themselves live in childplans.rules."""

import rules

from tillsammans.accounts.roles import Role
from tillsammans.childplans import rules as access_rules
from tillsammans.core.access import Actor, has_role, register

WORKS_WITH_CHILDREN = (Role.STAFF, Role.SIP_LEAD, Role.MANAGER, Role.COORDINATOR, Role.INTAKE)


@rules.predicate
def may_see_plan(actor: Actor, plan) -> bool:
    return access_rules.access_basis(actor, plan) is not None


@rules.predicate
def leads_plan(actor: Actor, plan) -> bool:
    return (plan is not None and actor.membership is not None
            and plan.lead_membership_id == actor.membership.pk)


@rules.predicate
def role_may_see_children(actor: Actor) -> bool:
    return actor.has_role(*WORKS_WITH_CHILDREN)


register("childplans.use", role_may_see_children)
register("childplans.start_plan", has_role(Role.SIP_LEAD))
register("childplans.view_plan", role_may_see_children & may_see_plan)
register("childplans.manage_plan", role_may_see_children & leads_plan)


@rules.predicate
def contributes_to_plan(actor: Actor, plan) -> bool:
    return access_rules.access_basis(actor, plan) in ("lead", "participant")


register("childplans.contribute", role_may_see_children & contributes_to_plan)


@rules.predicate
def confirms_emergency(actor: Actor, access) -> bool:
    from tillsammans.childplans.emergency import may_confirm

    return access is not None and may_confirm(actor, access)


register("childplans.confirm_emergency", role_may_see_children & confirms_emergency)
