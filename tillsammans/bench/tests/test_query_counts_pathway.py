"""No page of the pathway grows its query count with the data: counted on a small world, grown
through the bulk paths (scale_pathway), counted again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tillsammans.bench import scale_pathway
from tillsammans.pathway.tests.conftest import story  # noqa: F401 - the fixture
from tillsammans.testing.clients import client_for
from tillsammans.testing.queries import page_queries


def grow(made, count: int, first_child: int) -> None:
    scale_pathway.add_worries(count, author_id=made["teacher"].pk, unit_id=made["teacher"].unit_id,
                              team_ids=[made["colleague"].pk], category_ids=[c.pk for c in made["categories"]],
                              forum_id=made["forum"].pk, area_id=made["world"]["district_a"].pk,
                              first_child=first_child)


def measure(made, request, pathway) -> dict[str, int]:
    worry = made["worry"]
    pages = [("worry list", made["teacher"], reverse("pathway:worry_list")),
             ("worry page", made["teacher"], reverse("pathway:worry", args=[worry.pk])),
             ("my overview", made["teacher"], reverse("core:home")),
             ("forum list", made["convener"], reverse("pathway:forum_list")),
             ("forum page", made["convener"], reverse("pathway:forum", args=[made["forum"].pk])),
             ("request page", made["nurse"], reverse("pathway:request", args=[request.pk])),
             ("measures", made["convener"], reverse("pathway:measures")),
             ("pathway", made["teacher"], reverse("pathway:pathway", args=[pathway.pk]))]
    return {name: page_queries(client_for(who), url) for name, who, url in pages}


@pytest.mark.django_db
def test_no_pathway_page_grows_its_query_count(story, settings):  # noqa: F811
    from datetime import timedelta

    from django.utils import timezone

    from tillsammans.pathway import services, services_structure
    from tillsammans.pathway.tests.conftest import named_request, open_log
    from tillsammans.testing.sip import actor_for

    settings.AUDIT_CHECKPOINT_EVERY = 10_000
    log = open_log(story)

    services.measure_add(actor=actor_for(story["teacher"]), log=log, description="Fast vuxen vid lämning",
                         responsible=story["colleague"], evaluate_on=timezone.localdate() + timedelta(days=3))
    request = named_request(story)
    pathway = services_structure.pathway_create(actor=actor_for(story["convener"]),
                                                principal=story["world"]["municipality"], name="Vägledning")
    grow(story, 3, 800_000)
    small = measure(story, request, pathway)
    grow(story, 60, 850_000)
    large = measure(story, request, pathway)
    assert large == small
    assert small["worry list"] < 45  # one page of rows, their access events in one statement
