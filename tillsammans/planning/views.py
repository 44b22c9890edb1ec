"""Action plan pages: list, the plan with goal tables, budget and checks, activities, workflow."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.core.access import allowed, policy, require
from tillsammans.organisations.views_edit import _try
from tillsammans.planning import selectors, services
from tillsammans.planning.forms import ActivityForm
from tillsammans.planning.models import ActionPlan, Funder, PlanStatus


def _plan(request, pk: int, name: str = "planning.view") -> ActionPlan:
    plan = get_object_or_404(ActionPlan.objects.select_related("area", "project", "template__agreement"), pk=pk)
    try:
        require(request.actor, name, plan)
    except PermissionDenied:
        if not allowed(request.actor, "planning.view", plan):
            raise Http404 from None
        raise
    return plan


@policy("planning.use")
def plan_list(request):
    return render(request, "planning/plan_list.html", {"plans": selectors.visible_plans(request.actor)})


@policy("planning.use")
def plan_detail(request, pk: int):
    plan = _plan(request, pk)
    return render(request, "planning/plan_detail.html", _detail_context(request, plan))


def _detail_context(request, plan: ActionPlan) -> dict:
    return {
        "plan": plan, "goal_areas": selectors.plan_structure(plan), "budget": services.budget_table(plan),
        "checks": services.checks(plan), "problems": services.submission_problems(plan),
        "posts": list(plan.posts.select_related("employer")),
        "can_edit": allowed(request.actor, "planning.edit", plan),
        "can_approve": allowed(request.actor, "planning.approve", plan),
        "can_move": allowed(request.actor, "planning.move", plan),
        "next_steps": [s for s in sorted(services.TRANSITIONS[plan.status])
                       if (s == PlanStatus.APPROVED) == allowed(request.actor, "planning.approve", plan)],
        "statuses": dict(PlanStatus.choices),
        "approvals": list(plan.approvals.select_related("party", "membership__user")),
        "parties": list(plan.template.agreement.parties.all()),
        "comments": list(plan.comments.select_related("membership__user", "membership__unit")),
        "section_names": [name for name, _text in plan.ordered_sections] or services.SECTIONS}


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
def activity_add(request, pk: int):
    plan = _plan(request, pk, "planning.edit")
    form = ActivityForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.activity_add(actor=request.actor, plan=plan, **form.cleaned_data)):
            messages.success(request, _("The activity was added."))
            return redirect("planning:plan", plan.pk)
    from django.urls import reverse

    return render(request, "form_page.html", {"form": form, "title": _("Add activity"),
                                              "cancel_href": reverse("planning:plan", args=[plan.pk])})


@policy("planning.use")
@require_POST
def budget(request, pk: int):
    plan = _plan(request, pk, "planning.edit")
    errors = []
    funders = {f.pk: f for f in Funder.objects.filter(agreement=plan.template.agreement)}
    for line in plan.budget_lines.all():
        for funder in funders.values():
            key = f"amount-{line.pk}-{funder.pk}"
            if key in request.POST:
                try:
                    services.budget_set(actor=request.actor, line=line, funder=funder, tkr=request.POST[key])
                except ValidationError as exc:
                    errors.append(f"{line.name}, {funder.code}: {' '.join(exc.messages)}")
    if errors:
        # Show the page again with what was typed, so nothing is lost; valid cells were saved.
        for error in errors:
            messages.error(request, error)
        context = _detail_context(request, plan)
        table = context["budget"]
        table.rows = [(line, [request.POST.get(f"amount-{line.pk}-{f.pk}", v) for f, v in
                              zip(table.funders, values, strict=True)], total)
                      for line, values, total in table.rows]
        return render(request, "planning/plan_detail.html", context, status=422)
    messages.success(request, _("The budget was saved."))
    return redirect("planning:plan", plan.pk)


@policy("planning.use")
@require_POST
def transition(request, pk: int):
    to = request.POST.get("to", "")
    plan = _plan(request, pk, "planning.approve" if to == PlanStatus.APPROVED else "planning.move")
    try:
        if to == PlanStatus.APPROVED:
            services.approve(actor=request.actor, plan=plan)
        else:
            services.plan_transition(actor=request.actor, plan=plan, to=to, comment=request.POST.get("comment", ""))
        messages.success(request, _("The plan is now: %(status)s.") % {"status": plan.get_status_display()})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("planning:plan", plan.pk)


@policy("planning.use")
def export(request, pk: int, fmt: str):
    from django.db import transaction
    from django.http import HttpResponse

    from tillsammans.core import audit
    from tillsammans.core.models import AuditAction
    from tillsammans.planning.exports import CONTENT_TYPES
    from tillsammans.planning.exports import export as render_export

    if fmt not in CONTENT_TYPES:
        raise Http404
    plan = _plan(request, pk)
    with transaction.atomic():
        content = render_export(plan, fmt)
        audit.record(request.actor, AuditAction.EXPORT, plan, detail={"format": fmt})
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="handlingsplan-{plan.template.year}-{plan.pk}.{fmt}"'
    return response


@policy("planning.use")
def history(request, pk: int):
    plan = _plan(request, pk)
    previous = (ActionPlan.objects.filter(area=plan.area, template__year=plan.template.year - 1).first()
                if plan.area_id else None)
    return render(request, "planning/history.html", {
        "plan": plan, "versions": services.version_diff(plan), "previous_year": previous,
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
