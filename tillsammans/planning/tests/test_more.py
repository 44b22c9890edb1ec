"""Plan text, posts and lines, follow-up, the receiver's overview and deadline reminders."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.planning import goals, services, workflow
from tillsammans.planning.models import Activity, SubGoal
from tillsammans.planning.tasks import send_deadline_reminders
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory


@pytest.mark.django_db
def test_text_posts_lines_and_follow_up(plan, coordinator_client, world):  # noqa: F811
    response = coordinator_client.get(reverse("planning:sections", args=[plan.pk]))
    assert "Inledning" in response.content.decode()
    assert coordinator_client.post(reverse("planning:sections", args=[plan.pk]),
                                   {"s0": "Stadsområdet Norra har fyra familjecentraler."}).status_code == 302
    plan.refresh_from_db()
    assert plan.sections["Inledning"].startswith("Stadsområdet Norra")
    assert coordinator_client.post(reverse("planning:post_add", args=[plan.pk]), {
        "role": "Koordinator", "employer": world["social"].pk, "fte_percent": 50}).status_code == 302
    assert coordinator_client.post(reverse("planning:line_add", args=[plan.pk]), {
        "name": "Resor", "under_cofinancing": ""}).status_code == 302
    assert plan.posts.count() == 5 and plan.budget_lines.count() == 4
    sub_goal = SubGoal.objects.get(goal_area__template=plan.template, number="7.3.1")
    activity = services.activity_add(actor=Actor.for_system("t"), plan=plan, sub_goal=sub_goal,
                                     description="Utbildning i FCA", expected_effect="Alla chefer utbildade",
                                     responsible_text="Koordinatorerna")
    url = reverse("planning:follow_up", args=[plan.pk, activity.pk])
    assert coordinator_client.post(url, {"status": "done", "outcome": "42 chefer deltog."}).status_code == 302
    assert Activity.objects.get(pk=activity.pk).outcome == "42 chefer deltog."


@pytest.mark.django_db
def test_receivers_overview_shows_late_plans_and_activities_per_goal_area(plan, world):  # noqa: F811
    actor = Actor.for_system("t")
    sub_goal = SubGoal.objects.get(goal_area__template=plan.template, number="7.2.2")
    services.activity_add(actor=actor, plan=plan, sub_goal=sub_goal, description="Öppen förskola på BVC",
                          expected_effect="Fler besök", responsible_text="BVC")
    for status in ("review", "approved"):
        workflow.plan_transition(actor=actor, plan=plan, to=status)
    workflow.plan_transition(actor=actor, plan=plan, to="submitted", comment="Justeras.")
    receiver = client_for(MembershipFactory(role=Role.RECEIVER, unit=world["bvc_a"]))
    page = receiver.get(reverse("planning:overview"), {"year": 2024}).content.decode()
    assert "Norra" in page and "Öppen förskola på BVC" in page
    assert "sen" in page  # submitted after the deadline 2023-12-01


@pytest.mark.django_db
def test_deadline_reminders_go_to_the_areas_coordinators(plan, coordinator_membership, monkeypatch):  # noqa: F811
    from types import SimpleNamespace

    monkeypatch.setattr("tillsammans.planning.tasks.timezone", SimpleNamespace(localdate=lambda: date(2023, 11, 17)))
    assert send_deadline_reminders.call() == 1
    assert mail.outbox[0].to == [coordinator_membership.user.email]
    assert "2023-12-01" in mail.outbox[0].subject
    assert send_deadline_reminders.call() == 0


@pytest.mark.django_db
def test_carry_over_in_the_page_and_overview_export(plan, coordinator_client, world):  # noqa: F811
    import io

    from openpyxl import load_workbook

    actor = Actor.for_system("t")
    sub_goal = SubGoal.objects.get(goal_area__template=plan.template, number="7.1.3")
    services.activity_add(actor=actor, plan=plan, sub_goal=sub_goal, description="Riktat stöd", expected_effect="E",
                          responsible_text="R")
    next_plan = services.plan_create(actor=actor, area=plan.area,
                                     template=goals.template_copy(actor=actor, template=plan.template, year=2025))
    response = coordinator_client.post(reverse("planning:carry_over", args=[next_plan.pk]), follow=True)
    assert "1 ej avslutade aktiviteter fördes över från 2024" in response.content.decode()
    xlsx = coordinator_client.get(reverse("planning:overview"), {"year": 2025, "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(min_row=2, values_only=True))
    assert rows[0][1] == "7.1.3" and rows[0][3] == "Riktat stöd"
