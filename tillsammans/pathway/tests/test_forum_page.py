"""The joint forum's page as its convener works: one meeting's agenda at a time (the next, else the
latest held, or the one chosen), the forum's meetings with their number of requests, the requests
on no meeting's agenda paged, a meeting parameter that cannot be used answered in Swedish, and the
forum's limited view and access log unchanged."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tillsammans.bench import scale_pathway
from tillsammans.core.models import AccessEvent
from tillsammans.networks.models import NetworkMeeting
from tillsammans.pathway.models import ForumRequest
from tillsammans.pathway.selectors_forum import PAST_PER_PAGE, UNPLACED_PER_PAGE, UPCOMING_SHOWN
from tillsammans.pathway.tests.conftest import named_request, open_log
from tillsammans.testing.clients import client_for


def body(response) -> str:
    return response.content.decode()


def forum_url(story, **params) -> str:
    url = reverse("pathway:forum", args=[story["forum"].pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def meeting_at(network, days: float, place: str = "Stadsdelshuset", cancelled: bool = False) -> NetworkMeeting:
    start = timezone.now() + timedelta(days=days)
    return NetworkMeeting.objects.create(network=network, starts_at=start, ends_at=start + timedelta(hours=2),
                                         place=place, cancelled=cancelled)


def anonymous_requests(story, count: int, first_child: int, meeting=None) -> list[ForumRequest]:
    """``count`` anonymous requests from the teacher's preschool (the bulk path of the bench)."""
    ids = scale_pathway.add_worries(3 * count, author_id=story["teacher"].pk, unit_id=story["teacher"].unit_id,
                                    team_ids=[story["colleague"].pk], forum_id=story["forum"].pk,
                                    area_id=story["world"]["district_a"].pk, first_child=first_child,
                                    category_ids=[c.pk for c in story["categories"]])
    requests = ForumRequest.objects.filter(worry_id__in=ids)
    if meeting is not None:
        requests.update(meeting=meeting)
    return list(requests.order_by("pk"))


def reads(request) -> int:
    return AccessEvent.objects.filter(object_type="pathway.forumrequest", object_id=str(request.pk),
                                      action="read").count()


@pytest.mark.django_db
def test_the_page_shows_the_next_meeting_and_the_convener_chooses_another(story):
    open_log(story)
    named = named_request(story)  # on the coming meeting (in 7 days), the forum sees the child
    held = meeting_at(story["forum"], -14, place="Familjecentralen")
    on_held = anonymous_requests(story, 2, 900_000, meeting=held)
    later = meeting_at(story["forum"], 21, place="Biblioteket")
    convener = client_for(story["convener"])

    page = body(convener.get(forum_url(story)))
    assert "Dagordning för mötet" in page and "Stadsdelshuset" in page
    assert f"Ärende {named.pk}" in page and "Tove Provlund" in page
    assert f"Ärende {on_held[0].pk}" not in page  # another meeting's agenda is not on the page
    assert "1 ärende" in page and "2 ärenden" in page and "0 ärenden" in page  # each meeting's count
    assert f'href="?mote={later.pk}&amp;dagordning=#dagordning"' in page
    assert reads(named) == 1

    page = body(convener.get(forum_url(story, mote=held.pk)))
    assert "Mötet har hållits." in page and "Familjecentralen" in page
    assert f"Ärende {on_held[0].pk}" in page and f"Ärende {on_held[1].pk}" in page and "Anonym" in page
    assert f"Ärende {named.pk}" not in page and "Tove" not in page
    assert reads(named) == 1  # read only where shown; an anonymous summary is no read of the child
    assert not AccessEvent.objects.filter(object_type="pathway.forumrequest", object_id=str(on_held[0].pk)).exists()


@pytest.mark.django_db
def test_without_a_coming_meeting_the_latest_held_one_is_shown(story):
    story["meeting"].delete()
    older, latest = meeting_at(story["forum"], -40, place="Gamla salen"), meeting_at(story["forum"], -10)
    request = anonymous_requests(story, 1, 900_000, meeting=latest)[0]
    page = body(client_for(story["convener"]).get(forum_url(story)))
    assert f"Ärende {request.pk}" in page and "Inget kommande möte." in page
    assert f'aria-current="true">{timezone.localtime(latest.starts_at):%Y-%m-%d %H:%M}' in page
    assert "Gamla salen" in page and f"?mote={older.pk}&" in page


@pytest.mark.django_db
def test_a_forum_without_meetings_says_so_and_still_lists_its_requests(story):
    story["meeting"].delete()
    request = anonymous_requests(story, 1, 900_000)[0]
    page = body(client_for(story["convener"]).get(forum_url(story)))
    assert "Forumet har inget möte ännu" in page and f"Ärende {request.pk}" in page


@pytest.mark.django_db
def test_the_meetings_are_limited_and_the_held_ones_paged(story):
    coming = [meeting_at(story["forum"], 7 + 7 * n, place=f"Kommande {n}") for n in range(1, UPCOMING_SHOWN + 2)]
    held = [meeting_at(story["forum"], -7 * n, place=f"Hållet {n}") for n in range(1, PAST_PER_PAGE + 3)]
    convener = client_for(story["convener"])
    page = body(convener.get(forum_url(story)))
    assert f"Kommande {UPCOMING_SHOWN - 1}" in page and f"Kommande {UPCOMING_SHOWN}" not in page
    assert "Senare möten finns på nätverkets sida." in page
    assert f"Hållet {PAST_PER_PAGE}" in page and f"Hållet {PAST_PER_PAGE + 1}" not in page
    assert "tidigare=2#moten" in page
    page = body(convener.get(forum_url(story, tidigare=2)))
    assert f"Hållet {PAST_PER_PAGE + 1}" in page and "Hållet 1<" not in page
    assert "Stadsdelshuset" in page  # still the next meeting's agenda
    oldest = held[-1]  # chosen from the second page: the agenda is its own
    page = body(convener.get(forum_url(story, mote=oldest.pk, tidigare=2)))
    assert f'aria-current="true">{timezone.localtime(oldest.starts_at):%Y-%m-%d %H:%M}' in page
    assert f"?mote={coming[0].pk}&" in page


@pytest.mark.django_db
def test_the_requests_on_no_agenda_are_paged_the_waiting_first(story):
    open_log(story)
    story["meeting"].delete()
    requests = anonymous_requests(story, UNPLACED_PER_PAGE + 3, 900_000)
    decided = requests[0]
    ForumRequest.objects.filter(pk=decided.pk).update(status="decided", decision="one_service")
    cancelled = meeting_at(story["forum"], 3, cancelled=True)
    on_cancelled = anonymous_requests(story, 1, 950_000, meeting=cancelled)[0]
    convener = client_for(story["convener"])
    first = body(convener.get(forum_url(story)))
    second = body(convener.get(forum_url(story, utan_mote=2)))
    assert "Sida 1 av 2" in first and "utan_mote=2#utan-mote" in first and "Sida 2 av 2" in second
    assert f"Ärende {requests[1].pk}<" in first  # waited longest
    assert f"Ärende {decided.pk}<" in second and f"Ärende {decided.pk}<" not in first  # decided last
    assert f"Ärende {on_cancelled.pk}<" in first + second and "mötet ställdes in" in first + second
    assert "Sida 1 av 2" in body(convener.get(forum_url(story, utan_mote="x9")))  # junk: the first page


@pytest.mark.django_db
def test_a_meeting_parameter_that_cannot_be_used_is_answered_in_swedish(story):
    other = story["forum"].__class__.objects.create(name="En dörr in Södra", kind="forum",
                                                    area=story["world"]["district_b"], convener=story["convener"])
    foreign = meeting_at(other, 3)
    convener = client_for(story["convener"])
    for value, said in (("abc", "är inte ett heltal"), ("0", "mellan 1 och"), ("9" * 30, "mellan 1 och"),
                        (str(foreign.pk), f"Forumet har inget möte {foreign.pk}"),
                        ("99999999", "Forumet har inget möte 99999999")):
        response = convener.get(forum_url(story, mote=value))
        assert response.status_code == 400, value
        assert said in body(response), value
    assert not AccessEvent.objects.filter(object_type="pathway.forumrequest").exists()
    # a cancelled meeting of the forum may be chosen: it says so
    cancelled = meeting_at(story["forum"], 2, cancelled=True)
    assert "Mötet är inställt" in body(convener.get(forum_url(story, mote=cancelled.pk)))


@pytest.mark.django_db
def test_who_may_not_see_the_forum_still_may_not(story):
    open_log(story)
    named_request(story)
    meeting = story["meeting"].pk
    for who in ("outsider", "teacher", "colleague", "school", "sip_lead"):
        client = client_for(story[who])
        for params in ({}, {"mote": meeting}, {"mote": "abc"}, {"utan_mote": 2}):
            assert client.get(forum_url(story, **params)).status_code == 404, (who, params)
    assert client_for(story["auditor"]).get(forum_url(story)).status_code == 403
    assert not AccessEvent.objects.filter(object_type="pathway.forumrequest", action="read").exists()


@pytest.mark.django_db
def test_the_forum_sees_a_child_only_with_the_consent(story):
    """The limited view: with the consent the forum's people see the child, without it age, area and
    kind of need; the chair and members see what the convener sees."""
    open_log(story)
    named = named_request(story)
    anonymous = anonymous_requests(story, 1, 900_000, meeting=story["meeting"])[0]
    for who in ("nurse", "social", "manager", "convener"):
        page = body(client_for(story[who]).get(forum_url(story)))
        assert f"Ärende {named.pk}" in page and "Tove Provlund" in page, who
        assert f"Ärende {anonymous.pk}" in page and "Anonym" in page and "3–5 år" in page, who
        # the convener (and a chair) is told where a request is placed and decided
        assert ("Öppna ett ärende för att lägga det på ett mötes dagordning" in page) == (who == "convener"), who
    assert reads(named) == 4 and reads(anonymous) == 0
