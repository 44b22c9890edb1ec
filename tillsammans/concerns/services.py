"""Writes about reports of concern: keyword-only, validated, one transaction, one access event each.

E-mails never carry the child's identity: the reference number, the municipality and what is due."""

from __future__ import annotations

import uuid
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.accounts.roles import Role
from tillsammans.childplans import rules
from tillsammans.concerns import deadlines, routing, sectors
from tillsammans.concerns.disclosure import INTAKE_PURPOSE, REPORTER_PURPOSE
from tillsammans.concerns.legal import rules as deadline_rules
from tillsammans.concerns.models import (
    ConcernReport,
    Decision,
    FamilyInformed,
    IntakeSettings,
    ReportStatus,
    Sector,
    Urgency,
)
from tillsammans.core import audit, identity
from tillsammans.core.access import ANONYMOUS, Actor, require
from tillsammans.core.models import AuditAction
from tillsammans.core.tasks import queue_mail

MIN_OBSERVATIONS = 10


# Sending a report ------------------------------------------------------------------------------


def _clean_child(child_number: str, child_name: str, child_age: int | None, child_address: str,
                 observations: str) -> tuple[str, dict]:
    errors: dict[str, list[str]] = {}
    number = ""
    if child_number.strip():
        try:
            number = identity.normalise(child_number)
        except ValidationError as exc:
            errors["child_number"] = exc.messages
    elif not child_name.strip():
        errors["child_name"] = [_("Write the child's personal identity number, or the child's name (with age "
                                  "and address if you know them).")]
    if child_age is not None and not 0 <= child_age <= 20:
        errors["child_age"] = [_("Write the child's age in years (0–20).")]
    if len(observations.strip()) < MIN_OBSERVATIONS:
        errors["observations"] = [_("Write what you have seen, heard or been told, and when.")]
    if errors:
        raise ValidationError(errors)
    return number, {"child_name": child_name.strip(), "child_age": child_age,
                    "child_address": child_address.strip(), "observations": observations.strip()}


def _choice(value: str, choices, field: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: _("Choose one of the alternatives.")})
    return value


def _create(*, received_at, route: routing.Route, number: str, fields: dict, **rest) -> ConcernReport:
    from tillsammans.childplans.models import Child

    child = Child.objects.filter(personal_number=number).first() if number else None
    report = ConcernReport.objects.create(
        reference=f"tmp-{uuid.uuid4().hex[:16]}", municipality=route.municipality, area=route.area,
        routed_by=route.basis, received_at=received_at, child=child, child_number=number,
        assessment_due_at=deadlines.assessment_due(received_at), decision_due_on=deadlines.decision_due(received_at),
        **fields, **rest)
    report.reference = f"ORO-{timezone.localtime(received_at):%Y}-{report.pk:05d}"
    report.save(update_fields=["reference"])
    return report


def report_submit(*, actor: Actor, child_number: str = "", child_name: str = "", child_age: int | None = None,
                  child_address: str = "", guardians: str = "", observations: str = "",
                  urgency: str = Urgency.NORMAL, family_informed: str = FamilyInformed.NO,
                  interpreter: str = "", child_unit=None, origin: str = "") -> ConcernReport:
    """A professional's report: never anonymous; unit, role and contact from the acting membership."""
    membership = actor.membership
    if membership is None or membership.role in rules.NO_CHILD_DATA:
        raise PermissionDenied("concerns.report")
    number, fields = _clean_child(child_number, child_name, child_age, child_address, observations)
    _choice(urgency, Urgency, "urgency")
    _choice(family_informed, FamilyInformed, "family_informed")
    user, unit = membership.user, membership.unit
    with transaction.atomic():
        if child_unit is None and number:
            from tillsammans.childplans.models import Child

            known = Child.objects.filter(personal_number=number).first()
            child_unit = known.units.order_by("pk").first() if known else None
        route = routing.route(address=fields["child_address"], child_unit=child_unit, reporter_unit=unit)
        report = _create(
            received_at=timezone.now(), route=route, number=number, fields=fields, guardians=guardians.strip(),
            urgency=urgency, family_informed=family_informed, interpreter=interpreter.strip(),
            child_unit=child_unit, reporter=membership, reporter_unit=unit, reporter_sector=sectors.of_unit(unit),
            reporter_name=user.get_full_name() or user.get_username(),
            reporter_role=membership.function or str(membership.get_role_display()),
            reporter_phone=user.phone, reporter_email=user.email)
        audit.record(actor, AuditAction.CREATE, report, person=report.child, purpose=REPORTER_PURPOSE,
                     detail={"routed_by": route.basis, **({"origin": origin[:60]} if origin else {})})
        if user.email:
            queue_mail(key=f"concerns:receipt:{report.pk}", to=[user.email],
                       subject=_("Receipt: report of concern %(ref)s") % {"ref": report.reference},
                       body=_receipt_body(report))
        _tell_intake_of_new(report)
    return report


def public_submit(*, actor: Actor, municipality, child_number: str = "", child_name: str = "",
                  child_age: int | None = None, child_address: str = "", guardians: str = "",
                  observations: str = "", urgency: str = Urgency.NORMAL, family_informed: str = FamilyInformed.NO,
                  interpreter: str = "", relation: str = Sector.PRIVATE, reporter_name: str = "",
                  reporter_phone: str = "", reporter_email: str = "") -> ConcernReport:
    """A report through the public form: no login, may be anonymous. Nothing about the sender's
    connection is kept – not the address, not a cookie, not a session: the access event is
    written as by nobody, without the client address and request id (``actor`` is not used for it)."""
    number, fields = _clean_child(child_number, child_name, child_age, child_address, observations)
    _choice(urgency, Urgency, "urgency")
    _choice(family_informed, FamilyInformed, "family_informed")
    if municipality is None:
        raise ValidationError({"municipality": _("Choose the municipality where the child lives or is staying.")})
    named = bool(reporter_name.strip() or reporter_phone.strip() or reporter_email.strip())
    sector = _choice(relation, Sector, "relation") if named else Sector.ANONYMOUS
    with transaction.atomic():
        report = _create(
            received_at=timezone.now(), route=routing.route(chosen=municipality), number=number, fields=fields,
            public=True, guardians=guardians.strip(), urgency=urgency, family_informed=family_informed,
            interpreter=interpreter.strip(), reporter_sector=sector, reporter_name=reporter_name.strip(),
            reporter_phone=reporter_phone.strip(), reporter_email=reporter_email.strip())
        audit.record(ANONYMOUS, AuditAction.CREATE, report, person=report.child, purpose=REPORTER_PURPOSE,
                     detail={"public": True})
        _tell_intake_of_new(report)
    return report


def _receipt_body(report: ConcernReport) -> str:
    return _("Your report of concern has been received by social services' intake in %(municipality)s.\n\n"
             "Reference number: %(ref)s\nReceived: %(when)s\n\n"
             "You will be told whether an investigation is opened, not opened or already ongoing. "
             "Open \"My reports of concern\" in Tillsammans to see the receipt and the feedback.") % {
        "municipality": report.municipality.name, "ref": report.reference,
        "when": f"{timezone.localtime(report.received_at):%Y-%m-%d %H:%M}"}


def intake_recipients(municipality_id: int) -> list[str]:
    """Every current intake membership of the municipality, and the team's shared address."""
    from tillsammans.accounts.models import Membership

    emails = set(Membership.objects.current().filter(
        role=Role.INTAKE, unit__authority__principal_id=municipality_id).exclude(user__email="")
        .values_list("user__email", flat=True))
    shared = IntakeSettings.objects.filter(municipality_id=municipality_id).values_list(
        "intake_email", flat=True).first()
    if shared:
        emails.add(shared)
    return sorted(emails)


def _tell_intake_of_new(report: ConcernReport) -> None:
    to = intake_recipients(report.municipality_id)
    if not to:
        return
    acute = report.urgency == Urgency.ACUTE
    subject = (_("ACUTE report of concern %(ref)s") if acute else _("New report of concern %(ref)s")) % {
        "ref": report.reference}
    queue_mail(key=f"concerns:new:{report.pk}", to=to, subject=subject, body=_(
        "A report of concern has come in to the intake.\n\nReference number: %(ref)s\n"
        "Protection assessment due: %(due)s\n\nOpen the intake queue in Tillsammans.") % {
        "ref": report.reference, "due": f"{timezone.localtime(report.assessment_due_at):%Y-%m-%d %H:%M}"})


# The intake's work ----------------------------------------------------------------------------


def _require_intake(actor: Actor, report: ConcernReport) -> None:
    if rules.report_basis(actor, report) != "intake":
        raise PermissionDenied("concerns.handle")


def _decide(report: ConcernReport, actor: Actor, decision: str, reason: str, now) -> None:
    report.decision, report.decision_reason = decision, reason
    report.decided_at, report.decided_by = now, actor.membership
    report.status = ReportStatus.DECIDED
    report.feedback_due_on = deadlines.feedback_due(now) if report.is_professional else None


def assessment_record(*, actor: Actor, report: ConcernReport, assessment: str, needs_protection: bool,
                      violence_suspected: bool) -> ConcernReport:
    """The protection assessment. Suspected violence opens an investigation at once (no preliminary
    assessment). It can be corrected until the decision is made."""
    _require_intake(actor, report)
    if len(assessment.strip()) < MIN_OBSERVATIONS:
        raise ValidationError({"assessment": _("Write the protection assessment: is the child in need of "
                                               "immediate protection, and why.")})
    if report.status == ReportStatus.DECIDED:
        raise ValidationError(_("The decision is already made; the protection assessment can no longer be changed."))
    now = timezone.now()
    with transaction.atomic():
        first = report.assessed_at is None
        report.assessment, report.needs_protection = assessment.strip(), needs_protection
        report.violence_suspected = violence_suspected
        if first:
            report.assessed_at, report.assessed_by = now, actor.membership
        report.status = ReportStatus.ASSESSED
        if violence_suspected:
            _decide(report, actor, Decision.OPENED,
                    _("Violence or abuse against the child is suspected: an investigation is opened directly."), now)
        report.save()
        audit.record(actor, AuditAction.CREATE if first else AuditAction.UPDATE, report, person=report.child,
                     purpose=INTAKE_PURPOSE, detail={"step": "assessment", "in_time": now <= report.assessment_due_at,
                                                     "direct_investigation": violence_suspected})
        if violence_suspected:
            _feedback_now(actor, report)
    return report


def decision_record(*, actor: Actor, report: ConcernReport, decision: str, reason: str,
                    give_feedback: bool = True) -> ConcernReport:
    """Open, not open, or already ongoing. Needs the protection assessment first; can be corrected
    until the reporter has been told."""
    _require_intake(actor, report)
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = [_("Choose one of the alternatives.")]
    if len(reason.strip()) < MIN_OBSERVATIONS:
        errors["reason"] = [_("Write the grounds for the decision.")]
    if errors:
        raise ValidationError(errors)
    if report.assessed_at is None:
        raise ValidationError(_("Record the protection assessment first."))
    if report.feedback_at is not None:
        raise ValidationError(_("The reporter has been told of the decision; it can no longer be changed here."))
    now = timezone.now()
    with transaction.atomic():
        first = report.decided_at is None
        _decide(report, actor, decision, reason.strip(), report.decided_at if not first else now)
        report.save()
        audit.record(actor, AuditAction.CREATE if first else AuditAction.UPDATE, report, person=report.child,
                     purpose=INTAKE_PURPOSE, detail={"step": "decision", "decision": decision,
                                                     "in_time": timezone.localdate() <= report.decision_due_on})
        if give_feedback:
            _feedback_now(actor, report)
    return report


def extension_record(*, actor: Actor, report: ConcernReport, until: date, reason: str) -> ConcernReport:
    """A later decision date, only with exceptional reasons written down."""
    _require_intake(actor, report)
    errors = {}
    if report.decided_at is not None:
        raise ValidationError(_("The decision is already made."))
    if until is None or until <= report.decision_due_on:
        errors["until"] = [_("Choose a date after the current due date (%(due)s).") % {"due": report.decision_due_on}]
    if len(reason.strip()) < deadline_rules().min_extension_reason:
        errors["reason"] = [_("Write the exceptional reasons for going past 14 days (at least a sentence).")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = report.decision_due_on
        previous = report.extension_reason
        stamp = f"{timezone.localdate():%Y-%m-%d}: {reason.strip()}"
        report.extension_reason = f"{previous}\n{stamp}".strip()
        report.decision_due_on, report.extended_at, report.extended_by = until, timezone.now(), actor.membership
        report.save()
        audit.record(actor, AuditAction.UPDATE, report, person=report.child, purpose=INTAKE_PURPOSE,
                     detail={"step": "extension", "from": before.isoformat(), "to": until.isoformat()})
    return report


def _feedback_now(actor: Actor, report: ConcernReport) -> None:
    if not report.is_professional or report.feedback_at is not None or report.decided_at is None:
        return
    report.feedback_at = timezone.now()
    report.save(update_fields=["feedback_at"])
    audit.record(actor, AuditAction.DISCLOSE, report, person=report.child, purpose=INTAKE_PURPOSE,
                 detail={"step": "feedback", "decision": report.decision})
    if report.reporter_email:
        queue_mail(key=f"concerns:feedback:{report.pk}", to=[report.reporter_email],
                   subject=_("Feedback on your report of concern %(ref)s") % {"ref": report.reference},
                   body=_("Social services' intake in %(municipality)s has decided on your report of concern "
                          "%(ref)s:\n\n%(decision)s.\n\nThis is the feedback the law gives you as a "
                          "professional reporter; the case itself is not shown.") % {
                       "municipality": report.municipality.name, "ref": report.reference,
                       "decision": report.get_decision_display()})


def feedback_give(*, actor: Actor, report: ConcernReport) -> ConcernReport:
    """Tell the professional reporter whether an investigation was opened, not opened or is ongoing."""
    _require_intake(actor, report)
    if report.decided_at is None:
        raise ValidationError(_("Record the decision first."))
    if not report.is_professional:
        raise ValidationError(_("Feedback goes to professional reporters only."))
    with transaction.atomic():
        _feedback_now(actor, report)
    return report


def sip_tell(*, actor: Actor, report: ConcernReport) -> int:
    """Intake chooses to tell the participants of the child's SIP that a report has come in: a
    disclosure in the access log; the e-mail names the plan's number, never the child or the reporter."""
    _require_intake(actor, report)
    plan = sip_of(report)
    if plan is None:
        raise ValidationError(_("Intake may not see a coordinated plan for this child."))
    if report.sip_told_at is not None:
        raise ValidationError(_("The plan's participants have already been told."))
    with transaction.atomic():
        members = [plan.lead_membership, *(p.membership for p in plan.participants.filter(
            removed_at__isnull=True).select_related("membership__user"))]
        emails = sorted({m.user.email for m in members if m.user.email})
        report.sip_told_at = timezone.now()
        report.save(update_fields=["sip_told_at"])
        audit.record(actor, AuditAction.DISCLOSE, report, person=report.child, purpose=INTAKE_PURPOSE,
                     detail={"step": "sip_told", "plan": plan.pk, "recipients": len(emails)})
        if emails:
            queue_mail(key=f"concerns:sip:{report.pk}", to=emails,
                       subject=_("Social services has received a report of concern (SIP %(plan)s)") % {"plan": plan.pk},
                       body=_("Social services' intake in %(municipality)s has received a report of concern about "
                              "the child in coordinated plan SIP %(plan)s and chooses to tell the plan's "
                              "participants. Contact the intake if you have information the assessment needs.") % {
                           "municipality": report.municipality.name, "plan": plan.pk})
    return len(emails)


SETTINGS_FIELDS = ("show_sip", "intake_email")


def intake_settings_save(*, actor: Actor, show_sip: bool, intake_email: str) -> IntakeSettings:
    """Change the settings of the municipality whose intake the actor runs. The municipality comes
    from the acting membership, never from the request: another municipality's settings cannot be
    reached. Written to the audit chain with the fields changed (nothing when nothing changed)."""
    require(actor, "concerns.settings")
    municipality_id = rules.intake_municipality_id(actor)
    with transaction.atomic():
        stored = IntakeSettings.objects.select_for_update().filter(municipality_id=municipality_id).first()
        created = stored is None
        stored = stored or IntakeSettings(municipality_id=municipality_id)
        before = {name: getattr(stored, name) for name in SETTINGS_FIELDS}
        stored.show_sip, stored.intake_email = bool(show_sip), intake_email.strip()
        stored.full_clean()
        changed = sorted(name for name in SETTINGS_FIELDS if getattr(stored, name) != before[name])
        if not changed:
            return stored
        stored.save()
        audit.record(actor, AuditAction.CREATE if created else AuditAction.UPDATE, stored,
                     detail={"fields": changed, "municipality": municipality_id, "show_sip": stored.show_sip})
    return stored


def sip_of(report: ConcernReport):
    """The child's plan, when the municipality lets intake see that one exists; else None."""
    if report.child_id is None:
        return None
    allowed = IntakeSettings.objects.filter(municipality_id=report.municipality_id, show_sip=True).exists()
    if not allowed:
        return None
    from tillsammans.childplans.models import CoordinatedPlan

    return CoordinatedPlan.objects.filter(child_id=report.child_id).select_related(
        "lead_membership__user", "lead_membership__unit").first()


def forward(*, actor: Actor, report: ConcernReport, municipality, reason: str) -> ConcernReport:
    """Send the report on to the intake of the municipality where the child lives. The receiving
    intake's clocks start when it receives it; this intake loses access at once."""
    _require_intake(actor, report)
    errors = {}
    if municipality is None or municipality.pk == report.municipality_id:
        errors["municipality"] = [_("Choose another municipality.")]
    if len(reason.strip()) < MIN_OBSERVATIONS:
        errors["reason"] = [_("Write why the report goes to that municipality.")]
    if errors:
        raise ValidationError(errors)
    if report.decided_at is not None:
        raise ValidationError(_("The decision is already made."))
    now = timezone.now()
    with transaction.atomic():
        audit.record(actor, AuditAction.DISCLOSE, report, person=report.child, purpose=INTAKE_PURPOSE,
                     detail={"step": "forwarded", "to": municipality.pk})
        report.forwarded_from, report.municipality = report.municipality, municipality
        report.forward_reason = reason.strip()
        report.area, report.routed_by, report.received_at = None, "forwarded", now
        report.assessment_due_at, report.decision_due_on = deadlines.assessment_due(now), deadlines.decision_due(now)
        report.status, report.assessed_at, report.assessed_by, report.assessment = ReportStatus.RECEIVED, None, None, ""
        report.save()
        _tell_intake_of_new(report)
    return report
