"""Writes about children, consent and plans: validated, one transaction, audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.childplans import rules as access_rules
from tillsammans.childplans.models import (
    AccessRequest,
    Child,
    Consent,
    ConsentGiver,
    ConsentGrant,
    ConsentPurpose,
    CoordinatedPlan,
    Guardian,
    Participant,
    PlanStatus,
)
from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE
from tillsammans.core import audit, identity
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction

PURPOSE = "SIP"


@dataclass
class StartResult:
    plan: CoordinatedPlan | None
    created: bool


def _version(actor: Actor, plan: CoordinatedPlan, note: str) -> None:
    from tillsammans.childplans.versions import record_version

    record_version(actor=actor, plan=plan, note=note)


def plan_start(*, actor: Actor, personal_number: str, first_name: str = "", last_name: str = "",
               reason: str = "", protected_identity: bool = False, lead=None) -> StartResult:
    """Start a plan for a child. The whole request is validated before any child is looked up, so
    the answer cannot tell whether a child or a plan exists (ADR 0007). If the child already has a
    plan the actor cannot see, the request goes to that plan's lead (plan None); if the actor can
    see it, it is returned (created False). The names given are ignored for a known child.
    ``lead``: the SIP coordinator named by a joint forum's decision (ADR 0023); the actor by default."""
    errors = {}
    number = ""
    try:
        number = identity.normalise(personal_number)
    except ValidationError as exc:
        errors["personal_number"] = exc.messages
    if not first_name.strip():
        errors["first_name"] = _("Give the child's first name.")
    if not last_name.strip():
        errors["last_name"] = _("Give the child's last name.")
    if errors:
        raise ValidationError(errors)
    membership = actor.membership
    with transaction.atomic():
        child = Child.objects.filter(personal_number=number).first()
        plan = CoordinatedPlan.objects.filter(child=child).first() if child else None
        if plan is not None:
            if access_rules.access_basis(actor, plan):
                audit.record(actor, AuditAction.READ, plan, person=child, purpose=PURPOSE,
                             detail={"via": "start"})
                return StartResult(plan, False)
            request = AccessRequest.objects.create(plan=plan, membership=membership)
            audit.record(actor, AuditAction.CREATE, object_type="childplans.accessrequest",
                         object_id="", purpose=PURPOSE, detail={"neutral": True})
            lead_email = plan.lead_membership.user.email
            if lead_email:
                from tillsammans.core.tasks import queue_mail

                queue_mail(key=f"access-request:{request.pk}", to=[lead_email],
                           subject=_("Request to take part in SIP %(plan)s") % {"plan": plan.pk},
                           body=_("%(unit)s asks to take part in coordinated plan %(plan)s. Open the plan in "
                                  "Tillsammans to invite them, within the guardians' consent.")
                           % {"unit": membership.unit.name, "plan": plan.pk})
            return StartResult(None, False)
        if child is None:
            child = Child.objects.create(personal_number=number, first_name=first_name.strip(),
                                         last_name=last_name.strip(),
                                         protected_identity=protected_identity)
            child.units.add(membership.unit)
            audit.record(actor, AuditAction.CREATE, child, person=child, purpose=PURPOSE)
        lead = lead or membership
        plan = CoordinatedPlan.objects.create(child=child, lead_membership=lead, reason=reason)
        Participant.objects.create(plan=plan, membership=lead)
        audit.record(actor, AuditAction.CREATE, plan, person=child, purpose=PURPOSE,
                     detail={"lead": lead.pk} if lead != membership else None)
    return StartResult(plan, True)


def guardian_add(*, actor: Actor, plan: CoordinatedPlan | None = None, name: str, has_custody: bool = True,
                 personal_number: str = "", phone: str = "", email: str = "",
                 protected_identity: bool = False, child: Child | None = None,
                 purpose: str = PURPOSE) -> Guardian:
    """A guardian of the plan's child – or of ``child``, before any plan (a worry, ADR 0023)."""
    if not name.strip():
        raise ValidationError({"name": _("Give the guardian's name.")})
    number = identity.normalise(personal_number) if personal_number.strip() else ""
    child = plan.child if plan is not None else child
    with transaction.atomic():
        guardian = Guardian.objects.create(child=child, name=name.strip(), has_custody=has_custody,
                                           personal_number=number, phone=phone, email=email,
                                           protected_identity=protected_identity)
        audit.record(actor, AuditAction.CREATE, guardian, person=child, purpose=purpose)
        if plan is not None:
            _version(actor, plan, _("Guardian added"))
    return guardian


def consent_record(*, actor: Actor, plan: CoordinatedPlan | None = None, receiving_units, categories,
                   guardians=(), valid_from: date | None = None, valid_to: date | None = None,
                   form: str = "written", child_view: str = "", child_heard_how: str = "",
                   given_by: str = ConsentGiver.GUARDIANS, child: Child | None = None,
                   purpose: str = ConsentPurpose.SIP) -> Consent:
    """Record the guardians' consent – or the young person's own from 15 (ADR 0009) – for named
    receiving units. Never 'all authorities'. Without a plan, a consent about ``child`` for the
    pathway's ``purpose`` (relay log, forum, handover; ADR 0023)."""
    receiving_units, categories, guardians = list(receiving_units), list(categories), list(guardians)
    child = plan.child if plan is not None else child
    young = given_by == ConsentGiver.YOUNG_PERSON
    valid_from = valid_from or timezone.localdate()
    valid_to = valid_to or valid_from + timedelta(days=365)
    errors = {}
    if not receiving_units:
        errors["receiving_units"] = _("Name at least one receiving unit. A consent for all "
                                      "authorities is not possible.")
    if not categories:
        errors["categories"] = _("Choose at least one category of information.")
    if young:
        guardians = []
        if identity.age(child.personal_number) < YOUNG_PERSON_AGE:
            errors["given_by"] = _("A young person's own consent counts from 15; for a younger child "
                                   "the guardians consent.")
        if not child_heard_how.strip():
            errors["child_heard_how"] = _("Say how the young person was heard.")
    elif given_by != ConsentGiver.GUARDIANS:
        errors["given_by"] = _("Say who gives the consent.")
    elif not guardians:
        errors["guardians"] = _("Choose the guardians who give their consent.")
    if any(g.child_id != child.pk for g in guardians):
        errors["guardians"] = _("Only the child's own guardians can consent.")
    if valid_to < valid_from:
        errors["valid_to"] = _("The end date is before the start date.")
    if identity.age(child.personal_number) >= YOUNG_PERSON_AGE and not child_view.strip():
        errors["child_view"] = _("The young person is 15 or older: record their own view of the consent.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = Consent.objects.create(plan=plan, child=child, purpose=purpose, valid_from=valid_from,
                                         valid_to=valid_to, form=form, recorded_by=actor.membership,
                                         child_view=child_view, child_heard_how=child_heard_how,
                                         given_by=given_by)
        consent.receiving_units.set(receiving_units)
        consent.categories.set(categories)
        ConsentGrant.objects.bulk_create([ConsentGrant(consent=consent, guardian=g, unit=u)
                                          for g in (guardians or [None]) for u in receiving_units])
        if plan is not None and plan.status in (PlanStatus.NEED_FOUND, PlanStatus.NO_CONSENT,
                                                PlanStatus.CONSENT_WITHDRAWN):
            plan.status = PlanStatus.PREPARING
            plan.save(update_fields=["status", "updated_at"])
        audit.record(actor, AuditAction.CREATE, consent, person=child, purpose=PURPOSE if plan else purpose,
                     detail={"units": sorted(u.pk for u in receiving_units),
                             "categories": sorted(c.code for c in categories),
                             "guardians": sorted(g.pk for g in guardians), "given_by": given_by,
                             "valid_to": valid_to.isoformat()})
        if plan is not None:
            _version(actor, plan, _("Consent given"))
    return consent


def consent_join(*, actor: Actor, consent: Consent, guardian: Guardian, units) -> list[ConsentGrant]:
    """A guardian with custody gives their consent to the terms another guardian already gave (the
    same units, categories and period). With joint custody a unit is covered only once every
    guardian with custody has given it (``rules.covered_units``): the plan waits for both."""
    units = list(units)
    plan = consent.plan
    errors = {}
    offered = set(consent.receiving_units.values_list("pk", flat=True))
    if not units:
        errors["units"] = _("Choose the units you give your consent for.")
    elif any(u.pk not in offered for u in units):
        errors["units"] = _("A consent can only be given for the units named in it.")
    if guardian.child_id != plan.child_id or not guardian.has_custody:
        errors["guardian"] = _("Only a guardian with custody of the child can consent.")
    if consent.given_by != ConsentGiver.GUARDIANS:
        errors["units"] = _("This consent is the young person's own.")
    if consent.valid_to < timezone.localdate():
        errors["units"] = _("The consent has expired; a new one is needed.")
    existing = set(ConsentGrant.objects.filter(consent=consent, guardian=guardian).values_list("unit_id", flat=True))
    if not errors and all(u.pk in existing for u in units):
        errors["units"] = _("You have already answered for these units.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        grants = ConsentGrant.objects.bulk_create([ConsentGrant(consent=consent, guardian=guardian, unit=u)
                                                   for u in units if u.pk not in existing])
        if plan.status in (PlanStatus.NEED_FOUND, PlanStatus.NO_CONSENT, PlanStatus.CONSENT_WITHDRAWN) \
                and access_rules.covered_units([plan.pk])[plan.pk]:
            plan.status = PlanStatus.PREPARING
            plan.save(update_fields=["status", "updated_at"])
        audit.record(actor, AuditAction.UPDATE, consent, person=plan.child, purpose=PURPOSE,
                     detail={"joined_for_units": sorted(u.pk for u in units if u.pk not in existing),
                             "guardian": guardian.pk})
        _version(actor, plan, _("Consent given by another guardian"))
    return grants


def consent_withdraw(*, actor: Actor, consent: Consent, guardian: Guardian | None, units) -> list[int]:
    """A guardian (None: the young person, for their own consent) withdraws consent for some units:
    immediate effect, history kept, everyone told."""
    from tillsammans.core.tasks import queue_mail

    units = list(units)
    if not units:
        raise ValidationError({"units": _("Choose the units the consent is withdrawn for.")})
    plan = consent.plan
    now = timezone.now()
    with transaction.atomic():
        changed = ConsentGrant.objects.filter(consent=consent, guardian=guardian, unit__in=units,
                                              withdrawn_at__isnull=True)
        changed_ids = list(changed.values_list("pk", flat=True))
        changed.update(withdrawn_at=now, withdrawal_recorded_by=actor.membership)
        if plan is None:  # a pathway consent (ADR 0023): the pathway tells its own people
            audit.record(actor, AuditAction.UPDATE, consent, person=consent.child, purpose=consent.purpose,
                         detail={"withdrawn_for_units": sorted(u.pk for u in units),
                                 "guardian": guardian.pk if guardian else None})
            return changed_ids
        if not access_rules.covered_units([plan.pk])[plan.pk]:
            plan.status = PlanStatus.CONSENT_WITHDRAWN
            plan.save(update_fields=["status", "updated_at"])
        audit.record(actor, AuditAction.UPDATE, consent, person=plan.child, purpose=PURPOSE,
                     detail={"withdrawn_for_units": sorted(u.pk for u in units),
                             "guardian": guardian.pk if guardian else None})
        _version(actor, plan, _("Consent withdrawn"))
        names = ", ".join(sorted(u.name for u in units))
        for participant in plan.participants.filter(removed_at__isnull=True).select_related(
                "membership__user"):
            email = participant.membership.user.email
            if email:
                queue_mail(
                    key=f"consent-withdrawn:{consent.pk}:{'-'.join(map(str, changed_ids))}:{email}",
                    to=[email], subject=_("Consent withdrawn in a coordinated plan"),
                    body=_("A guardian has withdrawn consent for %(units)s in SIP %(plan)s. "
                           "Access for these units ends at once. Open Tillsammans for details; "
                           "this message contains no personal data.") % {"units": names, "plan": plan.pk})
    return changed_ids


def participant_add(*, actor: Actor, plan: CoordinatedPlan, membership) -> Participant:
    with transaction.atomic():
        participant, created = Participant.objects.get_or_create(plan=plan, membership=membership)
        if not created and participant.removed_at:
            participant.removed_at = None
            participant.save(update_fields=["removed_at"])
        audit.record(actor, AuditAction.GRANT, participant, person=plan.child, purpose=PURPOSE,
                     detail={"membership": membership.pk, "unit": membership.unit_id})
        _version(actor, plan, _("Participant added"))
    return participant


def participant_remove(*, actor: Actor, participant: Participant) -> None:
    with transaction.atomic():
        participant.removed_at = timezone.now()
        participant.save(update_fields=["removed_at"])
        audit.record(actor, AuditAction.REVOKE, participant, person=participant.plan.child,
                     purpose=PURPOSE)
        _version(actor, participant.plan, _("Participant removed"))


def plan_update(*, actor: Actor, plan: CoordinatedPlan, status: str | None = None,
                lead_principal=None, reason: str | None = None, closed_reason: str = "",
                childs_view: str | None = None, guardians_view: str | None = None,
                follow_up_date=None) -> CoordinatedPlan:
    """Change the plan. Moving past preparation needs an overall responsible principal and consent."""
    active = {PlanStatus.INVITED, PlanStatus.MEETING, PlanStatus.FOLLOW_UP}
    if lead_principal is not None:
        plan.lead_principal = lead_principal
    if reason is not None:
        plan.reason = reason
    if childs_view is not None:
        plan.childs_view = childs_view
    if guardians_view is not None:
        plan.guardians_view = guardians_view
    if follow_up_date is not None:
        plan.follow_up_date = follow_up_date
        plan.follow_up_owner = plan.follow_up_owner or plan.lead_membership
    errors = {}
    if status in active:
        if plan.lead_principal_id is None:
            errors["lead_principal"] = _("Choose the principal with overall responsibility before "
                                         "the plan is activated.")
        if not access_rules.covered_units([plan.pk])[plan.pk]:
            errors["status"] = _("The plan cannot be activated without a valid consent from every "
                                 "guardian with custody for at least one receiving unit.")
        elif plan.objections.filter(decision="").exists():
            errors["status"] = _("The young person has objected. Record a reasoned decision on the "
                                 "objection before the plan is activated.")
    if status == PlanStatus.CLOSED and not closed_reason.strip():
        errors["closed_reason"] = _("Give the reason for closing the plan.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = plan.status
        if status:
            plan.status = status
            plan.closed_reason = closed_reason.strip()
        plan.save()
        audit.record(actor, AuditAction.UPDATE, plan, person=plan.child, purpose=PURPOSE,
                     detail={"status": [before, plan.status]})
        from tillsammans.childplans.versions import record_version

        record_version(actor=actor, plan=plan, note=_("Plan details changed"))
    return plan


from tillsammans.childplans.emergency import emergency_open  # noqa: E402,F401  (its home is emergency.py)
