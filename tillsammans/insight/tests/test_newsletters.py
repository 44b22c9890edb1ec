"""Newsletters: composed with highlights, sent once to confirmed subscribers only, with an unsubscribe
link and the List-Unsubscribe headers; double opt-in; a public archive."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.insight import services_indicators, services_newsletters
from tillsammans.insight.models_newsletters import Newsletter, Subscriber
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import run_queued_tasks

pytestmark = pytest.mark.django_db
SYSTEM = Actor.for_system("test")


def _subscribe(client, email):
    page = client.get(reverse("insight:newsletter_archive"))
    return client.post(reverse("insight:newsletter_archive"), {"email": email,
                                                                "started": page.context["form"].initial["started"]})


def test_double_opt_in_and_one_click_unsubscribe(client, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = _subscribe(client, "Lasare@Exempel.invalid")
    assert response.status_code == 302 and "anmald=1" in response.url
    assert "Vi har skickat en länk" in client.get(response.url).content.decode()
    run_queued_tasks()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lasare@exempel.invalid" and subscriber.confirmed_at is None
    link = re.search(r"http\S+/nyhetsbrev/bekrafta/\S+/", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[-1]
    assert "Bekräfta" in client.get(path).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None  # opening the link (a mail scanner) does not confirm
    client.post(path)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    # asking again says the same and sends nothing more to a confirmed address
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, "lasare@exempel.invalid")
    run_queued_tasks()
    assert len(mail.outbox) == 1
    # one-click unsubscribe (RFC 8058): a POST without CSRF token deletes the address
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    answer = strict.post(reverse("insight:unsubscribe", args=[subscriber.token]), {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200 and not Subscriber.objects.exists()
    again = client.get(reverse("insight:unsubscribe", args=[subscriber.token]))
    assert "adressen har raderats" in again.content.decode()


def test_unconfirmed_addresses_are_deleted_after_a_week():
    Subscriber.objects.create(email="gammal@exempel.invalid", token="a" * 30)
    Subscriber.objects.create(email="ny@exempel.invalid", token="b" * 30)
    Subscriber.objects.filter(email="gammal@exempel.invalid").update(created_at=timezone.now() - timedelta(days=8))
    assert services_newsletters.unconfirmed_remove() == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["ny@exempel.invalid"]


def test_the_process_leader_composes_and_sends_with_highlights(leader, world, django_capture_on_commit_callbacks):
    from tillsammans.events import services as event_services
    from tillsammans.events.models import EventKind
    from tillsammans.planning.models import Adoption, Vision
    from tillsammans.testing.sip import actor_for

    start = timezone.now() + timedelta(days=20)
    event = event_services.event_create(
        actor=actor_for(leader), title="Frukostmöte om skolnärvaro", kind=EventKind.BREAKFAST, series=None,
        presenting_unit=None, course=None, description="", starts_at=start, ends_at=start + timedelta(hours=1),
        place="Stadshuset", accessibility="", video_link="", capacity=40, registration_deadline=None,
        open_to_guests=True, audience_roles=[])
    indicator = services_indicators.indicator_create(actor=SYSTEM, name="Närvaro i grundskolan", unit="%", good="up",
                                                     source="manual")
    for year, value in ((2024, "91.8"), (2025, "92.6")):
        services_indicators.value_set(actor=SYSTEM, indicator=indicator, area=world["town"], year=year,
                                      value=Decimal(value))
    vision = Vision.objects.create(name="Tillsammans för barnens bästa")
    adoption = Adoption.objects.create(vision=vision, committee=world["social"], decided_on=date(2025, 5, 14),
                                       reference="SN § 41")
    confirmed = Subscriber.objects.create(email="las@exempel.invalid", token="c" * 30, confirmed_at=timezone.now())
    Subscriber.objects.create(email="vantar@exempel.invalid", token="d" * 30)
    client = client_for(leader)
    created = client.post(reverse("insight:newsletter_create"), {
        "subject": "Nyhetsbrev juni", "body": "Målbilden är antagen av alla huvudmän.", "events": [event.pk],
        "indicators": [indicator.pk], "adoptions": [adoption.pk], "area": world["town"].pk})
    assert created.status_code == 302, created.content.decode()[-3000:]
    newsletter = Newsletter.objects.get()
    preview = client.get(reverse("insight:newsletter", args=[newsletter.pk])).content.decode()
    assert "Närvaro i grundskolan i Testköping: 92,6 % år 2025 (91,8 år 2024)" in preview
    assert "Frukostmöte om skolnärvaro" in preview and "SN § 41" in preview
    assert "når 1 bekräftad prenumerant" in preview
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("insight:newsletter_send", args=[newsletter.pk]))
        client.post(reverse("insight:newsletter_send", args=[newsletter.pk]))  # a double click sends no more
    run_queued_tasks()
    run_queued_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["las@exempel.invalid"] and message.subject == "Nyhetsbrev juni"
    unsubscribe = f"http://127.0.0.1:8000/nyhetsbrev/avsluta/{confirmed.token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sent = message.message()  # the MIME message as it leaves, with the headers on it
    assert sent["List-Unsubscribe"] == f"<{unsubscribe}>" and "List-Unsubscribe-Post" in sent.as_string()
    for text in ("Målbilden är antagen av alla huvudmän.", "Kommande evenemang", "Frukostmöte om skolnärvaro",
                 "Närvaro i grundskolan i Testköping: 92,6 % år 2025", "Beslut om den gemensamma målbilden",
                 unsubscribe):
        assert text in message.body, text
    newsletter.refresh_from_db()
    assert newsletter.status == "sent" and newsletter.recipients == 1
    # the archive is public and shows what was sent, even after the indicator changed
    services_indicators.value_set(actor=SYSTEM, indicator=indicator, area=world["town"], year=2025, value=Decimal(99))
    from django.test import Client

    archive = Client().get(reverse("insight:newsletter_archive")).content.decode()
    assert "Nyhetsbrev juni" in archive
    public = Client().get(reverse("insight:newsletter_public", args=[newsletter.pk])).content.decode()
    assert "92,6 % år 2025" in public and "99" not in public.split("<main")[1]
    # sent: no more changes; the editor may still remove it from the archive
    assert client.get(reverse("insight:newsletter_edit", args=[newsletter.pk])).status_code == 403
    client.post(reverse("insight:newsletter_delete", args=[newsletter.pk]))
    assert Client().get(reverse("insight:newsletter_public", args=[newsletter.pk])).status_code == 404


def test_drafts_are_not_public_and_staff_do_not_compose(leader, world):
    from tillsammans.testing.sip import actor_for

    newsletter = services_newsletters.newsletter_create(actor=actor_for(leader), subject="Utkast", body="Text")
    from django.test import Client

    assert Client().get(reverse("insight:newsletter_public", args=[newsletter.pk])).status_code == 404
    staff = client_for(MembershipFactory(role=Role.STAFF, unit=world["preschool_a"]))
    assert staff.get(reverse("insight:newsletter_create")).status_code == 403
    refused = client_for(leader).post(reverse("insight:newsletter_create"),
                                      {"subject": "Brev", "body": "Ring pappa på 070-123 45 67"})
    assert "utan personuppgifter" in refused.content.decode()


def test_mail_headers_pass_through_the_outbox():
    from tillsammans.core.mail import send_once

    row = send_once(key="t1", to=["a@exempel.invalid"], subject="Hej", body="Text",
                    headers={"List-Unsubscribe": "<https://exempel.invalid/x>"})
    assert row.status == "sent" and mail.outbox[0].extra_headers["List-Unsubscribe"] == "<https://exempel.invalid/x>"
