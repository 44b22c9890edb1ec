"""Writes for newsletters: compose (text and chosen highlights), send to confirmed subscribers with an
unsubscribe link and a ``List-Unsubscribe`` header, and the double opt-in of subscribers."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tillsammans.core import audit, pii
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.core.tasks import queue_mail
from tillsammans.insight.models_newsletters import Newsletter, Subscriber
from tillsammans.organisations.models import Area

UNCONFIRMED_DAYS = 7


def _check(subject: str, body: str) -> None:
    errors: dict[str, list[str]] = {}
    if not subject.strip():
        errors["subject"] = [_("Give the newsletter a subject.")]
    if not body.strip():
        errors["body"] = [_("Write the newsletter's text.")]
    for name, text in (("subject", subject), ("body", body)):
        try:
            pii.validate_text(text)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)


def _draft(newsletter: Newsletter) -> None:
    if newsletter.status != Newsletter.Status.DRAFT:
        raise ValidationError(_("The newsletter has been sent and can no longer change."))


def newsletter_create(*, actor: Actor, subject: str, body: str, events: Iterable = (), indicators: Iterable = (),
                      adoptions: Iterable = (), area: Area | None = None) -> Newsletter:
    _check(subject, body)
    with transaction.atomic():
        newsletter = Newsletter.objects.create(subject=subject.strip(), body=body.strip(), area=area,
                                               owner=actor.membership)
        newsletter.events.set(events)
        newsletter.indicators.set(indicators)
        newsletter.adoptions.set(adoptions)
        audit.record(actor, AuditAction.CREATE, newsletter)
    return newsletter


def newsletter_change(*, actor: Actor, newsletter: Newsletter, subject: str, body: str, events: Iterable = (),
                      indicators: Iterable = (), adoptions: Iterable = (), area: Area | None = None) -> Newsletter:
    _draft(newsletter)
    _check(subject, body)
    with transaction.atomic():
        newsletter.subject, newsletter.body, newsletter.area = subject.strip(), body.strip(), area
        newsletter.save()
        newsletter.events.set(events)
        newsletter.indicators.set(indicators)
        newsletter.adoptions.set(adoptions)
        audit.record(actor, AuditAction.UPDATE, newsletter)
    return newsletter


def newsletter_delete(*, actor: Actor, newsletter: Newsletter) -> None:
    with transaction.atomic():
        audit.record(actor, AuditAction.DELETE, newsletter)
        newsletter.delete()


def highlights(newsletter: Newsletter) -> list[dict[str, str]]:
    """The chosen highlights as lines of text with an optional link: coming events, the change of
    each chosen indicator between its two latest years, adoptions of a shared vision."""
    from tillsammans.insight.models_indicators import IndicatorValue
    from tillsammans.insight.selectors_indicators import comparison_areas, shown

    found: list[dict[str, str]] = []
    for event in newsletter.events.order_by("starts_at"):
        when = timezone.localtime(event.starts_at)
        found.append({"kind": "event", "text": _("%(title)s, %(day)s at %(time)s%(place)s") % {
            "title": event.title, "day": f"{when:%Y-%m-%d}", "time": f"{when:%H.%M}",
            "place": f", {event.place}" if event.place else ""},
            "link": settings.SITE_URL + reverse("events:event", args=[event.pk])})
    area = newsletter.area or next((a for a in comparison_areas() if a.kind == "county"), None)
    indicators = list(newsletter.indicators.order_by("name"))
    values: dict[int, list[IndicatorValue]] = {}
    if area is not None and indicators:
        for value in IndicatorValue.objects.filter(indicator__in=indicators, area=area).order_by("-year"):
            values.setdefault(value.indicator_id, []).append(value)
    for indicator in indicators:
        latest = values.get(indicator.pk, [])[:2]
        if not latest:
            continue
        text = _("%(name)s in %(area)s: %(value)s %(unit)s %(year)s") % {
            "name": indicator.name, "area": area.name, "value": shown(indicator, latest[0]), "unit": indicator.unit,
            "year": latest[0].year}
        if len(latest) == 2:
            text += " " + _("(%(value)s in %(year)s)") % {"value": shown(indicator, latest[1]), "year": latest[1].year}
        found.append({"kind": "indicator", "text": text,
                      "link": settings.SITE_URL + reverse("insight:indicator", args=[indicator.pk])})
    for adoption in newsletter.adoptions.select_related("vision", "committee__principal").order_by("decided_on"):
        found.append({"kind": "adoption", "text": _("%(committee)s adopted %(vision)s on %(day)s (%(ref)s)") % {
            "committee": f"{adoption.committee.principal.name}, {adoption.committee.name}",
            "vision": adoption.vision.name, "day": f"{adoption.decided_on:%Y-%m-%d}", "ref": adoption.reference},
            "link": ""})
    return found


def _message_text(newsletter: Newsletter, items: list[dict[str, str]], unsubscribe_link: str) -> str:
    lines = [newsletter.subject, "", newsletter.body, ""]
    titles = {"event": _("Coming events"), "indicator": _("How the indicators develop"),
              "adoption": _("Decisions on the shared vision")}
    for kind, title in titles.items():
        chosen = [item for item in items if item["kind"] == kind]
        if chosen:
            lines.append(title)
            lines += [f"- {item['text']}" + (f"\n  {item['link']}" if item["link"] else "") for item in chosen]
            lines.append("")
    lines += [_("The newsletter in the archive: %(url)s") % {
        "url": settings.SITE_URL + reverse("insight:newsletter_public", args=[newsletter.pk])},
        _("No longer want the newsletter? Leave with one click: %(url)s") % {"url": unsubscribe_link}]
    return "\n".join(lines)


def _unsubscribe_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse("insight:unsubscribe", args=[subscriber.token])


def newsletter_send(*, actor: Actor, newsletter: Newsletter) -> int:
    """Send to every confirmed subscriber, once each (the outbox key), with a personal unsubscribe
    link and the List-Unsubscribe headers (RFC 2369 and RFC 8058 one-click)."""
    with transaction.atomic():
        locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        _draft(locked)
        with translation.override("sv"):
            items = highlights(locked)
            subscribers = list(Subscriber.objects.exclude(confirmed_at=None).order_by("pk"))
            for subscriber in subscribers:
                link = _unsubscribe_url(subscriber)
                queue_mail(key=f"newsletter:{locked.pk}:{subscriber.pk}", to=[subscriber.email],
                           subject=locked.subject, body=_message_text(locked, items, link),
                           headers={"List-Unsubscribe": f"<{link}>",
                                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
        locked.status, locked.sent_at = Newsletter.Status.SENT, timezone.now()
        locked.recipients, locked.highlights = len(subscribers), items
        locked.save(update_fields=["status", "sent_at", "recipients", "highlights"])
        audit.record(actor, AuditAction.UPDATE, locked, detail={"sent_to": len(subscribers)})
    newsletter.refresh_from_db()
    return len(subscribers)


def subscribe(*, email: str) -> Subscriber:
    """Ask for the newsletter: a confirmation link is mailed; nothing is sent before it is opened.
    Asking again re-sends the link to an unconfirmed address and says the same to a confirmed one."""
    email = email.strip().lower()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.get_or_create(email=email,
                                                               defaults={"token": secrets.token_urlsafe(24)})
        if subscriber.confirmed_at is None:
            link = settings.SITE_URL + reverse("insight:subscription_confirm", args=[subscriber.token])
            with translation.override("sv"):
                queue_mail(key=f"newsletter-confirm:{subscriber.pk}:{timezone.now():%Y%m%d%H}", to=[email],
                           subject=_("Confirm that you want the newsletter"),
                           body=_("Someone, probably you, asked for the newsletter from Tillsammans to this "
                                  "address.\n\nConfirm by opening this link:\n%(link)s\n\nIf it was not you, do "
                                  "nothing: without a confirmation the address is deleted after %(days)s days.")
                           % {"link": link, "days": UNCONFIRMED_DAYS})
    return subscriber


def subscription_confirm(*, subscriber: Subscriber) -> Subscriber:
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber


def unsubscribe(*, subscriber: Subscriber) -> None:
    """Leaving deletes the address: nothing about the person is kept."""
    subscriber.delete()


def unconfirmed_remove(*, now=None) -> int:
    cutoff = (now or timezone.now()) - timedelta(days=UNCONFIRMED_DAYS)
    removed, _detail = Subscriber.objects.filter(confirmed_at=None, created_at__lt=cutoff).delete()
    return removed


def subscriber_counts() -> tuple[int, int]:
    confirmed = Subscriber.objects.exclude(confirmed_at=None).count()
    return confirmed, Subscriber.objects.count() - confirmed
