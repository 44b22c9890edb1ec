"""A SIP meeting's record, and invitations to the family by e-mail (protected identity respected:
each person gets their own message with no names and no other addresses)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.childplans.models import MeetingRecord, PlanMeeting
from tillsammans.childplans.versions import record_version
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.calendar import Invitation, to_ics
from tillsammans.core.models import AuditAction

PURPOSE = "SIP"


def save_record(*, actor: Actor, meeting: PlanMeeting, attended, agreed: str, child_attended: bool = False,
                guardians_attended=(), others_attended: str = "", next_meeting=None) -> MeetingRecord:
    plan = meeting.plan
    attended, guardians_attended = list(attended), list(guardians_attended)
    errors = {}
    if not agreed.strip():
        errors["agreed"] = _("Write what was agreed.")
    if any(g.child_id != plan.child_id for g in guardians_attended):
        errors["guardians_attended"] = _("Only the child's own guardians.")
    if next_meeting and next_meeting < timezone.localtime(meeting.starts_at).date():
        errors["next_meeting"] = _("The next meeting is after this one.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record, _created = MeetingRecord.objects.update_or_create(meeting=meeting, defaults={
            "agreed": agreed.strip(), "child_attended": child_attended, "others_attended": others_attended.strip(),
            "next_meeting": next_meeting, "recorded_by": actor.membership})
        record.attended.set(attended)
        record.guardians_attended.set(guardians_attended)
        audit.record(actor, AuditAction.UPDATE if not _created else AuditAction.CREATE, record,
                     person=plan.child, purpose=PURPOSE)
        record_version(actor=actor, plan=plan, note=_("Record of the SIP meeting %(date)s") % {
            "date": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")})
    return record


def family_recipients(plan) -> list[tuple[str, str]]:
    """(key, e-mail) of the guardians and the young person who have an e-mail address."""
    people = [(f"guardian-{g.pk}", g.email) for g in plan.child.guardians.all() if g.email]
    if plan.child.email:
        people.append(("child", plan.child.email))
    return people


def invite_family(*, actor: Actor, meeting: PlanMeeting, keys) -> int:
    """Send each chosen family member their own invitation: time, place and the coordinator's
    name – never the child's or anyone else's name or address."""
    from tillsammans.core.tasks import queue_mail

    plan = meeting.plan
    chosen = [(key, email) for key, email in family_recipients(plan) if key in set(keys)]
    if not chosen:
        raise ValidationError({"recipients": _("Choose who to invite.")})
    if meeting.cancelled:
        raise ValidationError({"recipients": _("The meeting is cancelled.")})
    lead = plan.lead_membership
    when = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")
    with transaction.atomic():
        for key, email in chosen:
            ics = to_ics(Invitation(
                uid=f"sip-meeting-{meeting.pk}-{key}@tillsammans", sequence=meeting.sequence,
                summary=_("SIP meeting"), starts_at=meeting.starts_at, ends_at=meeting.ends_at,
                organizer_name=lead.user.get_full_name(), organizer_email=lead.user.email,
                location=meeting.place,
                description=_("You are invited to a meeting about the coordinated plan. Contact %(name)s, "
                              "%(unit)s, if the time does not suit you.") % {
                    "name": lead.user.get_full_name(), "unit": lead.unit.name})).decode()
            queue_mail(key=f"sip-family:{meeting.pk}:{meeting.sequence}:{key}", to=[email],
                       subject=_("Invitation: SIP meeting %(when)s") % {"when": when},
                       body=_("Welcome to a meeting about the coordinated plan (SIP) on %(when)s, %(place)s. "
                              "Contact %(name)s at %(unit)s, %(email)s, with questions or if the time does not "
                              "suit you.") % {"when": when, "place": meeting.place,
                                             "name": lead.user.get_full_name(), "unit": lead.unit.name,
                                             "email": lead.user.email},
                       attachments=[["sip-mote.ics", ics, "text/calendar; method=REQUEST"]])
        audit.record(actor, AuditAction.DISCLOSE, meeting, person=plan.child, purpose=PURPOSE,
                     detail={"family_invited": [key for key, _email in chosen],
                             "description": f"Familjen inbjuden till SIP-möte {when} ({len(chosen)} personer)"})
    return len(chosen)


def guardian_label(plan):
    from tillsammans.core import identity

    return lambda g: identity.shown(g, basis="lead", child=plan.child).label

