"""Background work for networks: reminders before follow-up actions are due, to owners with a
login and to member units' contact persons without one alike."""

from __future__ import annotations

from datetime import time

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from tillsammans.core.mail import send_once
from tillsammans.core.models import OutgoingEmail
from tillsammans.core.scheduler import daily
from tillsammans.networks.services_actions import actions_due


@daily("network-action-reminders", at=time(7, 15))
@task()
def send_action_reminders() -> int:
    today = timezone.localdate()
    sent = 0
    with translation.override("sv"):
        for item in actions_due(today):
            email = item.owner_email
            key = f"action-reminder:{item.pk}:{today}"
            if not email or OutgoingEmail.objects.filter(key=key).exists():
                continue
            row = send_once(key=key, to=[email],
                            subject=_("Action due %(due)s: %(network)s") % {"due": item.due,
                                                                           "network": item.meeting.network.name},
                            body=_body(item))
            sent += row.status == "sent"
    return sent


def _body(item) -> str:
    if item.owner_id:
        return _("%(text)s\n\nDue %(due)s. Mark it done in Tillsammans.") % {"text": item.text, "due": item.due}
    convener = item.meeting.network.convener.user
    return _("%(text)s\n\nDue %(due)s. When it is done, tell the convener, %(name)s (%(email)s), who marks it "
             "done.") % {"text": item.text, "due": item.due, "name": convener.get_full_name(),
                         "email": convener.email}
