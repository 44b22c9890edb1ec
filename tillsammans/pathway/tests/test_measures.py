"""The three durations computed against a fixture and shown per area, small counts as "<5"."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tillsammans.core import indicators
from tillsammans.pathway import measures
from tillsammans.pathway.models import Worry
from tillsammans.testing.clients import client_for


def _decided(worry, arose: date, days: int) -> None:
    decided = timezone.make_aware(datetime.combine(arose + timedelta(days=days), datetime.min.time())) \
        + timedelta(hours=10)
    Worry.objects.filter(pk=worry.pk).update(arose_on=arose, decided_at=decided, decision="unit_measures")


@pytest.fixture
def durations(story):
    """District A (Norra, preschool A): five worries decided after 3, 5, 7, 9 and 11 days.
    District B (Södra, preschool B): two, after 20 and 30 days."""
    from tillsammans.core.identity import fictional_number
    from tillsammans.pathway import services
    from tillsammans.testing.sip import actor_for

    arose = date(2026, 2, 2)
    made = [story["worry"]]
    for i in range(4):
        made.append(services.worry_record(actor=actor_for(story["teacher"]), personal_number=fictional_number(
            date(2020, 5, i + 1), 5 + i), first_name="Prov", last_name=f"Barn{i}", seen_heard="Oro."))
    for worry, days in zip(made, [3, 5, 7, 9, 11], strict=True):
        _decided(worry, arose, days)
    for i, days in enumerate([20, 30]):
        worry = services.worry_record(actor=actor_for(story["school"]), personal_number=fictional_number(
            date(2019, 6, i + 1), 10 + i), first_name="Prov", last_name=f"Skola{i}", seen_heard="Oro.")
        _decided(worry, arose, days)
    return story


@pytest.mark.django_db
def test_days_from_worry_to_decision_per_area_with_small_counts_hidden(durations):
    world = durations["world"]
    start, end = measures.period(2026, "VT")
    rows = {row.area.name if row.area else "total": row for row in measures.table(start, end)}
    north, south = rows["Norra"].cells[0], rows["Södra"].cells[0]
    assert str(south.n) == "<5" and south.shown_median == "–"
    # the total (7) would give Södra's 2 away: Norra's 5 is hidden too; its median, over 5 cases, is shown
    assert north.n.suppressed and north.n.value == 5 and north.shown_median == "7"
    assert str(rows["total"].cells[0].n) == "7" and rows["total"].cells[0].median == Decimal("9.0")
    figure = indicators.get("pathway.days_worry_to_decision").compute(start, end, [world["district_a"].pk,
                                                                                  world["town"].pk])
    assert figure[world["district_a"].pk] == indicators.Figure(Decimal("7.0"), 5)
    assert figure[world["town"].pk].n == 7
    assert measures.table(*measures.period(2026, "HT"))[0].cells[0].median is None


@pytest.mark.django_db
def test_request_and_sip_durations_are_measured(story):
    from tillsammans.pathway import services_forum
    from tillsammans.pathway.models import ForumRequest
    from tillsammans.pathway.tests.conftest import named_request, open_log
    from tillsammans.testing.sip import actor_for

    open_log(story)
    request = named_request(story)
    ForumRequest.objects.filter(pk=request.pk).update(created_at=timezone.now() - timedelta(days=12))
    Worry.objects.filter(pk=story["worry"].pk).update(arose_on=timezone.localdate() - timedelta(days=40))
    request.refresh_from_db()
    services_forum.request_decide(actor=actor_for(story["convener"]), request=request, decision="sip",
                                  reason="Samordning mellan BVC och socialtjänst behövs.", lead=story["sip_lead"])
    today = timezone.localdate()
    found = measures.cases(today, today + timedelta(days=1))
    assert found["request"] == {(story["world"]["district_a"].pk, 12): 1}
    assert found["sip"] == {(story["world"]["district_a"].pk, 40): 1}
    figure = indicators.get("pathway.days_need_to_sip").compute(today, today + timedelta(days=1),
                                                                [story["world"]["district_a"].pk])
    assert figure == {story["world"]["district_a"].pk: indicators.Figure(Decimal("40.0"), 1)}


@pytest.mark.django_db
def test_the_page_shows_the_durations_per_area(durations, coordinator_membership):
    client = client_for(coordinator_membership)
    page = client.get(reverse("pathway:measures"), {"ar": 2026, "termin": "VT"}).content.decode()
    assert "Norra" in page and "Södra" in page and "&lt;5" in page and "Oro till beslut" in page
    assert client.get(reverse("pathway:measures"), {"termin": "sommar"}).status_code == 400
    assert client_for(durations["teacher"]).get(reverse("pathway:measures")).status_code == 403


@given(st.lists(st.integers(0, 400), max_size=60))
def test_the_median_of_counted_days_is_the_median_of_the_days(days):
    import statistics
    from collections import Counter

    expected = Decimal(str(statistics.median(days))).quantize(Decimal("0.1")) if days else None
    assert measures._median(Counter(days)) == expected
