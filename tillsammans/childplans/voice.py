"""The young person's own voice (ADR 0009): their own request for a SIP from 15, and objections
that block until the SIP coordinator records a reasoned decision. Writes: validated whole, one
transaction, audited with a human description for the log review."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.accounts.roles import Role
from tillsammans.childplans.models import Child, CoordinatedPlan, Objection, YoungPersonRequest
from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE
from tillsammans.core import audit, identity
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction

PURPOSE = "SIP"
MIN_REASON = 20


def _mail(key: str, to: str, subject: str, body: str) -> None:
    if to:
        from tillsammans.core.tasks import queue_mail

        queue_mail(key=key, to=[to], subject=subject, body=body)


def young_request(*, actor: Actor, personal_number: str, first_name: str, last_name: str, own_words: str,
                  heard_how: str, lead, without_guardians: bool = False,
                  protected_identity: bool = False) -> YoungPersonRequest:
    """Record a young person's own request for a SIP. Validated whole before any look-up (no
    oracle); if the child already has a plan, the request goes to that plan's SIP coordinator."""
    errors = {}
    number = ""
    try:
        number = identity.normalise(personal_number)
        if identity.age(number) < YOUNG_PERSON_AGE:
            errors["personal_number"] = _("A young person can ask for their own SIP from 15. For a "
                                          "younger child, the guardians ask.")
    except ValidationError as exc:
        errors["personal_number"] = exc.messages
    if not first_name.strip():
        errors["first_name"] = _("Give the young person's first name.")
    if not last_name.strip():
        errors["last_name"] = _("Give the young person's last name.")
    if not own_words.strip():
        errors["own_words"] = _("Write what the young person asks for, in their own words.")
    if not heard_how.strip():
        errors["heard_how"] = _("Say how the young person was heard.")
    if lead is None or lead.role != Role.SIP_LEAD:
        errors["lead"] = _("Choose the SIP coordinator the request goes to.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan = CoordinatedPlan.objects.filter(child__personal_number=number).select_related(
            "lead_membership__user", "child").first()
        request = YoungPersonRequest.objects.create(
            personal_number=number, first_name=first_name.strip(), last_name=last_name.strip(),
            protected_identity=protected_identity, own_words=own_words.strip(), heard_how=heard_how.strip(),
            without_guardians=without_guardians, recorded_by=actor.membership,
            lead=plan.lead_membership if plan else lead, plan=plan,
            status=YoungPersonRequest.Status.FORWARDED if plan else YoungPersonRequest.Status.PENDING)
        audit.record(actor, AuditAction.CREATE, request, person=plan.child if plan else None,
                     purpose=PURPOSE, detail={"description": "Ung persons egen begäran om SIP registrerad"})
        _mail(f"young-request:{request.pk}", request.lead.user.email,
              _("A young person asks for their own SIP"),
              _("A young person aged 15 or older asks for their own coordinated plan (request %(id)s, "
                "recorded by %(unit)s). Open Tillsammans to handle it; this message contains no "
                "personal data.") % {"id": request.pk, "unit": actor.membership.unit.name})
    return request


def young_request_accept(*, actor: Actor, request: YoungPersonRequest) -> CoordinatedPlan:
    """The SIP coordinator takes the request on: a new plan, or the existing one."""
    from tillsammans.childplans import services
    from tillsammans.childplans.versions import record_version

    if request.lead_id != actor.membership.pk:
        raise PermissionDenied
    with transaction.atomic():
        plan = request.plan
        if plan is None:
            plan = services.plan_start(actor=actor, personal_number=request.personal_number,
                                       first_name=request.first_name, last_name=request.last_name,
                                       protected_identity=request.protected_identity,
                                       reason=_("The young person's own request.")).plan
        if plan is None or plan.lead_membership_id != actor.membership.pk:
            raise ValidationError(_("The child's plan has another SIP coordinator; the request was sent there."))
        if not plan.childs_view:
            plan.childs_view = request.own_words
            plan.save(update_fields=["childs_view", "updated_at"])
        request.plan, request.handled_at = plan, timezone.now()
        if request.status == YoungPersonRequest.Status.PENDING:
            request.status = YoungPersonRequest.Status.STARTED
        request.save(update_fields=["plan", "handled_at", "status"])
        audit.record(actor, AuditAction.UPDATE, request, person=plan.child, purpose=PURPOSE,
                     detail={"description": f"Ung persons egen begäran tagen om hand i SIP {plan.pk}"})
        record_version(actor=actor, plan=plan, note=_("The young person's own request"))
    return plan


def objection_record(*, actor: Actor, plan: CoordinatedPlan, unit, words: str, heard_how: str) -> Objection:
    from tillsammans.childplans.versions import record_version

    errors = {}
    if not words.strip():
        errors["words"] = _("Write the objection in the young person's words.")
    if not heard_how.strip():
        errors["heard_how"] = _("Say how the young person was heard.")
    if errors:
        raise ValidationError(errors)
    target = unit.name if unit else "planens aktivering"
    with transaction.atomic():
        objection = Objection.objects.create(plan=plan, unit=unit, words=words.strip(),
                                             heard_how=heard_how.strip(), recorded_by=actor.membership)
        audit.record(actor, AuditAction.CREATE, objection, person=plan.child, purpose=PURPOSE, detail={
            "young_person_objection": True, "unit": unit.pk if unit else None,
            "description": f"Den unge invänder mot {target} i SIP {plan.pk}; "
                           "spärrat tills SIP-samordnaren beslutat"})
        record_version(actor=actor, plan=plan, note=_("The young person objects to %(what)s") % {"what": target})
        if actor.membership is None or actor.membership.pk != plan.lead_membership_id:
            _mail(f"objection:{objection.pk}", plan.lead_membership.user.email,
                  _("A young person's objection in SIP %(plan)s") % {"plan": plan.pk},
                  _("A young person's objection was recorded in coordinated plan %(plan)s. It blocks "
                    "until you record a reasoned decision. This message contains no personal data.")
                  % {"plan": plan.pk})
    return objection


def objection_decide(*, actor: Actor, objection: Objection, decision: str, reason: str) -> Objection:
    """The SIP coordinator's reasoned decision on an objection: upheld (the unit stays without
    access) or overridden (the plan goes ahead, the reasons say why)."""
    from tillsammans.childplans.versions import record_version

    plan = objection.plan
    if plan.lead_membership_id != actor.membership.pk:
        raise PermissionDenied
    errors = {}
    if decision not in Objection.Decision.values:
        errors["decision"] = _("Choose a decision.")
    if len(reason.strip()) < MIN_REASON:
        errors["reason"] = _("Give the reasons for the decision in at least a full sentence (20 characters).")
    if objection.decision:
        errors["decision"] = _("The objection is already decided.")
    if errors:
        raise ValidationError(errors)
    target = objection.unit.name if objection.unit else "planens aktivering"
    outcome = ("invändningen godtas" if decision == Objection.Decision.UPHELD
               else "planen fortsätter trots invändningen")
    with transaction.atomic():
        objection.decision, objection.decision_reason = decision, reason.strip()
        objection.decided_by, objection.decided_at = actor.membership, timezone.now()
        objection.save(update_fields=["decision", "decision_reason", "decided_by", "decided_at"])
        audit.record(actor, AuditAction.UPDATE, objection, person=plan.child, purpose=PURPOSE, detail={
            "young_person_objection": True, "decision": decision,
            "description": f"Beslut om den unges invändning mot {target} i SIP {plan.pk}: {outcome}. "
                           f"Skäl: {reason.strip()[:200]}"})
        record_version(actor=actor, plan=plan, note=_("Decision on the young person's objection"))
    return objection


def pending_requests(actor: Actor) -> list[YoungPersonRequest]:
    """Requests waiting for this SIP coordinator, each with ``child`` (None if not yet known),
    in a fixed number of queries."""
    if actor.membership is None:
        return []
    rows = list(YoungPersonRequest.objects.filter(lead=actor.membership, handled_at__isnull=True)
                .select_related("recorded_by__unit", "plan__child").order_by("-created_at"))
    known = {c.personal_number: c for c in Child.objects.filter(
        personal_number__in=[r.personal_number for r in rows])}
    for row in rows:
        row.child = row.plan.child if row.plan_id else known.get(row.personal_number)
    return rows
