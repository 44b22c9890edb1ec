"""Pages for principals, units, areas and the directory "Vem gör vad"."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from tillsammans.accounts.roles import Role
from tillsammans.core import fragments
from tillsammans.core.access import allowed, policy
from tillsammans.core.params import int_param
from tillsammans.organisations import selectors
from tillsammans.organisations.map import render_map
from tillsammans.organisations.models import Area, Principal, Unit, UnitType


def _page(request, queryset):
    return Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))


@policy("organisations.view")
def directory(request):
    """The same for everyone who may open it: the form (a GET search, no token) and the results are
    one cached fragment per set of parameters (core/fragments.py)."""
    partial = bool(getattr(request, "htmx", False)) and request.htmx.target == "directory-results"

    def context() -> dict:
        q = request.GET.get("q", "").strip()
        area = int_param(request, "area")
        unit_type = request.GET.get("unit_type", "")
        role = request.GET.get("role", "")
        units = selectors.directory_search(q=q, area=area, unit_type=unit_type, role=role)
        found = {"page_obj": _page(request, units), "q": q, "area": area, "unit_type": unit_type, "role": role}
        if not partial:
            found.update({"areas": selectors.areas_tree(), "unit_types": UnitType.objects.filter(active=True),
                          "roles": Role.choices})
        return found

    template = "organisations/_directory_results.html" if partial else "organisations/_directory_body.html"
    body = fragments.render_part(request, "directory", [partial], template, context)
    if partial:
        return HttpResponse(body)
    return render(request, "organisations/directory.html", {"body": body})


@policy("organisations.view")
def principal_list(request):
    return render(request, "organisations/principal_list.html", {
        "page_obj": _page(request, selectors.principals_list()),
        "can_manage": allowed(request.actor, "organisations.manage")})


@policy("organisations.view")
def principal_detail(request, pk: int):
    principal = get_object_or_404(Principal, pk=pk)
    authorities = principal.authorities.current().order_by("name")
    units = selectors.units_list(principal=principal.pk)
    return render(request, "organisations/principal_detail.html", {
        "principal": principal, "authorities": authorities, "page_obj": _page(request, units),
        "can_manage": allowed(request.actor, "organisations.manage")})


@policy("organisations.view")
def unit_list(request):
    q = request.GET.get("q", "").strip()
    unit_type = request.GET.get("unit_type", "")
    area = int_param(request, "area")
    units = selectors.units_list(q=q, unit_type=unit_type, area=area)
    return render(request, "organisations/unit_list.html", {
        "page_obj": _page(request, units), "q": q, "unit_type": unit_type, "area": area,
        "unit_types": UnitType.objects.filter(active=True), "areas": selectors.areas_tree(),
        "can_manage": allowed(request.actor, "organisations.manage")})


@policy("organisations.view")
def unit_detail(request, pk: int):
    get_object_or_404(Unit, pk=pk)
    unit = selectors.unit_detail(pk)
    people = selectors.current_memberships().filter(unit=unit).order_by("role", "user__last_name")
    return render(request, "organisations/unit_detail.html", {
        "unit": unit, "people": people, "contacts": unit.contacts.filter(valid_to__isnull=True),
        "can_edit": allowed(request.actor, "organisations.change_unit", unit),
        "can_manage": allowed(request.actor, "organisations.manage")})


@policy("organisations.view")
def area_list(request):
    tree = selectors.areas_tree()
    top = next((area for area, depth in tree if depth == 0 and area.boundary), None)
    overview = ""
    if top is not None:
        children = [area for area, depth in tree if depth == 1 and area.parent_id == top.pk]
        overview = render_map(top, children, selectors.area_units(top))
    return render(request, "organisations/area_list.html", {
        "tree": tree, "overview": overview, "top": top,
        "can_manage": allowed(request.actor, "organisations.manage")})


@policy("organisations.view")
def area_detail(request, pk: int):
    area = get_object_or_404(Area.objects.select_related("parent", "principal"), pk=pk)
    can_edit = allowed(request.actor, "organisations.change_area", area)

    def context() -> dict:
        units = selectors.area_units(area)
        children = list(area.children.current().order_by("name"))
        return {"area": area, "children": children, "page_obj": _page(request, units),
                "map": render_map(area, children, units), "can_edit": can_edit}

    body = fragments.render_part(request, "area", [area.pk, can_edit], "organisations/_area_body.html", context)
    return render(request, "organisations/area_detail.html", {"area": area, "body": body})
