"""Demo step: a child-health network for every preschool principal area, and the municipality-wide
groups – NOSAM, a steering group, a tactical group and a process team – formed through the
networks services like a coordinator would (the networks app's own demo step forms the first ones)."""

from __future__ import annotations

from tillsammans.accounts.models import Contact, Membership
from tillsammans.core.access import Actor
from tillsammans.networks import services
from tillsammans.networks.models import Network, NetworkKind
from tillsammans.organisations.models import Area, AreaKind, Unit

CHILD_HEALTH_TYPES = ["bvc", "forskola", "oppen-forskola", "socialtjanst", "familjecentral", "folktandvard",
                      "bibliotek"]
# name, kind, purpose, unit codes
GROUPS = [
    ("NOSAM Ekmora", NetworkKind.NOSAM,
     "Samverkan kring barn och unga med neuropsykiatriska svårigheter: elevhälsa, BUP, habilitering och "
     "socialtjänst.", ["EH-1", "EH-2", "BUP-1", "HAB-1", "SOC-1"]),
    ("Styrgrupp för familjecentrerat arbete", NetworkKind.STEERING,
     "Förvaltningscheferna och regionens verksamhetschefer beslutar om inriktning och resurser.",
     ["ADM-1", "ADM-2", "ADM-3", "BUP-1", "SOC-1"]),
    ("Taktisk grupp barn och unga", NetworkKind.TACTICAL,
     "Enhetschefer omsätter styrgruppens beslut i gemensamma insatser i stadsområdena.",
     ["FC-1", "FC-2", "BVC-1", "BVC-3", "SOC-3", "EH-1"]),
    ("Processteam FCA", NetworkKind.PROCESS,
     "Koordinatorer och processledare driver handlingsplanerna och följer upp aktiviteterna.",
     ["ADM-3", "FC-1", "FC-2", "SOC-1"]),
]


def _contact(unit: Unit) -> tuple[Membership | None, Contact | None]:
    person = (Membership.objects.current().filter(unit=unit).exclude(user__email="")
              .select_related("user").order_by("role", "pk").first())
    if person:
        return person, None
    return None, Contact.objects.filter(unit=unit).exclude(email="").first()


def _convener_for(area: Area) -> Membership | None:
    """The coordinator whose scope holds the area (the one named for the district first)."""
    district = area.parent
    for username in ("koordinator", "koordinator2", "processledare"):
        membership = Membership.objects.filter(user__username=username, role="coordinator").first()
        if membership and district and membership.areas.filter(pk=district.pk).exists():
            return membership
    return Membership.objects.filter(user__username="processledare", role="coordinator").first()


def _actor(membership: Membership) -> Actor:
    return Actor(user=membership.user, membership=membership, verified=True, request_id="demo-data")


def build_principal_area_networks(demo) -> None:
    for area in Area.objects.filter(kind=AreaKind.PRINCIPAL_AREA).select_related("parent").order_by("name"):
        if Network.objects.filter(area=area, kind=NetworkKind.CHILD_HEALTH).exists():
            continue
        convener = _convener_for(area)
        if convener is None:
            continue
        members = []
        for proposal in services.propose_members(area, CHILD_HEALTH_TYPES):
            person, contact = _contact(proposal.unit)
            if person or contact:
                members.append((proposal.unit, person, contact))
        if members:
            services.network_create(
                actor=_actor(convener), name=f"Barnhälsonätverk {area.name}", kind=NetworkKind.CHILD_HEALTH,
                area=area, convener=convener, members=members,
                purpose="Förskola, BVC, socialtjänst, tandvård och bibliotek samverkar kring barnhälsa i området.")


def build_groups(demo) -> None:
    convener = Membership.objects.filter(user__username="processledare", role="coordinator").first()
    top = Area.objects.filter(kind=AreaKind.MUNICIPALITY, name="Ekmora").first()
    if convener is None or top is None:
        return
    for name, kind, purpose, codes in GROUPS:
        if Network.objects.filter(name=name).exists():
            continue
        members = []
        for code in codes:
            person, contact = _contact(demo.units[code])
            if person or contact:
                members.append((demo.units[code], person, contact))
        services.network_create(actor=_actor(convener), name=name, kind=kind, area=top, convener=convener,
                                members=members, purpose=purpose, meetings_per_term=4 if kind != "steering" else 2,
                                usual_minutes=120)
