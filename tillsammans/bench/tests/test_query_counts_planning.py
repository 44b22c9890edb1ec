"""The action plan's page keeps its query counts when the plan and the region grow: more activities
with responsible units, posts, budget lines, comments, approvals and changes in the plan, more plans
and units around it. Counted rebuilt (``page_queries``: the cached part built again, what the page
costs after any change) and read from the cache (between changes), for the coordinator who runs the
plan and for a manager who approves it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.bench import scale
from tillsammans.core.access import Actor
from tillsammans.planning import entries, services, workflow
from tillsammans.planning.models import SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import AreaFactory, MembershipFactory
from tillsammans.testing.queries import page_queries

SYSTEM = Actor.for_system("test")


def _as(membership) -> Actor:
    return Actor(user=membership.user, membership=membership, verified=True)


# What a read between changes may touch: the session and the acting membership, the plan, and what
# the viewer may do with it (a coordinator's areas, whether a manager's party has approved).
BETWEEN_CHANGES = {"django_session", "accounts_membership", "otp_totp_totpdevice", "planning_actionplan",
                   "organisations_area", "organisations_authority", "planning_approval"}


def _hot(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    read = {match for query in captured.captured_queries
            for match in re.findall(r'FROM "(\w+)"', query["sql"])}
    assert read <= BETWEEN_CHANGES, read - BETWEEN_CHANGES
    return len(captured)


def _fill(action_plan, world, n: int, commenter) -> None:
    """``n`` more of everything the plan's page lists."""
    subs = list(SubGoal.objects.filter(goal_area__template=action_plan.template))
    funders = list(action_plan.template.agreement.funders.all())
    for i in range(n):
        services.activity_add(actor=SYSTEM, plan=action_plan, sub_goal=subs[i % len(subs)], description=f"Insats {i}",
                              responsible_units=[world["bvc_a"], world["social_office"]],
                              expected_effect="Fler familjer nås")
        entries.post_add(actor=SYSTEM, plan=action_plan, role=f"Tjänst {i}", fte_percent=10,
                         employer_unit=world["social_office"])
        line = entries.line_add(actor=SYSTEM, plan=action_plan, name=f"Post {i}", under_cofinancing=True,
                                fte=Decimal("0.1"))
        for funder in funders:
            services.budget_set(actor=SYSTEM, line=line, funder=funder, tkr=str(10 + i))
        if action_plan.status == "review":
            services.comment_add(actor=commenter, plan=action_plan, section="Budget", text=f"Synpunkt {i}")


@pytest.mark.django_db
def test_the_action_plan_page_keeps_its_query_counts_as_the_plan_and_region_grow(plan, world,  # noqa: F811
                                                                                 coordinator_client,
                                                                                 coordinator_membership):
    social = MembershipFactory(role=Role.MANAGER, unit=world["social_office"])
    care = MembershipFactory(role=Role.MANAGER, unit=world["bvc_a"])
    # A second plan in review, in another area, that the managers approve and comment on.
    in_review = services.plan_create(actor=SYSTEM, area=world["district_b"], template=plan.template)
    workflow.send_for_review(actor=SYSTEM, plan=in_review)
    workflow.approve(actor=_as(care), plan=in_review)  # one party of two: the other still to approve
    pages = [(coordinator_client, reverse("planning:plan", args=[plan.pk])),
             (client_for(social), reverse("planning:plan", args=[in_review.pk])),
             (client_for(care), reverse("planning:plan", args=[in_review.pk]))]

    def measure() -> list[tuple[int, int]]:
        return [(page_queries(client, url), _hot(client, url)) for client, url in pages]

    for each in (plan, in_review):
        _fill(each, world, 3, _as(social))
    small = measure()
    for each in (plan, in_review):
        _fill(each, world, 30, _as(social))
    for i in range(4):  # more plans of the same year in more areas
        other = services.plan_create(actor=SYSTEM, area=AreaFactory(name=f"Område {i}", parent=world["town"]),
                                     template=plan.template)
        _fill(other, world, 5, _as(social))
    scale.add_units([world["school_board"].pk], 40)
    large = measure()
    assert large == small
    assert all(hot < rebuilt for rebuilt, hot in small)
