"""Messages to parents in a group: by e-mail or by text message (core.sms through the outbox, a
pluggable sender), each in the language the parent signed up in, at most once per key."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tillsammans.core.tasks import queue_mail, queue_text
from tillsammans.support.languages import interface_for
from tillsammans.support.models import GroupSession, ParentGroup, Participant, ParticipantStatus, RemindBy


def _url(name: str, token: str) -> str:
    return settings.SITE_URL + reverse(name, args=[token])


def _title(group: ParentGroup, language: str) -> str:
    from tillsammans.support.selectors import text_for

    return f"{text_for(group.offer, language).title} – {group.name}"


def _when(session: GroupSession) -> str:
    start = timezone.localtime(session.starts_at)
    return f"{date_format(start, 'l j F')} {start:%H:%M}–{timezone.localtime(session.ends_at):%H:%M}"


def _first_session(group: ParentGroup) -> str:
    first = group.sessions.filter(cancelled=False, starts_at__gte=timezone.now()).order_by("starts_at").first()
    return _when(first) if first else date_format(group.starts_on, "j F Y")


def _send(participant: Participant, *, what: str, subject, body, seq: str = "") -> None:
    """Queue one message in the parent's language (``subject``/``body`` are called with it active)."""
    if participant.data_removed:
        return
    with translation.override(interface_for(participant.language)):
        text_subject, text_body = subject(), body()
    key = f"support:participant:{participant.pk}:{what}:{seq}"[:255]
    if participant.remind_by == RemindBy.SMS and participant.phone:
        queue_text(key=key, to=participant.phone, body=text_body)
    elif participant.email:
        queue_mail(key=key, to=[participant.email], subject=text_subject, body=text_body)


def _cancel_line(participant: Participant) -> str:
    return _("Cancel your place: %(url)s") % {"url": _url("support_public:cancel", participant.token)}


def confirmation(participant: Participant) -> None:
    group = participant.group
    lang = participant.language

    def subject():
        return _("Signed up: %(group)s") % {"group": _title(group, lang)}

    if participant.status == ParticipantStatus.REGISTERED:
        def body():
            return "\n".join([
                _("You have a place in %(group)s.") % {"group": _title(group, lang)},
                _("First time: %(when)s, %(place)s.") % {"when": _first_session(group), "place": group.place},
                _cancel_line(participant)])
        _send(participant, what="confirmed", subject=subject, body=body)
    else:
        def body():
            return "\n".join([
                _("%(group)s is full and you are on the waitlist. You will be told at once if a place becomes "
                  "free.") % {"group": _title(group, lang)}, _cancel_line(participant)])
        _send(participant, what="waitlisted", subject=subject, body=body)


def promoted(participant: Participant) -> None:
    group = participant.group
    lang = participant.language
    _send(participant, what="promoted",
          subject=lambda: _("You got a place: %(group)s") % {"group": _title(group, lang)},
          body=lambda: "\n".join([
              _("A place became free in %(group)s and it is yours.") % {"group": _title(group, lang)},
              _("First time: %(when)s, %(place)s.") % {"when": _first_session(group), "place": group.place},
              _cancel_line(participant)]))


def cancelled_place(participant: Participant) -> None:
    group = participant.group
    lang = participant.language
    _send(participant, what="cancelled",
          subject=lambda: _("Cancelled: %(group)s") % {"group": _title(group, lang)},
          body=lambda: _("Your place in %(group)s is cancelled.") % {"group": _title(group, lang)})


def group_changed(group: ParentGroup, participants: list[Participant]) -> None:
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    for participant in participants:
        lang = participant.language
        _send(participant, what="group-changed", seq=stamp,
              subject=lambda lang=lang: _("Changed: %(group)s") % {"group": _title(group, lang)},
              body=lambda lang=lang: _("%(group)s has changed: %(start)s to %(end)s, %(place)s.") % {
                  "group": _title(group, lang), "start": date_format(group.starts_on, "j F"),
                  "end": date_format(group.ends_on, "j F Y"), "place": group.place})


def group_cancelled(group: ParentGroup, participants: list[Participant]) -> None:
    for participant in participants:
        lang = participant.language
        _send(participant, what="group-cancelled",
              subject=lambda lang=lang: _("Cancelled: %(group)s") % {"group": _title(group, lang)},
              body=lambda lang=lang: _("%(group)s is cancelled. We are sorry.") % {"group": _title(group, lang)})


def session_changed(session: GroupSession, participants: list[Participant]) -> None:
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    group = session.group
    for participant in participants:
        if participant.status != ParticipantStatus.REGISTERED:
            continue
        lang = participant.language
        _send(participant, what=f"session-{session.pk}-changed", seq=stamp,
              subject=lambda lang=lang: _("Changed: %(group)s") % {"group": _title(group, lang)},
              body=lambda lang=lang: _("A session of %(group)s has moved: %(when)s, %(place)s.") % {
                  "group": _title(group, lang), "when": _when(session), "place": session.place or group.place})


def session_cancelled(session: GroupSession, participants: list[Participant]) -> None:
    group = session.group
    for participant in participants:
        if participant.status != ParticipantStatus.REGISTERED:
            continue
        lang = participant.language
        _send(participant, what=f"session-{session.pk}-cancelled",
              subject=lambda lang=lang: _("Cancelled: %(group)s") % {"group": _title(group, lang)},
              body=lambda lang=lang: _("The session of %(group)s on %(when)s is cancelled.") % {
                  "group": _title(group, lang), "when": _when(session)})


def reminder(participant: Participant, session: GroupSession) -> None:
    group = session.group
    lang = participant.language
    _send(participant, what=f"session-{session.pk}-reminder", seq=session.starts_at.isoformat(),
          subject=lambda: _("Tomorrow: %(group)s") % {"group": _title(group, lang)},
          body=lambda: "\n".join([
              _("A reminder: %(group)s tomorrow, %(when)s, %(place)s.") % {
                  "group": _title(group, lang), "when": _when(session), "place": session.place or group.place},
              _cancel_line(participant)]))


def evaluation_request(participant: Participant) -> None:
    group = participant.group
    lang = participant.language
    _send(participant, what="evaluation",
          subject=lambda: _("What did you think? %(group)s") % {"group": _title(group, lang)},
          body=lambda: _("Thank you for taking part in %(group)s. Tell us in one minute what you thought; your "
                         "answer is anonymous: %(url)s") % {
              "group": _title(group, lang), "url": _url("support_public:evaluation", participant.token)})
