"""Dashboards: pictures first, the figures on demand, three years of indicators against targets, the
action plans, competence and what is coming; the same as a tagged PDF with the charts in it."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from decimal import Decimal

import pikepdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.insight import services_indicators
from tillsammans.organisations.models import AreaKind
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import AreaFactory, MembershipFactory, PrincipalFactory, polygon

pytestmark = pytest.mark.django_db
SYSTEM = Actor.for_system("test")
YEARS = (2023, 2024, 2025)


def county(world, municipalities: int = 2):
    """A county with the test municipality and more, and three years of two indicators for each."""
    from tillsammans.organisations.models import Area

    region = AreaFactory(name="Testlands län", kind=AreaKind.COUNTY, principal=world["region"],
                         boundary=polygon(16.0, 59.0, 17.5, 59.9))
    towns = [world["town"]]
    for number in range(municipalities - 1):
        towns.append(AreaFactory(name=f"Kommun {number + 2}", kind=AreaKind.MUNICIPALITY,
                                 principal=PrincipalFactory(name=f"Testkommun {number + 2}")))
    attendance = services_indicators.indicator_create(
        actor=SYSTEM, name="Närvaro i grundskolan", unit="%", good="up", source="manual", decimals=1)
    reports = services_indicators.indicator_create(
        actor=SYSTEM, name="Orosanmälningar per 1 000 barn", unit="per 1 000 barn", good="down", source="manual",
        decimals=1)
    for index, area in enumerate([region, *towns, world["district_a"], world["district_b"]]):
        for step, year in enumerate(YEARS):
            services_indicators.value_set(actor=SYSTEM, indicator=attendance, area=area, year=year,
                                          value=Decimal("90") + index - step)
            services_indicators.value_set(actor=SYSTEM, indicator=reports, area=area, year=year,
                                          value=Decimal("20") - step + index)
    services_indicators.target_set(actor=SYSTEM, indicator=attendance, year=2025, value=Decimal("95"))
    services_indicators.target_set(actor=SYSTEM, indicator=reports, year=2025, value=Decimal("25"))
    return Area.objects.get(pk=region.pk), attendance, reports


def test_the_region_dashboard_shows_three_years_against_targets(world):
    region, attendance, reports = county(world)
    client = client_for(MembershipFactory(role=Role.STAFF, unit=world["bvc_a"]))
    body = client.get(reverse("insight:dashboard")).content.decode()
    assert "Översikt: Hela regionen" in body
    assert body.count('<svg role="img"') >= 2
    assert "Närvaro i grundskolan (%), 2022–2025" in body  # four years, the first without figures
    assert "88,0 %</strong> i Testlands län 2025" in body  # 90 + 0 − 2
    assert "Sämre än året innan (89,0)" in body and "Målet 95,0 är inte nått ännu" in body
    assert "Bättre än året innan (19,0)" in body and "Målet 25,0 är nått" in body
    assert "Visa siffrorna" in body and "<th scope=\"row\">Testköping</th>" in body
    assert "<th scope=\"col\">2023</th>" in body


def test_an_area_dashboard_with_plans_meetings_events_and_competence(world):
    from tillsammans.events import services as event_services
    from tillsammans.events.models import Course, EventKind
    from tillsammans.networks import services as network_services
    from tillsammans.planning import seed
    from tillsammans.planning import services as plan_services
    from tillsammans.planning.models import Activity
    from tillsammans.testing.sip import actor_for

    county(world)
    coordinator = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["town"]])
    template = seed.build_template(agreement=seed.build_agreement(
        name="Avtal", parties=[world["social"]], receiver=world["bvc_a"]), year=timezone.localdate().year)
    plan = plan_services.plan_create(actor=SYSTEM, area=world["district_a"], template=template)
    sub_goal = template.goal_areas.first().sub_goals.first()
    for status in ("done", "ongoing", "not_started"):
        activity = plan_services.activity_add(actor=SYSTEM, plan=plan, sub_goal=sub_goal, description="ABC")
        Activity.objects.filter(pk=activity.pk).update(status=status)
    start = timezone.now() + timedelta(days=10)
    nurse = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"])
    network = network_services.network_create(actor=actor_for(coordinator), name="Barnhälsonätverk Norra",
                                              kind="child_health", area=world["district_a"], convener=coordinator,
                                              members=[(world["bvc_a"], nurse, None)])
    network_services.meeting_schedule(actor=actor_for(coordinator), network=network, starts_at=start,
                                      ends_at=start + timedelta(hours=2), place="Biblioteket")
    event_services.event_create(
        actor=actor_for(coordinator), title="Frukostmöte om skolnärvaro", kind=EventKind.BREAKFAST, series=None,
        presenting_unit=None, course=None, description="", starts_at=start, ends_at=start + timedelta(hours=1),
        place="Sal 1", accessibility="", video_link="", capacity=20, registration_deadline=None,
        open_to_guests=False, audience_roles=[])
    course = Course.objects.create(name="FCA grundkurs", validity_years=3)
    event_services.requirement_add(actor=actor_for(coordinator), course=course, role=Role.STAFF)
    body = client_for(coordinator).get(reverse("insight:dashboard_area", args=[world["town"].pk])).content.decode()
    assert "Översikt: Testköping" in body
    assert f"Handlingsplaner {timezone.localdate().year}: andel genomförda aktiviteter" in body
    assert "33 % (1 av 3 klara, 1 pågår)" in body
    assert "Barnhälsonätverk Norra" in body and "Frukostmöte om skolnärvaro" in body
    assert "FCA grundkurs" in body
    # a district compares itself with its municipality
    district = client_for(coordinator).get(reverse("insight:dashboard_area", args=[world["district_a"].pk]))
    assert "Översikt: Norra" in district.content.decode()
    redirect = client_for(coordinator).get(reverse("insight:dashboard") + f"?omrade={world['town'].pk}")
    assert redirect.url == reverse("insight:dashboard_area", args=[world["town"].pk])


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_dashboard_asks_the_database_the_same_number_of_times_at_two_sizes(world):
    client = client_for(MembershipFactory(role=Role.STAFF, unit=world["bvc_a"]))
    county(world, municipalities=2)
    small = _queries(client, reverse("insight:dashboard"))
    for number in range(6):
        AreaFactory(name=f"Extra kommun {number}", kind=AreaKind.MUNICIPALITY)
    from tillsammans.insight.models_indicators import Indicator
    from tillsammans.organisations.models import Area

    for area in Area.objects.filter(name__startswith="Extra"):
        for indicator in Indicator.objects.all():
            for year in YEARS:
                services_indicators.value_set(actor=SYSTEM, indicator=indicator, area=area, year=year, value=Decimal(5))
    assert _queries(client, reverse("insight:dashboard")) == small


def test_the_dashboard_prints_as_a_tagged_pdf_with_its_charts(world, tmp_path):
    county(world)
    client = client_for(MembershipFactory(role=Role.STAFF, unit=world["bvc_a"]))
    response = client.get(reverse("insight:dashboard_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="oversikt-hela-regionen.pdf"'
    path = tmp_path / "oversikt.pdf"
    path.write_bytes(response.content)
    text = " ".join(subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for expected in ("Översikt: Hela regionen", "Närvaro i grundskolan", "Orosanmälningar per 1 000 barn",
                     "Målet 95,0 är inte nått ännu", "Testlands län", "2023", "2025"):
        assert expected in text, expected
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Översikt: Hela regionen" in info
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "sv"
        tags, alts = set(), []

        def walk(node):
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                tags.add(str(node.S))
                if str(node.S) == "/Figure" and "/Alt" in node:
                    alts.append(str(node.Alt))
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid)
            elif isinstance(kids, pikepdf.Dictionary):
                walk(kids)

        walk(pdf.Root.StructTreeRoot)
        assert {"/TH", "/Table", "/H1", "/H2", "/Figure"} <= tags
        assert any("Närvaro i grundskolan (%), 2022–2025" in alt and "Testlands län 2025: 88,0 %" in alt
                   for alt in alts), alts
    # the charts are drawn into the PDF (their target line's label is text in the drawing)
    assert "Mål 95,0" in text and "Mål 25,0" in text
