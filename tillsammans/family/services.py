"""What a family member does through their own door. Each write reuses the childplans service that
staff use (so the rules, versions, access events and messages are the same) and adds the e-ID act:
the method, the identity and the time (docs/adr/0016)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.childplans import rules as access_rules
from tillsammans.childplans import services as plan_services
from tillsammans.childplans import services_goals, voice
from tillsammans.childplans.models import (
    Consent,
    ConsentForm,
    ConsentGiver,
    CoordinatedPlan,
    Guardian,
    PlanMeeting,
)
from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE
from tillsammans.core import audit, identity
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.family.models import Contribution, FamilyAct, MeetingAnswer, NoticeChoice, Who
from tillsammans.family.subject import LANGUAGES

PURPOSE = "SIP"
HEARD_WITH_E_ID = "Den unge själv, med e-legitimation i Tillsammans"


class NotFresh(Exception):
    """A consent change needs an e-ID login made just now (the view sends the person to log in again)."""


def _basis_of(actor: Actor, plan: CoordinatedPlan) -> str:
    basis = access_rules.family_basis(actor.family.number, plan) if actor.family is not None else None
    if basis is None:
        raise PermissionDenied
    return basis


def guardian_of(actor: Actor, plan: CoordinatedPlan) -> Guardian | None:
    """The viewer's own guardian record on this child (None for the young person)."""
    return plan.child.guardians.filter(personal_number=actor.family.number, has_custody=True).order_by("pk").first()


def plan_units(plan: CoordinatedPlan) -> set[int]:
    """The units that are part of the plan: those taking part, named in its consents, or responsible
    for an intervention. A consent can name these and no others."""
    units = set(plan.participants.filter(removed_at__isnull=True).values_list("membership__unit_id", flat=True))
    units |= set(Consent.receiving_units.through.objects.filter(consent__plan=plan).values_list("unit_id", flat=True))
    units |= set(plan.interventions.exclude(unit__isnull=True).values_list("unit_id", flat=True))
    return units


def _signed(actor: Actor, *, plan, act: str, units, consent=None, guardian=None) -> FamilyAct:
    member = actor.family
    row = FamilyAct.objects.create(
        plan=plan, consent=consent, guardian=guardian, act=act, identity_number=member.number,
        assurance=member.acr, authenticated_at=datetime.fromtimestamp(member.authenticated_at, tz=UTC))
    row.units.set(units)
    return row


def _require_fresh(actor: Actor) -> None:
    if not actor.family.fresh():
        raise NotFresh


def _tell_lead(plan: CoordinatedPlan, key: str) -> None:
    from tillsammans.core.tasks import queue_mail

    email = plan.lead_membership.user.email
    if email:
        queue_mail(key=key, to=[email],
                   subject=_("The family answered about consent in SIP %(plan)s") % {"plan": plan.pk},
                   body=_("A guardian or the young person gave or changed consent themselves, with e-ID, in "
                          "coordinated plan %(plan)s. Open Tillsammans to see it; this message contains no "
                          "personal data.") % {"plan": plan.pk})


def _check_units(plan: CoordinatedPlan, units) -> list:
    units = list(units)
    allowed = plan_units(plan)
    if not units:
        raise ValidationError({"units": _("Choose at least one unit.")})
    if any(u.pk not in allowed for u in units):
        raise ValidationError({"units": _("A consent can only name units that are part of the plan.")})
    return units


def consent_give(*, actor: Actor, plan: CoordinatedPlan, units, categories, valid_to: date,
                 child_view: str = "") -> Consent:
    """A guardian with custody gives consent per receiving unit, categories and period. With joint
    custody the other guardian's consent is still needed before the units are covered."""
    if _basis_of(actor, plan) != "guardian":
        raise PermissionDenied
    guardian = guardian_of(actor, plan)
    units = _check_units(plan, units)
    _require_fresh(actor)
    with transaction.atomic():
        consent = plan_services.consent_record(
            actor=actor, plan=plan, receiving_units=units, categories=categories, guardians=[guardian],
            valid_to=valid_to, form=ConsentForm.EID, child_view=child_view)
        _signed(actor, plan=plan, act=FamilyAct.Act.GIVE, units=units, consent=consent, guardian=guardian)
        _tell_lead(plan, f"family-consent:{consent.pk}:give")
    return consent


def consent_join(*, actor: Actor, plan: CoordinatedPlan, consent: Consent, units) -> list:
    """The other guardian gives consent to the same terms."""
    if _basis_of(actor, plan) != "guardian" or consent.plan_id != plan.pk:
        raise PermissionDenied
    guardian = guardian_of(actor, plan)
    units = list(units)
    _require_fresh(actor)
    with transaction.atomic():
        grants = plan_services.consent_join(actor=actor, consent=consent, guardian=guardian, units=units)
        _signed(actor, plan=plan, act=FamilyAct.Act.JOIN, units=units, consent=consent, guardian=guardian)
        _tell_lead(plan, f"family-consent:{consent.pk}:join:{guardian.pk}")
    return grants


def consent_withdraw(*, actor: Actor, plan: CoordinatedPlan, consent: Consent, units) -> list[int]:
    """A guardian withdraws their consent for some units (the young person: their own consent).
    Access for those units ends at the next request; every participant is told."""
    basis = _basis_of(actor, plan)
    if consent.plan_id != plan.pk:
        raise PermissionDenied
    guardian = guardian_of(actor, plan) if basis == "guardian" else None
    if basis == "young_person" and consent.given_by != ConsentGiver.YOUNG_PERSON:
        raise ValidationError({"units": _("This consent was given by the guardians; you can object to a unit "
                                          "instead.")})
    units = list(units)
    _require_fresh(actor)
    with transaction.atomic():
        changed = plan_services.consent_withdraw(actor=actor, consent=consent, guardian=guardian, units=units)
        if not changed:
            raise ValidationError({"units": _("You have no consent in force for these units.")})
        _signed(actor, plan=plan, act=FamilyAct.Act.WITHDRAW, units=units, consent=consent, guardian=guardian)
    return changed


def own_consent(*, actor: Actor, plan: CoordinatedPlan, units, categories, valid_to: date, words: str) -> Consent:
    """The young person's own consent from 15 (ADR 0009), in their own words."""
    if _basis_of(actor, plan) != "young_person" or identity.age(plan.child.personal_number) < YOUNG_PERSON_AGE:
        raise PermissionDenied
    units = _check_units(plan, units)
    if not words.strip():
        raise ValidationError({"words": _("Write in your own words what you agree to.")})
    _require_fresh(actor)
    with transaction.atomic():
        consent = plan_services.consent_record(
            actor=actor, plan=plan, receiving_units=units, categories=categories, valid_to=valid_to,
            form=ConsentForm.EID, given_by=ConsentGiver.YOUNG_PERSON, child_view=words,
            child_heard_how=HEARD_WITH_E_ID)
        _signed(actor, plan=plan, act=FamilyAct.Act.OWN_CONSENT, units=units, consent=consent)
        _tell_lead(plan, f"family-consent:{consent.pk}:own")
    return consent


def objection(*, actor: Actor, plan: CoordinatedPlan, unit, words: str):
    """The young person objects to a unit; it blocks until the SIP coordinator decides (ADR 0009)."""
    if _basis_of(actor, plan) != "young_person":
        raise PermissionDenied
    if unit is not None:
        _check_units(plan, [unit])
    _require_fresh(actor)
    with transaction.atomic():
        row = voice.objection_record(actor=actor, plan=plan, unit=unit, words=words, heard_how=HEARD_WITH_E_ID)
        _signed(actor, plan=plan, act=FamilyAct.Act.OBJECTION, units=[unit] if unit else [])
    return row


def _who(actor: Actor, plan: CoordinatedPlan) -> tuple[str, str, Guardian | None]:
    if _basis_of(actor, plan) == "young_person":
        return "child", Who.CHILD, None
    guardian = guardian_of(actor, plan)
    return f"guardian-{guardian.pk}", Who.GUARDIAN, guardian


def answer_meeting(*, actor: Actor, plan: CoordinatedPlan, meeting: PlanMeeting, answer: str) -> MeetingAnswer:
    if meeting.plan_id != plan.pk:
        raise PermissionDenied
    if answer not in MeetingAnswer.Answer.values:
        raise ValidationError({"answer": _("Answer whether you are coming.")})
    if meeting.cancelled or meeting.ends_at < timezone.now():
        raise ValidationError({"answer": _("The meeting is cancelled or has already taken place.")})
    key, _by, guardian = _who(actor, plan)
    with transaction.atomic():
        row, _created = MeetingAnswer.objects.update_or_create(
            meeting=meeting, who=key, defaults={"answer": answer, "guardian": guardian})
        audit.record(actor, AuditAction.UPDATE, meeting, person=plan.child, purpose=PURPOSE,
                     detail={"family_answer": answer, "description": "Familjen svarade på kallelsen till SIP-möte"})
    return row


def contribute(*, actor: Actor, plan: CoordinatedPlan, kind: str, text: str,
               meeting: PlanMeeting | None = None) -> Contribution:
    """What matters to the child in their own words, or what the family wants to talk about."""
    if kind not in Contribution.Kind.values:
        raise ValidationError({"kind": _("Choose what you are writing.")})
    if not text.strip():
        raise ValidationError({"text": _("Write something first.")})
    if len(text) > 4000:
        raise ValidationError({"text": _("Write at most 4 000 characters.")})
    if meeting is not None and meeting.plan_id != plan.pk:
        raise PermissionDenied
    _key, by, guardian = _who(actor, plan)
    with transaction.atomic():
        row = Contribution.objects.create(plan=plan, meeting=meeting, kind=kind, by=by, guardian=guardian,
                                          text=text.strip())
        audit.record(actor, AuditAction.CREATE, row, person=plan.child, purpose=PURPOSE,
                     detail={"description": f"Familjen skrev i planen ({row.get_kind_display()})"})
        from tillsammans.childplans.versions import record_version

        record_version(actor=actor, plan=plan, note=_("The family wrote in the plan"))
    return row


def rate_wellbeing(*, actor: Actor, plan: CoordinatedPlan, ratings: dict[str, int], comment: str = ""):
    """A rating by the child or a guardian – kept apart from the professionals' (``by``)."""
    _key, by, _guardian = _who(actor, plan)
    return services_goals.assessment_add(actor=actor, plan=plan, ratings=ratings, comment=comment,
                                         by="child" if by == Who.CHILD else "guardian")


def notice_choose(*, actor: Actor, channel: str, language: str) -> NoticeChoice:
    if channel not in NoticeChoice.Channel.values:
        raise ValidationError({"channel": _("Choose how you want to be told.")})
    if language not in dict(LANGUAGES):
        raise ValidationError({"language": _("Choose a language.")})
    with transaction.atomic():
        row, _created = NoticeChoice.objects.update_or_create(
            identity_number=actor.family.number, defaults={"channel": channel, "language": language})
        audit.record(actor, AuditAction.UPDATE, row, detail={"channel": channel, "language": language})
    return row
