"""Journey: a 16-year-old asks for their own SIP (recorded by the school nurse with them), gives
their own consent, objects to one unit, and the SIP coordinator's reasoned decision shows in the
plan and in the log review."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tillsammans.accounts.roles import Role
from tillsammans.core.identity import display, fictional_number
from tillsammans.testing.factories import MembershipFactory, totp_device

REASONS = "Den unge är mogen nog och frågan gäller den unges egen hälsa; BVC får ingen åtkomst."


@pytest.fixture
def people(transactional_db, world):
    from tillsammans.childplans.categories import ensure_categories

    ensure_categories()
    lead = MembershipFactory(role=Role.SIP_LEAD, unit=world["preschool_a"], function="Skolkurator")
    nurse = MembershipFactory(role=Role.STAFF, unit=world["social_office"], function="Socialsekreterare")
    auditor = MembershipFactory(role=Role.AUDITOR, unit=world["social_office"])
    return {name: (m, totp_device(m.user)) for name, m in
            (("lead", lead), ("nurse", nurse), ("auditor", auditor))}


def test_a_16_year_old_asks_objects_and_the_lead_decides(browser, page, live_server, people, world):
    number = fictional_number(date(2010, 3, 3), 7)
    nurse, nurse_device = people["nurse"]
    lead, lead_device = people["lead"]
    login(page, live_server, nurse, nurse_device)
    page.goto(f"{live_server.url}/planer/ung/")
    page.get_by_label("Den unges personnummer").fill(display(number))
    page.get_by_label("Förnamn").fill("Sam")
    page.get_by_label("Efternamn").fill("Sextonsson")
    page.get_by_label("Vad den unge ber om, med egna ord").fill("Jag vill ha hjälp med skolan och att sova.")
    page.get_by_label("Hur den unge har hörts").fill("Samtal hos socialsekreteraren")
    page.get_by_label("SIP-samordnare som förfrågan går till").select_option(index=1)
    page.get_by_role("button", name="Skicka förfrågan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Din förfrågan är registrerad")

    context = browser.new_context(locale="sv-SE")
    lead_page = context.new_page()
    login(lead_page, live_server, lead, lead_device)
    lead_page.goto(f"{live_server.url}/planer/ung/forfragningar/")
    expect(lead_page.get_by_role("cell", name="Sam Sextonsson")).to_be_visible()
    lead_page.get_by_role("button", name="Starta planen").click()
    expect(lead_page.get_by_role("heading", level=1)).to_contain_text("Sam Sextonsson")
    expect(lead_page.get_by_text("Den unge begärde själv en SIP")).to_be_visible()
    plan_url = lead_page.url

    lead_page.get_by_role("link", name="Registrera samtycke").click()
    lead_page.get_by_label("Den unge själv (15 år eller äldre)").check()
    lead_page.get_by_label("Mottagande enheter").select_option(label=["BVC Norra", "Socialtjänsten Testköping"])
    lead_page.get_by_label("Hälsa och vård").check()
    lead_page.get_by_label("Barnets egen inställning").fill("Socialtjänsten och BVC får veta om min plan.")
    lead_page.get_by_label("Hur barnet har fått komma till tals").fill("Samtal")
    lead_page.get_by_role("button", name="Spara").click()
    expect(lead_page.get_by_text("Samtycket har registrerats")).to_be_visible()

    lead_page.get_by_role("link", name="Registrera den unges invändning").click()
    lead_page.get_by_label("Den unge invänder mot").select_option(label="BVC Norra")
    lead_page.get_by_label("Invändningen med den unges egna ord").fill("Jag vill inte att BVC ska veta.")
    lead_page.get_by_label("Hur den unge har hörts").fill("Enskilt samtal")
    lead_page.get_by_role("button", name="Spara").click()
    expect(lead_page.get_by_role("status").filter(has_text="Den unge har invänt")).to_be_visible()
    expect(lead_page.get_by_text("Väntar på SIP-samordnarens beslut")).to_be_visible()

    lead_page.get_by_role("link", name="Besluta").click()
    lead_page.get_by_label("Invändningen godtas").check()
    lead_page.get_by_label("Skäl").fill(REASONS)
    lead_page.get_by_role("button", name="Spara").click()
    lead_page.goto(plan_url)
    expect(lead_page.get_by_text(REASONS)).to_be_visible()
    expect(lead_page.get_by_text("Beslut: Invändningen godtas")).to_be_visible()
    context.close()

    auditor, auditor_device = people["auditor"]
    context = browser.new_context(locale="sv-SE")
    auditor_page = context.new_page()
    login(auditor_page, live_server, auditor, auditor_device)
    auditor_page.goto(f"{live_server.url}/loggkontroll/")
    expect(auditor_page.get_by_text("Beslut om den unges invändning mot BVC Norra").first).to_be_visible()
    expect(auditor_page.get_by_text("Sam Sextonsson")).to_have_count(0)
    context.close()
