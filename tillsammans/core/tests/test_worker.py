"""Background work: the scheduler claims each slot once, e-mail goes at most once, and a real
``tillsammans worker`` process sends a scheduled e-mail exactly once even with two workers."""

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.core import mail as django_mail
from django_tasks import task

from tillsammans.core import mail, scheduler
from tillsammans.core.models import OutgoingEmail, ScheduledRun

ROOT = Path(__file__).resolve().parents[3]


def test_periodic_slots_are_floor_of_the_interval():
    job = scheduler.PeriodicJob("x", task=None, every=timedelta(minutes=15))
    at = datetime(2026, 11, 23, 10, 7, 30, tzinfo=UTC)
    assert job.slot(at) == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert job.slot(at + timedelta(minutes=8)) == datetime(2026, 11, 23, 10, 15, tzinfo=UTC)


def test_daily_slot_is_the_last_occurrence_in_stockholm_time():
    from datetime import time as clock

    job = scheduler.PeriodicJob("d", task=None, at=clock(7, 0))
    # 06:30 UTC = 07:30 in Stockholm (winter time): today's 07:00 slot.
    assert job.slot(datetime(2026, 11, 23, 6, 30, tzinfo=UTC)) == datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    # 05:30 UTC = 06:30 in Stockholm: yesterday's slot.
    assert job.slot(datetime(2026, 11, 23, 5, 30, tzinfo=UTC)) == datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
    # Summer time: 07:00 in Stockholm is 05:00 UTC.
    assert job.slot(datetime(2026, 6, 15, 5, 30, tzinfo=UTC)) == datetime(2026, 6, 15, 5, 0, tzinfo=UTC)


@task()
def noop_task():
    return "ok"


@pytest.mark.django_db
def test_tick_enqueues_each_slot_once(monkeypatch):
    monkeypatch.setattr(scheduler, "JOBS", {})
    scheduler.periodic("noop", every=timedelta(minutes=10))(noop_task)
    now = datetime(2026, 11, 23, 10, 1, tzinfo=UTC)
    assert scheduler.tick(now) == ["noop"]
    assert scheduler.tick(now + timedelta(minutes=5)) == []
    assert scheduler.tick(now + timedelta(minutes=10)) == ["noop"]
    assert ScheduledRun.objects.filter(job="noop").count() == 2


@pytest.mark.django_db
def test_send_once_never_sends_the_same_key_twice():
    first = mail.send_once(key="test:1:a@exempel.invalid", to=["a@exempel.invalid"],
                           subject="Kallelse till nätverksmöte", body="Hej! Välkommen.",
                           attachments=[("mote.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                                         "text/calendar")])
    again = mail.send_once(key="test:1:a@exempel.invalid", to=["a@exempel.invalid"],
                           subject="Kallelse till nätverksmöte", body="Hej! Välkommen.")
    assert first.status == again.status == OutgoingEmail.Status.SENT
    assert len(django_mail.outbox) == 1
    message = django_mail.outbox[0].message()
    assert str(make_header(decode_header(message["Subject"]))) == "Kallelse till nätverksmöte"
    assert message.is_multipart()


@pytest.mark.django_db
def test_a_failed_send_is_recorded_and_not_retried(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    row = mail.send_once(key="test:fail", to=["b@exempel.invalid"], subject="x", body="y")
    assert row.status == OutgoingEmail.Status.FAILED
    assert OutgoingEmail.objects.get(key="test:fail").error
    again = mail.send_once(key="test:fail", to=["b@exempel.invalid"], subject="x", body="y")
    assert again.pk == row.pk


def _env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "PYTEST"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "TILLSAMMANS_VAR_DIR": str(tmp_path / "var"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "SCHEDULER_TICK_SECONDS": "1",
    })
    return env


ENQUEUE = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from tillsammans.core.tasks import send_mail_task
send_mail_task.using(run_after=timezone.now() + timedelta(seconds=2)).enqueue(
    key="demo:reminder:1", to=["sjukskoterska@exempel.invalid"],
    subject="Påminnelse: nätverksmöte i morgon", body="Välkommen till mötet kl. 13.00.")
"""


@pytest.mark.slow
def test_a_real_worker_process_sends_a_scheduled_email_exactly_once(tmp_path):
    env = _env(tmp_path)
    tillsammans = str(Path(sys.executable).parent / "tillsammans")
    subprocess.run([tillsammans, "migrate", "-v0"], env=env, check=True, cwd=ROOT, timeout=120)
    subprocess.run([sys.executable, "-c", ENQUEUE], env=env, check=True, cwd=ROOT, timeout=60)
    workers = [subprocess.Popen([tillsammans, "worker", "--interval", "0.2"], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for _ in range(2)]
    mail_dir = tmp_path / "mail"
    try:
        deadline = time.monotonic() + 25
        while time.monotonic() < deadline:
            if mail_dir.exists() and any(mail_dir.iterdir()):
                break
            time.sleep(0.2)
        time.sleep(2.5)  # give the other worker every chance to send it again
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=10)
    files = list(mail_dir.iterdir()) if mail_dir.exists() else []
    messages = [message_from_bytes(chunk.encode()) for f in files
                for chunk in f.read_text().split("-" * 79) if chunk.strip()]
    assert len(messages) == 1, [w.stderr.read().decode()[-2000:] for w in workers]
    subject = str(make_header(decode_header(messages[0]["Subject"])))
    assert subject == "Påminnelse: nätverksmöte i morgon"
