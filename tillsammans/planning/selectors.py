"""Reads about action plans, scoped by the same policies."""

from __future__ import annotations

from django.db.models import Prefetch, Q

from tillsammans.accounts.roles import Role
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core.access import Actor
from tillsammans.planning.models import ActionPlan, Activity, GoalArea, SubGoal


def visible_plans(actor: Actor):
    plans = ActionPlan.objects.select_related("area", "project", "template").order_by(
        "-template__year", "area__name", "project__name")
    if actor.has_role(Role.MANAGER):
        return plans
    if actor.has_role(Role.RECEIVER):
        return plans.filter(status__in=["submitted", "followed_up"])
    if actor.has_role(Role.COORDINATOR):
        return plans.filter(Q(area_id__in=coordinator_area_ids(actor.membership))
                            | Q(project__lead=actor.membership))
    return plans.none()


def plan_structure(plan: ActionPlan) -> list[GoalArea]:
    """Goal areas → sub-goals → this plan's activities, in a fixed number of queries."""
    activities = Activity.objects.filter(plan=plan).prefetch_related("responsible_units")
    return list(GoalArea.objects.filter(template=plan.template).prefetch_related(
        Prefetch("sub_goals", queryset=SubGoal.objects.prefetch_related(
            Prefetch("activities", queryset=activities, to_attr="plan_activities")))))
