"""Writes about worries and relay logs: validated whole, one transaction, each an access event
(purpose "Stafettlogg"), and the log's own history in plain Swedish."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.childplans import services as child_services
from tillsammans.childplans import wellbeing
from tillsammans.childplans.models import Child, ConsentGiver, ConsentPurpose
from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE
from tillsammans.core import audit, identity
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.pathway.models import (
    Evaluation,
    LogEntry,
    LogMember,
    Measure,
    MeasureStatus,
    RelayLog,
    Worry,
    WorryDecision,
)

PURPOSE = "Stafettlogg"
MIN_REASON = 20


def decision_days(unit) -> int:
    """The municipality's own deadline from its pathway, or the installation's."""
    from tillsammans.pathway.models_structure import Pathway

    days = Pathway.objects.filter(principal_id=unit.authority.principal_id).values_list(
        "decision_days", flat=True).first()
    return days or settings.PATHWAY_DECISION_DAYS


def entry(log: RelayLog, actor: Actor, text: str) -> LogEntry:
    return LogEntry.objects.create(log=log, membership=actor.membership, text=text[:300])


def _needs(values) -> list[str]:
    values = list(values or [])
    unknown = [v for v in values if v not in wellbeing.CODES]
    if unknown:
        raise ValidationError({"needs": _("Unknown wellbeing indicator: %(codes)s.") % {"codes": ", ".join(unknown)}})
    return values


def worry_record(*, actor: Actor, personal_number: str, first_name: str, last_name: str, seen_heard: str,
                 arose_on: date | None = None, guardians_talk: str = "", guardians_talked_on: date | None = None,
                 childs_view: str = "", needs=(), protected_identity: bool = False) -> Worry:
    """A professional records a worry about a child in their own unit. Validated whole before the
    child is looked up; a known child keeps their recorded names."""
    errors: dict = {}
    number = ""
    try:
        number = identity.normalise(personal_number)
    except ValidationError as exc:
        errors["personal_number"] = exc.messages
    if not first_name.strip():
        errors["first_name"] = _("Give the child's first name.")
    if not last_name.strip():
        errors["last_name"] = _("Give the child's last name.")
    if not seen_heard.strip():
        errors["seen_heard"] = _("Write what you have seen and heard.")
    today = timezone.localdate()
    arose_on = arose_on or today
    if arose_on > today:
        errors["arose_on"] = _("The worry cannot arise in the future.")
    if guardians_talked_on and guardians_talked_on > today:
        errors["guardians_talked_on"] = _("The talk cannot be in the future.")
    if guardians_talked_on and not guardians_talk.strip():
        errors["guardians_talk"] = _("Write what you talked about with the guardians.")
    if number and not errors.get("personal_number") and identity.age(number) >= YOUNG_PERSON_AGE \
            and not childs_view.strip():
        errors["childs_view"] = _("The young person is 15 or older: record their own view.")
    try:
        needs = _needs(needs)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    unit = actor.membership.unit
    with transaction.atomic():
        child = Child.objects.filter(personal_number=number).first()
        if child is None:
            child = Child.objects.create(personal_number=number, first_name=first_name.strip(),
                                         last_name=last_name.strip(), protected_identity=protected_identity)
            audit.record(actor, AuditAction.CREATE, child, person=child, purpose=PURPOSE)
        child.units.add(unit)
        worry = Worry.objects.create(
            child=child, unit=unit, author=actor.membership, arose_on=arose_on,
            decision_due=arose_on + timedelta(days=decision_days(unit)), seen_heard=seen_heard.strip(),
            guardians_talk=guardians_talk.strip(), guardians_talked_on=guardians_talked_on,
            childs_view=childs_view.strip(), needs=needs)
        audit.record(actor, AuditAction.CREATE, worry, person=child, purpose=PURPOSE)
    return worry


def worry_update(*, actor: Actor, worry: Worry, seen_heard: str, guardians_talk: str,
                 guardians_talked_on: date | None, childs_view: str, needs=()) -> Worry:
    errors: dict = {}
    if not seen_heard.strip():
        errors["seen_heard"] = _("Write what you have seen and heard.")
    if guardians_talked_on and guardians_talked_on > timezone.localdate():
        errors["guardians_talked_on"] = _("The talk cannot be in the future.")
    if guardians_talked_on and not guardians_talk.strip():
        errors["guardians_talk"] = _("Write what you talked about with the guardians.")
    if worry.child.age >= YOUNG_PERSON_AGE and not childs_view.strip():
        errors["childs_view"] = _("The young person is 15 or older: record their own view.")
    try:
        needs = _needs(needs)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        worry.seen_heard, worry.guardians_talk = seen_heard.strip(), guardians_talk.strip()
        worry.guardians_talked_on, worry.childs_view, worry.needs = guardians_talked_on, childs_view.strip(), needs
        worry.save()
        audit.record(actor, AuditAction.UPDATE, worry, person=worry.child, purpose=PURPOSE)
        if hasattr(worry, "relay_log"):
            entry(worry.relay_log, actor, _("The worry was updated"))
    return worry


LEVEL_OF = {WorryDecision.NO_ACTION: 0, WorryDecision.UNIT_MEASURES: 1, WorryDecision.FORUM: 2,
            WorryDecision.REPORT: 3}


def worry_decide(*, actor: Actor, worry: Worry, decision: str, note: str = "") -> Worry:
    """The decision on a worry: no further action, measures in the unit, a request to the joint forum
    or a report of concern. "No further action" needs its reasons."""
    errors: dict = {}
    if decision not in WorryDecision.values:
        errors["decision"] = _("Choose a decision.")
    elif decision == WorryDecision.NO_ACTION and len(note.strip()) < MIN_REASON:
        errors["note"] = _("Give the reasons for the decision in at least a full sentence (20 characters).")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        first = worry.decided_at is None
        worry.decision, worry.decision_note = decision, note.strip()
        worry.level = max(worry.level, LEVEL_OF[decision])
        if first:
            worry.decided_at, worry.decided_by = timezone.now(), actor.membership
        worry.save()
        audit.record(actor, AuditAction.UPDATE, worry, person=worry.child, purpose=PURPOSE,
                     detail={"decision": decision})
        if hasattr(worry, "relay_log"):
            entry(worry.relay_log, actor, _("Decision: %(d)s") % {"d": WorryDecision(decision).label})
    return worry


def relay_log_open(*, actor: Actor, worry: Worry, guardians=(), categories=(), team=(), family_contact=None,
                   given_by: str = ConsentGiver.GUARDIANS, child_view: str = "", child_heard_how: str = "",
                   valid_to: date | None = None) -> RelayLog:
    """With the guardians' consent (or the young person's own from 15) naming the unit, the worry
    becomes a relay log that only the named people of the unit see."""
    team = list(team)
    family_contact = family_contact or actor.membership
    errors: dict = {}
    if hasattr(worry, "relay_log"):
        errors["__all__"] = _("The worry already has a relay log.")
    wrong = [m for m in team + [family_contact] if m.unit_id != worry.unit_id]
    if wrong:
        errors["team"] = _("Only people in the child's own unit can be named in the relay log.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = child_services.consent_record(
            actor=actor, child=worry.child, purpose=ConsentPurpose.RELAY_LOG, receiving_units=[worry.unit],
            categories=categories, guardians=guardians, given_by=given_by, child_view=child_view,
            child_heard_how=child_heard_how, valid_to=valid_to)
        log = RelayLog.objects.create(worry=worry, unit=worry.unit, consent=consent, family_contact=family_contact)
        people = {m.pk: m for m in [actor.membership, family_contact, *team]}
        LogMember.objects.bulk_create([LogMember(log=log, membership=m) for m in people.values()])
        if worry.level < 1:
            worry.level = 1
            worry.save(update_fields=["level"])
        audit.record(actor, AuditAction.CREATE, log, person=worry.child, purpose=PURPOSE,
                     detail={"team": sorted(people), "consent": consent.pk})
        entry(log, actor, _("The relay log was opened with consent; contact for the family: %(who)s")
              % {"who": family_contact.user.get_full_name()})
    return log


def member_add(*, actor: Actor, log: RelayLog, membership) -> LogMember:
    if membership.unit_id != log.unit_id:
        raise ValidationError({"membership": _("Only people in the unit that holds the log can be named in it.")})
    with transaction.atomic():
        member, created = LogMember.objects.get_or_create(log=log, membership=membership)
        if not created and member.removed_at:
            member.removed_at = None
            member.save(update_fields=["removed_at"])
        audit.record(actor, AuditAction.GRANT, member, person=log.worry.child, purpose=PURPOSE,
                     detail={"membership": membership.pk})
        entry(log, actor, _("%(who)s was named in the log") % {"who": membership.user.get_full_name()})
    return member


def member_remove(*, actor: Actor, member: LogMember) -> None:
    log = member.log
    if member.membership_id == log.family_contact_id:
        raise ValidationError(_("Name another contact for the family before this person leaves the log."))
    with transaction.atomic():
        member.removed_at = timezone.now()
        member.save(update_fields=["removed_at"])
        audit.record(actor, AuditAction.REVOKE, member, person=log.worry.child, purpose=PURPOSE)
        entry(log, actor, _("%(who)s no longer sees the log") % {"who": member.membership.user.get_full_name()})


def measure_add(*, actor: Actor, log: RelayLog, description: str, responsible, evaluate_on: date | None,
                agreed_with_guardians: bool = True) -> Measure:
    """An agreed measure: a responsible person in the log and a date to evaluate it."""
    errors: dict = {}
    if not description.strip():
        errors["description"] = _("Describe the measure.")
    if responsible is None or not log.members.filter(membership=responsible, removed_at__isnull=True).exists():
        errors["responsible"] = _("Choose the responsible person among the people in the log.")
    if evaluate_on is None:
        errors["evaluate_on"] = _("Give a date for the evaluation.")
    elif evaluate_on < timezone.localdate():
        errors["evaluate_on"] = _("The evaluation date has already passed.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        measure = Measure.objects.create(log=log, description=description.strip(), responsible=responsible,
                                         evaluate_on=evaluate_on, agreed_with_guardians=agreed_with_guardians,
                                         created_by=actor.membership)
        audit.record(actor, AuditAction.CREATE, measure, person=log.worry.child, purpose=PURPOSE)
        entry(log, actor, _("Measure agreed: %(m)s, evaluated %(d)s") % {"m": measure.description[:120],
                                                                        "d": evaluate_on.isoformat()})
    return measure


def evaluation_add(*, actor: Actor, measure: Measure, outcome: str, status: str,
                   evaluated_on: date | None = None, next_evaluation: date | None = None) -> Evaluation:
    """Record how a measure went: it goes on (with a new date), is done, or is stopped."""
    errors: dict = {}
    evaluated_on = evaluated_on or timezone.localdate()
    if not outcome.strip():
        errors["outcome"] = _("Write how the measure went.")
    if status not in MeasureStatus.values:
        errors["status"] = _("Choose how the measure goes on.")
    if status == MeasureStatus.ONGOING and (next_evaluation is None or next_evaluation <= evaluated_on):
        errors["next_evaluation"] = _("A measure that goes on needs a later date for its next evaluation.")
    if evaluated_on > timezone.localdate():
        errors["evaluated_on"] = _("The evaluation cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    log = measure.log
    with transaction.atomic():
        evaluation = Evaluation.objects.create(measure=measure, evaluated_on=evaluated_on, outcome=outcome.strip(),
                                               recorded_by=actor.membership)
        measure.status = status
        if status == MeasureStatus.ONGOING:
            measure.evaluate_on = next_evaluation
        measure.save(update_fields=["status", "evaluate_on"])
        audit.record(actor, AuditAction.CREATE, evaluation, person=log.worry.child, purpose=PURPOSE)
        entry(log, actor, _("Measure evaluated: %(m)s – %(s)s") % {"m": measure.description[:120],
                                                                   "s": MeasureStatus(status).label})
    return evaluation


def consent_withdraw(*, actor: Actor, consent, guardian, units) -> list[int]:
    """A guardian (None: the young person) withdraws a pathway consent; the log says so and the
    people it named are told (no personal data in the message)."""
    from tillsammans.core.tasks import queue_mail

    with transaction.atomic():
        changed = child_services.consent_withdraw(actor=actor, consent=consent, guardian=guardian, units=units)
        for log in RelayLog.objects.filter(consent=consent).prefetch_related("members__membership__user"):
            entry(log, actor, _("Consent withdrawn for %(units)s") % {"units": ", ".join(u.name for u in units)})
            for member in log.members.all():
                email = member.membership.user.email
                if member.removed_at is None and email and member.membership_id != actor.membership.pk:
                    queue_mail(key=f"log-withdrawn:{log.pk}:{'-'.join(map(str, changed))}:{email}", to=[email],
                               subject=_("Consent withdrawn in a relay log"),
                               body=_("A consent in relay log %(log)s was withdrawn. Access for the units "
                                      "concerned ended at once. This message contains no personal data.")
                               % {"log": log.pk})
    return changed
