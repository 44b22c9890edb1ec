"""Which municipality's intake receives a report: the municipality where the child lives or stays.

In order: a municipality the reporter chose; the city of the child's address, when it names a
municipality (its area or the principal's name); the child's preschool or school; the reporter's
own unit (where the child stays while the reporter meets them). The area (for the statistics) is
the district that the child's or the reporter's unit lies in, inside that municipality."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tillsammans.core.text import fold
from tillsammans.organisations.models import Area, AreaKind, Principal, PrincipalKind, UnitArea


@dataclass(frozen=True)
class Route:
    municipality: Principal
    area: Area | None
    basis: str  # chosen, address, child_unit, reporter_unit


def municipalities():
    return Principal.objects.current().filter(kind=PrincipalKind.MUNICIPALITY).order_by("name")


def _from_address(address: str) -> Principal | None:
    """The last word group of an address ("Ekvägen 3, 611 20 Ekmora" → "Ekmora") matched against
    the names of municipality areas and municipalities."""
    if not address.strip():
        return None
    tail = re.sub(r"[\d\s]+", " ", address.split(",")[-1]).strip()
    if not tail:
        return None
    wanted = fold(tail)
    area = (Area.objects.current().filter(kind=AreaKind.MUNICIPALITY, name_folded=wanted,
                                           principal__kind=PrincipalKind.MUNICIPALITY)
            .select_related("principal").first())
    if area is not None:
        return area.principal
    for principal in municipalities():
        name = fold(principal.name)
        if name in (wanted, f"{wanted} kommun", f"{wanted}s kommun"):
            return principal
    return None


def _principal_of(unit) -> Principal | None:
    principal = unit.authority.principal
    if principal.kind == PrincipalKind.MUNICIPALITY:
        return principal
    # A region's or a private provider's unit: the municipality whose areas the unit lies in.
    area = Area.objects.filter(unit_links__unit=unit, principal__kind=PrincipalKind.MUNICIPALITY).select_related(
        "principal").first()
    return area.principal if area else None


def _area_for(municipality: Principal, units) -> Area | None:
    """The most specific district the units lie in inside the municipality (for the statistics)."""
    unit_ids = [u.pk for u in units if u is not None]
    if not unit_ids:
        return None
    links = list(UnitArea.objects.filter(unit_id__in=unit_ids, area__principal=municipality)
                 .select_related("area"))
    for kind in (AreaKind.DISTRICT, AreaKind.SUB_AREA, AreaKind.PRINCIPAL_AREA, AreaKind.MUNICIPALITY):
        for unit_id in unit_ids:
            found = [link.area for link in links if link.unit_id == unit_id and link.area.kind == kind]
            if found:
                return sorted(found, key=lambda a: a.pk)[0]
    return None


def route(*, chosen: Principal | None = None, address: str = "", child_unit=None, reporter_unit=None) -> Route:
    if chosen is not None:
        return Route(chosen, _area_for(chosen, [child_unit, reporter_unit]), "chosen")
    found = _from_address(address)
    if found is not None:
        return Route(found, _area_for(found, [child_unit, reporter_unit]), "address")
    for basis, unit in (("child_unit", child_unit), ("reporter_unit", reporter_unit)):
        if unit is not None and (principal := _principal_of(unit)) is not None:
            return Route(principal, _area_for(principal, [unit]), basis)
    raise ValidationError({"municipality": _("Choose the municipality where the child lives or is staying.")})
