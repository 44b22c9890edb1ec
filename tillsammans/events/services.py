"""Writes about events: create, change, move and cancel; series; registration with a waitlist that
moves by itself; attendance and walk-ins; completions; anonymous feedback; guest-data removal."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core import audit, pii, waitlist
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.events import invitations
from tillsammans.events.models import (
    ACTIVE,
    CompetenceRequirement,
    Completion,
    Course,
    Event,
    EventSeries,
    FeedbackAnswer,
    Registration,
    RegistrationStatus,
)

GUARDED_EVENT_FIELDS = ("title", "description", "place", "accessibility")


def _guard(values: dict[str, str]) -> dict[str, list[str]]:
    """The shared personal-data guard on structural free text, field by field, before saving."""
    errors = {}
    for name, text in values.items():
        try:
            pii.validate_text(text)
        except ValidationError as exc:
            errors[name] = exc.messages
    return errors


def _check_event(data: dict) -> None:
    errors = _guard({k: data.get(k, "") for k in GUARDED_EVENT_FIELDS})
    starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    deadline = data.get("registration_deadline")
    if deadline and starts_at and deadline > starts_at:
        errors["registration_deadline"] = _("The last day to register must be before the event starts.")
    if data.get("capacity") is not None and data["capacity"] < 1:
        errors["capacity"] = _("Give at least one place.")
    if not data.get("place", "").strip() and not data.get("video_link"):
        errors["place"] = _("Give a place or a video link.")
    if errors:
        raise ValidationError(errors)


EVENT_FIELDS = ("title", "kind", "series", "presenting_unit", "course", "description", "starts_at", "ends_at",
                "place", "accessibility", "video_link", "capacity", "registration_deadline", "open_to_guests",
                "audience_roles")


def event_create(*, actor: Actor, audience_areas=(), organisers=(), **data) -> Event:
    _check_event(data)
    with transaction.atomic():
        event = Event.objects.create(**{k: v for k, v in data.items() if k in EVENT_FIELDS})
        event.audience_areas.set(audience_areas)
        event.organisers.set({actor.membership, *organisers} if actor.membership else set(organisers))
        audit.record(actor, AuditAction.CREATE, event)
    return event


def series_create(*, actor: Actor, name: str, kind: str, description: str = "") -> EventSeries:
    errors = _guard({"name": name, "description": description})
    if not name.strip():
        errors["name"] = _("Give the series a name.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        series = EventSeries.objects.create(name=name.strip(), kind=kind, description=description)
        series.organisers.add(actor.membership)
        audit.record(actor, AuditAction.CREATE, series)
    return series


def series_change(*, actor: Actor, series: EventSeries, name: str, kind: str, description: str = "") -> EventSeries:
    errors = _guard({"name": name, "description": description})
    if not name.strip():
        errors["name"] = _("Give the series a name.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        series.name, series.kind, series.description = name.strip(), kind, description
        series.save()
        audit.record(actor, AuditAction.UPDATE, series)
    return series


def _active(event: Event) -> list[Registration]:
    return list(event.registrations.filter(status__in=ACTIVE).select_related("user", "event"))


def _fill_free_places(event: Event) -> list[Registration]:
    """Move waitlisted people up while there are places. Call with the event row locked."""
    if event.cancelled or event.starts_at <= timezone.now():
        return []
    return waitlist.fill_free_places(event.registrations.select_related("user", "event"), event.capacity,
                                     on_promoted=invitations.promoted)


def event_change(*, actor: Actor, event: Event, audience_areas=None, **data) -> Event:
    """Change or move an event. Everyone registered gets an updated meeting request (same UID,
    higher SEQUENCE); a larger capacity moves waitlisted people up."""
    merged = {k: getattr(event, k) for k in EVENT_FIELDS} | data
    _check_event(merged)
    if event.cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        registered = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        if data.get("capacity") is not None and data["capacity"] < registered:
            raise ValidationError({"capacity": _(
                "%(n)s people already have a place; cancel places before lowering the capacity below that."
            ) % {"n": registered}})
        changed = [k for k, v in data.items() if k in EVENT_FIELDS and getattr(event, k) != v]
        for key in changed:
            setattr(event, key, data[key])
        notify = {"starts_at", "ends_at", "place", "video_link", "title"} & set(changed)
        if notify:
            event.sequence += 1
        event.save()
        if audience_areas is not None:
            event.audience_areas.set(audience_areas)
        audit.record(actor, AuditAction.UPDATE, event, detail={"changed": sorted(changed)})
        if notify:
            invitations.event_changed(event, _active(event))
        _fill_free_places(event)
    return event


def event_cancel(*, actor: Actor, event: Event) -> Event:
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.cancelled:
            return event
        event.cancelled = True
        event.sequence += 1
        event.save(update_fields=["cancelled", "sequence"])
        audit.record(actor, AuditAction.UPDATE, event, detail={"cancelled": True})
        invitations.event_cancelled(event, _active(event))
    return event


def _audience_of(event: Event):
    """The people the event is for: current memberships in the audience's roles, in units of the
    audience's areas (sub-areas included) when areas are named. One row per person."""
    from tillsammans.accounts.models import Membership
    from tillsammans.organisations.selectors import descendant_area_ids

    people = Membership.objects.current().filter(role__in=event.audience_roles or [])
    area_ids = list(event.audience_areas.values_list("pk", flat=True))
    if area_ids:
        people = people.filter(unit__area_links__area_id__in=descendant_area_ids(area_ids))
    return people.exclude(user__email="").values_list("user_id", "user__email").distinct().order_by("user_id")


def event_announce(*, actor: Actor, event: Event) -> int:
    """E-mail the audience the event with the link to register in one click; returns how many."""
    _refuse_closed(event)
    registered = set(event.registrations.filter(status__in=ACTIVE).values_list("user_id", flat=True))
    recipients = [(user_id, email) for user_id, email in _audience_of(event) if user_id not in registered]
    with transaction.atomic():
        for user_id, email in recipients:
            invitations.announcement(event, user_id=user_id, email=email)
        audit.record(actor, AuditAction.UPDATE, event, detail={"announced_to": len(recipients)})
    return len(recipients)


def _refuse_closed(event: Event) -> None:
    if event.cancelled:
        raise ValidationError(_("The event is cancelled, so no one can register."))
    now = timezone.now()
    if event.starts_at <= now:
        raise ValidationError(_("The event has already started."))
    if event.registration_deadline and now > event.registration_deadline:
        raise ValidationError(_("The last day to register was %(day)s.") % {
            "day": timezone.localtime(event.registration_deadline).strftime("%Y-%m-%d")})


def _create(event: Event, **fields) -> Registration:
    """Place or waitlist, decided with the event row locked so that places never exceed capacity."""
    status = waitlist.status_for_new(event.registrations, event.capacity)
    try:
        with transaction.atomic():
            return Registration.objects.create(event=event, status=status, **fields)
    except IntegrityError as exc:
        raise ValidationError(_("You are already registered for this event.")) from exc


def register_staff(*, actor: Actor, event: Event) -> Registration:
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        _refuse_closed(event)
        if event.registrations.filter(user=actor.user, status__in=ACTIVE).exists():
            raise ValidationError(_("You are already registered for this event."))
        registration = _create(event, user=actor.user, membership=actor.membership)
        audit.record(actor, AuditAction.CREATE, registration)
        invitations.confirmation(registration)
    return registration


def register_guest(*, actor: Actor, event: Event, name: str, organisation: str, email: str,
                   dietary: str = "", accessibility_needs: str = "") -> Registration:
    errors = {}
    if not name.strip():
        errors["name"] = _("Write your name.")
    if not email.strip():
        errors["email"] = _("Write your e-mail address, so that we can send the confirmation.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if not event.open_to_guests:
            raise ValidationError(_("This event is not open to external guests."))
        _refuse_closed(event)
        email = email.strip().lower()
        if event.registrations.filter(email=email, status__in=ACTIVE).exists():
            raise ValidationError({"email": _("This e-mail address is already registered for the event.")})
        registration = _create(event, name=name.strip(), organisation=organisation.strip(), email=email,
                               dietary=dietary.strip(), accessibility_needs=accessibility_needs.strip(),
                               is_guest=True)
        audit.record(actor, AuditAction.CREATE, registration, detail={"guest": True})
        invitations.confirmation(registration)
    return registration


def registration_cancel(*, actor: Actor, registration: Registration) -> Registration:
    """Cancel a place (by the person, by link or by an organiser); the first on the waitlist moves up
    and is told."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_related("user", "event").get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        had_place = registration.status == RegistrationStatus.REGISTERED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        audit.record(actor, AuditAction.UPDATE, registration, detail={"cancelled": True})
        if had_place:
            invitations.cancelled_place(registration)
            _fill_free_places(event)
    return registration


def attendance_set(*, actor: Actor, registration: Registration, attended: bool) -> Registration:
    with transaction.atomic():
        registration.attended = attended
        registration.save(update_fields=["attended"])
        event = registration.event
        if event.course_id and registration.user_id:
            day = timezone.localtime(event.starts_at).date()
            if attended:
                Completion.objects.get_or_create(
                    user_id=registration.user_id, course_id=event.course_id, completed_on=day,
                    defaults={"source": Completion.Source.ATTENDANCE, "event": event,
                              "registered_by": actor.membership})
            else:
                Completion.objects.filter(user_id=registration.user_id, course_id=event.course_id,
                                          event=event, source=Completion.Source.ATTENDANCE).delete()
        audit.record(actor, AuditAction.UPDATE, registration, detail={"attended": attended})
    return registration


def walk_in_add(*, actor: Actor, event: Event, name: str, organisation: str = "", email: str = "") -> Registration:
    if not name.strip():
        raise ValidationError({"name": _("Write the person's name.")})
    with transaction.atomic():
        registration = Registration.objects.create(
            event=event, name=name.strip(), organisation=organisation.strip(), email=email.strip().lower(),
            is_guest=True, walk_in=True, attended=True, status=RegistrationStatus.REGISTERED)
        audit.record(actor, AuditAction.CREATE, registration, detail={"walk_in": True})
    return registration


def completion_record(*, actor: Actor, user, course: Course, completed_on, evidence: str) -> Completion:
    errors = {}
    if completed_on > timezone.localdate():
        errors["completed_on"] = _("The date cannot be in the future.")
    if not evidence.strip():
        errors["evidence"] = _("Say what shows the course was completed (e.g. a certificate from the provider).")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        completion, _created = Completion.objects.get_or_create(
            user=user, course=course, completed_on=completed_on,
            defaults={"source": Completion.Source.MANUAL, "evidence": evidence.strip(),
                      "registered_by": actor.membership})
        audit.record(actor, AuditAction.CREATE, completion)
    return completion


def completion_remove(*, actor: Actor, completion: Completion) -> None:
    """Remove a completion registered by hand (a mistake); those from attendance follow attendance."""
    if completion.source != Completion.Source.MANUAL:
        raise ValidationError(_("A course completed by attendance is removed by unticking the attendance."))
    with transaction.atomic():
        audit.record(actor, AuditAction.DELETE, completion)
        completion.delete()


def course_save(*, actor: Actor, course: Course | None = None, name: str, description: str = "",
                validity_years: int | None = None, sub_goal_number: str = "", active: bool = True) -> Course:
    errors = _guard({"name": name, "description": description})
    if not name.strip():
        errors["name"] = _("Give the course a name.")
    elif Course.objects.filter(name__iexact=name.strip()).exclude(pk=getattr(course, "pk", None)).exists():
        errors["name"] = _("There is already a course with this name.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = AuditAction.UPDATE if course else AuditAction.CREATE
        course = course or Course()
        course.name, course.description, course.validity_years = name.strip(), description, validity_years
        course.sub_goal_number, course.active = sub_goal_number.strip(), active
        course.save()
        audit.record(actor, action, course)
    return course


def requirement_add(*, actor: Actor, course: Course, role: str, area=None) -> CompetenceRequirement:
    with transaction.atomic():
        requirement, created = CompetenceRequirement.objects.get_or_create(course=course, role=role, area=area)
        if not created:
            raise ValidationError(_("That requirement already exists."))
        audit.record(actor, AuditAction.CREATE, requirement)
    return requirement


def requirement_remove(*, actor: Actor, requirement: CompetenceRequirement) -> None:
    with transaction.atomic():
        audit.record(actor, AuditAction.DELETE, requirement)
        requirement.delete()


def feedback_submit(*, registration: Registration, rating: int, useful: int, comment: str) -> FeedbackAnswer:
    """Store an anonymous answer. Only the fact that this registration has answered is kept (to
    stop a second answer); the answer itself points at no one."""
    errors = _guard({"comment": comment})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.feedback_given:
            raise ValidationError(_("You have already answered. Thank you!"))
        if not locked.attended:
            raise ValidationError(_("Only those who attended can answer."))
        locked.feedback_given = True
        locked.save(update_fields=["feedback_given"])
        return FeedbackAnswer.objects.create(event_id=locked.event_id, rating=rating, useful=useful,
                                             comment=comment.strip(), answered_on=timezone.localdate())


def guest_data_remove(*, now=None) -> int:
    """Blank external guests' personal details once the retention time after the event has passed."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.EVENTS_GUEST_RETENTION_DAYS)
    rows = Registration.objects.filter(is_guest=True, guest_data_removed=False, event__ends_at__lt=cutoff)
    return rows.update(name="", organisation="", email="", dietary="", accessibility_needs="",
                       guest_data_removed=True)
