"""The receiver's year keeps its states and activities as a cached part (ADR 0026), keyed by what
the viewer sees of the plans: served between changes, rebuilt when a plan moves on, and a plan's link
only for those who may read it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.planning import services
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture
from tillsammans.planning.tests.test_year import ACTOR, _submitted
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _get(client, params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("planning:overview"), params)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_year_is_cached_per_what_the_viewer_sees_and_moves_with_the_plans(plan, world):  # noqa: F811
    other = services.plan_create(actor=ACTOR, area=world["district_b"], template=plan.template)
    year = {"year": 2024}
    north_link = reverse("planning:plan", args=[plan.pk])
    south_link = reverse("planning:plan", args=[other.pk])
    receiver = client_for(MembershipFactory(role=Role.RECEIVER, unit=world["bvc_a"]))
    second_receiver = client_for(MembershipFactory(role=Role.RECEIVER, unit=world["bvc_a"]))
    north = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                                         areas=[world["district_a"]]))
    south = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                                         areas=[world["district_b"]]))
    manager = client_for(MembershipFactory(role=Role.MANAGER, unit=world["social_office"]))
    built, page = _get(receiver, year)
    cached, page = _get(second_receiver, year)
    assert cached < built and "Norra" in page and north_link not in page and south_link not in page
    for _ in range(2):
        page = _get(north, year)[1]
        assert north_link in page and south_link not in page
        page = _get(south, year)[1]
        assert south_link in page and north_link not in page
        page = _get(manager, year)[1]
        assert north_link in page and south_link in page
        assert north_link not in _get(receiver, year)[1]
    # The plan is submitted through the workflow: the receivers see it at once, with its activity.
    _submitted(plan)
    page = _get(second_receiver, year)[1]
    assert north_link in page and south_link not in page and "Öppen förskola i Norra" in page
    assert south_link not in _get(north, year)[1]
