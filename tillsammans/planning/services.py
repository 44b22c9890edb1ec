"""Writes about action plans, and the checks shown beside the budget. Totals are computed, never typed."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.core.numbers import swedish_number
from tillsammans.planning.models import (
    ActionPlan,
    Activity,
    BudgetAmount,
    BudgetLine,
    Funder,
    GoalArea,
    PlanStatus,
    SubGoal,
    Template,
)

SECTIONS = ["Inledning", "Målgrupp", "Koordinatorns roll", "Utvecklingsområden", "Instruktioner",
            "Översikt målsättningar", "Målsättningar och planerade insatser", "Organisering", "Övrigt", "Budget"]


def template_copy(*, actor: Actor, template: Template, year: int) -> Template:
    """Next year's template starts as a copy of this year's."""
    with transaction.atomic():
        new = Template.objects.create(agreement=template.agreement, year=year)
        for area in template.goal_areas.prefetch_related("sub_goals"):
            copy = GoalArea.objects.create(template=new, number=area.number, title=area.title)
            SubGoal.objects.bulk_create([SubGoal(goal_area=copy, number=s.number, title=s.title)
                                         for s in area.sub_goals.all()])
        audit.record(actor, AuditAction.CREATE, new, detail={"copied_from": template.pk})
    return new


def plan_create(*, actor: Actor, area, template: Template) -> ActionPlan:
    try:
        with transaction.atomic():
            plan = ActionPlan.objects.create(area=area, template=template,
                                             sections=dict.fromkeys(SECTIONS, ""))
            audit.record(actor, AuditAction.CREATE, plan)
    except IntegrityError:
        raise ValidationError({"area": _("%(area)s already has an action plan for %(year)s.")
                               % {"area": area.name, "year": template.year}}) from None
    return plan


def activity_add(*, actor: Actor, plan: ActionPlan, sub_goal: SubGoal, description: str, responsible_units=(),
                 **fields) -> Activity:
    if sub_goal.goal_area.template_id != plan.template_id:
        raise ValidationError({"sub_goal": _("The sub-goal belongs to another year's template.")})
    if not description.strip():
        raise ValidationError({"description": _("Describe the activity.")})
    if fields.get("start") and fields.get("end") and fields["end"] < fields["start"]:
        raise ValidationError({"end": _("The end date is before the start date.")})
    with transaction.atomic():
        activity = Activity.objects.create(plan=plan, sub_goal=sub_goal, description=description.strip(), **fields)
        activity.responsible_units.set(responsible_units)
        audit.record(actor, AuditAction.CREATE, activity)
    return activity


def budget_set(*, actor: Actor, line: BudgetLine, funder: Funder, tkr) -> BudgetAmount | None:
    """Whole, non-negative thousands of SEK; empty or 0 removes the amount."""
    text = str(tkr if tkr is not None else "").replace(" ", "").replace("tkr", "")
    if text in ("", "0"):
        BudgetAmount.objects.filter(line=line, funder=funder).delete()
        return None
    if not text.isdigit():
        raise ValidationError({"tkr": _("Give whole, non-negative thousands of SEK (e.g. 1250), not %(value)s.")
                               % {"value": tkr}})
    if funder.agreement_id != line.plan.template.agreement_id:
        raise ValidationError({"funder": _("The funder is not part of the plan's agreement.")})
    with transaction.atomic():
        amount, _created = BudgetAmount.objects.update_or_create(line=line, funder=funder,
                                                                 defaults={"tkr": int(text)})
        audit.record(actor, AuditAction.UPDATE, line, detail={"funder": funder.code, "tkr": int(text)})
    return amount


@dataclass
class BudgetTable:
    funders: list[Funder]
    rows: list[tuple[BudgetLine, list[int], int]]
    funder_totals: list[int]
    total: int


def budget_table(plan: ActionPlan) -> BudgetTable:
    funders = list(plan.template.agreement.funders.all())
    lines = list(plan.budget_lines.prefetch_related("amounts"))
    rows = []
    for line in lines:
        by_funder = {a.funder_id: a.tkr for a in line.amounts.all()}
        values = [by_funder.get(f.pk, 0) for f in funders]
        rows.append((line, values, sum(values)))
    funder_totals = [sum(row[1][i] for row in rows) for i in range(len(funders))]
    return BudgetTable(funders, rows, funder_totals, sum(funder_totals))


@dataclass
class Check:
    code: str
    ok: bool
    message: str
    figures: dict = field(default_factory=dict)


def checks(plan: ActionPlan) -> list[Check]:
    agreement = plan.template.agreement
    table = budget_table(plan)
    results = []
    region = municipality = 0
    for line, values, _total in table.rows:
        if line.under_cofinancing:
            for funder, value in zip(table.funders, values, strict=True):
                region += value if funder.side == Funder.Side.REGION else 0
                municipality += value if funder.side == Funder.Side.MUNICIPALITY else 0
    covered = region + municipality
    expected = round(covered * agreement.cofinancing_share / 100)
    ok = abs(region - expected) <= agreement.cofinancing_tolerance_tkr
    results.append(Check("cofinancing", ok, _(
        "Co-financing %(share)s/%(rest)s on the covered lines: the region pays %(region)s tkr and the municipality "
        "%(municipality)s tkr of %(covered)s tkr; the agreement asks %(expected)s tkr of the region.")
        % {"share": agreement.cofinancing_share, "rest": 100 - agreement.cofinancing_share,
           "region": swedish_number(region), "municipality": swedish_number(municipality),
           "covered": swedish_number(covered), "expected": swedish_number(expected)},
        {"region": region, "municipality": municipality, "expected": expected}))
    budget_fte = sum((line.fte or Decimal(0) for line in plan.budget_lines.all()), Decimal(0))
    post_fte = Decimal(sum(p.fte_percent for p in plan.posts.all())) / 100
    results.append(Check("fte", budget_fte == post_fte, _(
        "Budgeted full-time equivalents %(budget)s against %(posts)s in the organisation's posts.")
        % {"budget": swedish_number(budget_fte), "posts": swedish_number(post_fte)}))
    empty = [line.name for line, _values, total in table.rows if total == 0]
    results.append(Check("unfunded", not empty, _("Lines without a funder: %(lines)s.") % {"lines": ", ".join(empty)}
                         if empty else _("Every budget line has a funder.")))
    return results


def submission_problems(plan: ActionPlan) -> list[tuple[Activity, str]]:
    """What stops submission: activities without a responsible party or an expected effect."""
    problems = []
    for activity in plan.activities.select_related("sub_goal").prefetch_related("responsible_units"):
        if not activity.responsible_units.all() and not activity.responsible_text.strip():
            problems.append((activity, _("%(goal)s: “%(activity)s” has no responsible party.")
                             % {"goal": activity.sub_goal.number, "activity": activity.description[:60]}))
        if not activity.expected_effect.strip():
            problems.append((activity, _("%(goal)s: “%(activity)s” has no expected effect.")
                             % {"goal": activity.sub_goal.number, "activity": activity.description[:60]}))
    return problems


TRANSITIONS = {
    PlanStatus.DRAFT: {PlanStatus.REVIEW},
    PlanStatus.REVIEW: {PlanStatus.DRAFT, PlanStatus.APPROVED},
    PlanStatus.APPROVED: {PlanStatus.SUBMITTED, PlanStatus.DRAFT},
    PlanStatus.SUBMITTED: {PlanStatus.FOLLOWED_UP, PlanStatus.DRAFT},
    PlanStatus.FOLLOWED_UP: set(),
}


def plan_transition(*, actor: Actor, plan: ActionPlan, to: str, comment: str = "") -> ActionPlan:
    if to not in TRANSITIONS[plan.status]:
        raise ValidationError({"status": _("A plan cannot go from %(from)s to %(to)s.")
                               % {"from": plan.get_status_display(), "to": PlanStatus(to).label}})
    if to == PlanStatus.SUBMITTED:
        problems = submission_problems(plan)
        if problems:
            raise ValidationError({"status": [message for _activity, message in problems]})
        if any(not check.ok for check in checks(plan)) and not comment.strip():
            raise ValidationError({"comment": _("Some checks are not met: acknowledge them with a comment that "
                                                "travels with the plan.")})
    with transaction.atomic():
        before = plan.status
        plan.status = to
        if comment.strip():
            plan.check_comment = comment.strip()
        if to == PlanStatus.SUBMITTED:
            plan.submitted_at = timezone.now()
        if before == PlanStatus.SUBMITTED and to == PlanStatus.DRAFT:
            plan.submitted_at = None  # reopened: a new version, the submitted one is kept as a snapshot
            plan.approvals.all().delete()
        plan.save()
        audit.record(actor, AuditAction.UPDATE, plan, detail={"status": [before, to]})
        if to == PlanStatus.SUBMITTED:
            _snapshot(plan)
            _notify_submission(plan)
    return plan


def snapshot_lines(plan: ActionPlan) -> list[str]:
    lines = [f"{name}: {text}" for name, text in (plan.sections or {}).items() if text]
    lines += [f"{a.sub_goal.number} {a.description} – {a.expected_effect}"
              for a in plan.activities.select_related("sub_goal")]
    table = budget_table(plan)
    lines += [f"Budget {line.name}: " + ", ".join(f"{f.code} {v}" for f, v in zip(table.funders, values, strict=True))
              for line, values, _total in table.rows]
    return lines


def _snapshot(plan: ActionPlan):
    from django.db.models import Max

    from tillsammans.planning.models import PlanSnapshot

    version = (plan.snapshots.aggregate(top=Max("version"))["top"] or 0) + 1
    return PlanSnapshot.objects.create(plan=plan, version=version, content={"lines": snapshot_lines(plan)})


def version_diff(plan: ActionPlan) -> list[tuple[int, list[tuple[str, str]]]]:
    """For each submitted version: the lines added (+) and removed (-) since the version before."""
    import difflib

    result = []
    snapshots = list(plan.snapshots.order_by("version"))
    previous: list[str] = []
    for snap in snapshots:
        lines = snap.content.get("lines", [])
        changes = [(line[0], line[2:]) for line in difflib.ndiff(previous, lines) if line[:1] in "+-"]
        result.append((snap.version, changes))
        previous = lines
    return list(reversed(result))


def _notify_submission(plan: ActionPlan) -> None:
    """To the receiver, with copies to the parties' committees (where they have an address)."""
    from django.conf import settings
    from django.urls import reverse

    from tillsammans.accounts.models import Membership
    from tillsammans.accounts.roles import Role
    from tillsammans.core.tasks import queue_mail

    agreement = plan.template.agreement
    receivers = list(Membership.objects.current().filter(unit=agreement.receiver, role=Role.RECEIVER)
                     .exclude(user__email="").values_list("user__email", flat=True))
    if agreement.receiver.email:
        receivers.append(agreement.receiver.email)
    copies = [u.email for u in agreement.receiver.__class__.objects.filter(
        authority__in=agreement.parties.all(), unit_type__code="forvaltning").exclude(email="")]
    url = settings.SITE_URL + reverse("planning:plan", args=[plan.pk])
    subject = _("Action plan %(year)s submitted: %(area)s") % {"year": plan.template.year, "area": plan.owner_name}
    body = _("The action plan for %(area)s %(year)s has been submitted: %(url)s") % {
        "area": plan.owner_name, "year": plan.template.year, "url": url}
    version = plan.snapshots.count()
    for email in sorted(set(receivers)):
        queue_mail(key=f"plan-submitted:{plan.pk}:{version}:{email}", to=[email], subject=subject, body=body)
    for email in sorted(set(copies) - set(receivers)):
        queue_mail(key=f"plan-submitted-copy:{plan.pk}:{version}:{email}", to=[email],
                   subject=_("Copy: %(subject)s") % {"subject": subject}, body=body)


def approve(*, actor: Actor, plan: ActionPlan) -> ActionPlan:
    """The acting manager approves on behalf of their authority; when every party has approved,
    the plan is approved."""
    from tillsammans.planning.models import Approval

    if plan.status != PlanStatus.REVIEW:
        raise ValidationError({"status": _("Only a plan in review can be approved.")})
    party = actor.membership.unit.authority
    parties = set(plan.template.agreement.parties.values_list("pk", flat=True))
    if party.pk not in parties:
        raise ValidationError({"status": _("%(party)s is not a party to the agreement.") % {"party": party.name}})
    with transaction.atomic():
        Approval.objects.get_or_create(plan=plan, party=party, defaults={"membership": actor.membership})
        audit.record(actor, AuditAction.UPDATE, plan, detail={"approved_by": party.pk})
        approved = set(plan.approvals.values_list("party_id", flat=True))
        if parties <= approved:
            plan.status = PlanStatus.APPROVED
            plan.save(update_fields=["status"])
    return plan


def comment_add(*, actor: Actor, plan: ActionPlan, section: str, text: str):
    from tillsammans.planning.models import SectionComment

    if section not in (plan.sections or {}) and section not in SECTIONS:
        raise ValidationError({"section": _("Choose a section of the plan.")})
    if not text.strip():
        raise ValidationError({"text": _("Write the comment.")})
    with transaction.atomic():
        comment = SectionComment.objects.create(plan=plan, section=section, membership=actor.membership,
                                                text=text.strip())
        audit.record(actor, AuditAction.CREATE, comment)
    return comment


def carry_over(*, actor: Actor, plan: ActionPlan, to_plan: ActionPlan) -> int:
    """Copy last year's unfinished activities to next year's plan, onto the sub-goals with the same number."""
    targets = {s.number: s for s in SubGoal.objects.filter(goal_area__template=to_plan.template)}
    moved = 0
    with transaction.atomic():
        for activity in plan.activities.exclude(status__in=["done", "cancelled"]).prefetch_related(
                "responsible_units").select_related("sub_goal"):
            target = targets.get(activity.sub_goal.number)
            if target is None:
                continue
            copy = Activity.objects.create(
                plan=to_plan, sub_goal=target, description=activity.description, target_group=activity.target_group,
                responsible_text=activity.responsible_text, expected_effect=activity.expected_effect,
                measure=activity.measure, target=activity.target)
            copy.responsible_units.set(activity.responsible_units.all())
            moved += 1
        audit.record(actor, AuditAction.CREATE, to_plan, detail={"carried_over_from": plan.pk, "activities": moved})
    return moved


def year_diff(older: ActionPlan, newer: ActionPlan) -> dict[str, list[str]]:
    """Activities added and removed between two years' plans of an area (by sub-goal and text)."""
    def keyed(plan):
        return {f"{a.sub_goal.number} {a.description}" for a in plan.activities.select_related("sub_goal")}

    before, after = keyed(older), keyed(newer)
    return {"added": sorted(after - before), "removed": sorted(before - after)}


def project_create(*, actor: Actor, name: str, agreement, start, end, municipalities, goals,
                   description: str = ""):
    """A development project with its own plan: the same goal → activity → follow-up structure,
    its own period and participating municipalities. ``goals``: [(number, title, [(number, title)])]."""
    from tillsammans.planning.models import Project

    errors = {}
    if not name.strip():
        errors["name"] = _("Give the project a name.")
    if end < start:
        errors["end"] = _("The end date is before the start date.")
    if not list(municipalities):
        errors["municipalities"] = _("Choose the participating municipalities.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        project = Project.objects.create(name=name.strip(), description=description, start=start, end=end,
                                         lead=actor.membership, agreement=agreement)
        project.municipalities.set(municipalities)
        template = Template.objects.create(agreement=agreement, year=start.year, project=project)
        for number, title, subs in goals:
            area = GoalArea.objects.create(template=template, number=number, title=title)
            SubGoal.objects.bulk_create([SubGoal(goal_area=area, number=n, title=t) for n, t in subs])
        plan = ActionPlan.objects.create(project=project, template=template, sections=dict.fromkeys(SECTIONS, ""))
        audit.record(actor, AuditAction.CREATE, project, detail={"plan": plan.pk})
    return plan
