"""Pages for children's coordinated plans. Every page showing child data writes one access
event per child shown, in the same transaction as the read."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.childplans import forms as f
from tillsammans.childplans import rules, selectors, services
from tillsammans.childplans.models import Consent, CoordinatedPlan, Participant
from tillsammans.core import audit
from tillsammans.core.access import policy, require
from tillsammans.core.models import AuditAction
from tillsammans.core.paging import page_of
from tillsammans.organisations.views_edit import _try

PURPOSE = services.PURPOSE
PLAN = f"{CoordinatedPlan._meta.app_label}.{CoordinatedPlan._meta.model_name}"  # as audit.record names one


def _form_page(request, form, title, plan, status=200, warnings=()):
    """A form about a plan: it shows child data (e.g. the guardians), so it is logged like a read."""
    audit.record(request.actor, AuditAction.READ, plan, person=plan.child, purpose=PURPOSE,
                 detail={"via": "form", "path": request.path})
    return render(request, "form_page.html", {
        "form": form, "title": title, "cancel_href": reverse("childplans:plan", args=[plan.pk]),
        "warnings": warnings},
        status=status)


def _plan_for(request, pk: int, policy_name: str = "childplans.view_plan") -> CoordinatedPlan:
    """The plan, if the actor may see it; 404 otherwise (never tell whether it exists)."""
    plan = CoordinatedPlan.objects.select_related(
        "child", "lead_principal", "lead_membership__unit", "lead_membership__user").filter(pk=pk).first()
    try:
        require(request.actor, policy_name, plan)
    except PermissionDenied:
        raise Http404 from None
    return plan


@policy("childplans.use")
def search(request):
    form = f.SearchForm(request.POST or None)
    neutral = False
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["personal_number"]
        with audit.batch():
            plan = CoordinatedPlan.objects.filter(child__personal_number=number).select_related(
                "child").first()
            if plan is not None and rules.access_basis(request.actor, plan):
                audit.record(request.actor, AuditAction.READ, plan, person=plan.child, purpose=PURPOSE,
                             detail={"via": "search"})
                return redirect("childplans:plan", plan.pk)
            audit.record(request.actor, AuditAction.READ, object_type="childplans.search",
                         purpose=PURPOSE, detail={"result": "neutral"})
        neutral = True
    start = f.StartForm(initial={"personal_number": request.POST.get("personal_number", "")})
    return render(request, "childplans/search.html", {"form": form, "neutral": neutral,
                                                      "start_form": start})


@policy("childplans.start_plan")
def start(request):
    """One answer for every valid request: a new plan, a request to a hidden plan's lead, or a
    plan the actor already sees all give the same page (the new plan is in "My plans")."""
    form = f.StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services.plan_start(
                actor=request.actor, personal_number=data["personal_number"],
                first_name=data["first_name"], last_name=data["last_name"], reason=data["reason"],
                protected_identity=data["protected_identity"])):
            return render(request, "childplans/registered.html")
    return render(request, "form_page.html", {"form": form, "title": _("Start a coordinated plan"),
                                              "cancel_url": "childplans:search"})


@policy("childplans.use")
def plan_list(request):
    """The plans one takes part in, 25 a page, with a search; one access event per plan shown."""
    form = f.PlanListForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "childplans/plan_list.html", {"form": form, "plans": [], "page_obj": None},
                      status=400)
    data = form.cleaned_data if request.GET else {}
    with audit.batch():
        plans = selectors.visible_plans(request.actor, data.get("q", ""), data.get("status", ""))
        page = page_of(plans, request.GET.get("page"), settings.PAGE_SIZE, columns=selectors.LIST_FIELDS)
        plans = selectors.list_rows(request.actor, page.object_list)
        for plan in plans:
            audit.record(request.actor, AuditAction.READ, object_type=PLAN, object_id=plan.pk,
                         person=("child", plan.child_id), purpose=PURPOSE, detail={"via": "list"})
    return render(request, "childplans/plan_list.html", {"form": form, "plans": plans, "page_obj": page})


@policy("childplans.use")
def plan_detail(request, pk: int):
    with audit.batch():
        plan = _plan_for(request, pk)
        basis = rules.access_basis(request.actor, plan)
        context = selectors.plan_page(plan, basis)
        detail = selectors.read_detail(request.actor, plan, basis)
        if context["plan_sections"]:  # the log review tells that e.g. the family's own words were read
            detail["sections"] = [s.key for s in context["plan_sections"]]
            titles = ", ".join(str(s.title) for s in context["plan_sections"])
            detail["description"] = _("The plan read with: %(sections)s") % {"sections": titles}
        audit.record(request.actor, AuditAction.READ, plan, person=plan.child, purpose=PURPOSE, detail=detail)
        from tillsammans.childplans.views_voice import voice_context

        context.update(voice_context(plan, basis, context["sections_present"]))
    context.update({"plan": plan, "basis": basis, "is_lead": basis == "lead"})
    return render(request, "childplans/plan_detail.html", context)


@policy("childplans.use")
def plan_update(request, pk: int):
    plan = _plan_for(request, pk, "childplans.manage_plan")
    form = f.PlanUpdateForm(request.POST or None, initial={
        "status": plan.status, "lead_principal": plan.lead_principal_id, "childs_view": plan.childs_view,
        "guardians_view": plan.guardians_view, "follow_up_date": plan.follow_up_date,
        "closed_reason": plan.closed_reason})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services.plan_update(
                actor=request.actor, plan=plan, status=data["status"], lead_principal=data["lead_principal"],
                closed_reason=data["closed_reason"], childs_view=data["childs_view"],
                guardians_view=data["guardians_view"], follow_up_date=data["follow_up_date"])):
            messages.success(request, _("The plan was saved."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Status and overall responsibility"), plan)


@policy("childplans.use")
def guardian_add(request, pk: int):
    plan = _plan_for(request, pk, "childplans.manage_plan")
    form = f.GuardianForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.guardian_add(actor=request.actor, plan=plan, **form.cleaned_data)):
            messages.success(request, _("The guardian was added."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Add guardian"), plan)


@policy("childplans.use")
def consent_add(request, pk: int):
    plan = _plan_for(request, pk, "childplans.manage_plan")
    today = timezone.localdate()
    form = f.ConsentRecordForm(request.POST or None, plan=plan, initial={
        "valid_from": today, "valid_to": today + timedelta(days=365)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services.consent_record(
                actor=request.actor, plan=plan, receiving_units=data["receiving_units"],
                categories=data["categories"], guardians=data["guardians"], given_by=data["given_by"],
                valid_from=data["valid_from"], valid_to=data["valid_to"], form=data["consent_form"],
                child_view=data["child_view"], child_heard_how=data["child_heard_how"])):
            messages.success(request, _("The consent was recorded."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Record consent"), plan)


@policy("childplans.use")
def consent_withdraw(request, pk: int, consent_pk: int):
    plan = _plan_for(request, pk, "childplans.manage_plan")
    consent = get_object_or_404(Consent, pk=consent_pk, plan=plan)
    form = f.WithdrawForm(request.POST or None, consent=consent)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services.consent_withdraw(actor=request.actor, consent=consent,
                                                        guardian=data["guardian"], units=data["units"])):
            messages.success(request, _("The consent was withdrawn. Access ended at once and every "
                                        "participant is told."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Withdraw consent"), plan)


@policy("childplans.use")
def participant_add(request, pk: int):
    plan = _plan_for(request, pk, "childplans.manage_plan")
    unit_ids = set(Consent.receiving_units.through.objects.filter(
        consent__plan=plan).values_list("unit_id", flat=True))
    form = f.ParticipantForm(request.POST or None, unit_ids=unit_ids)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.participant_add(actor=request.actor, plan=plan,
                                                       membership=form.cleaned_data["membership"])):
            messages.success(request, _("The participant was added."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Add participant"), plan)


@policy("childplans.use")
@require_POST
def participant_remove(request, pk: int, participant_pk: int):
    """The SIP coordinator ends a participant's part in the plan; their access ends at once."""
    plan = _plan_for(request, pk, "childplans.manage_plan")
    participant = get_object_or_404(Participant, pk=participant_pk, plan=plan, removed_at__isnull=True)
    services.participant_remove(actor=request.actor, participant=participant)
    messages.success(request, _("%(name)s no longer takes part in the plan.")
                     % {"name": participant.membership.user.get_full_name()})
    return redirect("childplans:plan", plan.pk)
