"""What a coordinator enters in a plan, each changed and removed in the page: activities, posts,
budget lines, the plan's text, and the follow-up per activity."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tillsammans.core import audit
from tillsammans.core.access import policy
from tillsammans.core.models import AuditAction
from tillsammans.organisations.views_edit import _try
from tillsammans.planning import entries, services
from tillsammans.planning.forms import ActivityForm, FollowUpForm, LineForm, PostForm, SectionsForm
from tillsammans.planning.models import Activity, BudgetLine, Post
from tillsammans.planning.views import _plan


def _form_page(request, plan, form, title):
    return render(request, "form_page.html", {"form": form, "title": title,
                                              "cancel_href": reverse("planning:plan", args=[plan.pk])})


def _done(request, plan, message, anchor=""):
    messages.success(request, message)
    return redirect(reverse("planning:plan", args=[plan.pk]) + anchor)


@policy("planning.use")
def sections(request, pk: int):
    plan = _plan(request, pk, "planning.edit")
    form = SectionsForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: entries.sections_write(actor=request.actor, plan=plan, texts=form.texts())):
            return _done(request, plan, _("The text was saved."))
    return _form_page(request, plan, form, _("The plan's text"))


@policy("planning.use")
def activity_add(request, pk: int):
    plan = _plan(request, pk, "planning.edit")
    form = ActivityForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.activity_add(actor=request.actor, plan=plan, **form.cleaned_data)):
            return _done(request, plan, _("The activity was added."))
    return _form_page(request, plan, form, _("Add activity"))


@policy("planning.use")
def activity_edit(request, pk: int, activity_pk: int):
    plan = _plan(request, pk, "planning.edit")
    activity = get_object_or_404(Activity.objects.select_related("sub_goal"), pk=activity_pk, plan=plan)
    initial = {name: getattr(activity, name) for name in entries.ACTIVITY_FIELDS if name != "responsible_units"}
    initial["responsible_units"] = list(activity.responsible_units.all())
    form = ActivityForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: entries.activity_update(actor=request.actor, activity=activity, **form.cleaned_data)):
            return _done(request, plan, _("The activity was changed."), f"#activity-{activity.pk}")
    return _form_page(request, plan, form, _("Change activity"))


@policy("planning.use")
def post_add(request, pk: int):
    plan = _plan(request, pk, "planning.edit")
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: entries.post_add(actor=request.actor, plan=plan, **form.cleaned_data)):
            return _done(request, plan, _("The post was added."), "#organisation")
    return _form_page(request, plan, form, _("Add post"))


@policy("planning.use")
def post_edit(request, pk: int, post_pk: int):
    plan = _plan(request, pk, "planning.edit")
    post = get_object_or_404(Post, pk=post_pk, plan=plan)
    form = PostForm(request.POST or None, initial={
        "role": post.role, "employer": post.employer_id if not post.employer_unit_id else None,
        "employer_unit": post.employer_unit_id, "fte_percent": post.fte_percent})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: entries.post_update(actor=request.actor, post=post, **form.cleaned_data)):
            return _done(request, plan, _("The post was changed."), "#organisation")
    return _form_page(request, plan, form, _("Change post"))


@policy("planning.use")
def line_add(request, pk: int):
    plan = _plan(request, pk, "planning.edit")
    form = LineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: entries.line_add(actor=request.actor, plan=plan, **form.cleaned_data)):
            return _done(request, plan, _("The budget line was added."), "#budget")
    return _form_page(request, plan, form, _("Add budget line"))


@policy("planning.use")
def line_edit(request, pk: int, line_pk: int):
    plan = _plan(request, pk, "planning.edit")
    line = get_object_or_404(BudgetLine, pk=line_pk, plan=plan)
    form = LineForm(request.POST or None, initial={"name": line.name, "under_cofinancing": line.under_cofinancing,
                                                   "fte": line.fte})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: entries.line_update(actor=request.actor, line=line, **form.cleaned_data)):
            return _done(request, plan, _("The budget line was changed."), "#budget")
    return _form_page(request, plan, form, _("Change budget line"))


@policy("planning.use")
def remove(request, pk: int, kind: str, item_pk: int):
    """Remove an activity, a post or a budget line: a confirmation page, then a POST."""
    plan = _plan(request, pk, "planning.edit")
    model, service, argument = {
        "aktivitet": (Activity, entries.activity_remove, "activity"),
        "tjanst": (Post, entries.post_remove, "post"),
        "budgetpost": (BudgetLine, entries.line_remove, "line"),
    }.get(kind, (None, None, None))
    if model is None:
        raise Http404
    item = get_object_or_404(model, pk=item_pk, plan=plan)
    if request.method == "POST":
        service(actor=request.actor, **{argument: item})
        return _done(request, plan, _("“%(item)s” was removed.") % {"item": item})
    return render(request, "planning/confirm_remove.html", {"plan": plan, "item": item})


@policy("planning.use")
def follow_up(request, pk: int, activity_pk: int):
    plan = _plan(request, pk, "planning.move")
    activity = get_object_or_404(Activity, pk=activity_pk, plan=plan)
    form = FollowUpForm(request.POST or None, initial={"status": activity.status, "outcome": activity.outcome})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            activity.status = form.cleaned_data["status"]
            activity.outcome = form.cleaned_data["outcome"]
            activity.save(update_fields=["status", "outcome"])
            audit.record(request.actor, AuditAction.UPDATE, activity, detail={"follow_up": activity.status})
        return _done(request, plan, _("The follow-up was saved."))
    return _form_page(request, plan, form, _("Follow up: %(a)s") % {"a": activity})
