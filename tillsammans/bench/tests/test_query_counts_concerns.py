"""The intake's queue, a report's page, the reporter's list, Min översikt and the statistics keep
their query count when the reports grow from a handful to many (the bulk path of generate-scale)."""

import pytest
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.bench import scale_capabilities
from tillsammans.concerns import services
from tillsammans.core.models import AccessEvent
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.queries import page_queries
from tillsammans.testing.sip import actor_for


def grow(world, reporter, count):
    scale_capabilities.add_concerns(count, municipality_id=world["municipality"].pk, reporter_ids=[reporter.pk],
                       unit_of={reporter.pk: reporter.unit_id},
                       area_ids=[world["district_a"].pk, world["district_b"].pk])


@pytest.mark.django_db
def test_the_intake_pages_do_not_grow_their_query_count(world, sip, settings):
    settings.AUDIT_CHECKPOINT_EVERY = 10_000
    intake = MembershipFactory(role=Role.INTAKE, unit=world["social_office"])
    teacher = MembershipFactory(role=Role.STAFF, unit=world["preschool_a"])
    coordinator = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_a"]])
    report = services.report_submit(actor=actor_for(teacher), child_name="Tove Provsson",
                                    observations="Blåmärken på armen i morse, sa att pappa var arg.")
    grow(world, teacher, 3)
    from django.utils import timezone

    from tillsammans.concerns.models import ConcernReport

    ConcernReport.objects.filter(pk=report.pk).update(assessment_due_at=timezone.now())  # one overdue at once
    pages = [("queue", intake, reverse("concerns:queue"), None),
             ("queue, overdue", intake, reverse("concerns:queue"), {"state": "overdue"}),
             ("queue, all", intake, reverse("concerns:queue"), {"state": "all"}),
             ("report", intake, reverse("concerns:intake_detail", args=[report.pk]), None),
             ("overview", intake, reverse("core:home"), None),
             ("my reports", teacher, reverse("concerns:mine"), None),
             ("statistics", coordinator, reverse("concerns:statistics"), None)]
    clients = {}

    def measure():
        return {name: page_queries(clients.setdefault(who.pk, client_for(who)), url, params)
                for name, who, url, params in pages}

    small = measure()
    grow(world, teacher, 90)
    large = measure()
    assert large == small
    before = AccessEvent.objects.count()
    page = clients[intake.pk].get(reverse("concerns:queue"), {"state": "all"})
    assert len(page.context["reports"]) == 25  # paginated: one page, one access event per report shown
    assert AccessEvent.objects.count() == before + 25
