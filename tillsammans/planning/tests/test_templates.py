"""Templates written in the pages in the region's own numbering (two or three levels), reordered,
copied to the next year; and the year's plan created from the template in the page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.planning import goals, seed, services
from tillsammans.planning.models import ActionPlan, GoalArea, SubGoal, Template
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import (
    AuthorityFactory,
    MembershipFactory,
    PrincipalFactory,
    UnitFactory,
    unit_type,
)

THREE_LEVELS = """7 Mål och insatser
7.1 Familjer erbjuds samordnat stöd
7.1.1 Samordna föräldraskapsstödet
7.1.2 Generellt föräldraskapsstöd 0–18 år
7.2 En stabil plattform för tidig upptäckt
7.2.1 Blivande och nyblivna föräldrar
"""

TWO_LEVELS = """1 Tidigt stöd
1.1 Gemensam kartläggning
1.2 Samordnade insatser
2 Kompetens
2.1 Grundutbildning i FCA
"""


@pytest.fixture
def agreement(world):
    return seed.build_agreement(name="Samverkansavtal FCA", parties=[world["care"], world["social"]],
                                receiver=world["bvc_a"])


def test_three_and_two_levels_are_read_in_the_documents_own_numbering():
    three = goals.parse_goals(THREE_LEVELS)
    assert [(a.chapter_number, a.number, [n for n, _t in a.sub_goals]) for a in three] == [
        ("7", "7.1", ["7.1.1", "7.1.2"]), ("7", "7.2", ["7.2.1"])]
    assert three[0].chapter_title == "Mål och insatser"
    two = goals.parse_goals(TWO_LEVELS)
    assert [(a.chapter_number, a.number, [n for n, _t in a.sub_goals]) for a in two] == [
        ("", "1", ["1.1", "1.2"]), ("", "2", ["2.1"])]
    seed_like = goals.parse_goals("7.1 Familjer\n7.1.1 Samordna\n7.1.2 Generellt")
    assert [(a.number, len(a.sub_goals)) for a in seed_like] == [("7.1", 2)]


@pytest.mark.parametrize("text, fragment", [
    ("Mål utan nummer", "saknar nummer"),
    ("1 Mål\n2.1 Fel delmål", "saknar övergripande mål"),
    ("1 A\n1.1 B\n1.1.1 C\n1.1.1.1 D", "två eller tre nivåer"),
    ("1 A\n1.1 B\n1.1 C", "två gånger"),
])
def test_wrong_numbering_is_refused_with_the_line(text, fragment):
    from django.utils import translation

    with translation.override("sv"), pytest.raises(ValidationError) as error:
        goals.parse_goals(text)
    assert any(fragment in message for message in error.value.messages)


@pytest.mark.django_db
def test_a_coordinator_of_a_party_writes_reorders_and_copies_a_template(agreement, coordinator_client, world):
    response = coordinator_client.post(reverse("planning:template_new"), {
        "agreement": agreement.pk, "year": 2027, "goals": THREE_LEVELS})
    assert response.status_code == 302
    template = Template.objects.get(agreement=agreement, year=2027)
    assert list(template.goal_areas.values_list("chapter_number", "number")) == [("7", "7.1"), ("7", "7.2")]
    page = coordinator_client.get(reverse("planning:template_edit", args=[template.pk])).content.decode()
    assert "7.1.1 Samordna föräldraskapsstödet" in page
    kept = SubGoal.objects.get(goal_area__template=template, number="7.1.1")
    reordered = ("7 Mål och insatser\n7.2 En stabil plattform\n7.2.1 Blivande\n7.1 Familjer\n7.1.2 Generellt\n"
                 "7.1.1 Samordna")
    assert coordinator_client.post(reverse("planning:template_edit", args=[template.pk]),
                                   {"goals": reordered}).status_code == 302
    assert list(GoalArea.objects.filter(template=template).values_list("number", flat=True)) == ["7.2", "7.1"]
    assert list(SubGoal.objects.filter(goal_area__template=template).values_list("number", flat=True)) == [
        "7.2.1", "7.1.2", "7.1.1"]
    assert SubGoal.objects.get(pk=kept.pk).title == "Samordna"  # the same sub-goal, retitled
    response = coordinator_client.post(reverse("planning:template_copy", args=[template.pk]))
    copy = Template.objects.get(agreement=agreement, year=2028)
    assert response.url == reverse("planning:template_edit", args=[copy.pk])
    assert goals.goals_text(copy) == goals.goals_text(template)
    assert coordinator_client.post(reverse("planning:template_copy", args=[template.pk])).status_code == 302
    assert Template.objects.filter(agreement=agreement, year=2028).count() == 1  # not twice
    assert coordinator_client.post(reverse("planning:template_new"), {
        "agreement": agreement.pk, "year": 2030, "goals": TWO_LEVELS}).status_code == 302
    assert Template.objects.get(year=2030).goal_areas.first().chapter_number == ""


@pytest.mark.django_db
def test_a_sub_goal_with_activities_cannot_be_removed(agreement, coordinator_client, world):
    template = seed.build_template(agreement=agreement, year=2027)
    plan = services.plan_create(actor=Actor.for_system("t"), area=world["district_a"], template=template)
    services.activity_add(actor=Actor.for_system("t"), plan=plan, description="Kvar",
                          sub_goal=SubGoal.objects.get(goal_area__template=template, number="7.3.2"))
    text = goals.goals_text(template).replace("\n7.3.2 ", "\n# ")
    response = coordinator_client.post(reverse("planning:template_edit", args=[template.pk]),
                                       {"goals": "\n".join(line for line in text.splitlines()
                                                           if not line.startswith("#"))})
    assert response.status_code == 200
    assert "Delmål 7.3.2 har 1 aktiviteter" in response.content.decode()
    assert SubGoal.objects.filter(goal_area__template=template, number="7.3.2").exists()


@pytest.mark.django_db
def test_who_may_write_templates(agreement, world, manager_client, staff_client, admin_client):
    template = seed.build_template(agreement=agreement, year=2027)
    elsewhere = AuthorityFactory(principal=PrincipalFactory(name="Grannkommunen"), name="Grannkommunens KS")
    not_a_party = client_for(MembershipFactory(role=Role.COORDINATOR, unit=UnitFactory(authority=elsewhere),
                                               areas=[world["district_a"]]))
    receiver = client_for(MembershipFactory(role=Role.RECEIVER, unit=world["bvc_a"]))
    edit = reverse("planning:template_edit", args=[template.pk])
    assert not_a_party.get(edit).status_code == 404
    assert "Samverkansavtal FCA" not in not_a_party.get(reverse("planning:template_list")).content.decode()
    assert not_a_party.post(reverse("planning:template_copy", args=[template.pk])).status_code == 404
    for client in (manager_client, staff_client, admin_client, receiver):
        assert client.get(reverse("planning:template_list")).status_code == 403
        assert client.get(edit).status_code == 403
        assert client.post(reverse("planning:template_copy", args=[template.pk])).status_code == 403
    assert not Template.objects.filter(year=2028).exists()


@pytest.mark.django_db
def test_the_coordinator_creates_the_years_plan_in_the_page(agreement, world, coordinator_client, manager_client,
                                                            staff_client):
    template = seed.build_template(agreement=agreement, year=2027)
    world["social_office"].email = "socialforvaltningen@kommun.exempel.se"
    world["social_office"].unit_type = unit_type("forvaltning")
    world["social_office"].save()
    url = reverse("planning:plan_create")
    assert "Ny handlingsplan" in coordinator_client.get(reverse("planning:plan_list")).content.decode()
    assert manager_client.get(url).status_code == 403
    assert staff_client.get(url).status_code == 403
    # An area outside the coordinator's scope is not a choice.
    response = coordinator_client.post(url, {"area": world["district_b"].pk, "template": template.pk})
    assert response.status_code == 200 and not ActionPlan.objects.exists()
    response = coordinator_client.post(url, {"area": world["district_a"].pk, "template": template.pk})
    plan = ActionPlan.objects.get()
    assert response.url == reverse("planning:plan", args=[plan.pk])
    assert plan.area == world["district_a"] and "Inledning" in plan.sections
    page = coordinator_client.get(response.url).content.decode()
    assert "Lämnas till" in page and "BVC Norra" in page  # the agreement's receiver
    assert "1 december 2026" in page  # the deadline, the year before
    assert "Socialtjänsten Testköping" in page  # the copy
    response = coordinator_client.post(url, {"area": world["district_a"].pk, "template": template.pk})
    assert "har redan en handlingsplan för 2027" in response.content.decode()


@pytest.mark.django_db
def test_system_administrators_edit_funders_and_sub_goals_in_the_admin(agreement, admin_client, coordinator_client):
    template = seed.build_template(agreement=agreement, year=2027)
    area = template.goal_areas.first()
    page = admin_client.get(reverse("admin:planning_agreement_change", args=[agreement.pk])).content.decode()
    assert 'name="funders-0-code"' in page and 'value="HSNG"' in page
    page = admin_client.get(reverse("admin:planning_goalarea_change", args=[area.pk])).content.decode()
    assert 'name="sub_goals-0-number"' in page
    assert coordinator_client.get(reverse("admin:planning_agreement_change", args=[agreement.pk])).status_code == 403
