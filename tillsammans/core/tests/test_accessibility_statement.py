"""The accessibility statement follows DIGG's model and its feedback form reaches the system
administrators."""

import pytest
from django.core import mail
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.testing.factories import MembershipFactory

URL = reverse("core:accessibility")


@pytest.mark.django_db
def test_statement_has_every_part_of_digg_model_without_login(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for part in ("Tillgänglighetsredogörelse", "delvis förenlig", "24 november 2026", "axe-core",
                 "Innehåll som inte är tillgängligt", "Tillsynsmyndighet",
                 'href="https://www.digg.se/tdosanmalan"', "Rapportera brister",
                 "30 minuter", 'name="message"'):
        assert part in html, part


@pytest.mark.django_db
def test_feedback_goes_to_the_system_administrators(client, world, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    started = client.get(URL).context["form"].initial["started"]
    admin = MembershipFactory(role=Role.SYSTEM_ADMIN, unit=world["social_office"])
    MembershipFactory(role=Role.STAFF, unit=world["bvc_a"])
    response = client.post(URL, {"page": "/omraden/", "message": "Kartan går inte att zooma.",
                                 "email": "besokare@example.invalid", "started": started})
    assert response.status_code == 302 and response["Location"].endswith("#feedback")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [admin.user.email]
    assert message.reply_to == ["besokare@example.invalid"]
    assert "Kartan går inte att zooma." in message.body and "/omraden/" in message.body
    assert "Tack" in client.get(URL).content.decode()


@pytest.mark.django_db
def test_feedback_without_a_message_keeps_what_was_typed_with_an_error_summary(client, world):
    response = client.post(URL, {"page": "/natverk/", "message": "", "email": "fel"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'href="#id_message"' in html
    assert 'value="/natverk/"' in html
    assert mail.outbox == []


@pytest.mark.django_db
def test_feedback_with_nobody_to_receive_it_says_so(client, settings):
    settings.ACCESSIBILITY_FEEDBACK_EMAILS = []
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    started = client.get(URL).context["form"].initial["started"]
    response = client.post(URL, {"message": "Knappen syns inte.", "started": started}, follow=True)
    assert "Ingen kan ta emot" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_feedback_from_a_bot_is_not_sent_and_what_was_typed_stays(client, world):
    MembershipFactory(role=Role.SYSTEM_ADMIN, unit=world["social_office"])
    started = client.get(URL).context["form"].initial["started"]
    too_quick = client.post(URL, {"message": "Köp billigt", "started": started})
    honeypot = client.post(URL, {"message": "Köp billigt", "website": "http://spam.invalid"})
    for response in (too_quick, honeypot):
        html = response.content.decode()
        assert response.status_code == 422 and "för snabbt" in html and "Köp billigt" in html
    assert mail.outbox == []
