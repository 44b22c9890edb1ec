"""Writes about organisations and areas: validated, in one transaction, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.organisations.geo import contains_point, parse_boundary
from tillsammans.organisations.models import Area, Authority, Principal, Unit, UnitArea
from tillsammans.organisations.validators import normalise_org_number, validate_coordinates

UNIT_FIELDS = {
    "name", "authority", "unit_type", "parent", "org_number", "hsa_id", "code", "street",
    "postal_code", "city", "latitude", "longitude", "phone", "email", "website", "description",
    "valid_from", "valid_to",
}
AREA_FIELDS = {"name", "kind", "parent", "principal", "code", "boundary", "description", "valid_to"}


def _clean_unit(unit: Unit) -> None:
    if unit.org_number:
        unit.org_number = normalise_org_number(unit.org_number)
    for field in ("hsa_id", "code", "org_number"):
        if getattr(unit, field) == "":
            setattr(unit, field, None)
    errors: dict[str, list] = {}
    try:
        unit.full_clean(exclude=["areas", "served_areas"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        validate_coordinates(unit.latitude, unit.longitude)
    except ValidationError as exc:
        errors.setdefault("latitude", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(name for name in after if before.get(name) != after[name])


def unit_create(*, actor: Actor, served_areas=(), **fields: Any) -> Unit:
    unknown = set(fields) - UNIT_FIELDS
    if unknown:
        raise TypeError(f"Unknown unit fields: {sorted(unknown)}")
    unit = Unit(**fields)
    _clean_unit(unit)
    with transaction.atomic():
        unit.save()
        if served_areas:
            unit.served_areas.set(served_areas)
        recompute_unit_areas(unit)
        audit.record(actor, AuditAction.CREATE, unit, detail={"name": unit.name})
    return unit


def unit_update(*, actor: Actor, unit: Unit, served_areas=None, **fields: Any) -> Unit:
    unknown = set(fields) - UNIT_FIELDS
    if unknown:
        raise TypeError(f"Unknown unit fields: {sorted(unknown)}")
    before = {name: getattr(unit, name) for name in fields}
    moved = any(name in fields and fields[name] != before[name] for name in ("latitude", "longitude"))
    for name, value in fields.items():
        setattr(unit, name, value)
    _clean_unit(unit)
    with transaction.atomic():
        unit.save()
        if served_areas is not None:
            unit.served_areas.set(served_areas)
        if moved:
            recompute_unit_areas(unit)
        audit.record(actor, AuditAction.UPDATE, unit,
                     detail={"fields": _changes(before, {n: getattr(unit, n) for n in fields})})
    return unit


def _clean_area(area: Area) -> None:
    area.full_clean()
    if area.parent_id and area.pk:
        from tillsammans.organisations.selectors import descendant_area_ids

        if area.parent_id in descendant_area_ids([area.pk]):
            raise ValidationError({"parent": _("An area cannot lie inside itself.")})


def area_create(*, actor: Actor, **fields: Any) -> Area:
    unknown = set(fields) - AREA_FIELDS
    if unknown:
        raise TypeError(f"Unknown area fields: {sorted(unknown)}")
    area = Area(**fields)
    _clean_area(area)
    with transaction.atomic():
        area.save()
        recompute_area_units(area)
        audit.record(actor, AuditAction.CREATE, area, detail={"name": area.name})
    return area


def area_update(*, actor: Actor, area: Area, **fields: Any) -> Area:
    unknown = set(fields) - AREA_FIELDS
    if unknown:
        raise TypeError(f"Unknown area fields: {sorted(unknown)}")
    before = {name: getattr(area, name) for name in fields}
    for name, value in fields.items():
        setattr(area, name, value)
    _clean_area(area)
    with transaction.atomic():
        area.save()
        if "boundary" in fields and fields["boundary"] != before["boundary"]:
            recompute_area_units(area)
        audit.record(actor, AuditAction.UPDATE, area,
                     detail={"fields": _changes(before, {n: getattr(area, n) for n in fields})})
    return area


def recompute_unit_areas(unit: Unit) -> set[int]:
    """Link the unit to every area whose boundary covers its point."""
    inside: set[int] = set()
    if unit.has_point:
        for area in Area.objects.exclude(boundary__isnull=True).only("pk", "boundary"):
            if area.boundary and contains_point(parse_boundary(area.boundary),
                                                unit.latitude, unit.longitude):
                inside.add(area.pk)
    current = set(UnitArea.objects.filter(unit=unit).values_list("area_id", flat=True))
    UnitArea.objects.filter(unit=unit, area_id__in=current - inside).delete()
    UnitArea.objects.bulk_create([UnitArea(unit=unit, area_id=pk) for pk in inside - current])
    return inside


def recompute_area_units(area: Area) -> set[int]:
    """Link the area to every unit whose point lies inside or on its boundary."""
    inside: set[int] = set()
    if area.boundary:
        geometry = parse_boundary(area.boundary)
        for pk, lat, lon in Unit.objects.filter(latitude__isnull=False, longitude__isnull=False)\
                .values_list("pk", "latitude", "longitude"):
            if contains_point(geometry, lat, lon):
                inside.add(pk)
    current = set(UnitArea.objects.filter(area=area).values_list("unit_id", flat=True))
    UnitArea.objects.filter(area=area, unit_id__in=current - inside).delete()
    UnitArea.objects.bulk_create([UnitArea(unit_id=pk, area=area) for pk in inside - current])
    return inside


def principal_save(*, actor: Actor, principal: Principal) -> Principal:
    """Create or change a principal (from a validated form instance)."""
    if principal.org_number:
        principal.org_number = normalise_org_number(principal.org_number)
    principal.org_number = principal.org_number or None
    principal.full_clean()
    action = AuditAction.CREATE if principal.pk is None else AuditAction.UPDATE
    with transaction.atomic():
        principal.save()
        audit.record(actor, action, principal, detail={"name": principal.name})
    return principal


def authority_save(*, actor: Actor, authority: Authority) -> Authority:
    authority.hsa_id = authority.hsa_id or None
    authority.full_clean()
    action = AuditAction.CREATE if authority.pk is None else AuditAction.UPDATE
    with transaction.atomic():
        authority.save()
        audit.record(actor, action, authority, detail={"name": authority.name})
    return authority


def unit_end(*, actor: Actor, unit: Unit, on=None) -> Unit:
    """End a unit: it stays, with its history, but is no longer current."""
    from django.utils import timezone

    unit.valid_to = on or timezone.localdate()
    with transaction.atomic():
        unit.save(update_fields=["valid_to"])
        audit.record(actor, AuditAction.UPDATE, unit, detail={"ended": unit.valid_to.isoformat()})
    return unit
