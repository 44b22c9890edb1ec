"""The receiver's year: every area that should submit, with its state against the deadline; plans side by
side; bad parameters answer 400 in Swedish; the page costs the same number of queries at two sizes."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.planning import selectors, services, workflow
from tillsammans.planning.models import SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import AreaFactory, MembershipFactory

ACTOR = Actor.for_system("t")


def _submitted(plan):  # noqa: F811
    sub_goal = SubGoal.objects.get(goal_area__template=plan.template, number="7.2.2")
    services.activity_add(actor=ACTOR, plan=plan, sub_goal=sub_goal, description=f"Öppen förskola i {plan.area}",
                          expected_effect="Fler besök", responsible_text="BVC")
    for step in ("review", "approved"):
        workflow.plan_transition(actor=ACTOR, plan=plan, to=step)
    workflow.plan_transition(actor=ACTOR, plan=plan, to="submitted", comment="Justeras.")


@pytest.fixture
def receiver_client(world):
    return client_for(MembershipFactory(role=Role.RECEIVER, unit=world["bvc_a"]))


@pytest.mark.django_db
def test_every_area_that_should_submit_with_its_state(plan, world, receiver_client):  # noqa: F811
    agreement = plan.template.agreement
    agreement.areas.set([world["district_a"], world["district_b"]])
    west = AreaFactory(name="Västra", parent=world["town"], principal=world["municipality"])
    draft = services.plan_create(actor=ACTOR, area=west, template=plan.template)
    _submitted(plan)
    rows = {r.area.name: r for r in selectors.year_states(2024, today=date(2023, 11, 20))}
    assert {name: r.state for name, r in rows.items()} == {"Norra": "submitted", "Södra": "not_started",
                                                           "Västra": "draft"}
    assert not rows["Södra"].late  # before the deadline 2023-12-01
    rows = {r.area.name: r for r in selectors.year_states(2024, today=date(2023, 12, 5))}
    assert rows["Södra"].late and rows["Västra"].late
    page = receiver_client.get(reverse("planning:overview"), {"year": 2024}).content.decode()
    assert "Södra" in page and "Ej påbörjad" in page and "Västra" in page and "Utkast" in page
    assert "3 områden" in page
    # The receiver sees the draft's state, not its content.
    assert reverse("planning:plan", args=[draft.pk]) not in page
    assert reverse("planning:plan", args=[plan.pk]) in page


@pytest.mark.django_db
def test_plans_side_by_side_by_goal_area(plan, world, receiver_client):  # noqa: F811
    other = services.plan_create(actor=ACTOR, area=world["district_b"], template=plan.template)
    _submitted(plan)
    _submitted(other)
    response = receiver_client.get(reverse("planning:overview"), {"year": 2024, "plan": [plan.pk, other.pk]})
    page = response.content.decode()
    part = page.split('id="side-by-side"')[1]
    assert "Öppen förskola i Norra" in part and "Öppen förskola i Södra" in part
    assert "7.2.2" in part
    one = receiver_client.get(reverse("planning:overview"), {"year": 2024, "plan": [plan.pk]}).content.decode()
    assert "Välj minst två planer" in one


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"year": "abc"}, {"year": "99999"}, {"year": "2024", "plan": "x"},
                                   {"year": "2024", "format": "pdf"}])
def test_bad_parameters_answer_400_in_swedish(receiver_client, world, query):
    response = receiver_client.get(reverse("planning:overview"), query)
    assert response.status_code == 400
    assert "parametern" in response.content.decode() or "måste vara mellan" in response.content.decode()


@pytest.mark.django_db
def test_who_sees_the_year(world, receiver_client, coordinator_client, manager_client, staff_client, admin_client):
    url = reverse("planning:overview")
    for client in (receiver_client, coordinator_client, manager_client):
        assert client.get(url).status_code == 200
    assert staff_client.get(url).status_code == 403
    assert admin_client.get(url).status_code == 403


@pytest.mark.django_db
def test_the_year_and_the_lists_cost_the_same_queries_at_two_sizes(plan, world, receiver_client,  # noqa: F811
                                                                    coordinator_client):
    def count(client, url, params=None):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params or {}).status_code == 200
        return len(queries)

    agreement = plan.template.agreement
    _submitted(plan)
    pages = [(receiver_client, reverse("planning:overview"), {"year": 2024}),
             (coordinator_client, reverse("planning:plan_list"), None),
             (coordinator_client, reverse("planning:template_list"), None),
             (coordinator_client, reverse("planning:history", args=[plan.pk]), None)]
    small = [count(*page) for page in pages]
    for n in range(4):
        area = AreaFactory(name=f"Delområde {n}", parent=world["district_a"], principal=world["municipality"])
        agreement.areas.add(area)
        more = services.plan_create(actor=ACTOR, area=area, template=plan.template)
        _submitted(more)
    from tillsammans.planning.goals import template_copy

    template_copy(actor=ACTOR, template=plan.template, year=2025)
    services.activity_add(actor=ACTOR, plan=plan, description="Fler ändringar", expected_effect="E",
                          sub_goal=SubGoal.objects.filter(goal_area__template=plan.template).first())
    large = [count(*page) for page in pages]
    assert small == large


@pytest.mark.django_db
def test_other_plan_pages_never_answer_500_on_bad_parameters(plan, coordinator_client):  # noqa: F811
    assert coordinator_client.get(reverse("planning:plan_create"), {"area": "abc"}).status_code == 200
    assert coordinator_client.get(reverse("planning:history", args=[plan.pk]), {"page": "abc"}).status_code == 200
    assert coordinator_client.get(reverse("planning:history", args=[plan.pk]),
                                  {"page": "99999999999999999999"}).status_code == 200
