"""Writes about parent groups: create, change, move and cancel groups and sessions; sign-up with a
waitlist that moves by itself (core.waitlist, shared with events); attendance and completion; the
anonymous evaluation; the group-leader pool; deletion of parents' details after the group."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core import audit, waitlist
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.core.sms import normalise_phone
from tillsammans.support import notify
from tillsammans.support.languages import BY_CODE
from tillsammans.support.models import (
    ACTIVE,
    AgeBand,
    Attendance,
    Evaluation,
    GroupLeader,
    GroupSession,
    LeaderProgramme,
    LeaderStatus,
    ParentGroup,
    Participant,
    ParticipantStatus,
    RemindBy,
)
from tillsammans.support.services import guard

GROUP_FIELDS = ("offer", "programme", "area", "name", "language", "childcare", "capacity", "starts_on", "ends_on",
                "place", "signup_open")
COMPLETION_SHARE = (2, 3)
"""A parent has completed the group when present at two thirds of its sessions (cancelled ones not
counted)."""


def _check_group(data: dict) -> None:
    errors = guard({"name": data.get("name", ""), "place": data.get("place", "")})
    if not (data.get("name") or "").strip():
        errors["name"] = _("Give the group a name.")
    if not (data.get("place") or "").strip():
        errors["place"] = _("Say where the group meets.")
    if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
        errors["ends_on"] = _("The last day must not be before the first.")
    if data.get("capacity") is not None and data["capacity"] < 1:
        errors["capacity"] = _("Give at least one place.")
    if data.get("language") not in BY_CODE:
        errors["language"] = _("Choose a language from the list.")
    if errors:
        raise ValidationError(errors)


def group_create(*, actor: Actor, leaders=(), **data) -> ParentGroup:
    _check_group(data)
    with transaction.atomic():
        group = ParentGroup.objects.create(**{k: v for k, v in data.items() if k in GROUP_FIELDS})
        group.leaders.set(leaders)
        if actor.membership:
            group.organisers.add(actor.membership)
        audit.record(actor, AuditAction.CREATE, group)
    return group


def _active(group: ParentGroup):
    return list(group.participants.filter(status__in=ACTIVE))


def group_change(*, actor: Actor, group: ParentGroup, leaders=None, **data) -> ParentGroup:
    """Change or move a group. Its sessions must stay inside the new period; a larger capacity moves
    the waitlist up."""
    merged = {k: getattr(group, k) for k in GROUP_FIELDS} | data
    _check_group(merged)
    if group.cancelled:
        raise ValidationError(_("A cancelled group cannot be changed."))
    with transaction.atomic():
        group = ParentGroup.objects.select_for_update().get(pk=group.pk)
        outside = [s for s in group.sessions.filter(cancelled=False)
                   if not merged["starts_on"] <= timezone.localtime(s.starts_at).date() <= merged["ends_on"]]
        if outside:
            raise ValidationError({"starts_on": _(
                "%(n)s sessions fall outside the new period (the first on %(day)s). Move or cancel them first."
            ) % {"n": len(outside), "day": timezone.localtime(outside[0].starts_at).strftime("%Y-%m-%d")}})
        registered = group.participants.filter(status=ParticipantStatus.REGISTERED).count()
        if data.get("capacity") is not None and data["capacity"] < registered:
            raise ValidationError({"capacity": _(
                "%(n)s parents already have a place; cancel places before lowering the capacity below that."
            ) % {"n": registered}})
        changed = [k for k, v in data.items() if k in GROUP_FIELDS and getattr(group, k) != v]
        for key in changed:
            setattr(group, key, data[key])
        group.save()
        if leaders is not None:
            group.leaders.set(leaders)
        audit.record(actor, AuditAction.UPDATE, group, detail={"changed": sorted(changed)})
        if {"place", "starts_on", "ends_on"} & set(changed):
            notify.group_changed(group, _active(group))
        _fill(group)
    return group


def group_cancel(*, actor: Actor, group: ParentGroup) -> ParentGroup:
    with transaction.atomic():
        group = ParentGroup.objects.select_for_update().get(pk=group.pk)
        if group.cancelled:
            return group
        group.cancelled = True
        group.signup_open = False
        group.save(update_fields=["cancelled", "signup_open"])
        audit.record(actor, AuditAction.UPDATE, group, detail={"cancelled": True})
        notify.group_cancelled(group, _active(group))
    return group


# Sessions --------------------------------------------------------------------------------------


def _check_session(group: ParentGroup, data: dict) -> None:
    errors = guard({"place": data.get("place", ""), "theme": data.get("theme", "")})
    starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["end"] = _("The session must end after it starts.")
    if starts_at and not group.starts_on <= timezone.localtime(starts_at).date() <= group.ends_on:
        errors["day"] = _("The session must be within the group's period, %(start)s to %(end)s.") % {
            "start": group.starts_on.isoformat(), "end": group.ends_on.isoformat()}
    if errors:
        raise ValidationError(errors)


def session_add(*, actor: Actor, group: ParentGroup, starts_at, ends_at, place: str = "",
                theme: str = "") -> GroupSession:
    if group.cancelled:
        raise ValidationError(_("A cancelled group cannot be changed."))
    _check_session(group, {"starts_at": starts_at, "ends_at": ends_at, "place": place, "theme": theme})
    with transaction.atomic():
        session = GroupSession.objects.create(group=group, starts_at=starts_at, ends_at=ends_at,
                                              place=place.strip(), theme=theme.strip())
        audit.record(actor, AuditAction.CREATE, session)
        _recompute_completion(group)
    return session


def session_change(*, actor: Actor, session: GroupSession, starts_at, ends_at, place: str = "",
                   theme: str = "") -> GroupSession:
    """Change or move a session; everyone in the group is told when the time or place changes."""
    group = session.group
    if session.cancelled or group.cancelled:
        raise ValidationError(_("A cancelled session cannot be changed."))
    _check_session(group, {"starts_at": starts_at, "ends_at": ends_at, "place": place, "theme": theme})
    with transaction.atomic():
        moved = (session.starts_at, session.ends_at, session.place) != (starts_at, ends_at, place.strip())
        session.starts_at, session.ends_at, session.place, session.theme = starts_at, ends_at, place.strip(), \
            theme.strip()
        session.save()
        audit.record(actor, AuditAction.UPDATE, session, detail={"moved": moved})
        if moved:
            notify.session_changed(session, _active(group))
    return session


def session_cancel(*, actor: Actor, session: GroupSession) -> GroupSession:
    with transaction.atomic():
        if session.cancelled:
            return session
        session.cancelled = True
        session.save(update_fields=["cancelled"])
        audit.record(actor, AuditAction.UPDATE, session, detail={"cancelled": True})
        notify.session_cancelled(session, _active(session.group))
        _recompute_completion(session.group)
    return session


# Sign-up -----------------------------------------------------------------------------------------


def _refuse_closed(group: ParentGroup, today: date) -> None:
    if group.cancelled:
        raise ValidationError(_("The group is cancelled, so no one can sign up."))
    if not group.signup_open:
        raise ValidationError(_("Sign-up for this group is closed."))
    if group.ends_on < today:
        raise ValidationError(_("The group has already ended."))


def _fill(group: ParentGroup) -> list[Participant]:
    if group.cancelled or group.ends_on < timezone.localdate():
        return []
    return waitlist.fill_free_places(group.participants.select_related("group"), group.capacity,
                                     on_promoted=notify.promoted)


def participant_signup(*, actor: Actor, group: ParentGroup, name: str, age_band: str, email: str = "",
                       phone: str = "", remind_by: str = RemindBy.EMAIL, language: str = "sv",
                       agreement: bool | None = None) -> Participant:
    """A parent signs up on the public page, or a professional signs them up with their agreement
    (``agreement`` must then be True). A full group puts them on the waitlist."""
    errors: dict[str, str | list[str]] = {}
    if not name.strip():
        errors["name"] = _("Write your name.")
    if age_band not in AgeBand.values:
        errors["age_band"] = _("Choose your children's age.")
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    if remind_by == RemindBy.SMS and not phone and "phone" not in errors:
        errors["phone"] = _("Write a mobile number for the text messages.")
    if remind_by == RemindBy.EMAIL and not email.strip():
        errors["email"] = _("Write an e-mail address for the confirmation and the reminders.")
    if actor.membership is not None and agreement is not True:
        errors["agreement"] = _("Sign a parent up only with their agreement, and tick that you have it.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        group = ParentGroup.objects.select_for_update().get(pk=group.pk)
        _refuse_closed(group, timezone.localdate())
        email = email.strip().lower()
        status = waitlist.status_for_new(group.participants, group.capacity)
        try:
            with transaction.atomic():
                participant = Participant.objects.create(
                    group=group, name=name.strip(), email=email, phone=phone, age_band=age_band,
                    remind_by=remind_by, language=language if language in BY_CODE else "sv", status=status,
                    signed_up_by=actor.membership)
        except IntegrityError:
            raise ValidationError({"email" if email else "phone": _(
                "Someone has already signed up for this group with this address or number.")}) from None
        audit.record(actor, AuditAction.CREATE, participant, detail={"by_professional": actor.membership is not None})
        notify.confirmation(participant)
    return participant


def participant_cancel(*, actor: Actor, participant: Participant) -> Participant:
    """Cancel a place (by the parent's link or by an organiser); the waitlist moves up."""
    with transaction.atomic():
        group = ParentGroup.objects.select_for_update().get(pk=participant.group_id)
        participant = Participant.objects.select_related("group").get(pk=participant.pk)
        if participant.status == ParticipantStatus.CANCELLED:
            return participant
        had_place = participant.status == ParticipantStatus.REGISTERED
        participant.status = ParticipantStatus.CANCELLED
        participant.cancelled_at = timezone.now()
        participant.save(update_fields=["status", "cancelled_at"])
        audit.record(actor, AuditAction.UPDATE, participant, detail={"cancelled": True})
        notify.cancelled_place(participant)
        if had_place:
            _fill(group)
    return participant


# Attendance, completion and evaluation ---------------------------------------------------------


def _recompute_completion(group: ParentGroup) -> None:
    held = group.sessions.filter(cancelled=False).count()
    need, out_of = COMPLETION_SHARE
    for participant in group.participants.filter(status=ParticipantStatus.REGISTERED):
        present = participant.attendance.filter(session__cancelled=False).count()
        done = held > 0 and present * out_of >= held * need
        if participant.completed != done:
            participant.completed = done
            participant.save(update_fields=["completed"])


def attendance_set(*, actor: Actor, session: GroupSession, participant: Participant, present: bool) -> None:
    if participant.group_id != session.group_id or participant.status != ParticipantStatus.REGISTERED:
        raise ValidationError(_("Only parents with a place in the group can be marked present."))
    with transaction.atomic():
        if present:
            Attendance.objects.get_or_create(session=session, participant=participant)
        else:
            Attendance.objects.filter(session=session, participant=participant).delete()
        audit.record(actor, AuditAction.UPDATE, participant, detail={"session": session.pk, "present": present})
        _recompute_completion(session.group)


def evaluation_open(participant: Participant, now=None) -> bool:
    """From the start of the group's last session (or its last day) for those who had a place."""
    now = now or timezone.now()
    group = participant.group
    if participant.status != ParticipantStatus.REGISTERED or participant.feedback_given or group.cancelled:
        return False
    last = group.sessions.filter(cancelled=False).order_by("-starts_at").first()
    return (last.starts_at <= now) if last else group.ends_on <= timezone.localdate(now)


def evaluation_submit(*, participant: Participant, rating: int, helped: int, comment: str) -> Evaluation:
    """Store an anonymous answer. Only the fact that this parent has answered is kept (to stop a
    second answer); the answer itself points at no one."""
    errors = guard({"comment": comment})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Participant.objects.select_for_update().select_related("group").get(pk=participant.pk)
        if locked.feedback_given:
            raise ValidationError(_("You have already answered. Thank you!"))
        if not evaluation_open(locked):
            raise ValidationError(_("The evaluation opens at the group's last session."))
        locked.feedback_given = True
        locked.save(update_fields=["feedback_given"])
        return Evaluation.objects.create(group_id=locked.group_id, rating=rating, helped=helped,
                                         comment=comment.strip(), answered_on=timezone.localdate())


# Retention -----------------------------------------------------------------------------------------


def participant_data_remove(*, today: date | None = None) -> int:
    """Blank parents' names and contact details once ``SUPPORT_PARTICIPANT_RETENTION_DAYS`` have
    passed since the group's last day. The rows stay (without anything that points at a person) so
    that the counts of participants and completion still add up."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.SUPPORT_PARTICIPANT_RETENTION_DAYS)
    groups = ParentGroup.objects.filter(ends_on__lt=cutoff, data_removed=False)
    with transaction.atomic():
        count = Participant.objects.filter(group__in=groups, data_removed=False).update(
            name="", email="", phone="", data_removed=True)
        groups.update(data_removed=True)
    return count


# The group-leader pool -----------------------------------------------------------------------


def leader_add(*, actor: Actor, contact=None, name: str = "", unit=None, email: str = "", phone: str = "",
               available_next_term: bool = True, note: str = "") -> GroupLeader:
    """A leader from an existing contact, or from a new contact at their unit."""
    errors = guard({"note": note})
    if contact is None:
        if not name.strip():
            errors["name"] = _("Write the leader's name, or choose an existing contact.")
        if unit is None:
            errors["unit"] = _("Choose the unit the leader comes from.")
    elif GroupLeader.objects.filter(contact=contact).exists():
        errors["contact"] = _("This person is already in the group-leader pool.")
    if errors:
        raise ValidationError(errors)
    from tillsammans.accounts.models import Contact

    with transaction.atomic():
        if contact is None:
            contact = Contact.objects.create(name=name.strip(), unit=unit, email=email.strip().lower(),
                                             phone=phone.strip(), role_title=_("Group leader"))
        leader = GroupLeader.objects.create(contact=contact, available_next_term=available_next_term,
                                            note=note.strip())
        audit.record(actor, AuditAction.CREATE, leader)
    return leader


def leader_change(*, actor: Actor, leader: GroupLeader, available_next_term: bool, note: str = "") -> GroupLeader:
    errors = guard({"note": note})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        leader.available_next_term, leader.note = available_next_term, note.strip()
        leader.save(update_fields=["available_next_term", "note"])
        audit.record(actor, AuditAction.UPDATE, leader)
    return leader


def leader_remove(*, actor: Actor, leader: GroupLeader) -> None:
    """Take a leader out of the pool (the contact stays); refused while they lead a group not ended."""
    if leader.groups.filter(cancelled=False, ends_on__gte=timezone.localdate()).exists():
        raise ValidationError(_("The leader leads a group that has not ended. Change the group's leaders first."))
    with transaction.atomic():
        audit.record(actor, AuditAction.DELETE, leader)
        leader.programmes.all().delete()
        leader.groups.clear()
        leader.delete()


def leader_programme_set(*, actor: Actor, leader: GroupLeader, programme, status: str, since: date,
                         certified_on: date | None = None) -> LeaderProgramme:
    """Record where a leader stands in a programme: recruited, in training, certified or paused."""
    errors = {}
    if status == LeaderStatus.CERTIFIED and certified_on is None:
        errors["certified_on"] = _("Give the date of the certification.")
    if certified_on and certified_on > timezone.localdate():
        errors["certified_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row, _created = LeaderProgramme.objects.update_or_create(
            leader=leader, programme=programme,
            defaults={"status": status, "since": since, "certified_on": certified_on})
        audit.record(actor, AuditAction.UPDATE, leader, detail={"programme": programme.pk, "status": status})
    return row
