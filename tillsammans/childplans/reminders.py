"""Reminders for plans: follow-up due, interventions overdue, consent expiring within 30 days,
invitations not answered three days before the meeting.

Messages carry no personal data: the plan number, what is due and when. Each reminder has a key
per plan, kind and day, so it goes out at most once a day however often the job runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.childplans.models import (
    Consent,
    CoordinatedPlan,
    Intervention,
    InterventionStatus,
    MeetingInvitation,
    PlanStatus,
)

FOLLOW_UP_NOTICE_DAYS = 7
CONSENT_NOTICE_DAYS = 30


@dataclass(frozen=True)
class Reminder:
    key: str
    to: str
    subject: str
    body: str


def due(today: date) -> list[Reminder]:
    reminders: list[Reminder] = []
    open_plans = CoordinatedPlan.objects.exclude(status=PlanStatus.CLOSED)
    for plan in open_plans.filter(follow_up_date__lte=today + timedelta(days=FOLLOW_UP_NOTICE_DAYS)).select_related(
            "follow_up_owner__user", "lead_membership__user"):
        owner = plan.follow_up_owner or plan.lead_membership
        if owner.user.email:
            reminders.append(Reminder(
                f"reminder:follow-up:{plan.pk}:{today}", owner.user.email,
                _("Follow-up of SIP %(plan)s on %(date)s") % {"plan": plan.pk, "date": plan.follow_up_date},
                _("The follow-up of coordinated plan %(plan)s is due on %(date)s. Open Tillsammans to "
                  "prepare it.") % {"plan": plan.pk, "date": plan.follow_up_date}))
    overdue = (Intervention.objects.filter(plan__in=open_plans, end__lt=today)
               .exclude(status__in=[InterventionStatus.DONE, InterventionStatus.CANCELLED])
               .select_related("plan__lead_membership__user"))
    by_plan: dict[int, list[Intervention]] = {}
    for intervention in overdue:
        by_plan.setdefault(intervention.plan_id, []).append(intervention)
    for plan_id, items in by_plan.items():
        lead = items[0].plan.lead_membership
        if lead.user.email:
            reminders.append(Reminder(
                f"reminder:overdue:{plan_id}:{today}", lead.user.email,
                _("Interventions overdue in SIP %(plan)s") % {"plan": plan_id},
                _("%(n)s intervention(s) in coordinated plan %(plan)s passed their end date without being "
                  "marked done.") % {"n": len(items), "plan": plan_id}))
    expiring = (Consent.objects.filter(plan__in=open_plans, valid_to__gte=today,
                                       valid_to__lte=today + timedelta(days=CONSENT_NOTICE_DAYS))
                .select_related("plan__lead_membership__user"))
    for consent in expiring:
        lead = consent.plan.lead_membership
        if lead.user.email:
            reminders.append(Reminder(
                f"reminder:consent:{consent.pk}:{today}", lead.user.email,
                _("Consent in SIP %(plan)s ends on %(date)s") % {"plan": consent.plan_id, "date": consent.valid_to},
                _("A consent in coordinated plan %(plan)s ends on %(date)s. Ask the guardians whether it "
                  "should be renewed.") % {"plan": consent.plan_id, "date": consent.valid_to}))
    pending = (MeetingInvitation.objects.filter(response=MeetingInvitation.Response.PENDING,
                                                meeting__cancelled=False,
                                                meeting__starts_at__date__gte=today,
                                                meeting__starts_at__date__lte=today + timedelta(days=3))
               .select_related("membership__user", "meeting"))
    for invitation in pending:
        email = invitation.membership.user.email
        if email:
            meeting = invitation.meeting
            reminders.append(Reminder(
                f"reminder:unanswered:{invitation.pk}:{today}", email,
                _("Answer the invitation to SIP meeting %(when)s") % {
                    "when": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")},
                _("You have not answered the invitation to a meeting in coordinated plan %(plan)s. "
                  "Answer in Tillsammans.") % {"plan": meeting.plan_id}))
    return reminders
