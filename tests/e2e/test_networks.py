"""Journeys 1 and 2 in a real browser: plan a term for a network and record minutes; the guard
stops an identity number with a friendly explanation; axe-core finds no violations."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, login
from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.core.identity import display, fictional_number
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


def test_plan_a_term_and_record_minutes(page, live_server, setup):
    coordinator, device, network = setup
    login(page, live_server, coordinator, device)
    page.goto(f"{live_server.url}/natverk/{network.pk}/")
    expect(page.get_by_role("status").first).to_contain_text("har inget möte")
    page.get_by_role("button", name="Planera").click()
    expect(page.get_by_text("möten har bokats")).to_be_visible()
    page.get_by_role("link", name=str(date.today().year)).first.click()
    page.get_by_label("Skolfrånvaro").check()
    number = display(fictional_number(date(2018, 8, 8), 6))
    page.get_by_label("Minnesanteckningar").fill(f"Vi pratade om {number}.")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#error-summary")).to_contain_text("allmänna termer")
    page.get_by_label("Minnesanteckningar").fill("En familj med tre barn i förskoleålder behöver stöd med boendet.")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Minnesanteckningarna har sparats")).to_be_visible()


def test_no_axe_violations_on_network_pages(axe_page, live_server, setup, world):
    coordinator, device, network = setup
    page = axe_page
    login(page, live_server, coordinator, device)
    problems = {}
    meeting = scheduling.plan_term(actor=Actor(user=coordinator.user, membership=coordinator, verified=True),
                                 network=network, term=Term("HT", 2030, date(2030, 8, 19), date(2030, 12, 18)))
    for path in ["/natverk/", f"/natverk/{network.pk}/", f"/natverk/nytt/?area={world['district_a'].pk}&unit_types=bvc",
                 f"/natverk/moten/{meeting[0].pk}/", f"/natverk/moten/{meeting[0].pk}/atgarder/",
                 "/natverk/kalender/", f"/natverk/kalender/omrade/{world['district_a'].pk}/"]:
        page.goto(f"{live_server.url}{path}")
        if violations := axe_violations(page):
            problems[path] = [(v["id"], v["nodes"][0]) for v in violations]
    assert problems == {}
