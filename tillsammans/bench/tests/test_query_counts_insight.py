"""Insight pages ask the database the same number of times at two sizes: the dashboard, an
indicator's trends, a survey's results, the mapping's list, matrix and graph (grown through the
bulk paths of ``generate-scale``)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.bench import scale_capabilities
from tillsammans.insight import services_mapping
from tillsammans.insight.models import Indicator, Survey
from tillsammans.organisations.models import Area, AreaKind
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import AreaFactory, MembershipFactory, UnitFactory
from tillsammans.testing.queries import page_queries
from tillsammans.testing.sip import actor_for


@pytest.fixture
def leader(world):
    return MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["town"]])




def grow(world, leader, *, municipalities: int, responses: int, forms: int) -> None:
    for number in range(municipalities):
        AreaFactory(name=f"Kommun {Area.objects.count()}-{number}", kind=AreaKind.MUNICIPALITY)
    areas = list(Area.objects.filter(kind__in=["county", "municipality", "district"]).values_list("pk", flat=True))
    scale_capabilities.add_insight(areas, years=4, responses=responses, owner_id=leader.pk)
    for number in range(forms):
        units = [UnitFactory(authority=world["school_board"]), world["bvc_a"]]
        services_mapping.form_create(actor=actor_for(leader), name=f"Familjecentral {number}-{Area.objects.count()}",
                                     kind="family_centre", units=units, areas=[world["district_a"]])


def measure(world, leader) -> dict[str, int]:
    staff = client_for(MembershipFactory(role=Role.STAFF, unit=world["bvc_a"]))
    client = client_for(leader)
    survey = Survey.objects.order_by("pk").first()
    indicator = Indicator.objects.order_by("pk").first()
    return {
        "dashboard": page_queries(staff, reverse("insight:dashboard")),
        "dashboard, municipality": page_queries(staff, reverse("insight:dashboard_area", args=[world["town"].pk])),
        "indicator": page_queries(staff, reverse("insight:indicator", args=[indicator.pk])),
        "indicator, coordinator": page_queries(client, reverse("insight:indicator", args=[indicator.pk]),
                                               {"omrade": world["town"].pk}),
        "survey results": page_queries(client, reverse("insight:survey_results", args=[survey.pk])),
        "survey list": page_queries(client, reverse("insight:survey_list")),
        "mapping": page_queries(staff, reverse("insight:mapping")),
        "mapping matrix": page_queries(staff, reverse("insight:mapping_matrix")),
        "mapping graph": page_queries(staff, reverse("insight:mapping_network")),
    }


@pytest.mark.django_db
def test_insight_pages_do_not_grow_their_query_counts(world, leader):
    grow(world, leader, municipalities=1, responses=10, forms=2)
    small = measure(world, leader)
    grow(world, leader, municipalities=5, responses=400, forms=12)
    assert measure(world, leader) == small
