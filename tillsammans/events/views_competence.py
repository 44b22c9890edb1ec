"""Competence goals: courses, which roles in which areas need them, coverage with a chart and the
list of who still needs each course, and completions registered by hand."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.accounts.models import User
from tillsammans.accounts.roles import Role
from tillsammans.core import fragments
from tillsammans.core.access import allowed, policy
from tillsammans.events import selectors, services
from tillsammans.events.forms import CompletionForm, CourseForm, RequirementForm
from tillsammans.events.models import CompetenceRequirement, Completion, Course
from tillsammans.organisations.views_edit import _try


@policy("events.coverage")
def coverage(request):
    # The figures are the same for every coordinator, and for the managers of one unit (their own
    # unit's people): a cached part until a course, a requirement, a completion or a membership
    # changes, and for the day (a completion's validity runs out) (ADR 0026).
    actor = request.actor
    today = timezone.localdate()
    unit = actor.membership.unit_id if actor.has_role(Role.MANAGER) else None
    body = fragments.render_part(request, "coverage", [unit, today], "events/_coverage_body.html",
                                 lambda: {"rows": selectors.coverage(actor=actor, today=today)})
    return render(request, "events/coverage.html", {
        "body": body, "can_manage": allowed(actor, "events.manage_courses")})


@policy("events.coverage")
def coverage_detail(request, pk: int):
    rows = selectors.coverage(actor=request.actor, requirement_id=pk)
    if not rows:
        get_object_or_404(CompetenceRequirement, pk=pk)
    page = Paginator(rows[0].missing, 50).get_page(request.GET.get("page"))
    return render(request, "events/coverage_detail.html", {"row": rows[0], "page_obj": page,
                                                           "missing": page.object_list})


@policy("events.manage_courses")
def courses(request):
    course_form = CourseForm(request.POST if request.POST.get("form") == "course" else None, prefix="course")
    requirement_form = RequirementForm(request.POST if request.POST.get("form") == "requirement" else None,
                                       prefix="req")
    completion_form = CompletionForm(request.POST if request.POST.get("form") == "completion" else None,
                                     prefix="done")
    if request.method == "POST":
        form = {"course": course_form, "requirement": requirement_form,
                "completion": completion_form}.get(request.POST.get("form"))
        if form is not None and form.is_valid() and _try(form, lambda: _save(request, form)):
            messages.success(request, _("Saved."))
            return redirect("events:courses")
    return render(request, "events/courses.html", {
        "courses": Course.objects.prefetch_related("requirements__area").order_by("name"),
        "completions": Completion.objects.filter(source=Completion.Source.MANUAL).select_related(
            "user", "course").order_by("-completed_on", "-pk")[:50],
        "course_form": course_form, "requirement_form": requirement_form, "completion_form": completion_form})


def _save(request, form) -> None:
    data = form.cleaned_data
    if isinstance(form, CourseForm):
        services.course_save(actor=request.actor, **data)
    elif isinstance(form, RequirementForm):
        services.requirement_add(actor=request.actor, **data)
    else:
        user = User.objects.filter(email__iexact=data["email"], is_active=True).first()
        if user is None:
            from django.core.exceptions import ValidationError

            raise ValidationError({"email": _("Nobody with this e-mail address has an account.")})
        services.completion_record(actor=request.actor, user=user, course=data["course"],
                                   completed_on=data["completed_on"], evidence=data["evidence"])


@policy("events.manage_courses")
def course_edit(request, pk: int):
    course = get_object_or_404(Course, pk=pk)
    form = CourseForm(request.POST or None, initial={"name": course.name, "description": course.description,
                                                     "validity_years": course.validity_years,
                                                     "sub_goal_number": course.sub_goal_number,
                                                     "active": course.active})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.course_save(actor=request.actor, course=course, **form.cleaned_data)):
            messages.success(request, _("The course was saved."))
            return redirect("events:courses")
    return render(request, "form_page.html", {"form": form, "title": _("Change %(name)s") % {"name": course.name},
                                              "cancel_url": "events:courses"})


@policy("events.manage_courses")
@require_POST
def completion_remove(request, pk: int):
    completion = get_object_or_404(Completion, pk=pk, source=Completion.Source.MANUAL)
    services.completion_remove(actor=request.actor, completion=completion)
    messages.success(request, _("The completed course was removed."))
    return redirect("events:courses")


@policy("events.manage_courses")
@require_POST
def requirement_remove(request, pk: int):
    requirement = get_object_or_404(CompetenceRequirement, pk=pk)
    services.requirement_remove(actor=request.actor, requirement=requirement)
    messages.success(request, _("The requirement was removed."))
    return redirect("events:courses")
