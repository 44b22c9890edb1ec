"""Who may see and change action plans. Coordinators work in their areas (membership scope),
managers approve, the region's receiver reads submitted plans and follows every area's state.
A year's template (goal areas and sub-goals) belongs to the agreement: coordinators of a principal
that is a party to the agreement (the municipality or region behind a party committee) write it
(ADR 0011). System administrators see content only through the admin."""

import rules

from tillsammans.accounts.roles import Role
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core.access import Actor, has_role, register


@rules.predicate
def coordinates_plan_area(actor: Actor, plan) -> bool:
    return (plan is not None and actor.has_role(Role.COORDINATOR)
            and plan.area_id in coordinator_area_ids(actor.membership))


@rules.predicate
def leads_project(actor: Actor, plan) -> bool:
    return (plan is not None and plan.project_id is not None and actor.membership is not None
            and plan.project.lead_id == actor.membership.pk)


@rules.predicate
def is_submitted(actor: Actor, plan) -> bool:
    return plan is not None and plan.status in ("submitted", "followed_up")


@rules.predicate
def is_editable(actor: Actor, plan) -> bool:
    return plan is not None and plan.status in ("draft", "review")


@rules.predicate
def in_review(actor: Actor, plan) -> bool:
    return plan is not None and plan.status == "review"


@rules.predicate
def coordinates_area(actor: Actor, area) -> bool:
    """Without an area: may the coordinator create plans at all; with one: is it in their scope."""
    return actor.has_role(Role.COORDINATOR) and (
        area is None or area.pk in coordinator_area_ids(actor.membership))


@rules.predicate
def party_to_agreement(actor: Actor, obj) -> bool:
    """The acting unit belongs to a principal (municipality, region) whose committee is a party to the
    agreement (of a template or an agreement)."""
    if actor.membership is None:
        return False
    if obj is None:
        return True
    agreement = getattr(obj, "agreement", obj)
    return agreement.parties.filter(principal_id=actor.membership.unit.authority.principal_id).exists()


register("planning.use", has_role(Role.COORDINATOR, Role.MANAGER, Role.RECEIVER))
register("planning.create_project", has_role(Role.COORDINATOR))
runs_plan = coordinates_plan_area | leads_project

register("planning.view", runs_plan | has_role(Role.MANAGER) | (has_role(Role.RECEIVER) & is_submitted))
register("planning.edit", runs_plan & is_editable)
register("planning.approve", has_role(Role.MANAGER) & in_review)
register("planning.move", runs_plan)
register("planning.create_plan", coordinates_area)
register("planning.write_template", has_role(Role.COORDINATOR) & party_to_agreement)
register("planning.year_overview", has_role(Role.RECEIVER, Role.MANAGER, Role.COORDINATOR))
