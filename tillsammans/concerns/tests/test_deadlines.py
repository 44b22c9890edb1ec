"""The clocks, with frozen time: 24 hours run through weekends and holidays, 14 days are calendar
days, overdue items stand out, reminders reach the intake team once, and an extension needs reasons."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tillsammans.concerns import selectors, services
from tillsammans.concerns.tasks import send_intake_reminders
from tillsammans.concerns.tests.conftest import send
from tillsammans.testing.clients import client_for
from tillsammans.testing.clock import frozen_at
from tillsammans.testing.sip import actor_for, run_queued_tasks


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


@pytest.mark.django_db
@pytest.mark.parametrize(("received", "assessment_due", "decision_due"), [
    (local(2026, 11, 27, 16, 0), local(2026, 11, 28, 16, 0), date(2026, 12, 11)),   # Friday → Saturday
    (local(2026, 11, 28, 9, 30), local(2026, 11, 29, 9, 30), date(2026, 12, 12)),   # Saturday → Sunday
    (local(2026, 12, 24, 16, 0), local(2026, 12, 25, 16, 0), date(2027, 1, 7)),     # Christmas Eve → Day
    (local(2026, 12, 31, 23, 0), local(2027, 1, 1, 23, 0), date(2027, 1, 14)),      # New Year's Day
])
def test_24_hours_whatever_the_day_and_14_calendar_days(concerns_world, received, assessment_due, decision_due):
    with frozen_at(received):
        report = send(concerns_world["teacher"])
    assert report.received_at == received
    assert report.assessment_due_at == assessment_due
    assert report.decision_due_on == decision_due


@pytest.mark.django_db
def test_overdue_flags_in_the_queue_and_on_the_page(concerns_world):
    intake = concerns_world["intake"]
    with frozen_at(local(2026, 11, 27, 16, 0)) as clock:
        report = send(concerns_world["teacher"])
        clock.move_to(local(2026, 11, 28, 15, 59))
        assert not report.assessment_overdue
        clock.move_to(local(2026, 11, 28, 16, 1))
        assert report.assessment_overdue
        assert list(selectors.queue(actor_for(intake), "overdue")) == [report]
        page = client_for(intake).get(reverse("concerns:queue"), {"state": "overdue"})
        assert report.reference in page.content.decode() and "Försenad" in page.content.decode()
        services.assessment_record(actor=actor_for(intake), report=report, assessment="Inget omedelbart skyddsbehov.",
                                   needs_protection=False, violence_suspected=False)
        assert list(selectors.queue(actor_for(intake), "overdue")) == []
        clock.move_to(local(2026, 12, 11, 23, 59))
        report.refresh_from_db()
        assert not report.decision_overdue
        clock.move_to(local(2026, 12, 12, 0, 1))
        assert report.decision_overdue
        assert list(selectors.queue(actor_for(intake), "overdue")) == [report]


@pytest.mark.django_db
def test_reminders_go_to_the_intake_team_once_without_the_child(concerns_world, django_capture_on_commit_callbacks):
    intake = concerns_world["intake"]
    with frozen_at(local(2026, 11, 27, 16, 0)) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            report = send(concerns_world["teacher"], child_name="Tove Provsson")
        run_queued_tasks()
        mail.outbox.clear()
        clock.move_to(local(2026, 11, 28, 13, 0))  # three hours before the assessment is due
        with django_capture_on_commit_callbacks(execute=True):
            assert send_intake_reminders.call() == 1
        run_queued_tasks()
        clock.move_to(local(2026, 11, 28, 16, 30))  # overdue
        with django_capture_on_commit_callbacks(execute=True):
            assert send_intake_reminders.call() == 1
            assert send_intake_reminders.call() == 1  # queued twice before sending: sent once (key)
        run_queued_tasks()
        with django_capture_on_commit_callbacks(execute=True):
            assert send_intake_reminders.call() == 0  # already sent
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [f"Skyddsbedömning senast 2026-11-28 16:00: {report.reference}",
                        f"FÖRSENAD skyddsbedömning: {report.reference}"]
    assert all(m.to == [intake.user.email] for m in mail.outbox)
    assert not any("Tove" in m.body or "Provsson" in m.body for m in mail.outbox)


@pytest.mark.django_db
def test_an_extension_needs_exceptional_reasons_and_moves_the_date(concerns_world, report):
    intake = actor_for(concerns_world["intake"])
    with pytest.raises(ValidationError) as error:
        services.extension_record(actor=intake, report=report, until=report.decision_due_on + timedelta(days=7),
                                  reason="Tidsbrist")
    assert set(error.value.message_dict) == {"reason"}
    with pytest.raises(ValidationError) as error:
        services.extension_record(actor=intake, report=report, until=report.decision_due_on,
                                  reason="Barnet behöver höras med tolk som finns först om en vecka.")
    assert set(error.value.message_dict) == {"until"}
    later = report.decision_due_on + timedelta(days=7)
    services.extension_record(actor=intake, report=report, until=later,
                              reason="Barnet behöver höras med tolk som finns först om en vecka.")
    report.refresh_from_db()
    assert report.decision_due_on == later and "tolk" in report.extension_reason
    assert report.extended_by == concerns_world["intake"]
