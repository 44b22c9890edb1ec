"""Plan versions: a snapshot after every change, a readable diff, and participants' confirmations."""

from __future__ import annotations

import difflib

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy

from tillsammans.childplans.models import Confirmation, CoordinatedPlan, PlanVersion
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction


def snapshot(plan: CoordinatedPlan) -> dict:
    return {
        "status": plan.get_status_display(),
        "huvudansvar": plan.lead_principal.name if plan.lead_principal else "",
        "barnets_syn": plan.childs_view,
        "vardnadshavarnas_syn": plan.guardians_view,
        "uppfoljning": plan.follow_up_date.isoformat() if plan.follow_up_date else "",
        "mal": [g.text for g in plan.goals.all()],
        "insatser": [f"{i.description} – {i.principal.name if i.principal else i.other_actor} "
                     f"({i.get_status_display()})" for i in plan.interventions.select_related("principal")],
    }


def record_version(*, actor: Actor, plan: CoordinatedPlan, note: str) -> PlanVersion:
    with transaction.atomic():
        number = (plan.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        return PlanVersion.objects.create(plan=plan, number=number, snapshot=snapshot(plan), note=note[:200],
                                          created_by=actor.membership)


def confirm(*, actor: Actor, plan: CoordinatedPlan) -> Confirmation:
    with transaction.atomic():
        version = plan.versions.order_by("-number").first() or record_version(
            actor=actor, plan=plan, note="Första versionen")
        confirmation, _created = Confirmation.objects.get_or_create(version=version, membership=actor.membership)
        audit.record(actor, AuditAction.UPDATE, version, person=plan.child, purpose="SIP",
                     detail={"confirmed_version": version.number})
    return confirmation


LABELS = {
    "status": gettext_lazy("Status"), "huvudansvar": gettext_lazy("Principal with overall responsibility"),
    "barnets_syn": gettext_lazy("What is important to the child"),
    "vardnadshavarnas_syn": gettext_lazy("The guardians' views"), "uppfoljning": gettext_lazy("Follow-up date"),
    "mal": gettext_lazy("Goal"), "insatser": gettext_lazy("Intervention"),
}


def lines(snap: dict) -> list[str]:
    out = []
    for key, value in snap.items():
        label = LABELS.get(key, key)
        if isinstance(value, list):
            out.extend(f"{label}: {item}" for item in value)
        elif value:
            out.append(f"{label}: {value}")
    return out


def diff(older: PlanVersion | None, newer: PlanVersion) -> list[tuple[str, str]]:
    """Changed lines as ("+"/"-", text)."""
    before = lines(older.snapshot) if older else []
    return [(line[0], line[2:]) for line in difflib.ndiff(before, lines(newer.snapshot))
            if line[:1] in "+-"]
