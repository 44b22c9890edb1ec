"""Journeys 3 and 4 in a real browser from a blank area, in the pages alone: the coordinator writes the
year's template in the region's numbering, creates the plan from it, fills it in, corrects and removes
entries and sends it for review; each party's approver approves from the link in their e-mail; the plan
is submitted; the receiver sees the other areas' states, one of them late. axe-core finds no violations
on the plan pages at 1 280 and 390 px, and none of them scrolls sideways on a phone."""

import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, login
from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.planning import seed, services
from tillsammans.planning.models import ActionPlan, BudgetLine
from tillsammans.testing.factories import AreaFactory, MembershipFactory, UserFactory, totp_device
from tillsammans.testing.sip import run_queued_tasks

TEMPLATE = """7 Mål och insatser
7.1 Familjer erbjuds ett samordnat stöd utifrån barns behov
7.1.1 Samordna det lokala utbudet av föräldraskapsstöd
7.1.2 Generellt föräldraskapsstöd når dem som behöver det mest
7.2 Kompetens för personal och chefer
7.2.1 Grundläggande kunskap om familjecentrerat arbetssätt
"""


@pytest.fixture
def blank(transactional_db, world):
    """An agreement between the region's care and the social committee, and nothing else: no template, no plan.
    The other areas: Södra submitted on time; Västra has not started and is late."""
    world["bvc_a"].email = "mottagning@region.exempel.se"
    world["bvc_a"].save()
    agreement = seed.build_agreement(name="Samverkansavtal FCA", parties=[world["care"], world["social"]],
                                     receiver=world["bvc_a"])
    agreement.deadline_day, agreement.deadline_month = 20, 11  # 20 November the year before
    agreement.save()
    west = AreaFactory(name="Västra", parent=world["town"], principal=world["municipality"])
    agreement.areas.set([world["district_a"], world["district_b"], west])
    coordinator = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_a"]],
                                    user=UserFactory(email="koordinator@kommun.exempel.se"))
    social = MembershipFactory(role=Role.MANAGER, unit=world["social_office"],
                               user=UserFactory(email="socialchef@kommun.exempel.se", first_name="Sara"))
    care = MembershipFactory(role=Role.MANAGER, unit=world["bvc_a"],
                             user=UserFactory(email="vardchef@region.exempel.se", first_name="Bo"))
    receiver = MembershipFactory(role=Role.RECEIVER, unit=world["bvc_a"])
    return {"agreement": agreement, "world": world,
            **{name: (m, totp_device(m.user)) for name, m in [("coordinator", coordinator), ("social", social),
                                                               ("care", care), ("receiver", receiver)]}}


def _other_area_submitted_on_time(blank, year):
    from tillsammans.planning import workflow
    from tillsammans.planning.models import Template

    actor = Actor.for_system("test")
    plan = services.plan_create(actor=actor, area=blank["world"]["district_b"],
                                template=Template.objects.get(year=year, project__isnull=True))
    for step in ("review", "approved"):
        workflow.plan_transition(actor=actor, plan=plan, to=step)
    workflow.plan_transition(actor=actor, plan=plan, to="submitted", comment="Klar i tid.")
    ActionPlan.objects.filter(pk=plan.pk).update(submitted_at=datetime(year - 1, 11, 10, 9, tzinfo=UTC))


def _link_in_mail(to: str, live_server) -> str:
    run_queued_tasks()
    for message in reversed(mail.outbox):
        if to in message.to and (match := re.search(r"/handlingsplaner/\d+/", message.body)):
            return live_server.url + match.group(0)
    raise AssertionError(f"no mail with a plan link to {to}: {[(m.to, m.subject) for m in mail.outbox]}")


def _new_page(browser, live_server, person):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    login(page, live_server, *person)
    return context, page


def test_from_a_blank_area_to_submitted_in_the_pages(browser, page, live_server, blank):
    year = 2027
    login(page, live_server, *blank["coordinator"])
    # The template, in the region's three-level numbering.
    page.goto(f"{live_server.url}/handlingsplaner/")
    page.get_by_role("link", name="Mallar: målområden och delmål").click()
    page.get_by_role("link", name="Ny mall").click()
    page.get_by_label("Samverkansavtal").select_option(label="Samverkansavtal FCA")
    page.get_by_label("År").fill(str(year))
    page.get_by_label("Målområden och delmål").fill(TEMPLATE)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Mallen har skapats.")).to_be_visible()
    _other_area_submitted_on_time(blank, year)

    # The plan from the template.
    page.goto(f"{live_server.url}/handlingsplaner/")
    page.get_by_role("link", name="Ny handlingsplan").click()
    page.get_by_label("Område").select_option(label="Norra")
    page.get_by_label("År och mall").select_option(label=f"{year} – Samverkansavtal FCA")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Handlingsplanen har skapats från årets mall.")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("BVC Norra")  # the receiver
    expect(page.locator("dl.facts")).to_contain_text(f"20 november {year - 1}")  # the deadline
    expect(page.get_by_role("heading", name="7 Mål och insatser")).to_be_visible()
    plan = ActionPlan.objects.get(area=blank["world"]["district_a"])

    # Text, two activities — one corrected, one removed.
    page.get_by_role("link", name="Skriv eller ändra planens text").click()
    page.get_by_label("Inledning").fill("Norra har en familjecentral och två öppna förskolor.")
    page.get_by_role("button", name="Spara").click()
    for sub_goal, text in [("7.1.1 Samordna det lokala utbudet av föräldraskapsstöd",
                            "Gemensam kalender för föräldraskapsstöd"),
                           ("7.2.1 Grundläggande kunskap om familjecentrerat arbetssätt", "Utbildning som strök")]:
        page.get_by_role("link", name="Lägg till aktivitet").click()
        page.get_by_label("Delmål").select_option(label=sub_goal)
        page.get_by_label("Planerad aktivitet").fill(text)
        page.get_by_label("Ansvariga (roller, fritext)").fill("FCA-koordinatorerna")
        page.get_by_role("button", name="Spara").click()
        expect(page.get_by_text("Aktiviteten har lagts till.")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Ändra\W+Gemensam kalender")).click()
    page.get_by_label("Förväntad effekt eller resultat").fill("Föräldrar hittar stödet.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Aktiviteten har ändrats.")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Ta bort\W+Utbildning som strök")).click()
    page.get_by_role("button", name="Ta bort").click()
    expect(page.get_by_text("”Utbildning som strök” har tagits bort.")).to_be_visible()

    # A post of 85 % employed by a unit, a budget line first saved without the rule, then corrected.
    page.get_by_role("link", name="Lägg till tjänst").click()
    page.locator("#id_role").fill("FCA-koordinator")
    page.get_by_label("eller anställande enhet").select_option(label="Socialtjänsten Testköping")
    page.get_by_label("Tjänstgöringsgrad (%)").fill("85 %")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Lägg till budgetpost").click()
    page.locator("#id_name").fill("Koordinator 0,85 åa")
    page.get_by_label("Årsarbetare (om posten avser tjänster)").fill("0,85")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("#checks")).to_be_visible()
    expect(page.get_by_text("Ingen budgetpost är markerad")).to_be_visible()  # no green tick on nothing
    page.get_by_role("link", name=re.compile(r"^Ändra\W+Koordinator 0,85 åa")).click()
    page.get_by_label("Omfattas av samfinansieringen").check()
    page.get_by_role("button", name="Spara").click()
    line = BudgetLine.objects.get(plan=plan)
    funders = {f.code: f.pk for f in blank["agreement"].funders.all()}
    page.locator(f"#a-{line.pk}-{funders['HSNG']}").fill("300")
    page.locator(f"#a-{line.pk}-{funders['SN+FSN']}").fill("300")
    page.get_by_role("button", name="Spara budgeten").click()
    expect(page.get_by_text("Budgeten har sparats.")).to_be_visible()
    page.get_by_role("link", name="Versionshistorik").first.click()
    expect(page.get_by_text("Omfattas av samfinansieringen: nej → ja")).to_be_visible()
    expect(page.get_by_text("Aktivitet borttagen från 7.2.1")).to_be_visible()

    # Send for review: each party's approver approves from the link in their e-mail.
    page.goto(f"{live_server.url}/handlingsplaner/{plan.pk}/")
    page.get_by_role("button", name="Skicka på remiss").click()
    expect(page.get_by_text("Planen är nu: Under granskning.")).to_be_visible()
    for name, party in [("social", "Socialnämnden"), ("care", "Hälso- och sjukvård")]:
        link = _link_in_mail(blank[name][0].user.email, live_server)
        context, approver = _new_page(browser, live_server, blank[name])
        approver.goto(link)
        approver.get_by_role("button", name=f"Godkänn för {party}").click()
        if name == "social":
            expect(approver.get_by_text("1 part återstår")).to_be_visible()
            expect(approver.get_by_text("Återstår: Hälso- och sjukvård")).to_be_visible()
        else:
            expect(approver.get_by_text("Planen är nu: Godkänd.")).to_be_visible()
        context.close()

    # Submitted, with a comment on the check that is not met (the region pays 300 of 600).
    link = _link_in_mail("koordinator@kommun.exempel.se", live_server)
    page.goto(link)
    page.get_by_label("Kommentar (behövs när en kontroll inte uppfylls)").fill("Andelen justeras i december.")
    page.get_by_role("button", name="Lämna in till BVC Norra").click()
    expect(page.get_by_text("Planen är nu: Inskickad.")).to_be_visible()
    run_queued_tasks()
    assert any("mottagning@region.exempel.se" in m.to and "inskickad" in m.subject for m in mail.outbox)

    # The receiver's year: every area that should submit, one of the others late.
    context, receiver = _new_page(browser, live_server, blank["receiver"])
    receiver.goto(f"{live_server.url}/handlingsplaner/oversikt/?year={year}")
    rows = receiver.get_by_role("region", name="Status mot sista dag").get_by_role("row")
    expect(rows.filter(has_text="Södra")).to_contain_text("Inskickad")
    expect(rows.filter(has_text="Södra")).not_to_contain_text("sen")
    expect(rows.filter(has_text="Västra")).to_contain_text("Ej påbörjad")
    expect(rows.filter(has_text="Västra")).to_contain_text("sen")
    expect(rows.filter(has_text="Norra")).to_contain_text("Inskickad")
    receiver.get_by_label("Norra (Inskickad)").check()
    receiver.get_by_label("Södra (Inskickad)").check()
    receiver.get_by_role("button", name="Visa sida vid sida").click()
    expect(receiver.get_by_role("columnheader", name="Södra").first).to_be_visible()
    expect(receiver.get_by_text("Gemensam kalender för föräldraskapsstöd").first).to_be_visible()
    context.close()


def test_plan_pages_pass_axe_and_fit_a_phone(axe_page, live_server, blank):
    from tillsammans.planning.models import Template

    coordinator, device = blank["coordinator"]
    template = seed.build_template(agreement=blank["agreement"], year=2027)
    plan = services.plan_create(actor=Actor.for_system("test"), area=blank["world"]["district_a"],
                                template=template)
    line = BudgetLine.objects.create(plan=plan, name="Koordinatorer", under_cofinancing=True)
    page = axe_page
    login(page, live_server, coordinator, device)
    problems = {}
    assert Template.objects.count() == 1
    for path in ["/handlingsplaner/", "/handlingsplaner/ny/", f"/handlingsplaner/{plan.pk}/",
                 f"/handlingsplaner/{plan.pk}/aktivitet/", f"/handlingsplaner/{plan.pk}/text/",
                 f"/handlingsplaner/{plan.pk}/tjanst/", f"/handlingsplaner/{plan.pk}/budgetpost/{line.pk}/",
                 f"/handlingsplaner/{plan.pk}/ta-bort/budgetpost/{line.pk}/",
                 "/handlingsplaner/mallar/", f"/handlingsplaner/mallar/{template.pk}/", "/handlingsplaner/mallar/ny/",
                 "/handlingsplaner/oversikt/?year=2027", f"/handlingsplaner/{plan.pk}/historik/",
                 "/handlingsplaner/projekt/nytt/", "/handlingsplaner/malbilder/"]:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}{path}")
            if violations := axe_violations(page):
                problems[(path, width)] = [(v["id"], v["nodes"][0]) for v in violations]
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                problems[(path, width, "scrollWidth")] = scroll
    assert problems == {}
