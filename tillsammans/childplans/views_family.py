"""The family's copy: the plan in plain Swedish, without internal notes, as a print view or PDF."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from tillsammans.childplans import rules, selectors
from tillsammans.childplans.views import PURPOSE, _plan_for
from tillsammans.core import audit, identity
from tillsammans.core.access import policy
from tillsammans.core.models import AuditAction
from tillsammans.core.pdf import pdf_response, render_pdf


@policy("childplans.use")
def family_copy(request, pk: int):
    as_pdf = request.GET.get("format") == "pdf"
    with audit.batch():
        plan = _plan_for(request, pk, "childplans.contribute")
        audit.record(request.actor, AuditAction.EXPORT if as_pdf else AuditAction.PRINT, plan,
                     person=plan.child, purpose=PURPOSE, detail={"copy": "family", "pdf": as_pdf})
        # A document that leaves the product: a protected child is never named in it.
        context = selectors.plan_page(plan, rules.access_basis(request.actor, plan), identity.DOCUMENT)
    context.update({"plan": plan, "today": timezone.localdate()})
    if as_pdf:
        return pdf_response(render_pdf("childplans/family_copy_pdf.html", context), f"plan-{plan.pk}.pdf")
    return render(request, "childplans/family_copy.html", context)
