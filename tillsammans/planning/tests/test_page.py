"""The action plan's page as a cached part (planning/page.py, ADR 0026 and 0030): a change through any
service shows at once; viewers with different rights never see each other's controls; no CSRF token
and nothing a viewer typed is ever kept in the part; the forms the controls name are there for the
viewer who may send them."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.organisations import services as unit_services
from tillsammans.planning import entries, services, workflow
from tillsammans.planning.models import BudgetAmount, SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _as(membership) -> Actor:
    return Actor(user=membership.user, membership=membership, verified=True)


def _get(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.fixture
def people(world):
    return {"social": MembershipFactory(role=Role.MANAGER, unit=world["social_office"]),
            "care": MembershipFactory(role=Role.MANAGER, unit=world["bvc_a"]),
            "receiver": MembershipFactory(role=Role.RECEIVER, unit=world["bvc_a"])}


def test_a_change_through_each_kind_of_service_shows_at_once(plan, world, coordinator_client,  # noqa: F811
                                                             coordinator_membership, people):
    url = reverse("planning:plan", args=[plan.pk])
    coordinator = _as(coordinator_membership)
    social = _as(people["social"])
    line = plan.budget_lines.first()
    gsn = plan.template.agreement.funders.get(code="GSN")
    sub_goal = SubGoal.objects.get(goal_area__template=plan.template, number="7.2.1")
    made = {}

    def add_activity():
        made["activity"] = services.activity_add(
            actor=coordinator, plan=plan, sub_goal=sub_goal, description="Gemensam föräldrakväll",
            responsible_units=[world["bvc_a"]], expected_effect="Fler föräldrar deltar")

    changes = [
        ("the plan's text", lambda: entries.sections_write(
            actor=coordinator, plan=plan, texts={"Inledning": "Norra har en familjecentral."}),
         "Norra har en familjecentral."),
        ("an activity added", add_activity, "Gemensam föräldrakväll"),
        ("an activity changed", lambda: entries.activity_update(
            actor=coordinator, activity=made["activity"], sub_goal=sub_goal, description="Gemensam föräldrakväll",
            responsible_units=[world["bvc_a"]], expected_effect="Alla nyblivna föräldrar bjuds in"),
         "Alla nyblivna föräldrar bjuds in"),
        ("a responsible unit renamed", lambda: unit_services.unit_update(
            actor=coordinator, unit=world["bvc_a"], name="BVC Norra hamnen"), "BVC Norra hamnen"),
        ("a post added", lambda: entries.post_add(actor=coordinator, plan=plan, role="Familjebehandlare",
                                                  fte_percent=50, employer=world["social"]), "Familjebehandlare"),
        ("a budget line added", lambda: entries.line_add(actor=coordinator, plan=plan, name="Resor och kurser"),
         "Resor och kurser"),
        ("a budget amount", lambda: services.budget_set(actor=coordinator, line=line, funder=gsn, tkr="1234"),
         "1\u202f234"),
        ("sent for review", lambda: workflow.send_for_review(actor=coordinator, plan=plan), "Under granskning"),
        ("a comment", lambda: services.comment_add(actor=social, plan=plan, section="Budget",
                                                   text="Förtydliga resorna."), "Förtydliga resorna."),
        ("an approval", lambda: workflow.approve(actor=social, plan=plan), "Godkänd för Socialnämnden"),
        ("an activity removed", lambda: entries.activity_remove(actor=coordinator, activity=made["activity"]),
         "Aktivitet borttagen från 7.2.1"),
    ]
    built, _page = _get(coordinator_client, url)
    for what, change, shown in changes:
        cached, before = _get(coordinator_client, url)
        assert cached < built, what  # read from the cache until the change
        assert shown not in before, what
        change()
        plan.refresh_from_db()
        _count, after = _get(coordinator_client, url)
        assert shown in after, what
    assert f'id="activity-{made["activity"].pk}"' not in after


def _activity(plan, world, coordinator_membership):  # noqa: F811
    services.activity_add(actor=_as(coordinator_membership), plan=plan, description="Gemensam föräldrakväll",
                          sub_goal=SubGoal.objects.get(goal_area__template=plan.template, number="7.2.1"),
                          responsible_units=[world["bvc_a"]], expected_effect="Fler föräldrar deltar")


def test_viewers_with_different_rights_never_see_each_others_controls(plan, world, coordinator_client,  # noqa: F811
                                                                      coordinator_membership, people):
    url = reverse("planning:plan", args=[plan.pk])
    _activity(plan, world, coordinator_membership)
    workflow.send_for_review(actor=_as(coordinator_membership), plan=plan)
    social, care = client_for(people["social"]), client_for(people["care"])
    line = plan.budget_lines.first()
    edit_link = reverse("planning:line_edit", args=[plan.pk, line.pk])
    budget_input = f'name="amount-{line.pk}-'
    approve = 'name="to" value="approved"'
    for _round in range(2):  # built for each, then read from the cache by each
        coordinator_page = _get(coordinator_client, url)[1]
        social_page = _get(social, url)[1]
        care_page = _get(care, url)[1]
        # The coordinator edits and moves the plan; a manager approves and comments, for their own party.
        assert edit_link in coordinator_page and budget_input in coordinator_page
        assert 'id="plan-budget"' in coordinator_page and "Följ upp" in coordinator_page
        assert approve not in coordinator_page and 'form="plan-comment"' not in coordinator_page
        assert 'id="plan-comment"' not in coordinator_page
        for manager_page, party, other in ((social_page, "Socialnämnden", "Hälso- och sjukvård"),
                                           (care_page, "Hälso- och sjukvård", "Socialnämnden")):
            assert edit_link not in manager_page and budget_input not in manager_page
            assert 'id="plan-budget"' not in manager_page and "Följ upp" not in manager_page
            assert "Återöppna som utkast" not in manager_page
            assert f"Godkänn för {party}" in manager_page and f"Godkänn för {other}" not in manager_page
            assert 'form="plan-comment"' in manager_page and 'id="plan-comment"' in manager_page
    # Once the social committee has approved, its manager may still comment but no longer approve.
    workflow.approve(actor=_as(people["social"]), plan=plan)
    social_page = _get(social, url)[1]
    assert approve not in social_page and 'id="plan-comment"' in social_page
    assert "Godkänn för Hälso- och sjukvård" in _get(care, url)[1]
    # The receiver reads a submitted plan and may do nothing with it.
    workflow.approve(actor=_as(people["care"]), plan=plan)
    plan.refresh_from_db()
    workflow.submit(actor=_as(coordinator_membership), plan=plan, comment="Andelen justeras.")
    receiver_page = _get(client_for(people["receiver"]), url)[1]
    assert "Inskickad" in receiver_page
    assert "<form" not in receiver_page.split("<main", 1)[1].split("</main>", 1)[0]
    for control in ('form="plan-', edit_link, "Följ upp", "Återöppna som utkast", "Markera året som uppföljt"):
        assert control not in receiver_page
    coordinator_page = _get(coordinator_client, url)[1]
    assert "Markera året som uppföljt" in coordinator_page and budget_input not in coordinator_page


def test_every_control_names_a_form_the_page_has(plan, world, coordinator_client,  # noqa: F811
                                                 coordinator_membership, people):
    url = reverse("planning:plan", args=[plan.pk])
    _activity(plan, world, coordinator_membership)
    named = {}
    for state in ("draft", "review"):
        for who, client in (("coordinator", coordinator_client), ("manager", client_for(people["social"]))):
            page = _get(client, url)[1]
            named[state, who] = set(re.findall(r'form="(plan-[a-z-]+)"', page))
            assert named[state, who] <= set(re.findall(r'<form id="(plan-[a-z-]+)" method="post"', page))
        if state == "draft":
            workflow.send_for_review(actor=_as(coordinator_membership), plan=plan)
    assert named["draft", "coordinator"] == {"plan-step", "plan-budget", "plan-carry-over"}
    assert named["review", "coordinator"] == {"plan-budget", "plan-carry-over"}  # in review: back only, by a link
    assert named["draft", "manager"] == set() and named["review", "manager"] == {"plan-step", "plan-comment"}


def test_no_csrf_token_and_nothing_typed_is_kept_in_the_cache(plan, coordinator_client, monkeypatch):  # noqa: F811
    kept = {}
    real_set = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, *args, **kwargs: (
        kept.__setitem__(key, value), real_set(key, value, *args, **kwargs))[1])
    url = reverse("planning:plan", args=[plan.pk])
    page = _get(coordinator_client, url)[1]
    assert page.count("csrfmiddlewaretoken") >= 3  # the step, budget and carry-over forms
    parts = {key: value for key, value in kept.items() if key.startswith("fragments:action_plan:")}
    assert parts and not any("csrfmiddlewaretoken" in value or "<form" in value for value in parts.values())
    # A refused budget shows what was typed, in a part that is never kept.
    line = plan.budget_lines.first()
    gsn = plan.template.agreement.funders.get(code="GSN")
    kept.clear()
    response = coordinator_client.post(reverse("planning:budget", args=[plan.pk]),
                                       {f"amount-{line.pk}-{gsn.pk}": "-7"})
    assert response.status_code == 422 and 'value="-7"' in response.content.decode()
    assert not any("-7" in str(value) for key, value in kept.items() if key.startswith("fragments:action_plan:"))
    after = _get(coordinator_client, url)[1]
    assert 'value="-7"' not in after and 'value="360"' in after
    assert BudgetAmount.objects.get(line=line, funder=gsn).tkr == 360


def test_the_language_is_part_of_the_key(plan, coordinator_client):  # noqa: F811
    url = reverse("planning:plan", args=[plan.pk])
    assert "Budgetpost" in _get(coordinator_client, url)[1]
    english = coordinator_client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "Budget line" in english and "Budgetpost" not in english
    assert "Budgetpost" in _get(coordinator_client, url)[1]
