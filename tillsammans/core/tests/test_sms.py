"""Text messages: a pluggable sender behind the same at-most-once outbox as e-mail."""

import pytest

from tillsammans.core import sms
from tillsammans.core.models import OutgoingEmail


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.mark.django_db
def test_a_message_is_sent_once_whatever_the_retries():
    for _ in range(3):
        sms.send_once(key="notice:1", to="0701234567", text="Något nytt finns i Tillsammans.")
    assert sms.outbox == [sms.Sms(to="0701234567", text="Något nytt finns i Tillsammans.")]
    row = OutgoingEmail.objects.get(key="sms:notice:1")
    assert row.status == OutgoingEmail.Status.SENT and row.recipients == ["0701234567"]


class Broken:
    def send(self, *, to, text):
        raise ConnectionError("gateway down")


@pytest.mark.django_db
def test_a_failing_gateway_is_recorded_and_not_retried(settings):
    settings.SMS_BACKEND = "tillsammans.core.tests.test_sms.Broken"
    assert sms.send_once(key="notice:2", to="070", text="x").status == OutgoingEmail.Status.FAILED
    settings.SMS_BACKEND = "tillsammans.core.sms.MemorySmsSender"
    assert sms.send_once(key="notice:2", to="070", text="x").status == OutgoingEmail.Status.FAILED
    assert sms.outbox == []


@pytest.mark.django_db
def test_the_file_sender_writes_one_file_per_message(settings, tmp_path):
    settings.SMS_BACKEND = "tillsammans.core.sms.FileSmsSender"
    settings.SMS_FILE_PATH = str(tmp_path)
    sms.send_once(key="notice:3", to="0709876543", text="Ett möte är bokat.")
    [written] = list(tmp_path.iterdir())
    assert written.read_text(encoding="utf-8") == "Till: 0709876543\n\nEtt möte är bokat.\n"


@pytest.mark.django_db
def test_queued_messages_wait_for_the_commit(django_capture_on_commit_callbacks):
    from tillsammans.testing.sip import run_queued_tasks

    with django_capture_on_commit_callbacks(execute=True):
        sms.queue_sms(key="notice:4", to="070", text="Hej")
    run_queued_tasks()
    assert [m.text for m in sms.outbox] == ["Hej"]
    with pytest.raises(ValueError):
        sms.queue_sms(key="notice:5", to="070", text="x" * 400)
