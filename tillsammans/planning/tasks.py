"""Reminders before the action plans' deadline (1 December by default)."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from tillsammans.core.mail import send_once
from tillsammans.core.models import OutgoingEmail
from tillsammans.core.scheduler import daily

NOTICE_DAYS = (14, 7, 1)


def due_reminders(today):
    from tillsammans.accounts.models import Membership
    from tillsammans.accounts.roles import Role
    from tillsammans.accounts.selectors import coordinator_area_ids
    from tillsammans.planning.models import ActionPlan
    from tillsammans.planning.selectors import deadline_for

    coordinators = list(Membership.objects.current().filter(role=Role.COORDINATOR).select_related("user"))
    for plan in ActionPlan.objects.filter(submitted_at__isnull=True, area__isnull=False).select_related(
            "area", "template__agreement"):
        deadline = deadline_for(plan)
        days = (deadline - today).days
        if days not in NOTICE_DAYS:
            continue
        for membership in coordinators:
            if plan.area_id in coordinator_area_ids(membership) and membership.user.email:
                yield (f"plan-deadline:{plan.pk}:{days}:{membership.user.email}", membership.user.email,
                       _("Action plan %(year)s for %(area)s is due on %(date)s")
                       % {"year": plan.template.year, "area": plan.owner_name, "date": deadline},
                       _("The action plan is due in %(days)s day(s), on %(date)s. Its status is %(status)s.")
                       % {"days": days, "date": deadline, "status": plan.get_status_display()})


@daily("planning-deadline-reminders", at=time(7, 30))
@task()
def send_deadline_reminders() -> int:
    sent = 0
    with translation.override("sv"):
        for key, email, subject, body in due_reminders(timezone.localdate()):
            if OutgoingEmail.objects.filter(key=key).exists():
                continue
            sent += send_once(key=key, to=[email], subject=subject, body=body).status == "sent"
    return sent


__all__ = ["send_deadline_reminders", "due_reminders", "timedelta"]
