"""Invitations are meeting requests that every calendar reads alike: a term plan is booked, one
meeting moved and another cancelled in the pages, and every message is parsed with both icalendar
and vobject, which must agree on the start in UTC in winter and in summer."""

import email
from datetime import UTC, date, datetime

import icalendar
import pytest
import vobject
from django.core import mail
from django.urls import reverse

from tillsammans.accounts.models import Contact
from tillsammans.networks import scheduling, services
from tillsammans.networks.models import NetworkMeeting, NetworkMember
from tillsammans.networks.planner import Term
from tillsammans.networks.tests.test_networks import actor, network  # noqa: F401 - fixture
from tillsammans.testing.sip import run_queued_tasks

VT_2027 = Term("VT", 2027, date(2027, 1, 12), date(2027, 6, 11))


def parsed(message):
    """(the calendar part's method parameter, ics text from the alternative, ics text from the attachment)."""
    mime = email.message_from_bytes(message.message().as_bytes())
    assert mime.get_content_type() == "multipart/mixed"
    alternative = next(p for p in mime.walk() if p.get_content_type() == "multipart/alternative")
    parts = alternative.get_payload()
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/calendar"]
    inline = parts[1]
    attached = next(p for p in mime.walk() if p.get_filename() == "motet.ics" or p.get_filename() == "mote.ics")
    return (inline.get_param("method"), inline.get_payload(decode=True).decode(),
            attached.get_payload(decode=True).decode())


def utc_starts(ics: str) -> tuple[datetime, datetime]:
    event = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
    by_icalendar = event["DTSTART"].dt.astimezone(UTC)
    by_vobject = vobject.readOne(ics).vevent.dtstart.value.astimezone(UTC)
    return by_icalendar, by_vobject


@pytest.fixture
def invited(network, world):  # noqa: F811
    """A member without a login (a library's contact) and the convener's own unit with the
    convener as its contact: the convener organises and must never be invited."""
    from tillsammans.testing import factories as f

    library = f.UnitFactory(name="Biblioteket Norra", authority=world["school_board"],
                            unit_type=f.unit_type("bibliotek"), latitude=59.41, longitude=16.55)
    contact = Contact.objects.create(name="Lena Bok", unit=library, email="lena.bok@exempel.invalid")
    NetworkMember.objects.create(network=network, unit=library, contact=contact)
    NetworkMember.objects.create(network=network, unit=world["social_office"],
                                 contact_membership=network.convener)
    return network


@pytest.mark.django_db
def test_term_plan_move_and_cancel_are_meeting_requests_read_alike(invited, coordinator_client,
                                                                   django_capture_on_commit_callbacks):
    network = invited  # noqa: F811
    convener = network.convener.user
    with django_capture_on_commit_callbacks(execute=True):
        booked = scheduling.plan_term(actor=actor(network.convener), network=network, term=VT_2027, place="Rum 2")
    winter, summer = booked
    assert winter.starts_at.month in (1, 2, 3) and summer.starts_at.month in (4, 5, 6)
    new_start = "2027-06-10T09:00"
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("networks:meeting_move", args=[summer.pk]), {
            "starts_at": new_start, "ends_at": "2027-06-10T11:30", "place": "Biblioteket Norra"})
        assert response.status_code == 302
        response = coordinator_client.post(reverse("networks:meeting_cancel", args=[winter.pk]), {"confirm": "on"})
        assert response.status_code == 302
    run_queued_tasks()

    invited_addresses = {m.contact_email for m in network.members.all()} - {convener.email}
    assert len(invited_addresses) == 3
    # 2 requests + 1 update + 1 cancellation, each to the three invited, never to the organiser.
    assert len(mail.outbox) == 4 * 3
    assert all(m.to[0] in invited_addresses for m in mail.outbox)
    seen = {}
    for message in mail.outbox:
        mime_method, inline, attached = parsed(message)
        assert inline == attached
        calendar = icalendar.Calendar.from_ical(inline)
        method = str(calendar["METHOD"])
        assert mime_method == method
        event = next(iter(calendar.walk("VEVENT")))
        assert convener.email in str(event["ORGANIZER"])
        attendees = [str(a) for a in event.get("ATTENDEE")]
        assert convener.email not in " ".join(attendees) and len(attendees) == 3
        assert all(a.params["RSVP"] == "FALSE" for a in event.get("ATTENDEE"))
        assert reverse("networks:meeting", args=[int(str(event["UID"]).split("-")[2].split("@")[0])]) \
            in str(event["DESCRIPTION"])
        zone = next(iter(calendar.walk("VTIMEZONE")))
        assert [str(c["RRULE"].to_ical().decode()) for c in zone.subcomponents] == [
            "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"]
        assert "RDATE" not in inline
        by_icalendar, by_vobject = utc_starts(inline)
        assert by_icalendar == by_vobject
        seen[(str(event["UID"]), int(event["SEQUENCE"]), method)] = by_icalendar

    winter_uid, summer_uid = (f"network-meeting-{m.pk}@tillsammans" for m in (winter, summer))
    winter_start = winter.starts_at.astimezone(UTC)
    assert winter_start.hour == 12  # 13:00 CET
    assert seen == {
        (winter_uid, 0, "REQUEST"): winter_start,
        (summer_uid, 0, "REQUEST"): summer.starts_at.astimezone(UTC),
        (summer_uid, 1, "REQUEST"): datetime(2027, 6, 10, 7, 0, tzinfo=UTC),  # 09:00 CEST
        (winter_uid, 1, "CANCEL"): winter_start,
    }
    assert NetworkMeeting.objects.get(pk=winter.pk).cancelled
    before = len(mail.outbox)
    run_queued_tasks()  # a retry sends nothing twice
    assert len(mail.outbox) == before


@pytest.mark.django_db
def test_only_the_convener_or_the_areas_coordinator_moves_or_cancels(network, coordinator_client,  # noqa: F811
                                                                   staff_client, world):
    meeting = scheduling.plan_term(actor=actor(network.convener), network=network, term=VT_2027)[0]
    nurse = network.members.get(unit=world["bvc_a"]).contact_membership
    from tillsammans.testing.clients import client_for

    for name in ("networks:meeting_move", "networks:meeting_cancel"):
        url = reverse(name, args=[meeting.pk])
        assert coordinator_client.get(url).status_code == 200
        assert staff_client.get(url).status_code == 403
        assert client_for(nurse).get(url).status_code == 403  # invited, but does not run the meeting
        assert client_for(nurse).post(url, {"confirm": "on"}).status_code == 403
    assert coordinator_client.get(reverse("networks:meeting_move", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_a_move_that_is_wrong_keeps_what_was_typed(network, coordinator_client):  # noqa: F811
    meeting = scheduling.plan_term(actor=actor(network.convener), network=network, term=VT_2027)[0]
    url = reverse("networks:meeting_move", args=[meeting.pk])
    response = coordinator_client.post(url, {"starts_at": "2027-06-10T09:00", "ends_at": "2027-06-10T08:00",
                                             "place": "Biblioteket"})
    assert response.status_code == 422 and "Biblioteket" in response.content.decode()
    response = coordinator_client.post(url, {"starts_at": "2020-06-10T09:00", "ends_at": "2020-06-10T10:00",
                                             "place": "Biblioteket"})
    assert response.status_code == 422
    assert coordinator_client.post(reverse("networks:meeting_cancel", args=[meeting.pk]), {}).status_code == 422
    meeting.refresh_from_db()
    assert meeting.sequence == 0 and not meeting.cancelled
    services.meeting_cancel(actor=actor(network.convener), meeting=meeting)
    assert coordinator_client.get(url).status_code == 404  # a cancelled meeting is not moved


@pytest.mark.django_db
def test_moving_onto_someone_elses_booking_warns_first(network, coordinator_client, world):  # noqa: F811
    first, second = scheduling.plan_term(actor=actor(network.convener), network=network, term=VT_2027)
    other = services.network_create(actor=actor(network.convener), name="NOSAM Norra", kind="nosam",
                                    area=world["district_a"], convener=network.convener,
                                    members=[(world["bvc_a"], network.members.first().contact_membership, None)])
    busy = scheduling.at(date(2027, 6, 10), datetime.min.time().replace(hour=9))
    services.meeting_schedule(actor=actor(network.convener), network=other, starts_at=busy,
                              ends_at=busy.replace(hour=10), place="Rum 9")
    url = reverse("networks:meeting_move", args=[first.pk])
    data = {"starts_at": "2027-06-10T09:30", "ends_at": "2027-06-10T11:00", "place": "Rum 2"}
    response = coordinator_client.post(url, data)
    assert response.status_code == 422 and "NOSAM Norra" in response.content.decode()
    first.refresh_from_db()
    assert first.sequence == 0
    assert coordinator_client.post(url, {**data, "book_anyway": "on"}).status_code == 302
    first.refresh_from_db()
    assert first.sequence == 1
