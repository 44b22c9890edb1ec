"""Attendance, follow-up actions with reminders, and the personal calendar feed."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tillsammans.core.calendar import STOCKHOLM
from tillsammans.networks import services
from tillsammans.networks.models import ActionItem, Attendance
from tillsammans.networks.tasks import send_action_reminders
from tillsammans.networks.tests.test_networks import actor, network  # noqa: F401 - fixture


@pytest.fixture
def meeting(network, coordinator_membership):  # noqa: F811
    start = datetime.combine(timezone.localdate() + timedelta(days=10), datetime.min.time(), STOCKHOLM).replace(hour=13)
    return services.meeting_schedule(actor=actor(coordinator_membership), network=network, starts_at=start,
                                     ends_at=start + timedelta(hours=2), place="Rum 2")


@pytest.mark.django_db
def test_attendance_and_actions_with_a_reminder_before_due(meeting, coordinator_client, staff_client):
    member = meeting.network.members.first()
    url = reverse("networks:attendance", args=[meeting.pk])
    assert staff_client.post(url, {"present": [member.pk]}).status_code == 403
    assert coordinator_client.post(url, {"present": [member.pk]}).status_code == 302
    assert Attendance.objects.get(member=member).present
    owner = member.contact_membership
    add = reverse("networks:action_add", args=[meeting.pk])
    response = coordinator_client.post(add, {"text": "Ring Ella om bostad", "owner": f"m:{owner.pk}",
                                             "due": timezone.localdate().isoformat()})
    assert response.status_code == 200 and ActionItem.objects.count() == 0  # a first name is refused
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = coordinator_client.post(add, {"text": "Ta fram informationsblad om ekonomiskt stöd",
                                             "owner": f"m:{owner.pk}", "due": tomorrow})
    assert response.status_code == 302
    assert send_action_reminders.call() == 1
    assert mail.outbox[-1].to == [owner.user.email]
    assert send_action_reminders.call() == 0
    from tillsammans.testing.clients import client_for

    item = ActionItem.objects.get()
    assert client_for(owner).post(reverse("networks:action_done", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.done_at is not None


@pytest.mark.django_db
def test_personal_calendar_feed_with_a_secret_revocable_token(meeting, coordinator_client, client):
    assert coordinator_client.post(reverse("networks:my_calendar")).status_code == 302
    page = coordinator_client.get(reverse("networks:my_calendar")).content.decode()
    token = page.split("<code>")[1].split("/natverk/kalender/")[1].split(".ics")[0]
    response = client.get(reverse("networks:calendar_feed", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    import vobject

    feed = vobject.readOne(response.content.decode())
    assert [e.dtstart.value.astimezone(UTC) for e in feed.vevent_list] == [
        e["DTSTART"].dt.astimezone(UTC) for e in events]
    assert [str(e["SUMMARY"]) for e in events] == ["Barnhälsonätverk Norra"]
    coordinator_client.post(reverse("networks:my_calendar"), {"revoke": "1"})
    assert client.get(reverse("networks:calendar_feed", args=[token])).status_code == 404
    assert client.get(reverse("networks:calendar_feed", args=["gissat"])).status_code == 404


@pytest.mark.django_db
def test_members_answer_in_the_page_and_the_area_has_a_calendar(meeting, coordinator_client, staff_client):
    from tillsammans.testing.clients import client_for

    member = meeting.network.members.first()
    contact = client_for(member.contact_membership)
    url = reverse("networks:respond", args=[meeting.pk])
    assert contact.post(url, {"response": "declined"}).status_code == 302
    assert Attendance.objects.get(member=member).response == "declined"
    staff_client.post(url, {"response": "accepted"})  # not a member's contact: nothing recorded
    assert Attendance.objects.count() == 1
    page = coordinator_client.get(reverse("networks:meeting", args=[meeting.pk])).content.decode()
    assert "Kommer inte" in page
    calendar = staff_client.get(reverse("networks:area_calendar", args=[meeting.network.area.parent_id]))
    assert calendar.status_code == 200 and "Barnhälsonätverk Norra" in calendar.content.decode()


@pytest.mark.django_db
def test_network_page_counts_themes_per_term_and_lists_open_actions(meeting, coordinator_membership, staff_client):
    from tillsammans.networks.migrations_data import ensure_themes
    from tillsammans.networks.models import Theme
    from tillsammans.networks.services_actions import action_add

    ensure_themes()
    services.minutes_save(actor=actor(coordinator_membership), meeting=meeting, agenda="", minutes="", decisions="",
                          themes=Theme.objects.filter(name__in=["Barnfattigdom", "Skolfrånvaro"]))
    action_add(actor=actor(coordinator_membership), meeting=meeting, text="Bjud in biblioteket",
               owner=coordinator_membership, due=timezone.localdate() + timedelta(days=20))
    page = staff_client.get(reverse("networks:network", args=[meeting.network.pk])).content.decode()
    assert "Barnfattigdom" in page and "Skolfrånvaro" in page and "Bjud in biblioteket" in page
    assert "HT 2026" in page or "VT 2027" in page


@pytest.mark.django_db
def test_a_contact_without_login_owns_an_action_and_is_reminded(meeting, coordinator_client, world):
    from tillsammans.accounts.models import Contact
    from tillsammans.networks.models import NetworkMember
    from tillsammans.testing import factories as f

    library = f.UnitFactory(name="Biblioteket Norra", authority=world["school_board"],
                            unit_type=f.unit_type("bibliotek"), latitude=59.41, longitude=16.55)
    contact = Contact.objects.create(name="Lena Bok", unit=library, email="lena.bok@exempel.invalid")
    NetworkMember.objects.create(network=meeting.network, unit=library, contact=contact)
    stranger = Contact.objects.create(name="Utan Koppling", unit=world["preschool_b"], email="u@exempel.invalid")
    add = reverse("networks:action_add", args=[meeting.pk])
    form = coordinator_client.get(add).content.decode()
    assert "Lena Bok, Biblioteket Norra (utan inloggning" in form and "Utan Koppling" not in form
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = coordinator_client.post(add, {"text": "Sagostunder på familjecentralen", "owner": f"c:{stranger.pk}",
                                             "due": tomorrow})
    assert response.status_code == 200 and ActionItem.objects.count() == 0  # not a member's contact
    response = coordinator_client.post(add, {"text": "Sagostunder på familjecentralen", "owner": f"c:{contact.pk}",
                                             "due": tomorrow})
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert item.owner_contact == contact and item.owner is None
    assert send_action_reminders.call() == 1
    assert mail.outbox[-1].to == ["lena.bok@exempel.invalid"]
    assert meeting.network.convener.user.email in mail.outbox[-1].body
    page = coordinator_client.get(reverse("networks:meeting", args=[meeting.pk])).content.decode()
    assert "Lena Bok, Biblioteket Norra" in page
