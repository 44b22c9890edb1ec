"""Background work for networks: reminders before follow-up actions are due."""

from __future__ import annotations

from datetime import time

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from tillsammans.core.mail import send_once
from tillsammans.core.models import OutgoingEmail
from tillsammans.core.scheduler import daily


@daily("network-action-reminders", at=time(7, 15))
@task()
def send_action_reminders() -> int:
    from tillsammans.networks.services_actions import actions_due

    today = timezone.localdate()
    sent = 0
    with translation.override("sv"):
        for item in actions_due(today):
            email = item.owner.user.email
            key = f"action-reminder:{item.pk}:{today}"
            if not email or OutgoingEmail.objects.filter(key=key).exists():
                continue
            row = send_once(key=key, to=[email],
                            subject=_("Action due %(due)s: %(network)s") % {"due": item.due,
                                                                           "network": item.meeting.network.name},
                            body=_("%(text)s\n\nDue %(due)s. Mark it done in Tillsammans.")
                            % {"text": item.text, "due": item.due})
            sent += row.status == "sent"
    return sent
