"""Indicator pages: the list, one indicator's trends and comparison (chart and figures), values by
form and CSV, targets linked to sub-goals, Kolada and computed values."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core import fragments
from tillsammans.core.access import allowed, policy, require
from tillsammans.core.params import int_param
from tillsammans.insight import importing, kolada, selectors_indicators, services_indicators
from tillsammans.insight.forms_indicators import (
    ComputeForm,
    ImportForm,
    IndicatorForm,
    KoladaForm,
    TargetForm,
    ValueForm,
)
from tillsammans.insight.models_indicators import Indicator, IndicatorSource, IndicatorTarget, IndicatorValue
from tillsammans.organisations.models import Area, AreaKind
from tillsammans.organisations.views_edit import _try

KINDS = [AreaKind.COUNTY, AreaKind.MUNICIPALITY, AreaKind.DISTRICT]


def _scope_areas(actor):
    return Area.objects.current().filter(pk__in=coordinator_area_ids(actor.membership), kind__in=KINDS).order_by(
        "name")


def _form_data(form: IndicatorForm) -> dict:
    return {k: form.cleaned_data.get(k) for k in form.fields}


@policy("insight.view")
def indicator_list(request):
    indicators = list(Indicator.objects.order_by("name"))
    return render(request, "insight/indicator_list.html", {
        "indicators": indicators, "can_manage": allowed(request.actor, "insight.manage"),
        "can_import": allowed(request.actor, "insight.enter_values")})


@policy("insight.manage")
def indicator_create(request):
    form = IndicatorForm(request.POST or None, initial={"source": IndicatorSource.MANUAL, "good": "up"})
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("i", services_indicators.indicator_create(
                actor=request.actor, **_form_data(form)))):
            messages.success(request, _("The indicator was created."))
            return redirect("insight:indicator", created["i"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("New indicator"),
                                              "cancel_url": "insight:indicator_list"})


@policy("insight.manage")
def indicator_edit(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    form = IndicatorForm(request.POST or None, initial=IndicatorForm.initial_for(indicator))
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_indicators.indicator_change(actor=request.actor, indicator=indicator,
                                                                   **_form_data(form))):
            messages.success(request, _("The indicator was saved."))
            return redirect("insight:indicator", indicator.pk)
    return render(request, "form_page.html", {"form": form, "title": _("Change %(title)s") % {"title": indicator},
                                              "cancel_href": reverse("insight:indicator", args=[indicator.pk])})


@policy("insight.manage")
def indicator_delete(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    if request.method == "POST":
        services_indicators.indicator_delete(actor=request.actor, indicator=indicator)
        messages.success(request, _("The indicator and its values were removed."))
        return redirect("insight:indicator_list")
    return render(request, "insight/confirm_delete.html", {
        "title": _("Remove %(title)s?") % {"title": indicator.name},
        "text": _("The indicator, its targets and its %(n)s values are removed for good.") % {
            "n": indicator.values.count()},
        "cancel_href": reverse("insight:indicator", args=[indicator.pk])})


@policy("insight.view")
def indicator_detail(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    actor = request.actor
    # The trends, the figures and the targets are the same for everyone who may not change them,
    # and for one coordinator (who may remove the values of their own areas): a cached part until
    # an indicator, a value, a target or an area changes (ADR 0026); its forms get the reader's
    # own CSRF token.
    coordinator = actor.membership.pk if allowed(actor, "insight.manage") else None
    body = fragments.render_part(request, "indicator", [indicator.pk, coordinator, timezone.localdate()],
                                 "insight/_indicator_body.html",
                                 lambda: _indicator_page(request, indicator, int_param(request, "omrade")))
    return render(request, "insight/indicator_detail.html", {"indicator": indicator, "body": body})


def _indicator_page(request, indicator: Indicator, focus_id: int | None) -> dict:
    focus = get_object_or_404(Area, pk=focus_id) if focus_id else None
    municipalities = selectors_indicators.comparison_areas()
    areas = [focus, *focus.children.filter(valid_to=None).order_by("name")] if focus else municipalities
    area_ids = [a.pk for a in areas]
    years = selectors_indicators.years_window([indicator], area_ids, count=5)
    values = selectors_indicators.values_for([indicator], area_ids, years)
    targets = selectors_indicators.targets_for([indicator])[indicator.pk]
    target = selectors_indicators.target_for(targets, focus.pk if focus else None, years[-1])
    shown_areas = [a for a in areas if any((indicator.pk, a.pk, y) in values for y in years)] or areas[:1]
    line = selectors_indicators.line_chart(indicator, shown_areas[:10], years, values, target, f"trend-{indicator.pk}")
    comparison = selectors_indicators.comparison_chart(indicator, shown_areas, years[-1], values, target,
                                                       f"compare-{indicator.pk}")
    can_manage = allowed(request.actor, "insight.manage")
    scope = set(coordinator_area_ids(request.actor.membership)) if can_manage else set()
    rows = [(area, [(text, values.get((indicator.pk, area.pk, year))) for text, year in zip(cells, years, strict=True)],
             area.pk in scope) for area, cells in selectors_indicators.table(indicator, shown_areas, years, values)]
    return {
        "indicator": indicator, "focus": focus, "years": years, "rows": rows, "line": line, "comparison": comparison,
        "targets": targets, "can_manage": can_manage,
        "can_enter": allowed(request.actor, "insight.enter_values") and bool(scope),
        "fetches": list(indicator.kolada_fetches.all()[:5]), "attribution": kolada.ATTRIBUTION,
        "has_kolada": any(v.source == "kolada" for v in values.values()) or indicator.source == "kolada",
        "municipalities": municipalities}


@policy("insight.enter_values")
def value_add(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    form = ValueForm(request.POST or None, areas=_scope_areas(request.actor))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require(request.actor, "insight.enter_values", data["area"])
        if _try(form, lambda: services_indicators.value_set(
                actor=request.actor, indicator=indicator, area=data["area"], year=data["year"], value=data["value"],
                n=data.get("n"))):
            messages.success(request, _("The value was saved."))
            return redirect("insight:indicator", indicator.pk)
    return render(request, "form_page.html", {
        "form": form, "title": _("Enter a value: %(name)s") % {"name": indicator.name},
        "cancel_href": reverse("insight:indicator", args=[indicator.pk])})


@policy("insight.enter_values")
@require_POST
def value_remove(request, pk: int):
    value = get_object_or_404(IndicatorValue.objects.select_related("indicator", "area"), pk=pk)
    require(request.actor, "insight.enter_values", value.area)
    services_indicators.value_remove(actor=request.actor, value=value)
    messages.success(request, _("The value was removed."))
    return redirect("insight:indicator", value.indicator_id)


@policy("insight.manage")
def target_add(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    areas = Area.objects.current().filter(kind__in=KINDS).order_by("name")
    form = TargetForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services_indicators.target_set(
                actor=request.actor, indicator=indicator, year=data["year"], value=data["value"],
                area=data.get("area"), sub_goal=data.get("sub_goal"))):
            messages.success(request, _("The target was saved."))
            return redirect("insight:indicator", indicator.pk)
    return render(request, "form_page.html", {
        "form": form, "title": _("Target for %(name)s") % {"name": indicator.name},
        "cancel_href": reverse("insight:indicator", args=[indicator.pk])})


@policy("insight.manage")
@require_POST
def target_remove(request, pk: int):
    target = get_object_or_404(IndicatorTarget.objects.select_related("indicator"), pk=pk)
    services_indicators.target_remove(actor=request.actor, target=target)
    messages.success(request, _("The target was removed."))
    return redirect("insight:indicator", target.indicator_id)


@policy("insight.enter_values")
def value_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = importing.import_values(actor=request.actor, raw=form.cleaned_data["file"].read(),
                                         allowed_area_ids=coordinator_area_ids(request.actor.membership))
        if result.ok:
            messages.success(request, _("%(n)s values were imported.") % {"n": result.saved})
            return redirect("insight:indicator_list")
    return render(request, "insight/value_import.html", {"form": form, "result": result})


@policy("insight.manage")
def kolada_fetch(request, pk: int):
    from django.conf import settings

    indicator = get_object_or_404(Indicator, pk=pk)
    form = KoladaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        years = range(data["first_year"], data["last_year"] + 1)
        payload = None
        if data.get("answer"):
            try:
                payload = kolada.read_upload(data["answer"].read())
            except kolada.KoladaError as exc:
                form.add_error("answer", str(exc))
        if not form.errors:
            fetch = services_indicators.kolada_import(actor=request.actor, indicator=indicator, years=years,
                                                      payload=payload)
            if fetch.ok:
                messages.success(request, fetch.message)
                return redirect("insight:indicator", indicator.pk)
            form.add_error(None, _("Nothing was saved, and the stored values are unchanged: %(why)s") % {
                "why": fetch.message})
    return render(request, "insight/kolada_form.html", {
        "form": form, "indicator": indicator, "live": settings.KOLADA_LIVE, "attribution": kolada.ATTRIBUTION,
        "known": sorted(kolada.kolada_areas().items())})


@policy("insight.manage")
def compute(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    form = ComputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services_indicators.compute(actor=request.actor, indicator=indicator,
                                                years=range(data["first_year"], data["last_year"] + 1))
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("%(n)s values were computed.") % {"n": saved})
            return redirect("insight:indicator", indicator.pk)
    return render(request, "form_page.html", {
        "form": form, "title": _("Compute %(name)s from Tillsammans") % {"name": indicator.name},
        "cancel_href": reverse("insight:indicator", args=[indicator.pk])})
