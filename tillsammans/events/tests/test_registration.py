"""Registration with a waitlist that moves by itself, meeting requests read alike by two parsers,
changes and cancellations that reach everyone, and guests' details deleted after the event."""

import email
from datetime import UTC, timedelta

import icalendar
import pytest
import vobject
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tillsammans.events import services
from tillsammans.events.models import Registration, RegistrationStatus
from tillsammans.events.tests.conftest import make_event
from tillsammans.testing.sip import actor_for, run_queued_tasks

pytestmark = pytest.mark.django_db


def calendar_of(message) -> tuple[str, str]:
    """(method, ics) of the meeting request's text/calendar part."""
    mime = email.message_from_bytes(message.message().as_bytes())
    part = next(p for p in mime.walk() if p.get_content_type() == "text/calendar")
    return part.get_param("method"), part.get_payload(decode=True).decode()


def parsed(ics: str):
    event = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
    other = vobject.readOne(ics).vevent
    assert event["DTSTART"].dt.astimezone(UTC) == other.dtstart.value.astimezone(UTC)
    return str(event["UID"]), int(event["SEQUENCE"]), event["DTSTART"].dt.astimezone(UTC)


def test_places_then_waitlist_and_promotion_on_cancel(event, nurses, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        regs = [services.register_staff(actor=actor_for(n), event=event) for n in nurses]
    assert [r.status for r in regs] == ["registered", "registered", "waitlisted"]
    run_queued_tasks()
    to = {m.to[0]: m for m in mail.outbox}
    assert calendar_of(to[nurses[0].user.email])[0] == "REQUEST"
    waitlisted = to[nurses[2].user.email]
    assert "reservlista" in waitlisted.subject.lower()
    assert "text/calendar" not in waitlisted.message().as_string()
    mail.outbox.clear()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=actor_for(nurses[0]), registration=regs[0])
    run_queued_tasks()
    regs[2].refresh_from_db()
    assert regs[2].status == RegistrationStatus.REGISTERED and regs[2].promoted_at
    by_person = {m.to[0]: m for m in mail.outbox}
    method, ics = calendar_of(by_person[nurses[0].user.email])
    assert method == "CANCEL"
    method, ics = calendar_of(by_person[nurses[2].user.email])
    assert method == "REQUEST"
    uid, sequence, start = parsed(ics)
    assert uid.startswith(f"event-{event.pk}-registration-{regs[2].pk}")
    assert start == event.starts_at.astimezone(UTC)


def test_second_registration_and_closed_events_are_refused_with_a_reason(event, organiser, nurses):
    services.register_staff(actor=actor_for(nurses[0]), event=event)
    with pytest.raises(ValidationError, match="redan anmäld|already registered"):
        services.register_staff(actor=actor_for(nurses[0]), event=event)
    late = make_event(organiser, registration_deadline=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError) as err:
        services.register_staff(actor=actor_for(nurses[1]), event=late)
    assert "sista anmälningsdag" in " ".join(err.value.messages).lower()
    services.event_cancel(actor=actor_for(organiser), event=event)
    with pytest.raises(ValidationError) as err:
        services.register_staff(actor=actor_for(nurses[1]), event=event)
    assert "inställt" in " ".join(err.value.messages).lower()


def test_move_sends_updates_with_same_uid_and_higher_sequence_and_cancel_sends_cancel(
        event, organiser, nurses, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        reg = services.register_staff(actor=actor_for(nurses[0]), event=event)
    run_queued_tasks()
    uid0, seq0, _start = parsed(calendar_of(mail.outbox[-1])[1])
    mail.outbox.clear()
    DBTaskResult.objects.all().delete()
    # A summer and a winter date: both parsers must agree on the UTC start.
    for month in (7, 1):
        new_start = event.starts_at.replace(year=event.starts_at.year + 1, month=month, day=15)
        with django_capture_on_commit_callbacks(execute=True):
            event = services.event_change(actor=actor_for(organiser), event=event, starts_at=new_start,
                                          ends_at=new_start + timedelta(hours=2))
        run_queued_tasks()
        DBTaskResult.objects.all().delete()
        method, ics = calendar_of(mail.outbox[-1])
        uid, seq, start = parsed(ics)
        assert (method, uid) == ("REQUEST", uid0) and seq > seq0 and start == new_start.astimezone(UTC)
        seq0 = seq
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(actor=actor_for(organiser), event=event)
    run_queued_tasks()
    method, ics = calendar_of(mail.outbox[-1])
    uid, seq, _start = parsed(ics)
    assert method == "CANCEL" and uid == uid0 and seq > seq0
    assert mail.outbox[-1].to == [reg.user.email]


def test_capacity_increase_moves_the_waitlist_up(event, organiser, nurses):
    regs = [services.register_staff(actor=actor_for(n), event=event) for n in nurses]
    assert regs[2].status == "waitlisted"
    services.event_change(actor=actor_for(organiser), event=event, capacity=3)
    regs[2].refresh_from_db()
    assert regs[2].status == "registered"
    with pytest.raises(ValidationError):
        services.event_change(actor=actor_for(organiser), event=event, capacity=1)


def test_guest_details_are_removed_after_the_retention_time(event, settings):
    from tillsammans.core.access import ANONYMOUS

    guest = services.register_guest(actor=ANONYMOUS, event=event, name="Gäst Gästsson", organisation="Föreningen",
                                    email="gast@exempel.invalid", dietary="Vegetarisk", accessibility_needs="")
    settings.EVENTS_GUEST_RETENTION_DAYS = 30
    assert services.guest_data_remove(now=event.ends_at + timedelta(days=29)) == 0
    assert services.guest_data_remove(now=event.ends_at + timedelta(days=31)) == 1
    guest.refresh_from_db()
    assert (guest.name, guest.email, guest.organisation, guest.dietary) == ("", "", "", "")
    assert guest.guest_data_removed and "Gästsson" not in str(guest)


def test_feedback_is_anonymous_and_hidden_below_five_answers(event, nurses, organiser):
    from tillsammans.events.models import FeedbackAnswer
    from tillsammans.events.selectors import feedback_summary

    regs = [services.register_staff(actor=actor_for(n), event=event) for n in nurses[:2]]
    for reg in regs:
        services.attendance_set(actor=actor_for(organiser), registration=reg, attended=True)
        services.feedback_submit(registration=reg, rating=4, useful=5, comment="Bra presentation")
    with pytest.raises(ValidationError):
        services.feedback_submit(registration=regs[0], rating=1, useful=1, comment="")
    summary = feedback_summary(event)
    assert summary.answers == 2 and not summary.shown and summary.rating is None
    fields = {f.name for f in FeedbackAnswer._meta.get_fields()}
    assert not fields & {"user", "registration", "membership", "email", "client_ip", "created_at"}
    with pytest.raises(ValidationError):
        services.feedback_submit(registration=Registration.objects.create(
            event=event, name="Ej där", status="registered"), rating=3, useful=3, comment="")


def test_the_audience_is_invited_by_email_with_the_one_click_page(event, organiser, nurses, world,
                                                                   django_capture_on_commit_callbacks):
    from tillsammans.accounts.roles import Role
    from tillsammans.testing.factories import MembershipFactory

    MembershipFactory(role=Role.MANAGER, unit=world["bvc_a"])  # not in the audience (staff only)
    services.register_staff(actor=actor_for(nurses[0]), event=event)
    with django_capture_on_commit_callbacks(execute=True):
        count = services.event_announce(actor=actor_for(organiser), event=event)
    run_queued_tasks()
    invited = {m.to[0]: m for m in mail.outbox if m.subject.startswith("Inbjudan")}
    assert nurses[0].user.email not in invited  # already registered
    assert {nurses[1].user.email, nurses[2].user.email} <= set(invited)
    assert count == len(invited)
    assert f"/evenemang/{event.pk}/" in invited[nurses[1].user.email].body


def test_the_day_before_everyone_with_a_place_is_reminded_once(organiser, nurses, django_capture_on_commit_callbacks):
    from tillsammans.events.tasks import send_event_reminders

    tomorrow = make_event(organiser, days=1, capacity=1)
    services.register_staff(actor=actor_for(nurses[0]), event=tomorrow)
    services.register_staff(actor=actor_for(nurses[1]), event=tomorrow)  # waitlisted: no reminder
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_event_reminders.call()
    run_queued_tasks()
    run_queued_tasks()  # a retry sends nothing twice
    reminders = [m for m in mail.outbox if m.subject.startswith("I morgon")]
    assert sent == 1 and [m.to for m in reminders] == [[nurses[0].user.email]]
