"""SIP meetings: invitations by e-mail with an .ics that opens in Outlook; answers in the page."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.childplans import rules
from tillsammans.childplans.models import CoordinatedPlan, MeetingInvitation, PlanMeeting
from tillsammans.core import audit, busy
from tillsammans.core.access import Actor
from tillsammans.core.calendar import Invitation
from tillsammans.core.invitations import queue_invitation
from tillsammans.core.models import AuditAction


def _invitees(plan: CoordinatedPlan):
    covered = rules.covered_units([plan.pk])[plan.pk]
    return [p.membership for p in plan.participants.filter(removed_at__isnull=True).select_related(
        "membership__user", "membership__unit")
        if p.membership.unit_id in covered or p.membership_id == plan.lead_membership_id]


def conflicts(plan: CoordinatedPlan, starts_at, ends_at, *, exclude: PlanMeeting | None = None) -> list[str]:
    """Who of those the meeting invites is already booked then (every kind of meeting that joins
    ``core.busy``): a warning for the lead before booking or moving."""
    if not starts_at or not ends_at or ends_at <= starts_at:
        return []
    people = {m.user_id: m.user.get_full_name() for m in _invitees(plan)}
    found = []
    for booking in busy.bookings(user_ids=people, starts_at=starts_at, ends_at=ends_at, exclude=exclude):
        when = timezone.localtime(booking.starts_at).strftime("%H:%M")
        if booking.owner_key == busy.key_of(plan):
            found.append(_("The plan already has a meeting then (%(when)s).") % {"when": when})
            continue
        for user_id in sorted(booking.user_ids & people.keys()):
            found.append(_("%(person)s is already booked (%(what)s) at %(when)s.")
                         % {"person": people[user_id], "what": booking.what, "when": when})
    return found


def _send(meeting: PlanMeeting) -> None:
    """The request (or cancellation) to everyone invited; the lead organises and is not sent one."""
    plan = meeting.plan
    lead = plan.lead_membership
    url = settings.SITE_URL + reverse("childplans:plan", args=[plan.pk]) + f"#mote-{meeting.pk}"
    invitations = list(meeting.invitations.select_related("membership__user"))
    when = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")
    if meeting.cancelled:
        subject = _("Cancelled: SIP meeting %(when)s")
    elif meeting.sequence:
        subject = _("Changed: SIP meeting %(when)s")
    else:
        subject = _("SIP meeting %(when)s")
    queue_invitation(
        invitation=Invitation(
            uid=f"sip-meeting-{meeting.pk}@tillsammans", sequence=meeting.sequence,
            summary=_("SIP meeting (SIP %(plan)s)") % {"plan": plan.pk}, starts_at=meeting.starts_at,
            ends_at=meeting.ends_at, organizer_name=lead.user.get_full_name(), organizer_email=lead.user.email,
            attendees=[(i.membership.user.get_full_name(), i.membership.user.email) for i in invitations],
            location=meeting.place, url=url, cancelled=meeting.cancelled,
            description=_("Coordinated individual plan %(plan)s. The invitation contains no personal data.")
            % {"plan": plan.pk}),
        subject=subject % {"when": when}, body=_("Answer in Tillsammans: %(url)s") % {"url": url},
        filename="sip-mote.ics")


def schedule(*, actor: Actor, plan: CoordinatedPlan, starts_at, ends_at, place: str) -> PlanMeeting:
    errors = {}
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    if not place.strip():
        errors["place"] = _("Give a place or a video link.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = PlanMeeting.objects.create(plan=plan, starts_at=starts_at, ends_at=ends_at, place=place.strip())
        MeetingInvitation.objects.bulk_create([MeetingInvitation(meeting=meeting, membership=m)
                                               for m in _invitees(plan)])
        audit.record(actor, AuditAction.CREATE, meeting, person=plan.child, purpose="SIP")
        _send(meeting)
    return meeting


def reschedule(*, actor: Actor, meeting: PlanMeeting, starts_at, ends_at, place: str) -> PlanMeeting:
    """Move the meeting: everyone invited is sent an update (same UID, higher SEQUENCE)."""
    errors = {}
    if meeting.cancelled:
        errors["__all__"] = _("A cancelled meeting cannot be moved; book a new one.")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    if starts_at and starts_at < timezone.now():
        errors["starts_at"] = _("The new time has already passed.")
    if not place.strip():
        errors["place"] = _("Give a place or a video link.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting.starts_at, meeting.ends_at, meeting.place = starts_at, ends_at, place.strip()
        meeting.sequence += 1
        meeting.save()
        audit.record(actor, AuditAction.UPDATE, meeting, person=meeting.plan.child, purpose="SIP")
        _send(meeting)
    return meeting


def cancel(*, actor: Actor, meeting: PlanMeeting) -> PlanMeeting:
    """Cancel the meeting: everyone invited is sent a cancellation (METHOD:CANCEL)."""
    if meeting.cancelled:
        raise ValidationError(_("The meeting is already cancelled."))
    with transaction.atomic():
        meeting.cancelled = True
        meeting.sequence += 1
        meeting.save()
        audit.record(actor, AuditAction.UPDATE, meeting, person=meeting.plan.child, purpose="SIP",
                     detail={"cancelled": True})
        _send(meeting)
    return meeting


def respond(*, actor: Actor, meeting: PlanMeeting, response: str) -> MeetingInvitation:
    if response not in (MeetingInvitation.Response.ACCEPTED, MeetingInvitation.Response.DECLINED):
        raise ValidationError({"response": _("Answer coming or not coming.")})
    invitation = MeetingInvitation.objects.filter(meeting=meeting, membership=actor.membership).first()
    if invitation is None:
        raise ValidationError({"response": _("You are not invited to this meeting.")})
    with transaction.atomic():
        invitation.response = response
        invitation.responded_at = timezone.now()
        invitation.save()
        audit.record(actor, AuditAction.UPDATE, invitation, person=meeting.plan.child, purpose="SIP")
    return invitation
