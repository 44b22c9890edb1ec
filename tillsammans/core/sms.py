"""Text messages (SMS) through a pluggable sender, at most once per idempotency key.

The sender is named by ``SMS_BACKEND`` (a dotted path): the demo writes each message to a file in
``var/sms/``, the tests keep them in ``sms.outbox``, and an installation plugs in its SMS gateway by
writing a class with ``send(to, body)`` that raises on failure. Apps never call a gateway directly:
they call ``tasks.queue_text`` (after commit, in the background) like ``queue_mail``.
Numbers are normalised to E.164 (+46…) by ``normalise_phone``, which forms use to validate.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from tillsammans.core.models import OutgoingText

logger = logging.getLogger("tillsammans.sms")

outbox: list[tuple[str, str]] = []
"""What the in-memory sender (tests) has sent: (number, text)."""

_PHONE = re.compile(r"^\+[1-9]\d{6,14}$")


def normalise_phone(value: str) -> str:
    """"070-123 45 67" → "+46701234567", "+47 912 34 567" → "+4791234567"; refuses anything else."""
    text = re.sub(r"[\s\-()/.]", "", value or "")
    if text.startswith("00"):
        text = "+" + text[2:]
    elif text.startswith("0"):
        text = "+46" + text[1:]
    if not _PHONE.match(text):
        raise ValidationError(_("Write a mobile number, e.g. 070-123 45 67."), code="phone")
    return text


class MemoryBackend:
    def send(self, to: str, body: str) -> None:
        outbox.append((to, body))


class FileBackend:
    """One file per message in ``SMS_FILE_PATH`` (the demo), like Django's file-based e-mail."""

    def send(self, to: str, body: str) -> None:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S-%f}.txt"
        (folder / name).write_text(f"Till: {to}\n\n{body}\n", encoding="utf-8")


def sender():
    return import_string(settings.SMS_BACKEND)()


def send_once(*, key: str, to: str, body: str) -> OutgoingText:
    """Send one message unless one with the same key was already sent or attempted."""
    try:
        number, invalid = normalise_phone(to), None
    except ValidationError as exc:  # a number stored before it was checked: recorded as failed
        number, invalid = (to or "")[:20], exc
    row = OutgoingText.claim(key, recipient=number, length=len(body))
    if row is None:
        existing = OutgoingText.objects.get(key=key)
        logger.info("Not sending text %s again (status %s).", key, existing.status)
        return existing
    if invalid is not None:
        logger.warning("Not sending text %s: the number is not a mobile number.", key)
        return row.finish(ValueError(" ".join(invalid.messages)))
    try:
        sender().send(number, body)
    except Exception as exc:  # noqa: BLE001 - any gateway failure is recorded, never retried blindly
        logger.warning("Sending text %s failed: %s", key, exc)
        return row.finish(exc)
    return row.finish()
