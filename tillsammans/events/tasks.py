"""Background work for events: reminders the day before, feedback requests the day after, and
removal of external guests' personal details after the retention time."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from tillsammans.core.calendar import STOCKHOLM
from tillsammans.core.scheduler import daily


def _day_bounds(day):
    start = datetime.combine(day, time(0, 0), STOCKHOLM)
    return start, start + timedelta(days=1)


@daily("event-reminders", at=time(8, 0))
@task()
def send_event_reminders() -> int:
    from tillsammans.events import invitations
    from tillsammans.events.models import Registration, RegistrationStatus

    start, end = _day_bounds(timezone.localdate() + timedelta(days=1))
    rows = Registration.objects.filter(status=RegistrationStatus.REGISTERED, walk_in=False, event__cancelled=False,
                                       event__starts_at__gte=start, event__starts_at__lt=end).select_related(
        "event", "user")
    count = 0
    for registration in rows:
        invitations.reminder(registration)
        count += 1
    return count


@daily("event-feedback-requests", at=time(9, 0))
@task()
def send_feedback_requests() -> int:
    from tillsammans.events import invitations
    from tillsammans.events.models import Registration

    start, end = _day_bounds(timezone.localdate() - timedelta(days=1))
    rows = Registration.objects.filter(attended=True, feedback_given=False, event__cancelled=False,
                                       event__ends_at__gte=start, event__ends_at__lt=end).select_related(
        "event", "user")
    count = 0
    for registration in rows:
        invitations.feedback_request(registration)
        count += 1
    return count


@daily("event-guest-data-removal", at=time(3, 30))
@task()
def remove_guest_data() -> int:
    from tillsammans.events.services import guest_data_remove

    return guest_data_remove()
