"""Writes for indicators: definitions, values by form, targets, Kolada and computed values. The CSV
import is in ``importing.py``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core import audit, indicators, pii
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.insight import kolada, selectors_indicators
from tillsammans.insight.models_indicators import (
    Direction,
    Indicator,
    IndicatorSource,
    IndicatorTarget,
    IndicatorValue,
    KoladaFetch,
    ValueSource,
)
from tillsammans.organisations.models import Area

FIRST_YEAR, LAST_YEAR = 1990, 2100
FIELDS = ("name", "description", "unit", "good", "source", "decimals", "about_people", "kolada_kpi", "measure_code",
          "on_dashboard")


def _check(data: dict, indicator: Indicator | None = None) -> dict:
    errors: dict[str, list[str]] = {}
    data = {**data, "name": (data.get("name") or "").strip(), "unit": (data.get("unit") or "").strip(),
            "kolada_kpi": (data.get("kolada_kpi") or "").strip().upper(),
            "measure_code": (data.get("measure_code") or "").strip()}
    if not data["name"]:
        errors["name"] = [_("Give the indicator a name.")]
    elif Indicator.objects.filter(name__iexact=data["name"]).exclude(pk=getattr(indicator, "pk", None)).exists():
        errors["name"] = [_("There is already an indicator with that name.")]
    if not data["unit"]:
        errors["unit"] = [_("Give the unit (%, number, days …).")]
    if data.get("good", "") not in Direction.values:
        errors["good"] = [_("Choose a direction.")]
    if data.get("source") == IndicatorSource.KOLADA and not kolada.KPI_PATTERN.match(data["kolada_kpi"]):
        errors["kolada_kpi"] = [_("Give Kolada's id of the key figure: a capital letter and five digits, e.g. "
                                  "N15419.")]
    if data.get("source") == IndicatorSource.COMPUTED:
        measure = indicators.get(data["measure_code"])
        if measure is None:
            errors["measure_code"] = [_("Choose a measure that Tillsammans computes.")]
        else:
            data["about_people"] = measure.about_people
    try:
        pii.validate_text(data.get("description", ""))
    except ValidationError as exc:
        errors["description"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return data


def indicator_create(*, actor: Actor, **data) -> Indicator:
    data = _check(data)
    with transaction.atomic():
        indicator = Indicator.objects.create(**{k: data[k] for k in FIELDS if k in data})
        audit.record(actor, AuditAction.CREATE, indicator)
    return indicator


def indicator_change(*, actor: Actor, indicator: Indicator, **data) -> Indicator:
    data = _check(data, indicator)
    with transaction.atomic():
        for key in FIELDS:
            if key in data:
                setattr(indicator, key, data[key])
        indicator.save()
        audit.record(actor, AuditAction.UPDATE, indicator)
    return indicator


def indicator_delete(*, actor: Actor, indicator: Indicator) -> None:
    with transaction.atomic():
        audit.record(actor, AuditAction.DELETE, indicator, detail={"values": indicator.values.count()})
        indicator.delete()


def _check_year(year: int, field: str = "year") -> None:
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise ValidationError({field: [_("Give a year between %(a)s and %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR}]})


def value_set(*, actor: Actor, indicator: Indicator, area: Area, year: int, value: Decimal, n: int | None = None,
              source: str = ValueSource.FORM) -> IndicatorValue:
    _check_year(year)
    if n is not None and n < 0:
        raise ValidationError({"n": [_("The number of people cannot be negative.")]})
    with transaction.atomic():
        row, _created = IndicatorValue.objects.update_or_create(
            indicator=indicator, area=area, year=year, defaults={"value": value, "n": n, "source": source})
        audit.record(actor, AuditAction.UPDATE, indicator, detail={"area": area.pk, "year": year})
    return row


def value_remove(*, actor: Actor, value: IndicatorValue) -> None:
    with transaction.atomic():
        audit.record(actor, AuditAction.UPDATE, value.indicator, detail={"removed": [value.area_id, value.year]})
        value.delete()


def target_set(*, actor: Actor, indicator: Indicator, year: int, value: Decimal, area: Area | None = None,
               sub_goal=None) -> IndicatorTarget:
    _check_year(year)
    with transaction.atomic():
        target = IndicatorTarget.objects.filter(indicator=indicator, area=area, year=year).first()
        if target is None:
            target = IndicatorTarget(indicator=indicator, area=area, year=year)
        target.value, target.sub_goal = value, sub_goal
        target.save()
        audit.record(actor, AuditAction.UPDATE, indicator, detail={"target": year})
    return target


def target_remove(*, actor: Actor, target: IndicatorTarget) -> None:
    with transaction.atomic():
        audit.record(actor, AuditAction.UPDATE, target.indicator, detail={"target_removed": target.year})
        target.delete()


def kolada_import(*, actor: Actor, indicator: Indicator, years: Iterable[int], payload: object = None,
                  opener=None) -> KoladaFetch:
    """Fetch (live, when switched on) or read an uploaded answer, and save every value for a known
    municipality or region – all or nothing. A failing or changed answer saves nothing, keeps the
    stored values and records why."""
    years = sorted({int(y) for y in years})
    areas = kolada.kolada_areas()
    try:
        if not indicator.kolada_kpi:
            raise kolada.KoladaError(_("The indicator has no Kolada key figure."))
        if not areas:
            raise kolada.KoladaError(_("No municipality or region has a municipality code to match Kolada's."))
        if payload is None:
            payload = kolada.fetch(indicator.kolada_kpi, sorted(areas), years, opener=opener)
        found = [v for v in kolada.parse(payload, kpi=indicator.kolada_kpi) if not years or v.year in years]
        matched = [v for v in found if v.municipality in areas]
        if found and not matched:
            raise kolada.KoladaError(_("None of the municipalities in Kolada's answer is known here."))
    except kolada.KoladaError as exc:
        return KoladaFetch.objects.create(indicator=indicator, ok=False, message=str(exc)[:500])
    with transaction.atomic():
        for item in matched:
            IndicatorValue.objects.update_or_create(
                indicator=indicator, area=areas[item.municipality], year=item.year,
                defaults={"value": item.value, "n": None, "source": ValueSource.KOLADA})
        unknown = sorted({v.municipality for v in found} - set(areas))
        message = _("%(n)s values saved.") % {"n": len(matched)}
        if unknown:
            message += " " + _("Not known here (left out): %(ids)s.") % {"ids": ", ".join(unknown)}
        fetch = KoladaFetch.objects.create(indicator=indicator, ok=True, saved=len(matched), message=message[:500])
        audit.record(actor, AuditAction.UPDATE, indicator, detail={"kolada": len(matched)})
    return fetch


def compute(*, actor: Actor, indicator: Indicator, years: Iterable[int]) -> int:
    """Compute the indicator's values from the system's own data for these whole years, for every
    county, municipality and city district; returns how many values were saved."""
    measure = indicators.get(indicator.measure_code)
    if measure is None:
        raise ValidationError(_("The indicator has no measure that Tillsammans computes."))
    area_ids = [area.pk for area in selectors_indicators.computed_areas()]
    saved = 0
    with transaction.atomic():
        for year in sorted(set(years)):
            _check_year(year)
            figures = measure.compute(date(year, 1, 1), date(year + 1, 1, 1), area_ids)
            for area_id, figure in figures.items():
                if figure.value is None:
                    IndicatorValue.objects.filter(indicator=indicator, area_id=area_id, year=year).delete()
                    continue
                IndicatorValue.objects.update_or_create(
                    indicator=indicator, area_id=area_id, year=year,
                    defaults={"value": Decimal(str(figure.value)), "n": figure.n if measure.about_people else None,
                              "source": ValueSource.COMPUTED})
                saved += 1
        audit.record(actor, AuditAction.UPDATE, indicator, detail={"computed": saved})
    return saved


def compute_all(*, actor: Actor, years: Iterable[int] | None = None) -> int:
    """Every computed indicator, for the last three whole years and this year so far."""
    this_year = timezone.localdate().year
    years = list(years or range(this_year - 3, this_year + 1))
    return sum(compute(actor=actor, indicator=indicator, years=years)
               for indicator in Indicator.objects.filter(source=IndicatorSource.COMPUTED))
