"""The SIP lead moves or cancels a SIP meeting in the page; everyone invited is sent the update
(same UID, higher SEQUENCE) or the cancellation, read alike by icalendar and vobject."""

import email
from datetime import UTC, datetime

import icalendar
import pytest
import vobject
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tillsammans.childplans import meetings
from tillsammans.childplans.models import PlanMeeting
from tillsammans.networks import scheduling
from tillsammans.networks import services as network_services
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for, run_queued_tasks


def calendar_of(message) -> str:
    mime = email.message_from_bytes(message.message().as_bytes())
    part = next(p for p in mime.walk() if p.get_content_type() == "text/calendar" and not p.get_filename())
    assert part.get_param("method") in ("REQUEST", "CANCEL")
    return part.get_payload(decode=True).decode()


@pytest.mark.django_db
def test_the_lead_moves_and_cancels_in_the_page(sip, django_capture_on_commit_callbacks):
    plan = sip["plan"]
    start = timezone.make_aware(datetime(2027, 1, 20, 13, 0))
    with django_capture_on_commit_callbacks(execute=True):
        first = meetings.schedule(actor=actor_for(sip["lead"]), plan=plan, starts_at=start,
                                  ends_at=start.replace(hour=15), place="Förskolan Ekorren, rum 2")
        second = meetings.schedule(actor=actor_for(sip["lead"]), plan=plan, starts_at=start.replace(day=27),
                                   ends_at=start.replace(day=27, hour=15), place="Förskolan Ekorren, rum 2")
    lead = client_for(sip["lead"])
    move = reverse("childplans:meeting_move", args=[plan.pk, first.pk])
    assert lead.get(move).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = lead.post(move, {"starts_at": "2027-06-15T09:30", "ends_at": "2027-06-15T11:00",
                                    "place": "Videolänk"})
        assert response.status_code == 302
        cancel = reverse("childplans:meeting_cancel", args=[plan.pk, second.pk])
        assert lead.get(cancel).status_code == 200
        assert lead.post(cancel, {"confirm": "on"}).status_code == 302
    run_queued_tasks()
    found = set()
    for message in mail.outbox:
        ics = calendar_of(message)
        calendar = icalendar.Calendar.from_ical(ics)
        event = next(iter(calendar.walk("VEVENT")))
        by_vobject = vobject.readOne(ics).vevent.dtstart.value.astimezone(UTC)
        assert event["DTSTART"].dt.astimezone(UTC) == by_vobject
        assert sip["lead"].user.email not in " ".join(str(a) for a in event.get("ATTENDEE"))
        found.add((str(event["UID"]), int(event["SEQUENCE"]), str(calendar["METHOD"]), by_vobject))
        assert message.to[0] != sip["lead"].user.email
    first_uid, second_uid = f"sip-meeting-{first.pk}@tillsammans", f"sip-meeting-{second.pk}@tillsammans"
    assert found == {
        (first_uid, 0, "REQUEST", datetime(2027, 1, 20, 12, 0, tzinfo=UTC)),
        (second_uid, 0, "REQUEST", datetime(2027, 1, 27, 12, 0, tzinfo=UTC)),
        (first_uid, 1, "REQUEST", datetime(2027, 6, 15, 7, 30, tzinfo=UTC)),
        (second_uid, 1, "CANCEL", datetime(2027, 1, 27, 12, 0, tzinfo=UTC)),
    }
    assert PlanMeeting.objects.get(pk=second.pk).cancelled
    page = lead.get(reverse("childplans:plan", args=[plan.pk])).content.decode()
    assert "2027-06-15 09:30" in page


@pytest.mark.django_db
def test_only_the_lead_moves_or_cancels(sip):
    plan = sip["plan"]
    start = timezone.now().replace(microsecond=0) + timezone.timedelta(days=7)
    meeting = meetings.schedule(actor=actor_for(sip["lead"]), plan=plan, starts_at=start,
                                ends_at=start + timezone.timedelta(hours=2), place="Videolänk")
    for name in ("childplans:meeting_move", "childplans:meeting_cancel"):
        url = reverse(name, args=[plan.pk, meeting.pk])
        assert client_for(sip["lead"]).get(url).status_code == 200
        for other in ("nurse", "outsider"):
            assert client_for(sip[other]).get(url).status_code in (403, 404)
            assert client_for(sip[other]).post(url, {"confirm": "on"}).status_code in (403, 404)
    response = client_for(sip["lead"]).post(reverse("childplans:meeting_move", args=[plan.pk, meeting.pk]), {
        "starts_at": "2027-06-15T09:30", "ends_at": "2027-06-15T08:00", "place": "Rum 7"})
    assert response.status_code == 422 and "Rum 7" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.sequence == 0 and not meeting.cancelled


@pytest.mark.django_db
def test_double_bookings_are_warned_both_ways_and_never_name_the_child(sip, world):
    plan, nurse = sip["plan"], sip["nurse"]
    start = timezone.make_aware(datetime(2027, 2, 10, 13, 0))
    network = network_services.network_create(
        actor=actor_for(sip["lead"]), name="Barnhälsonätverk Testby", kind="child_health",
        area=world["district_a"], convener=sip["lead"], members=[(nurse.unit, nurse, None)])
    network_services.meeting_schedule(actor=actor_for(sip["lead"]), network=network, starts_at=start,
                                      ends_at=start.replace(hour=15), place="Rum 9")
    lead = client_for(sip["lead"])
    add = reverse("childplans:meeting_add", args=[plan.pk])
    typed = {"starts_at": "2027-02-10T14:00", "ends_at": "2027-02-10T15:30", "place": "Förskolan, rum 2"}
    response = lead.post(add, typed)
    page = response.content.decode()
    assert response.status_code == 422 and "Barnhälsonätverk Testby" in page
    assert nurse.user.get_full_name() in page and 'name="book_anyway"' in page and 'value="Förskolan, rum 2"' in page
    assert not PlanMeeting.objects.exists()
    assert lead.post(add, {**typed, "book_anyway": "on"}).status_code == 302
    meeting = PlanMeeting.objects.get()
    # Moving the meeting within its own time is no clash with itself; a second SIP meeting then is one.
    assert sorted(meetings.conflicts(plan, meeting.starts_at, meeting.ends_at, exclude=meeting)) == sorted(
        f"{m.user.get_full_name()} är redan bokad (Barnhälsonätverk Testby) kl. 13:00." for m in (sip["lead"], nurse))
    assert "Planen har redan ett möte då (14:00)." in meetings.conflicts(plan, meeting.starts_at, meeting.ends_at)
    # The network's convener planning at that time learns only that there is "a SIP meeting".
    warnings = scheduling.conflicts(network, meeting.starts_at, meeting.ends_at)
    text = " ".join(warnings)
    assert "ett SIP-möte" in text and nurse.user.get_full_name() in text
    assert plan.child.first_name not in text and plan.child.last_name not in text
