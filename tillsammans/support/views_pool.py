"""Professionals' pages for the group-leader pool, the materials with stock per unit, and the counts
per term and area (suppressed under 5)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.accounts.roles import Role
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core.access import allowed, policy, require
from tillsammans.organisations.models import Area, Unit
from tillsammans.organisations.views_edit import _try
from tillsammans.support import selectors, services, services_groups
from tillsammans.support.forms import LeaderChangeForm, LeaderForm, LeaderProgrammeForm, MaterialForm, StockForm
from tillsammans.support.models import GroupLeader, Material, StockEntry
from tillsammans.support.statistics import Term, term_statistics

# Group leaders ------------------------------------------------------------------------------------


@policy("support.leaders")
def leader_list(request):
    """Who is certified for which programme, how many groups each has led, who is available next
    term, and who is being recruited."""
    leaders = selectors.leader_pool()
    only = request.GET.get("visa", "")
    if only == "tillgangliga":
        leaders = leaders.filter(available_next_term=True)
    page = Paginator(leaders, 25).get_page(request.GET.get("page"))
    return render(request, "support/leader_list.html", {"page_obj": page, "leaders": page.object_list,
                                                        "only": only})


@policy("support.leaders")
def leader_create(request):
    form = LeaderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("l", services_groups.leader_add(actor=request.actor,
                                                                                 **form.cleaned_data))):
            messages.success(request, _("The leader was added to the pool. Record their programmes."))
            return redirect("support:leader", created["l"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("New group leader"),
                                              "cancel_url": "support:leader_list"})


@policy("support.leaders")
def leader_detail(request, pk: int):
    leader = get_object_or_404(GroupLeader.objects.select_related("contact__unit"), pk=pk)
    form = LeaderChangeForm(request.POST if request.POST.get("action") == "change" else None,
                            initial={"available_next_term": leader.available_next_term, "note": leader.note})
    programme_form = LeaderProgrammeForm(request.POST if request.POST.get("action") == "programme" else None)
    if request.method == "POST":
        if request.POST.get("action") == "change" and form.is_valid() and _try(
                form, lambda: services_groups.leader_change(actor=request.actor, leader=leader, **form.cleaned_data)):
            messages.success(request, _("Saved."))
            return redirect("support:leader", leader.pk)
        if request.POST.get("action") == "programme" and programme_form.is_valid() and _try(
                programme_form, lambda: services_groups.leader_programme_set(
                    actor=request.actor, leader=leader, **programme_form.cleaned_data)):
            messages.success(request, _("Saved."))
            return redirect("support:leader", leader.pk)
    return render(request, "support/leader_detail.html", {
        "leader": leader, "form": form, "programme_form": programme_form,
        "programmes": leader.programmes.select_related("programme").order_by("programme__name"),
        "groups": leader.groups.select_related("programme", "area").order_by("-starts_on")})


@policy("support.leaders")
def leader_remove(request, pk: int):
    leader = get_object_or_404(GroupLeader.objects.select_related("contact"), pk=pk)
    if request.method == "POST":
        try:
            services_groups.leader_remove(actor=request.actor, leader=leader)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("support:leader", leader.pk)
        messages.success(request, _("%(name)s was taken out of the pool.") % {"name": leader.contact.name})
        return redirect("support:leader_list")
    return render(request, "support/confirm.html", {
        "title": _("Take %(name)s out of the pool") % {"name": leader.contact.name},
        "back": reverse("support:leader", args=[leader.pk]),
        "text": _("The contact stays in the directory; their programmes and the record of groups led are removed."),
        "button": _("Take out of the pool")})


# Materials and stock ------------------------------------------------------------------------------


def _recording_units(actor):
    """The units whose stock this person records: their own, and for coordinators their areas' units."""
    own = Q(pk=actor.membership.unit_id)
    if actor.has_role(Role.COORDINATOR):
        own |= Q(area_links__area_id__in=coordinator_area_ids(actor.membership), valid_to__isnull=True)
    return Unit.objects.filter(pk__in=Unit.objects.filter(own).values("pk")).order_by("name")


@policy("support.view")
def material_list(request):
    materials = Material.objects.order_by("-active", "name")
    return render(request, "support/material_list.html", {
        "materials": materials, "can_edit": allowed(request.actor, "support.materials")})


@policy("support.materials")
def material_edit(request, pk: int | None = None):
    material = get_object_or_404(Material, pk=pk) if pk else None
    initial = {"name": material.name, "kind": material.kind, "description": material.description,
               "sub_goal_number": material.sub_goal_number, "active": material.active} if material else {}
    form = MaterialForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = {}
        if _try(form, lambda: saved.setdefault("m", services.material_save(actor=request.actor, material=material,
                                                                           **form.cleaned_data))):
            messages.success(request, _("The material was saved."))
            return redirect("support:material", saved["m"].pk)
    return render(request, "form_page.html", {
        "form": form, "title": _("Change %(name)s") % {"name": material.name} if material else _("New material"),
        "cancel_url": "support:material_list"})


@policy("support.view")
def material_detail(request, pk: int):
    """Stock per unit, recent entries, and the form to record a delivery, a hand-out or a stocktaking."""
    material = get_object_or_404(Material, pk=pk)
    units = _recording_units(request.actor)
    form = StockForm(request.POST or None, units=units, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        require(request.actor, "support.stock", Unit.objects.prefetch_related("area_links").get(pk=unit.pk))
        if _try(form, lambda: services.stock_record(actor=request.actor, material=material, **form.cleaned_data)):
            messages.success(request, _("Recorded."))
            return redirect("support:material", material.pk)
    entries = StockEntry.objects.filter(material=material, unit__in=units).select_related(
        "unit", "recorded_by__user")[:20]
    return render(request, "support/material_detail.html", {
        "material": material, "stock": selectors.stock_by_unit(material), "form": form, "entries": entries,
        "can_edit": allowed(request.actor, "support.materials")})


@policy("support.view")
@require_POST
def stock_entry_remove(request, pk: int):
    entry = get_object_or_404(StockEntry.objects.select_related("material", "unit"), pk=pk)
    require(request.actor, "support.stock", Unit.objects.prefetch_related("area_links").get(pk=entry.unit_id))
    try:
        services.stock_entry_remove(actor=request.actor, entry=entry)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The entry was removed."))
    return redirect("support:material", entry.material_id)


# Counts ---------------------------------------------------------------------------------------------


@policy("support.statistics")
def statistics(request):
    """Groups, parents, completion, languages and materials per term and area; under 5 as "<5"."""
    current = Term.of(timezone.localdate())
    terms = current.previous(6)
    term = Term.parse(request.GET.get("termin", "")) or current
    areas = list(Area.objects.current().filter(kind__in=["municipality", "district"]).order_by("parent_id", "name"))
    return render(request, "support/statistics.html", {
        "stats": term_statistics(term, areas), "terms": terms, "term": term})
