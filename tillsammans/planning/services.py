"""Writes about action plans, and the checks shown beside the budget. Totals are computed, never typed."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tillsammans.accounts.models import Membership
from tillsammans.accounts.roles import Role
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.core.numbers import swedish_number
from tillsammans.organisations.models import Unit
from tillsammans.planning.goals import template_write
from tillsammans.planning.history import record_change, shown
from tillsammans.planning.models import (
    SECTIONS,
    ActionPlan,
    Activity,
    BudgetAmount,
    BudgetLine,
    Funder,
    Project,
    SectionComment,
    SubGoal,
    Template,
)


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
        record_change(actor, plan, _("Activity added to %(goal)s: “%(name)s”.")
                      % {"goal": sub_goal.number, "name": shown(activity.description)})
    return activity


def budget_set(*, actor: Actor, line: BudgetLine, funder: Funder, tkr) -> BudgetAmount | None:
    """Whole, non-negative thousands of SEK; empty or 0 removes the amount."""
    text = str(tkr if tkr is not None else "").replace(" ", "").replace("\u202f", "").replace("tkr", "")
    before = BudgetAmount.objects.filter(line=line, funder=funder).values_list("tkr", flat=True).first() or 0
    if text in ("", "0"):
        if before:
            with transaction.atomic():
                BudgetAmount.objects.filter(line=line, funder=funder).delete()
                audit.record(actor, AuditAction.UPDATE, line, detail={"funder": funder.code, "tkr": 0})
                record_change(actor, line.plan, _("Budget “%(line)s”, %(funder)s: %(before)s → 0 tkr.")
                              % {"line": line.name, "funder": funder.code, "before": swedish_number(before)})
        return None
    if not text.isdigit():
        raise ValidationError({"tkr": _("Give whole, non-negative thousands of SEK (e.g. 1250), not %(value)s.")
                               % {"value": tkr}})
    if funder.agreement_id != line.plan.template.agreement_id:
        raise ValidationError({"funder": _("The funder is not part of the plan's agreement.")})
    with transaction.atomic():
        amount, _created = BudgetAmount.objects.update_or_create(line=line, funder=funder,
                                                                 defaults={"tkr": int(text)})
        if before != int(text):
            audit.record(actor, AuditAction.UPDATE, line, detail={"funder": funder.code, "tkr": int(text)})
            record_change(actor, line.plan, _("Budget “%(line)s”, %(funder)s: %(before)s → %(after)s tkr.")
                          % {"line": line.name, "funder": funder.code, "before": swedish_number(before),
                             "after": swedish_number(int(text))})
    return amount


@dataclass
class BudgetTable:
    funders: list[Funder]
    rows: list[tuple[BudgetLine, list[int], int]]
    funder_totals: list[int]
    total: int


LINE_FIELDS = ["id", "plan_id", "name", "under_cofinancing", "fte", "order"]


def budget_table(plan: ActionPlan) -> BudgetTable:
    """The plan's funders and lines with their amounts: two queries (the lines and their amounts in one)."""
    funders = list(plan.template.agreement.funders.all())
    lines: dict[int, BudgetLine] = {}
    amounts: dict[int, dict[int, int]] = {}
    for pk, name, under_cofinancing, fte, order, funder_id, tkr in plan.budget_lines.values_list(
            "pk", "name", "under_cofinancing", "fte", "order", "amounts__funder_id", "amounts__tkr"):
        if pk not in lines:
            lines[pk] = BudgetLine.from_db(plan._state.db, LINE_FIELDS, (pk, plan.pk, name, under_cofinancing, fte,
                                                                          order))
            lines[pk].plan = plan
            amounts[pk] = {}
        if funder_id is not None:
            amounts[pk][funder_id] = tkr
    rows = []
    for pk, line in lines.items():
        values = [amounts[pk].get(f.pk, 0) for f in funders]
        rows.append((line, values, sum(values)))
    funder_totals = [sum(row[1][i] for row in rows) for i in range(len(funders))]
    return BudgetTable(funders, rows, funder_totals, sum(funder_totals))


@dataclass
class Check:
    code: str
    ok: bool
    message: str
    figures: dict = field(default_factory=dict)


def checks(plan: ActionPlan, table: BudgetTable | None = None, posts: list | None = None) -> list[Check]:
    """The plan's checks; ``table`` and ``posts`` when the caller has read them already."""
    agreement = plan.template.agreement
    table = table or budget_table(plan)
    results = []
    region = municipality = 0
    covered_lines = [line for line, _values, _total in table.rows if line.under_cofinancing]
    if not covered_lines:
        results.append(Check("cofinancing", False, _(
            "No budget line is marked as covered by the co-financing rule: say which lines the rule covers "
            "(change the line and tick “Covered by the co-financing rule”)."), {}))
    for line, values, _total in table.rows:
        if line.under_cofinancing:
            for funder, value in zip(table.funders, values, strict=True):
                region += value if funder.side == Funder.Side.REGION else 0
                municipality += value if funder.side == Funder.Side.MUNICIPALITY else 0
    covered = region + municipality
    expected = round(covered * agreement.cofinancing_share / 100)
    ok = abs(region - expected) <= agreement.cofinancing_tolerance_tkr
    if covered_lines and not covered:
        results.append(Check("cofinancing", False, _(
            "The lines covered by the co-financing rule have no amounts yet: %(lines)s.")
            % {"lines": ", ".join(line.name for line in covered_lines)}, {}))
    elif covered_lines:
        results.append(Check("cofinancing", ok, _(
            "Co-financing %(share)s/%(rest)s on the covered lines: the region pays %(region)s tkr and the "
            "municipality %(municipality)s tkr of %(covered)s tkr; the agreement asks %(expected)s tkr of the region.")
            % {"share": agreement.cofinancing_share, "rest": 100 - agreement.cofinancing_share,
               "region": swedish_number(region), "municipality": swedish_number(municipality),
               "covered": swedish_number(covered),
               "expected": swedish_number(expected)},
            {"region": region, "municipality": municipality, "expected": expected}))
    budget_fte = sum((line.fte or Decimal(0) for line, _values, _total in table.rows), Decimal(0))
    post_fte = Decimal(sum(p.fte_percent for p in (plan.posts.all() if posts is None else posts))) / 100
    results.append(Check("fte", budget_fte == post_fte, _(
        "Budgeted full-time equivalents %(budget)s against %(posts)s in the organisation's posts.")
        % {"budget": swedish_number(budget_fte), "posts": swedish_number(post_fte)}))
    empty = [line.name for line, _values, total in table.rows if total == 0]
    results.append(Check("unfunded", not empty, _("Lines without a funder: %(lines)s.") % {"lines": ", ".join(empty)}
                         if empty else _("Every budget line has a funder.")))
    return results


def submission_problems(plan: ActionPlan, activities=None) -> list[tuple[Activity, str]]:
    """What stops submission: activities without a responsible party or an expected effect.
    ``activities``: the plan's, with their sub-goal and responsible units, when the caller has read them."""
    if activities is None:
        activities = plan.activities.select_related("sub_goal").prefetch_related("responsible_units")
    problems = []
    for activity in activities:
        if not activity.responsible_units.all() and not activity.responsible_text.strip():
            problems.append((activity, _("%(goal)s: “%(activity)s” has no responsible party.")
                             % {"goal": activity.sub_goal.number, "activity": activity.description[:60]}))
        if not activity.expected_effect.strip():
            problems.append((activity, _("%(goal)s: “%(activity)s” has no expected effect.")
                             % {"goal": activity.sub_goal.number, "activity": activity.description[:60]}))
    return problems


def snapshot_lines(plan: ActionPlan) -> list[str]:
    lines = [f"{name}: {text}" for name, text in (plan.sections or {}).items() if text]
    lines += [f"{a.sub_goal.number} {a.description} – {a.expected_effect}"
              for a in plan.activities.select_related("sub_goal")]
    table = budget_table(plan)
    lines += [f"Budget {line.name}: " + ", ".join(f"{f.code} {v}" for f, v in zip(table.funders, values, strict=True))
              for line, values, _total in table.rows]
    return lines


def copy_units(agreement):
    """The parties' administrations (förvaltningar) that receive a copy of a submitted plan."""
    return list(Unit.objects.current().filter(authority__in=agreement.parties.all(), unit_type__code="forvaltning")
                .exclude(email="").exclude(pk=agreement.receiver_id).order_by("name"))


def receiver_addresses(agreement) -> list[str]:
    """The receiving office's address and its receivers' addresses."""
    receivers = list(Membership.objects.current().filter(unit=agreement.receiver, role=Role.RECEIVER)
                     .exclude(user__email="").values_list("user__email", flat=True))
    if agreement.receiver.email:
        receivers.append(agreement.receiver.email)
    return sorted(set(receivers))


def plan_url(plan: ActionPlan) -> str:
    return settings.SITE_URL + reverse("planning:plan", args=[plan.pk])


def comment_add(*, actor: Actor, plan: ActionPlan, section: str, text: str):
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
    its own period and participating municipalities. ``goals``: as ``goals.parse_goals`` reads them."""
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
        template_write(actor=actor, template=template, goals=goals)
        plan = ActionPlan.objects.create(project=project, template=template, sections=dict.fromkeys(SECTIONS, ""))
        audit.record(actor, AuditAction.CREATE, project, detail={"plan": plan.pk})
    return plan
