"""Text messages (SMS) through a pluggable sender, at most once per idempotency key.

A sender is any class with ``send(*, to: str, text: str) -> None``, named by ``SMS_BACKEND``:

* ``tillsammans.core.sms.FileSmsSender`` (the demo): one file per message in ``SMS_FILE_PATH``;
* ``tillsammans.core.sms.MemorySmsSender`` (the tests): messages kept in ``sms.outbox``;
* an installation's own class for its SMS gateway (an HTTP API of an operator), same signature.

Messages go through the same outbox as e-mail (``OutgoingEmail``, key prefixed ``sms:``): a row is
committed as "sending" before the sender is called, so a retried task never sends twice. A text
message carries no personal data: it says that something happened and where to read it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from tillsammans.core.models import OutgoingEmail

logger = logging.getLogger("tillsammans.sms")
MAX_LENGTH = 306  # two concatenated SMS parts


class SmsSender(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


@dataclass(frozen=True)
class Sms:
    to: str
    text: str


outbox: list[Sms] = []
"""Messages "sent" by MemorySmsSender (tests empty it as they need)."""


class MemorySmsSender:
    def send(self, *, to: str, text: str) -> None:
        outbox.append(Sms(to=to, text=text))


class FileSmsSender:
    """Writes each message to a file (like Django's file-based e-mail backend)."""

    def send(self, *, to: str, text: str) -> None:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
        (folder / f"{stamp}.txt").write_text(f"Till: {to}\n\n{text}\n", encoding="utf-8")


def sender() -> SmsSender:
    return import_string(settings.SMS_BACKEND)()


def send_once(*, key: str, to: str, text: str) -> OutgoingEmail:
    """Send one text message unless one with the same key was already sent or attempted."""
    if len(text) > MAX_LENGTH:
        raise ValueError(f"A text message is at most {MAX_LENGTH} characters.")
    try:
        with transaction.atomic():
            row = OutgoingEmail.objects.create(key=f"sms:{key}", recipients=[to], subject="SMS")
    except IntegrityError:
        existing = OutgoingEmail.objects.get(key=f"sms:{key}")
        logger.info("Not sending SMS %s again (status %s).", key, existing.status)
        return existing
    try:
        sender().send(to=to, text=text)
    except Exception as exc:  # noqa: BLE001 - any gateway failure is recorded, never retried blindly
        logger.warning("Sending SMS %s failed: %s", key, exc)
        OutgoingEmail.objects.filter(pk=row.pk).update(status=OutgoingEmail.Status.FAILED, error=str(exc)[:500])
        row.status = OutgoingEmail.Status.FAILED
        return row
    OutgoingEmail.objects.filter(pk=row.pk).update(status=OutgoingEmail.Status.SENT, sent_at=timezone.now())
    row.status = OutgoingEmail.Status.SENT
    return row


@task()
def send_sms_task(key: str, to: str, text: str) -> str:
    return send_once(key=key, to=to, text=text).status


def queue_sms(*, key: str, to: str, text: str) -> None:
    """Enqueue a text message once the current transaction has committed."""
    if len(text) > MAX_LENGTH:
        raise ValueError(f"A text message is at most {MAX_LENGTH} characters.")
    transaction.on_commit(lambda: send_sms_task.enqueue(key=key, to=to, text=text))
