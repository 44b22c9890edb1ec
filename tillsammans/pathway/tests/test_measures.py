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


def _rows(start, end, chosen) -> dict[str, measures.Row]:
    _group, rows = measures.rows(start, end, measures.areas(), chosen)
    return {"total" if row.total else row.label: row for row in rows}


@pytest.mark.django_db
def test_days_from_worry_to_decision_per_area_with_small_counts_hidden(durations):
    world = durations["world"]
    start, end = measures.period(2026, "VT")
    rows = _rows(start, end, str(world["municipality"].pk))
    north, south = rows["Norra"].cells[0], rows["Södra"].cells[0]
    assert str(south.n) == "<5" and south.shown_median == "–"
    # the total (7) would give Södra's 2 away: Norra's 5 is hidden too; its median, over 5 cases, is shown
    assert north.n.suppressed and north.n.value == 5 and north.shown_median == "7"
    assert str(rows["total"].cells[0].n) == "7" and rows["total"].cells[0].median == Decimal("9.0")
    everywhere = _rows(start, end, measures.ALL)
    assert list(everywhere) == ["Testköping kommun", "total"]  # no district of all of them at once
    assert everywhere["Testköping kommun"].group == world["municipality"].pk
    assert str(everywhere["Testköping kommun"].cells[0].n) == "7" and str(everywhere["total"].cells[0].n) == "7"
    figure = indicators.get("pathway.days_worry_to_decision").compute(start, end, [world["district_a"].pk,
                                                                                  world["town"].pk])
    assert figure[world["district_a"].pk] == indicators.Figure(Decimal("7.0"), 5)
    assert figure[world["town"].pk].n == 7
    assert _rows(*measures.period(2026, "HT"), str(world["municipality"].pk))["Norra"].cells[0].median is None


def _neighbour(world, worries: int):
    """A second municipality with one district and a preschool in it, and ``worries`` decided worries."""
    from tillsammans.core.identity import fictional_number
    from tillsammans.organisations.models import UnitArea
    from tillsammans.pathway import services
    from tillsammans.testing import factories as f
    from tillsammans.testing.sip import actor_for

    principal = f.PrincipalFactory(name="Grannby kommun")
    district = f.AreaFactory(name="Grannby centrum", principal=principal)
    unit = f.UnitFactory(name="Förskolan Grannen", authority=f.AuthorityFactory(principal=principal))
    UnitArea.objects.create(unit=unit, area=district)
    teacher = f.MembershipFactory(unit=unit)
    for i in range(worries):
        worry = services.worry_record(actor=actor_for(teacher), personal_number=fictional_number(
            date(2020, 7, i + 1), 15 + i), first_name="Prov", last_name=f"Granne{i}", seen_heard="Oro.")
        _decided(worry, date(2026, 3, 2), 4 + i)
    return principal, district


@pytest.mark.django_db
def test_a_municipality_hidden_beside_the_others_is_hidden_on_its_own_page(durations):
    """Grannby's 3 is hidden; Testköping's 7 with it, else the total (10) would give Grannby away. On
    Testköping's own page its total stands under its districts: it must be hidden there as well (a
    page suppressed on its own would show 7), and is: every page reads one suppressed table."""
    world = durations["world"]
    neighbour, _district = _neighbour(world, 3)
    start, end = measures.period(2026, "VT")
    everywhere = _rows(start, end, measures.ALL)
    assert str(everywhere["Grannby kommun"].cells[0].n) == "<5"
    assert everywhere["Testköping kommun"].cells[0].n.suppressed and str(everywhere["total"].cells[0].n) == "10"
    own = _rows(start, end, str(world["municipality"].pk))
    assert own["total"].cells[0].n == everywhere["Testköping kommun"].cells[0].n
    assert own["Norra"].cells[0].n.suppressed and own["Södra"].cells[0].n.suppressed
    theirs = _rows(start, end, str(neighbour.pk))
    assert theirs["total"].cells[0].n == everywhere["Grannby kommun"].cells[0].n
    assert theirs["Grannby centrum"].cells[0].n.suppressed
    # the medians: over 5 cases or more only, whatever the count shows
    assert everywhere["Testköping kommun"].cells[0].shown_median == "9"
    assert everywhere["Grannby kommun"].cells[0].median is None


@pytest.mark.django_db
def test_every_page_shows_what_the_whole_table_shows(durations):
    """The cells of every choice on the page are the cells of the one suppressed table."""
    world = durations["world"]
    _neighbour(world, 6)
    start, end = measures.period(2026, "VT")
    areas = measures.areas()
    whole = measures.Published(start, end, areas)
    for chosen in measures.choices(areas)[0]:
        group, rows = measures.rows(start, end, areas, chosen)
        for row in rows:
            for (kind, _label), cell in zip(measures.KINDS, row.cells, strict=True):
                tree = whole.trees[kind]
                if row.total:
                    expected = tree.total if group is None else tree.groups[group.key]
                elif row.group is not None:
                    expected = tree.groups[row.group]
                else:
                    pk = next(pk for pk, name in group.districts if name == row.label)
                    expected = tree.parts[group.key][pk]
                assert cell.n == expected, (chosen, row.label, kind)


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


@pytest.mark.django_db
def test_each_role_starts_where_its_work_is_and_can_choose_any_municipality(durations, coordinator_membership):
    """A coordinator whose areas lie in one municipality starts with its districts; one whose areas
    reach two with those two side by side; a manager with their unit's municipality's districts; the
    region's receiver (no districts of its own) with every municipality. Each can open any
    municipality's districts; a choice that is not offered answers 400."""
    from tillsammans.accounts.roles import Role
    from tillsammans.testing.factories import MembershipFactory

    world = durations["world"]
    neighbour, district = _neighbour(world, 6)
    url = reverse("pathway:measures")
    asked = {"ar": 2026, "termin": "VT"}

    own = client_for(coordinator_membership).get(url, asked)
    assert own.context["group"].key == world["municipality"].pk
    assert own.context["chosen"] == str(world["municipality"].pk)
    assert [row.label for row in own.context["rows"]][:2] == ["Norra", "Södra"] and own.context["rows"][-1].total
    assert "Grannby centrum" not in own.content.decode() and not own.context["mine"]
    manager = client_for(durations["manager"]).get(url, asked)
    assert manager.context["group"].key == world["municipality"].pk and not manager.context["mine"]

    both = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_b"], district])
    mine = client_for(both).get(url, asked)
    assert mine.context["chosen"] == measures.MINE and mine.context["mine"]
    assert [row.label for row in mine.context["rows"]] == ["Grannby kommun", "Testköping kommun"]
    page = mine.content.decode()
    assert f'href="{url}?kommun={neighbour.pk}&amp;ar=2026&amp;termin=VT"' in page and "Norra" not in page

    receiver = client_for(MembershipFactory(role=Role.RECEIVER, unit=world["bvc_a"]))
    everything = receiver.get(url, asked)
    assert everything.context["chosen"] == measures.ALL and everything.context["group"] is None
    assert [row.label for row in everything.context["rows"]][:2] == ["Grannby kommun", "Testköping kommun"]
    assert everything.context["rows"][-1].total and str(everything.context["rows"][-1].cells[0].n) == "13"
    theirs = receiver.get(url, {**asked, "kommun": neighbour.pk})
    assert [row.label for row in theirs.context["rows"]][0] == "Grannby centrum"
    assert 'selected>Grannby kommun</option>' in theirs.content.decode()
    for wrong in ("mina", "0", "999999", "x"):
        assert receiver.get(url, {**asked, "kommun": wrong}).status_code == 400


@given(st.lists(st.integers(0, 400), max_size=60))
def test_the_median_of_counted_days_is_the_median_of_the_days(days):
    import statistics
    from collections import Counter

    expected = Decimal(str(statistics.median(days))).quantize(Decimal("0.1")) if days else None
    assert measures._median(Counter(days)) == expected
