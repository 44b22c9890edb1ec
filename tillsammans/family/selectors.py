"""Reads for the family's own door. What is shown of a person passes ``core.identity.shown`` with
the family bases ("self" and "family"); the access log view is the log review's extract."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from tillsammans.childplans import rules as access_rules
from tillsammans.childplans.models import ConsentGiver, CoordinatedPlan, WellbeingAssessment
from tillsammans.core import identity
from tillsammans.family.models import Contribution, FamilyAct, MeetingAnswer


def my_plans(number: str) -> list[CoordinatedPlan]:
    """The plans this person reaches, each with ``family_basis`` and ``child_shown``."""
    reach = access_rules.family_plans(number)
    plans = list(CoordinatedPlan.objects.filter(pk__in=reach).select_related("child").order_by("child__pk"))
    for plan in plans:
        plan.family_basis = reach[plan.pk]
        plan.child_shown = identity.shown(plan.child, basis=_child_basis(plan))
    return plans


def _child_basis(plan) -> str:
    return identity.SELF if plan.family_basis == "young_person" else identity.FAMILY


def people(plan: CoordinatedPlan, number: str, output: str = identity.PAGE) -> dict:
    """The child, the viewer and the other guardians, as this family member may see them."""
    child = plan.child
    guardians = list(child.guardians.filter(has_custody=True).order_by("pk"))
    me = next((g for g in guardians if g.personal_number == number), None)
    for guardian in guardians:
        guardian.shown = identity.shown(guardian, basis=identity.SELF if guardian is me else identity.FAMILY,
                                        output=output, child=child)
    return {"child_shown": identity.shown(child, basis=_child_basis(plan), output=output), "me": me,
            "others": [g for g in guardians if g is not me], "guardians": guardians}


def next_meeting(plan: CoordinatedPlan):
    return plan.meetings.filter(cancelled=False, ends_at__gte=timezone.now()).order_by("starts_at").first()


def plan_view(plan: CoordinatedPlan, number: str) -> dict:
    from tillsammans.childplans.selectors import wellbeing_context

    context = people(plan, number)
    lead = plan.lead_membership
    meeting = next_meeting(plan)
    key = "child" if plan.family_basis == "young_person" else (f"guardian-{context['me'].pk}" if context["me"] else "")
    professionals = [a for a in plan.assessments.all() if a.by == WellbeingAssessment.By.PROFESSIONALS]
    context.update({
        "lead": lead, "lead_name": lead.user.get_full_name(), "lead_unit": lead.unit.name,
        "lead_email": lead.user.email,
        "goals": list(plan.goals.all()),
        "interventions": list(plan.interventions.select_related("unit", "principal")),
        "meeting": meeting,
        "my_answer": MeetingAnswer.objects.filter(meeting=meeting, who=key).first() if meeting else None,
        "topics": list(Contribution.objects.filter(meeting=meeting, kind=Contribution.Kind.TOPIC)) if meeting else [],
        "own_words": list(Contribution.objects.filter(plan=plan, kind=Contribution.Kind.OWN_WORDS)
                          .order_by("-created_at")),
        "units": sorted({p.membership.unit.name for p in plan.participants.filter(removed_at__isnull=True)
                         .select_related("membership__unit")}),
        **wellbeing_context(professionals),
    })
    return context


def family_ratings(plan: CoordinatedPlan) -> dict:
    from tillsammans.childplans.selectors import wellbeing_context

    return wellbeing_context([a for a in plan.assessments.all() if a.by != WellbeingAssessment.By.PROFESSIONALS])


@dataclass
class UnitState:
    unit: object
    mine: str  # "given", "withdrawn", "none" (not answered), "-" (not mine to answer)
    others_waiting: int  # guardians with custody who have not given it
    covered: bool


@dataclass
class ConsentView:
    consent: object
    units: list[UnitState]
    expired: bool
    own: bool  # the young person's own consent
    acts: list


def consents(plan: CoordinatedPlan, number: str, basis: str) -> list[ConsentView]:
    """Every consent of the plan, per unit: what the viewer answered, whether the plan still waits
    for another guardian, and whether the unit is covered today."""
    today = timezone.localdate()
    covered = access_rules.covered_units([plan.pk])[plan.pk]
    custodians = set(plan.child.guardians.filter(has_custody=True).values_list("pk", flat=True))
    me = plan.child.guardians.filter(personal_number=number, has_custody=True).values_list("pk", flat=True).first()
    rows = []
    for consent in plan.consents.prefetch_related("receiving_units", "grants", "categories").order_by("-recorded_at"):
        own = consent.given_by == ConsentGiver.YOUNG_PERSON
        grants = list(consent.grants.all())
        states = []
        for unit in sorted(consent.receiving_units.all(), key=lambda u: u.name):
            mine_grant = next((g for g in grants if g.unit_id == unit.pk and (
                (own and g.guardian_id is None) or (not own and g.guardian_id == me))), None)
            answerable = (own and basis == "young_person") or (not own and basis == "guardian")
            mine = "-" if not answerable else (
                "none" if mine_grant is None else "withdrawn" if mine_grant.withdrawn_at else "given")
            active = {g.guardian_id for g in grants if g.unit_id == unit.pk and g.withdrawn_at is None}
            waiting = 0 if own else len(custodians - active)
            states.append(UnitState(unit=unit, mine=mine, others_waiting=waiting,
                                    covered=unit.pk in covered and consent.valid_from <= today <= consent.valid_to))
        acts = list(FamilyAct.objects.filter(consent=consent).order_by("recorded_at"))
        rows.append(ConsentView(consent=consent, units=states, expired=consent.valid_to < today, own=own, acts=acts))
    return rows


def access_log(child) -> list:
    """Who opened the child's plan: the log review's extract for the same child, grouped into visits,
    unit and role in words, emergency access marked with its legal ground."""
    from tillsammans.childplans.extract import visits
    from tillsammans.logreview import describe, selectors

    rows = visits(selectors.extract_for_child(child))
    for row in rows:
        row.role_label = describe.role_label(row.role)
    return rows
