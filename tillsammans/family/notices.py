"""Notices without content: an e-mail or a text message saying that something is new in a plan, that a
meeting is booked or that a consent is about to expire – never what, never whose. Sent through the
same outbox as staff mail (at most once per key), in the person's chosen language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tillsammans.childplans import rules as access_rules
from tillsammans.childplans.models import Consent, CoordinatedPlan, PlanMeeting, PlanVersion
from tillsammans.core.tasks import queue_mail, queue_text
from tillsammans.family.models import NoticeChoice

CONSENT_NOTICE_DAYS = 30
KINDS = ("new", "meeting", "consent")


@dataclass(frozen=True)
class Notice:
    key: str
    channel: str  # "email" or "sms"
    to: str
    language: str
    kind: str


def _text(kind: str) -> tuple[str, str]:
    url = f"{settings.SITE_URL}/familj/"
    subject = {"new": _("Something new in a plan in Tillsammans"), "meeting": _("A meeting is booked in Tillsammans"),
               "consent": _("A consent in Tillsammans expires soon")}[kind]
    return subject, _("%(what)s. Log in with e-ID to read it: %(url)s") % {"what": subject, "url": url}


def _recipients(plan: CoordinatedPlan, choices: dict[str, NoticeChoice]) -> list[tuple[str, str, str, str]]:
    """(identity, channel, address, language) of everyone in the family who reaches the plan."""
    people = []
    for guardian in plan.child.guardians.filter(has_custody=True).exclude(personal_number=""):
        if access_rules.family_plans(guardian.personal_number).get(plan.pk) != "guardian":
            continue
        people.append((guardian.personal_number, guardian.email, guardian.phone))
    if access_rules.family_plans(plan.child.personal_number).get(plan.pk) == "young_person":
        people.append((plan.child.personal_number, plan.child.email, ""))
    result = []
    for number, email, phone in people:
        choice = choices.get(number)
        channel = choice.channel if choice else NoticeChoice.Channel.EMAIL
        language = choice.language if choice else "sv"
        address = {"email": email, "sms": phone}.get(channel, "")
        if address:
            result.append((number, channel, address, language))
    return result


def due(today: date) -> list[Notice]:
    since = timezone.now() - timedelta(days=1)
    reasons: dict[int, set[str]] = {}
    for plan_id in PlanVersion.objects.filter(created_at__gte=since, created_by__isnull=False).values_list(
            "plan_id", flat=True):
        reasons.setdefault(plan_id, set()).add("new")
    for plan_id in PlanMeeting.objects.filter(created_at__gte=since, cancelled=False).values_list("plan_id", flat=True):
        reasons.setdefault(plan_id, set()).add("meeting")
    for plan_id in Consent.objects.filter(valid_to=today + timedelta(days=CONSENT_NOTICE_DAYS)).values_list(
            "plan_id", flat=True):
        reasons.setdefault(plan_id, set()).add("consent")
    if not reasons:
        return []
    choices = {c.identity_number: c for c in NoticeChoice.objects.all()}
    notices = []
    for plan in CoordinatedPlan.objects.filter(pk__in=reasons).select_related("child"):
        for number, channel, address, language in _recipients(plan, choices):
            for kind in sorted(reasons[plan.pk]):
                notices.append(Notice(key=f"family-notice:{kind}:{plan.pk}:{number}:{today}", channel=channel,
                                      to=address, language=language, kind=kind))
    return notices


def send_due(today: date | None = None) -> int:
    today = today or timezone.localdate()
    notices = due(today)
    for notice in notices:
        with translation.override(notice.language):
            subject, body = _text(notice.kind)
        if notice.channel == "sms":
            queue_text(key=notice.key, to=notice.to, body=body)
        else:
            queue_mail(key=notice.key, to=[notice.to], subject=subject, body=body)
    return len(notices)
