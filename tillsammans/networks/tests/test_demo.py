"""The demo shows what networks do: a unit serving the area as a member, an action owned by a
contact without login, a moved and a cancelled meeting, nobody booked twice, a network left to plan."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tillsammans.networks import scheduling, services
from tillsammans.networks.models import ActionItem, Network, NetworkMeeting


@pytest.mark.django_db
def test_the_demo_shows_networks_at_work():
    call_command("demo-data", stdout=StringIO())
    first = Network.objects.order_by("pk").first()
    sources = {p.unit.code: p.source for p in services.propose_members(first.area, ["bibliotek", "socialtjanst"])}
    assert sources.get("BIB-1") == "serves" and sources.get("SOC-1") == "serves"
    assert first.members.filter(unit__code="BIB-1", contact__isnull=False).exists()
    assert ActionItem.objects.filter(owner_contact__isnull=False, done_at__isnull=True).exists()
    assert NetworkMeeting.objects.filter(sequence=1, cancelled=False).exists()
    assert NetworkMeeting.objects.filter(cancelled=True).exists()
    coming = NetworkMeeting.objects.filter(starts_at__gt=timezone.now(), cancelled=False).select_related("network")
    assert coming.exists()
    assert all(scheduling.conflicts(m.network, m.starts_at, m.ends_at, exclude=m) == [] for m in coming)
    assert Network.objects.exclude(meetings__starts_at__gt=timezone.now()).exists()  # left to plan
