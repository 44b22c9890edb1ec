"""Networks: formed from geography, planned around Swedish holidays, invitations that open in
Outlook, and minutes free of personal data."""

from datetime import date, datetime, timedelta

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.core.calendar import STOCKHOLM
from tillsammans.core.identity import display, fictional_number
from tillsammans.networks import planner, services
from tillsammans.networks.models import Network, TextRefusal
from tillsammans.testing import factories as f


def actor(membership):
    return Actor(user=membership.user, membership=membership, verified=True)


@pytest.fixture
def network(world, coordinator_membership):
    nurse = f.MembershipFactory(role=Role.STAFF, unit=world["bvc_a"])
    teacher = f.MembershipFactory(role=Role.STAFF, unit=world["preschool_a"])
    return services.network_create(actor=actor(coordinator_membership), name="Barnhälsonätverk Norra",
                                   kind="child_health", area=world["district_a"], convener=coordinator_membership,
                                   members=[(world["bvc_a"], nurse, None), (world["preschool_a"], teacher, None)])


@pytest.mark.django_db
def test_proposal_uses_real_polygons_and_counts_the_boundary(world):
    on_line = f.UnitFactory(name="BVC på gränsen", authority=world["care"], unit_type=f.unit_type("bvc"),
                            latitude=59.35, longitude=16.60)  # exactly on Norra's southern edge
    serving = f.UnitFactory(name="Mobila BVC", authority=world["care"], unit_type=f.unit_type("bvc"),
                            latitude=59.25, longitude=16.70)
    serving.served_areas.add(world["district_a"])
    from tillsammans.organisations.services import recompute_unit_areas

    recompute_unit_areas(on_line)
    proposals = {p.unit.name: p.source for p in services.propose_members(world["district_a"], ["bvc"])}
    assert proposals == {"BVC Norra": "located", "BVC på gränsen": "located", "Mobila BVC": "serves"}


@pytest.mark.django_db
def test_coordinator_forms_a_network_in_the_page_and_staff_cannot(coordinator_client, staff_client, world):
    url = reverse("networks:network_create")
    response = coordinator_client.get(url, {"area": world["district_a"].pk, "unit_types": ["bvc", "forskola"]})
    assert response.status_code == 200 and "BVC Norra" in response.content.decode()
    assert "Förskolan Älgen" not in response.content.decode()  # lies in district B
    response = coordinator_client.post(
        f"{url}?area={world['district_a'].pk}&unit_types=bvc&unit_types=forskola",
        {"unit": [world["bvc_a"].pk, world["preschool_a"].pk], "name": "Barnhälsonätverk Norra",
         "kind": "child_health", "meetings_per_term": 2, "usual_minutes": 150})
    assert response.status_code == 302
    assert Network.objects.get().members.count() == 2
    # district B is outside the coordinator's scope: not even offered
    response = coordinator_client.get(url, {"area": world["district_b"].pk, "unit_types": ["bvc"]})
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert staff_client.get(url).status_code == 403


@pytest.mark.parametrize(("kind", "year", "count"), [("VT", 2026, 6), ("HT", 2026, 5), ("VT", 2027, 6)])
def test_planner_avoids_easter_midsommar_christmas_and_bridge_days(kind, year, count):
    term = planner.default_term(kind, year)
    dates = planner.propose_dates(term, count)
    assert len(dates) == count and dates == sorted(set(dates))
    off = planner.days_off(year)
    for day in dates:
        assert term.start <= day <= term.end and day.weekday() in (1, 2, 3) and day not in off
    off = planner.days_off(2026)
    assert date(2026, 4, 6) in off and date(2026, 6, 19) in off and date(2026, 12, 24) in off
    assert date(2026, 5, 15) in off  # Friday after Ascension Day


def test_planner_moves_a_meeting_off_easter_week():
    term = planner.Term("VT", 2026, date(2026, 4, 1), date(2026, 4, 10))
    # The middle of the window is Easter Sunday; Good Friday and Easter Monday are off.
    assert planner.propose_dates(term, 1) == [date(2026, 4, 7)]
    midsummer = planner.Term("VT", 2026, date(2026, 6, 19), date(2026, 6, 24))
    assert planner.propose_dates(midsummer, 1) == [date(2026, 6, 23)]  # not midsommarafton 19 June
    christmas = planner.Term("HT", 2026, date(2026, 12, 22), date(2026, 12, 31))
    assert planner.propose_dates(christmas, 1) == [date(2026, 12, 29)]  # 24th and 31st are off


@pytest.mark.django_db
def test_invitations_change_and_cancel(network, coordinator_membership, django_capture_on_commit_callbacks):
    from tillsammans.testing.sip import run_queued_tasks

    start = datetime(2026, 12, 2, 13, 0, tzinfo=STOCKHOLM)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_schedule(actor=actor(coordinator_membership), network=network,
                                            starts_at=start, ends_at=start + timedelta(hours=2.5), place="Rum 2")
    run_queued_tasks()
    assert len(mail.outbox) == 2
    cal = icalendar.Calendar.from_ical(mail.outbox[0].attachments[0][1])
    event = next(iter(cal.walk("VEVENT")))
    assert cal["METHOD"] == "REQUEST" and int(event["SEQUENCE"]) == 0
    assert coordinator_membership.user.email in str(event["ORGANIZER"])
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_change(actor=actor(coordinator_membership), meeting=meeting,
                                starts_at=start + timedelta(hours=1), ends_at=start + timedelta(hours=3), place="Rum 2")
        services.meeting_cancel(actor=actor(coordinator_membership), meeting=meeting)
    run_queued_tasks()
    seqs = sorted({int(next(iter(icalendar.Calendar.from_ical(m.attachments[0][1]).walk("VEVENT")))["SEQUENCE"])
                   for m in mail.outbox})
    assert seqs == [0, 1, 2]
    last = icalendar.Calendar.from_ical(mail.outbox[-1].attachments[0][1])
    assert last["METHOD"] == "CANCEL"
    before = len(mail.outbox)
    run_queued_tasks()
    assert len(mail.outbox) == before  # a retried send never sends twice


@pytest.mark.django_db
def test_bad_meetings_are_refused(network, coordinator_membership, world):
    start = datetime(2026, 12, 2, 13, 0, tzinfo=STOCKHOLM)
    with pytest.raises(ValidationError) as error:
        services.meeting_schedule(actor=actor(coordinator_membership), network=network, starts_at=start,
                                  ends_at=start - timedelta(hours=1), place="Rum 2")
    assert "ends_at" in error.value.message_dict
    services.meeting_schedule(actor=actor(coordinator_membership), network=network, starts_at=start,
                              ends_at=start + timedelta(hours=2), place="Rum 2")
    with pytest.raises(ValidationError) as error:
        services.meeting_schedule(actor=actor(coordinator_membership), network=network,
                                  starts_at=start + timedelta(hours=1), ends_at=start + timedelta(hours=3),
                                  place="rum 2")
    assert "place" in error.value.message_dict
    network.members.create(unit=world["social_office"])
    with pytest.raises(ValidationError) as error:
        services.meeting_schedule(actor=actor(coordinator_membership), network=network,
                                  starts_at=start + timedelta(days=7), ends_at=start + timedelta(days=7, hours=2),
                                  place="Rum 3")
    assert "Socialtjänsten Testköping" in str(error.value)


@pytest.mark.django_db
def test_minutes_guard_in_the_page(network, coordinator_client, coordinator_membership):
    start = datetime(2026, 12, 2, 13, 0, tzinfo=STOCKHOLM)
    meeting = services.meeting_schedule(actor=actor(coordinator_membership), network=network, starts_at=start,
                                        ends_at=start + timedelta(hours=2), place="Rum 2")
    number = fictional_number(date(2019, 3, 3), 4)
    url = reverse("networks:meeting", args=[meeting.pk])
    response = coordinator_client.post(url, {"minutes": f"Vi pratade om {display(number)} och hans familj."})
    content = response.content.decode()
    assert response.status_code == 200 and "allmänna termer" in content
    assert display(number) in content  # what was typed is kept for correction
    refusal = TextRefusal.objects.get()
    assert refusal.kinds == ["personal_number"] and not hasattr(refusal, "text")
    meeting.refresh_from_db()
    assert meeting.minutes == ""
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    response = coordinator_client.post(url, {"minutes": f"Ärende {display(wrong)}: en familj med tre barn "
                                                        "i förskoleålder. Budget 1 250 tkr, delmål 7.1.3."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert "en familj med tre barn" in meeting.minutes


@pytest.mark.django_db
def test_network_page_shows_members_map_and_warns_without_meeting(network, staff_client):
    response = staff_client.get(reverse("networks:network", args=[network.pk]))
    content = response.content.decode()
    assert response.status_code == 200 and '<svg class="map"' in content
    assert "har inget möte" in content
    assert staff_client.post(reverse("networks:plan_term", args=[network.pk])).status_code == 403


@pytest.mark.django_db
def test_a_municipalitys_own_term_dates_are_used(world):
    from tillsammans.networks.models import SchoolTerm

    SchoolTerm.objects.create(municipality=world["municipality"], kind="HT", year=2026,
                              start=date(2026, 8, 20), end=date(2026, 12, 21))
    term = planner.term_for(date(2026, 10, 1), world["municipality"])
    assert (term.start, term.end) == (date(2026, 8, 20), date(2026, 12, 21))
    assert planner.term_for(date(2026, 10, 1), world["region"]).start == date(2026, 8, 17)
