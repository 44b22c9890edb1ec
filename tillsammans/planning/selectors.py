"""Reads about action plans, scoped by the same policies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.accounts.roles import Role
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core.access import Actor
from tillsammans.organisations.models import Area
from tillsammans.planning.models import ActionPlan, Activity, GoalArea, PlanStatus, SubGoal, Template


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


def visible_plans_scope(actor: Actor) -> tuple:
    """What ``visible_plans(actor)`` depends on beside the plans themselves: part of the key of a
    cached part that lists them (ADR 0026)."""
    if actor.has_role(Role.MANAGER):
        return ("all",)
    if actor.has_role(Role.RECEIVER):
        return ("submitted",)
    if actor.has_role(Role.COORDINATOR):
        return ("coordinator", actor.membership.pk)
    return ("none",)


def plan_structure(plan: ActionPlan, *, units=None) -> list[GoalArea]:
    """Goal areas → sub-goals → this plan's activities (``sub_goal`` set, in the plan's order) with their
    responsible units (``units``: a narrower queryset of them), in four queries."""
    # Each sub-goal's activities by pk: the model's order joins the sub-goal and goal area to sort.
    activities = Activity.objects.filter(plan=plan).order_by("pk").prefetch_related(
        Prefetch("responsible_units", queryset=units) if units is not None else "responsible_units")
    return list(GoalArea.objects.filter(template=plan.template).prefetch_related(
        Prefetch("sub_goals", queryset=SubGoal.objects.prefetch_related(
            Prefetch("activities", queryset=activities, to_attr="plan_activities")))))


def deadline_for(plan: ActionPlan) -> date:
    """The agreement's deadline for a year's plan: in the year before the plan's year."""
    return deadline(plan.template.agreement, plan.template.year)


def deadline(agreement, year: int) -> date:
    return date(year - 1, agreement.deadline_month, agreement.deadline_day)


@dataclass
class AreaState:
    """One area that should submit a plan for the year, with its state against the deadline."""

    area: object
    agreement: object
    plan: ActionPlan | None
    state: str
    label: str
    deadline: date
    late: bool


STATE_LABELS = {"not_started": _("Not started"), **dict(PlanStatus.choices)}


def year_states(year: int, *, today: date) -> list[AreaState]:
    """Every area that should submit for ``year``: the agreement's areas (or, when it names none, the areas
    that had a plan the year before), and every area that has a plan. In a fixed number of queries."""
    templates = list(Template.objects.filter(year=year, project__isnull=True).select_related("agreement")
                     .prefetch_related("agreement__areas"))
    plans = {(p.template_id, p.area_id): p for p in ActionPlan.objects.filter(
        template__in=templates, area__isnull=False).select_related("area")}
    previous = {}
    for agreement_id, area_id in ActionPlan.objects.filter(
            template__year=year - 1, template__project__isnull=True, area__isnull=False).values_list(
            "template__agreement_id", "area_id"):
        previous.setdefault(agreement_id, set()).add(area_id)
    area_ids = set()
    expected = {}
    for template in templates:
        named = {a.pk for a in template.agreement.areas.all()}
        expected[template.pk] = (named or previous.get(template.agreement_id, set())) | {
            area_id for (template_id, area_id) in plans if template_id == template.pk}
        area_ids |= expected[template.pk]
    areas = {a.pk: a for a in Area.objects.filter(pk__in=area_ids)}
    rows = []
    for template in templates:
        deadline_day = deadline(template.agreement, year)
        for area_id in expected[template.pk]:
            plan = plans.get((template.pk, area_id))
            state = plan.status if plan else "not_started"
            if plan and plan.submitted_at:
                late = timezone.localtime(plan.submitted_at).date() > deadline_day
            else:
                late = today > deadline_day
            rows.append(AreaState(areas[area_id], template.agreement, plan, state, STATE_LABELS[state],
                                  deadline_day, late))
    return sorted(rows, key=lambda r: (r.agreement.name, r.area.name))


def side_by_side(plans: list[ActionPlan]) -> list[tuple[GoalArea, list[tuple[SubGoal, list[list[Activity]]]]]]:
    """Two or more plans of a year read side by side: per goal area and sub-goal (by number), each plan's
    activities in its own column."""
    activities = Activity.objects.filter(plan__in=plans).select_related("sub_goal__goal_area")
    cells: dict[tuple[str, int], list[Activity]] = {}
    for activity in activities:
        cells.setdefault((activity.sub_goal.number, activity.plan_id), []).append(activity)
    goal_areas = list(GoalArea.objects.filter(template=plans[0].template).prefetch_related("sub_goals"))
    return [(area, [(sub, [cells.get((sub.number, plan.pk), []) for plan in plans]) for sub in area.sub_goals.all()])
            for area in goal_areas]
