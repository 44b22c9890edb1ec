"""Demo step: child-health networks formed from geography, a planned term, past meetings with minutes."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from tillsammans.accounts.models import Contact, Membership
from tillsammans.core.access import Actor
from tillsammans.core.calendar import STOCKHOLM
from tillsammans.networks import scheduling, services
from tillsammans.networks.models import Network, NetworkMeeting, Theme
from tillsammans.networks.planner import term_for

TYPES = ["bvc", "forskola", "oppen-forskola", "socialtjanst", "familjecentral", "folktandvard", "bibliotek"]


def _contact(unit):
    person = Membership.objects.current().filter(unit=unit).select_related("user").first()
    if person:
        return person, None
    return None, Contact.objects.filter(unit=unit).first()


def build_networks(demo) -> None:
    coordinator = Membership.objects.filter(user__username="koordinator", role="coordinator").first()
    if coordinator is None or Network.objects.exists():
        return
    actor = Actor(user=coordinator.user, membership=coordinator, verified=True, request_id="demo-data")
    for district in demo.districts[:1]:
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
            themes = list(Theme.objects.filter(name__in=["Barnfattigdom", "Skolfrånvaro", "Läsfrämjande"]))
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
            scheduling.plan_term(actor=actor, network=network, term=term_for(timezone.localdate()),
                               place=f"Familjecentralen, {area.name}")
