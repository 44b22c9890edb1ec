"""Action plan pages: list, creating the year's plan, the plan with goal tables, budget and checks,
the workflow's named steps, history and exports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core import audit
from tillsammans.core.access import allowed, policy, require
from tillsammans.core.models import AuditAction
from tillsammans.organisations.views_edit import _try
from tillsammans.planning import page, selectors, services, workflow
from tillsammans.planning.exports import CONTENT_TYPES, filename
from tillsammans.planning.exports import export as render_export
from tillsammans.planning.forms import PlanCreateForm
from tillsammans.planning.history import version_diff
from tillsammans.planning.models import ActionPlan, Funder, PlanStatus


def _plan(request, pk: int, name: str = "planning.view") -> ActionPlan:
    # Without the area's boundary: a district's GeoJSON can be large, and no plan page draws it.
    plan = get_object_or_404(ActionPlan.objects.select_related("area", "project", "template__agreement")
                             .defer("area__boundary"), pk=pk)
    try:
        require(request.actor, name, plan)
    except PermissionDenied:
        if not allowed(request.actor, "planning.view", plan):
            raise Http404 from None
        raise
    return plan


@policy("planning.use")
def plan_list(request):
    return render(request, "planning/plan_list.html", {
        "plans": selectors.visible_plans(request.actor),
        "can_create": allowed(request.actor, "planning.create_plan"),
        "can_write_templates": allowed(request.actor, "planning.write_template")})


@policy("planning.create_plan")
def plan_create(request):
    """A coordinator creates the year's plan for an area in their scope from the year's template."""
    form = PlanCreateForm(request.POST or None, area_ids=coordinator_area_ids(request.actor.membership),
                          initial={"area": request.GET.get("area")})
    if request.method == "POST" and form.is_valid():
        require(request.actor, "planning.create_plan", form.cleaned_data["area"])
        created = {}
        if _try(form, lambda: created.setdefault("plan", services.plan_create(actor=request.actor,
                                                                               **form.cleaned_data))):
            messages.success(request, _("The action plan was created from the year's template."))
            return redirect("planning:plan", created["plan"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("New action plan"),
                                              "cancel_url": "planning:plan_list"})


@policy("planning.use")
def plan_detail(request, pk: int):
    plan = _plan(request, pk)
    return render(request, "planning/plan_detail.html", _detail_context(request, plan))


def _detail_context(request, plan: ActionPlan, typed: dict | None = None) -> dict:
    """The page: the plan as a cached part (``page``), the viewer's forms around it."""
    viewer = page.rights(request.actor, plan)
    return {"plan": plan, "rights": viewer, "forms": viewer.forms,
            "body": page.body(request, plan, viewer, typed=typed)}


@policy("planning.use")
@require_POST
def comment(request, pk: int):
    plan = _plan(request, pk, "planning.approve")
    try:
        services.comment_add(actor=request.actor, plan=plan, section=request.POST.get("section", ""),
                             text=request.POST.get("text", ""))
        messages.success(request, _("The comment was saved."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("planning:plan", plan.pk)


@policy("planning.use")
@require_POST
def budget(request, pk: int):
    plan = _plan(request, pk, "planning.edit")
    errors = []
    funders = {f.pk: f for f in Funder.objects.filter(agreement=plan.template.agreement)}
    typed = {}
    for line in plan.budget_lines.all():
        for funder in funders.values():
            key = f"amount-{line.pk}-{funder.pk}"
            if key in request.POST:
                typed[line.pk, funder.pk] = request.POST[key]
                try:
                    services.budget_set(actor=request.actor, line=line, funder=funder, tkr=request.POST[key])
                except ValidationError as exc:
                    errors.append(f"{line.name}, {funder.code}: {' '.join(exc.messages)}")
    if errors:
        # Show the page again with what was typed, so nothing is lost; valid cells were saved. That
        # page is built for this response alone: nothing typed is kept in the cached part.
        for error in errors:
            messages.error(request, error)
        return render(request, "planning/plan_detail.html", _detail_context(request, plan, typed), status=422)
    messages.success(request, _("The budget was saved."))
    return redirect("planning:plan", plan.pk)


STEPS = {
    PlanStatus.REVIEW: lambda request, plan: workflow.send_for_review(actor=request.actor, plan=plan),
    PlanStatus.APPROVED: lambda request, plan: workflow.approve(actor=request.actor, plan=plan),
    PlanStatus.SUBMITTED: lambda request, plan: workflow.submit(actor=request.actor, plan=plan,
                                                               comment=request.POST.get("comment", "")),
    PlanStatus.FOLLOWED_UP: lambda request, plan: workflow.follow_up_done(actor=request.actor, plan=plan),
}


@policy("planning.use")
@require_POST
def transition(request, pk: int):
    """One named step forwards (each is its own button in the page). Backwards goes through ``reopen``."""
    to = request.POST.get("to", "")
    if to == PlanStatus.DRAFT:
        return redirect("planning:reopen", pk)
    plan = _plan(request, pk, "planning.approve" if to == PlanStatus.APPROVED else "planning.move")
    if to not in STEPS:
        messages.error(request, _("Choose one of the plan's next steps."))
        return redirect("planning:plan", plan.pk)
    try:
        STEPS[to](request, plan)
        messages.success(request, _("The plan is now: %(status)s.") % {"status": plan.get_status_display()})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("planning:plan", plan.pk)


@policy("planning.use")
def reopen(request, pk: int):
    """Back to draft: a reason and a confirmation; everyone told of the earlier state is told."""
    plan = _plan(request, pk, "planning.move")
    if plan.status not in workflow.BACKWARD:
        messages.error(request, _("Only a plan in review, approved or submitted can go back to draft."))
        return redirect("planning:plan", plan.pk)
    reason, errors = request.POST.get("reason", ""), []
    if request.method == "POST":
        try:
            workflow.reopen(actor=request.actor, plan=plan, reason=reason)
            messages.success(request, _("The plan is a draft again; those concerned have been told."))
            return redirect("planning:plan", plan.pk)
        except ValidationError as exc:
            errors = exc.messages
    return render(request, "planning/reopen.html", {"plan": plan, "reason": reason, "errors": errors,
                                                    "approvals": workflow.approval_state(plan).approved},
                  status=422 if errors else 200)


@policy("planning.use")
def export(request, pk: int, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404
    plan = _plan(request, pk)
    with transaction.atomic():
        content = render_export(plan, fmt)
        audit.record(request.actor, AuditAction.EXPORT, plan, detail={"format": fmt})
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(plan, fmt)}"'
    return response


@policy("planning.use")
def history(request, pk: int):
    plan = _plan(request, pk)
    previous = (ActionPlan.objects.filter(area=plan.area, template__year=plan.template.year - 1).first()
                if plan.area_id else None)
    changes = Paginator(plan.changes.all(), 50).get_page(request.GET.get("page"))
    return render(request, "planning/history.html", {
        "plan": plan, "versions": version_diff(plan), "previous_year": previous, "changes": changes,
        "year_diff": services.year_diff(previous, plan) if previous else None})


@policy("planning.use")
@require_POST
def carry_over(request, pk: int):
    plan = _plan(request, pk, "planning.edit")
    previous = ActionPlan.objects.filter(area=plan.area, area__isnull=False,
                                         template__year=plan.template.year - 1).first()
    if previous is None:
        raise Http404
    moved = services.carry_over(actor=request.actor, plan=previous, to_plan=plan)
    messages.success(request, _("%(n)s unfinished activities were carried over from %(year)s.")
                     % {"n": moved, "year": previous.template.year})
    return redirect("planning:plan", plan.pk)
