"""Journey 11: a preschool teacher records a worry, agrees measures with the guardians, brings a
request to the joint forum; the forum decides on a SIP and the SIP opens with the lead named and the
content carried over; later the relay log is handed over to the school, which confirms it, and the
preschool no longer sees it. axe-core finds no violations on the pathway's pages."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, login
from tillsammans.accounts.roles import Role
from tillsammans.core.identity import display, fictional_number
from tillsammans.testing.factories import MembershipFactory, UnitFactory, totp_device, unit_type

SEEN = "Har blivit tyst och slutat äta vid lunchen de senaste två veckorna."
QUESTION = "Åtgärderna räcker inte; vi behöver BVC och socialtjänsten med oss."
REASON = "Behoven gäller förskola, BVC och socialtjänst; en samordnad plan behövs."


@pytest.fixture
def people(transactional_db, world):
    from datetime import datetime, time

    from django.utils import timezone

    from tillsammans.childplans.categories import ensure_categories
    from tillsammans.networks import services as network_services
    from tillsammans.testing.sip import actor_for

    ensure_categories()
    teacher = MembershipFactory(role=Role.STAFF, unit=world["preschool_a"], function="Förskollärare")
    nurse = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"], function="BVC-sjuksköterska")
    social = MembershipFactory(role=Role.SIP_LEAD, unit=world["social_office"], function="SIP-samordnare")
    convener = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_a"]])
    school_unit = UnitFactory(name="Björkskolan", authority=world["school_board"], unit_type=unit_type("grundskola"))
    school = MembershipFactory(role=Role.STAFF, unit=school_unit, function="Lärare i förskoleklass")
    forum = network_services.network_create(
        actor=actor_for(convener), name="En dörr in Norra", kind="forum", area=world["district_a"],
        convener=convener, members=[(world["bvc_a"], nurse, None), (world["social_office"], social, None),
                                    (world["preschool_a"], teacher, None)])
    start = timezone.make_aware(datetime.combine(date.today() + timedelta(days=5), time(13)))
    network_services.meeting_schedule(actor=actor_for(convener), network=forum, starts_at=start,
                                      ends_at=start + timedelta(hours=2), place="Stadsdelshuset")
    return {name: (m, totp_device(m.user)) for name, m in (
        ("teacher", teacher), ("social", social), ("convener", convener), ("school", school))}


def _as(browser, live_server, person, bypass_csp=False, state=None):
    context = browser.new_context(locale="sv-SE", bypass_csp=bypass_csp, storage_state=state)
    page = context.new_page()
    if state is None:
        login(page, live_server, *person)
    return context, page


def test_a_worry_becomes_a_sip_and_the_log_follows_the_child_to_school(browser, page, live_server, people, world):
    base = live_server.url
    login(page, live_server, *people["teacher"])
    page.goto(f"{base}/vagen/oro/ny/")
    page.get_by_label("Personnummer").fill(display(fictional_number(date(2021, 3, 4), 3)))
    page.get_by_label("Förnamn").fill("Tove")
    page.get_by_label("Efternamn").fill("Provlund")
    page.get_by_label("Vad som har setts och hörts").fill(SEEN)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tove Provlund")
    worry_url = page.url

    for name in ("Vårdnadshavare Ett", "Vårdnadshavare Två"):
        page.get_by_role("link", name="Lägg till vårdnadshavare").click()
        page.get_by_label("Namn").fill(name)
        page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Öppna en stafettlogg med samtycke").click()
    page.get_by_label("Vårdnadshavare Ett").check()
    page.get_by_label("Vårdnadshavare Två").check()
    page.get_by_label("Hälsa och vård").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Stafettloggen är öppnad")).to_be_visible()
    for measure in ("En fast vuxen vid lunchen", "Bildstöd vid måltiderna"):
        page.get_by_role("link", name="Kom överens om en åtgärd").click()
        page.get_by_label(re.compile(r"Åtgärd \(obligatoriskt\)")).fill(measure)
        page.get_by_label("Utvärderas den").fill((date.today() + timedelta(days=14)).isoformat())
        page.get_by_role("button", name="Spara").click()
        expect(page.get_by_text(measure, exact=True)).to_be_visible()

    page.get_by_role("link", name="Ta upp ett ärende i ett gemensamt forum").click()
    page.get_by_label(re.compile(r"Forum \(obligatoriskt\)")).select_option(label="En dörr in Norra")
    page.get_by_label("Vad verksamheten vill ha hjälp med av forumet").fill(QUESTION)
    page.get_by_label("Vårdnadshavarna samtycker till att forumet får veta vem barnet är").check()
    page.get_by_label("Vårdnadshavare Ett").check()
    page.get_by_label("Vårdnadshavare Två").check()
    page.get_by_label("Hälsa och vård").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("till En dörr in Norra")
    request_url = page.url
    teacher_state = page.context.storage_state()

    convener_context, forum_page = _as(browser, live_server, people["convener"])
    # The forum's page opens on the next meeting's agenda, where the request was placed.
    forum_page.goto(f"{base}/vagen/forum/")
    forum_page.get_by_role("link", name="En dörr in Norra").first.click()
    expect(forum_page.get_by_role("heading", name=re.compile(r"^Dagordning för mötet .*Stadsdelshuset"))) \
        .to_be_visible()
    meeting_link = forum_page.get_by_role("link", name=re.compile(r"Stadsdelshuset"))
    expect(meeting_link).to_have_attribute("aria-current", "true")
    expect(forum_page.get_by_role("listitem").filter(has=meeting_link)).to_contain_text("– 1 ärende")
    forum_url = forum_page.url
    agenda = forum_page.get_by_role("region", name=re.compile(r"^Ärenden på dagordningen"))
    expect(agenda.get_by_role("cell", name="Tove Provlund")).to_be_visible()
    agenda.get_by_role("link", name=re.compile(r"^Ärende \d+$")).click()
    assert forum_page.url == request_url
    expect(forum_page.get_by_text("Tove Provlund")).to_be_visible()
    forum_page.get_by_role("link", name="Registrera forumets beslut").click()
    forum_page.get_by_label("En samordnad individuell plan (SIP)").check()
    forum_page.get_by_label("Skäl").fill(REASON)
    forum_page.get_by_label("SIP-samordnare som leder planen").select_option(index=1)
    forum_page.get_by_role("button", name="Spara").click()
    expect(forum_page.get_by_text("En samordnad individuell plan (SIP)").first).to_be_visible()
    convener_state = convener_context.storage_state()
    convener_context.close()

    lead_context, lead_page = _as(browser, live_server, people["social"])
    lead_page.goto(f"{base}/planer/")
    lead_page.get_by_role("link", name="Tove Provlund").click()
    lead = people["social"][0].user.get_full_name()
    expect(lead_page.get_by_text(f"{lead}, Socialtjänsten Testköping")).to_be_visible()
    expect(lead_page.get_by_text(QUESTION)).to_be_visible()  # the request's content carried over
    expect(lead_page.get_by_text(SEEN)).to_be_visible()
    lead_context.close()

    page.goto(worry_url)
    page.get_by_role("link", name="Överlämna stafettloggen").click()
    page.get_by_label("Mottagande verksamhet").select_option(label="Björkskolan")
    page.get_by_role("button", name="Nästa").click()
    page.get_by_label("Mottagare i den mottagande verksamheten").select_option(index=1)
    page.get_by_label("Vårdnadshavare Ett").check()
    page.get_by_label("Vårdnadshavare Två").check()
    page.get_by_label("Hälsa och vård").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Loggen är överlämnad")).to_be_visible()

    school_context, school_page = _as(browser, live_server, people["school"])
    expect(school_page.get_by_role("heading", name="Överlämningar att bekräfta")).to_be_visible()
    school_page.get_by_role("link", name="En stafettlogg från Förskolan Ekorren att bekräfta").click()
    school_page.get_by_role("button", name="Bekräfta att vi tar emot loggen").click()
    expect(school_page.get_by_text("Du har tagit emot stafettloggen")).to_be_visible()
    expect(school_page.get_by_text("En fast vuxen vid lunchen", exact=True)).to_be_visible()
    school_state = school_context.storage_state()
    school_context.close()

    response = page.goto(worry_url)
    assert response.status == 404  # the preschool's access ended with the handover

    violations = {}
    for state, urls in ((school_state, [worry_url, f"{base}/vagen/oro/", f"{base}/"]),
                        (convener_state, [request_url, f"{base}/vagen/forum/", forum_url, f"{base}/vagen/matt/"]),
                        (teacher_state, [f"{base}/vagen/oro/ny/", request_url])):
        context, axe_page = _as(browser, live_server, None, bypass_csp=True, state=state)
        for url in urls:
            axe_page.goto(url)
            if found := axe_violations(axe_page):
                violations[url] = found
        context.close()
    assert violations == {}


def test_a_busy_forums_page_shows_one_meeting_at_a_time_and_reads_on_a_phone(browser, page, live_server, people,
                                                                              world):
    """Years of meetings and dozens of requests: the convener chooses a held meeting from the list
    with the keyboard, pages the requests on no agenda, and the page passes axe-core at 1 280 and
    390 px without scrolling sideways (a meeting's place may be a long video link)."""
    from django.utils import timezone

    from tillsammans.bench import scale_pathway
    from tillsammans.childplans.categories import ensure_categories
    from tillsammans.networks.models import Network, NetworkMeeting
    from tillsammans.pathway.models import ForumRequest

    forum = Network.objects.get(name="En dörr in Norra")
    teacher = people["teacher"][0]
    now = timezone.now()
    held = [NetworkMeeting.objects.create(network=forum, starts_at=now - timedelta(days=14 * n),
                                          ends_at=now - timedelta(days=14 * n, hours=-2),
                                          place=f"https://video.exempel.invalid/forum-norra/mote-{n}-med-lang-adress")
            for n in range(1, 9)]
    ids = scale_pathway.add_worries(3 * 32, author_id=teacher.pk, unit_id=teacher.unit_id, forum_id=forum.pk,
                                    area_id=world["district_a"].pk, first_child=900_000,
                                    category_ids=[c.pk for c in ensure_categories()])
    requests = list(ForumRequest.objects.filter(worry_id__in=ids).order_by("pk"))
    ForumRequest.objects.filter(pk__in=[r.pk for r in requests[:3]]).update(meeting=held[0], status="decided",
                                                                          decision="one_service")
    base = live_server.url
    login(page, live_server, *people["convener"])
    page.goto(f"{base}/vagen/forum/{forum.pk}/")
    expect(page.get_by_role("heading", name=re.compile(r"^Dagordning för mötet .*Stadsdelshuset"))).to_be_visible()
    expect(page.get_by_text("Sida 1 av 2")).to_have_count(2)  # the held meetings and the requests on no agenda

    page.get_by_role("link", name=re.compile(r"mote-1-med-lang-adress")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile(r"^Dagordning för mötet .*mote-1-med-lang-adress"))) \
        .to_be_visible()
    expect(page.get_by_text("Mötet har hållits.")).to_be_visible()
    agenda = page.get_by_role("region", name=re.compile(r"^Ärenden på dagordningen"))
    expect(agenda.get_by_role("row")).to_have_count(4)  # the header and the three decided there
    page.get_by_role("navigation", name="Sidor med ärenden som inte är på något mötes dagordning") \
        .get_by_role("link", name="Nästa").click()
    expect(page.get_by_text("Sida 2 av 2")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"mote-1-med-lang-adress"))).to_be_visible()  # still chosen
    url = page.url

    context = browser.new_context(locale="sv-SE", bypass_csp=True, storage_state=page.context.storage_state())
    axe_page = context.new_page()
    found = {}
    for width in (1280, 390):
        axe_page.set_viewport_size({"width": width, "height": 900})
        axe_page.goto(url)
        found[width] = axe_violations(axe_page)
        found[f"{width} wide"] = axe_page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    context.close()
    assert found == {1280: [], 390: [], "1280 wide": False, "390 wide": False}
