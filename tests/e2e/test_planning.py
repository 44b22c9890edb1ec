"""Journey 3 in a real browser: a plan from draft to submitted, with a manager's approval; axe-core
finds no violations on the plan pages."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, login
from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.planning import seed, services
from tillsammans.testing.factories import MembershipFactory, totp_device


@pytest.fixture
def setup(transactional_db, world):
    coordinator = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_a"]])
    manager = MembershipFactory(role=Role.MANAGER, unit=world["social_office"])
    agreement = seed.build_agreement(name="Samverkansavtal FCA", parties=[world["social"]],
                                     receiver=world["bvc_a"])
    template = seed.build_template(agreement=agreement, year=2027)
    plan = services.plan_create(actor=Actor.for_system("test"), area=world["district_a"], template=template)
    from tillsammans.planning.models import BudgetLine

    BudgetLine.objects.create(plan=plan, name="Koordinatorer", under_cofinancing=True)
    return {"coordinator": (coordinator, totp_device(coordinator.user)),
            "manager": (manager, totp_device(manager.user)), "plan": plan}


def test_from_draft_to_submitted(browser, page, live_server, setup):
    coordinator, device = setup["coordinator"]
    plan = setup["plan"]
    login(page, live_server, coordinator, device)
    page.goto(f"{live_server.url}/handlingsplaner/{plan.pk}/")
    page.get_by_role("link", name="Lägg till aktivitet").click()
    page.get_by_label("Delmål").select_option(label="7.1.1 Samordna det lokala utbudet av föräldraskapsstödsprogram.")
    page.get_by_label("Planerad aktivitet").fill("Samordna ABC-grupper i området")
    page.get_by_label("Ansvariga (roller, fritext)").fill("FCA-koordinatorerna")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Aktiviteten har lagts till")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Innan planen kan skickas in")).to_contain_text(
        "saknar förväntad effekt")
    page.locator("input[name^='amount-']").first.fill("1200")
    page.get_by_role("button", name="Spara budgeten").click()
    expect(page.get_by_text("Inte uppfyllt:").first).to_be_visible()
    page.get_by_label("Nästa steg").select_option("review")
    page.get_by_role("button", name="Flytta planen").click()
    expect(page.get_by_text("Planen är nu: Under granskning")).to_be_visible()

    manager, manager_device = setup["manager"]
    context = browser.new_context(locale="sv-SE")
    manager_page = context.new_page()
    login(manager_page, live_server, manager, manager_device)
    manager_page.goto(f"{live_server.url}/handlingsplaner/{plan.pk}/")
    manager_page.get_by_label("Nästa steg").select_option("approved")
    manager_page.get_by_role("button", name="Flytta planen").click()
    expect(manager_page.get_by_text("Planen är nu: Godkänd")).to_be_visible()
    context.close()

    from tillsammans.planning.models import Activity

    Activity.objects.filter(plan=plan).update(expected_effect="Fler föräldrar deltar i ABC")
    page.goto(f"{live_server.url}/handlingsplaner/{plan.pk}/")
    page.get_by_label("Nästa steg").select_option("submitted")
    page.get_by_role("button", name="Flytta planen").click()
    expect(page.get_by_text("Några kontroller uppfylls inte")).to_be_visible()
    page.get_by_label("Nästa steg").select_option("submitted")
    page.get_by_label("Kommentar (behövs när en kontroll inte uppfylls)").fill("Regionens andel beslutas i december.")
    page.get_by_role("button", name="Flytta planen").click()
    expect(page.get_by_text("Planen är nu: Inskickad")).to_be_visible()


def test_no_axe_violations_on_plan_pages(axe_page, live_server, setup):
    coordinator, device = setup["coordinator"]
    page = axe_page
    login(page, live_server, coordinator, device)
    problems = {}
    plan = setup["plan"]
    for path in ["/handlingsplaner/", f"/handlingsplaner/{plan.pk}/", f"/handlingsplaner/{plan.pk}/aktivitet/",
                 f"/handlingsplaner/{plan.pk}/text/", f"/handlingsplaner/{plan.pk}/tjanst/",
                 "/handlingsplaner/oversikt/?year=2027", f"/handlingsplaner/{plan.pk}/historik/",
                 "/handlingsplaner/projekt/nytt/", "/handlingsplaner/malbilder/"]:
        page.goto(f"{live_server.url}{path}")
        if violations := axe_violations(page):
            problems[path] = [(v["id"], v["nodes"][0]) for v in violations]
    assert problems == {}
