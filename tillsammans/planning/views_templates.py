"""The year's templates — goal areas and sub-goals in the region's own numbering — written in the pages
by coordinators of the agreement's parties' principals, copied to the next year and reordered (ADR 0011)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.core.access import allowed, policy
from tillsammans.organisations.views_edit import _try
from tillsammans.planning.forms import GoalsForm, TemplateCreateForm
from tillsammans.planning.goals import goals_text, template_copy, template_create, template_write
from tillsammans.planning.models import Agreement, Template


def _agreements(actor):
    return (Agreement.objects.filter(parties__principal_id=actor.membership.unit.authority.principal_id)
            .distinct().order_by("name"))


def _template(request, pk: int) -> Template:
    template = get_object_or_404(Template.objects.select_related("agreement"), pk=pk, project__isnull=True)
    if not allowed(request.actor, "planning.write_template", template):
        raise Http404  # not this coordinator's agreement: the template does not exist for them
    return template


@policy("planning.write_template")
def template_list(request):
    templates = (Template.objects.filter(project__isnull=True, agreement__in=_agreements(request.actor))
                 .select_related("agreement").order_by("-year", "agreement__name"))
    return render(request, "planning/template_list.html", {"templates": templates})


@policy("planning.write_template")
def template_new(request):
    form = TemplateCreateForm(request.POST or None, agreements=_agreements(request.actor))
    if request.method == "POST" and form.is_valid():
        if not allowed(request.actor, "planning.write_template", form.cleaned_data["agreement"]):
            raise PermissionDenied
        created = {}
        if _try(form, lambda: created.setdefault("template", template_create(actor=request.actor,
                                                                               **form.cleaned_data))):
            messages.success(request, _("The template was created."))
            return redirect("planning:template_list")
    return render(request, "form_page.html", {"form": form, "title": _("New template"),
                                              "cancel_url": "planning:template_list"})


@policy("planning.write_template")
def template_edit(request, pk: int):
    template = _template(request, pk)
    form = GoalsForm(request.POST or None, initial={"goals": goals_text(template)})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: template_write(actor=request.actor, template=template,
                                             goals=form.cleaned_data["goals"])):
            messages.success(request, _("The template's goals were saved."))
            return redirect("planning:template_list")
    title = _("Goals %(year)s – %(agreement)s") % {"year": template.year, "agreement": template.agreement.name}
    return render(request, "form_page.html", {"form": form, "title": title,
                                              "cancel_href": reverse("planning:template_list")})


@policy("planning.write_template")
@require_POST
def template_copy_next(request, pk: int):
    template = _template(request, pk)
    try:
        copy = template_copy(actor=request.actor, template=template, year=template.year + 1)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("planning:template_list")
    messages.success(request, _("The goals were copied to %(year)s; change them there.") % {"year": copy.year})
    return redirect("planning:template_edit", copy.pk)
