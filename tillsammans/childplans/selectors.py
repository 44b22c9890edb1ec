"""Reads about plans, always through the access rules."""

from __future__ import annotations

from tillsammans.childplans import rules
from tillsammans.childplans.models import CoordinatedPlan
from tillsammans.core.access import Actor


def visible_plans(actor: Actor) -> list[CoordinatedPlan]:
    ids = rules.visible_plan_ids(actor)
    return list(CoordinatedPlan.objects.filter(pk__in=ids).select_related(
        "child", "lead_membership__user", "lead_membership__unit").order_by("-updated_at"))


def plan_page(plan: CoordinatedPlan) -> dict:
    covered = rules.covered_units([plan.pk])[plan.pk]
    consents = list(plan.consents.prefetch_related(
        "receiving_units", "categories", "grants__guardian", "grants__unit"))
    for consent in consents:
        consent.rows = sorted(consent.grants.all(), key=lambda g: (g.unit.name, g.guardian_id))
    participants = list(plan.participants.filter(removed_at__isnull=True).select_related(
        "membership__user", "membership__unit"))
    for participant in participants:
        participant.covered = participant.membership.unit_id in covered or (
            participant.membership_id == plan.lead_membership_id)
    return {"guardians": list(plan.child.guardians.all()), "consents": consents,
            "participants": participants, "covered": covered}
