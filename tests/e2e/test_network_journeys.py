"""Journeys 1 and 2 from a blank start, in the pages alone: form a network for an area (suggested
units include one that serves the area from outside it), confirm members and their contacts, adjust
the suggested term plan and send; build the agenda from themes, record attendance and minutes (the
guard stops an identity number), give an action to a contact without login; then move one meeting
and cancel another. Every invitation sent is a meeting request."""

from datetime import date

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tillsammans.accounts.models import Contact
from tillsammans.accounts.roles import Role
from tillsammans.core.identity import display, fictional_number
from tillsammans.networks.models import ActionItem, Network
from tillsammans.testing import factories as f
from tillsammans.testing.sip import run_queued_tasks


@pytest.fixture
def blank(transactional_db, world):
    """Geography and people only: no network, no meeting."""
    from tillsammans.networks.migrations_data import ensure_themes

    ensure_themes()
    coordinator = f.MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                                      areas=[world["district_a"]])
    nurse = f.MembershipFactory(role=Role.STAFF, unit=world["bvc_a"],
                                user__first_name="Nora", user__last_name="Sköterska")
    library = f.UnitFactory(name="Stadsbiblioteket", authority=world["school_board"],
                            unit_type=f.unit_type("bibliotek"), latitude=59.25, longitude=16.70)
    library.served_areas.add(world["town"])  # serves every district without lying in Norra
    Contact.objects.create(name="Lena Bok", unit=library, email="lena.bok@exempel.invalid")
    return {"coordinator": coordinator, "device": f.totp_device(coordinator.user), "nurse": nurse}


def test_form_plan_hold_and_change_network_meetings(page, live_server, blank, world):
    coordinator = blank["coordinator"]
    login(page, live_server, coordinator, blank["device"])

    # Journey 1: form the network from the area.
    page.goto(f"{live_server.url}/natverk/nytt/")
    page.get_by_label("Område").select_option(label="Norra")
    page.get_by_label("BVC", exact=True).check()
    page.get_by_label("Bibliotek", exact=True).check()
    page.get_by_role("button", name="Föreslå medlemmar").click()
    rows = page.locator("tbody tr")
    expect(rows.filter(has_text="BVC Norra")).to_contain_text("Ligger i området")
    expect(rows.filter(has_text="Stadsbiblioteket")).to_contain_text("Betjänar området")
    expect(page.locator("svg.map--proposals")).to_contain_text("Stadsbiblioteket")
    page.get_by_label("Kontaktperson på Stadsbiblioteket").select_option(label="Lena Bok (utan inloggning)")
    page.get_by_label("Namn").fill("Barnhälsonätverk Norra")
    page.get_by_role("button", name="Bilda nätverket").click()
    expect(page.get_by_text("Nätverket har bildats")).to_be_visible()
    network = Network.objects.get()
    assert {m.contact_name for m in network.members.all()} == {"Nora Sköterska", "Lena Bok"}

    # The term plan is a suggestion to adjust; nothing is sent before booking.
    page.get_by_role("link", name="Föreslå möten").click()
    page.get_by_role("link", name="VT 2027").click()
    expect(page.get_by_text("Inget bokas eller skickas")).to_be_visible()
    assert not mail.outbox and not network.meetings.exists()
    page.get_by_label("Möte 1: börjar").fill("09:00")
    page.get_by_label("Möte 1: slutar").fill("11:30")
    page.get_by_label("Plats eller videolänk").fill("Familjecentralen Norra")
    page.get_by_label("Barnfattigdom").check()
    page.get_by_role("button", name="Boka och skicka kallelserna").click()
    expect(page.get_by_text("möten har bokats")).to_be_visible()
    run_queued_tasks()
    first, second = network.meetings.order_by("starts_at")
    assert first.starts_at.astimezone().hour in (8, 9) and "Tema: Barnfattigdom" in first.agenda
    assert len(mail.outbox) == 4 and all(m.alternatives[0][1].startswith("text/calendar") for m in mail.outbox)

    # Journey 2: the meeting itself.
    page.get_by_role("link", name=first.starts_at.astimezone().strftime("%Y-%m-%d")).first.click()
    page.get_by_label("Skolfrånvaro").check()
    page.get_by_role("button", name="Bygg dagordningen av temana").click()
    expect(page.get_by_label("Dagordning")).to_have_value(lambda_contains("Tema: Skolfrånvaro"))
    number = display(fictional_number(date(2018, 8, 8), 6))
    page.get_by_label("Minnesanteckningar").fill(f"Vi pratade om {number}.")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#error-summary")).to_contain_text("allmänna termer")
    page.get_by_label("Minnesanteckningar").fill("Flera familjer i området behöver stöd med boendekostnader.")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Minnesanteckningarna har sparats")).to_be_visible()
    page.get_by_label("BVC Norra").check()
    page.get_by_role("button", name="Spara närvaro").click()
    expect(page.get_by_text("Närvaron har sparats")).to_be_visible()
    page.get_by_role("link", name="Lägg till uppföljningsåtgärd").click()
    page.get_by_label("Åtgärd").fill("Sagostunder på familjecentralen varannan vecka")
    page.get_by_label("Ansvarig").select_option(
        label="Lena Bok, Stadsbiblioteket (utan inloggning, påminns via e-post)")
    page.get_by_label("Klart senast").fill("2027-03-01")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Lena Bok, Stadsbiblioteket").first).to_be_visible()
    assert ActionItem.objects.get().owner_contact.name == "Lena Bok"

    # Meetings that change: move this one, cancel the other.
    page.get_by_role("link", name="Flytta mötet").click()
    page.get_by_label("Börjar").fill("2027-06-10T09:00")
    page.get_by_label("Slutar").fill("2027-06-10T11:00")
    page.get_by_role("button", name="Flytta mötet").click()
    expect(page.get_by_text("Mötet är flyttat").first).to_be_visible()
    page.goto(f"{live_server.url}/natverk/moten/{second.pk}/")
    page.get_by_role("link", name="Ställ in mötet").click()
    page.get_by_label("Ja, ställ in mötet och meddela alla kallade").check()
    page.get_by_role("button", name="Ställ in mötet").click()
    expect(page.get_by_text("Mötet är inställt").first).to_be_visible()
    run_queued_tasks()
    methods = sorted(m.alternatives[0][1] for m in mail.outbox)
    assert methods.count("text/calendar; method=CANCEL") == 2
    assert methods.count("text/calendar; method=REQUEST") == 6


def lambda_contains(text):
    import re

    return re.compile(".*" + re.escape(text) + ".*", re.S)
