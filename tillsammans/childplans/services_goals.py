"""Writes to a plan's goals, interventions and wellbeing ratings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.childplans import wellbeing
from tillsammans.childplans.models import CoordinatedPlan, Goal, Intervention, WellbeingAssessment
from tillsammans.childplans.versions import record_version
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction

PURPOSE = "SIP"


def _indicators(values) -> list[str]:
    values = list(values or [])
    unknown = [v for v in values if v not in wellbeing.CODES]
    if unknown:
        raise ValidationError({"indicators": _("Unknown wellbeing indicator: %(codes)s.")
                               % {"codes": ", ".join(unknown)}})
    return values


def goal_add(*, actor: Actor, plan: CoordinatedPlan, text: str, childs_own: bool = False,
             indicators=()) -> Goal:
    if not text.strip():
        raise ValidationError({"text": _("Write the goal.")})
    with transaction.atomic():
        goal = Goal.objects.create(plan=plan, text=text.strip(), childs_own=childs_own,
                                   indicators=_indicators(indicators))
        audit.record(actor, AuditAction.CREATE, goal, person=plan.child, purpose=PURPOSE)
        record_version(actor=actor, plan=plan, note=_("Goal added"))
    return goal


def intervention_add(*, actor: Actor, plan: CoordinatedPlan, description: str, principal=None,
                     unit=None, other_actor: str = "", responsible_person: str = "", start=None,
                     end=None, status: str = "planned", indicators=(),
                     responsible_membership=None) -> Intervention:
    errors = {}
    if responsible_membership is not None and not plan.participants.filter(
            membership=responsible_membership, removed_at__isnull=True).exists():
        errors["responsible_membership"] = _("Choose the responsible person among the plan's participants.")
    if not description.strip():
        errors["description"] = _("Describe the intervention.")
    if principal is None and not other_actor.strip():
        errors["principal"] = _("Say which principal provides the intervention, or who else does.")
    if unit is not None and principal is not None and unit.authority.principal_id != principal.pk:
        errors["unit"] = _("The unit does not belong to the chosen principal.")
    if start and end and end < start:
        errors["end"] = _("The end date is before the start date.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        intervention = Intervention.objects.create(
            plan=plan, description=description.strip(), principal=principal, unit=unit,
            other_actor=other_actor.strip(), responsible_person=responsible_person.strip(),
            responsible_membership=responsible_membership, start=start,
            end=end, status=status, indicators=_indicators(indicators))
        audit.record(actor, AuditAction.CREATE, intervention, person=plan.child, purpose=PURPOSE)
        record_version(actor=actor, plan=plan, note=_("Intervention added"))
    return intervention


def assessment_add(*, actor: Actor, plan: CoordinatedPlan, ratings: dict[str, int], by: str,
                   assessed_on=None, comment: str = "") -> WellbeingAssessment:
    errors = {code: _("Rate from 1 to 5.") for code in wellbeing.CODES
              if ratings.get(code) not in wellbeing.SCALE}
    if by not in WellbeingAssessment.By.values:
        errors["by"] = _("Say who rated: the professionals, the child or a guardian.")
    if assessed_on and assessed_on > timezone.localdate():
        errors["assessed_on"] = _("A rating cannot be dated after today.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = WellbeingAssessment(plan=plan, ratings={c: int(ratings[c]) for c in wellbeing.CODES},
                                         by=by, comment=comment, recorded_by=actor.membership)
        if assessed_on:
            assessment.assessed_on = assessed_on
        assessment.save()
        audit.record(actor, AuditAction.CREATE, assessment, person=plan.child, purpose=PURPOSE)
    return assessment
