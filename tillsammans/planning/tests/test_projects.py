"""Project plans: a development project in three municipalities with its own goals and period."""

from datetime import date

import pytest
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.planning import services
from tillsammans.planning.goals import parse_goals
from tillsammans.planning.models import SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory, PrincipalFactory
from tillsammans.testing.sip import actor_for


@pytest.mark.django_db
def test_a_project_plan_in_three_municipalities(plan, world):  # noqa: F811
    lead = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_b"]])
    municipalities = [world["municipality"], PrincipalFactory(name="Kommun Två"), PrincipalFactory(name="Kommun Tre")]
    project_plan = services.project_create(
        actor=actor_for(lead), name="Delprojekt NPF", agreement=plan.template.agreement, start=date(2025, 1, 1),
        end=date(2026, 12, 31), municipalities=municipalities,
        goals=parse_goals("1 Tidigt stöd till barn med NPF-liknande svårigheter\n"
                          "1.1 Gemensam kartläggning skola–socialtjänst–BUP\n1.2 Samordnade insatser i skolan"))
    sub_goal = SubGoal.objects.get(goal_area__template=project_plan.template, number="1.1")
    services.activity_add(actor=actor_for(lead), plan=project_plan, sub_goal=sub_goal,
                          description="Gemensamt kartläggningsverktyg", responsible_text="Projektledaren",
                          expected_effect="Samma bild av behoven i alla tre kommuner")
    client = client_for(lead)
    page = client.get(reverse("planning:plan", args=[project_plan.pk])).content.decode()
    assert "Delprojekt NPF" in page and "Kommun Tre" in page and "Gemensamt kartläggningsverktyg" in page
    assert client.get(reverse("planning:plan", args=[plan.pk])).status_code == 404  # not the lead's area
    other = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                                         areas=[world["district_b"]]))
    assert other.get(reverse("planning:plan", args=[project_plan.pk])).status_code == 404
    pdf = client.get(reverse("planning:export", args=[project_plan.pk, "docx"]))
    assert pdf.status_code == 200


@pytest.mark.django_db
def test_project_created_in_the_page_with_goals_from_text(plan, coordinator_client, staff_client, world):  # noqa: F811
    url = reverse("planning:project_create")
    data = {"name": "Delprojekt NPF", "agreement": plan.template.agreement.pk, "start": "2025-01-01",
            "end": "2026-12-31", "municipalities": [world["municipality"].pk],
            "goals": "1 Tidigt stöd\n1.1 Gemensam kartläggning\n2.1 Fel rad"}
    response = coordinator_client.post(url, data)
    assert response.status_code == 200 and "2.1" in response.content.decode()
    data["goals"] = "1 Tidigt stöd\n1.1 Gemensam kartläggning\n1.2 Samordnade insatser"
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    assert SubGoal.objects.filter(goal_area__template__project__name="Delprojekt NPF").count() == 2
    assert staff_client.get(url).status_code == 403
