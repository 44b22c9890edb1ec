"""The mapping's units are picked by a search on the beginning of their name (core.pickers), never
from a list of every unit: a search keeps what was typed and saves nothing, a form error keeps the
units picked, a coordinator finds only the units of their areas, and the page asks the same number
of queries and shows the same units at 3 and at 30 more units in the register."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.insight import services_mapping
from tillsammans.insight.models_mapping import CollaborationForm
from tillsammans.organisations.models import Unit
from tillsammans.organisations.services import recompute_area_units
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory, UnitFactory
from tillsammans.testing.sip import actor_for

pytestmark = pytest.mark.django_db

CREATE = "/insikt/kartlaggning/ny/"


def main(response) -> str:
    return response.content.decode().split("<main")[1].split("</main>")[0]


def boxes(page: str) -> dict[str, bool]:
    """The unit boxes on the page: value → ticked."""
    found = {}
    for tag in re.findall(r'<input[^>]*name="units"[^>]*>', page):
        found[re.search(r'value="(\d+)"', tag).group(1)] = " checked" in tag
    return found


def test_no_list_of_every_unit_and_a_search_keeps_what_was_typed(leader, world):
    assert reverse("insight:collaboration_create") == CREATE
    client = client_for(leader)
    page = main(client.get(CREATE))
    assert boxes(page) == {} and "Förskolan Ekorren" not in page and "BVC Norra" not in page
    assert 'name="units_search"' in page and "Sök efter en enhet på början av dess namn" in page
    found = client.post(CREATE, {"name": "Familjecentralen Norra", "kind": "family_centre", "maturity": "3",
                                 "units_search": "förskolan", "pick": "units"})
    page = main(found)
    assert found.status_code == 200 and 'id="error-summary"' not in page  # a search is not a save
    assert boxes(page) == {str(world["preschool_a"].pk): False, str(world["preschool_b"].pk): False}
    assert 'value="Familjecentralen Norra"' in page and 'value="förskolan"' in page
    assert "Enheter vars namn börjar så" in page and not CollaborationForm.objects.exists()
    # tick one, search again for another: the ticked one stays, the matches do not repeat it
    again = main(client.post(CREATE, {"name": "Familjecentralen Norra", "kind": "family_centre", "maturity": "3",
                                      "units": [world["preschool_a"].pk], "units_search": "BVC", "pick": "units"}))
    assert boxes(again) == {str(world["preschool_a"].pk): True, str(world["bvc_a"].pk): False}
    nothing = main(client.post(CREATE, {"units_search": "Ekorren", "pick": "units"}))
    assert boxes(nothing) == {} and "Ingen enhet som du kan välja har ett namn som börjar så" in nothing
    saved = client.post(CREATE, {"name": "Familjecentralen Norra", "kind": "family_centre", "maturity": "3",
                                 "units": [world["preschool_a"].pk, world["bvc_a"].pk], "units_search": "BVC"})
    created = CollaborationForm.objects.get()
    assert saved.status_code == 302 and set(created.units.all()) == {world["preschool_a"], world["bvc_a"]}


def test_a_form_error_keeps_the_units_picked(leader, world):
    client = client_for(leader)
    page = main(client.post(CREATE, {"name": "", "kind": "family_centre", "maturity": "3",
                                     "units": [world["bvc_a"].pk, world["social_office"].pk]}))
    assert 'id="error-summary"' in page and "Rätta följande" in page
    assert boxes(page) == {str(world["bvc_a"].pk): True, str(world["social_office"].pk): True}
    assert "BVC Norra" in page and "Socialtjänsten Testköping" in page
    missing = main(client.post(CREATE, {"name": "Familjecentralen", "kind": "family_centre", "maturity": "3"}))
    assert 'href="#id_units_search"' in missing  # the summary leads to the search box
    assert not CollaborationForm.objects.exists()


def test_the_edit_page_shows_the_units_picked_and_no_other(leader, world):
    found = services_mapping.form_create(
        actor=actor_for(leader), name="Familjecentralen Norra", kind="family_centre", description="",
        units=[world["bvc_a"], world["preschool_a"]], areas=[], target_groups=[], since=None, maturity=3)
    page = main(client_for(leader).get(reverse("insight:collaboration_edit", args=[found.pk])))
    assert boxes(page) == {str(world["bvc_a"].pk): True, str(world["preschool_a"].pk): True}
    assert "Förskolan Älgen" not in page


def test_a_coordinator_finds_and_picks_only_the_units_of_their_areas(world):
    north = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["bvc_a"], areas=[world["district_a"]]))
    page = main(north.post(CREATE, {"units_search": "Förskolan", "pick": "units"}))
    assert boxes(page) == {str(world["preschool_a"].pk): False}  # not Älgen, in Södra
    refused = main(north.post(CREATE, {"name": "Familjecentralen", "kind": "family_centre", "maturity": "3",
                                       "units": [world["preschool_b"].pk]}))
    assert 'id="error-summary"' in refused and not CollaborationForm.objects.exists()


def _queries(client, method, url, data=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200
    return len(captured), main(response)


def test_the_page_does_not_grow_with_the_number_of_units(leader, world):
    client = client_for(leader)
    found = services_mapping.form_create(
        actor=actor_for(leader), name="Familjecentralen Norra", kind="family_centre", description="",
        units=[world["bvc_a"]], areas=[], target_groups=[], since=None, maturity=3)
    edit = reverse("insight:collaboration_edit", args=[found.pk])
    search = {"name": "Familjecentralen", "kind": "family_centre", "maturity": "3", "units": [world["bvc_a"].pk],
              "units_search": "Öppna", "pick": "units"}
    error = {"name": "", "kind": "family_centre", "maturity": "3", "units": [world["bvc_a"].pk]}

    def measure():
        client.get(CREATE)  # warm the session and caches alike at both sizes
        return [_queries(client, "get", CREATE), _queries(client, "get", edit),
                _queries(client, "post", CREATE, search), _queries(client, "post", CREATE, error)]

    def add_units(count):
        for n in range(count):
            UnitFactory(name=f"Öppna förskolan {Unit.objects.count():04d} {n}",
                        authority=world["preschool_a"].authority, latitude=59.40, longitude=16.50)
        for area in (world["town"], world["district_a"]):
            recompute_area_units(area)

    add_units(3)
    small = measure()
    add_units(27)
    large = measure()
    assert [count for count, _ in small] == [count for count, _ in large]
    # no box, the one picked, the one picked + the matches (at most PICK_LIMIT), the one picked
    assert [len(boxes(page)) for _, page in small] == [0, 1, 1 + 3, 1]
    assert [len(boxes(page)) for _, page in large] == [0, 1, 1 + 20, 1]
    assert "skriv mer av namnet" in large[2][1] and "skriv mer av namnet" not in small[2][1]
