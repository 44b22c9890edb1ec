"""Journey 5, a breakfast meeting: a nurse registers in one click, lands on the waitlist, is moved
up when someone cancels by the link in their e-mail, the organiser ticks attendance on a phone, and
the nurse downloads the certificate. CSP enforced throughout; axe-core on every page of it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.e2e.conftest import CspWatcher, axe_violations, login
from tillsammans.accounts.roles import Role
from tillsammans.events import services
from tillsammans.events.models import EventKind, Registration
from tillsammans.testing.factories import MembershipFactory, totp_device
from tillsammans.testing.sip import actor_for, run_queued_tasks


@pytest.fixture
def setup(transactional_db, world):
    organiser = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_a"]])
    nurse = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"], function="BVC-sjuksköterska")
    others = [MembershipFactory(role=Role.STAFF, unit=world["preschool_a"]) for _ in range(2)]
    starts = timezone.now().replace(microsecond=0) + timedelta(days=5)
    event = services.event_create(
        actor=actor_for(organiser), title="Frukostmöte: socialtjänsten presenterar sig", kind=EventKind.BREAKFAST,
        series=None, presenting_unit=world["social_office"], course=None, description="Frukost och frågor.",
        starts_at=starts, ends_at=starts + timedelta(hours=1), place="Folkets hus", accessibility="Hörslinga",
        video_link="", capacity=2, registration_deadline=None, open_to_guests=False, audience_roles=["staff"])
    taken = [services.register_staff(actor=actor_for(m), event=event) for m in others]
    return {"organiser": organiser, "nurse": nurse, "event": event, "taken": taken,
            "devices": {m.pk: totp_device(m.user) for m in (organiser, nurse)}}


def _context(browser, **options):
    context = browser.new_context(locale="sv-SE", **options)
    page = context.new_page()
    return context, page, CspWatcher(page)


def test_breakfast_meeting_journey(browser, live_server, setup):
    event, nurse, organiser = setup["event"], setup["nurse"], setup["organiser"]
    visited: dict[str, list[str]] = {"nurse": [], "organiser": []}

    context, page, csp = _context(browser)
    login(page, live_server, nurse, setup["devices"][nurse.pk])
    states = {"nurse": context.storage_state()}
    page.get_by_role("link", name="Evenemang", exact=True).first.click()
    page.get_by_role("link", name=event.title).click()
    visited["nurse"] += ["/evenemang/", page.url.removeprefix(live_server.url)]
    page.get_by_role("button", name="Sätt upp mig på reservlistan").click()
    assert page.get_by_text("Du är nummer 1 på reservlistan").is_visible()

    # Someone with a place cancels by the link in their e-mail, without logging in.
    anonymous, other, other_csp = _context(browser)
    other.goto(f"{live_server.url}/evenemang/avboka/{setup['taken'][0].token}/")
    other.get_by_role("button", name="Ja, avboka min plats").click()
    assert other.get_by_text("Din plats är avbokad").is_visible()
    anonymous.close()
    run_queued_tasks()
    promoted = [m for m in mail.outbox if m.to == [nurse.user.email] and "fått en plats" in m.subject]
    assert len(promoted) == 1 and "text/calendar" in promoted[0].message().as_string()

    page.reload()
    assert page.get_by_text("Du är anmäld.").is_visible()

    # The organiser at the door, on a phone.
    door_context, door, door_csp = _context(browser, viewport={"width": 390, "height": 844})
    login(door, live_server, organiser, setup["devices"][organiser.pk])
    states["organiser"] = door_context.storage_state()
    door.goto(f"{live_server.url}/evenemang/{event.pk}/narvaro/")
    visited["organiser"] += [f"/evenemang/{event.pk}/", f"/evenemang/{event.pk}/narvaro/",
                             f"/evenemang/{event.pk}/andra/"]
    door.get_by_label("Sök på namn").fill(nurse.user.first_name)
    door.get_by_role("button", name="Sök").click()
    door.get_by_role("button", name=f"Markera närvarande – {nurse.user.get_full_name()}").click()
    undo = f"Närvarande – {nurse.user.get_full_name()}, tryck för att ångra"
    assert door.get_by_role("button", name=undo).is_visible()
    assert door.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    door_context.close()
    assert Registration.objects.get(event=event, user=nurse.user).attended

    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner närvarointyg (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    context.close()
    assert csp.errors == [] and other_csp.errors == [] and door_csp.errors == []

    problems = {}
    for who in ("nurse", "organiser"):
        for width in (1280, 390):
            axe_context = browser.new_context(locale="sv-SE", bypass_csp=True, storage_state=states[who],
                                              viewport={"width": width, "height": 900})
            axe = axe_context.new_page()
            for path in visited[who]:
                axe.goto(f"{live_server.url}{path}")
                if violations := axe_violations(axe):
                    problems[f"{who} {width} {path}"] = [(v["id"], v["nodes"][0]) for v in violations]
            axe_context.close()
    public = browser.new_context(locale="sv-SE", bypass_csp=True).new_page()
    for path in [f"/evenemang/avboka/{setup['taken'][1].token}/"]:
        public.goto(f"{live_server.url}{path}")
        if violations := axe_violations(public):
            problems[path] = [(v["id"], v["nodes"][0]) for v in violations]
    assert problems == {}
