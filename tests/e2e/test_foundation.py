"""A coordinator logs in with the second factor, opens the area map and the directory; axe-core
finds no WCAG 2.1 A/AA violations on the foundation's pages."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, login
from tillsammans.accounts.roles import Role
from tillsammans.testing.factories import ContactFactory, MembershipFactory, totp_device


@pytest.fixture
def coordinator(transactional_db, world):
    membership = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                                   areas=[world["district_a"]], function="FCA-koordinator")
    return membership, totp_device(membership.user)


def test_coordinator_logs_in_with_totp_and_finds_the_map_and_a_person(page, live_server,
                                                                      coordinator, world):
    membership, device = coordinator
    ContactFactory(unit=world["preschool_b"], name="Örjan Ängsmark", role_title="Specialpedagog")
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Hoppa till huvudinnehållet"
    login(page, live_server, membership, device)
    assert page.get_by_role("heading", name="Min översikt").is_visible()

    page.get_by_role("link", name="Områden", exact=True).click()
    page.get_by_role("link", name="Norra", exact=True).first.click()
    assert page.locator("svg.map circle.unit").count() >= 2
    assert page.get_by_role("link", name="BVC Norra", exact=True).first.is_visible()

    page.get_by_role("link", name="Vem gör vad").click()
    page.get_by_label("Sök enhet, person eller funktion").fill("ängsmark")
    page.get_by_label("Sök enhet, person eller funktion").press("Enter")
    results = page.locator("#directory-results")
    expect(results).not_to_contain_text("Förskolan Ekorren")
    expect(results).to_contain_text("Örjan Ängsmark")
    assert page.get_by_text("Förskolan Älgen").first.is_visible()


def test_live_search_updates_results_in_place(page, live_server, coordinator, world):
    membership, device = coordinator
    login(page, live_server, membership, device)
    page.goto(f"{live_server.url}{reverse('organisations:directory')}")
    page.get_by_label("Sök enhet, person eller funktion").type("älg", delay=30)
    expect(page.locator("#directory-results")).not_to_contain_text("Förskolan Ekorren")
    assert "Förskolan Älgen" in page.locator("#directory-results").inner_text()


def test_no_axe_violations_on_the_foundation_pages(axe_page, live_server, world, transactional_db):
    page = axe_page
    admin = MembershipFactory(role=Role.SYSTEM_ADMIN, unit=world["social_office"])
    admin_device = totp_device(admin.user)
    problems = {}

    def check(path):
        page.goto(f"{live_server.url}{path}")
        violations = axe_violations(page)
        if violations:
            problems[path] = violations

    check(reverse("accounts:login"))
    check(reverse("core:accessibility"))
    check(reverse("core:privacy"))
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.get_by_label("Användarnamn eller e-post").fill("ingen")
    page.get_by_label("Lösenord").fill("fel")
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_selector("#error-summary")
    if violations := axe_violations(page):
        problems["login with errors"] = violations
    login(page, live_server, admin, admin_device)
    for path in [
        reverse("core:home"), reverse("accounts:choose_role"),
        reverse("organisations:directory") + "?q=f%C3%B6rskola",
        reverse("organisations:unit_list"),
        reverse("organisations:unit_detail", args=[world["bvc_a"].pk]),
        reverse("organisations:area_list"),
        reverse("organisations:area_detail", args=[world["district_a"].pk]),
        reverse("organisations:principal_list"),
        reverse("organisations:principal_detail", args=[world["municipality"].pk]),
        reverse("organisations:unit_create"), reverse("organisations:unit_import"),
        reverse("organisations:area_edit", args=[world["district_a"].pk]),
    ]:
        check(path)
    page.goto(f"{live_server.url}{reverse('organisations:unit_create')}")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector("#error-summary")
    if violations := axe_violations(page):
        problems["unit form with errors"] = violations
    summary = {path: [(v['id'], v['nodes'][0]) for v in found] for path, found in problems.items()}
    assert summary == {}
