"""Insight: everyone acting in a membership reads the dashboards, the mapping and the indicators;
coordinators (process leaders) build surveys, mappings, indicators and newsletters. A survey or a
collaboration form is managed by the coordinator who made it and by coordinators of its areas;
indicator values are entered by coordinators for areas in their scope. Survey results (always
suppressed below five) are read by coordinators, managers and the region's receivers."""

from __future__ import annotations

import rules

from tillsammans.accounts.roles import Role
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core.access import Actor, has_role, in_membership, register


def _owns_or_covers(actor: Actor, obj) -> bool:
    if obj is None or not actor.has_role(Role.COORDINATOR):
        return False
    if obj.owner_id == actor.membership.pk:
        return True
    scope = coordinator_area_ids(actor.membership)
    return bool(scope) and obj.areas.filter(pk__in=scope).exists()


@rules.predicate
def manages_survey(actor: Actor, survey) -> bool:
    return _owns_or_covers(actor, survey)


@rules.predicate
def manages_collaboration(actor: Actor, form) -> bool:
    return _owns_or_covers(actor, form)


@rules.predicate
def coordinates_area(actor: Actor, area) -> bool:
    """Without an area: may the coordinator enter values at all; with one: is it in their scope."""
    return actor.has_role(Role.COORDINATOR) and (
        area is None or area.pk in coordinator_area_ids(actor.membership))


@rules.predicate
def edits_newsletter(actor: Actor, newsletter) -> bool:
    return (newsletter is not None and actor.has_role(Role.COORDINATOR)
            and newsletter.status == "draft")


COORDINATOR = has_role(Role.COORDINATOR)

register("insight.view", in_membership)
register("insight.manage", COORDINATOR)
register("insight.survey_results", has_role(Role.COORDINATOR, Role.MANAGER, Role.RECEIVER))
register("insight.manage_survey", manages_survey)
register("insight.manage_collaboration", manages_collaboration)
register("insight.enter_values", coordinates_area)
register("insight.edit_newsletter", edits_newsletter)
