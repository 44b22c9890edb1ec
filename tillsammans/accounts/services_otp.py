"""Resetting and enrolling a person's second factor (TOTP).

An administrator never sees or sets a secret: a reset removes the person's devices and mails a
one-time enrolment link to the person's own address. After their password, the person opens the
link, scans the new secret and proves it with a code. Both steps are written to the audit chain.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillsammans.accounts.models import OtpEnrolment, User
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction


class EnrolmentError(ValueError):
    """No such enrolment for this person, or it was used or has expired."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def second_factor_reset(*, actor: Actor, user: User) -> OtpEnrolment:
    """Remove ``user``'s authenticators and mail them a link to enrol a new one."""
    if not user.email:
        raise EnrolmentError(_("The person has no e-mail address: add one before resetting."))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[0]
        OtpEnrolment.objects.filter(user=user, used_at__isnull=True).update(expires_at=timezone.now())
        enrolment = OtpEnrolment.objects.create(
            user=user, token_hash=_hash(token), created_by=actor.user if actor.is_authenticated else None,
            expires_at=timezone.now() + timedelta(hours=settings.OTP_ENROLMENT_HOURS))
        audit.record(actor, AuditAction.REVOKE, user, person=user,
                     detail={"second_factor": "reset", "devices_removed": removed,
                             "enrolment": enrolment.pk})
        link = settings.SITE_URL + reverse("accounts:enrol", args=[token])
        transaction.on_commit(lambda: _mail_link(enrolment, link), robust=True)
    return enrolment


def _mail_link(enrolment: OtpEnrolment, link: str) -> None:
    from tillsammans.core.mail import send_once

    send_once(key=f"otp-enrolment-{enrolment.pk}", to=[enrolment.user.email],
              subject=_("Set up your second factor in Tillsammans"),
              body=_("Your second factor in Tillsammans has been reset by a system administrator.\n\n"
                     "Log in with your password and open this link to set up your authenticator app "
                     "(valid until %(until)s, once):\n%(link)s\n\n"
                     "If you did not ask for this, tell your manager and the system administrator "
                     "at once.") % {"link": link,
                                    "until": timezone.localtime(enrolment.expires_at).strftime("%Y-%m-%d %H:%M")})


def enrolment_for(*, user: User, token: str) -> OtpEnrolment:
    enrolment = OtpEnrolment.objects.filter(token_hash=_hash(token), user=user).first()
    if enrolment is None or enrolment.used_at is not None or enrolment.expires_at <= timezone.now():
        raise EnrolmentError(_("This link is not valid (any more). Ask your system administrator "
                               "for a new one."))
    return enrolment


def pending_device(*, user: User, device_id: int | None) -> TOTPDevice:
    """The unconfirmed device being set up (the same one while the page is reloaded)."""
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first() if device_id else None
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=False)


def enrolment_complete(*, actor: Actor, enrolment: OtpEnrolment, device: TOTPDevice, token: str) -> bool:
    """Confirm the new device with a code from it; the enrolment is then used up."""
    if not device.verify_token(token):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=enrolment.user, confirmed=False).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        enrolment.used_at = timezone.now()
        enrolment.save(update_fields=["used_at"])
        audit.record(actor, AuditAction.UPDATE, enrolment.user, person=enrolment.user,
                     detail={"second_factor": "enrolled", "enrolment": enrolment.pk})
    return True
