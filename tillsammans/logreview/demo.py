"""Demo step: someone who tried to open plans they have no access to, so that the log review's
"repeated refused access" flag shows something (written as the refusals themselves would be)."""

from __future__ import annotations

from django.db import transaction

from tillsammans.accounts.models import Membership
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AccessEvent, AuditAction, AuditOutcome


def build_refusals(demo) -> None:
    prober = Membership.objects.filter(user__username="rektor").select_related("user", "unit").first()
    if prober is None or AccessEvent.objects.filter(user_id=prober.user_id, outcome=AuditOutcome.REFUSED).exists():
        return
    from tillsammans.childplans import rules
    from tillsammans.childplans.models import CoordinatedPlan

    actor = Actor(user=prober.user, membership=prober, verified=True, client_ip="10.20.30.40",
                  request_id="demo-data")
    plan_ids = [plan.pk for plan in CoordinatedPlan.objects.order_by("pk")
                if rules.access_basis(actor, plan) is None][:4]  # plans this person may not see
    with transaction.atomic():
        for pk in plan_ids:
            audit.record(actor, AuditAction.READ, object_type="childplans:plan", object_id=pk,
                         outcome=AuditOutcome.REFUSED,
                         detail={"status": 404, "method": "GET", "policy": "childplans.use",
                                 "path": f"/planer/{pk}/"})
