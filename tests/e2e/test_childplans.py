"""Journey 6 and 7 in a real browser: open a SIP with consent, add an intervention, rate
wellbeing twice and see the radar, withdraw one organisation's consent and see its participant
lose access. axe-core finds no violations on these pages."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, login
from tillsammans.accounts.roles import Role
from tillsammans.childplans import services
from tillsammans.childplans.models import CoordinatedPlan
from tillsammans.core.identity import display, fictional_number
from tillsammans.testing.factories import MembershipFactory, totp_device

WELLBEING = ["Trygg", "Frisk", "Utvecklas", "Omvårdad", "Aktiv", "Respekterad", "Ansvarstagande", "Delaktig"]


@pytest.fixture
def people(transactional_db, world):
    from tillsammans.childplans.categories import ensure_categories

    ensure_categories()
    lead = MembershipFactory(role=Role.SIP_LEAD, unit=world["preschool_a"], function="Skolkurator")
    nurse = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"], function="BVC-sjuksköterska")
    return {"lead": (lead, totp_device(lead.user)), "nurse": (nurse, totp_device(nurse.user))}


def rate(page, value):
    for name in WELLBEING:
        page.get_by_label(f"{name} (obligatoriskt)", exact=True).select_option(str(value))


def test_sip_journey_with_consent_withdrawal(browser, page, live_server, people, world):
    lead, lead_device = people["lead"]
    number = fictional_number(date(2013, 5, 6), 7)
    login(page, live_server, lead, lead_device)
    page.goto(f"{live_server.url}/planer/sok/")
    page.get_by_label("Personnummer").first.fill(display(number))
    page.get_by_role("button", name="Sök").click()
    expect(page.get_by_role("status")).to_contain_text("Ingen plan som du har åtkomst till")
    page.get_by_label("Förnamn").fill("Vera")
    page.get_by_label("Efternamn").fill("Provsdotter")
    page.get_by_role("button", name="Starta plan").click()
    # The same answer whether or not the child had a plan (no oracle); the new plan is in the list.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Din förfrågan är registrerad")
    page.get_by_role("link", name="Dina planer").click()
    page.get_by_role("link", name="Vera Provsdotter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vera Provsdotter")
    plan_url = page.url

    for name in ("Vårdnadshavare Ett", "Vårdnadshavare Två"):
        page.get_by_role("link", name="Lägg till vårdnadshavare").click()
        page.get_by_label("Namn").fill(name)
        page.get_by_label("Har vårdnad").check()
        page.get_by_role("button", name="Spara").click()

    page.get_by_role("link", name="Registrera samtycke").click()
    page.get_by_role("button", name="Spara").click()  # nothing chosen: errors, nothing saved
    expect(page.locator("#error-summary")).to_contain_text("Ange minst en mottagande enhet")
    page.get_by_label("Mottagande enheter").select_option(label="BVC Norra")
    page.get_by_label("Mottagande enheter").select_option(label=["BVC Norra", "Socialtjänsten Testköping"])
    page.get_by_label("Hälsa och vård").check()
    page.get_by_label("Vårdnadshavare Ett").check()
    page.get_by_label("Vårdnadshavare Två").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Samtycket har registrerats")).to_be_visible()

    page.get_by_role("link", name="Lägg till deltagare").click()
    page.get_by_label("Person").select_option(index=1)
    page.get_by_role("button", name="Spara").click()

    page.get_by_role("link", name="Lägg till insats").click()
    page.get_by_label("Insats (obligatoriskt)").fill("Samtal om sömn, fyra tillfällen")
    page.get_by_label("Ges av huvudman").select_option(label="Region Testland")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("cell", name="Samtal om sömn, fyra tillfällen")).to_be_visible()

    for value, day in ((2, "2026-09-01"), (4, "2026-11-20")):
        page.get_by_role("link", name="Skatta välbefinnande").click()
        page.get_by_label("Skattad av").select_option("child")
        page.get_by_label("Datum").fill(day)
        rate(page, value)
        page.get_by_role("button", name="Spara").click()
    expect(page.locator("svg.radar polygon.radar-series")).to_have_count(2)

    nurse, nurse_device = people["nurse"]
    context = browser.new_context(locale="sv-SE")
    nurse_page = context.new_page()
    login(nurse_page, live_server, nurse, nurse_device)
    nurse_page.goto(plan_url)
    expect(nurse_page.get_by_role("heading", level=1)).to_contain_text("Vera Provsdotter")

    page.goto(plan_url)
    page.get_by_role("link", name="Återkalla samtycke").click()
    page.get_by_label("Vem återkallar").select_option(label="Vårdnadshavare Två")
    page.get_by_label("BVC Norra").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Samtycket har återkallats")).to_be_visible()

    response = nurse_page.goto(plan_url)
    assert response.status == 404
    expect(nurse_page.get_by_text("Vera")).to_have_count(0)
    context.close()


def test_no_axe_violations_on_child_plan_pages(axe_page, live_server, people, world):
    page = axe_page
    lead, device = people["lead"]
    from tillsammans.testing.sip import actor_for

    actor = actor_for(lead)
    plan = services.plan_start(actor=actor, personal_number=fictional_number(date(2014, 2, 2), 8),
                               first_name="Axel", last_name="Axesson").plan
    g = services.guardian_add(actor=actor, plan=plan, name="Vårdnadshavare")
    from tillsammans.childplans import services_goals
    from tillsammans.childplans.models import InformationCategory
    from tillsammans.childplans.wellbeing import CODES

    consent = services.consent_record(actor=actor, plan=plan, receiving_units=[world["bvc_a"]],
                                      categories=InformationCategory.objects.all()[:1], guardians=[g])
    for value in (2, 4):
        services_goals.assessment_add(actor=actor, plan=plan, ratings=dict.fromkeys(CODES, value), by="child")
    login(page, live_server, lead, device)
    problems = {}
    for path in ["/planer/", "/planer/sok/", f"/planer/{plan.pk}/", f"/planer/{plan.pk}/samtycke/",
                 f"/planer/{plan.pk}/insatser/", f"/planer/{plan.pk}/valbefinnande/",
                 f"/planer/{plan.pk}/samtycke/{consent.pk}/aterkalla/", "/planer/nodatkomst/",
                 f"/planer/{plan.pk}/andra/", f"/planer/{plan.pk}/familjekopia/"]:
        page.goto(f"{live_server.url}{path}")
        if violations := axe_violations(page):
            problems[path] = [(v["id"], v["nodes"][0]) for v in violations]
    page.goto(f"{live_server.url}/planer/sok/")
    page.get_by_label("Personnummer").first.fill("19990101-0000")
    page.get_by_role("button", name="Sök").click()
    page.wait_for_selector("#error-summary")
    if violations := axe_violations(page):
        problems["search with error"] = [(v["id"], v["nodes"][0]) for v in violations]
    assert problems == {}
    assert CoordinatedPlan.objects.count() == 1


def test_no_axe_violations_on_log_review_pages(axe_page, live_server, people, world):
    page = axe_page
    auditor = MembershipFactory(role=Role.AUDITOR, unit=world["social_office"])
    login(page, live_server, auditor, totp_device(auditor.user))
    problems = {}
    for path in ["/loggkontroll/", "/loggkontroll/?flag=night", "/loggkontroll/granskning/",
                 "/loggkontroll/utdrag/"]:
        page.goto(f"{live_server.url}{path}")
        if violations := axe_violations(page):
            problems[path] = [(v["id"], v["nodes"][0]) for v in violations]
    assert problems == {}
