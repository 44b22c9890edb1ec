"""Emergency access that others see (ADR 0007 (c), ADR 0009).

Declaring an emergency asks for the number, the legal ground and the reason first; the whole
declaration is validated before any child is looked up, then logged, and only then does the answer
say whether a plan exists. Granting it tells the plan's SIP coordinator and the log auditors at
once; a second person confirms it within ``settings.EMERGENCY_CONFIRM_HOURS`` or it is flagged as
unconfirmed; an emergency declared by a unit within 30 days of a withdrawal for that unit is
flagged on its own.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.accounts.roles import Role
from tillsammans.childplans.models import (
    ConsentGrant,
    CoordinatedPlan,
    EmergencyAccess,
    LegalGround,
)
from tillsammans.core import audit, identity
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction

WITHDRAWAL_WINDOW_DAYS = 30
OBJECT_TYPE = "childplans.emergencyaccess"


def _validate(personal_number: str, legal_ground: str, reason: str) -> str:
    errors = {}
    number = ""
    try:
        number = identity.normalise(personal_number)
    except ValidationError as exc:
        errors["personal_number"] = exc.messages
    if legal_ground not in LegalGround.values:
        errors["legal_ground"] = _("Choose the legal ground.")
    if len((reason or "").strip()) < 20:
        errors["reason"] = _("Write the reason in at least a full sentence (20 characters).")
    if errors:
        raise ValidationError(errors)
    return number


def auditors_for(*units) -> list[str]:
    """E-mail addresses of the current log auditors of the principals these units belong to."""
    from tillsammans.accounts.models import Membership

    principals = {u.authority.principal_id for u in units if u is not None}
    return sorted({m.user.email for m in Membership.objects.current().filter(
        role=Role.AUDITOR, unit__authority__principal_id__in=principals).select_related("user")
        if m.user.email})


def _notify(access: EmergencyAccess | None, actor: Actor, legal_ground: str) -> None:
    """Tell the plan's SIP coordinator and the log auditors at once; no personal data."""
    from tillsammans.core.tasks import queue_mail

    unit = actor.membership.unit
    ground = LegalGround(legal_ground).label
    now = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    if access is None:
        recipients = auditors_for(unit)
        subject = _("Emergency access declared without a plan")
        body = _("%(unit)s declared an emergency access at %(time)s on the ground %(ground)s. No "
                 "coordinated plan was found. Review it in the log review of Tillsammans; this message "
                 "contains no personal data.") % {"unit": unit.name, "time": now, "ground": ground}
        key = f"emergency-none:{actor.request_id}:{actor.membership.pk}:{now}"
    else:
        plan = access.plan
        recipients = sorted(set(auditors_for(unit, plan.lead_membership.unit)
                                + ([plan.lead_membership.user.email] if plan.lead_membership.user.email
                                   else [])))
        url = settings.SITE_URL + reverse("childplans:emergency_confirm", args=[access.pk])
        subject = _("Emergency access to SIP %(plan)s") % {"plan": plan.pk}
        body = _("%(unit)s opened coordinated plan %(plan)s through emergency access at %(time)s on the "
                 "ground %(ground)s. A second person must confirm it within %(hours)s hours, or it is "
                 "flagged as unconfirmed: %(url)s. This message contains no personal data.") % {
            "unit": unit.name, "plan": plan.pk, "time": now, "ground": ground,
            "hours": settings.EMERGENCY_CONFIRM_HOURS, "url": url}
        if access.follows_withdrawal:
            body += "\n\n" + _("A guardian withdrew consent for this unit within the last 30 days.")
        key = f"emergency:{access.pk}"
    for email in recipients:
        queue_mail(key=f"{key}:{email}", to=[email], subject=subject, body=body)


def emergency_open(*, actor: Actor, personal_number: str, legal_ground: str,
                   reason: str) -> CoordinatedPlan | None:
    """Declare an emergency. Validated whole before any look-up; logged and announced before the
    answer says whether a plan exists (None: no plan)."""
    number = _validate(personal_number, legal_ground, reason)
    reason = reason.strip()
    now = timezone.now()
    with transaction.atomic():
        plan = CoordinatedPlan.objects.filter(child__personal_number=number).select_related(
            "child", "lead_membership__user", "lead_membership__unit__authority").first()
        if plan is None:
            audit.record(actor, AuditAction.GRANT, object_type=OBJECT_TYPE, purpose=legal_ground,
                         detail={"emergency": True, "found": False, "legal_ground": legal_ground,
                                 "reason": reason[:300]})
            _notify(None, actor, legal_ground)
            return None
        unit_id = actor.membership.unit_id
        follows = ConsentGrant.objects.filter(
            consent__plan=plan, unit_id=unit_id,
            withdrawn_at__gte=now - timedelta(days=WITHDRAWAL_WINDOW_DAYS)).exists()
        access = EmergencyAccess.objects.create(
            plan=plan, membership=actor.membership, legal_ground=legal_ground, reason=reason,
            expires_at=now + timedelta(hours=settings.EMERGENCY_ACCESS_HOURS),
            confirm_by=now + timedelta(hours=settings.EMERGENCY_CONFIRM_HOURS), follows_withdrawal=follows)
        audit.record(actor, AuditAction.GRANT, access, person=plan.child, purpose=legal_ground,
                     detail={"emergency": True, "found": True, "legal_ground": legal_ground,
                             "reason": reason[:300], "after_withdrawal": follows,
                             "confirm_by": access.confirm_by.isoformat()})
        from tillsammans.childplans.versions import record_version

        record_version(actor=actor, plan=plan, note=_("Emergency access: %(unit)s, %(ground)s") % {
            "unit": actor.membership.unit.name, "ground": LegalGround(legal_ground).label})
        _notify(access, actor, legal_ground)
    return plan


def may_confirm(actor: Actor, access: EmergencyAccess) -> bool:
    """A second person: the plan's SIP coordinator, or a manager of the holder's unit."""
    membership = actor.membership
    if membership is None or not actor.verified or membership.pk == access.membership_id:
        return False
    if membership.user_id == access.membership.user_id:
        return False  # the same person acting in another membership is not a second person
    return (membership.pk == access.plan.lead_membership_id
            or (membership.role == Role.MANAGER and membership.unit_id == access.membership.unit_id))


def confirm(*, actor: Actor, access: EmergencyAccess, note: str) -> EmergencyAccess:
    if not may_confirm(actor, access):
        raise PermissionDenied
    if len((note or "").strip()) < 10:
        raise ValidationError({"note": _("Write your assessment of the emergency access.")})
    if access.confirmed_at is not None:
        raise ValidationError({"note": _("The emergency access is already confirmed.")})
    with transaction.atomic():
        access.confirmed_by, access.confirmed_at = actor.membership, timezone.now()
        access.confirmation_note = note.strip()
        access.save(update_fields=["confirmed_by", "confirmed_at", "confirmation_note"])
        audit.record(actor, AuditAction.UPDATE, access, person=access.plan.child, purpose="SIP",
                     detail={"emergency_confirmed": True, "late": access.confirmed_at > access.confirm_by,
                             "note": note.strip()[:300]})
    return access


def flag_unconfirmed(now=None) -> int:
    """Flag every emergency access whose confirmation time ran out (one audit event each)."""
    now = now or timezone.now()
    system = Actor.for_system("emergency-check")
    flagged = 0
    for access in EmergencyAccess.objects.filter(
            confirmed_at__isnull=True, unconfirmed_flagged_at__isnull=True, confirm_by__lt=now
    ).select_related("plan__child", "membership__unit"):
        with transaction.atomic():
            access.unconfirmed_flagged_at = now
            access.save(update_fields=["unconfirmed_flagged_at"])
            audit.record(system, AuditAction.UPDATE, access, person=access.plan.child, purpose="SIP",
                         detail={"emergency_unconfirmed": True, "unit": access.membership.unit.name,
                                 "legal_ground": access.legal_ground})
        flagged += 1
    return flagged


# --- Selectors for the log review and the plan page ------------------------------------------

def unconfirmed(now=None) -> QuerySet:
    """Emergency accesses nobody confirmed in time (the log review's "unconfirmed" flag)."""
    now = now or timezone.now()
    return EmergencyAccess.objects.filter(confirmed_at__isnull=True, confirm_by__lt=now)


def after_withdrawal() -> QuerySet:
    """Emergency accesses by a unit within 30 days of a withdrawal for it (flagged on their own)."""
    return EmergencyAccess.objects.filter(follows_withdrawal=True)


def flagged() -> QuerySet:
    return EmergencyAccess.objects.filter(
        Q(follows_withdrawal=True) | Q(confirmed_at__isnull=True, confirm_by__lt=timezone.now())
    ).select_related("membership__unit", "confirmed_by__unit").order_by("-granted_at")


def to_confirm(actor: Actor) -> list[EmergencyAccess]:
    """Emergency accesses this actor may confirm and nobody has confirmed yet."""
    membership = actor.membership
    if membership is None:
        return []
    condition = Q(plan__lead_membership=membership)
    if membership.role == Role.MANAGER:
        condition |= Q(membership__unit_id=membership.unit_id)
    return list(EmergencyAccess.objects.filter(condition, confirmed_at__isnull=True)
            .exclude(membership__user_id=membership.user_id)
            .select_related("plan__child", "plan__lead_membership", "membership__unit", "membership__user")
            .order_by("-granted_at"))
