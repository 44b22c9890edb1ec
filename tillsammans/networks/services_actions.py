"""Attendance, follow-up actions and the personal calendar feed."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from tillsammans.accounts.models import Contact
from tillsammans.core import audit, pii
from tillsammans.core.access import Actor
from tillsammans.core.calendar import STOCKHOLM, new_calendar
from tillsammans.core.models import AuditAction
from tillsammans.networks.models import ActionItem, Attendance, CalendarFeed, NetworkMeeting


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


def feed_create(*, user) -> CalendarFeed:
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


def feed_revoke(*, user) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def meetings_for_user(user):
    """Network meetings where one of the person's memberships convenes or is a member's contact."""
    memberships = list(user.memberships.current().values_list("pk", flat=True))
    return (NetworkMeeting.objects.filter(
        Q(network__convener_id__in=memberships) | Q(network__members__contact_membership_id__in=memberships))
        .distinct().select_related("network").order_by("starts_at"))


def feed_ics(feed: CalendarFeed) -> bytes:
    calendar = new_calendar()
    calendar.add("x-wr-calname", "Tillsammans")
    for meeting in meetings_for_user(feed.user).filter(starts_at__gte=timezone.now() - timedelta(days=90)):
        event = Event()
        event.add("uid", f"network-meeting-{meeting.pk}@tillsammans")
        event.add("sequence", meeting.sequence)
        event.add("dtstamp", timezone.now())
        event.add("dtstart", meeting.starts_at.astimezone(STOCKHOLM))
        event.add("dtend", meeting.ends_at.astimezone(STOCKHOLM))
        event.add("summary", meeting.network.name)
        event.add("location", meeting.place)
        event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
