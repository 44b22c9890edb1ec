"""Mapping pages: the collaboration forms, one form with its success factors, challenges and
documents, the principals × areas matrix, the network graph of units and the map."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core.access import allowed, policy, require
from tillsammans.core.params import choice_param, int_param
from tillsammans.insight import selectors_mapping, services_mapping
from tillsammans.insight.forms_mapping import CollaborationFormForm, DocumentForm, FindingForm
from tillsammans.insight.models_mapping import CollaborationDocument, CollaborationForm, CollaborationKind, Finding
from tillsammans.insight.models_surveys import TargetGroup
from tillsammans.organisations.models import Area, AreaKind, Unit
from tillsammans.organisations.views_edit import _try


def _units_for(actor):
    scope = coordinator_area_ids(actor.membership)
    units = Unit.objects.current().select_related("authority__principal")
    if scope:
        units = units.filter(area_links__area_id__in=scope).distinct()
    return units.order_by("name")


def _filters(request):
    area_id = int_param(request, "omrade")
    area = get_object_or_404(Area, pk=area_id) if area_id else None
    kind = choice_param(request, "typ", CollaborationKind.values, "")
    return area, kind


def _filter_context(area, kind):
    return {"area": area, "kind": kind, "kinds": CollaborationKind.choices,
            "area_choices": Area.objects.current().filter(
                kind__in=[AreaKind.COUNTY, AreaKind.MUNICIPALITY, AreaKind.DISTRICT]).order_by("kind", "name")}


@policy("insight.view")
def mapping(request):
    area, kind = _filters(request)
    forms = (selectors_mapping.forms_in(area, kind).select_related("owner__unit")
             .prefetch_related("units__authority__principal", "areas", "findings"))
    page = Paginator(forms, 25).get_page(request.GET.get("page"))
    return render(request, "insight/mapping.html", {
        **_filter_context(area, kind), "page_obj": page, "forms": page.object_list,
        "target_names": dict(TargetGroup.choices), "can_manage": allowed(request.actor, "insight.manage")})


@policy("insight.manage")
def form_create(request):
    form = CollaborationFormForm(request.POST or None, units=_units_for(request.actor))
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("f", services_mapping.form_create(
                actor=request.actor, **form.service_data()))):
            messages.success(request, _("The collaboration was added to the mapping."))
            return redirect("insight:collaboration", created["f"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("New collaboration in the mapping"),
                                              "cancel_url": "insight:mapping"})


def _collaboration(request, pk: int) -> CollaborationForm:
    found = get_object_or_404(CollaborationForm, pk=pk)
    require(request.actor, "insight.manage_collaboration", found)
    return found


@policy("insight.view")
def form_detail(request, pk: int):
    found = get_object_or_404(CollaborationForm.objects.select_related("owner__unit", "owner__user"), pk=pk)
    findings = list(found.findings.all())
    return render(request, "insight/collaboration_detail.html", {
        "item": found, "units": found.units.select_related("authority__principal", "unit_type").order_by("name"),
        "areas": found.areas.order_by("name"), "successes": [f for f in findings if f.kind == "success"],
        "challenges": [f for f in findings if f.kind == "challenge"],
        "documents": found.documents.defer("content"), "target_names": dict(TargetGroup.choices),
        "can_manage": allowed(request.actor, "insight.manage_collaboration", found)})


@policy("insight.manage")
def form_edit(request, pk: int):
    found = _collaboration(request, pk)
    form = CollaborationFormForm(request.POST or None, units=_units_for(request.actor),
                                 initial=CollaborationFormForm.initial_for(found))
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_mapping.form_change(actor=request.actor, form=found, **form.service_data())):
            messages.success(request, _("The collaboration was saved."))
            return redirect("insight:collaboration", found.pk)
    return render(request, "form_page.html", {"form": form, "title": _("Change %(title)s") % {"title": found.name},
                                              "cancel_href": reverse("insight:collaboration", args=[found.pk])})


@policy("insight.manage")
def form_delete(request, pk: int):
    found = _collaboration(request, pk)
    if request.method == "POST":
        services_mapping.form_delete(actor=request.actor, form=found)
        messages.success(request, _("The collaboration was removed from the mapping."))
        return redirect("insight:mapping")
    return render(request, "insight/confirm_delete.html", {
        "title": _("Remove %(title)s?") % {"title": found.name},
        "text": _("The collaboration, its success factors, challenges and documents are removed from the mapping."),
        "cancel_href": reverse("insight:collaboration", args=[found.pk])})


@policy("insight.manage")
def finding_add(request, pk: int):
    found = _collaboration(request, pk)
    form = FindingForm(request.POST or None, initial={"kind": "success"})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_mapping.finding_add(actor=request.actor, form=found, **form.cleaned_data)):
            messages.success(request, _("Saved."))
            return redirect("insight:collaboration", found.pk)
    return render(request, "form_page.html", {
        "form": form, "title": _("Success factor or challenge: %(name)s") % {"name": found.name},
        "cancel_href": reverse("insight:collaboration", args=[found.pk])})


@policy("insight.manage")
@require_POST
def finding_remove(request, pk: int):
    finding = get_object_or_404(Finding.objects.select_related("form"), pk=pk)
    require(request.actor, "insight.manage_collaboration", finding.form)
    services_mapping.finding_remove(actor=request.actor, finding=finding)
    messages.success(request, _("Removed."))
    return redirect("insight:collaboration", finding.form_id)


@policy("insight.manage")
def document_add(request, pk: int):
    found = _collaboration(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(services_mapping.MAX_DOCUMENT + 1)
        if _try(form, lambda: services_mapping.document_add(
                actor=request.actor, form=found, title=form.cleaned_data["title"], filename=upload.name,
                content_type=upload.content_type, content=content)):
            messages.success(request, _("The document was saved."))
            return redirect("insight:collaboration", found.pk)
    return render(request, "form_page.html", {
        "form": form, "multipart": True, "title": _("Add a document: %(name)s") % {"name": found.name},
        "cancel_href": reverse("insight:collaboration", args=[found.pk])})


@policy("insight.view")
def document_download(request, pk: int):
    document = get_object_or_404(CollaborationDocument, pk=pk)
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@policy("insight.manage")
@require_POST
def document_remove(request, pk: int):
    document = get_object_or_404(CollaborationDocument.objects.select_related("form").defer("content"), pk=pk)
    require(request.actor, "insight.manage_collaboration", document.form)
    services_mapping.document_remove(actor=request.actor, document=document)
    messages.success(request, _("The document was removed."))
    return redirect("insight:collaboration", document.form_id)


@policy("insight.view")
def matrix(request):
    area, kind = _filters(request)
    found = selectors_mapping.principal_matrix(selectors_mapping.forms_in(area, kind))
    return render(request, "insight/mapping_matrix.html", {**_filter_context(area, kind), "matrix": found})


@policy("insight.view")
def network(request):
    area, kind = _filters(request)
    graph = selectors_mapping.unit_graph(selectors_mapping.forms_in(area, kind))
    links = Paginator(graph.links, 50).get_page(request.GET.get("page"))
    return render(request, "insight/mapping_network.html", {
        **_filter_context(area, kind), "graph": graph, "page_obj": links, "links": links.object_list,
        "svg": graph.render(title=_("Units linked by collaboration forms and networks"))})


@policy("insight.view")
def map_view(request):
    from tillsammans.organisations.map import render_map

    area, kind = _filters(request)
    forms = selectors_mapping.forms_in(area, kind)
    units = list(Unit.objects.filter(collaboration_forms__in=forms).distinct().select_related("unit_type")
                 .order_by("name"))
    place = area or Area.objects.current().filter(kind=AreaKind.COUNTY).exclude(boundary=None).first() or \
        Area.objects.current().filter(kind=AreaKind.MUNICIPALITY).exclude(boundary=None).order_by("name").first()
    children = place.children.exclude(boundary=None) if place else []
    if place and place.kind == AreaKind.COUNTY and not children:
        children = Area.objects.current().filter(kind=AreaKind.MUNICIPALITY).exclude(boundary=None)
    drawing = render_map(place, children, units,
                         label=_("Map of the collaboration in %(area)s") % {"area": place.name}) if place else ""
    return render(request, "insight/mapping_map.html", {**_filter_context(area, kind), "drawing": drawing,
                                                        "units": units, "place": place})
