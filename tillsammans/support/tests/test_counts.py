"""Counts that follow up the action plan: indicators per area and period that match the fixtures,
counted with a fixed number of queries; counts of parents under 5 shown as "<5"; the plan's page
shows the figures of the sub-goals that programmes and materials follow up."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tillsammans.core import indicators
from tillsammans.core.access import Actor
from tillsammans.support import services, services_groups
from tillsammans.support.statistics import Term, followup_by_sub_goal, term_statistics
from tillsammans.support.tests.conftest import at, make_group, sign_up
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(organiser, offer, world):
    """District A: a group of 7 parents (6 complete) and a group of 3; district B: a group of 2 and a
    cancelled one. 25 Pixie books handed out at the BVC in district A."""
    actor = actor_for(organiser)

    def group_with(area, n, present_at_two=None, **extra):
        group = make_group(organiser, offer, area, capacity=20, days=2, length=20, **extra)
        sessions = [services_groups.session_add(actor=actor, group=group, starts_at=at(group.starts_on, 18),
                                                ends_at=at(group.starts_on, 20)),
                    services_groups.session_add(actor=actor, group=group,
                                                starts_at=at(group.starts_on + timedelta(days=7), 18),
                                                ends_at=at(group.starts_on + timedelta(days=7), 20))]
        parents = [sign_up(group, f"{area.pk}-{group.pk}-{i}") for i in range(n)]
        for parent in parents[: present_at_two or 0]:
            for session in sessions:
                services_groups.attendance_set(actor=actor, session=session, participant=parent, present=True)
        return group

    a1 = group_with(world["district_a"], 7, present_at_two=6)
    a2 = group_with(world["district_a"], 3, language="sv")
    b1 = group_with(world["district_b"], 2)
    b2 = group_with(world["district_b"], 4)
    services_groups.group_cancel(actor=actor, group=b2)
    material = services.material_save(actor=actor, name="Pixiböcker", kind="pixie", sub_goal_number="7.2.2")
    services.stock_record(actor=actor, material=material, unit=world["bvc_a"], kind="received", quantity=40)
    services.stock_record(actor=actor, material=material, unit=world["bvc_a"], kind="handed_out", quantity=25)
    return {"a1": a1, "a2": a2, "b1": b1}


def _period():
    today = timezone.localdate()
    return today - timedelta(days=1), today + timedelta(days=60)


def test_indicators_count_what_the_fixtures_hold_with_a_fixed_number_of_queries(counted, world):
    start, end = _period()
    areas = [world["town"].pk, world["district_a"].pk, world["district_b"].pk]
    with CaptureQueriesContext(connection) as queries:
        groups = indicators.get("support.parent_groups").compute(start, end, areas)
        people = indicators.get("support.group_participants").compute(start, end, areas)
        done = indicators.get("support.group_completion").compute(start, end, areas)
        handed = indicators.get("support.materials_handed_out").compute(start, end, areas)
    assert len(queries) == 7  # the area tree and one grouped count each (three use the tree)
    assert {k: v.value for k, v in groups.items()} == {world["town"].pk: 3, world["district_a"].pk: 2,
                                                       world["district_b"].pk: 1}
    assert {k: (v.value, v.n) for k, v in people.items()} == {
        world["town"].pk: (12, 12), world["district_a"].pk: (10, 10), world["district_b"].pk: (2, 2)}
    assert done[world["district_a"].pk].value == Decimal("60") and done[world["district_a"].pk].n == 10
    assert done[world["district_b"].pk].value == Decimal("0")
    assert {k: v.value for k, v in handed.items()} == {world["town"].pk: 25, world["district_a"].pk: 25}


def test_the_counts_page_shows_small_counts_as_under_five(counted, organiser, world):
    term = Term.of(timezone.localdate() + timedelta(days=2))
    stats = term_statistics(term, [world["district_a"], world["district_b"]])
    a, b = stats.people.row_totals[world["district_a"].pk], stats.people.row_totals[world["district_b"].pk]
    assert (a.value, b.value, str(b)) == (10, 2, "<5")
    assert a.suppressed or stats.people.total.suppressed  # the total never gives B away
    html = client_for(organiser).get(reverse("support:statistics"), {"termin": term.code}).content.decode()
    assert "&lt;5" in html and "Norra" in html and "Södra" in html


def test_the_action_plans_follow_up_shows_the_programmes_and_materials_of_its_sub_goals(counted, world):
    from tillsammans.planning import seed
    from tillsammans.planning import services as plan_services

    year = (timezone.localdate() + timedelta(days=2)).year
    result = followup_by_sub_goal(["7.1.1", "7.2.2", "7.3.1"], area=world["district_a"], year=year)
    assert [(row.label, row.figures) for row in result["7.1.1"]] == [
        ("ABC", [("grupper", "2"), ("föräldrar med plats", "10"), ("fullföljt", "6")])]
    assert [(row.label, row.figures) for row in result["7.2.2"]] == [("Pixiböcker", [("utdelade", "25")])]
    in_b = followup_by_sub_goal(["7.1.1"], area=world["district_b"], year=year)
    assert in_b["7.1.1"][0].figures == [("grupper", "1"), ("föräldrar med plats", "<5"), ("fullföljt", "<5")]
    agreement = seed.build_agreement(name="Samverkansavtal FCA", parties=[world["social"]], receiver=world["bvc_a"])
    template = seed.build_template(agreement=agreement, year=year)
    plan = plan_services.plan_create(actor=Actor.for_system("test"), area=world["district_a"], template=template)
    from tillsammans.accounts.roles import Role
    from tillsammans.testing.factories import MembershipFactory

    coordinator = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                                               areas=[world["district_a"]]))
    html = coordinator.get(reverse("planning:plan", args=[plan.pk])).content.decode()
    assert "Föräldraskapsstöd för delmålen" in html
    assert "7.1.1 ABC: 2 grupper, 10 föräldrar med plats, 6 fullföljt" in html
    assert "7.2.2 Pixiböcker: 25 utdelade" in html


def test_terms_run_from_january_and_july():
    assert Term.of(date(2025, 3, 1)).code == "vt2025"
    assert (Term.parse("ht2024").start, Term.parse("ht2024").end) == (date(2024, 7, 1), date(2025, 1, 1))
    assert [t.code for t in Term.parse("vt2025").previous(3)] == ["vt2025", "ht2024", "vt2024"]
    assert Term.parse("xx") is None
