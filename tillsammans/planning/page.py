"""The action plan's page. What it shows is the same for everyone who may open it but for what the
viewer may do (edit, follow up and move the plan, approve it and comment on it), so the whole plan
is one cached part (ADR 0026) keyed by those rights; the forms the viewer may send, with their CSRF
tokens, are rendered per request outside the part and its buttons and fields name them (ADR 0030)."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from tillsammans.core import fragments
from tillsammans.core.access import allowed
from tillsammans.events.selectors import coverage_by_sub_goal
from tillsammans.organisations.models import Authority, Unit
from tillsammans.planning import selectors, services, workflow
from tillsammans.planning.models import SECTIONS, ActionPlan, Approval, Post, SectionComment
from tillsammans.support.statistics import followup_by_sub_goal

PART = "planning/_plan_body.html"


@dataclass(frozen=True)
class Rights:
    """What the viewer may do with the plan: everything of theirs that the shared part shows."""

    can_edit: bool
    can_move: bool
    can_approve: bool
    approve_for: Authority | None  # their party while it has yet to approve
    forward: str | None  # the next step forwards, for a viewer who may move the plan
    can_reopen: bool

    @property
    def key(self) -> tuple:
        return (self.can_edit, self.can_move, self.can_approve,
                self.approve_for.pk if self.approve_for else None, self.forward, self.can_reopen)

    @property
    def forms(self) -> dict[str, bool]:
        """The forms the page renders outside the part, by the id its controls name."""
        return {"step": bool(self.forward or self.approve_for), "comment": self.can_approve,
                "budget": self.can_edit, "carry_over": self.can_edit}


def rights(actor, plan: ActionPlan) -> Rights:
    can_move = allowed(actor, "planning.move", plan)
    can_approve = allowed(actor, "planning.approve", plan)
    party = actor.membership.unit.authority if can_approve and actor.membership else None
    return Rights(
        can_edit=allowed(actor, "planning.edit", plan), can_move=can_move, can_approve=can_approve,
        approve_for=party if party is not None and workflow.awaits_approval(plan, party) else None,
        forward=workflow.FORWARD.get(plan.status) if can_move else None,
        can_reopen=can_move and plan.status in workflow.BACKWARD)


def body(request, plan: ActionPlan, viewer: Rights, *, typed: dict | None = None) -> SafeString:
    """The plan's part of the page. ``typed``: budget cells as the viewer typed them (a refused save),
    shown in a part built for this response alone and never kept."""
    if typed is not None:
        return render_to_string(PART, content(request, plan, viewer, typed=typed), request)
    # The day: the copies go to the administrations that exist today.
    return fragments.render_part(request, "action_plan", [plan.pk, viewer.key, timezone.localdate()], PART,
                                 lambda: content(request, plan, viewer))


def content(request, plan: ActionPlan, viewer: Rights, *, typed: dict | None = None) -> dict:
    """Everything the shared part shows, each kind of row read once."""
    agreement = plan.template.agreement
    goal_areas = selectors.plan_structure(plan, units=Unit.objects.only("name"))
    activities = [a for area in goal_areas for sub in area.sub_goals.all() for a in sub.plan_activities]
    numbers = [sub.number for area in goal_areas for sub in area.sub_goals.all()]
    budget = services.budget_table(plan)
    posts = list(Post.objects.filter(plan=plan).select_related("employer", "employer_unit").only(
        "plan_id", "role", "fte_percent", "employer__name", "employer_unit__name"))
    checks = services.checks(plan, budget, posts)  # on what is saved
    if typed:  # the cells as typed, the totals as saved
        budget.rows = [(line, [typed.get((line.pk, f.pk), v) for f, v in zip(budget.funders, values, strict=True)],
                        total) for line, values, total in budget.rows]
    approved = list(Approval.objects.filter(plan=plan).select_related("party", "membership__user").only(
        "approved_at", "party__name", "membership__user__first_name", "membership__user__last_name")
        .order_by("approved_at"))
    shows_approvals = plan.status == "review" or bool(approved)
    return {
        "plan": plan, "agreement": agreement, "rights": viewer, "goal_areas": goal_areas, "budget": budget,
        # Competence and parenting support for the sub-goals come from other apps' data and are the
        # same for every viewer and right: their own part, shared by the plan's parts.
        "followup": fragments.render_part(
            request, "action_plan_followup", [plan.pk, numbers, plan.area_id, plan.template.year],
            "planning/_followup.html", lambda: {
                "competence": sorted(coverage_by_sub_goal(numbers).items()),
                "support_followup": sorted(followup_by_sub_goal(numbers, area=plan.area,
                                                                year=plan.template.year).items())}),
        "checks": checks, "problems": services.submission_problems(plan, activities),
        "posts": posts,
        "approval_state": workflow.ApprovalState(approved, workflow.remaining_parties(plan, approved)
                                                 if shows_approvals else []),
        "shows_approvals": shows_approvals,
        "deadline": selectors.deadline_for(plan),
        "copies": [unit.name for unit in services.copy_units(agreement)] if plan.area_id else [],
        "changes": list(plan.changes.all()[:5]),
        "comments": list(SectionComment.objects.filter(plan=plan).select_related(
            "membership__user", "membership__unit").only(
            "section", "text", "created_at", "membership__user__first_name", "membership__user__last_name",
            "membership__unit__name")),
        "section_names": [name for name, _text in plan.ordered_sections] or SECTIONS}

