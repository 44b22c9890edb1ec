"""E-mail to registered people: confirmations with a meeting request, waitlist notices, updates,
cancellations and reminders. One UID per registration, SEQUENCE from the event (raised on every
change), METHOD:CANCEL when the event or the place is cancelled."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tillsammans.core.calendar import Invitation
from tillsammans.core.invitations import queue_invitation
from tillsammans.core.tasks import queue_mail
from tillsammans.events.models import Event, Registration


def _when(event: Event) -> str:
    start = timezone.localtime(event.starts_at)
    return f"{date_format(start, 'j F Y')} {start:%H:%M}–{timezone.localtime(event.ends_at):%H:%M}"


def _organiser(event: Event) -> tuple[str, str]:
    organiser = next(iter(event.organisers.all()), None)
    if organiser is None:
        return "Tillsammans", settings.DEFAULT_FROM_EMAIL
    return organiser.user.get_full_name(), organiser.user.email


def _ics(registration: Registration, *, cancelled: bool, sequence: int) -> Invitation:
    event = registration.event
    name, email = _organiser(event)
    url = settings.SITE_URL + reverse("events:event", args=[event.pk])
    cancel_url = settings.SITE_URL + reverse("events:cancel_by_link", args=[registration.token])
    description = "\n\n".join(part for part in (
        event.description, _("Cancel your place: %(url)s") % {"url": cancel_url}) if part)
    return Invitation(
        uid=f"event-{event.pk}-registration-{registration.pk}@tillsammans", sequence=sequence,
        summary=event.title, starts_at=event.starts_at, ends_at=event.ends_at, organizer_name=name,
        organizer_email=email, attendees=[(registration.display_name, registration.contact_email)],
        location=event.video_link or event.place, description=description, url=url,
        cancelled=cancelled)


def _send(registration: Registration, *, what: str, subject: str, body: str, ics: Invitation | None = None,
          sequence: int | None = None) -> None:
    """A meeting request (or cancellation) when ``ics`` is given, otherwise a plain message."""
    to = registration.contact_email
    if not to:
        return
    if ics is not None:
        queue_invitation(invitation=ics, subject=subject, body=body, filename="evenemang.ics")
        return
    seq = registration.event.sequence if sequence is None else sequence
    queue_mail(key=f"event:{registration.event_id}:registration:{registration.pk}:{what}:{seq}", to=[to],
               subject=subject, body=body)


def _body(registration: Registration, first: str) -> str:
    event = registration.event
    lines = [first, "", event.title, _when(event)]
    if event.place:
        lines.append(event.place)
    if event.video_link:
        lines.append(event.video_link)
    lines += ["", _("Cancel your place: %(url)s") % {
        "url": settings.SITE_URL + reverse("events:cancel_by_link", args=[registration.token])}]
    return "\n".join(lines)


def confirmation(registration: Registration) -> None:
    with translation.override("sv"):
        event = registration.event
        if registration.status == "registered":
            _send(registration, what="confirmed", subject=_("Registered: %(title)s") % {"title": event.title},
                  body=_body(registration, _("You have a place. The meeting request is attached.")),
                  ics=_ics(registration, cancelled=False, sequence=event.sequence))
        else:
            _send(registration, what="waitlisted", subject=_("Waitlist: %(title)s") % {"title": event.title},
                  body=_body(registration, _("The event is full and you are on the waitlist. You will be "
                                             "told at once if a place becomes free.")))


def promoted(registration: Registration) -> None:
    with translation.override("sv"):
        event = registration.event
        _send(registration, what="promoted", subject=_("You got a place: %(title)s") % {"title": event.title},
              body=_body(registration, _("A place became free and it is yours. The meeting request is "
                                         "attached.")),
              ics=_ics(registration, cancelled=False, sequence=event.sequence))


def cancelled_place(registration: Registration) -> None:
    """The person cancelled their own place: remove it from their calendar."""
    with translation.override("sv"):
        event = registration.event
        _send(registration, what="cancelled", sequence=event.sequence + 1,
              subject=_("Cancelled: %(title)s") % {"title": event.title},
              body=_("Your place at %(title)s is cancelled.") % {"title": event.title},
              ics=_ics(registration, cancelled=True, sequence=event.sequence + 1))


def event_changed(event: Event, registrations: list[Registration]) -> None:
    with translation.override("sv"):
        for registration in registrations:
            if registration.status == "registered":
                _send(registration, what="changed", subject=_("Changed: %(title)s") % {"title": event.title},
                      body=_body(registration, _("The event has changed. The updated meeting request is "
                                                 "attached.")),
                      ics=_ics(registration, cancelled=False, sequence=event.sequence))
            else:
                _send(registration, what="changed", subject=_("Changed: %(title)s") % {"title": event.title},
                      body=_body(registration, _("The event you are waitlisted for has changed.")))


def event_cancelled(event: Event, registrations: list[Registration]) -> None:
    with translation.override("sv"):
        for registration in registrations:
            ics = _ics(registration, cancelled=True, sequence=event.sequence) \
                if registration.status == "registered" else None
            _send(registration, what="event-cancelled", ics=ics,
                  subject=_("Cancelled: %(title)s") % {"title": event.title},
                  body=_("%(title)s on %(when)s is cancelled.") % {"title": event.title, "when": _when(event)})


def reminder(registration: Registration) -> None:
    with translation.override("sv"):
        _send(registration, what="reminder", subject=_("Tomorrow: %(title)s") % {"title": registration.event.title},
              body=_body(registration, _("A reminder: the event is tomorrow.")))


def feedback_request(registration: Registration) -> None:
    with translation.override("sv"):
        url = settings.SITE_URL + reverse("events:feedback", args=[registration.token])
        _send(registration, what="feedback", subject=_("How was it? %(title)s") % {"title": registration.event.title},
              body=_("Thank you for coming. Tell the organisers what you thought in one minute; your answer "
                     "is anonymous: %(url)s") % {"url": url})


def announcement(event: Event, *, user_id: int, email: str) -> None:
    """An invitation to the audience: what, when, where, and the page where one click registers."""
    with translation.override("sv"):
        url = settings.SITE_URL + reverse("events:event", args=[event.pk])
        lines = [event.title, _when(event)]
        if event.place:
            lines.append(event.place)
        if event.description:
            lines += ["", event.description]
        lines += ["", _("Register with one click: %(url)s") % {"url": url}]
        queue_mail(key=f"event:{event.pk}:announce:{user_id}:{event.sequence}", to=[email],
                   subject=_("Invitation: %(title)s") % {"title": event.title}, body="\n".join(lines))
