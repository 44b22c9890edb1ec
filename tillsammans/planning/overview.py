"""Min översikt: action plans waiting for this person – to write, to comment on and approve, to read."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.core.overview import LIMIT, Item, Section, section
from tillsammans.planning import selectors
from tillsammans.planning.models import PlanStatus


def _items(plans, note: str) -> list[Item]:
    return [Item(f"{plan.owner_name} {plan.template.year}", reverse("planning:plan", args=[plan.pk]),
                 note=note or plan.get_status_display()) for plan in plans]


@section(30)
def action_plans(actor: Actor) -> Section | None:
    plans = selectors.visible_plans(actor).select_related("project")
    if actor.has_role(Role.MANAGER):
        authority = actor.membership.unit.authority_id
        rows = list(plans.filter(status=PlanStatus.REVIEW, template__agreement__parties=authority)
                    .exclude(approvals__party_id=authority).distinct()[:LIMIT + 1])
        title, note = _("Action plans waiting for your comment or approval"), _("In review")
    elif actor.has_role(Role.COORDINATOR):
        rows = list(plans.filter(status__in=[PlanStatus.DRAFT, PlanStatus.REVIEW, PlanStatus.APPROVED])[:LIMIT + 1])
        title, note = _("Action plans you are writing"), ""
    elif actor.has_role(Role.RECEIVER):
        rows = list(plans.filter(status=PlanStatus.SUBMITTED).order_by("-submitted_at")[:LIMIT + 1])
        title, note = _("Submitted action plans to read"), ""
    else:
        return None
    if not rows:
        return None
    items = _items(rows[:LIMIT], note)
    return Section("action_plans", title, items, more=len(rows) - len(items),
                   more_url=reverse("planning:plan_list"))
