"""Meeting requests by e-mail: one message per invited person, through the outbox, never twice.

Each message is ``multipart/alternative`` (the text and a ``text/calendar; method=REQUEST`` or
``CANCEL`` part) with the same .ics attached as a file. The organiser is never sent their own
request and is never listed as an attendee. The outbox key holds the meeting's UID, the recipient
and the SEQUENCE, so a change (higher SEQUENCE) is sent once to everyone and a retry sends nothing.
"""

from __future__ import annotations

from tillsammans.core.calendar import Invitation, attendees_of, to_ics
from tillsammans.core.tasks import queue_mail


def queue_invitation(*, invitation: Invitation, subject: str, body: str, filename: str = "mote.ics") -> list[str]:
    """Queue the request (or cancellation) to every attendee; returns the addresses queued."""
    ics = to_ics(invitation).decode()
    method = invitation.method
    sent = []
    for _name, email in attendees_of(invitation):
        queue_mail(key=f"meeting:{invitation.uid}:{invitation.sequence}:{method}:{email.lower()}"[:255],
                   to=[email], subject=subject, body=body,
                   attachments=[[filename, ics, f"text/calendar; method={method}"]], calendar=[ics, method])
        sent.append(email)
    return sent
