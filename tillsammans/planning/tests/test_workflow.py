"""A workflow nobody falls through: named steps, approvers e-mailed when it is their turn, who has
approved and who remains, and a step backwards only with a reason — told to everyone told before."""

import pytest
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.planning.models import SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory, UserFactory


def _sent(django_task_results):
    return [(r.args_kwargs["kwargs"]["to"][0], r.args_kwargs["kwargs"]["subject"]) for r in django_task_results]


@pytest.fixture
def mails():
    from django_tasks_db.models import DBTaskResult

    return lambda: _sent(DBTaskResult.objects.order_by("enqueued_at", "id"))


@pytest.fixture
def approvers(world):
    social = MembershipFactory(role=Role.MANAGER, unit=world["social_office"],
                               user=UserFactory(email="chef.social@kommun.exempel.se", first_name="Sara",
                                                last_name="Socialchef"))
    care = MembershipFactory(role=Role.MANAGER, unit=world["bvc_a"],
                             user=UserFactory(email="chef.bvc@region.exempel.se", first_name="Bo",
                                              last_name="Vårdchef"))
    return {"social": social, "care": care}


@pytest.fixture
def ready_plan(plan):  # noqa: F811
    from tillsammans.core.access import Actor
    from tillsammans.planning import services

    sub_goal = SubGoal.objects.get(goal_area__template=plan.template, number="7.1.1")
    services.activity_add(actor=Actor.for_system("t"), plan=plan, sub_goal=sub_goal, description="ABC-grupper",
                          responsible_text="Koordinatorerna", expected_effect="Fler föräldrar deltar")
    return plan


@pytest.mark.django_db
def test_named_steps_turns_and_who_remains(ready_plan, world, approvers, coordinator_client, coordinator_membership,
                                           mails, django_capture_on_commit_callbacks):
    plan = ready_plan  # noqa: F811
    url = reverse("planning:plan", args=[plan.pk])
    step = reverse("planning:transition", args=[plan.pk])
    page = coordinator_client.get(url).content.decode()
    assert "Skicka på remiss" in page and 'name="to" value="review"' in page
    assert "<select" not in page.split('id="next-step"')[1].split("</section>")[0]  # no select of states
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(step, {"to": "review"})
    plan.refresh_from_db()
    assert plan.status == "review"
    sent = mails()
    assert {to for to, _s in sent} == {"chef.social@kommun.exempel.se", "chef.bvc@region.exempel.se"}
    assert all("väntar på dina synpunkter" in subject for _to, subject in sent)
    social, care = client_for(approvers["social"]), client_for(approvers["care"])
    page = social.get(url).content.decode()
    assert "Godkänn för Socialnämnden" in page and "2 parter återstår" in page
    social.post(step, {"to": "approved"})
    page = care.get(url).content.decode()
    assert "Godkänd för Socialnämnden av Sara Socialchef" in page
    assert "Återstår: Hälso- och sjukvård" in page and "1 part återstår" in page
    assert "Godkänn för Hälso- och sjukvård" in page
    assert "Godkänn för" not in social.get(url).content.decode()  # that party has approved
    with django_capture_on_commit_callbacks(execute=True):
        care.post(step, {"to": "approved"})
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert (coordinator_membership.user.email, "Handlingsplan 2024 för Norra är godkänd av alla parter") in mails()
    page = coordinator_client.get(url).content.decode()
    assert "Lämna in till BVC Norra" in page and "Återöppna som utkast" in page


@pytest.mark.django_db
def test_a_step_back_needs_a_reason_and_tells_everyone_told_before(ready_plan, world, approvers, coordinator_client,
                                                                   mails, django_capture_on_commit_callbacks):
    from tillsammans.core.access import Actor
    from tillsammans.planning import workflow

    plan = ready_plan  # noqa: F811
    world["bvc_a"].email = "mottagning@region.exempel.se"
    world["bvc_a"].save()
    system = Actor.for_system("t")
    workflow.plan_transition(actor=system, plan=plan, to="review")
    workflow.plan_transition(actor=system, plan=plan, to="approved")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.plan_transition(actor=system, plan=plan, to="submitted", comment="Justeras i december.")
    assert ("mottagning@region.exempel.se", "Handlingsplan 2024 inskickad: Norra") in mails()
    # The old single form's "draft" never moves the plan: it leads to the page that asks why.
    response = coordinator_client.post(reverse("planning:transition", args=[plan.pk]), {"to": "draft"})
    assert response.url == reverse("planning:reopen", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.status == "submitted"
    reopen = reverse("planning:reopen", args=[plan.pk])
    page = coordinator_client.get(reopen).content.decode()
    assert "Mottagaren och de som fick kopia" in page
    response = coordinator_client.post(reopen, {"reason": "  "})
    assert response.status_code == 422 and "Ange varför planen går tillbaka" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reopen, {"reason": "Regionens andel ändras efter budgetbeslut."})
    plan.refresh_from_db()
    assert plan.status == "draft" and plan.submitted_at is None and not plan.approvals.exists()
    told = {to for to, subject in mails() if "är ett utkast igen" in subject}
    assert told >= {"mottagning@region.exempel.se", "chef.social@kommun.exempel.se", "chef.bvc@region.exempel.se"}
    assert "Skäl: Regionens andel ändras efter budgetbeslut." in plan.changes.first().text


@pytest.mark.django_db
def test_who_may_take_which_step(ready_plan, world, approvers, manager_client, staff_client):
    plan = ready_plan  # noqa: F811
    other = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                                         areas=[world["district_b"]]))
    step = reverse("planning:transition", args=[plan.pk])
    reopen = reverse("planning:reopen", args=[plan.pk])
    assert other.post(step, {"to": "review"}).status_code == 404
    assert staff_client.post(step, {"to": "review"}).status_code == 403
    assert manager_client.post(step, {"to": "review"}).status_code == 403  # managers approve, not move
    assert client_for(approvers["social"]).post(step, {"to": "approved"}).status_code == 403  # not in review
    assert other.get(reopen).status_code == 404 and manager_client.get(reopen).status_code == 403
    plan.refresh_from_db()
    assert plan.status == "draft"
