"""Background work for reports of concern: reminders of deadlines to the intake team."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from tillsammans.core.models import OutgoingEmail
from tillsammans.core.scheduler import periodic
from tillsammans.core.tasks import queue_mail


@periodic("concerns-reminders", every=timedelta(minutes=15))
@task()
def send_intake_reminders() -> int:
    """Every quarter of an hour: what is due soon or overdue goes to the municipality's intake team,
    once per report and kind (a new decision date after an extension gives a new reminder)."""
    from tillsammans.concerns.reminders import due
    from tillsammans.concerns.services import intake_recipients

    queued = 0
    with translation.override("sv"), transaction.atomic():
        recipients: dict[int, list[str]] = {}
        for reminder in due(timezone.now()):
            if OutgoingEmail.objects.filter(key=reminder.key).exists():
                continue
            to = recipients.setdefault(reminder.municipality_id, intake_recipients(reminder.municipality_id))
            if to:
                queue_mail(key=reminder.key, to=to, subject=reminder.subject, body=reminder.body)
                queued += 1
    return queued
