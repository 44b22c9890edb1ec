"""The term plan is a suggestion first: dates, times and the holidays passed over with the reason;
the convener adjusts it, is warned when someone is booked twice, and only then books and sends.
Themes build the agenda."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from tillsammans.core.calendar import STOCKHOLM
from tillsammans.networks import planner, scheduling, services
from tillsammans.networks.models import Network, NetworkMeeting, SchoolTerm, Theme
from tillsammans.networks.tests.test_networks import actor, network  # noqa: F401 - fixture
from tillsammans.testing import factories as f
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import run_queued_tasks


def test_holidays_passed_over_are_named():
    term = planner.Term("VT", 2027, date(2027, 5, 4), date(2027, 5, 8))
    dates, skipped = planner.suggest_dates(term, 1)
    assert dates == [date(2027, 5, 5)]
    assert skipped == [(date(2027, 5, 6), "Kristi himmelsfärdsdag")]


@pytest.fixture
def spring(network, world):  # noqa: F811
    """VT 2027 as the municipality set it, one week around Ascension Day; one meeting a term."""
    SchoolTerm.objects.create(municipality=world["municipality"], kind="VT", year=2027,
                              start=date(2027, 5, 4), end=date(2027, 5, 8))
    Network.objects.filter(pk=network.pk).update(meetings_per_term=1)
    network.refresh_from_db()
    return network


def url(network, term="VT-2027"):  # noqa: F811
    return reverse("networks:plan_term", args=[network.pk]) + f"?termin={term}"


@pytest.mark.django_db
def test_the_suggestion_shows_dates_and_why_days_were_skipped_and_books_nothing(spring, coordinator_client):
    response = coordinator_client.get(url(spring))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="2027-05-05"' in content and 'value="13:00"' in content and 'value="15:30"' in content
    assert "Kristi himmelsfärdsdag" in content and "Inget bokas eller skickas" in content
    assert NetworkMeeting.objects.count() == 0 and not mail.outbox


@pytest.mark.django_db
def test_the_convener_adjusts_then_books_and_themes_build_the_agenda(spring, coordinator_client,
                                                                      django_capture_on_commit_callbacks):
    theme, _created = Theme.objects.get_or_create(name="Skolfrånvaro")
    data = {"rows": 2, "place": "Familjecentralen", "themes": [theme.pk],
            "include_0": "on", "day_0": "2027-05-05", "start_0": "09:00", "end_0": "11:00",
            "include_1": "on", "day_1": "2027-05-12", "start_1": "13:00", "end_1": "15:00"}
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url(spring), data)
    assert response.status_code == 302
    meetings = list(spring.meetings.order_by("starts_at"))
    assert [m.starts_at for m in meetings] == [datetime(2027, 5, 5, 9, 0, tzinfo=STOCKHOLM),
                                               datetime(2027, 5, 12, 13, 0, tzinfo=STOCKHOLM)]
    assert "Tema: Skolfrånvaro" in meetings[0].agenda and "Övriga frågor" in meetings[0].agenda
    run_queued_tasks()
    assert len(mail.outbox) == 2 * 2  # two meetings, two invited members
    assert "Tema: Skolfrånvaro" in mail.outbox[0].alternatives[0][0]


@pytest.mark.django_db
def test_what_was_typed_is_kept_on_an_error(spring, coordinator_client):
    data = {"rows": 2, "place": "Familjecentralen", "include_0": "on", "day_0": "2027-05-05",
            "start_0": "11:00", "end_0": "09:00", "day_1": "", "start_1": "13:00", "end_1": "15:00"}
    response = coordinator_client.post(url(spring), data)
    content = response.content.decode()
    assert response.status_code == 422 and 'value="11:00"' in content and "error-summary" in content
    response = coordinator_client.post(url(spring), {**data, "end_0": "12:00", "include_0": "", "include_1": "on"})
    assert response.status_code == 422  # a ticked meeting without a date
    assert NetworkMeeting.objects.count() == 0


@pytest.mark.django_db
def test_someone_booked_twice_is_warned_before_booking(spring, coordinator_client, world,
                                                      coordinator_membership):
    nurse = spring.members.get(unit=world["bvc_a"]).contact_membership
    other = services.network_create(actor=actor(coordinator_membership), name="NOSAM Norra", kind="nosam",
                                    area=world["district_a"], convener=coordinator_membership,
                                    members=[(world["bvc_a"], nurse, None)])
    start = datetime(2027, 5, 5, 14, 0, tzinfo=STOCKHOLM)
    services.meeting_schedule(actor=actor(coordinator_membership), network=other, starts_at=start,
                              ends_at=start + timedelta(hours=1), place="Rum 9")
    data = {"rows": 1, "place": "Familjecentralen", "include_0": "on", "day_0": "2027-05-05",
            "start_0": "13:00", "end_0": "15:30"}
    response = coordinator_client.post(url(spring), data)
    content = response.content.decode()
    assert response.status_code == 422 and "NOSAM Norra" in content
    assert coordinator_membership.user.get_full_name() in content and nurse.user.get_full_name() in content
    assert spring.meetings.count() == 0
    assert coordinator_client.post(url(spring), {**data, "book_anyway": "on"}).status_code == 302
    assert spring.meetings.count() == 1
    moved = spring.meetings.get()
    warnings = scheduling.conflicts(spring, moved.starts_at, moved.ends_at, exclude=moved)
    assert len(warnings) == 2


@pytest.mark.django_db
def test_who_may_plan_a_term(spring, coordinator_client, staff_client, world, coordinator_membership):
    nurse = spring.members.get(unit=world["bvc_a"]).contact_membership
    assert staff_client.get(url(spring)).status_code == 403
    assert client_for(nurse).get(url(spring)).status_code == 403
    assert staff_client.post(url(spring), {"rows": 0}).status_code == 403
    response = coordinator_client.get(url(spring, "VT-abc"))
    assert response.status_code == 400 and "HT 2026" in response.content.decode()
    assert coordinator_client.get(url(spring, "HT-2026")).status_code == 200


@pytest.mark.django_db
def test_themes_build_the_agenda_in_the_meeting_page(network, coordinator_client):  # noqa: F811
    theme, _created = Theme.objects.get_or_create(name="Barnfattigdom")
    start = datetime(2027, 2, 3, 13, 0, tzinfo=STOCKHOLM)
    meeting = services.meeting_schedule(actor=actor(network.convener), network=network, starts_at=start,
                                        ends_at=start + timedelta(hours=2), place="Rum 2")
    page = reverse("networks:meeting", args=[meeting.pk])
    response = coordinator_client.post(page, {"themes": [theme.pk], "agenda": "1. Nuläge i området",
                                              "minutes": "", "decisions": "", "build_agenda": "1"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "1. Nuläge i området\n2. Tema: Barnfattigdom" in content
    meeting.refresh_from_db()
    assert meeting.agenda == ""  # built in the form, saved only with "Save"


@pytest.mark.django_db
def test_units_that_serve_the_area_are_suggested_with_the_reason_and_on_the_map(world, coordinator_client):
    library = f.UnitFactory(name="Stadsbiblioteket", authority=world["school_board"],
                            unit_type=f.unit_type("bibliotek"), latitude=59.25, longitude=16.70)
    library.served_areas.add(world["town"])  # the whole municipality, and so every district
    world["social_office"].served_areas.add(world["district_a"])
    response = coordinator_client.get(reverse("networks:network_create"), {
        "area": world["district_a"].pk, "unit_types": ["bvc", "bibliotek", "socialtjanst"]})
    content = response.content.decode()
    assert response.status_code == 200
    rows = content.split("<tbody>")[1]
    assert rows.index("BVC Norra") < rows.index("Ligger i området") < rows.index("Stadsbiblioteket")
    assert rows.count("Betjänar området") == 2 and "Socialtjänsten Testköping" in rows
    svg = content.split('<svg class="map map--proposals"')[1].split("</svg>")[0]
    assert "Stadsbiblioteket" in svg and "BVC Norra" in svg and "proposal--serves" in svg
