"""Handover (stafett): the relay log follows the child to another unit with the guardians' consent.
The receiving unit's named recipient confirms it; then the log is the receiving unit's and the
giving unit's access ends. Both steps are in the log's history and in the access log."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.accounts.roles import Role
from tillsammans.childplans import rules
from tillsammans.childplans import services as child_services
from tillsammans.childplans.models import ConsentPurpose
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.pathway.models import Handover, LogMember, RelayLog
from tillsammans.pathway.services import PURPOSE, entry

RECEIVING_ROLES = (Role.STAFF, Role.SIP_LEAD, Role.MANAGER)


def handover_offer(*, actor: Actor, log: RelayLog, to_unit, recipient, guardians=(), categories=(),
                   given_by: str = "guardians", child_view: str = "", child_heard_how: str = "",
                   note: str = "") -> Handover:
    """Hand the log to ``to_unit``: refused without a named recipient there, or without the guardians'
    consent naming the receiving unit."""
    errors: dict = {}
    if to_unit is None:
        errors["to_unit"] = _("Choose the receiving unit.")
    elif to_unit.pk == log.unit_id:
        errors["to_unit"] = _("The log is already in this unit.")
    if recipient is None:
        errors["recipient"] = _("Name the person in the receiving unit who receives the log. A handover "
                                "without a recipient is not possible.")
    elif to_unit is not None and (recipient.unit_id != to_unit.pk or recipient.role not in RECEIVING_ROLES
                                  or not recipient.is_current()):
        errors["recipient"] = _("The recipient must work in the receiving unit now.")
    if log.handovers.filter(confirmed_at__isnull=True, cancelled_at__isnull=True).exists():
        errors["__all__"] = _("A handover is already waiting for the receiving unit to confirm it.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = child_services.consent_record(
            actor=actor, child=log.worry.child, purpose=ConsentPurpose.HANDOVER, receiving_units=[to_unit],
            categories=categories, guardians=guardians, given_by=given_by, child_view=child_view,
            child_heard_how=child_heard_how)
        handover = Handover.objects.create(log=log, from_unit_id=log.unit_id, to_unit=to_unit, recipient=recipient,
                                           consent=consent, note=note.strip(), offered_by=actor.membership)
        audit.record(actor, AuditAction.DISCLOSE, handover, person=log.worry.child, purpose=PURPOSE,
                     detail={"handover": True, "to_unit": to_unit.pk, "recipient": recipient.pk,
                             "description": f"Stafettloggen överlämnas till {to_unit.name}"})
        entry(log, actor, _("Handed over to %(unit)s (%(who)s), waiting for confirmation")
              % {"unit": to_unit.name, "who": recipient.user.get_full_name()})
        email = recipient.user.email
        if email:
            from tillsammans.core.tasks import queue_mail

            url = settings.SITE_URL + reverse("pathway:handover_confirm", args=[handover.pk])
            queue_mail(key=f"handover:{handover.pk}", to=[email], subject=_("A relay log is handed over to you"),
                       body=_("%(unit)s hands over a relay log to %(to)s with the guardians' consent. Confirm that "
                              "you receive it: %(url)s. This message contains no personal data.")
                       % {"unit": log.unit.name, "to": to_unit.name, "url": url})
    return handover


def handover_confirm(*, actor: Actor, handover: Handover) -> RelayLog:
    """The recipient confirms: the log moves to the receiving unit, the recipient becomes the family's
    contact, and every person of the giving unit leaves the log."""
    if not handover.pending:
        raise ValidationError(_("The handover is already confirmed or cancelled."))
    if actor.membership is None or actor.membership.pk != handover.recipient_id:
        raise ValidationError(_("Only the named recipient can confirm the handover."))
    if handover.to_unit_id not in rules.consent_covered_units([handover.consent_id])[handover.consent_id]:
        raise ValidationError(_("The guardians' consent for the receiving unit is no longer valid."))
    log = handover.log
    now = timezone.now()
    with transaction.atomic():
        handover.confirmed_at = now
        handover.save(update_fields=["confirmed_at"])
        gone = list(log.members.filter(removed_at__isnull=True).exclude(membership__unit_id=handover.to_unit_id)
                    .values_list("membership_id", flat=True))
        log.members.filter(membership_id__in=gone).update(removed_at=now)
        LogMember.objects.update_or_create(log=log, membership=handover.recipient, defaults={"removed_at": None})
        log.unit, log.consent, log.family_contact = handover.to_unit, handover.consent, handover.recipient
        log.save(update_fields=["unit", "consent", "family_contact"])
        log.worry.child.units.add(handover.to_unit)
        audit.record(actor, AuditAction.GRANT, handover, person=log.worry.child, purpose=PURPOSE,
                     detail={"handover": True, "confirmed": True, "from_unit": handover.from_unit_id,
                             "access_ended_for": sorted(gone),
                             "description": f"Stafettloggen mottagen av {handover.to_unit.name}; "
                                            f"{handover.from_unit.name} har inte längre åtkomst"})
        entry(log, actor, _("%(to)s confirmed the handover; %(from)s no longer sees the log")
              % {"to": handover.to_unit.name, "from": handover.from_unit.name})
    return log


def handover_cancel(*, actor: Actor, handover: Handover) -> Handover:
    if not handover.pending:
        raise ValidationError(_("The handover is already confirmed or cancelled."))
    with transaction.atomic():
        handover.cancelled_at = timezone.now()
        handover.save(update_fields=["cancelled_at"])
        audit.record(actor, AuditAction.REVOKE, handover, person=handover.log.worry.child, purpose=PURPOSE)
        entry(handover.log, actor, _("The handover to %(unit)s was cancelled") % {"unit": handover.to_unit.name})
    return handover
