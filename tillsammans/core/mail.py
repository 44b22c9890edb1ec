"""Outgoing e-mail through Django's mail framework, at most once per idempotency key.

The outbox row is committed as "sending" before the message is handed to the mail backend, so a
retried task, a second worker or a double click never sends the same message twice. If the process
dies between the two, the row stays "sending" and a person looks at it: at-most-once is the honest
promise (see ../shared/pitfalls.md, "Never twice").
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence

from django.core.mail import EmailMultiAlternatives

from tillsammans.core.models import OutgoingEmail

logger = logging.getLogger("tillsammans.mail")

Attachment = tuple[str, bytes | str, str]  # filename, content, mimetype


def send_once(*, key: str, to: Sequence[str], subject: str, body: str,
              attachments: Iterable[Attachment] = (), reply_to: Sequence[str] = (),
              calendar: Sequence[str] = (), headers: Mapping[str, str] | None = None) -> OutgoingEmail:
    """Send one message unless a message with the same key was already sent or attempted.

    ``calendar`` is ``(ics text, method)`` for a meeting request or cancellation: the message becomes
    ``multipart/alternative`` with a ``text/calendar; method=…`` part, which Outlook and other clients
    treat as a meeting, and the same .ics is attached as a file for the rest. ``headers`` are extra
    message headers (e.g. ``List-Unsubscribe`` on a newsletter).
    """
    row = OutgoingEmail.claim(key, recipients=list(to), subject=subject[:300])
    if row is None:
        existing = OutgoingEmail.objects.get(key=key)
        logger.info("Not sending %s again (status %s).", key, existing.status)
        return existing
    message = EmailMultiAlternatives(subject=subject, body=body, to=list(to), reply_to=list(reply_to),
                                     headers=dict(headers or {}))
    message.encoding = "utf-8"
    if calendar:
        ics, method = calendar
        message.attach_alternative(ics, f"text/calendar; method={method}")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any backend failure is recorded, never retried blindly
        logger.warning("Sending %s failed: %s", key, exc)
        return row.finish(exc)
    return row.finish()
