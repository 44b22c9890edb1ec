"""Plan versions: a snapshot after every change, a readable diff, and participants' confirmations."""

from __future__ import annotations

import difflib

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tillsammans.childplans.models import Confirmation, CoordinatedPlan, MeetingRecord, PlanVersion
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction


def _people(plan: CoordinatedPlan, today) -> dict:
    """Guardians, consents, participants and emergency accesses – without names: a version
    history is read by every participant, so guardians are numbered (ADR 0008)."""
    guardians = list(plan.child.guardians.order_by("pk"))
    number = {g.pk: index for index, g in enumerate(guardians, start=1)}
    consents = []
    for consent in plan.consents.prefetch_related("grants__unit").order_by("pk"):
        expired = consent.valid_to < today
        for grant in sorted(consent.grants.all(), key=lambda g: (g.unit.name, g.guardian_id or 0)):
            who = (f"vårdnadshavare {number.get(grant.guardian_id, '?')}" if grant.guardian_id
                   else "den unge själv")
            state = (f"återkallat {grant.withdrawn_at:%Y-%m-%d}" if grant.withdrawn_at
                     else f"utgånget {consent.valid_to:%Y-%m-%d}" if expired
                     else f"givet, giltigt {consent.valid_from:%Y-%m-%d}–{consent.valid_to:%Y-%m-%d}")
            consents.append(f"{grant.unit.name}: {who}, {state}")
    return {
        "vardnadshavare": [f"Vårdnadshavare {number[g.pk]}" + (", vårdnad" if g.has_custody else "")
                           + (", skyddade personuppgifter" if g.protected_identity else "") for g in guardians],
        "samtycken": consents,
        "deltagare": [f"{p.membership.function or p.membership.get_role_display()} – {p.membership.unit.name}"
                      for p in plan.participants.filter(removed_at__isnull=True).select_related(
                          "membership__unit").order_by("membership__unit__name", "pk")],
        "nodatkomst": [f"{a.granted_at:%Y-%m-%d %H:%M} {a.membership.unit.name}: {a.get_legal_ground_display()}"
                       + (", bekräftad" if a.confirmed_at else "")
                       for a in plan.emergency.select_related("membership__unit").order_by("granted_at")],
        "invandningar": [f"{o.unit.name if o.unit else 'planens aktivering'}: "
                         + (o.get_decision_display() if o.decision else "väntar på beslut")
                         for o in plan.objections.select_related("unit").order_by("pk")],
        "moten": [f"{timezone.localtime(r.meeting.starts_at):%Y-%m-%d}: {r.summary_line()}"
                  for r in MeetingRecord.objects.filter(meeting__plan=plan).select_related("meeting")
                  .order_by("meeting__starts_at")],
    }


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
        **_people(plan, timezone.localdate()),
    }


def record_version(*, actor: Actor, plan: CoordinatedPlan, note: str, created_by=None) -> PlanVersion:
    with transaction.atomic():
        number = (plan.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        return PlanVersion.objects.create(plan=plan, number=number, snapshot=snapshot(plan), note=note[:200],
                                          created_by=created_by or actor.membership)


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
    "vardnadshavare": gettext_lazy("Guardian"), "samtycken": gettext_lazy("Consent"),
    "deltagare": gettext_lazy("Participant"), "nodatkomst": gettext_lazy("Emergency access"),
    "invandningar": gettext_lazy("The young person's objection"), "moten": gettext_lazy("SIP meeting"),
}


def record_expired_consents(today=None) -> int:
    """A version for each plan whose consent ran out yesterday (expiry needs nobody to act)."""
    from datetime import timedelta

    from tillsammans.childplans.models import Consent

    today = today or timezone.localdate()
    plans = CoordinatedPlan.objects.filter(pk__in=Consent.objects.filter(
        valid_to=today - timedelta(days=1)).values("plan_id")).select_related("lead_membership")
    count = 0
    for plan in plans:
        record_version(actor=Actor.for_system("consent-expiry"), plan=plan, note="Samtycke utgånget",
                       created_by=plan.lead_membership)
        count += 1
    return count


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
