"""An indicator's page keeps its trends, figures and targets as a cached part (ADR 0026): served
between changes, rebuilt after a value is entered or removed in the pages, and the remove buttons
(with the reader's own CSRF token) only for the coordinators whose areas hold the value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.insight import services_indicators
from tillsammans.insight.tests.test_indicators import SYSTEM, make
from tillsammans.testing.clients import client_for
from tillsammans.testing.csrf import form_token
from tillsammans.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _get(client, url, params=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_indicator_page_is_cached_and_shows_each_coordinator_only_their_own_controls(world, leader):
    indicator = make()
    north = services_indicators.value_set(actor=SYSTEM, indicator=indicator, area=world["district_a"], year=2025,
                                          value=Decimal(90))
    south = services_indicators.value_set(actor=SYSTEM, indicator=indicator, area=world["district_b"], year=2025,
                                          value=Decimal("80.5"))
    url, params = reverse("insight:indicator", args=[indicator.pk]), {"omrade": world["town"].pk}
    remove_north = reverse("insight:value_remove", args=[north.pk])
    remove_south = reverse("insight:value_remove", args=[south.pk])
    staff = client_for(MembershipFactory(role=Role.STAFF, unit=world["preschool_a"]))
    whole = client_for(leader)  # coordinator of the whole town
    southern = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["preschool_b"],
                                            areas=[world["district_b"]]))
    for client in (whole, southern):
        client.handler.enforce_csrf_checks = True
    built, page = _get(staff, url, params)
    cached, page = _get(staff, url, params)
    assert cached < built and "90,0" in page and "80,5" in page
    for _ in range(2):
        page = _get(staff, url, params)[1]
        assert remove_north not in page and remove_south not in page and "Mata in ett värde" not in page
        page = _get(whole, url, params)[1]
        assert remove_north in page and remove_south in page and "Sätt ett mål" in page
        page = _get(southern, url, params)[1]
        assert remove_north not in page and remove_south in page
    # The southern coordinator removes their value in the page, with the token the cached part was given.
    token = form_token(page, remove_south)
    assert token != form_token(_get(whole, url, params)[1], remove_south)
    assert southern.post(remove_south, {"csrfmiddlewaretoken": token}).status_code == 302
    page = _get(staff, url, params)[1]
    assert "80,5" not in page and "90,0" in page
    # A value entered in the page shows at once.
    entered = whole.post(reverse("insight:value_add", args=[indicator.pk]), {
        "area": world["district_b"].pk, "year": 2025, "value": "77,5",
        "csrfmiddlewaretoken": form_token(_get(whole, url, params)[1], remove_north)})
    assert entered.status_code == 302
    assert "77,5" in _get(staff, url, params)[1]
