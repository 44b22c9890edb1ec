"""The parenting-support pages keep their query counts when the catalogue grows from a handful of
offers to a full page and beyond (scale_capabilities.add_support_offers, the bulk path of generate-scale)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tillsammans.bench import scale_capabilities
from tillsammans.support.tests.conftest import (  # noqa: F401 - the fixtures are used by name
    ARABIC,
    ENGLISH,
    abc,
    add_sessions,
    make_group,
    make_offer,
    organiser,
    sign_up,
)
from tillsammans.testing.clients import client_for
from tillsammans.testing.queries import page_queries


@pytest.mark.django_db
def test_support_pages_keep_their_query_counts_at_3_and_at_30_offers(world, organiser, abc):  # noqa: F811
    offers = [make_offer(organiser, world, programme=abc, texts=[("en", ENGLISH), ("ar", ARABIC)],
                         spoken=("sv", "en")) for _ in range(3)]
    group = make_group(organiser, offers[0], world["district_a"], capacity=20)
    add_sessions(organiser, group)
    for n in range(3):
        sign_up(group, n)
    coordinator, visitor = client_for(organiser), Client()
    pages = [
        (visitor, reverse("support_public:catalogue"), None),
        (visitor, reverse("support_public:catalogue"), {"sprak": "ar", "age": "3-5", "language": "en"}),
        (visitor, reverse("support_public:catalogue"), {"address": "411 38", "q": "föräldr"}),
        (visitor, reverse("support_public:offer", args=[offers[0].pk]), {"sprak": "en"}),
        (coordinator, reverse("support_public:catalogue"), None),
        (coordinator, reverse("support_public:offer", args=[offers[0].pk]), None),
        (coordinator, reverse("support:offer_list"), None),
        (coordinator, reverse("support:group_list"), {"alla": "1"}),
        (coordinator, reverse("support:group", args=[group.pk]), None),
        (coordinator, reverse("support:statistics"), None),
    ]
    small = [page_queries(client, path, params) for client, path, params in pages]
    scale_capabilities.add_support_offers(30, unit_ids=[world["bvc_a"].pk, world["preschool_a"].pk],
                             area_ids=[world["district_a"].pk, world["district_b"].pk])
    for n in range(3, 30):
        sign_up(group, n)
    large = [page_queries(client, path, params) for client, path, params in pages]
    assert large == small, list(zip([p for _, p, _ in pages], small, large, strict=True))
