"""Text messages go through the outbox at most once, to a normalised number, without their text."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tillsammans.core import sms
from tillsammans.core.models import OutgoingText
from tillsammans.core.tasks import queue_text
from tillsammans.testing.sip import run_queued_tasks


@pytest.mark.parametrize(("typed", "number"), [("070-123 45 67", "+46701234567"), ("+46 70 123 45 67", "+46701234567"),
                                               ("0047 912 34 567", "+4791234567")])
def test_numbers_are_normalised(typed, number):
    assert sms.normalise_phone(typed) == number


@pytest.mark.parametrize("typed", ["", "123", "07012345678901234567", "telefon"])
def test_bad_numbers_are_refused_in_swedish(typed):
    with pytest.raises(ValidationError) as caught:
        sms.normalise_phone(typed)
    assert "mobilnummer" in caught.value.messages[0]


@pytest.mark.django_db(transaction=True)
def test_queued_text_is_sent_once_and_its_text_is_not_kept():
    queue_text(key="påminnelse:1", to="070-123 45 67", body="Påminnelse: gruppträff i morgon kl. 17.")
    queue_text(key="påminnelse:1", to="070-123 45 67", body="Påminnelse: gruppträff i morgon kl. 17.")
    run_queued_tasks()
    assert sms.outbox == [("+46701234567", "Påminnelse: gruppträff i morgon kl. 17.")]
    row = OutgoingText.objects.get()
    assert row.status == "sent" and row.recipient == "+46701234567" and row.length == 39


@pytest.mark.django_db
def test_a_failing_gateway_is_recorded(settings):
    settings.SMS_BACKEND = "tillsammans.core.tests.test_sms.Broken"
    row = sms.send_once(key="x", to="0701234567", body="Hej")
    assert row.status == "failed" and OutgoingText.objects.get().error == "gateway down"


@pytest.mark.django_db
def test_file_sender_writes_one_file(settings, tmp_path):
    settings.SMS_BACKEND = "tillsammans.core.sms.FileBackend"
    settings.SMS_FILE_PATH = str(tmp_path)
    sms.send_once(key="y", to="0701234567", body="Hej")
    (written,) = tmp_path.iterdir()
    assert written.read_text(encoding="utf-8") == "Till: +46701234567\n\nHej\n"


class Broken:
    def send(self, to, body):
        raise RuntimeError("gateway down")


@pytest.mark.django_db
def test_a_stored_number_that_is_not_a_mobile_number_is_recorded_as_failed():
    row = sms.send_once(key="z", to="08-12", body="Hej")
    assert row.status == "failed" and "mobilnummer" in OutgoingText.objects.get().error and sms.outbox == []
