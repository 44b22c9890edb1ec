"""Action plan pages and workflow permissions per role."""

import pytest
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.planning.models import ActionPlan, BudgetAmount
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory


@pytest.fixture
def receiver_client(world):
    return client_for(MembershipFactory(role=Role.RECEIVER, unit=world["bvc_a"]))


@pytest.fixture
def other_coordinator_client(world):
    return client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                                        areas=[world["district_b"]]))


@pytest.mark.django_db
def test_who_sees_the_plan(plan, coordinator_client, manager_client, staff_client, admin_client,  # noqa: F811
                           receiver_client, other_coordinator_client):
    url = reverse("planning:plan", args=[plan.pk])
    assert coordinator_client.get(url).status_code == 200
    assert manager_client.get(url).status_code == 200
    assert other_coordinator_client.get(url).status_code == 404
    assert receiver_client.get(url).status_code == 404  # not yet submitted
    assert staff_client.get(url).status_code == 403
    assert admin_client.get(url).status_code == 403
    page = coordinator_client.get(url).content.decode()
    for number in ("7.1.1", "7.2.4", "7.3.2"):
        assert number in page
    assert "4\u202f196" in page and "Inte uppfyllt" in page


@pytest.mark.django_db
def test_workflow_permissions_per_role(plan, world, coordinator_client, manager_client,  # noqa: F811
                                       other_coordinator_client, receiver_client):
    url = reverse("planning:transition", args=[plan.pk])
    assert other_coordinator_client.post(url, {"to": "review"}).status_code == 404
    coordinator_client.post(url, {"to": "review"})
    plan.refresh_from_db()
    assert plan.status == "review"
    assert coordinator_client.post(url, {"to": "approved"}).status_code == 403  # only a manager approves
    manager_client.post(url, {"to": "approved"})  # the preschool board is not a party: nothing happens
    assert not plan.approvals.exists()
    social_manager = client_for(MembershipFactory(role=Role.MANAGER, unit=world["social_office"]))
    care_manager = client_for(MembershipFactory(role=Role.MANAGER, unit=world["bvc_a"]))
    social_manager.post(reverse("planning:comment", args=[plan.pk]), {"section": "Budget",
                                                                     "text": "Förtydliga resorna."})
    social_manager.post(url, {"to": "approved"})
    plan.refresh_from_db()
    assert plan.status == "review" and plan.approvals.count() == 1  # one party of two
    care_manager.post(url, {"to": "approved"})
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert plan.comments.get().section == "Budget"
    coordinator_client.post(url, {"to": "submitted", "comment": "Andelen justeras i december."})
    plan.refresh_from_db()
    assert plan.status == "submitted"
    assert receiver_client.get(reverse("planning:plan", args=[plan.pk])).status_code == 200
    assert coordinator_client.post(reverse("planning:budget", args=[plan.pk]), {}).status_code == 403


@pytest.mark.django_db
def test_activity_and_budget_in_the_page(plan, coordinator_client, world):  # noqa: F811
    from tillsammans.planning.models import SubGoal

    sub_goal = SubGoal.objects.get(goal_area__template=plan.template, number="7.2.1")
    response = coordinator_client.post(reverse("planning:activity_add", args=[plan.pk]), {
        "sub_goal": sub_goal.pk, "description": "Gemensamma föräldragrupper BVC och öppen förskola",
        "responsible_units": [world["bvc_a"].pk], "expected_effect": "Fler nyblivna föräldrar deltar"})
    assert response.status_code == 302
    line = plan.budget_lines.first()
    gsn = plan.template.agreement.funders.get(code="GSN")
    response = coordinator_client.post(reverse("planning:budget", args=[plan.pk]),
                                       {f"amount-{line.pk}-{gsn.pk}": "-7"})
    assert response.status_code == 422
    assert "Ange hela, icke-negativa tusental kronor" in response.content.decode()
    assert 'value="-7"' in response.content.decode()  # what was typed is kept
    assert BudgetAmount.objects.get(line=line, funder=gsn).tkr == 360
    coordinator_client.post(reverse("planning:budget", args=[plan.pk]), {f"amount-{line.pk}-{gsn.pk}": "400"})
    assert BudgetAmount.objects.get(line=line, funder=gsn).tkr == 400
    assert ActionPlan.objects.get().activities.count() == 1
