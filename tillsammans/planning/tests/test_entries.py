"""Everything a coordinator enters is changed and removed in the page, and the history says what changed.
The co-financing check never passes on nothing."""

import pytest
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.planning import services
from tillsammans.planning.models import Activity, BudgetAmount, BudgetLine, PlanChange, Post, SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory

ACTOR = Actor.for_system("t")


@pytest.fixture
def activity(plan):  # noqa: F811
    sub_goal = SubGoal.objects.get(goal_area__template=plan.template, number="7.1.1")
    return services.activity_add(actor=ACTOR, plan=plan, sub_goal=sub_goal, description="Föräldragrupper ABC",
                                 expected_effect="Fler föräldrar deltar", responsible_text="Koordinatorerna")


@pytest.mark.django_db
def test_an_activity_is_changed_and_removed_in_the_page(plan, activity, coordinator_client):  # noqa: F811
    other = SubGoal.objects.get(goal_area__template=plan.template, number="7.2.2")
    url = reverse("planning:activity_edit", args=[plan.pk, activity.pk])
    page = coordinator_client.get(url).content.decode()
    assert "Föräldragrupper ABC" in page
    response = coordinator_client.post(url, {"sub_goal": other.pk, "description": "Föräldragrupper ABC på BVC",
                                             "expected_effect": "Fler föräldrar deltar", "responsible_text": "BVC"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.sub_goal == other and activity.description == "Föräldragrupper ABC på BVC"
    change = plan.changes.first()
    assert "7.1.1 → 7.2.2" in change.text and "Föräldragrupper ABC → Föräldragrupper ABC på BVC" in change.text
    response = coordinator_client.post(url, {"sub_goal": other.pk, "description": " "})
    assert response.status_code == 200 and Activity.objects.get().description == "Föräldragrupper ABC på BVC"
    remove = reverse("planning:remove", args=[plan.pk, "aktivitet", activity.pk])
    assert "Ta bort" in coordinator_client.get(remove).content.decode()  # a confirmation first
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert coordinator_client.post(remove).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    history = coordinator_client.get(reverse("planning:history", args=[plan.pk])).content.decode()
    assert "Aktivitet borttagen från 7.2.2" in history and "Aktiviteten ”Föräldragrupper ABC på BVC” ändrad" in history


@pytest.mark.django_db
def test_a_post_takes_a_share_and_a_unit_as_employer(plan, coordinator_client, world):  # noqa: F811
    url = reverse("planning:post_add", args=[plan.pk])
    response = coordinator_client.post(url, {"role": "FCA-koordinator", "employer_unit": world["bvc_a"].pk,
                                             "fte_percent": "85 %"})
    assert response.status_code == 302
    post = Post.objects.get(role="FCA-koordinator")
    assert post.fte_percent == 85 and post.employer_unit == world["bvc_a"] and post.employer == world["care"]
    response = coordinator_client.post(url, {"role": "Utan arbetsgivare", "fte_percent": "120"})
    page = response.content.decode()
    assert response.status_code == 200 and "Välj arbetsgivare" in page and "från 1 till 100" in page
    assert 'value="Utan arbetsgivare"' in page  # what was typed is kept
    edit = reverse("planning:post_edit", args=[plan.pk, post.pk])
    assert coordinator_client.post(edit, {"role": "FCA-koordinator", "employer": world["social"].pk,
                                          "fte_percent": "50"}).status_code == 302
    post.refresh_from_db()
    assert post.fte_percent == 50 and post.employer_unit is None and post.employer == world["social"]
    assert ": 85 % → 50 %" in plan.changes.first().text
    assert "BVC Norra → Socialnämnden" in plan.changes.first().text
    coordinator_client.post(reverse("planning:remove", args=[plan.pk, "tjanst", post.pk]))
    assert not Post.objects.filter(pk=post.pk).exists()


@pytest.mark.django_db
def test_a_budget_line_is_changed_and_removed_and_the_check_never_passes_on_nothing(  # noqa: F811
        plan, coordinator_client):  # noqa: F811
    line = plan.budget_lines.get(under_cofinancing=True)
    edit = reverse("planning:line_edit", args=[plan.pk, line.pk])
    assert coordinator_client.post(edit, {"name": line.name, "fte": "3,5"}).status_code == 302  # rule unticked
    line.refresh_from_db()
    assert not line.under_cofinancing
    assert "Omfattas av samfinansieringen: ja → nej" in plan.changes.first().text
    check = {c.code: c for c in services.checks(plan)}["cofinancing"]
    assert not check.ok and "ange vilka poster regeln omfattar" in str(check.message).lower()
    page = coordinator_client.get(reverse("planning:plan", args=[plan.pk])).content.decode()
    assert "Ingen budgetpost är markerad" in page and "0 tkr av 0 tkr" not in page
    ticked = {"name": line.name, "under_cofinancing": "on", "fte": "3,5"}
    assert coordinator_client.post(edit, ticked).status_code == 302
    assert {c.code: c for c in services.checks(plan)}["cofinancing"].figures["region"] == 1250
    empty = BudgetLine.objects.create(plan=plan, name="Tom post", under_cofinancing=True)
    BudgetLine.objects.filter(plan=plan).exclude(pk=empty.pk).update(under_cofinancing=False)
    check = {c.code: c for c in services.checks(plan)}["cofinancing"]
    assert not check.ok and "Tom post" in check.message
    # A funder's amount removed by emptying its cell.
    hsng = plan.template.agreement.funders.get(code="HSNG")
    coordinator_client.post(reverse("planning:budget", args=[plan.pk]), {f"amount-{line.pk}-{hsng.pk}": ""})
    assert not BudgetAmount.objects.filter(line=line, funder=hsng).exists()
    assert "HSNG: 1\u202f250 → 0 tkr" in plan.changes.first().text
    coordinator_client.post(reverse("planning:remove", args=[plan.pk, "budgetpost", line.pk]))
    assert not BudgetLine.objects.filter(pk=line.pk).exists()
    assert "Budgetpost borttagen" in plan.changes.first().text


@pytest.mark.django_db
def test_section_text_is_changed_and_emptied_with_history(plan, coordinator_client):  # noqa: F811
    url = reverse("planning:sections", args=[plan.pk])
    coordinator_client.post(url, {"s0": "Norra har fyra familjecentraler."})
    coordinator_client.post(url, {"s0": ""})
    texts = list(PlanChange.objects.filter(plan=plan).order_by("pk").values_list("text", flat=True))
    assert texts[-2].startswith("Avsnittet ”Inledning” skrivet") and texts[-1] == "Avsnittet ”Inledning” tömt."


@pytest.mark.django_db
def test_who_may_change_and_remove_entries(plan, activity, world, manager_client, staff_client,  # noqa: F811
                                           coordinator_client):
    other = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                                         areas=[world["district_b"]]))
    receiver = client_for(MembershipFactory(role=Role.RECEIVER, unit=world["bvc_a"]))
    post = plan.posts.first()
    line = plan.budget_lines.first()
    urls = [reverse("planning:activity_edit", args=[plan.pk, activity.pk]),
            reverse("planning:post_edit", args=[plan.pk, post.pk]),
            reverse("planning:line_edit", args=[plan.pk, line.pk]),
            reverse("planning:remove", args=[plan.pk, "aktivitet", activity.pk]),
            reverse("planning:remove", args=[plan.pk, "tjanst", post.pk]),
            reverse("planning:remove", args=[plan.pk, "budgetpost", line.pk])]
    for url in urls:
        assert coordinator_client.get(url).status_code == 200
        assert other.post(url).status_code == 404
        assert receiver.post(url).status_code == 404  # not submitted: not there for the receiver
        assert manager_client.post(url).status_code == 403  # sees the plan, may not change it
        assert staff_client.post(url).status_code == 403
    assert coordinator_client.get(reverse("planning:remove", args=[plan.pk, "okand", 1])).status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists() and Post.objects.filter(pk=post.pk).exists()
