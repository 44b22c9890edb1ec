"""Background work for plans: the daily reminders."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone, translation
from django_tasks import task

from tillsammans.core.mail import send_once
from tillsammans.core.models import OutgoingEmail
from tillsammans.core.scheduler import daily, periodic


@daily("childplans-reminders", at=time(7, 0))
@task()
def send_plan_reminders() -> int:
    from tillsammans.childplans.reminders import due

    sent = 0
    with translation.override("sv"):
        for reminder in due(timezone.localdate()):
            if OutgoingEmail.objects.filter(key=reminder.key).exists():
                continue
            row = send_once(key=reminder.key, to=[reminder.to], subject=reminder.subject, body=reminder.body)
            sent += row.status == OutgoingEmail.Status.SENT
    return sent


@periodic("childplans-emergency-unconfirmed", every=timedelta(minutes=15))
@task()
def flag_unconfirmed_emergency_access() -> int:
    """Flag emergency accesses nobody confirmed within EMERGENCY_CONFIRM_HOURS (log review)."""
    from tillsammans.childplans.emergency import flag_unconfirmed

    return flag_unconfirmed()


@daily("childplans-consent-expiry", at=time(0, 5))
@task()
def record_expired_consents() -> int:
    """A consent ends at midnight on its last day with nobody acting: a version says so."""
    from tillsammans.childplans.versions import record_expired_consents as record

    return record()
