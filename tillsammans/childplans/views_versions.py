"""Version history of a plan, and participants confirming the current version."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.childplans import versions
from tillsammans.childplans.views import PURPOSE, _plan_for
from tillsammans.core import audit
from tillsammans.core.access import policy
from tillsammans.core.models import AuditAction


@policy("childplans.use")
def history(request, pk: int):
    with audit.batch():
        plan = _plan_for(request, pk)
        audit.record(request.actor, AuditAction.READ, plan, person=plan.child, purpose=PURPOSE,
                     detail={"via": "history"})
        all_versions = list(plan.versions.prefetch_related("confirmations__membership__unit")
                            .select_related("created_by__user", "created_by__unit"))
    rows = []
    for index, version in enumerate(all_versions):
        older = all_versions[index + 1] if index + 1 < len(all_versions) else None
        rows.append({"version": version, "changes": versions.diff(older, version)})
    return render(request, "childplans/history.html", {"plan": plan, "rows": rows})


@policy("childplans.use")
@require_POST
def confirm(request, pk: int):
    plan = _plan_for(request, pk, "childplans.contribute")
    confirmation = versions.confirm(actor=request.actor, plan=plan)
    messages.success(request, _("You confirmed version %(n)s of the plan.") % {"n": confirmation.version.number})
    return redirect("childplans:plan", plan.pk)
