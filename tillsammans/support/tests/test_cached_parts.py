"""The parent groups' list and an offer's public page keep their shared part as a cached fragment
(ADR 0026): served between changes, rebuilt when a parent signs up or cancels, keyed by what the
viewer sees (a coordinator's own areas, a professional's links, the visitor's language) – and never
with a parent's name or contact in it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.support import services
from tillsammans.support.tests.conftest import make_group, sign_up
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for

pytestmark = pytest.mark.django_db


def _get(client, url, params=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return len(captured), response.content.decode()


def test_the_group_list_is_cached_per_scope_and_counts_places_without_names(organiser, offer, world, client):
    north = make_group(organiser, offer, world["district_a"], name="ABC Norra, tisdagar")
    south = make_group(organiser, offer, world["district_b"], name="ABC Södra, torsdagar")
    parent = sign_up(north, 1)
    url = reverse("support:group_list")
    north_coordinator = client_for(organiser)
    south_coordinator = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["preschool_b"],
                                                     areas=[world["district_b"]]))
    nurse = client_for(MembershipFactory(role=Role.STAFF, unit=world["bvc_a"]))
    built, page = _get(nurse, url)
    cached, page = _get(nurse, url)
    assert cached < built and north.name in page and south.name in page and "1 / 2" in page
    for _ in range(2):
        page = _get(north_coordinator, url)[1]
        assert north.name in page and south.name not in page and "Alla områden" in page
        page = _get(south_coordinator, url)[1]
        assert south.name in page and north.name not in page
        page = _get(south_coordinator, url, {"alla": "1"})[1]
        assert south.name in page and north.name in page and "Bara mina områden" in page
        page = _get(nurse, url)[1]
        assert north.name in page and south.name in page and "Bara mina områden" not in page
        assert "Ny föräldragrupp" not in page  # the nurse may not create groups
        assert "Ny föräldragrupp" in _get(north_coordinator, url)[1]
    for shown in (_get(nurse, url)[1], _get(north_coordinator, url, {"alla": "1"})[1]):
        assert parent.name not in shown and parent.email not in shown
    # The parent cancels by the link in their e-mail: the place is free at once in every list.
    assert client.post(reverse("support_public:cancel", args=[parent.token])).status_code == 200
    assert "0 / 2" in _get(nurse, url)[1]
    sign_up(south, 2)
    assert "1 / 2" in _get(south_coordinator, url)[1]


def test_the_offer_page_is_cached_per_language_and_viewer_and_moves_with_sign_ups(organiser, offer, world, client):
    group = make_group(organiser, offer, world["district_a"], capacity=2)
    url = reverse("support_public:offer", args=[offer.pk])
    built, page = _get(client, url)
    cached, page = _get(client, url)
    assert cached < built and "ABC – Alla Barn i Centrum" in page and "2 platser kvar" in page
    assert "ABC parent group" in _get(Client(), url, {"sprak": "en"})[1]
    nurse = client_for(MembershipFactory(role=Role.STAFF, unit=world["preschool_a"]))
    owner = client_for(organiser)
    send = f'href="{reverse("support:offer_send", args=[offer.pk])}"'
    manage = f'href="{reverse("support:offer", args=[offer.pk])}"'
    for _ in range(2):
        page = _get(client, url)[1]
        assert send not in page and manage not in page
        page = _get(nurse, url)[1]
        assert send in page and manage not in page
        page = _get(owner, url)[1]
        assert send in page and manage in page
    parent = sign_up(group, 1)
    page = _get(client, url)[1]
    assert "1 plats kvar" in page and parent.name not in page
    # Taken out of the public catalogue: visitors no longer find it, professionals still do.
    services.offer_publish(actor=actor_for(organiser), offer=offer, published=False)
    assert client.get(url).status_code == 404
    assert _get(nurse, url)[1]
