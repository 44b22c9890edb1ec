"""The parent's journey: on a phone, a parent finds an ABC group in English near her address, signs
up and gets the confirmation (a page and an e-mail). The public pages have no axe-core violation at
390 and 1 280 px, in Swedish, English and Arabic, and nothing scrolls sideways on the phone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.e2e.conftest import AXE, CspWatcher
from tillsammans.core.access import Actor
from tillsammans.support import services, services_groups
from tillsammans.support.models import Participant, Programme

PHONE, WIDE = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def catalogue(transactional_db, world, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 1
    bvc = world["bvc_a"]
    bvc.postal_code = "411 38"
    bvc.save()
    actor = Actor.for_system("test")
    abc = Programme.objects.get_or_create(name="ABC", defaults={"sub_goal_number": "7.1.1"})[0]
    offer = services.offer_create(
        actor=actor, areas=[world["district_a"]], spoken=["sv", "en"], kind="programme", programme=abc,
        provider=bvc, for_expecting=False, age_from=3, age_to=12, free=True, signup="group", published=True,
        street="Storgatan 1", postal_code="411 38", city="Testköping",
        text={"title": "ABC – Alla Barn i Centrum", "summary": "Fyra träffar för föräldrar om vardagen."})
    services.offer_text_save(actor=actor, offer=offer, language="en", title="ABC parent group",
                             summary="Four meetings for parents about everyday life with children.")
    services.offer_text_save(actor=actor, offer=offer, language="ar", title="مجموعة ABC للآباء",
                             summary="أربعة لقاءات للآباء والأمهات حول الحياة اليومية مع الأطفال.")
    start = timezone.localdate() + timedelta(days=10)
    group = services_groups.group_create(
        actor=actor, offer=offer, programme=abc, area=world["district_a"], name="ABC in English", language="en",
        childcare=True, capacity=10, starts_on=start, ends_on=start + timedelta(days=21), place="Familjecentralen")
    services_groups.group_create(
        actor=actor, offer=offer, programme=abc, area=world["district_a"], name="ABC på svenska", language="sv",
        childcare=False, capacity=10, starts_on=start, ends_on=start + timedelta(days=21), place="Biblioteket")
    other = services.offer_create(
        actor=actor, areas=[world["district_b"]], spoken=["sv"], kind="open_preschool", provider=world["preschool_b"],
        for_expecting=False, age_from=0, age_to=5, free=True, signup="drop_in", published=True,
        text={"title": "Öppna förskolan Södra", "summary": "Lek och sång för de minsta."})
    return {"offer": offer, "group": group, "other": other}


def _axe(page) -> list[str]:
    page.add_script_tag(content=AXE)
    return page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""", TAGS)


def test_a_parent_finds_an_abc_group_in_english_near_her_address_and_signs_up_on_a_phone(
        browser, live_server, catalogue):
    context = browser.new_context(locale="en-GB", viewport=PHONE)  # the phone's language is English
    page = context.new_page()
    watcher = CspWatcher(page)
    page.goto(f"{live_server.url}/stod/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("Your address or postcode").fill("Storgatan 5, 411 38 Testköping")
    page.get_by_role("search").get_by_label("Language").select_option("en")
    page.get_by_role("button", name="Show support").click()
    assert page.get_by_text("Postcode 41138 is in Norra").is_visible()
    assert page.get_by_role("link", name="Öppna förskolan Södra").count() == 0
    page.get_by_role("heading", name="ABC parent group").get_by_role("link").click()
    assert page.locator("article.offer").get_attribute("lang") == "en"
    page.get_by_role("link", name="Sign up for ABC in English").click()
    page.get_by_label("Your name").fill("Sara Testmother")
    page.get_by_label("3–5 years").check()
    page.get_by_role("textbox", name="E-mail").fill("sara@exempel.se")
    page.wait_for_timeout(1100)  # a person takes longer than the bot guard's second
    page.get_by_role("button", name="Sign up", exact=True).click()
    assert page.get_by_role("heading", name="You are signed up").is_visible()
    assert page.get_by_text("You have a place in ABC in English.").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    participant = Participant.objects.get()
    assert (participant.name, participant.language, participant.age_band) == ("Sara Testmother", "en", "3-5")
    from tillsammans.testing.sip import run_queued_tasks

    run_queued_tasks()
    message = next(m for m in mail.outbox if m.to == ["sara@exempel.se"])
    assert "You have a place in ABC parent group – ABC in English." in message.body
    context.close()
    assert watcher.errors == [], watcher.errors


def test_the_public_pages_have_no_accessibility_violations_at_390_and_1280_px(browser, live_server, catalogue):
    from tillsammans.core.access import ANONYMOUS

    parent = services_groups.participant_signup(actor=ANONYMOUS, group=catalogue["group"], name="Förälder Test",
                                                email="test@exempel.se", age_band="3-5")
    offer, group = catalogue["offer"], catalogue["group"]
    paths = ["/stod/", "/stod/?address=411+38&age=3-5", f"/stod/{offer.pk}/", f"/stod/grupp/{group.pk}/anmal/",
             f"/stod/anmald/{parent.token}/", f"/stod/avboka/{parent.token}/", f"/stod/utvardering/{parent.token}/"]
    context = browser.new_context(locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    problems = []
    for language in ("sv", "en", "ar"):
        for path in paths:
            url = f"{live_server.url}{path}{'&' if '?' in path else '?'}sprak={language}"
            for size in (WIDE, PHONE):
                page.set_viewport_size(size)
                page.goto(url)
                problems += [f"{path} {language} {size['width']}: {v}" for v in _axe(page)]
                if size == PHONE and not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
                    problems.append(f"{path} {language}: scrolls sideways at 390 px")
    # the sign-up form with its errors, in Arabic
    page.goto(f"{live_server.url}/stod/grupp/{group.pk}/anmal/?sprak=ar")
    page.get_by_role("button", name="سجّل", exact=True).click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    problems += [f"sign-up errors ar: {v}" for v in _axe(page)]
    context.close()
    assert problems == []
