"""API operations for organisations: units and areas for the directory."""

from __future__ import annotations

from django.conf import settings
from ninja import Query, Router, Schema

from tillsammans.core.access import policy
from tillsammans.core.params import MAX_ID
from tillsammans.organisations import selectors

router = Router(tags=["organisationer"])


class UnitOut(Schema):
    id: int
    name: str
    unit_type: str
    authority: str
    principal: str
    phone: str
    email: str
    latitude: float | None
    longitude: float | None


class UnitPage(Schema):
    count: int
    page: int
    results: list[UnitOut]


@router.get("/units", response=UnitPage, summary="Enheter")
@policy("organisations.view")
def list_units(request, q: str = "", unit_type: str = "", area: int | None = Query(None, ge=1, le=MAX_ID),
               page: int = Query(1, ge=1, le=1_000_000)):
    units = selectors.units_list(q=q, unit_type=unit_type, area=area)
    size = settings.PAGE_SIZE
    total = units.count()
    rows = units[(page - 1) * size: page * size]
    return {
        "count": total,
        "page": page,
        "results": [
            {"id": u.pk, "name": u.name, "unit_type": u.unit_type.name,
             "authority": u.authority.name, "principal": u.authority.principal.name,
             "phone": u.phone, "email": u.email, "latitude": u.latitude,
             "longitude": u.longitude}
            for u in rows
        ],
    }
