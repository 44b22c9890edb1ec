"""The key pages of the other capabilities (the receiver's overview, a network, an action plan, events
and competence coverage) and
the directory and area page on the demo municipality: their query counts do not grow when the region
grows (generate-scale's bulk paths add a region of units, staff, plans and access events)."""

from __future__ import annotations

import pytest

from tillsammans.accounts.models import Membership
from tillsammans.bench import scale
from tillsammans.core import fragments
from tillsammans.testing.clients import client_for
from tillsammans.testing.queries import page_queries


@pytest.mark.django_db
def test_demo_pages_keep_their_query_counts_as_the_region_grows(settings, monkeypatch):
    from tillsammans.demo.builder import build
    from tillsammans.events.models import Event
    from tillsammans.networks.models import Network
    from tillsammans.organisations.models import Area
    from tillsammans.planning.models import ActionPlan

    settings.AUDIT_CHECKPOINT_EVERY = 10_000
    build()
    def login(username, role):
        return client_for(Membership.objects.filter(user__username=username, role=role).order_by("pk").first())

    receiver = login("mottagare", "receiver")
    coordinator = login("processledare", "coordinator")
    nurse = login("sjukskoterska", "staff")
    area = Area.objects.filter(parent__isnull=True, units__isnull=False).order_by("pk").first()
    pages = [
        (receiver, "/handlingsplaner/oversikt/"),
        (coordinator, f"/natverk/{Network.objects.order_by('pk').first().pk}/"),
        (coordinator, f"/handlingsplaner/{ActionPlan.objects.order_by('pk').first().pk}/"),
        (nurse, f"/vem-gor-vad/?area={area.pk}"),
        (nurse, f"/omraden/{area.pk}/"),
        (nurse, "/evenemang/"),
        (nurse, f"/evenemang/{Event.objects.order_by('-starts_at').first().pk}/"),
        (coordinator, "/evenemang/kompetens/"),
        (nurse, "/stod/"),
        (coordinator, "/foraldraskapsstod/grupper/?alla=1"),
    ]
    small = [page_queries(client, path) for client, path in pages]
    calls = []
    real_changed, real_insight = fragments.changed, scale.add_insight
    monkeypatch.setattr(fragments, "changed", lambda: (calls.append("changed"), real_changed()))
    monkeypatch.setattr(scale, "add_insight", lambda *a, **k: (real_insight(*a, **k), calls.append("bulk")))
    scale.generate(scale.Sizes(children=300, professionals=60, plans=40, events=500, units=60, areas=5,
                               lead_plans=10, lead_participations=5, knowledge_events=40, support_offers=40,
                               worries=60))
    # generate-scale writes around the models' save(): after its last bulk write it marks the cached
    # parts changed itself, so a running server shows the grown region, not parts built meanwhile.
    assert calls[-1] == "changed" and "bulk" in calls
    large = [page_queries(client, path) for client, path in pages]
    assert large == small, list(zip([p for _, p in pages], small, large, strict=True))
