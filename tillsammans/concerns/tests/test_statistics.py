"""Statistics for the networks: per month, sector and area, and the share leading to an
investigation – counts under 5 shown as "<5", with secondary suppression; and the indicators."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tillsammans.concerns import services, statistics
from tillsammans.concerns.indicators import investigation_share, reports
from tillsammans.concerns.models import ConcernReport, Decision
from tillsammans.concerns.tests.conftest import send
from tillsammans.testing.clients import client_for
from tillsammans.testing.clock import frozen_at
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for


def make(concerns_world, world, *, preschool: int, health: int, month: int = 3, decide=None):
    nurse = concerns_world["nurse"]
    with frozen_at(timezone.make_aware(datetime(2026, month, 10, 10, 0))):
        made = [send(concerns_world["teacher"]) for _ in range(preschool)] + [send(nurse) for _ in range(health)]
    intake = actor_for(concerns_world["intake"])
    for report, decision in zip(made, decide or [], strict=False):
        services.assessment_record(actor=intake, report=report, assessment="Inget omedelbart skyddsbehov.",
                                   needs_protection=False, violence_suspected=False)
        services.decision_record(actor=intake, report=report, decision=decision, reason="Enligt rutin, se akt.")
    return made


@pytest.mark.django_db
def test_small_counts_are_suppressed_and_the_total_does_not_give_them_away(concerns_world, world):
    make(concerns_world, world, preschool=12, health=3)
    sectors = statistics.per_sector(statistics.reports_in(2026))
    rows = dict(sectors.rows)
    assert str(rows["Hälso- och sjukvård, tandvård"]) == "<5"
    # The total minus the shown groups would give the 3: so another cell (or the total) is hidden too.
    assert rows["Förskola"].suppressed or sectors.total.suppressed
    assert str(rows["Polis"]) == "0"


@pytest.mark.django_db
def test_the_share_leading_to_an_investigation(concerns_world, world):
    decisions = [Decision.OPENED] * 6 + [Decision.NOT_OPENED] * 5 + [Decision.ONGOING] * 1
    make(concerns_world, world, preschool=12, health=0, decide=decisions)
    share = statistics.investigation_share(statistics.reports_in(2026))
    assert share.percent == "58 %" and share.decided.value == 12
    few = statistics.investigation_share(statistics.reports_in(2026).filter(decision=Decision.ONGOING))
    assert few.percent == ""


@pytest.mark.django_db
def test_the_statistics_page_for_a_network_meeting(concerns_world, world):
    make(concerns_world, world, preschool=7, health=2)
    coordinator = MembershipFactory(role="coordinator", unit=world["social_office"], areas=[world["district_a"]])
    page = client_for(coordinator).get(reverse("concerns:statistics"), {"year": 2026, "omrade": world["district_a"].pk})
    text = page.content.decode().split("<main")[1]
    assert page.status_code == 200 and "&lt;5" in text and "Norra" in text
    assert "Tove" not in text and concerns_world["teacher"].user.last_name not in text
    assert client_for(concerns_world["teacher"]).get(reverse("concerns:statistics")).status_code == 403


@pytest.mark.django_db
def test_indicators_count_per_area_and_up_the_tree(concerns_world, world):
    make(concerns_world, world, preschool=6, health=0, decide=[Decision.OPENED] * 3 + [Decision.NOT_OPENED] * 3)
    assert ConcernReport.objects.filter(area=world["district_a"]).count() == 6
    found = reports(date(2026, 1, 1), date(2027, 1, 1), [world["district_a"].pk, world["town"].pk,
                                                         world["district_b"].pk])
    assert found[world["district_a"].pk].value == 6 and found[world["town"].pk].value == 6
    assert world["district_b"].pk not in found
    share = investigation_share(date(2026, 1, 1), date(2027, 1, 1), [world["district_a"].pk])
    assert share[world["district_a"].pk].value == 50 and share[world["district_a"].pk].n == 6


@pytest.mark.django_db
def test_a_network_meeting_on_the_theme_links_to_its_areas_statistics(concerns_world, world):
    from datetime import timedelta

    from tillsammans.networks import services as network_services
    from tillsammans.networks.migrations_data import ensure_themes
    from tillsammans.networks.models import Theme

    ensure_themes()
    coordinator = MembershipFactory(role="coordinator", unit=world["social_office"], areas=[world["district_a"]])
    network = network_services.network_create(actor=actor_for(coordinator), name="Barnhälsonätverk Norra",
                                              kind="child_health", area=world["district_a"], convener=coordinator,
                                              members=[(world["bvc_a"], concerns_world["nurse"], None)])
    start = timezone.now() + timedelta(days=7)
    meeting = network_services.meeting_schedule(actor=actor_for(coordinator), network=network, starts_at=start,
                                                ends_at=start + timedelta(hours=2), place="Biblioteket")
    link = f'{reverse("concerns:statistics")}?omrade={world["district_a"].pk}'
    client = client_for(coordinator)
    assert link not in client.get(reverse("networks:meeting", args=[meeting.pk])).content.decode()
    meeting.themes.add(Theme.objects.get(name="Orosanmälningar"))
    assert link in client.get(reverse("networks:meeting", args=[meeting.pk])).content.decode()
