"""SIP meetings: invitations with an .ics that opens in Outlook, answers in the page, never twice."""

from datetime import datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tillsammans.childplans import meetings
from tillsammans.childplans.models import MeetingInvitation
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for


def run_queued_mail():
    from django_tasks_db.models import DBTaskResult

    for result in DBTaskResult.objects.all():
        result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])


def ics_of(message):
    for filename, content, mimetype in message.attachments:
        if filename.endswith(".ics"):
            return icalendar.Calendar.from_ical(content), mimetype
    raise AssertionError("no .ics")


@pytest.mark.django_db
def test_invitations_open_in_outlook_and_changes_raise_the_sequence(sip, django_capture_on_commit_callbacks):
    lead = actor_for(sip["lead"])
    start = timezone.make_aware(datetime(2026, 12, 3, 13, 0))
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meetings.schedule(actor=lead, plan=sip["plan"], starts_at=start,
                                    ends_at=start.replace(hour=15), place="Förskolan Ekorren, rum 2")
    run_queued_mail()
    # The lead organises: never sent their own request, never an attendee of it.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.user.email for m in (sip["nurse"], sip["social"]))
    calendar, mimetype = ics_of(mail.outbox[0])
    assert "method=REQUEST" in mimetype and calendar["METHOD"] == "REQUEST"
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["UID"]) == f"sip-meeting-{meeting.pk}@tillsammans" and int(event["SEQUENCE"]) == 0
    assert event["DTSTART"].dt.hour == 13 and str(event["DTSTART"].dt.tzinfo) == "Europe/Stockholm"
    assert list(calendar.walk("VTIMEZONE"))
    assert sip["lead"].user.email in str(event["ORGANIZER"])
    assert all(a.params["RSVP"] == "FALSE" for a in event.get("ATTENDEE"))
    assert sip["lead"].user.email not in " ".join(str(a) for a in event.get("ATTENDEE"))
    assert "Ella" not in calendar.to_ical().decode() and "Ella" not in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meetings.reschedule(actor=lead, meeting=meeting, starts_at=start.replace(hour=14),
                            ends_at=start.replace(hour=16), place=meeting.place)
    run_queued_mail()
    assert int(next(iter(ics_of(mail.outbox[0])[0].walk("VEVENT")))["SEQUENCE"]) == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meetings.cancel(actor=lead, meeting=meeting)
    run_queued_mail()
    calendar, _ = ics_of(mail.outbox[0])
    assert calendar["METHOD"] == "CANCEL" and int(next(iter(calendar.walk("VEVENT")))["SEQUENCE"]) == 2
    before = len(mail.outbox)
    run_queued_mail()  # a retried send never sends twice
    assert len(mail.outbox) == before


@pytest.mark.django_db
def test_answers_in_the_page(sip):
    lead = actor_for(sip["lead"])
    start = timezone.now().replace(microsecond=0) + timezone.timedelta(days=7)
    meeting = meetings.schedule(actor=lead, plan=sip["plan"], starts_at=start,
                                ends_at=start + timezone.timedelta(hours=2), place="Videolänk")
    url = reverse("childplans:meeting_respond", args=[sip["plan"].pk, meeting.pk])
    assert client_for(sip["nurse"]).post(url, {"response": "accepted"}).status_code == 302
    assert MeetingInvitation.objects.get(membership=sip["nurse"]).response == "accepted"
    assert client_for(sip["outsider"]).post(url, {"response": "accepted"}).status_code == 404
    page = client_for(sip["lead"]).get(reverse("childplans:plan", args=[sip["plan"].pk])).content.decode()
    assert "BVC Norra: Kommer" in page


@pytest.mark.django_db
def test_end_before_start_is_refused_and_what_was_typed_is_kept(sip):
    response = client_for(sip["lead"]).post(reverse("childplans:meeting_add", args=[sip["plan"].pk]), {
        "starts_at": "2026-12-03T15:00", "ends_at": "2026-12-03T13:00", "place": "Rum 2"})
    assert response.status_code == 422
    content = response.content.decode()
    assert "Mötet måste sluta efter att det börjar" in content and "Rum 2" in content
