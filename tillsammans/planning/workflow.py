"""The plan's way from draft to submitted: each step its own named action, a step backwards only
with a reason, and everyone whose turn it is — or who was told of the earlier state — told by e-mail."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.accounts.models import Membership
from tillsammans.accounts.roles import Role
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.core.tasks import queue_mail
from tillsammans.planning.history import record_change, snapshot_create
from tillsammans.planning.models import ActionPlan, Approval, PlanStatus
from tillsammans.planning.services import (
    checks,
    copy_units,
    plan_url,
    receiver_addresses,
    snapshot_lines,
    submission_problems,
)

FORWARD = {
    PlanStatus.DRAFT: PlanStatus.REVIEW,
    PlanStatus.APPROVED: PlanStatus.SUBMITTED,
    PlanStatus.SUBMITTED: PlanStatus.FOLLOWED_UP,
}
BACKWARD = {PlanStatus.REVIEW, PlanStatus.APPROVED, PlanStatus.SUBMITTED}  # may be reopened as a draft


def approvers(plan: ActionPlan):
    """Managers in the parties' authorities: they comment on and approve the plan in review."""
    return (Membership.objects.current().filter(role=Role.MANAGER, unit__authority__in=plan.template.agreement
                                                .parties.all()).select_related("user", "unit__authority"))


def coordinators(plan: ActionPlan) -> list[Membership]:
    if plan.project_id:
        return [plan.project.lead]
    return [m for m in Membership.objects.current().filter(role=Role.COORDINATOR).select_related("user", "unit")
            if plan.area_id in coordinator_area_ids(m)]


@dataclass
class ApprovalState:
    approved: list[Approval]
    remaining: list  # parties (Authority) that have not approved yet


def approval_state(plan: ActionPlan) -> ApprovalState:
    approved = list(plan.approvals.select_related("party", "membership__user").order_by("approved_at"))
    return ApprovalState(approved, remaining_parties(plan, approved))


def remaining_parties(plan: ActionPlan, approved: list[Approval]) -> list:
    """The agreement's parties, by name, that are not among ``approved``."""
    done = {a.party_id for a in approved}
    return [p for p in plan.template.agreement.parties.order_by("name") if p.pk not in done]


def awaits_approval(plan: ActionPlan, party) -> bool:
    """Is ``party`` one of the agreement's parties that has not approved the plan yet? One query."""
    return plan.template.agreement.parties.filter(pk=party.pk).exclude(
        pk__in=Approval.objects.filter(plan=plan).values("party_id")).exists()


def _mail(plan: ActionPlan, emails, key: str, subject: str, body: str) -> None:
    for email in sorted({e for e in emails if e}):
        queue_mail(key=f"{key}:{plan.pk}:{plan.changes.count()}:{email}", to=[email], subject=subject, body=body)


def _names(plan: ActionPlan) -> dict:
    return {"area": plan.owner_name, "year": plan.template.year, "url": plan_url(plan)}


def send_for_review(*, actor: Actor, plan: ActionPlan) -> ActionPlan:
    _check(plan, PlanStatus.DRAFT, PlanStatus.REVIEW)
    with transaction.atomic():
        _move(actor, plan, PlanStatus.REVIEW)
        _mail(plan, [m.user.email for m in approvers(plan)], "plan-review",
              _("Action plan %(year)s for %(area)s awaits your comments and approval") % _names(plan),
              _("The action plan %(year)s for %(area)s has been sent for review. Comment on it and approve it for "
                "your authority here: %(url)s") % _names(plan))
    return plan


def approve(*, actor: Actor, plan: ActionPlan) -> ActionPlan:
    """The acting manager approves on behalf of their authority; when every party has approved,
    the plan is approved and its coordinators are told that it may be submitted."""
    if plan.status != PlanStatus.REVIEW:
        raise ValidationError({"status": _("Only a plan in review can be approved.")})
    party = actor.membership.unit.authority
    parties = set(plan.template.agreement.parties.values_list("pk", flat=True))
    if party.pk not in parties:
        raise ValidationError({"status": _("%(party)s is not a party to the agreement.") % {"party": party.name}})
    with transaction.atomic():
        _approval, created = Approval.objects.get_or_create(plan=plan, party=party,
                                                            defaults={"membership": actor.membership})
        if created:
            audit.record(actor, AuditAction.UPDATE, plan, detail={"approved_by": party.pk})
            record_change(actor, plan, _("Approved for %(party)s.") % {"party": party.name})
        if parties <= set(plan.approvals.values_list("party_id", flat=True)):
            _move(actor, plan, PlanStatus.APPROVED)
            _mail(plan, [m.user.email for m in coordinators(plan)], "plan-approved",
                  _("Action plan %(year)s for %(area)s is approved by every party") % _names(plan),
                  _("Every party has approved the action plan %(year)s for %(area)s. It can now be submitted: "
                    "%(url)s") % _names(plan))
    return plan


def submit(*, actor: Actor, plan: ActionPlan, comment: str = "") -> ActionPlan:
    _check(plan, PlanStatus.APPROVED, PlanStatus.SUBMITTED)
    problems = submission_problems(plan)
    if problems:
        raise ValidationError({"status": [message for _activity, message in problems]})
    if any(not check.ok for check in checks(plan)) and not comment.strip():
        raise ValidationError({"comment": _("Some checks are not met: acknowledge them with a comment that "
                                            "travels with the plan.")})
    with transaction.atomic():
        if comment.strip():
            plan.check_comment = comment.strip()
        plan.submitted_at = timezone.now()
        _move(actor, plan, PlanStatus.SUBMITTED)
        snapshot_create(plan, snapshot_lines(plan))
        _notify_submission(plan)
    return plan


def follow_up_done(*, actor: Actor, plan: ActionPlan) -> ActionPlan:
    _check(plan, PlanStatus.SUBMITTED, PlanStatus.FOLLOWED_UP)
    with transaction.atomic():
        _move(actor, plan, PlanStatus.FOLLOWED_UP)
    return plan


def reopen(*, actor: Actor, plan: ActionPlan, reason: str) -> ActionPlan:
    """Back to draft, with a reason. Everyone who was told of the earlier state is told of this one:
    the approvers (of a plan in review or approved), and the receiver and copies of a submitted plan."""
    if plan.status not in BACKWARD:
        raise ValidationError({"status": _("A plan cannot go from %(from)s to %(to)s.")
                               % {"from": plan.get_status_display(), "to": PlanStatus.DRAFT.label}})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the plan goes back to draft.")})
    before = plan.status
    told = [m.user.email for m in approvers(plan)] + [m.user.email for m in coordinators(plan)]
    if before == PlanStatus.SUBMITTED:
        told += receiver_addresses(plan.template.agreement) + [u.email for u in copy_units(plan.template.agreement)]
    with transaction.atomic():
        plan.submitted_at = None  # a new version; the submitted one is kept as a snapshot
        plan.approvals.all().delete()
        _move(actor, plan, PlanStatus.DRAFT, reason=reason.strip())
        names = {**_names(plan), "before": PlanStatus(before).label, "reason": reason.strip()}
        _mail(plan, told, "plan-reopened",
              _("Action plan %(year)s for %(area)s is a draft again") % names,
              _("The action plan %(year)s for %(area)s went back from “%(before)s” to draft.\n\nReason: %(reason)s\n\n"
                "Earlier approvals no longer apply; it will be sent for review again. %(url)s") % names)
    return plan


def plan_transition(*, actor: Actor, plan: ActionPlan, to: str, comment: str = "") -> ActionPlan:
    """One step by its target state (kept for commands and the demo); backwards needs a reason."""
    if to == PlanStatus.DRAFT:
        return reopen(actor=actor, plan=plan, reason=comment)
    if to == PlanStatus.APPROVED and actor.system:  # a command or the demo: approved as a whole
        _check(plan, PlanStatus.REVIEW, PlanStatus.APPROVED)
        with transaction.atomic():
            _move(actor, plan, PlanStatus.APPROVED)
        return plan
    if to == PlanStatus.APPROVED:
        return approve(actor=actor, plan=plan)
    if to == PlanStatus.REVIEW:
        return send_for_review(actor=actor, plan=plan)
    if to == PlanStatus.SUBMITTED:
        return submit(actor=actor, plan=plan, comment=comment)
    if to == PlanStatus.FOLLOWED_UP:
        return follow_up_done(actor=actor, plan=plan)
    raise ValidationError({"status": _("Unknown step.")})


def _check(plan: ActionPlan, source: str, target: str) -> None:
    if plan.status != source:
        raise ValidationError({"status": _("A plan cannot go from %(from)s to %(to)s.")
                               % {"from": plan.get_status_display(), "to": PlanStatus(target).label}})


def _move(actor: Actor, plan: ActionPlan, to: str, reason: str = "") -> None:
    before = plan.status
    plan.status = to
    plan.save()
    detail = {"status": [before, to], **({"reason": reason} if reason else {})}
    audit.record(actor, AuditAction.UPDATE, plan, detail=detail)
    text = _("Status: %(before)s → %(after)s.") % {"before": PlanStatus(before).label, "after": PlanStatus(to).label}
    record_change(actor, plan, text + (" " + _("Reason: %(reason)s") % {"reason": reason} if reason else ""))


def _notify_submission(plan: ActionPlan) -> None:
    """To the receiver, with copies to the parties' administrations (where they have an address)."""
    agreement = plan.template.agreement
    receivers = receiver_addresses(agreement)
    copies = [u.email for u in copy_units(agreement)]
    subject = _("Action plan %(year)s submitted: %(area)s") % _names(plan)
    body = _("The action plan for %(area)s %(year)s has been submitted: %(url)s") % _names(plan)
    version = plan.snapshots.count()
    for email in receivers:
        queue_mail(key=f"plan-submitted:{plan.pk}:{version}:{email}", to=[email], subject=subject, body=body)
    for email in sorted(set(copies) - set(receivers)):
        queue_mail(key=f"plan-submitted-copy:{plan.pk}:{version}:{email}", to=[email],
                   subject=_("Copy: %(subject)s") % {"subject": subject}, body=body)
