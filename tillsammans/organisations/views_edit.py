"""Create and change pages for units, areas, principals and authorities."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.accounts.roles import Role
from tillsammans.core.access import allowed, policy, require
from tillsammans.organisations import services
from tillsammans.organisations.forms import (
    AreaDescriptionForm,
    AreaForm,
    AuthorityForm,
    PrincipalForm,
    UnitForm,
    UnitInfoForm,
)
from tillsammans.organisations.models import Area, Principal, Unit, UnitArea


def _form_page(request, form, title, cancel_url, *, multipart=False, status=200):
    return render(request, "form_page.html", {
        "form": form, "title": title, "cancel_url": cancel_url, "multipart": multipart},
        status=status)


def _try(form, action):
    """Run a service; put its validation errors on the form's fields. True when saved."""
    try:
        action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            form.add_error(None, error.messages)
        return False
    return True


def _fields(form, names=None):
    data = form.cleaned_data
    return {name: data[name] for name in (names or form.Meta.fields) if name in data}


@policy("organisations.manage")
def unit_create(request):
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = _fields(form)
        served = fields.pop("served_areas", [])
        created = {}
        if _try(form, lambda: created.setdefault("unit", services.unit_create(
                actor=request.actor, served_areas=served, **fields))):
            messages.success(request, _("The unit was created."))
            return redirect("organisations:unit_detail", created["unit"].pk)
    return _form_page(request, form, _("New unit"), "organisations:unit_list")


@policy("organisations.edit_units")
def unit_edit(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    require(request.actor, "organisations.change_unit", unit)
    full = request.actor.has_role(Role.SYSTEM_ADMIN)
    form_class = UnitForm if full else UnitInfoForm
    form = form_class(request.POST or None, instance=Unit.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        fields = _fields(form)
        served = fields.pop("served_areas", None)
        if _try(form, lambda: services.unit_update(actor=request.actor, unit=unit,
                                                   served_areas=served, **fields)):
            messages.success(request, _("The unit was saved."))
            return redirect("organisations:unit_detail", unit.pk)
    return _form_page(request, form, _("Change %(name)s") % {"name": unit.name},
                      "organisations:unit_list")


@policy("organisations.manage")
@require_POST
def unit_end(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    services.unit_end(actor=request.actor, unit=unit)
    messages.success(request, _("%(name)s is ended. It is kept with its history.") % {"name": unit.name})
    return redirect("organisations:unit_detail", unit.pk)


def _links(area: Area) -> set[int]:
    return set(UnitArea.objects.filter(area=area).values_list("unit_id", flat=True))


def _report_moves(request, before: set[int], after: set[int]) -> None:
    names = dict(Unit.objects.filter(pk__in=before ^ after).values_list("pk", "name"))
    came = sorted(names[pk] for pk in after - before)
    left = sorted(names[pk] for pk in before - after)
    if came:
        messages.info(request, _("Now inside the area: %(units)s.") % {"units": ", ".join(came)})
    if left:
        messages.info(request, _("No longer inside the area: %(units)s.") % {"units": ", ".join(left)})


@policy("organisations.manage")
def area_create(request):
    form = AreaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("area", services.area_create(
                actor=request.actor, **_fields(form)))):
            messages.success(request, _("The area was created."))
            return redirect("organisations:area_detail", created["area"].pk)
    return _form_page(request, form, _("New area"), "organisations:area_list", multipart=True)


@policy("organisations.edit_areas")
def area_edit(request, pk: int):
    area = get_object_or_404(Area, pk=pk)
    require(request.actor, "organisations.change_area", area)
    full = request.actor.has_role(Role.SYSTEM_ADMIN)
    form_class = AreaForm if full else AreaDescriptionForm
    form = form_class(request.POST or None, request.FILES or None, instance=Area.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        before = _links(area)
        if _try(form, lambda: services.area_update(actor=request.actor, area=area, **_fields(form))):
            _report_moves(request, before, _links(area))
            messages.success(request, _("The area was saved."))
            return redirect("organisations:area_detail", area.pk)
    return _form_page(request, form, _("Change %(name)s") % {"name": area.name},
                      "organisations:area_list", multipart=full)


@policy("organisations.manage")
def principal_create(request):
    return _principal_form(request, Principal())


@policy("organisations.manage")
def principal_edit(request, pk: int):
    return _principal_form(request, get_object_or_404(Principal, pk=pk))


def _principal_form(request, principal):
    form = PrincipalForm(request.POST or None, instance=principal)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.principal_save(actor=request.actor, principal=form.instance)):
            messages.success(request, _("The principal was saved."))
            return redirect("organisations:principal_detail", form.instance.pk)
    title = _("Change %(name)s") % {"name": principal.name} if principal.pk else _("New principal")
    return _form_page(request, form, title, "organisations:principal_list")


@policy("organisations.manage")
def authority_create(request, pk: int):
    principal = get_object_or_404(Principal, pk=pk)
    form = AuthorityForm(request.POST or None)
    form.instance.principal = principal
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.authority_save(actor=request.actor, authority=form.instance)):
            messages.success(request, _("The authority was saved."))
            return redirect("organisations:principal_detail", principal.pk)
    return _form_page(request, form, _("New authority in %(name)s") % {"name": principal.name},
                      "organisations:principal_list")


def can(request, name: str, obj=None) -> bool:
    return allowed(request.actor, name, obj)
