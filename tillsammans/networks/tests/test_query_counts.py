"""List pages (and the network and forming pages) make the same number of queries at 3 and 30 rows."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.accounts.models import Contact
from tillsammans.accounts.roles import Role
from tillsammans.core.calendar import STOCKHOLM
from tillsammans.networks.models import ActionItem, Network, NetworkMeeting, NetworkMember
from tillsammans.testing import factories as f


def _grow(world, coordinator, network, n):
    """Bring the area to n networks, each with n members of both kinds, n meetings and actions."""
    start = datetime(2027, 2, 2, 13, 0, tzinfo=STOCKHOLM)
    while Network.objects.count() < n:
        Network.objects.create(name=f"Nätverk {Network.objects.count()}", kind="nosam",
                               area=world["district_a"], convener=coordinator)
    while network.members.count() < n:
        index = network.members.count()
        unit = f.UnitFactory(name=f"Enhet {index}", authority=world["school_board"], latitude=59.40,
                             longitude=16.50 + index / 1000, unit_type=f.unit_type("bibliotek"))
        unit.served_areas.add(world["district_a"])
        if index % 2:
            NetworkMember.objects.create(network=network, unit=unit, contact=Contact.objects.create(
                name=f"Kontakt {index}", unit=unit, email=f"k{index}@exempel.invalid"))
        else:
            NetworkMember.objects.create(network=network, unit=unit, contact_membership=f.MembershipFactory(
                role=Role.STAFF, unit=unit))
    members = list(network.members.all())
    while network.meetings.count() < n:
        index = network.meetings.count()
        meeting = NetworkMeeting.objects.create(network=network, starts_at=start + timedelta(days=7 * index),
                                                ends_at=start + timedelta(days=7 * index, hours=2), place="Rum")
        member = members[index % len(members)]
        ActionItem.objects.create(meeting=meeting, text=f"Åtgärd {index}", due=start.date(),
                                  owner=member.contact_membership, owner_contact=member.contact)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["network_list", "area_calendar", "my_calendar", "network", "meeting",
                                  "network_create", "plan_term"])
def test_the_same_number_of_queries_at_3_and_30_rows(world, coordinator_membership, coordinator_client,
                                                       page, settings):
    settings.PAGE_SIZE = 50
    network = Network.objects.create(name="Barnhälsonätverk Norra", kind="child_health",
                                     area=world["district_a"], convener=coordinator_membership)
    urls = {
        "network_list": lambda: reverse("networks:network_list"),
        "area_calendar": lambda: reverse("networks:area_calendar", args=[world["district_a"].pk]),
        "my_calendar": lambda: reverse("networks:my_calendar"),
        "network": lambda: reverse("networks:network", args=[network.pk]),
        "meeting": lambda: reverse("networks:meeting", args=[network.meetings.first().pk]),
        "network_create": lambda: reverse("networks:network_create")
        + f"?area={world['district_a'].pk}&unit_types=bibliotek&unit_types=bvc",
        "plan_term": lambda: reverse("networks:plan_term", args=[network.pk]) + "?termin=VT-2027",
    }
    counts = []
    for n in (3, 30):
        _grow(world, coordinator_membership, network, n)
        url = urls[page]()
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
