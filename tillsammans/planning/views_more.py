"""More plan pages: sections, posts and budget lines, follow-up per activity, the receiver's overview."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.core import audit, pii
from tillsammans.core.access import policy
from tillsammans.core.models import AuditAction
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Authority
from tillsammans.planning import selectors
from tillsammans.planning.models import ActionPlan, Activity, BudgetLine, GoalArea, Post
from tillsammans.planning.views import _plan


class SectionsForm(StyledMixin, forms.Form):
    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        for index, (name, text) in enumerate(plan.ordered_sections):
            self.fields[f"s{index}"] = forms.CharField(label=name, required=False, initial=text,
                                                       widget=forms.Textarea(attrs={"rows": 4}),
                                                       validators=[pii.validate_text])


@policy("planning.use")
def sections(request, pk: int):
    plan = _plan(request, pk, "planning.edit")
    form = SectionsForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            names = [name for name, _text in plan.ordered_sections]
            plan.sections = {name: form.cleaned_data[f"s{i}"] for i, name in enumerate(names)}
            plan.save(update_fields=["sections"])
            audit.record(request.actor, AuditAction.UPDATE, plan, detail={"sections": True})
        messages.success(request, _("The text was saved."))
        return redirect("planning:plan", plan.pk)
    return render(request, "form_page.html", {"form": form, "title": _("The plan's text"),
                                              "cancel_href": reverse("planning:plan", args=[plan.pk])})


class PostForm(StyledMixin, forms.Form):
    role = forms.CharField(label=gettext_lazy("Post"), max_length=200)
    employer = forms.ModelChoiceField(label=gettext_lazy("Employer"), queryset=Authority.objects.current())
    fte_percent = forms.IntegerField(label=gettext_lazy("Share of full time (%)"), min_value=1, max_value=100)


class LineForm(StyledMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Budget line"), max_length=200)
    under_cofinancing = forms.BooleanField(label=gettext_lazy("Covered by the co-financing rule"), required=False)
    fte = forms.DecimalField(label=gettext_lazy("Full-time equivalents (if the line pays posts)"), required=False,
                             min_value=0, max_digits=5, decimal_places=2)


@policy("planning.use")
def post_add(request, pk: int):
    plan = _plan(request, pk, "planning.edit")
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            post = Post.objects.create(plan=plan, **form.cleaned_data)
            audit.record(request.actor, AuditAction.CREATE, post)
        return redirect("planning:plan", plan.pk)
    return render(request, "form_page.html", {"form": form, "title": _("Add post"),
                                              "cancel_href": reverse("planning:plan", args=[plan.pk])})


@policy("planning.use")
def line_add(request, pk: int):
    plan = _plan(request, pk, "planning.edit")
    form = LineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            line = BudgetLine.objects.create(plan=plan, order=plan.budget_lines.count(), **form.cleaned_data)
            audit.record(request.actor, AuditAction.CREATE, line)
        return redirect("planning:plan", plan.pk)
    return render(request, "form_page.html", {"form": form, "title": _("Add budget line"),
                                              "cancel_href": reverse("planning:plan", args=[plan.pk])})


class FollowUpForm(StyledMixin, forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Activity.Status.choices)
    outcome = forms.CharField(label=gettext_lazy("Comment and measured outcome"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}), validators=[pii.validate_text])


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
        messages.success(request, _("The follow-up was saved."))
        return redirect("planning:plan", plan.pk)
    return render(request, "form_page.html", {"form": form, "title": _("Follow up: %(a)s") % {"a": activity},
                                              "cancel_href": reverse("planning:plan", args=[plan.pk])})


def deadline_for(plan: ActionPlan) -> date:
    agreement = plan.template.agreement
    return date(plan.template.year - 1, agreement.deadline_month, agreement.deadline_day)


@policy("planning.use")
def overview(request):
    """The receiver's view: every plan of a year, status against the deadline, activities per goal area."""
    year = int(request.GET.get("year") or timezone.localdate().year + 1)
    plans = list(selectors.visible_plans(request.actor).filter(template__year=year)
                 .select_related("template__agreement"))
    today = timezone.localdate()
    for plan in plans:
        plan.deadline = deadline_for(plan)
        plan.late = plan.submitted_at is None and today > plan.deadline or (
            plan.submitted_at is not None and timezone.localtime(plan.submitted_at).date() > plan.deadline)
    goal_areas = list(GoalArea.objects.filter(template__year=year, template__plans__in=plans).distinct()
                      .prefetch_related("sub_goals"))
    activities = list(Activity.objects.filter(plan__in=plans).select_related("plan__area", "sub_goal__goal_area")
                      .order_by("sub_goal__number", "plan__area__name"))
    per_area: dict[int, list[Activity]] = {}
    for activity in activities:
        per_area.setdefault(activity.sub_goal.goal_area_id, []).append(activity)
    for area in goal_areas:
        area.overview = per_area.get(area.pk, [])
    if request.GET.get("format") == "xlsx":
        return _overview_xlsx(year, goal_areas)
    return render(request, "planning/overview.html", {"plans": plans, "year": year, "goal_areas": goal_areas})


def _overview_xlsx(year, goal_areas):
    import io

    from django.http import HttpResponse
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Aktiviteter {year}"
    sheet.append(["Målområde", "Delmål", "Område", "Aktivitet", "Målgrupp", "Förväntad effekt", "Status"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for area in goal_areas:
        for activity in area.overview:
            sheet.append([f"{area.number} {area.title}", activity.sub_goal.number, activity.plan.owner_name,
                          activity.description, activity.target_group, activity.expected_effect,
                          activity.get_status_display()])
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(output.getvalue(), content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="aktiviteter-{year}.xlsx"'
    return response


def _validation_error_messages(exc: ValidationError) -> list[str]:
    return exc.messages
