"""Demo step: child-health networks formed from geography (with units that serve an area from
outside it), a planned term, past meetings with minutes, a follow-up action owned by a contact
without login, a moved and a cancelled meeting; the next term is left for the convener to plan
in the page from the suggestion."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from tillsammans.accounts.models import Contact, Membership
from tillsammans.core.access import Actor
from tillsammans.core.calendar import STOCKHOLM
from tillsammans.networks import scheduling, services
from tillsammans.networks.models import Network, NetworkMeeting, Theme
from tillsammans.networks.services_actions import action_add
from tillsammans.organisations.models import Area, Unit

TYPES = ["bvc", "forskola", "oppen-forskola", "socialtjanst", "familjecentral", "folktandvard", "bibliotek"]

# Units that serve areas without lying in them: unit code → names of the areas served.
SERVES = {
    "SOC-1": ["Ekmora"],  # social services for children and young people, the whole municipality
    "BIB-1": ["Ekmora"],  # the city library's children's department
    "FTV-1": ["Norrmora", "Östermora"],  # the dental clinic's catchment
    "FTV-2": ["Södermora", "Västlunda"],
}


def _contact(unit):
    person = Membership.objects.current().filter(unit=unit).select_related("user").first()
    if person:
        return person, None
    return None, Contact.objects.filter(unit=unit).first()


def register_serving_units() -> None:
    for code, names in SERVES.items():
        unit = Unit.objects.filter(code=code).first()
        if unit is not None:
            unit.served_areas.add(*Area.objects.filter(name__in=names))


def build_networks(demo) -> None:
    coordinator = Membership.objects.filter(user__username="koordinator", role="coordinator").first()
    register_serving_units()
    districts = demo.districts[:1]
    if coordinator is None or not districts or Network.objects.filter(
            convener=coordinator, kind="child_health", area__parent__in=districts).exists():
        return  # built already (the step runs again on every demo-data)
    actor = Actor(user=coordinator.user, membership=coordinator, verified=True, request_id="demo-data")
    themes = list(Theme.objects.filter(name__in=["Barnfattigdom", "Skolfrånvaro", "Läsfrämjande"]))
    networks = []
    for district in districts:
        for area in district.children.order_by("name"):
            members = []
            for proposal in services.propose_members(area, TYPES):
                person, contact = _contact(proposal.unit)
                if (person and person.user.email) or (contact and contact.email):
                    members.append((proposal.unit, person, contact))
            if not members:
                continue
            network = services.network_create(
                actor=actor, name=f"Barnhälsonätverk {area.name}", kind="child_health", area=area,
                convener=coordinator, members=members,
                purpose="Förskola, BVC, socialtjänst, tandvård och bibliotek samverkar kring barnhälsa i området.")
            past = timezone.localdate() - timedelta(days=70)
            starts_at = datetime.combine(past, datetime.min.time(), STOCKHOLM).replace(hour=13)
            meeting = NetworkMeeting.objects.create(network=network, starts_at=starts_at,
                                                    ends_at=starts_at + timedelta(minutes=150),
                                                    place=f"Familjecentralen, {area.name}")
            services.minutes_save(
                actor=actor, meeting=meeting, themes=themes[:2],
                agenda="1. Nuläge i området\n2. Tema: barnfattigdom\n3. Läsfrämjande insatser",
                minutes="Flera familjer med små barn har svårt med boendekostnaderna. Biblioteket erbjuder "
                        "sagostunder på familjecentralen varannan vecka.",
                decisions="BVC och socialtjänsten tar fram gemensam information om ekonomiskt stöd.")
            networks.append((network, meeting))
    if networks:
        # The first network's year is booked (this term and the next); the others wait for the
        # convener to plan them in the page from the suggestion.
        first = networks[0][0]
        for term in scheduling.terms_to_plan(first):
            scheduling.plan_term(actor=actor, network=first, term=term, start_time=time(9, 0),
                                 place=f"Familjecentralen, {first.area.name}")
        _show_changes(actor, *networks[0])


def _show_changes(actor, network, past) -> None:
    """An action for the library's contact (no login), one meeting moved and one cancelled."""
    library = network.members.filter(contact__isnull=False).select_related("contact").first()
    if library is not None:
        action_add(actor=actor, meeting=past, text="Sagostunder på familjecentralen varannan vecka",
                   owner=library.contact, due=timezone.localdate() + timedelta(days=1))
    coming = list(network.meetings.filter(starts_at__gt=timezone.now(), cancelled=False).order_by("starts_at"))
    if len(coming) >= 2:
        moved = coming[0]
        services.meeting_change(actor=actor, meeting=moved, starts_at=moved.starts_at + timedelta(hours=1),
                                ends_at=moved.ends_at + timedelta(hours=1), place=moved.place)
        services.meeting_cancel(actor=actor, meeting=coming[1])
