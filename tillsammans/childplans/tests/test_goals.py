"""Goals, interventions and wellbeing: who may add, bad input, the radar chart."""

import pytest
from django.urls import reverse

from tillsammans.childplans import services
from tillsammans.childplans.models import Intervention, LegalGround, WellbeingAssessment
from tillsammans.childplans.wellbeing import CODES
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for


def ratings(value, **overrides):
    data = {code: str(value) for code in CODES}
    data.update({k: str(v) for k, v in overrides.items()})
    return data


@pytest.mark.django_db
def test_a_participant_adds_an_intervention_and_the_plan_shows_it(sip, world):
    client = client_for(sip["nurse"])
    response = client.post(reverse("childplans:intervention_add", args=[sip["plan"].pk]), {
        "description": "Hembesök och stöd kring sömn", "principal": world["region"].pk,
        "unit": world["bvc_a"].pk, "responsible_person": "BVC-sjuksköterskan", "status": "planned",
        "indicators": ["healthy", "nurtured"]})
    assert response.status_code == 302
    page = client.get(reverse("childplans:plan", args=[sip["plan"].pk])).content.decode()
    assert "Hembesök och stöd kring sömn" in page and "Region Testland" in page
    # Printed anywhere outside the plan's own pages (the admin, a log line) it shows no child data.
    intervention = Intervention.objects.get()
    assert str(intervention) == f"Insats {intervention.pk}" and "sömn" not in str(intervention)


@pytest.mark.django_db
def test_an_intervention_needs_a_provider_and_a_sane_period(sip, world):
    client = client_for(sip["lead"])
    response = client.post(reverse("childplans:intervention_add", args=[sip["plan"].pk]), {
        "description": "Läxhjälp", "status": "planned", "start": "2026-12-01", "end": "2026-11-01"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Läxhjälp" in content and 'id="error-summary"' in content
    assert Intervention.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("admin", 403), ("auditor", 403)])
def test_others_cannot_add_content(sip, who, status):
    for name in ("childplans:goal_add", "childplans:intervention_add", "childplans:assessment_add"):
        url = reverse(name, args=[sip["plan"].pk])
        assert client_for(sip[who]).post(url, {"text": "x"}).status_code == status


@pytest.mark.django_db
def test_emergency_access_reads_but_does_not_write(sip):
    services.emergency_open(actor=actor_for(sip["outsider"]), personal_number=sip["number"],
                            legal_ground=LegalGround.EMERGENCY,
                            reason="Akut situation, behöver se pågående insatser nu.")
    client = client_for(sip["outsider"])
    assert client.get(reverse("childplans:plan", args=[sip["plan"].pk])).status_code == 200
    assert client.get(reverse("childplans:goal_add", args=[sip["plan"].pk])).status_code == 404


@pytest.mark.django_db
def test_wellbeing_assessments_draw_a_radar_with_the_change(sip):
    client = client_for(sip["lead"])
    url = reverse("childplans:assessment_add", args=[sip["plan"].pk])
    missing = ratings(3)
    del missing["safe"]
    response = client.post(url, {"by": "child", "assessed_on": "2026-09-01", **missing})
    assert response.status_code == 200 and WellbeingAssessment.objects.count() == 0
    assert client.post(url, {"by": "child", "assessed_on": "2026-09-01", **ratings(2)}).status_code == 302
    assert client.post(url, {"by": "child", "assessed_on": "2026-11-20",
                             **ratings(4, safe=5)}).status_code == 302
    page = client.get(reverse("childplans:plan", args=[sip["plan"].pk])).content.decode()
    svg = page.split('<svg class="radar"', 1)[1].split("</svg>", 1)[0]
    assert svg.count('class="radar-series') == 2
    assert "Trygg" in svg and "style=" not in svg
    assert "2026-09-01" in page and "2026-11-20" in page
