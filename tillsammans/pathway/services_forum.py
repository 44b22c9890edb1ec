"""Requests to a joint forum and its decisions (level 2). A request carries an anonymous summary
(age band, area, kind of need, the question) that the forum always sees; the child only with a
consent that names every unit of the forum (``rules.forum_units``)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.accounts.roles import Role
from tillsammans.childplans import rules
from tillsammans.childplans import services as child_services
from tillsammans.childplans.models import ConsentPurpose
from tillsammans.core import audit, pii
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.networks.models import NetworkKind
from tillsammans.pathway.models import AgeBand, ForumDecision, ForumRequest, Worry, WorryDecision
from tillsammans.pathway.services import MIN_REASON, PURPOSE, entry

FORUM_PURPOSE = "Forum"


def age_band(age: int) -> str:
    for band in AgeBand.values:
        low, high = (int(x) for x in band.split("-"))
        if low <= age <= high:
            return band
    return AgeBand.YOUTH


def _district(unit):
    """The unit's district (stadsområde), else any area it lies in: the anonymous summary's area."""
    links = list(unit.area_links.select_related("area").order_by("area__kind", "area__pk"))
    for link in links:
        if link.area.kind == "district":
            return link.area
    return links[0].area if links else None


def missing_units(forum, consent) -> list:
    """The units of the forum that the consent does not (or no longer) cover."""
    from tillsammans.organisations.models import Unit

    covered = rules.consent_covered_units([consent.pk])[consent.pk] if consent is not None else set()
    return list(Unit.objects.filter(pk__in=rules.forum_units(forum) - covered).order_by("name"))


def _refuse_uncovered(forum, consent, field: str = "consent") -> None:
    missing = missing_units(forum, consent)
    if missing:
        raise ValidationError({field: _("The consent does not cover every unit of the forum, so the forum "
                                         "may not see the child. Missing: %(units)s. Record a consent that "
                                         "names them, or bring the request without the child's identity.")
                               % {"units": ", ".join(u.name for u in missing)}})


def forum_consent_record(*, actor: Actor, worry: Worry, forum, guardians=(), categories=(), given_by="guardians",
                         child_view: str = "", child_heard_how: str = ""):
    """The guardians' consent (or the young person's own) naming every unit of the forum."""
    from tillsammans.organisations.models import Unit

    units = list(Unit.objects.filter(pk__in=rules.forum_units(forum)))
    return child_services.consent_record(
        actor=actor, child=worry.child, purpose=ConsentPurpose.FORUM, receiving_units=units, categories=categories,
        guardians=guardians, given_by=given_by, child_view=child_view, child_heard_how=child_heard_how)


def request_submit(*, actor: Actor, worry: Worry, forum, question: str, consent=None, needs=None,
                   meeting=None) -> ForumRequest:
    """Bring a request to a forum: named with a consent covering the forum's units, or anonymous
    (the forum sees only age band, area, kind of need and the question, which may hold no
    personal data in either case)."""
    errors: dict = {}
    if forum is None or forum.kind != NetworkKind.FORUM or forum.valid_to is not None:
        errors["forum"] = _("Choose a joint forum.")
    if not question.strip():
        errors["question"] = _("Write what the unit asks of the forum.")
    else:
        try:
            pii.validate_text(question)
        except ValidationError as exc:
            errors["question"] = exc.messages
    if consent is not None and consent.child_id != worry.child_id:
        errors["consent"] = _("The consent is about another child.")
    if meeting is not None and (forum is None or meeting.network_id != forum.pk or meeting.cancelled
                                or meeting.starts_at < timezone.now()):
        errors["meeting"] = _("Choose one of the forum's coming meetings.")
    if errors:
        raise ValidationError(errors)
    if consent is not None:
        _refuse_uncovered(forum, consent)
    if meeting is None:
        meeting = forum.meetings.filter(cancelled=False, starts_at__gte=timezone.now()).order_by("starts_at").first()
    with transaction.atomic():
        request = ForumRequest.objects.create(
            forum=forum, worry=worry, requesting_unit=actor.membership.unit, requested_by=actor.membership,
            consent=consent, age_band=age_band(worry.child.age), area=_district(actor.membership.unit),
            needs=list(needs if needs is not None else worry.needs), question=question.strip(), meeting=meeting)
        worry.level = max(worry.level, 2)
        if not worry.decision:
            worry.decision, worry.decided_at, worry.decided_by = WorryDecision.FORUM, timezone.now(), actor.membership
        worry.save()
        audit.record(actor, AuditAction.DISCLOSE if consent else AuditAction.CREATE, request, person=worry.child,
                     purpose=FORUM_PURPOSE, detail={"forum": forum.pk, "named": consent is not None})
        if hasattr(worry, "relay_log"):
            entry(worry.relay_log, actor, _("Request brought to %(forum)s") % {"forum": forum.name})
        _tell_convener(forum, request)
    return request


def _tell_convener(forum, request) -> None:
    from tillsammans.core.tasks import queue_mail

    email = forum.convener.user.email
    if email:
        url = settings.SITE_URL + reverse("pathway:request", args=[request.pk])
        queue_mail(key=f"forum-request:{request.pk}", to=[email], subject=_("A new request to %(forum)s")
                   % {"forum": forum.name}, body=_("A unit has brought a request to the forum: %(url)s. "
                                                    "This message contains no personal data.") % {"url": url})


def request_name(*, actor: Actor, request: ForumRequest, consent) -> ForumRequest:
    """A consent recorded later makes an anonymous request named."""
    if consent.child_id != request.worry.child_id:
        raise ValidationError({"consent": _("The consent is about another child.")})
    _refuse_uncovered(request.forum, consent)
    with transaction.atomic():
        request.consent = consent
        request.save(update_fields=["consent"])
        audit.record(actor, AuditAction.DISCLOSE, request, person=request.worry.child, purpose=FORUM_PURPOSE,
                     detail={"named": True, "consent": consent.pk})
    return request


def request_schedule(*, actor: Actor, request: ForumRequest, meeting) -> ForumRequest:
    if meeting is None or meeting.network_id != request.forum_id or meeting.cancelled:
        raise ValidationError({"meeting": _("Choose one of the forum's meetings.")})
    with transaction.atomic():
        request.meeting = meeting
        request.save(update_fields=["meeting"])
        audit.record(actor, AuditAction.UPDATE, request, person=request.worry.child, purpose=FORUM_PURPOSE,
                     detail={"meeting": meeting.pk})
    return request


def request_withdraw(*, actor: Actor, request: ForumRequest, reason: str) -> ForumRequest:
    if request.status != ForumRequest.Status.WAITING:
        raise ValidationError(_("Only a request waiting for the forum can be withdrawn."))
    if len(reason.strip()) < MIN_REASON:
        raise ValidationError({"reason": _("Give the reasons in at least a full sentence (20 characters).")})
    with transaction.atomic():
        request.status, request.decision_reason = ForumRequest.Status.WITHDRAWN, reason.strip()
        request.save(update_fields=["status", "decision_reason"])
        audit.record(actor, AuditAction.UPDATE, request, person=request.worry.child, purpose=FORUM_PURPOSE,
                     detail={"withdrawn": True})
    return request


def _plan_content(request: ForumRequest) -> str:
    worry = request.worry
    parts = [_("Decided by %(forum)s on %(date)s.") % {"forum": request.forum.name,
                                                       "date": timezone.localdate().isoformat()},
             _("The request: %(q)s") % {"q": request.question}, _("Seen and heard: %(s)s") % {"s": worry.seen_heard}]
    if worry.guardians_talk:
        parts.append(_("The talk with the guardians: %(t)s") % {"t": worry.guardians_talk})
    return "\n\n".join(parts)


def _open_plan(actor: Actor, request: ForumRequest, lead):
    """The SIP, opened through childplans' own services with the request's content and consent carried
    over and the lead named. A child who already has a plan: that plan's lead is asked (no oracle)."""
    from tillsammans.childplans import services_goals
    from tillsammans.childplans.models import Consent, Participant

    child = request.worry.child
    result = child_services.plan_start(actor=actor, personal_number=child.personal_number,
                                       first_name=child.first_name, last_name=child.last_name,
                                       reason=_plan_content(request), lead=lead)
    plan = result.plan
    if plan is None or not result.created:
        return None
    Consent.objects.filter(pk=request.consent_id, plan__isnull=True).update(plan=plan)
    if request.worry.childs_view:
        plan.childs_view = request.worry.childs_view
        plan.save(update_fields=["childs_view", "updated_at"])
    covered = rules.consent_covered_units([request.consent_id])[request.consent_id]
    log = getattr(request.worry, "relay_log", None)
    if log is not None and log.family_contact.unit_id in covered:
        Participant.objects.get_or_create(plan=plan, membership=log.family_contact)
        for measure in log.measures.select_related("responsible__user", "responsible__unit__authority"):
            services_goals.intervention_add(
                actor=actor, plan=plan, description=measure.description,
                principal=measure.responsible.unit.authority.principal, unit=measure.responsible.unit,
                responsible_person=measure.responsible.user.get_full_name(), start=measure.created_at.date(),
                status="done" if measure.status == "done" else "ongoing")
    from tillsammans.childplans.versions import record_version

    record_version(actor=actor, plan=plan, note=_("Opened by a joint forum's decision"))
    return plan


def request_decide(*, actor: Actor, request: ForumRequest, decision: str, reason: str, lead=None,
                   service_contact=None) -> ForumRequest:
    """The forum decides: a SIP (lead named), support from one service (a named contact, who gets an
    e-mail), a report of concern, or no action – each with its reasons."""
    errors: dict = {}
    if request.status != ForumRequest.Status.WAITING:
        errors["__all__"] = _("The request is already decided or withdrawn.")
    if decision not in ForumDecision.values:
        errors["decision"] = _("Choose a decision.")
    if len(reason.strip()) < MIN_REASON:
        errors["reason"] = _("Give the reasons for the decision in at least a full sentence (20 characters).")
    if decision == ForumDecision.SIP:
        if lead is None or lead.role != Role.SIP_LEAD or not lead.is_current():
            errors["lead"] = _("Name the SIP coordinator who leads the plan.")
        if request.consent_id is None:
            errors["decision"] = _("A SIP needs the guardians' consent: the request is anonymous.")
        elif lead is not None and lead.unit_id not in rules.consent_covered_units(
                [request.consent_id])[request.consent_id]:
            errors["lead"] = _("The consent does not cover the SIP coordinator's unit.")
    if decision == ForumDecision.ONE_SERVICE and service_contact is None:
        errors["service_contact"] = _("Name the contact in the service that gives the support.")
    if errors:
        raise ValidationError(errors)
    from tillsammans.pathway.models_structure import Pathway

    days = Pathway.objects.filter(principal_id=request.requesting_unit.authority.principal_id).values_list(
        "tell_within_days", flat=True).first() or settings.PATHWAY_TELL_WITHIN_DAYS
    with transaction.atomic():
        request.status, request.decision, request.decision_reason = (ForumRequest.Status.DECIDED, decision,
                                                                     reason.strip())
        request.decided_at, request.decided_by = timezone.now(), actor.membership
        request.lead = lead if decision == ForumDecision.SIP else None
        request.service_contact = service_contact if decision == ForumDecision.ONE_SERVICE else None
        request.tell_by = timezone.localdate() + timedelta(days=days)
        if decision == ForumDecision.SIP:
            request.plan = _open_plan(actor, request, lead)
        request.save()
        audit.record(actor, AuditAction.UPDATE, request, person=request.worry.child, purpose=FORUM_PURPOSE,
                     detail={"decision": decision, "plan": request.plan_id,
                             "description": f"Forumets beslut: {ForumDecision(decision).label}"})
        worry = request.worry
        if decision == ForumDecision.REPORT:
            worry.level = 3
            worry.save(update_fields=["level"])
        if hasattr(worry, "relay_log"):
            entry(worry.relay_log, actor, _("%(forum)s decided: %(d)s") % {"forum": request.forum.name,
                                                                           "d": ForumDecision(decision).label})
        _tell(request)
    return request


def _tell(request: ForumRequest) -> None:
    """The requesting unit at once; the named service contact; the family by e-mail and text
    message where the guardians gave an address (no personal data about the child in either)."""
    from tillsammans.core.sms import normalise_phone
    from tillsammans.core.tasks import queue_mail, queue_text

    url = settings.SITE_URL + reverse("pathway:request", args=[request.pk])
    label = ForumDecision(request.decision).label
    requester = request.requested_by.user.email
    if requester:
        queue_mail(key=f"forum-decided:{request.pk}:requester", to=[requester],
                   subject=_("%(forum)s has decided on your request") % {"forum": request.forum.name},
                   body=_("Decision: %(d)s. Tell the family by %(date)s and record it: %(url)s. This message "
                          "contains no personal data.") % {"d": label, "date": request.tell_by.isoformat(), "url": url})
        request.requester_told_at = timezone.now()
    if request.service_contact_id and request.service_contact.user.email:
        queue_mail(key=f"forum-decided:{request.pk}:service", to=[request.service_contact.user.email],
                   subject=_("%(forum)s asks your service to give support") % {"forum": request.forum.name},
                   body=_("The forum decided that your service gives support in request %(id)s, with you as the "
                          "contact. The requesting unit (%(unit)s) contacts you: %(url)s. This message contains no "
                          "personal data.") % {"id": request.pk, "unit": request.requesting_unit.name, "url": url})
    if request.consent_id:
        guardians = request.worry.child.guardians.filter(has_custody=True, protected_identity=False)
        told = False
        for guardian in guardians:
            message = _("The joint forum %(forum)s has discussed the support you agreed to with %(unit)s. "
                        "%(unit)s will contact you about what was decided.") % {
                "forum": request.forum.name, "unit": request.requesting_unit.name}
            if guardian.email:
                queue_mail(key=f"forum-decided:{request.pk}:guardian:{guardian.pk}", to=[guardian.email],
                           subject=_("About the support for your child"), body=message)
                told = True
            if guardian.phone:
                try:
                    queue_text(key=f"forum-decided:{request.pk}:text:{guardian.pk}", to=normalise_phone(guardian.phone),
                               body=message)
                    told = True
                except ValidationError:
                    pass
        if told:
            request.family_told_at = timezone.now()
    request.save(update_fields=["requester_told_at", "family_told_at"])


def family_told(*, actor: Actor, request: ForumRequest) -> ForumRequest:
    """The requesting unit records that it told the family of the decision itself."""
    if request.status != ForumRequest.Status.DECIDED:
        raise ValidationError(_("The forum has not decided yet."))
    with transaction.atomic():
        request.family_told_at = timezone.now()
        request.save(update_fields=["family_told_at"])
        audit.record(actor, AuditAction.UPDATE, request, person=request.worry.child, purpose=PURPOSE,
                     detail={"family_told": True})
        if hasattr(request.worry, "relay_log"):
            entry(request.worry.relay_log, actor, _("The family was told of the forum's decision"))
    return request

