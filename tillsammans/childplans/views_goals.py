"""Pages that add goals, interventions and wellbeing ratings to a plan."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.childplans import forms as f
from tillsammans.childplans import services_goals as services
from tillsammans.childplans import wellbeing
from tillsammans.childplans.views import _form_page, _plan_for
from tillsammans.core.access import policy
from tillsammans.organisations.views_edit import _try


@policy("childplans.use")
def goal_add(request, pk: int):
    plan = _plan_for(request, pk, "childplans.contribute")
    form = f.GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.goal_add(actor=request.actor, plan=plan, **form.cleaned_data)):
            messages.success(request, _("The goal was added."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Add goal"), plan)


@policy("childplans.use")
def intervention_add(request, pk: int):
    plan = _plan_for(request, pk, "childplans.contribute")
    form = f.InterventionForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.intervention_add(actor=request.actor, plan=plan,
                                                        **form.cleaned_data)):
            messages.success(request, _("The intervention was added."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Add intervention"), plan)


@policy("childplans.use")
def assessment_add(request, pk: int):
    plan = _plan_for(request, pk, "childplans.contribute")
    form = f.AssessmentForm(request.POST or None, initial={"assessed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ratings = {code: data[code] for code in wellbeing.CODES}
        if _try(form, lambda: services.assessment_add(actor=request.actor, plan=plan, ratings=ratings,
                                                      by=data["by"], assessed_on=data["assessed_on"],
                                                      comment=data["comment"])):
            messages.success(request, _("The wellbeing assessment was saved."))
            return redirect("childplans:plan", plan.pk)
    return _form_page(request, form, _("Rate wellbeing"), plan)
