"""Attendance, answers to invitations and follow-up actions (the calendar feed is in ``calendar_feed``)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.accounts.models import Contact
from tillsammans.core import audit, pii
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.networks.models import ActionItem, Attendance, NetworkMeeting


def attendance_save(*, actor: Actor, meeting: NetworkMeeting, present_member_ids) -> None:
    present = {int(pk) for pk in present_member_ids}
    with transaction.atomic():
        for member in meeting.network.members.filter(left_at__isnull=True):
            Attendance.objects.update_or_create(meeting=meeting, member=member,
                                                defaults={"present": member.pk in present})
        audit.record(actor, AuditAction.UPDATE, meeting, detail={"attendance": len(present)})


def respond(*, actor: Actor, meeting: NetworkMeeting, response: str) -> Attendance:
    """A member unit's contact person answers coming or not coming, in the page."""
    if response not in (Attendance.Response.ACCEPTED, Attendance.Response.DECLINED):
        raise ValidationError({"response": _("Answer coming or not coming.")})
    member = meeting.network.members.filter(contact_membership=actor.membership, left_at__isnull=True).first()
    if member is None:
        raise ValidationError({"response": _("You are not invited to this meeting.")})
    with transaction.atomic():
        row, _created = Attendance.objects.update_or_create(meeting=meeting, member=member,
                                                             defaults={"response": response})
        audit.record(actor, AuditAction.UPDATE, meeting, detail={"response": response})
    return row


def action_add(*, actor: Actor, meeting: NetworkMeeting, text: str, owner, due: date) -> ActionItem:
    """``owner``: a ``Membership`` (a person with a login) or a ``Contact`` (a member unit's contact
    person without one); either must belong to the network (convener or a current member's contact)."""
    errors = {}
    if not text.strip():
        errors["text"] = _("Describe the action.")
    elif pii.find(text):
        errors["text"] = _("Write the action without personal data about children or families.")
    if due and due < timezone.localdate():
        errors["due"] = _("The due date has passed.")
    if not any(owner == candidate for candidate in owners_for(meeting.network)):
        errors["owner"] = _("Choose the convener or a member unit's contact person.")
    elif isinstance(owner, Contact) and not owner.email:
        errors["owner"] = _("%(name)s has no e-mail address, so cannot be reminded.") % {"name": owner.name}
    if errors:
        raise ValidationError(errors)
    is_contact = isinstance(owner, Contact)
    with transaction.atomic():
        item = ActionItem.objects.create(meeting=meeting, text=text.strip(), due=due,
                                         owner=None if is_contact else owner,
                                         owner_contact=owner if is_contact else None)
        audit.record(actor, AuditAction.CREATE, item)
    return item


def owners_for(network) -> list:
    """Who may own an action: the convener and each current member's contact person, with or
    without a login."""
    people: list = [network.convener]
    for member in network.members.filter(left_at__isnull=True).select_related(
            "unit", "contact_membership__user", "contact__unit"):
        person = member.contact_membership or member.contact
        if person is not None and person not in people:
            people.append(person)
    return people


def action_done(*, actor: Actor, item: ActionItem) -> ActionItem:
    with transaction.atomic():
        item.done_at = timezone.now()
        item.save(update_fields=["done_at"])
        audit.record(actor, AuditAction.UPDATE, item, detail={"done": True})
    return item


def actions_due(today: date, days: int = 2):
    return ActionItem.objects.filter(done_at__isnull=True, due__lte=today + timedelta(days=days)).select_related(
        "owner__user", "owner__unit", "owner_contact__unit", "meeting__network__convener__user")
