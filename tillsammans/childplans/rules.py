"""The access rules for child data, in one place.

A person acting in membership M may see a child's plan only if
  (a) M is the plan's SIP coordinator (the organisation that collects the consent), or
  (b) M takes part in the plan AND M's unit is named in a consent for this plan that is valid
      today and that every guardian with custody has given for that unit and not withdrawn (or
      that the young person, 15 or older, gave themselves), AND the young person has no objection
      to M's unit that is undecided or upheld (ADR 0009), or
  (c) M holds an unexpired emergency access to the plan (legal ground and reason logged).
A person acting in membership M may see a report of concern only if
  (d) M has the intake role and the report is routed to the municipality (principal) of M's unit:
      intake for the reports routed to my municipality (basis "intake"); or
  (e) M is the membership that sent it (basis "reporter"), and then only the receipt and the
      feedback, never the case.
Intake never sees a child's plan through (d). Whether intake may see that a plan exists is a
municipality's setting (concerns.IntakeSettings.show_sip), read where the report is shown.
System administrators, auditors and receivers never see child data.

A family member logged in with e-ID (no account, no membership; ADR 0016) reaches a plan only as
  (f1) "guardian": a guardian with custody recorded on the child's plan with the same personal
       identity number – unless the young person (15 or older) asked for their own plan without
       the guardians, or
  (f2) "young_person": the child themself, from the day they turn 15.
Nothing else: not a guardian without custody, not a child under 15, not a closed door that says
whether a plan exists. ``family_plans`` answers for all of a person's plans in a fixed number of
queries; ``family_basis`` for one.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from django.utils import timezone

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor

NO_CHILD_DATA = {Role.SYSTEM_ADMIN, Role.AUDITOR, Role.RECEIVER}


def covered_units(plan_ids: list[int], on: date | None = None) -> dict[int, set[int]]:
    """For each plan: the receiving units that a valid, complete, unwithdrawn consent covers –
    every guardian with custody, or the young person's own consent from 15 (ADR 0009) – minus
    the units the young person objected to, while undecided or when the objection was upheld."""
    from tillsammans.childplans.models import Consent, ConsentGiver, ConsentGrant, Guardian, Objection
    from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE
    from tillsammans.core.identity import age

    on = on or timezone.localdate()
    consents = list(Consent.objects.filter(plan_id__in=plan_ids, valid_from__lte=on, valid_to__gte=on)
                    .values_list("pk", "plan_id", "plan__child_id", "given_by",
                                 "plan__child__personal_number"))
    if not consents:
        return {pk: set() for pk in plan_ids}
    consent_ids = [c[0] for c in consents]
    receiving = defaultdict(set)
    for consent_id, unit_id in Consent.receiving_units.through.objects.filter(
            consent_id__in=consent_ids).values_list("consent_id", "unit_id"):
        receiving[consent_id].add(unit_id)
    custodians = defaultdict(set)
    for guardian_id, child_id in Guardian.objects.filter(
            child_id__in={c[2] for c in consents}, has_custody=True).values_list("pk", "child_id"):
        custodians[child_id].add(guardian_id)
    granted = defaultdict(set)  # (consent, unit) -> guardians with an active grant (None: young person)
    for consent_id, unit_id, guardian_id in ConsentGrant.objects.filter(
            consent_id__in=consent_ids, withdrawn_at__isnull=True).values_list(
            "consent_id", "unit_id", "guardian_id"):
        granted[(consent_id, unit_id)].add(guardian_id)
    result: dict[int, set[int]] = {pk: set() for pk in plan_ids}
    for consent_id, plan_id, child_id, given_by, number in consents:
        if given_by == ConsentGiver.YOUNG_PERSON:
            if age(number, on) < YOUNG_PERSON_AGE:
                continue  # a young person's own consent counts from 15 only
            result[plan_id] |= {u for u in receiving[consent_id] if None in granted[(consent_id, u)]}
            continue
        needed = custodians[child_id]
        if not needed:
            continue  # no guardian with custody recorded: nobody could have consented
        for unit_id in receiving[consent_id]:
            if needed <= granted[(consent_id, unit_id)]:
                result[plan_id].add(unit_id)
    for objection in Objection.objects.filter(plan_id__in=plan_ids, unit__isnull=False).exclude(
            decision=Objection.Decision.OVERRIDDEN).values("plan_id", "unit_id"):
        result[objection["plan_id"]].discard(objection["unit_id"])
    return result


def visible_plan_ids(actor: Actor, now: datetime | None = None) -> set[int]:
    """Every plan the actor may see now, with a fixed number of queries."""
    from tillsammans.childplans.models import CoordinatedPlan, EmergencyAccess, Participant

    membership = actor.membership
    if membership is None or membership.role in NO_CHILD_DATA or not actor.verified:
        return set()
    now = now or timezone.now()
    lead = set(CoordinatedPlan.objects.filter(lead_membership=membership).values_list("pk", flat=True))
    taking_part = list(Participant.objects.filter(membership=membership, removed_at__isnull=True)
                       .values_list("plan_id", flat=True))
    covered = covered_units(taking_part, now.astimezone(timezone.get_current_timezone()).date())
    participant = {pk for pk in taking_part if membership.unit_id in covered[pk]}
    emergency = set(EmergencyAccess.objects.filter(membership=membership, expires_at__gt=now)
                    .values_list("plan_id", flat=True))
    return lead | participant | emergency


def access_basis(actor: Actor, plan, now: datetime | None = None) -> str | None:
    """Why the actor may see this plan ("lead", "participant", "emergency"), or None."""
    from tillsammans.childplans.models import EmergencyAccess, Participant

    membership = actor.membership
    if plan is None or membership is None or membership.role in NO_CHILD_DATA or not actor.verified:
        return None
    now = now or timezone.now()
    if plan.lead_membership_id == membership.pk:
        return "lead"
    if Participant.objects.filter(plan=plan, membership=membership, removed_at__isnull=True).exists():
        today = now.astimezone(timezone.get_current_timezone()).date()
        if membership.unit_id in covered_units([plan.pk], today)[plan.pk]:
            return "participant"
    if EmergencyAccess.objects.filter(plan=plan, membership=membership, expires_at__gt=now).exists():
        return "emergency"
    return None


def family_plans(number: str, on: date | None = None) -> dict[int, str]:
    """Every plan a person identified by e-ID reaches, with how ("guardian" or "young_person")."""
    from tillsammans.childplans.models import CoordinatedPlan, Guardian, YoungPersonRequest
    from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE
    from tillsammans.core.identity import age

    if not number or len(number) != 12 or not number.isdigit():
        return {}
    on = on or timezone.localdate()
    result: dict[int, str] = {}
    as_guardian = set(Guardian.objects.filter(personal_number=number, has_custody=True,
                                              child__plan__isnull=False).values_list("child__plan", flat=True))
    if as_guardian:
        kept_out = set(YoungPersonRequest.objects.filter(plan_id__in=as_guardian, without_guardians=True)
                       .values_list("plan_id", "plan__child__personal_number"))
        as_guardian -= {plan_id for plan_id, child_number in kept_out if age(child_number, on) >= YOUNG_PERSON_AGE}
        result.update(dict.fromkeys(as_guardian, "guardian"))
    if age(number, on) >= YOUNG_PERSON_AGE:
        own = CoordinatedPlan.objects.filter(child__personal_number=number).values_list("pk", flat=True).first()
        if own is not None:
            result[own] = "young_person"
    return result


def family_basis(number: str, plan, on: date | None = None) -> str | None:
    """How a person identified by e-ID reaches this plan ("guardian", "young_person") or None."""
    if plan is None:
        return None
    return family_plans(number, on).get(plan.pk)
# (d) and (e): reports of concern ---------------------------------------------------------------


def intake_municipality_id(actor: Actor) -> int | None:
    """The municipality whose reports the actor takes in: the principal of an intake membership's
    unit (one query), or None for every other role."""
    from tillsammans.organisations.models import Unit

    membership = actor.membership
    if membership is None or membership.role != Role.INTAKE or not actor.verified:
        return None
    cached = actor.extra.get("intake_municipality_id")
    if cached is None:
        cached = Unit.objects.filter(pk=membership.unit_id).values_list(
            "authority__principal_id", flat=True).first()
        actor.extra["intake_municipality_id"] = cached
    return cached


def report_basis(actor: Actor, report) -> str | None:
    """Why the actor may see this report: "intake" (d), "reporter" (e: receipt and feedback only),
    or None. Intake of another municipality gets None, as for a report that does not exist."""
    membership = actor.membership
    if report is None or membership is None or membership.role in NO_CHILD_DATA or not actor.verified:
        return None
    if membership.role == Role.INTAKE and report.municipality_id == intake_municipality_id(actor):
        return "intake"
    if report.reporter_id is not None and report.reporter_id == membership.pk:
        return "reporter"
    return None


def intake_reports(actor: Actor):
    """Every report the actor may take in (rule d), as a queryset (empty for every other role)."""
    from tillsammans.concerns.models import ConcernReport

    municipality_id = intake_municipality_id(actor)
    if municipality_id is None:
        return ConcernReport.objects.none()
    return ConcernReport.objects.filter(municipality_id=municipality_id)


def own_reports(actor: Actor):
    """The reports the acting membership sent (rule e): receipt and feedback only."""
    from tillsammans.concerns.models import ConcernReport

    membership = actor.membership
    if membership is None or membership.role in NO_CHILD_DATA or not actor.verified:
        return ConcernReport.objects.none()
    return ConcernReport.objects.filter(reporter=membership)
