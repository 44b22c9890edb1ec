"""Action plans: the seed's structure and budget, computed totals, checks with figures, one plan per
area and year, and submission blocked by missing responsible parties or effects."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tillsammans.core.access import Actor
from tillsammans.planning import goals, history, seed, services, workflow
from tillsammans.planning.models import BudgetLine, Funder, Post, SubGoal

ACTOR = Actor.for_system("test")


@pytest.fixture
def plan(world):
    agreement = seed.build_agreement(name="Samverkansavtal FCA", parties=[world["care"], world["social"]],
                                     receiver=world["bvc_a"])
    template = seed.build_template(agreement=agreement, year=2024)
    plan = services.plan_create(actor=ACTOR, area=world["district_a"], template=template)
    funders = {f.code: f for f in agreement.funders.all()}
    for order, (name, covered, fte, amounts) in enumerate(seed.BUDGET):
        line = BudgetLine.objects.create(plan=plan, name=name, under_cofinancing=covered, order=order,
                                         fte=Decimal(fte) if fte else None)
        for code, tkr in amounts.items():
            services.budget_set(actor=ACTOR, line=line, funder=funders[code], tkr=tkr)
    for role, percent in (("Koordinator", 100), ("Koordinator", 100), ("Koordinator", 85), ("Koordinator", 65)):
        Post.objects.create(plan=plan, role=role, employer=world["social"], fte_percent=percent)
    return plan


@pytest.mark.django_db
def test_the_seed_structure_and_totals_are_computed(plan):
    assert plan.template.goal_areas.count() == 3
    assert list(SubGoal.objects.filter(goal_area__template=plan.template).values_list("number", flat=True)) == [
        "7.1.1", "7.1.2", "7.1.3", "7.1.4", "7.2.1", "7.2.2", "7.2.3", "7.2.4", "7.3.1", "7.3.2"]
    table = services.budget_table(plan)
    assert dict(zip([f.code for f in table.funders], table.funder_totals, strict=True)) == seed.TOTALS
    assert table.total == 4196
    assert [total for _line, _values, total in table.rows] == [3590, 260, 346]


@pytest.mark.django_db
def test_the_cofinancing_check_reports_the_figures(plan):
    results = {c.code: c for c in services.checks(plan)}
    cofinancing = results["cofinancing"]
    assert not cofinancing.ok
    assert cofinancing.figures == {"region": 1250, "municipality": 2340, "expected": 1795}
    # Swedish figures: a narrow no-break space between thousands
    assert all(f"{n[0]}\u202f{n[1:]}" in cofinancing.message for n in ("1250", "2340", "1795"))
    assert results["fte"].ok  # 3.5 budgeted = 100 + 100 + 85 + 65 %
    assert results["unfunded"].ok


@pytest.mark.django_db
def test_amounts_are_whole_non_negative_thousands(plan):
    line = plan.budget_lines.first()
    funder = Funder.objects.get(code="GSN")
    for bad in ("-5", "12,5", "mycket"):
        with pytest.raises(ValidationError):
            services.budget_set(actor=ACTOR, line=line, funder=funder, tkr=bad)
    assert services.budget_table(plan).total == 4196


@pytest.mark.django_db
def test_a_second_plan_for_the_same_area_and_year_is_refused(plan, world):
    with pytest.raises(ValidationError) as error:
        services.plan_create(actor=ACTOR, area=world["district_a"], template=plan.template)
    assert "area" in error.value.message_dict


@pytest.mark.django_db
def test_submission_lists_what_is_missing_and_needs_a_comment_on_broken_checks(plan, world):
    sub_goal = SubGoal.objects.get(number="7.1.1", goal_area__template=plan.template)
    activity = services.activity_add(actor=ACTOR, plan=plan, sub_goal=sub_goal, description="Samordna ABC lokalt",
                                     target_group="Föräldrar till barn 3–12 år")
    for status in ("review", "approved"):
        workflow.plan_transition(actor=ACTOR, plan=plan, to=status)
    with pytest.raises(ValidationError) as error:
        workflow.plan_transition(actor=ACTOR, plan=plan, to="submitted")
    messages = " ".join(error.value.messages)
    assert "7.1.1" in messages and "ansvarig" in messages and "förväntad effekt" in messages
    activity.responsible_units.set([world["social_office"]])
    activity.expected_effect = "Fler föräldrar deltar i ABC."
    activity.save()
    with pytest.raises(ValidationError) as error:
        workflow.plan_transition(actor=ACTOR, plan=plan, to="submitted")
    assert "comment" in error.value.message_dict
    workflow.plan_transition(actor=ACTOR, plan=plan, to="submitted",
                             comment="Regionens andel höjs efter beslut i HSNG i december.")
    assert plan.status == "submitted" and plan.submitted_at


@pytest.mark.django_db
def test_next_years_template_is_a_copy(plan):
    new = goals.template_copy(actor=ACTOR, template=plan.template, year=2025)
    assert new.goal_areas.count() == 3
    assert SubGoal.objects.filter(goal_area__template=new).count() == 10


@pytest.mark.django_db
def test_unfinished_activities_carry_over_and_years_can_be_compared(plan, world):
    sub_goal = SubGoal.objects.get(goal_area__template=plan.template, number="7.1.2")
    done = services.activity_add(actor=ACTOR, plan=plan, sub_goal=sub_goal, description="Klar aktivitet")
    done.status = "done"
    done.save()
    services.activity_add(actor=ACTOR, plan=plan, sub_goal=sub_goal, description="Pågående aktivitet",
                          responsible_units=[world["social_office"]])
    next_template = goals.template_copy(actor=ACTOR, template=plan.template, year=2025)
    next_plan = services.plan_create(actor=ACTOR, area=plan.area, template=next_template)
    assert services.carry_over(actor=ACTOR, plan=plan, to_plan=next_plan) == 1
    carried = next_plan.activities.get()
    assert carried.description == "Pågående aktivitet" and carried.sub_goal.number == "7.1.2"
    assert list(carried.responsible_units.all()) == [world["social_office"]]
    diff = services.year_diff(plan, next_plan)
    assert diff == {"added": [], "removed": ["7.1.2 Klar aktivitet"]}


@pytest.mark.django_db
def test_submission_notifies_and_a_change_after_submission_is_a_new_version(plan, world,  # noqa: F811
                                                                            django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    world["bvc_a"].email = "mottagning@region.exempel.se"
    world["bvc_a"].save()
    sub_goal = SubGoal.objects.get(goal_area__template=plan.template, number="7.1.1")
    services.activity_add(actor=ACTOR, plan=plan, sub_goal=sub_goal, description="ABC", responsible_text="K",
                          expected_effect="Fler föräldrar")
    with django_capture_on_commit_callbacks(execute=True):
        for status in ("review", "approved"):
            workflow.plan_transition(actor=ACTOR, plan=plan, to=status)
        workflow.plan_transition(actor=ACTOR, plan=plan, to="submitted", comment="Justeras.")
    assert [t.args_kwargs["kwargs"]["to"] for t in DBTaskResult.objects.all()] == [["mottagning@region.exempel.se"]]
    workflow.plan_transition(actor=ACTOR, plan=plan, to="draft", comment="Effekten skrivs om efter dialog.")
    activity = plan.activities.get()
    activity.expected_effect = "Fler föräldrar deltar i ABC"
    activity.save()
    for status in ("review", "approved"):
        workflow.plan_transition(actor=ACTOR, plan=plan, to=status)
    workflow.plan_transition(actor=ACTOR, plan=plan, to="submitted", comment="Justeras.")
    versions = history.version_diff(plan)
    assert [v for v, _changes in versions] == [2, 1]
    assert ("+", "7.1.1 ABC – Fler föräldrar deltar i ABC") in versions[0][1]
    assert ("-", "7.1.1 ABC – Fler föräldrar") in versions[0][1]
