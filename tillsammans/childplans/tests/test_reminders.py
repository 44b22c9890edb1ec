"""Daily reminders: follow-up due, interventions overdue, consent expiring; once a day, no personal data."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tillsammans.childplans import services, services_goals
from tillsammans.childplans.models import Consent
from tillsammans.childplans.tasks import send_plan_reminders
from tillsammans.core import scheduler
from tillsammans.testing.sip import actor_for


@pytest.mark.django_db
def test_reminders_go_out_once_and_say_nothing_personal(sip, world):
    today = timezone.localdate()
    lead = actor_for(sip["lead"])
    services.plan_update(actor=lead, plan=sip["plan"], follow_up_date=today + timedelta(days=3))
    services_goals.intervention_add(actor=lead, plan=sip["plan"], description="Sömnskola",
                                      principal=world["region"], start=today - timedelta(days=60),
                                      end=today - timedelta(days=1), status="ongoing")
    Consent.objects.filter(pk=sip["consent"].pk).update(valid_to=today + timedelta(days=20))
    from tillsammans.childplans import meetings

    start = timezone.now() + timedelta(days=2)
    meetings.schedule(actor=lead, plan=sip["plan"], starts_at=start, ends_at=start + timedelta(hours=2),
                      place="Rum 2")
    mail.outbox.clear()
    assert send_plan_reminders.call() == 6  # follow-up, overdue, consent, three unanswered invitations
    subjects = sorted(m.subject for m in mail.outbox)
    assert any(s.startswith("Uppföljning av SIP") for s in subjects)
    assert any(s.startswith("Insatser har passerat slutdatum") for s in subjects)
    assert any(s.startswith("Samtycke i SIP") for s in subjects)
    assert sum(s.startswith("Svara på kallelsen") for s in subjects) == 3
    for message in mail.outbox:
        assert "Ella" not in message.body and sip["number"] not in message.body
    assert send_plan_reminders.call() == 0
    assert len(mail.outbox) == 6


def test_the_reminders_are_scheduled_daily():
    scheduler.autodiscover()
    job = scheduler.JOBS["childplans-reminders"]
    assert job.at.hour == 7 and job.every is None
