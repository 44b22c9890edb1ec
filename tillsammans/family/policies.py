"""Policies of the family's own door. The rule of who reaches which plan lives with the other child
data rules, in childplans.rules (family_plans, family_basis)."""

import rules

from tillsammans.childplans import rules as access_rules
from tillsammans.core.access import Actor, declare_child_data, register


@rules.predicate
def is_family_member(actor: Actor) -> bool:
    return actor.family is not None and actor.user is None and actor.membership is None


@rules.predicate
def reaches_plan(actor: Actor, plan) -> bool:
    return actor.family is not None and access_rules.family_basis(actor.family.number, plan) is not None


register("family.use", is_family_member)
register("family.view_plan", is_family_member & reaches_plan)
declare_child_data("family.*")
