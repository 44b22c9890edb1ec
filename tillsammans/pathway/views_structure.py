"""The municipality's pathway (structural): shown to every professional, printable, versioned;
written by the coordinators of the municipality. And the measured durations per area."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core import audit, pdf
from tillsammans.core.access import allowed, policy, require
from tillsammans.core.models import AuditAction
from tillsammans.core.params import choice_param, int_param
from tillsammans.organisations.models import Area, Principal
from tillsammans.organisations.views_edit import _try
from tillsammans.pathway import forms as f
from tillsammans.pathway import measures as measured
from tillsammans.pathway import services_structure as services
from tillsammans.pathway.models_structure import Pathway, PathwayLevel


def _levels(pathway: Pathway) -> list[PathwayLevel]:
    return list(pathway.levels.prefetch_related("contacts__user", "contacts__unit", "contact_persons__unit"))


@policy("pathway.view_pathway")
def home(request):
    """The actor's municipality's pathway, or the list of pathways."""
    principal_id = request.actor.membership.unit.authority.principal_id
    own = Pathway.objects.filter(principal_id=principal_id).first()
    if own is not None:
        return redirect("pathway:pathway", own.pk)
    return render(request, "pathway/pathway_list.html", {
        "pathways": Pathway.objects.select_related("principal").order_by("name"),
        "can_create": allowed(request.actor, "pathway.create_pathway")})


@policy("pathway.create_pathway")
def pathway_create(request):
    areas = Area.objects.filter(pk__in=coordinator_area_ids(request.actor.membership))
    principals = Principal.objects.filter(pk__in=areas.values("principal_id"), pathway__isnull=True)
    form = f.PathwayCreateForm(request.POST or None, principals=principals)
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("p", services.pathway_create(actor=request.actor,
                                                                              **form.cleaned_data))):
            messages.success(request, _("The pathway was created from the four levels. Write your own."))
            return redirect("pathway:pathway", created["p"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("A new pathway"), "cancel_url": "pathway:home"})


@policy("pathway.view_pathway")
def pathway_detail(request, pk: int):
    pathway = get_object_or_404(Pathway.objects.select_related("principal", "updated_by__user"), pk=pk)
    return render(request, "pathway/pathway_detail.html", {
        "pathway": pathway, "levels": _levels(pathway),
        "can_edit": allowed(request.actor, "pathway.edit_pathway", pathway),
        "can_measure": allowed(request.actor, "pathway.measures"),
        "others": Pathway.objects.exclude(pk=pathway.pk).select_related("principal").order_by("name")})


@policy("pathway.view_pathway")
def pathway_edit(request, pk: int):
    pathway = get_object_or_404(Pathway, pk=pk)
    require(request.actor, "pathway.edit_pathway", pathway)
    form = f.PathwayForm(request.POST or None, initial={
        "name": pathway.name, "intro": pathway.intro, "decision_days": pathway.decision_days,
        "tell_within_days": pathway.tell_within_days})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.pathway_update(actor=request.actor, pathway=pathway, **form.cleaned_data)):
            messages.success(request, _("The pathway was saved as version %(n)s.") % {"n": pathway.version})
            return redirect("pathway:pathway", pathway.pk)
    return render(request, "form_page.html", {"form": form, "title": _("Change the pathway"),
                                              "cancel_href": reverse("pathway:pathway", args=[pathway.pk])})


@policy("pathway.view_pathway")
def level_edit(request, pk: int, level_pk: int):
    pathway = get_object_or_404(Pathway, pk=pk)
    require(request.actor, "pathway.edit_pathway", pathway)
    level = get_object_or_404(PathwayLevel, pk=level_pk, pathway=pathway)
    form = f.LevelForm(request.POST or None, principal=pathway.principal, initial={
        "title": level.title, "description": level.description, "steps": level.steps, "tools": level.tools,
        "deadline_days": level.deadline_days, "contacts": list(level.contacts.all()),
        "contact_persons": list(level.contact_persons.all())})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.level_update(actor=request.actor, level=level, **form.cleaned_data)):
            messages.success(request, _("The level was saved as version %(n)s.") % {"n": level.pathway.version})
            return redirect("pathway:pathway", pathway.pk)
    return render(request, "form_page.html", {"form": form, "title": _("Level %(n)s") % {"n": level.number},
                                              "cancel_href": reverse("pathway:pathway", args=[pathway.pk])})


@policy("pathway.view_pathway")
def versions(request, pk: int):
    pathway = get_object_or_404(Pathway, pk=pk)
    return render(request, "pathway/pathway_versions.html", {
        "pathway": pathway, "versions": pathway.versions.select_related("created_by__user")})


@policy("pathway.view_pathway")
def pathway_pdf(request, pk: int):
    pathway = get_object_or_404(Pathway.objects.select_related("principal"), pk=pk)
    content = pdf.render_pdf("pathway/pathway_pdf.html", {
        "pathway": pathway, "levels": _levels(pathway), "printed": timezone.localdate()})
    audit.record(request.actor, AuditAction.PRINT, pathway)
    return pdf.pdf_response(content, f"handlingsvagledning-v{pathway.version}.pdf")


@policy("pathway.measures")
def measures_page(request):
    """Days from worry to decision, request to the forum's decision and need to SIP per term: the
    municipalities side by side, or one municipality's districts (``kommun``). A coordinator starts
    with the municipalities their areas reach, anyone else with their unit's: its districts when it
    is one. Counts under five are shown as "<5"; the whole table is suppressed as one, whichever
    part is shown."""
    year = int_param(request, "ar", default=timezone.localdate().year, minimum=2000, maximum=2100)
    term = choice_param(request, "termin", ["VT", "HT", "helar"], default="helar")
    start, end = measured.period(year, term)
    areas = measured.areas(request.actor.membership)
    values, default = measured.choices(areas)
    chosen = choice_param(request, "kommun", values, default=default)
    group, rows = measured.rows(start, end, areas, chosen)
    return render(request, "pathway/measures.html", {
        "rows": rows, "kinds": measured.KINDS, "year": year, "term": term, "chosen": chosen, "group": group,
        "groups": areas.groups, "mine": measured.MINE in values,
        "years": range(timezone.localdate().year - 3, timezone.localdate().year + 1),
        "start": start, "end": date.fromordinal(end.toordinal() - 1)})
