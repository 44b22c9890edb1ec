"""Journey 8 in a real browser: a preschool teacher reports a concern in under ten fields, the
municipality's intake sees it in the queue with its 24-hour protection assessment due, assesses it,
decides, and the teacher sees the feedback – the public form too. axe-core finds nothing on these
pages (one login per person; the CSP enforced in the journey)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, login
from tillsammans.accounts.roles import Role
from tillsammans.concerns.models import ConcernReport
from tillsammans.testing.factories import MembershipFactory, totp_device


@pytest.fixture
def people(transactional_db, world):
    teacher = MembershipFactory(role=Role.STAFF, unit=world["preschool_a"], function="Förskollärare")
    intake = MembershipFactory(role=Role.INTAKE, unit=world["social_office"], function="Socialsekreterare")
    return {"teacher": (teacher, totp_device(teacher.user)), "intake": (intake, totp_device(intake.user))}


def visible_fields(page) -> int:
    return page.locator("main form[method=post] :is(input, textarea, select):visible").evaluate_all(
        "els => new Set(els.map(e => e.name)).size")


def test_report_of_concern_journey(browser, page, live_server, people, world, settings):
    base = live_server.url
    teacher, teacher_device = people["teacher"]
    login(page, live_server, teacher, teacher_device)
    page.get_by_role("link", name="Orosanmälningar").click()
    page.get_by_role("link", name="Gör en orosanmälan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orosanmälan till socialtjänsten")
    expect(page.locator("main")).to_contain_text("personlig")
    expect(page.locator("main")).to_contain_text("Förskolan Ekorren")  # the unit from the membership
    assert visible_fields(page) < 10
    page.get_by_role("button", name="Skicka anmälan").click()  # nothing written: refused, nothing saved
    expect(page.locator("#error-summary")).to_contain_text("Skriv barnets personnummer")
    page.get_by_label("Barnets namn").fill("Tove Provsson")
    page.get_by_label("Ålder (år)").fill("4")
    page.get_by_label("Vad du har sett, hört eller fått berättat, och när").fill(
        "I morse vid lämningen hade Tove blåmärken på båda armarna och sa att pappa blev arg i går kväll.")
    page.get_by_label("Akut – barnet kan vara i fara nu").check()
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kvitto")
    report = ConcernReport.objects.get()
    expect(page.locator("main")).to_contain_text(report.reference)
    expect(page.locator("main")).to_contain_text("Ingen återkoppling än")
    teacher_state = page.context.storage_state()

    intake_page = browser.new_context(locale="sv-SE").new_page()
    intake, intake_device = people["intake"]
    login(intake_page, live_server, intake, intake_device)
    expect(intake_page.locator("main")).to_contain_text(report.reference)  # Min översikt: what is due
    intake_page.get_by_role("link", name="Mottagning").click()
    row = intake_page.get_by_role("row").filter(has_text=report.reference)
    expect(row).to_contain_text("Tove Provsson")
    expect(row).to_contain_text("Akut")
    row.get_by_role("link", name=report.reference).click()
    intake_page.get_by_role("link", name="Registrera skyddsbedömning").click()
    intake_page.get_by_label("Skyddsbedömning").fill("Barnet är på förskolan i dag; inget behov av omedelbart "
                                                    "skydd. Vårdnadshavarna kontaktas efter bedömningen.")
    intake_page.get_by_role("button", name="Spara").click()
    expect(intake_page.get_by_text("Skyddsbedömningen är registrerad")).to_be_visible()
    intake_page.get_by_role("link", name="Registrera beslut").click()
    intake_page.get_by_label("Utredning inleds", exact=True).check()
    intake_page.get_by_label("Skäl för beslutet").fill("Uppgifterna om blåmärken behöver utredas.")
    intake_page.get_by_role("button", name="Spara").click()
    expect(intake_page.get_by_text("Beslutet registrerades")).to_be_visible()
    intake_page.get_by_role("link", name="Mottagning").first.click()
    intake_page.get_by_role("link", name="Inställningar för mottagningen").click()
    intake_page.get_by_label("Mottagningens gemensamma e-postadress").fill("inte en adress")
    intake_page.get_by_role("button", name="Spara").click()
    expect(intake_page.locator("#error-summary")).to_contain_text("Rätta följande")
    expect(intake_page.get_by_label("Mottagningens gemensamma e-postadress")).to_have_value("inte en adress")
    intake_page.get_by_label("Mottagningens gemensamma e-postadress").fill("mottagning@testkoping.example")
    intake_page.get_by_label("Mottagningen får se om barnet har en samordnad plan", exact=False).check()
    intake_page.get_by_role("button", name="Spara").click()
    expect(intake_page.get_by_text("Inställningarna för mottagningen har sparats")).to_be_visible()
    intake_state = intake_page.context.storage_state()
    intake_page.context.close()

    page.goto(f"{base}/orosanmalan/mina/")
    row = page.get_by_role("row").filter(has_text=report.reference)
    expect(row).to_contain_text("Utredning inleds")
    expect(page.locator("main")).not_to_contain_text("blåmärken behöver utredas")  # never the case

    # axe-core on every page of the journey, for both people (CSP bypassed for the injection only)
    for state, paths in ((teacher_state, ["/orosanmalan/ny/", "/orosanmalan/mina/",
                                          f"/orosanmalan/mina/{report.pk}/", "/orosanmalan/"]),
                         (intake_state, ["/", "/orosanmalan/mottagning/", f"/orosanmalan/mottagning/{report.pk}/",
                                         f"/orosanmalan/mottagning/{report.pk}/forlang/",
                                         f"/orosanmalan/mottagning/{report.pk}/skicka-vidare/",
                                         "/orosanmalan/mottagning/installningar/",
                                         "/orosanmalan/statistik/"])):
        context = browser.new_context(locale="sv-SE", bypass_csp=True, storage_state=state)
        axe = context.new_page()
        for path in paths:
            for width in (1280, 390):
                axe.set_viewport_size({"width": width, "height": 900})
                axe.goto(base + path)
                assert axe_violations(axe) == [], (path, width)
                assert axe.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (path, width)
        context.close()


def test_the_public_form_without_login(page, live_server, world, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    page.goto(f"{live_server.url}/orosanmalan/")
    page.get_by_label("Kommunen där barnet bor eller vistas").select_option(label="Testköping kommun")
    page.get_by_label("Barnets namn").fill("Barnet på gården")
    page.get_by_label("Vad du har sett, hört eller fått berättat, och när").fill(
        "Barnet är ute ensamt sent varje kväll och ser hungrigt ut.")
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmälan har tagits emot")
    report = ConcernReport.objects.get()
    expect(page.locator("main")).to_contain_text(report.reference)
    assert report.reporter_sector == "anonymous"
