"""Writes about people: memberships (role grants) are audited in the same transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.accounts.models import Membership, User
from tillsammans.accounts.roles import AREA_SCOPED_ROLES
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction


def membership_grant(
    *,
    actor: Actor,
    user: User,
    unit,
    role: str,
    areas=(),
    function: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> Membership:
    """Give ``user`` a role at ``unit``. Coordinators must have an explicit area scope."""
    valid_from = valid_from or timezone.localdate()
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end date is before the start date.")})
    if role in AREA_SCOPED_ROLES and not list(areas):
        raise ValidationError({"areas": _("A coordinator must be given at least one area.")})
    with transaction.atomic():
        membership = Membership.objects.create(
            user=user, unit=unit, role=role, function=function,
            valid_from=valid_from, valid_to=valid_to,
        )
        if areas:
            membership.areas.set(areas)
        audit.record(
            actor, AuditAction.GRANT, membership, person=user,
            detail={"role": role, "unit": unit.pk,
                    "areas": sorted(a.pk for a in areas),
                    "valid_from": valid_from.isoformat(),
                    "valid_to": valid_to.isoformat() if valid_to else None},
        )
    return membership


def membership_end(*, actor: Actor, membership: Membership, on: date | None = None) -> Membership:
    """End a membership (never delete: logs keep pointing at it)."""
    on = on or timezone.localdate()
    with transaction.atomic():
        membership.valid_to = max(on, membership.valid_from)
        membership.save(update_fields=["valid_to"])
        audit.record(actor, AuditAction.REVOKE, membership, person=membership.user,
                     detail={"role": membership.role, "valid_to": membership.valid_to.isoformat()})
    return membership


def remember_role(user: User, membership: Membership) -> None:
    """Note the membership the person chose to act in: they come back to it at the next login."""
    if membership.user_id != user.pk:
        raise ValidationError(_("Choose one of your current roles."))
    if user.last_membership_id != membership.pk:
        user.last_membership = membership
        User.objects.filter(pk=user.pk).update(last_membership=membership)
