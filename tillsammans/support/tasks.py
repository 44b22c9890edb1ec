"""Background work for parent groups: reminders the day before a session (e-mail or text message),
the evaluation request after the last session, and deletion of parents' details after the
retention time (``SUPPORT_PARTICIPANT_RETENTION_DAYS``)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from tillsammans.core.calendar import STOCKHOLM
from tillsammans.core.scheduler import daily


def _day_bounds(day):
    start = datetime.combine(day, time(0, 0), STOCKHOLM)
    return start, start + timedelta(days=1)


@daily("support-session-reminders", at=time(8, 15))
@task()
def send_session_reminders() -> int:
    from tillsammans.support import notify
    from tillsammans.support.models import GroupSession, ParticipantStatus

    start, end = _day_bounds(timezone.localdate() + timedelta(days=1))
    count = 0
    sessions = GroupSession.objects.filter(cancelled=False, group__cancelled=False, starts_at__gte=start,
                                           starts_at__lt=end).select_related("group__offer")
    for session in sessions:
        for participant in session.group.participants.filter(status=ParticipantStatus.REGISTERED):
            participant.group = session.group
            notify.reminder(participant, session)
            count += 1
    return count


@daily("support-evaluation-requests", at=time(9, 15))
@task()
def send_evaluation_requests() -> int:
    """The day after a group's last session: those who had a place get the anonymous evaluation."""
    from django.db.models import Max, Q

    from tillsammans.support import notify
    from tillsammans.support.models import ParentGroup, ParticipantStatus

    start, end = _day_bounds(timezone.localdate() - timedelta(days=1))
    last = Max("sessions__starts_at", filter=Q(sessions__cancelled=False))
    groups = ParentGroup.objects.filter(cancelled=False).annotate(last=last).filter(
        last__gte=start, last__lt=end).select_related("offer")
    count = 0
    for group in groups:
        for participant in group.participants.filter(status=ParticipantStatus.REGISTERED, feedback_given=False):
            participant.group = group
            notify.evaluation_request(participant)
            count += 1
    return count


@daily("support-participant-data-removal", at=time(3, 45))
@task()
def remove_participant_data() -> int:
    from tillsammans.support.services_groups import participant_data_remove

    return participant_data_remove()
