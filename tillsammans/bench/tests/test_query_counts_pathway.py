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


def grow_forum(made, *, requests: int, meetings: int, first_child: int) -> dict:
    """``meetings`` held and as many coming meetings more (all after the story's meeting, which
    stays the next one), and ``requests`` anonymous requests through the bulk paths: a third on the
    next meeting's agenda, a third on the latest held one, a third on none."""
    from datetime import timedelta

    from django.utils import timezone

    from tillsammans.networks.models import NetworkMeeting
    from tillsammans.pathway.models import ForumRequest

    forum, now = made["forum"], timezone.now()
    NetworkMeeting.objects.bulk_create(
        NetworkMeeting(network=forum, starts_at=now + timedelta(days=days), ends_at=now + timedelta(days=days, hours=2),
                       place=f"Rum {days}") for n in range(1, meetings + 1) for days in (-7 * n, 7 + 7 * n))
    ids = scale_pathway.add_worries(3 * requests, author_id=made["teacher"].pk, unit_id=made["teacher"].unit_id,
                                    team_ids=[made["colleague"].pk], forum_id=forum.pk,
                                    area_id=made["world"]["district_a"].pk, first_child=first_child,
                                    category_ids=[c.pk for c in made["categories"]])
    new = list(ForumRequest.objects.filter(worry_id__in=ids).order_by("pk").values_list("pk", flat=True))
    held = forum.meetings.filter(ends_at__lte=now).order_by("-starts_at").first()
    ForumRequest.objects.filter(pk__in=new[0::3]).update(meeting=made["meeting"])
    ForumRequest.objects.filter(pk__in=new[1::3]).update(meeting=held)
    return {"held": held, "oldest": forum.meetings.order_by("starts_at").first()}


def forum_pages(made, grown, variants=("next meeting", "latest held", "oldest, not listed",
                                        "page 2 of each list")) -> dict[tuple[str, str], int]:
    url = reverse("pathway:forum", args=[made["forum"].pk])
    params = {"next meeting": {}, "latest held": {"mote": grown["held"].pk},
              "oldest, not listed": {"mote": grown["oldest"].pk},
              "page 2 of each list": {"dagordning": 2, "utan_mote": 2, "tidigare": 2}}
    return {(who, name): page_queries(client_for(made[who]), url, params[name])
            for who in ("convener", "nurse") for name in variants}


@pytest.mark.django_db
def test_the_forum_page_costs_the_same_however_many_meetings_and_requests(story, settings):  # noqa: F811
    """One meeting's agenda, the meetings to choose from and the requests on no agenda, each a page
    cut in the database: the next meeting's page costs the same with 3 meetings and 4 requests as
    with 17 meetings and 94, and with 143 meetings and 304; a second page of each list, and a
    meeting chosen from beyond the list, cost the same at the two larger sizes."""
    from tillsammans.pathway.tests.conftest import named_request, open_log

    settings.AUDIT_CHECKPOINT_EVERY = 10_000
    open_log(story)
    named_request(story)  # on the next meeting's agenda, named: the page writes an access event

    def oldest(grown):
        return {**grown, "oldest": story["forum"].meetings.order_by("starts_at").first()}

    tiny = forum_pages(story, grow_forum(story, requests=3, meetings=1, first_child=700_000), ["next meeting"])
    medium = forum_pages(story, oldest(grow_forum(story, requests=90, meetings=7, first_child=800_000)))
    large = forum_pages(story, oldest(grow_forum(story, requests=210, meetings=63, first_child=850_000)))
    assert large == medium
    assert {k: v for k, v in medium.items() if k[1] == "next meeting"} == tiny
    # the session, the person, the forum and its people, two lists of meetings, two of requests,
    # the access rules for the rows shown, the access log (its lock on PostgreSQL), the forum's units;
    # each paged list reads its keys, then its rows (core/paging.page_of)
    assert tiny[("convener", "next meeting")] <= 30


def grow_districts(made, count: int, first_child: int) -> None:
    """A municipality of ``count`` districts, a preschool in each and 1–6 decided worries a preschool
    (some counts small, so that the suppression has work to do), through the bulk path."""
    from tillsammans.bench.scale_pathway import Owner
    from tillsammans.organisations.models import UnitArea
    from tillsammans.testing import factories as f

    principal = f.PrincipalFactory()
    authority = f.AuthorityFactory(principal=principal)
    owners = []
    for _ in range(count):
        district = f.AreaFactory(principal=principal)
        unit = f.UnitFactory(authority=authority)
        UnitArea.objects.create(unit=unit, area=district)
        owners.append(Owner(f.MembershipFactory(unit=unit).pk, unit.pk))
    shares = [2 * (1 + n % 6) for n in range(count)]  # every other worry is decided
    scale_pathway.add_worries(sum(shares), owners=owners, shares=shares, first_child=first_child)
    return principal


@pytest.mark.django_db
def test_the_measures_page_does_not_grow_with_the_districts(story, settings):  # noqa: F811
    """Every choice of the page – a coordinator's own municipality, every municipality, one
    municipality's districts – costs the same queries with 2 districts and with 40."""
    settings.AUDIT_CHECKPOINT_EVERY = 10_000
    url = reverse("pathway:measures")
    world = story["world"]

    def measure(other) -> dict[str, int]:
        coordinator, manager = client_for(story["convener"]), client_for(story["manager"])
        return {"own": page_queries(coordinator, url), "all": page_queries(coordinator, url, {"kommun": "alla"}),
                "manager": page_queries(manager, url),
                "one": page_queries(manager, url, {"kommun": world["municipality"].pk}),
                "other": page_queries(manager, url, {"kommun": other.pk})}

    grow(story, 3, 800_000)
    small = measure(grow_districts(story, 2, 900_000))
    large = measure(grow_districts(story, 40, 910_000))
    assert large == small
    assert len(set(small.values())) == 1, small  # every choice: the areas once, the counts once
