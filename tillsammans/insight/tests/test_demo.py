"""The demo county: a mapping, a closed survey answered in two target groups, indicators with three
years or more (some from the recorded Kolada answer, some computed), targets and a sent newsletter."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from tillsammans.insight.models import (
    CollaborationForm,
    Indicator,
    IndicatorValue,
    Newsletter,
    Response,
    Survey,
)
from tillsammans.organisations.models import Area


@pytest.mark.django_db
def test_the_demo_has_a_county_a_mapping_a_closed_survey_indicators_and_a_sent_newsletter(client):
    call_command("demo-data", stdout=__import__("io").StringIO())
    county = Area.objects.get(name="Sörmarkens län")
    assert Area.objects.filter(kind="municipality").count() == 4 and county.kind == "county"
    assert CollaborationForm.objects.count() == 5
    assert CollaborationForm.objects.filter(findings__kind="challenge").exists()
    survey = Survey.objects.get()
    assert survey.status == "closed"
    assert set(Response.objects.values_list("target_group", flat=True)) == {"young_people", "guardians"}
    attendance = Indicator.objects.get(name="Närvaro i grundskolan")
    kolada = IndicatorValue.objects.filter(indicator=attendance, source="kolada")
    kolada_years = set(kolada.values_list("year", flat=True))
    assert kolada_years == {2022, 2023, 2024, 2025}
    assert IndicatorValue.objects.filter(indicator=attendance, area=county).count() == 4
    assert IndicatorValue.objects.filter(source="computed").exists()
    for indicator in Indicator.objects.exclude(source="computed"):
        assert IndicatorValue.objects.filter(indicator=indicator).values("year").distinct().count() >= 3, indicator
    assert attendance.targets.exclude(sub_goal=None).exists()
    newsletter = Newsletter.objects.get()
    assert newsletter.status == "sent" and newsletter.recipients == 2 and newsletter.highlights
    archive = client.get(reverse("insight:newsletter_public", args=[newsletter.pk])).content.decode()
    assert "Närvaro i grundskolan i Sörmarkens län: 91,9 % år 2025" in archive
    # idempotent: the step finds what it made
    from tillsammans.demo.builder import Demo, build_areas, build_organisations, build_units
    from tillsammans.insight.demo import build_insight

    demo = Demo()
    for step in (build_organisations, build_areas, build_units):
        step(demo)
    build_insight(demo)
    assert (Survey.objects.count(), Newsletter.objects.count(), CollaborationForm.objects.count()) == (1, 1, 5)
