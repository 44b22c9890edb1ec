"""axe-core finds no violations on the network pages at 1 280 and 390 px, and none scrolls sideways
on a phone (the journeys are in test_network_journeys)."""

from datetime import date

import pytest

from tests.e2e.conftest import axe_violations, login
from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.networks import scheduling, services
from tillsammans.networks.planner import Term
from tillsammans.testing.factories import MembershipFactory, totp_device


@pytest.fixture
def setup(transactional_db, world):
    from tillsammans.networks.migrations_data import ensure_themes

    ensure_themes()
    coordinator = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_a"]])
    nurse = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"])
    network = services.network_create(
        actor=Actor(user=coordinator.user, membership=coordinator, verified=True), name="Barnhälsonätverk Norra",
        kind="child_health", area=world["district_a"], convener=coordinator, members=[(world["bvc_a"], nurse, None)])
    return coordinator, totp_device(coordinator.user), network


def test_no_axe_violations_on_network_pages(axe_page, live_server, setup, world):
    coordinator, device, network = setup
    page = axe_page
    login(page, live_server, coordinator, device)
    problems = {}
    world["social_office"].served_areas.add(world["district_a"])  # a unit serving the area, drawn hollow
    meeting = scheduling.plan_term(actor=Actor(user=coordinator.user, membership=coordinator, verified=True),
                                 network=network, term=Term("HT", 2030, date(2030, 8, 19), date(2030, 12, 18)))
    for path in ["/natverk/", f"/natverk/{network.pk}/", f"/natverk/nytt/?area={world['district_a'].pk}&unit_types=bvc",
                 f"/natverk/moten/{meeting[0].pk}/", f"/natverk/moten/{meeting[0].pk}/atgarder/",
                 f"/natverk/moten/{meeting[0].pk}/flytta/", f"/natverk/moten/{meeting[0].pk}/stall-in/",
                 f"/natverk/{network.pk}/planera-termin/",
                 f"/natverk/nytt/?area={world['district_a'].pk}&unit_types=bvc&unit_types=socialtjanst",
                 "/natverk/kalender/", f"/natverk/kalender/omrade/{world['district_a'].pk}/"]:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}{path}")
            if violations := axe_violations(page):
                problems[(path, width)] = [(v["id"], v["nodes"][0]) for v in violations]
            scroll = page.evaluate("() => document.documentElement.scrollWidth")
            if scroll > width:
                problems[(path, width, "scrollWidth")] = scroll
    assert problems == {}
