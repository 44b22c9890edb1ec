"""Min översikt: SIP meetings, invitations to answer, follow-ups and consents about to run out.

Only plans the actor may see (``rules.visible_plans``, a subquery of each section's query). A child
named here is a read of child data: one access event per child shown, as on the list of plans."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.childplans import rules
from tillsammans.childplans.models import Consent, CoordinatedPlan, MeetingInvitation, PlanMeeting, PlanStatus
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.core.overview import LIMIT, Item, Section, section

SOON = timedelta(days=30)
PURPOSE = "SIP"


def child_label(plan: CoordinatedPlan) -> str:
    """The same words as the list of plans: never the name of a child with protected identity."""
    if plan.child.protected_identity:
        return _("Protected identity (SIP %(pk)s)") % {"pk": plan.pk}
    return f"{plan.child.first_name} {plan.child.last_name}"


def _shown(actor: Actor, plans: list[CoordinatedPlan]) -> None:
    seen = set()
    for plan in plans:
        if plan.pk not in seen:
            seen.add(plan.pk)
            audit.record(actor, AuditAction.READ, plan, person=plan.child, purpose=PURPOSE,
                         detail={"via": "overview"})


@section(5)
def sip_meetings(actor: Actor) -> Section | None:
    visible = rules.visible_plans(actor).values("pk")  # asked inside this section's one query
    now = timezone.now()
    meetings = list(PlanMeeting.objects.filter(
        Q(invitations__membership=actor.membership) | Q(plan__lead_membership=actor.membership),
        plan_id__in=visible, cancelled=False, starts_at__gte=now, starts_at__lt=now + timedelta(days=60))
        .select_related("plan__child").distinct().order_by("starts_at")[:LIMIT + 1])
    pending = {row.meeting_id for row in MeetingInvitation.objects.filter(
        membership=actor.membership, response=MeetingInvitation.Response.PENDING,
        meeting_id__in=[m.pk for m in meetings])}
    if not meetings:
        return None
    _shown(actor, [m.plan for m in meetings[:LIMIT]])
    items = [Item(_("SIP meeting for %(child)s") % {"child": child_label(m.plan)},
                  reverse("childplans:plan", args=[m.plan_id]), when=timezone.localtime(m.starts_at),
                  note=_("Answer whether you are coming") if m.pk in pending else m.place,
                  urgent=m.pk in pending) for m in meetings[:LIMIT]]
    return Section("sip_meetings", _("Coming SIP meetings"), items, more=len(meetings) - len(items))


@section(25)
def sip_follow_ups(actor: Actor) -> Section | None:
    visible = rules.visible_plans(actor).values("pk")  # asked inside this section's one query
    today = timezone.localdate()
    plans = list(CoordinatedPlan.objects.filter(
        Q(follow_up_owner=actor.membership) | Q(lead_membership=actor.membership, follow_up_owner__isnull=True),
        pk__in=visible, follow_up_date__lte=today + SOON)
        .exclude(status__in=[PlanStatus.CLOSED, PlanStatus.NO_CONSENT, PlanStatus.CONSENT_WITHDRAWN])
        .select_related("child").order_by("follow_up_date")[:LIMIT + 1])
    if not plans:
        return None
    _shown(actor, plans[:LIMIT])
    items = [Item(_("Follow-up of the plan for %(child)s") % {"child": child_label(plan)},
                  reverse("childplans:plan", args=[plan.pk]), when=plan.follow_up_date,
                  urgent=plan.follow_up_date < today) for plan in plans[:LIMIT]]
    return Section("sip_follow_ups", _("SIP follow-ups"), items, more=len(plans) - len(items))


@section(35)
def consents_running_out(actor: Actor) -> Section | None:
    visible = rules.visible_plans(actor).values("pk")  # asked inside this section's one query
    today = timezone.localdate()
    consents = list(Consent.objects.filter(
        plan__lead_membership=actor.membership, plan_id__in=visible, valid_to__gte=today,
        valid_to__lte=today + SOON).exclude(plan__status=PlanStatus.CLOSED)
        .select_related("plan__child").order_by("valid_to")[:LIMIT + 1])
    if not consents:
        return None
    _shown(actor, [c.plan for c in consents[:LIMIT]])
    items = [Item(_("Consent for the plan for %(child)s runs out") % {"child": child_label(c.plan)},
                  reverse("childplans:plan", args=[c.plan_id]), when=c.valid_to,
                  note=_("Ask the guardians whether it should be renewed.")) for c in consents[:LIMIT]]
    return Section("consents", _("Consents about to run out"), items, more=len(consents) - len(items))
