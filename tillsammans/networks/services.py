"""Writes about networks: forming from geography, members, meetings, minutes (guarded)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.core import audit, pii
from tillsammans.core.access import Actor
from tillsammans.core.calendar import Invitation
from tillsammans.core.invitations import queue_invitation
from tillsammans.core.models import AuditAction
from tillsammans.networks.models import Network, NetworkMeeting, NetworkMember, TextRefusal
from tillsammans.organisations.models import Unit
from tillsammans.organisations.selectors import ancestor_ids, descendant_area_ids


@dataclass
class Proposal:
    unit: Unit
    source: str  # "located" (its point lies in the area) or "serves" (registered as serving it)
    number: int = 0  # its number on the forming page's map and list
    people: list = dataclasses.field(default_factory=list)  # ("m" | "c", pk, name): who may be its contact


def propose_members(area, unit_type_codes) -> list[Proposal]:
    """Units of the wanted types located in the area (boundary included) or registered as serving it:
    a unit that serves the area, a part of it, or a larger area holding it (a social services office
    or a library for the whole municipality, a dental clinic's catchment) serves it without lying in it."""
    areas = descendant_area_ids([area.pk])
    located = Unit.objects.current().filter(area_links__area_id__in=areas, unit_type__code__in=unit_type_codes)
    serving = Unit.objects.current().filter(served_areas__in=areas | set(ancestor_ids(area)),
                                            unit_type__code__in=unit_type_codes)
    found: dict[int, Proposal] = {}
    for unit in located.select_related("unit_type", "authority__principal").distinct():
        found[unit.pk] = Proposal(unit, "located")
    for unit in serving.select_related("unit_type", "authority__principal").distinct():
        found.setdefault(unit.pk, Proposal(unit, "serves"))
    proposals = sorted(found.values(), key=lambda p: (p.unit.unit_type.sort_order, p.unit.name))
    for number, proposal in enumerate(proposals, start=1):
        proposal.number = number
    return proposals


def network_create(*, actor: Actor, name: str, kind: str, area, convener, members, purpose: str = "",
                   meetings_per_term: int = 2, usual_minutes: int = 150) -> Network:
    """``members``: (unit, contact_membership or None, contact or None) per confirmed unit."""
    errors = {}
    if not name.strip():
        errors["name"] = _("Give the network a name.")
    if not members:
        errors["members"] = _("Confirm at least one member unit.")
    if not 1 <= meetings_per_term <= 6:
        errors["meetings_per_term"] = _("Between 1 and 6 meetings per term.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        network = Network.objects.create(name=name.strip(), kind=kind, area=area, convener=convener,
                                         purpose=purpose, meetings_per_term=meetings_per_term,
                                         usual_minutes=usual_minutes)
        NetworkMember.objects.bulk_create([NetworkMember(network=network, unit=unit, contact_membership=person,
                                                         contact=contact) for unit, person, contact in members])
        audit.record(actor, AuditAction.CREATE, network, detail={"members": len(members)})
    return network


def membership_drift(network: Network) -> dict[str, list[Unit]]:
    """After a boundary or address change: units now inside the area that are not members, and
    members whose point no longer lies in it."""
    types = set(network.members.values_list("unit__unit_type__code", flat=True))
    inside = {p.unit.pk: p.unit for p in propose_members(network.area, types) if p.source == "located"}
    members = {m.unit_id: m.unit for m in network.members.filter(left_at__isnull=True).select_related("unit")}
    return {"fell_in": [u for pk, u in inside.items() if pk not in members],
            "fell_out": [u for pk, u in members.items() if pk not in inside]}


def _check_meeting(network, starts_at, ends_at, place, exclude=None) -> None:
    errors = {}
    if ends_at <= starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    clash = NetworkMeeting.objects.filter(place__iexact=place.strip(), cancelled=False, starts_at__lt=ends_at,
                                          ends_at__gt=starts_at)
    if exclude:
        clash = clash.exclude(pk=exclude.pk)
    if place.strip() and not place.startswith("http") and clash.exists():
        errors["place"] = _("%(place)s is already booked then.") % {"place": place}
    missing = [m.unit.name for m in network.members.filter(left_at__isnull=True).select_related(
        "unit", "contact_membership__user", "contact") if not m.contact_email]
    if missing:
        errors["__all__"] = _("These member units have no contact person with an e-mail address, so they "
                              "cannot be invited: %(units)s.") % {"units": ", ".join(missing)}
    if errors:
        raise ValidationError(errors)


def _send(meeting: NetworkMeeting) -> None:
    """The request (or cancellation) to every member's contact person; the convener organises."""
    network = meeting.network
    convener = network.convener.user
    members = list(network.members.filter(left_at__isnull=True).select_related(
        "unit", "contact_membership__user", "contact"))
    url = settings.SITE_URL + reverse("networks:meeting", args=[meeting.pk])
    themes = ", ".join(t.name for t in meeting.themes.all())
    description = "\n\n".join(part for part in (
        _("Themes: %(themes)s") % {"themes": themes} if themes else "",
        _("Agenda:\n%(agenda)s") % {"agenda": meeting.agenda} if meeting.agenda else "") if part)
    when = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")
    if meeting.cancelled:
        subject = _("Cancelled: %(network)s %(when)s")
    elif meeting.sequence:
        subject = _("Changed: %(network)s %(when)s")
    else:
        subject = _("%(network)s %(when)s")
    queue_invitation(
        invitation=Invitation(
            uid=f"network-meeting-{meeting.pk}@tillsammans", sequence=meeting.sequence, summary=network.name,
            starts_at=meeting.starts_at, ends_at=meeting.ends_at, organizer_name=convener.get_full_name(),
            organizer_email=convener.email, attendees=[(m.contact_name, m.contact_email) for m in members],
            location=meeting.place, url=url, cancelled=meeting.cancelled, description=description),
        subject=subject % {"network": network.name, "when": when},
        body=_("Agenda, attendance and minutes: %(url)s") % {"url": url})


def agenda_from_themes(themes, agenda: str = "") -> str:
    """The agenda built from the chosen themes: the usual opening, one item per theme, the usual
    close. Items already written are kept, and a theme already on the agenda is not added twice."""
    names = [str(t.name if hasattr(t, "name") else t) for t in themes]
    existing = [line.strip() for line in agenda.splitlines() if line.strip()]
    if not existing:
        existing = [_("Welcome and news from the area")]
    body = [line.split(". ", 1)[-1] if line[:1].isdigit() else line for line in existing]
    closing = [_("Follow-up of last meeting's actions"), _("Other questions"), _("Next meeting")]
    body = [line for line in body if line not in closing]
    for name in names:
        item = _("Theme: %(theme)s") % {"theme": name}
        if item not in body:
            body.append(item)
    body += closing
    return "\n".join(f"{number}. {line}" for number, line in enumerate(body, start=1))


def meeting_schedule(*, actor: Actor, network: Network, starts_at, ends_at, place: str, themes=()) -> NetworkMeeting:
    """Book one meeting and send the request; chosen themes build its agenda."""
    _check_meeting(network, starts_at, ends_at, place)
    with transaction.atomic():
        meeting = NetworkMeeting.objects.create(network=network, starts_at=starts_at, ends_at=ends_at,
                                                place=place.strip(),
                                                agenda=agenda_from_themes(themes) if themes else "")
        if themes:
            meeting.themes.set(themes)
        audit.record(actor, AuditAction.CREATE, meeting)
        _send(meeting)
    return meeting


def meeting_change(*, actor: Actor, meeting: NetworkMeeting, starts_at, ends_at, place: str) -> NetworkMeeting:
    """Move the meeting: everyone invited is sent an update (same UID, higher SEQUENCE)."""
    if meeting.cancelled:
        raise ValidationError(_("A cancelled meeting cannot be moved; book a new one."))
    if starts_at and starts_at < timezone.now():
        raise ValidationError({"starts_at": _("The new time has already passed.")})
    _check_meeting(meeting.network, starts_at, ends_at, place, exclude=meeting)
    with transaction.atomic():
        meeting.starts_at, meeting.ends_at, meeting.place = starts_at, ends_at, place
        meeting.sequence += 1
        meeting.save()
        audit.record(actor, AuditAction.UPDATE, meeting)
        _send(meeting)
    return meeting


def meeting_cancel(*, actor: Actor, meeting: NetworkMeeting) -> NetworkMeeting:
    """Cancel the meeting: everyone invited is sent a cancellation (METHOD:CANCEL)."""
    if meeting.cancelled:
        raise ValidationError(_("The meeting is already cancelled."))
    with transaction.atomic():
        meeting.cancelled = True
        meeting.sequence += 1
        meeting.save()
        audit.record(actor, AuditAction.UPDATE, meeting, detail={"cancelled": True})
        _send(meeting)
    return meeting


GUARD_EXPLANATION = gettext_lazy(
    "Network meetings speak about the children and families they share only in general terms: the "
    "minutes are public records and reach many agencies. Remove %(what)s and write instead, for "
    "example, “en familj med tre barn i förskoleålder”. If a child needs coordinated support, use a "
    "SIP with the guardians' consent; a worry about a child is reported to social services at once.")
KIND_WORDS = {
    "personal_number": gettext_lazy("the personal identity number"), "phone": gettext_lazy("the phone number"),
    "private_email": gettext_lazy("the private e-mail address"), "first_name": gettext_lazy("the first name"),
}


def minutes_save(*, actor: Actor, meeting: NetworkMeeting, agenda: str, minutes: str, decisions: str,
                 themes=None) -> NetworkMeeting:
    """Save agenda, minutes and decisions unless they contain personal data; record a refusal
    (without the text) when they do."""
    errors = {}
    for field, text in (("agenda", agenda), ("minutes", minutes), ("decisions", decisions)):
        findings = pii.find(text)
        if findings:
            kinds = sorted({f.kind for f in findings})
            TextRefusal.objects.create(meeting=meeting, membership=actor.membership, field=field, kinds=kinds)
            errors[field] = str(GUARD_EXPLANATION) % {"what": ", ".join(str(KIND_WORDS[k]) for k in kinds)}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting.agenda, meeting.minutes, meeting.decisions = agenda, minutes, decisions
        meeting.save(update_fields=["agenda", "minutes", "decisions"])
        if themes is not None:
            meeting.themes.set(themes)
        audit.record(actor, AuditAction.UPDATE, meeting, detail={"minutes": True})
    return meeting
