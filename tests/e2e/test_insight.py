"""Journey 10, a county-wide view: the process leader builds a needs survey in the pages, it is
answered through the public link on a phone-sized viewport, the chart appears among the results; a
dashboard with three years of indicators is printed to PDF. CSP enforced throughout; axe-core 0
violations on these pages at 1 280 and 390 px."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.e2e.conftest import CspWatcher, axe_violations, login
from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.insight import services_indicators
from tillsammans.insight.models import Response, Survey
from tillsammans.testing.factories import MembershipFactory, totp_device

SYSTEM = Actor.for_system("journey")


@pytest.fixture
def setup(transactional_db, world, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    leader = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["town"]],
                               function="Processledare")
    attendance = services_indicators.indicator_create(actor=SYSTEM, name="Närvaro i grundskolan", unit="%",
                                                      good="up", source="manual")
    reports = services_indicators.indicator_create(actor=SYSTEM, name="Orosanmälningar per 1 000 barn",
                                                   unit="per 1 000 barn", good="down", source="manual")
    for index, area in enumerate((world["town"], world["district_a"], world["district_b"])):
        for step, year in enumerate((2023, 2024, 2025)):
            services_indicators.value_set(actor=SYSTEM, indicator=attendance, area=area, year=year,
                                          value=Decimal("91.0") + index + step)
            services_indicators.value_set(actor=SYSTEM, indicator=reports, area=area, year=year,
                                          value=Decimal("34.0") - step - index)
    services_indicators.target_set(actor=SYSTEM, indicator=attendance, year=2025, value=Decimal(95))
    return {"leader": leader, "device": totp_device(leader.user)}


def _context(browser, **options):
    context = browser.new_context(locale="sv-SE", **options)
    page = context.new_page()
    return context, page, CspWatcher(page)


def test_county_wide_view_journey(browser, live_server, setup, world, tmp_path):
    leader = setup["leader"]
    context, page, csp = _context(browser)
    login(page, live_server, leader, setup["device"])
    state = context.storage_state()
    page.get_by_role("link", name="Uppföljning", exact=True).first.click()
    page.get_by_role("link", name="Behovsenkäter").click()
    page.get_by_role("link", name="Ny enkät").click()
    page.get_by_label("Rubrik").fill("Vad behöver du för stöd?")
    page.get_by_label("Inledning").fill("Svaren används i länets behovsanalys.")
    page.get_by_label("Unga").check()
    page.get_by_label("Vårdnadshavare").check()
    page.get_by_label("Norra").check()
    page.get_by_label("Södra").check()
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Enkäten skapades").wait_for()
    survey = Survey.objects.get()
    page.get_by_role("link", name="Lägg till en fråga").click()
    page.get_by_label("Skala 1–5").check()
    page.get_by_label("Fråga (Svenska)").fill("Jag vet vart jag kan vända mig")
    page.get_by_label("Svar krävs").check()
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Lägg till en fråga").click()
    page.get_by_label("Ett val", exact=True).check()
    page.get_by_label("Fråga (Svenska)").fill("Var söker du helst stöd?")
    page.get_by_label("Svarsalternativ (Svenska), ett per rad").fill("Skolan\nVårdcentralen\nFamiljecentralen")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Lägg till en fråga").click()
    page.get_by_label("Fritext", exact=True).check()
    page.get_by_label("Fråga (Svenska)").fill("Vad saknar du?")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("button", name="Öppna enkäten för svar").click()
    page.get_by_text("Enkäten är öppen").wait_for()
    link = page.locator(f"a[href$='/enkat/{survey.token}/']").first.get_attribute("href")

    # Five young people and a guardian answer on their phones, without logging in.
    phone, answer, phone_csp = _context(browser, viewport={"width": 390, "height": 844})
    for index in range(6):
        answer.goto(link)
        if index == 0:
            assert answer.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        answer.get_by_label("Vårdnadshavare" if index == 5 else "Unga", exact=True).check()
        answer.get_by_label("Var bor eller arbetar du?").select_option(label="Norra")
        answer.get_by_label("5 – Stämmer helt" if index % 2 else "3", exact=True).check()
        answer.get_by_label("Familjecentralen").check()
        answer.get_by_label("Vad saknar du?").fill(f"Mer öppet på kvällar, önskemål {index + 1}")
        answer.get_by_role("button", name="Skicka").click()
        answer.get_by_text("Tack! Ditt svar har sparats utan ditt namn.").wait_for()
    phone.close()
    assert Response.objects.filter(survey=survey).count() == 6

    page.goto(f"{live_server.url}/insikt/enkater/{survey.pk}/resultat/")
    chart = page.get_by_role("img", name="Fråga 1: Jag vet vart jag kan vända mig")
    assert chart.is_visible()
    assert page.get_by_text("Svar totalt: 6.").is_visible()
    page.get_by_text("Visa siffrorna").first.click()
    assert page.get_by_role("table", name="Fråga 1 per målgrupp").is_visible()
    free_texts = page.get_by_role("region", name="Fritextsvar")
    assert free_texts.get_by_role("listitem").count() == 6
    assert free_texts.get_by_text("Mer öppet på kvällar, önskemål 6").is_visible()

    # The dashboard for the municipality: three years against the target, printed to PDF.
    page.goto(f"{live_server.url}/insikt/oversikt/")
    page.get_by_label("Område").select_option(label="Testköping (kommun)")
    page.get_by_role("button", name="Visa").click()
    page.get_by_role("heading", name="Översikt: Testköping").wait_for()
    assert page.get_by_role("img", name="Närvaro i grundskolan (%), 2022–2025").is_visible()
    assert page.get_by_text("Målet 95,0 är inte nått ännu").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Skriv ut (PDF)").click()
    pdf = tmp_path / "oversikt.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    import subprocess

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Översikt: Testköping" in text and "Närvaro i grundskolan" in text and "2023" in text
    context.close()
    assert csp.errors == [] and phone_csp.errors == []

    staff_pages = ["/insikt/", "/insikt/enkater/", f"/insikt/enkater/{survey.pk}/",
                   f"/insikt/enkater/{survey.pk}/resultat/", f"/insikt/oversikt/omrade/{world['town'].pk}/",
                   "/insikt/oversikt/", "/insikt/indikatorer/"]
    problems = {}
    for width in (1280, 390):
        axe_context = browser.new_context(locale="sv-SE", bypass_csp=True, storage_state=state,
                                          viewport={"width": width, "height": 900})
        axe = axe_context.new_page()
        for path in staff_pages:
            axe.goto(f"{live_server.url}{path}")
            axe.locator("details").evaluate_all("nodes => nodes.forEach(n => n.open = true)")
            if violations := axe_violations(axe):
                problems[f"{width} {path}"] = [(v["id"], v["nodes"][0]) for v in violations]
        axe_context.close()
        public = browser.new_context(locale="sv-SE", bypass_csp=True, viewport={"width": width, "height": 900})
        public_page = public.new_page()
        for path in (f"/enkat/{survey.token}/", f"/enkat/{survey.token}/?tack=1", "/nyhetsbrev/"):
            public_page.goto(f"{live_server.url}{path}")
            if violations := axe_violations(public_page):
                problems[f"{width} {path}"] = [(v["id"], v["nodes"][0]) for v in violations]
        public.close()
    assert problems == {}


def test_mapping_units_are_picked_by_search(browser, live_server, setup, world):
    """The mapping's units: a search on the beginning of the name, the matches ticked, a second
    search keeps the first pick, the form saved; axe-core finds nothing on the page with matches."""
    from tillsammans.insight.models_mapping import CollaborationForm

    context, page, csp = _context(browser)
    login(page, live_server, setup["leader"], setup["device"])
    page.goto(f"{live_server.url}/insikt/kartlaggning/ny/")
    page.locator("#id_name").fill("Familjecentralen Norra")
    picker = page.get_by_role("group", name="Deltagande enheter")
    assert picker.get_by_role("checkbox").count() == 0  # no list of every unit
    picker.get_by_label("Sök efter en enhet på början av dess namn").fill("förskolan")
    picker.get_by_role("button", name="Sök").click()
    page.get_by_label("Förskolan Ekorren").check()
    assert page.locator("#id_name").input_value() == "Familjecentralen Norra"
    picker.get_by_label("Sök efter en enhet på början av dess namn").fill("bvc")
    picker.get_by_role("button", name="Sök").click()
    assert page.get_by_label("Förskolan Ekorren").is_checked()
    page.get_by_label("BVC Norra").check()
    state = context.storage_state()
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("heading", name="Familjecentralen Norra").wait_for()
    found = CollaborationForm.objects.get()
    assert set(found.units.all()) == {world["preschool_a"], world["bvc_a"]}
    context.close()
    assert csp.errors == []

    problems = {}
    for width in (1280, 390):
        axe_context = browser.new_context(locale="sv-SE", bypass_csp=True, storage_state=state,
                                          viewport={"width": width, "height": 900})
        axe = axe_context.new_page()
        axe.goto(f"{live_server.url}/insikt/kartlaggning/ny/")
        axe.get_by_label("Sök efter en enhet på början av dess namn").fill("förskolan")
        axe.get_by_role("button", name="Sök").click()
        axe.get_by_label("Förskolan Älgen").wait_for()
        if violations := axe_violations(axe):
            problems[width] = [(v["id"], v["nodes"][0]) for v in violations]
        assert axe.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width
        axe_context.close()
    assert problems == {}
